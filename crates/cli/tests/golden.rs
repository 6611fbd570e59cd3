//! The golden tests: every program under `tests/programs/` and `examples/`
//! that has a sibling `.out` file is run with the built `rhodium` binary as
//! `rhodium run [ARGS] FILE` (from the repository root, FILE relative to it),
//! and its stdout, exit code and (when a `.err` file exists) stderr are
//! compared with the expectation files. See `common/mod.rs` for the format.
//!
//! Every failing program is reported, each with a line diff. The test fails
//! when it finds no program at all, when an expectation file has no program
//! next to it, and when a program has `.err`/`.code`/`.args`/`.stdin` files
//! but no `.out` (so a mistyped name cannot silently disable a test).

mod common;

use common::{diff, expectations, programs_under, walk, Expect, EXPECT_EXTS, PROGRAM_ROOTS};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A program that runs longer than this is reported as hanging (debug build).
const TIMEOUT: Duration = Duration::from_secs(120);

/// What one run of the binary produced.
struct Ran {
    stdout: String,
    stderr: String,
    /// `None` when the process was killed by a signal or timed out.
    code: Option<i32>,
    timed_out: bool,
}

fn run_binary(root: &Path, args: &[String], file: &Path, stdin: &str) -> Result<Ran, String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rhodium"))
        .current_dir(root)
        .arg("run")
        .args(args)
        .arg(file)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start rhodium: {e}"))?;
    let mut input = child.stdin.take().expect("stdin is piped");
    let text = stdin.to_string();
    let writer = std::thread::spawn(move || {
        // The program may exit without reading its input; ignore broken pipes.
        let _ = input.write_all(text.as_bytes());
    });
    let mut out = child.stdout.take().expect("stdout is piped");
    let mut err = child.stderr.take().expect("stderr is piped");
    let out_reader = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let err_reader = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err.read_to_end(&mut b);
        b
    });
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                timed_out = true;
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("cannot wait for rhodium: {e}")),
        }
    };
    let _ = writer.join();
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    Ok(Ran {
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        code: status.and_then(|s| s.code()),
        timed_out,
    })
}

/// Runs one golden program; `Err` describes every way it disagrees.
fn check(root: &Path, rel: &Path, expect: &Expect) -> Result<(), String> {
    let expected_out = expect.out.as_deref().unwrap_or("");
    let ran = run_binary(
        root,
        &expect.args,
        rel,
        expect.stdin.as_deref().unwrap_or(""),
    )?;
    let mut problems = Vec::new();
    if ran.timed_out {
        problems.push(format!("timed out after {TIMEOUT:?}"));
    }
    match ran.code {
        Some(101) => problems.push("rhodium panicked (exit code 101)".to_string()),
        None if !ran.timed_out => problems.push("rhodium was killed by a signal".to_string()),
        _ => {}
    }
    if ran.code != Some(expect.code) {
        problems.push(format!(
            "exit code {} (expected {})",
            ran.code.map_or("none".to_string(), |c| c.to_string()),
            expect.code
        ));
    }
    if ran.stdout != expected_out {
        problems.push(format!(
            "stdout differs (- expected, + actual):\n{}",
            diff(expected_out, &ran.stdout, 60)
        ));
    }
    if let Some(err) = &expect.err {
        if ran.stderr != *err {
            problems.push(format!(
                "stderr differs (- expected, + actual):\n{}",
                diff(err, &ran.stderr, 60)
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        if expect.err.is_none() && !ran.stderr.is_empty() {
            problems.push(format!(
                "(stderr, not checked: {:?})",
                ran.stderr.chars().take(600).collect::<String>()
            ));
        }
        Err(problems.join("\n"))
    }
}

/// Expectation files that belong to no program, and programs that have
/// expectation files but no `.out`.
fn orphans(root: &Path, trees: &[&str], programs: &[PathBuf]) -> Vec<String> {
    let stems: Vec<PathBuf> = programs.iter().map(|p| p.with_extension("")).collect();
    let mut out = Vec::new();
    for t in trees {
        for p in walk(&root.join(t)) {
            let rel = p.strip_prefix(root).unwrap_or(&p).to_path_buf();
            let e = common::ext(&rel);
            if EXPECT_EXTS.contains(&e.as_str()) && !stems.contains(&rel.with_extension("")) {
                out.push(format!(
                    "{}: expectation file without a program next to it",
                    rel.display()
                ));
            }
        }
    }
    for p in programs {
        let abs = root.join(p);
        let has_out = abs.with_extension("out").exists();
        let others: Vec<&str> = ["err", "code", "args", "stdin"]
            .into_iter()
            .filter(|e| abs.with_extension(e).exists())
            .collect();
        if !has_out && !others.is_empty() {
            out.push(format!(
                "{}: has .{} but no .out file, so it is not tested",
                p.display(),
                others.join(", .")
            ));
        }
    }
    out
}

/// Runs every golden program under `trees` of `root`; returns how many ran
/// and the failure reports.
fn run_golden(root: &Path, trees: &[&str]) -> (usize, Vec<String>) {
    let programs = programs_under(root, trees);
    let mut failures = orphans(root, trees, &programs);
    let mut golden: Vec<(PathBuf, Expect)> = Vec::new();
    for p in &programs {
        match expectations(&root.join(p)) {
            Ok(e) if e.out.is_some() => golden.push((p.clone(), e)),
            Ok(_) => {}
            Err(e) => failures.push(format!("{}: {e}", p.display())),
        }
    }
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some((p, e)) = golden.get(i) else {
                    break;
                };
                let r = check(root, p, e);
                if let Ok(mut v) = results.lock() {
                    v.push((p.clone(), e.args.clone(), r));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by(|a, b| a.0.cmp(&b.0));
    for (p, args, r) in results {
        if let Err(msg) = r {
            let args = if args.is_empty() {
                String::new()
            } else {
                format!("{} ", args.join(" "))
            };
            failures.push(format!("FAIL: rhodium run {args}{}\n{msg}", p.display()));
        }
    }
    (golden.len(), failures)
}

#[test]
fn golden_programs() {
    let root = common::repo_root();
    let (count, failures) = run_golden(&root, PROGRAM_ROOTS);
    assert!(
        count > 0,
        "no golden programs found under {PROGRAM_ROOTS:?} of {}",
        root.display()
    );
    assert!(
        failures.is_empty(),
        "{} of {count} golden program(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    eprintln!("{count} golden programs passed");
}

/// The runner itself: a wrong expectation must be reported, with a diff, and
/// so must an orphaned expectation file and an empty tree.
#[test]
fn runner_reports_broken_expectations() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("golden-selftest");
    let _ = std::fs::remove_dir_all(&dir);
    let progs = dir.join("progs");
    std::fs::create_dir_all(&progs).expect("create a temporary directory");
    let hello = ".func main()\n    loadk r0, \"hi\\n\"\n    write r0\n    returnnone\n.end\n";
    let write = |name: &str, text: &str| {
        std::fs::write(progs.join(name), text).expect("write a temporary file");
    };

    // Nothing at all: zero programs.
    assert_eq!(run_golden(&dir, &["progs"]).0, 0);

    // A correct expectation passes.
    write("ok.asm", hello);
    write("ok.out", "hi\n");
    let (count, failures) = run_golden(&dir, &["progs"]);
    assert_eq!((count, failures.len()), (1, 0), "{failures:?}");

    // A wrong stdout, a wrong exit code and a wrong stderr are each reported.
    write("bad.asm", hello);
    write("bad.out", "ho\n");
    write("bad.code", "1\n");
    write("bad.err", "something\n");
    let (count, failures) = run_golden(&dir, &["progs"]);
    assert_eq!(count, 2);
    assert_eq!(failures.len(), 1, "{failures:?}");
    let f = &failures[0];
    assert!(f.contains("bad.asm"), "{f}");
    assert!(f.contains("exit code 0 (expected 1)"), "{f}");
    assert!(f.contains("- \"ho\"") && f.contains("+ \"hi\""), "{f}");
    assert!(f.contains("stderr differs"), "{f}");

    // A program failing to load is compared like any other (exit code 2).
    write("bad.asm", ".func main()\n    bogus r0\n.end\n");
    write("bad.out", "");
    write("bad.code", "2");
    std::fs::remove_file(progs.join("bad.err")).expect("remove a temporary file");
    let (_, failures) = run_golden(&dir, &["progs"]);
    assert!(failures.is_empty(), "{failures:?}");

    // Expectation files without a program, or a program without `.out`.
    write("lonely.out", "x\n");
    write("noout.asm", hello);
    write("noout.code", "0");
    let (_, failures) = run_golden(&dir, &["progs"]);
    assert_eq!(failures.len(), 2, "{failures:?}");
    assert!(failures.iter().any(|f| f.contains("lonely.out")));
    assert!(failures.iter().any(|f| f.contains("noout.asm")));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn diff_shows_changed_lines_with_context_counts() {
    let d = diff("a\nb\nc\nd\n", "a\nB\nc\nd\n", 10);
    assert_eq!(
        d,
        "   (1 equal line(s) before)\n - \"b\"\n + \"B\"\n   (2 equal line(s) after)\n"
    );
    let d = diff("x", "x\n", 10);
    assert!(d.contains("no newline at end"), "{d}");
}
