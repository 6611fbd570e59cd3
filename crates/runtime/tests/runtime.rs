//! The runtime's behaviour on one and on two worker threads: preemption,
//! isolation of failures (limits, panics), delivery, and how the main
//! process ends the program. The golden programs in
//! tests/programs/processes/ cover the language surface through the CLI.

mod common;

use common::{run, run_with, Ran};
use runtime::{Ending, LimitHit, Options};
use std::time::Duration;
use vm::message::Message;
use vm::process::ProcessLimits;

fn options(workers: usize) -> Options {
    Options {
        workers,
        timeout: Some(Duration::from_secs(60)),
        ..Options::default()
    }
}

fn expect_ok(ran: &Ran) {
    assert!(
        ran.ok(),
        "the main process ended with {:?}\nstdout:\n{}\nstderr:\n{}",
        ran.result.ending,
        ran.stdout,
        ran.stderr
    );
}

const ENDLESS: &str = r#"
import process

def spin():
    while True:
        pass

def worker(parent, k):
    total = 0
    for i in range(20000):
        total += k
    process.send(parent, total)

me = process.self()
for _ in range(3):
    process.spawn(spin)
for k in range(5):
    process.spawn(worker, me, k)
print(sorted(process.receive() for _ in range(5)))
"#;

#[test]
fn an_endless_loop_does_not_starve_the_others() {
    for workers in [1, 2] {
        let ran = run(ENDLESS, workers);
        expect_ok(&ran);
        assert_eq!(
            ran.stdout, "[0, 20000, 40000, 60000, 80000]\n",
            "{workers} workers"
        );
    }
}

#[test]
fn an_endless_main_process_does_not_starve_the_others() {
    let src = r#"
import process

def worker(parent):
    process.send(parent, "done")

me = process.self()
process.spawn(worker, me)
n = 0
while True:
    n += 1
    try:
        print(process.receive(timeout=0))
        break
    except TimeoutError:
        pass
"#;
    let ran = run(src, 1);
    expect_ok(&ran);
    assert_eq!(ran.stdout, "done\n");
}

#[test]
fn unbounded_allocation_stops_at_the_heap_limit_and_the_others_finish() {
    let src = r#"
import process

def hog():
    data = []
    while True:
        data.append([0] * 100)

def worker(parent, k):
    process.send(parent, ("worker", k))

me = process.self()
process.spawn_opt(hog, (), max_heap=500000, monitor=True)
for k in range(3):
    process.spawn(worker, me, k)
for m in sorted([process.receive() for _ in range(4)], key=str):
    print(m[0], m[3] if m[0] == "DOWN" else m[1])
"#;
    for workers in [1, 2] {
        let ran = run(src, workers);
        expect_ok(&ran);
        assert_eq!(
            ran.stdout,
            "DOWN max_heap exceeded\nworker 0\nworker 1\nworker 2\n"
        );
        assert_eq!(ran.stderr, "", "a monitored process gets no crash report");
    }
}

#[test]
fn a_panic_inside_the_vm_ends_only_its_process() {
    let src = r#"
import process

def victim():
    process._panic()

def watched_victim():
    process.receive()
    process._panic()

def worker(parent, k):
    process.send(parent, ("worker", k))

me = process.self()
v = process.spawn(watched_victim)
ref = process.monitor(v)
process.send(v, "go")
u = process.spawn(victim)
for k in range(3):
    process.spawn(worker, me, k)
for m in sorted([process.receive() for _ in range(4)], key=str):
    print(m[0], m[3] if m[0] == "DOWN" else m[1])
while process.alive(u):
    process.sleep(0.001)
print("main goes on")
"#;
    for workers in [1, 2] {
        let ran = run_with(
            src,
            Options {
                test_hooks: true,
                ..options(workers)
            },
        );
        expect_ok(&ran);
        assert_eq!(
            ran.stdout,
            "DOWN internal error\nworker 0\nworker 1\nworker 2\nmain goes on\n"
        );
        assert_eq!(
            ran.stderr,
            "error: process <pid 3> crashed: internal error\n"
        );
    }
}

#[test]
fn the_panic_hook_exists_only_for_tests() {
    let src = r#"
import process

def victim():
    process._panic()

ref = process.monitor(process.spawn(victim))
print(process.receive()[3])
"#;
    let ran = run(src, 1);
    expect_ok(&ran);
    assert_eq!(
        ran.stdout,
        "AttributeError: module 'process' has no attribute '_panic'\n"
    );
}

#[test]
fn a_panic_in_the_main_process_ends_the_program() {
    let src = "import process\nprocess._panic()\n";
    let ran = run_with(
        src,
        Options {
            test_hooks: true,
            ..options(1)
        },
    );
    assert!(
        matches!(ran.result.ending, Ending::Panic),
        "{:?}",
        ran.result.ending
    );
}

#[test]
fn thousands_of_processes_get_every_message_exactly_once() {
    let src = r#"
import process

N = 3000
K = 4

def member(index, prev, parent):
    for j in range(K):
        process.send(prev, (index, j))
    got = [process.receive() for _ in range(K)]
    process.send(parent, ("report", index, got == [(index + 1, j) for j in range(K)]))

me = process.self()
prev = me
for i in range(N):
    prev = process.spawn(member, i, prev, me)
for j in range(K):
    process.send(prev, (N, j))
good = 0
first = []
for _ in range(N + K):
    m = process.receive()
    if m[0] == "report":
        good += m[2]
    else:
        first.append(m)
print(good, first == [(0, j) for j in range(K)])
try:
    process.receive(timeout=0.02)
except TimeoutError:
    print("no duplicates")
"#;
    for workers in [1, 2] {
        let ran = run(src, workers);
        expect_ok(&ran);
        assert_eq!(
            ran.stdout, "3000 True\nno duplicates\n",
            "{workers} workers"
        );
    }
}

#[test]
fn a_slice_of_one_instruction_changes_nothing() {
    let src = r#"
import process

def echo(parent):
    while True:
        m = process.receive()
        if m is None:
            return
        process.send(parent, m * 2)

me = process.self()
pids = [process.spawn(echo, me) for _ in range(5)]
total = 0
for round in range(20):
    for p in pids:
        process.send(p, round)
    for p in pids:
        total += process.receive()
for p in pids:
    process.send(p, None)
print(total)
"#;
    for workers in [1, 2] {
        for slice in [1, 2, 7] {
            let ran = run_with(
                src,
                Options {
                    slice,
                    ..options(workers)
                },
            );
            expect_ok(&ran);
            assert_eq!(ran.stdout, "1900\n", "{workers} workers, slice {slice}");
        }
    }
}

#[test]
fn pids_are_never_reused() {
    let src = r#"
import process

def quick():
    pass

last = 1
increasing = True
for i in range(300):
    p = process.spawn(quick)
    ref = process.monitor(p)
    process.receive()
    n = int(str(p)[5:-1])
    increasing = increasing and n > last
    last = n
print(increasing, process.self())
"#;
    let ran = run(src, 2);
    expect_ok(&ran);
    assert_eq!(ran.stdout, "True <pid 1>\n");
}

#[test]
fn a_program_where_everyone_waits_is_a_deadlock_not_a_hang() {
    let src = "import process\ndef w():\n    process.receive()\nprocess.spawn(w)\nprocess.spawn(w)\nprocess.receive()\n";
    for workers in [1, 2] {
        let ran = run(src, workers);
        assert!(
            matches!(ran.result.ending, Ending::Deadlock),
            "{:?}",
            ran.result.ending
        );
    }
}

#[test]
fn a_pending_timer_is_not_a_deadlock() {
    let src = "import process\ntry:\n    process.receive(timeout=0.05)\nexcept TimeoutError:\n    print('timed out')\n";
    let ran = run(src, 1);
    expect_ok(&ran);
    assert_eq!(ran.stdout, "timed out\n");
}

#[test]
fn the_timeout_ends_a_program_that_runs_too_long() {
    let src = "while True:\n    pass\n";
    let ran = run_with(
        src,
        Options {
            timeout: Some(Duration::from_millis(100)),
            ..options(2)
        },
    );
    assert!(
        matches!(ran.result.ending, Ending::Timeout(_)),
        "{:?}",
        ran.result.ending
    );
}

#[test]
fn limits_of_the_main_process() {
    let src = "n = 0\nwhile True:\n    n += 1\n";
    let limits = ProcessLimits {
        max_instructions: Some(12345),
        ..ProcessLimits::default()
    };
    let ran = run_with(
        src,
        Options {
            main_limits: limits,
            ..options(1)
        },
    );
    assert!(
        matches!(
            ran.result.ending,
            Ending::Limit(LimitHit::Instructions(12345))
        ),
        "{:?}",
        ran.result.ending
    );
    assert_eq!(ran.result.instructions, 12345);

    let src = "data = []\nwhile True:\n    data.append([0] * 100)\n";
    let limits = ProcessLimits {
        max_heap: Some(300_000),
        ..ProcessLimits::default()
    };
    let ran = run_with(
        src,
        Options {
            main_limits: limits,
            ..options(1)
        },
    );
    assert!(
        matches!(ran.result.ending, Ending::Limit(LimitHit::Heap(300_000))),
        "{:?}",
        ran.result.ending
    );
}

#[test]
fn how_the_main_process_ends() {
    let ran = run("import sys\nprint('x')\nsys.exit(4)\n", 1);
    assert!(matches!(ran.result.ending, Ending::SysExit(4)));
    assert_eq!(ran.stdout, "x\n");

    let ran = run("import process\nprocess.exit(('bye', 1))\n", 1);
    match &ran.result.ending {
        Ending::Exited(Message::Tuple(t)) => {
            assert_eq!(t, &vec![Message::str("bye"), Message::Int(1)])
        }
        other => panic!("{other:?}"),
    }

    let ran = run("x = 1 / 0\n", 1);
    match &ran.result.ending {
        Ending::Exception(report) => assert_eq!(
            report.exception_line(),
            "ZeroDivisionError: division by zero"
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        ran.stderr, "",
        "the main process's traceback is the caller's to print"
    );
}

#[test]
fn a_process_that_cannot_start_ends_with_the_reason() {
    let src = r#"
import process

def two(a, b):
    pass

ref = process.monitor(process.spawn(two, 1))
print(process.receive()[3])
"#;
    let ran = run(src, 1);
    expect_ok(&ran);
    assert!(ran.stdout.starts_with("TypeError: "), "{}", ran.stdout);
    assert_eq!(ran.stderr, "", "monitored: no crash report");
}

#[test]
fn trace_covers_the_main_process_only() {
    let src = "import process\ndef child():\n    x = 1\nprocess.monitor(process.spawn(child))\nprocess.receive()\n";
    let ran = run_with(
        src,
        Options {
            trace_main: true,
            ..options(2)
        },
    );
    expect_ok(&ran);
    assert!(ran.stderr.contains("[<module> 0000]"), "{}", ran.stderr);
    assert!(!ran.stderr.contains("[child "), "{}", ran.stderr);
}

#[test]
fn the_program_ends_with_its_main_process_while_others_wait_or_run() {
    let src = r#"
import process

def waiter():
    process.receive()

def sleeper():
    process.sleep(3600)

def spinner():
    while True:
        pass

for f in [waiter, sleeper, spinner]:
    process.spawn(f)
print("bye")
"#;
    for workers in [1, 2] {
        let ran = run(src, workers);
        expect_ok(&ran);
        assert_eq!(ran.stdout, "bye\n");
    }
}

#[test]
fn a_supervisor_restarts_a_crashing_child_on_one_worker() {
    let src = r#"
import process
import supervisor

def child(parent, name):
    process.send(parent, ("up", name))
    m = process.receive()
    raise ValueError(m)

me = process.self()
sup = supervisor.start([(child, (me, "a"), "permanent"), (child, (me, "b"), "temporary")])
print(sorted(process.receive() for _ in range(2)))
"#;
    let ran = run(src, 1);
    expect_ok(&ran);
    assert_eq!(ran.stdout, "[('up', 'a'), ('up', 'b')]\n");
}

#[test]
fn a_timer_wakes_its_process_while_another_spins_on_the_same_worker() {
    let src = r#"
import process

def spin():
    while True:
        pass

def napper(parent):
    process.sleep(0.01)
    process.send(parent, "rested")

me = process.self()
process.spawn(spin)
process.spawn(napper, me)
process.sleep(0.02)
try:
    print(process.receive(timeout=0.01))
except TimeoutError:
    print(process.receive())
"#;
    for workers in [1, 2] {
        let ran = run(src, workers);
        expect_ok(&ran);
        assert_eq!(ran.stdout, "rested\n", "{workers} workers");
    }
}

/// A host that counts how many of its kind are alive (each VM owns one).
struct Counted(std::sync::Arc<std::sync::atomic::AtomicIsize>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

impl vm::Host for Counted {
    fn write_stdout(&mut self, _: &str) -> std::io::Result<()> {
        Ok(())
    }
    fn write_stderr(&mut self, _: &str) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn every_process_is_freed_when_the_program_ends() {
    let src = r#"
import process

def waiter():
    process.receive()

def sleeper():
    process.sleep(3600)

def spinner():
    while True:
        pass

for f in [waiter, sleeper, spinner, spinner, spinner]:
    process.spawn(f)
for i in range(200):
    pass
"#;
    // With `free_main_at_exit` off (as `rhodium run` does), only the main
    // process's memory is left to the operating system.
    for (workers, free_main, left) in [(1, true, 0), (2, true, 0), (1, false, 1), (2, false, 1)] {
        let live = std::sync::Arc::new(std::sync::atomic::AtomicIsize::new(0));
        let counter = live.clone();
        let factory: runtime::HostFactory = std::sync::Arc::new(move || {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Box::new(Counted(counter.clone()))
        });
        let module = bytecode::verifier::verify(python::compile(src, "t.py").expect("compiles"))
            .expect("verifies");
        let options = Options {
            free_main_at_exit: free_main,
            ..options(workers)
        };
        let result = runtime::run(module, factory, options).expect("runs");
        assert!(
            matches!(result.ending, Ending::Normal),
            "{:?}",
            result.ending
        );
        assert_eq!(
            live.load(std::sync::atomic::Ordering::SeqCst),
            left,
            "hosts (and so VMs) still alive, {workers} workers, free_main_at_exit {free_main}"
        );
    }
}
