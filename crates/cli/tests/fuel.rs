//! Fuel slicing does not change what a program does: every golden program
//! with exit code 0, 1 or 3 is run once without slicing, then again with
//! fuel budgets b = 1, 2, 3, ... (calling `Vm::run(Some(b))` again after each
//! `OutOfFuel`), and each sliced run must print the same output, end the same
//! way and execute the same number of instructions.
//!
//! Budgets: every b in 1..=64 (slices that end inside calls, loops, handlers
//! and returns at every phase), then 97, 128, 255, 256, 1000, 1024, 4096,
//! 10007 and 65536, and N-1, N, N+1 for a program of N instructions. Each
//! budget runs the whole program again, so the cost is about N times the
//! number of budgets; to keep the test fast in a debug build, a program may
//! use at most `WORK_CAP` instructions over all its budgets, taken in the
//! order above after a few spread-out ones (1, 2, 3, 7, 64, 1000, N-1).
//! A program too long for even two of those (`examples/loop.asm` runs 30
//! million instructions) gets the budgets 7919 and N-1 only.
//!
//! The programs are loaded with the CLI's own loader and run with the VM
//! settings of their `.args` (`--fuel`, `--max-depth`, `--max-heap`); the
//! unsliced run is also compared with the `.out` file, so the harness cannot
//! silently drift from what the binary does.

mod common;

use clap::Parser;
use common::{expectations, programs_under, Expect, PROGRAM_ROOTS};
use rhodium::cli::{Cli, Command};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use vm::{Config, Outcome, RunError, SharedCapture, Vm};

/// Instructions a program may execute over all its budgets.
const WORK_CAP: u64 = 6_000_000;

/// Options whose effect the harness reproduces; with others in `.args`, the
/// comparison with `.out` is skipped (the sliced/unsliced comparison is not).
const KNOWN_OPTIONS: &[&str] = &["--fuel", "--max-depth", "--max-heap", "--trace"];

#[derive(Debug, PartialEq, Clone)]
struct Observed {
    stdout: String,
    stderr: String,
    outcome: String,
    executed: u64,
}

struct Setup {
    module: bytecode::VerifiedModule,
    config: Config,
    fuel: Option<u64>,
}

fn setup(root: &Path, rel: &Path, expect: &Expect) -> Result<Setup, String> {
    let path = root.join(rel);
    let mut argv: Vec<String> = vec!["rhodium".into(), "run".into()];
    argv.extend(expect.args.iter().cloned());
    argv.push(path.display().to_string());
    let cli = Cli::try_parse_from(&argv).map_err(|e| format!("bad .args: {e}"))?;
    let Command::Run(args) = cli.command else {
        return Err("not a run command".into());
    };
    let program = rhodium::load::load(&path).map_err(|e| e.render())?;
    Ok(Setup {
        module: program.module,
        config: Config {
            max_depth: args.max_depth,
            max_heap: args.max_heap,
            argv: vec![path.display().to_string()],
            ..Config::default()
        },
        fuel: args.fuel,
    })
}

fn describe(vm: &Vm, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Finished(v) => format!("finished: {}", vm.repr(*v)),
        Outcome::OutOfFuel => "out of fuel".into(),
        Outcome::Exit(code) => format!("exit {code}"),
        Outcome::Error(RunError::Limit(l)) => format!("limit: {l}"),
        Outcome::Error(RunError::Exception(r)) => r.render_trap(),
        // Outcomes added later (a blocked or exited process, ...) by their debug form.
        #[allow(unreachable_patterns)]
        other => format!("{other:?}"),
    }
}

/// Runs the program, in slices of `slice` instructions when given, up to the
/// `--fuel` limit of its `.args` when there is one.
fn run(s: &Setup, slice: Option<u64>) -> Observed {
    let host = SharedCapture::default();
    let mut vm = Vm::new(Box::new(host.clone()), s.config.clone());
    let unit = vm.load(s.module.clone());
    vm.start(unit).expect("the unit was just loaded");
    let outcome = loop {
        let left = s.fuel.map(|f| f - vm.instructions_executed());
        let budget = match (slice, left) {
            (Some(b), Some(l)) => Some(b.min(l)),
            (Some(b), None) => Some(b),
            (None, l) => l,
        };
        match vm.run(budget) {
            Outcome::OutOfFuel if left.is_none_or(|l| l > budget.unwrap_or(0)) => continue,
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

/// The budgets for a program of `n` instructions, within the work cap.
fn budgets(n: u64) -> Vec<u64> {
    let mut all: Vec<u64> = vec![1, 2, 3, 7, 64, 1000, n.saturating_sub(1).max(1)];
    all.extend(1..=64);
    all.extend([97, 128, 255, 256, 1000, 1024, 4096, 10007, 65536, n, n + 1]);
    let mut seen = std::collections::HashSet::new();
    all.retain(|b| *b > 0 && seen.insert(*b));
    let affordable = (WORK_CAP / n.max(1)) as usize;
    if affordable < 2 {
        return vec![7919, n.saturating_sub(1).max(1)];
    }
    all.truncate(affordable);
    all
}

fn check(root: &Path, rel: &Path, expect: &Expect) -> Result<usize, String> {
    let s = setup(root, rel, expect)?;
    let whole = run(&s, None);
    let known = expect
        .args
        .iter()
        .all(|a| !a.starts_with("--") || KNOWN_OPTIONS.contains(&a.as_str()));
    if known && expect.out.as_deref() != Some(whole.stdout.as_str()) {
        return Err(format!(
            "the library run disagrees with the .out file:\n{}",
            common::diff(expect.out.as_deref().unwrap_or(""), &whole.stdout, 20)
        ));
    }
    let bs = budgets(whole.executed);
    for b in &bs {
        let sliced = run(&s, Some(*b));
        if sliced != whole {
            return Err(format!(
                "with fuel slices of {b}:\n  unsliced: {whole:?}\n  sliced:   {sliced:?}"
            ));
        }
    }
    Ok(bs.len())
}

#[test]
fn fuel_slices_do_not_change_results() {
    let root = common::repo_root();
    let programs: Vec<(PathBuf, Expect)> = programs_under(&root, PROGRAM_ROOTS)
        .into_iter()
        .filter_map(|p| {
            let e = expectations(&root.join(&p)).ok()?;
            // Programs of many processes need the process runtime, which
            // slices them itself (crates/runtime); this harness runs one VM.
            let single = !p.starts_with("tests/programs/processes");
            (single && e.out.is_some() && matches!(e.code, 0 | 1 | 3)).then_some((p, e))
        })
        .collect();
    assert!(!programs.is_empty(), "no golden programs found");
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            // Main-thread-sized stacks: deep values are printed recursively.
            std::thread::Builder::new()
                .stack_size(8 << 20)
                .spawn_scoped(scope, || loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some((p, e)) = programs.get(i) else {
                        break;
                    };
                    let r = check(&root, p, e);
                    if let Ok(mut v) = results.lock() {
                        v.push((p.clone(), r));
                    }
                })
                .expect("spawn a worker");
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by(|a, b| a.0.cmp(&b.0));
    let failures: Vec<String> = results
        .iter()
        .filter_map(|(p, r)| r.as_ref().err().map(|e| format!("{}: {e}", p.display())))
        .collect();
    assert_eq!(results.len(), programs.len(), "a worker died");
    assert!(
        failures.is_empty(),
        "{} of {} programs behave differently under fuel slicing:\n\n{}",
        failures.len(),
        programs.len(),
        failures.join("\n\n")
    );
    let budgets: usize = results.iter().filter_map(|(_, r)| r.as_ref().ok()).sum();
    eprintln!("{} programs, {budgets} sliced runs", programs.len());
}

#[test]
fn budgets_cover_small_slices_and_respect_the_cap() {
    let b = budgets(500);
    assert!((1..=64).all(|x| b.contains(&x)), "{b:?}");
    assert!(b.contains(&499) && b.contains(&500) && b.contains(&501));
    assert_eq!(budgets(WORK_CAP / 3), vec![1, 2, 3]);
    assert_eq!(budgets(WORK_CAP * 10), vec![7919, WORK_CAP * 10 - 1]);
}
