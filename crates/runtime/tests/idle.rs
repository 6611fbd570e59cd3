//! Waiting uses no CPU: while every process waits for a message or sleeps,
//! the worker threads park. This is its own test binary so that no other
//! test's work is counted in the process's CPU time.

mod common;

/// User plus system CPU time of this process, in clock ticks (Linux).
#[cfg(target_os = "linux")]
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may contain spaces) start after ')'.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 here.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

#[cfg(target_os = "linux")]
#[test]
fn waiting_processes_use_no_cpu() {
    let src = r#"
import process

def waiter():
    process.receive()

def sleeper():
    process.sleep(3600)

for _ in range(50):
    process.spawn(waiter)
for _ in range(10):
    process.spawn(sleeper)
process.sleep(1.0)
print("woke")
"#;
    let before = cpu_ticks().expect("/proc/self/stat is readable");
    let ran = common::run(src, 2);
    let after = cpu_ticks().expect("/proc/self/stat is readable");
    assert!(ran.ok(), "{:?}", ran.result.ending);
    assert_eq!(ran.stdout, "woke\n");
    // Clock ticks are 1/100 s on Linux. Spinning workers would burn about
    // 200 ticks (two threads for one second); compiling and starting the
    // program takes a few. The bound only tells parking from spinning.
    let used = after - before;
    assert!(
        used < 50,
        "the run used {used} ticks of CPU while every process waited for a second"
    );
}
