//! Robustness: random programs and damaged modules go through the verifier
//! and, when it accepts them, through the interpreter with a fuel budget and
//! a memory limit. Nothing may panic, and running a program in small fuel
//! slices (resuming after each `OutOfFuel`) must behave exactly like running
//! it in one go.

use bytecode::{format, verifier, Module};
use proptest::prelude::*;
use testkit::program::{self, Options};
use testkit::Rng;
use vm::{Config, Outcome, RunError, SharedCapture, Vm};

/// Instructions each random program may execute.
const FUEL: u64 = 3_000;

fn config() -> Config {
    Config {
        max_depth: 64,
        max_heap: Some(4 << 20),
        argv: vec!["random".into()],
        ..Config::default()
    }
}

/// Everything observable about a run: output, outcome, instructions executed.
#[derive(Debug, PartialEq)]
struct Observed {
    stdout: String,
    stderr: String,
    outcome: String,
    executed: u64,
}

fn describe(vm: &Vm, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Finished(v) => format!("finished: {}", vm.repr(*v)),
        Outcome::OutOfFuel => "out of fuel".into(),
        Outcome::Exit(code) => format!("exit {code}"),
        Outcome::Error(RunError::Limit(l)) => format!("limit: {l}"),
        Outcome::Error(RunError::Exception(r)) => {
            format!("{}\n{}", r.render_trap(), r.render_python(&|_, _| None))
        }
        // Outcomes added later (a blocked or exited process, ...) by their debug form.
        #[allow(unreachable_patterns)]
        other => format!("{other:?}"),
    }
}

/// Runs a verified module for at most `FUEL` instructions, in slices of
/// `slice` instructions (`None`: one slice).
///
/// The run happens on a thread with an 8 MiB stack, the size of a main
/// thread: `repr` and comparisons of values nested up to the VM's depth limit
/// (800) recurse natively and need more than a test thread's 2 MiB in debug
/// builds.
fn run(module: &verifier::VerifiedModule, slice: Option<u64>) -> Observed {
    let module = module.clone();
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || run_here(module, slice))
        .expect("spawn a thread")
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

fn run_here(module: verifier::VerifiedModule, slice: Option<u64>) -> Observed {
    let host = SharedCapture::default();
    let mut vm = Vm::new(Box::new(host.clone()), config());
    let unit = vm.load(module);
    vm.start(unit).expect("the unit was just loaded");
    let outcome = loop {
        let left = FUEL - vm.instructions_executed();
        let budget = slice.map_or(left, |s| s.min(left));
        match vm.run(Some(budget)) {
            Outcome::OutOfFuel if vm.instructions_executed() < FUEL => continue,
            other => break other,
        }
    };
    Observed {
        stdout: host.stdout(),
        stderr: host.stderr(),
        outcome: describe(&vm, &outcome),
        executed: vm.instructions_executed(),
    }
}

fn verify(m: Module) -> Option<verifier::VerifiedModule> {
    verifier::verify(m).ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    /// Random instruction sequences never make the verifier or the
    /// interpreter panic, and fuel slicing does not change what they do.
    #[test]
    fn random_programs_run_without_panics(seed in any::<u64>(), slice in 1u64..40) {
        let m = program::random(seed, &Options::default());
        if let Some(v) = verify(m) {
            let whole = run(&v, None);
            let sliced = run(&v, Some(slice));
            prop_assert_eq!(whole, sliced);
        }
    }

    /// The same with larger programs and more functions.
    #[test]
    fn larger_random_programs_run_without_panics(seed in any::<u64>()) {
        let opts = Options { max_functions: 8, max_code: 120, chaos_percent: 5 };
        if let Some(v) = verify(program::random(seed, &opts)) {
            run(&v, None);
        }
    }
}

/// Damaged `.rbc` files of random programs: reader, verifier, interpreter.
#[test]
fn damaged_modules_run_without_panics() {
    let opts = Options::default();
    let mut rng = Rng::new(0xdead_beef);
    let mut ran = 0;
    for seed in 0..300 {
        let bytes = format::write(&program::random(seed, &opts));
        for _ in 0..8 {
            // Forged damage: the checksum is recomputed, so the damage
            // reaches the reader's structural checks and the verifier.
            let mut damaged = testkit::mutate::bytes(&mut rng, &bytes);
            testkit::mutate::reseal(&mut damaged);
            let Ok(m) = format::read(&damaged) else {
                continue;
            };
            if let Some(v) = verify(m) {
                run(&v, None);
                ran += 1;
            }
        }
    }
    assert!(
        ran > 100,
        "only {ran} damaged modules got to the interpreter"
    );
}

/// Random bytes between a valid header and a valid checksum: mostly
/// refused, never a panic.
#[test]
fn random_bytes_run_without_panics() {
    let mut rng = Rng::new(42);
    for _ in 0..3000 {
        let mut bytes = format::MAGIC.to_vec();
        bytes.extend_from_slice(&format::VERSION.to_le_bytes());
        bytes.extend_from_slice(&[0, 0]);
        let n = rng.below(200);
        bytes.extend((0..n).map(|_| rng.next_u64() as u8));
        testkit::mutate::seal(&mut bytes);
        if let Ok(m) = format::read(&bytes) {
            if let Some(v) = verify(m) {
                run(&v, None);
            }
        }
    }
}

/// The generator is worth running: most programs verify, and many of them
/// run for a while rather than stopping at their first instruction.
#[test]
fn random_programs_reach_the_interpreter() {
    let opts = Options::default();
    let mut verified = 0;
    let mut long_runs = 0;
    for seed in 0..300 {
        if let Some(v) = verify(program::random(seed, &opts)) {
            verified += 1;
            if run(&v, None).executed >= 20 {
                long_runs += 1;
            }
        }
    }
    assert!(verified >= 200, "{verified} of 300 verified");
    assert!(long_runs >= 30, "{long_runs} ran 20 instructions or more");
}
