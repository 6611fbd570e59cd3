//! The `rhodium` command on bad input: missing and mistyped files, damaged
//! `.rbc` files, bad arguments, hostile programs. Every case must end with
//! one of the documented exit codes (0 success, 1 runtime error, 2 could not
//! load, 3 limit), never with a panic (101) or a signal.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use testkit::Rng;

fn rhodium<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rhodium"))
        .args(args)
        .current_dir(repo())
        .stdin(Stdio::null())
        .output()
        .expect("run rhodium")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tmp(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("create a temporary directory");
    d
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The exit code, failing on panics and signals.
fn code(o: &Output, what: &str) -> i32 {
    match o.status.code() {
        Some(101) => panic!("{what}: rhodium panicked:\n{}", stderr(o)),
        Some(c) => c,
        None => panic!("{what}: rhodium was killed by a signal ({:?})", o.status),
    }
}

#[test]
fn a_missing_file_cannot_be_loaded() {
    for cmd in ["run", "disasm", "asm"] {
        let o = rhodium(&[cmd, "no/such/file.asm"]);
        assert_eq!(code(&o, cmd), 2, "{cmd}");
        assert!(
            stderr(&o).contains("error: cannot read no/such/file.asm"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn an_unknown_file_type_cannot_be_loaded() {
    let d = tmp("unknown-type");
    for name in ["prog.txt", "prog", "prog.ASMX", ".asm"] {
        let p = d.join(name);
        std::fs::write(&p, ".func main()\n    returnnone\n.end\n").expect("write");
        let o = rhodium(&["run".into(), OsStrArg::from(&p)]);
        assert_eq!(code(&o, name), 2, "{name}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("unknown program type"),
            "{}",
            stderr(&o)
        );
    }
    // A directory, with and without a program extension.
    let dir = d.join("dir.asm");
    std::fs::create_dir_all(&dir).expect("mkdir");
    assert_eq!(
        code(&rhodium(&["run".into(), OsStrArg::from(&dir)]), "dir"),
        2
    );
    assert_eq!(
        code(&rhodium(&["run".into(), OsStrArg::from(&d)]), "dir"),
        2
    );
}

/// A path argument for `rhodium`, from a `Path` or a `&str`.
struct OsStrArg(std::ffi::OsString);
impl From<&PathBuf> for OsStrArg {
    fn from(p: &PathBuf) -> Self {
        OsStrArg(p.as_os_str().to_owned())
    }
}
impl From<&str> for OsStrArg {
    fn from(s: &str) -> Self {
        OsStrArg(s.into())
    }
}
impl AsRef<std::ffi::OsStr> for OsStrArg {
    fn as_ref(&self) -> &std::ffi::OsStr {
        &self.0
    }
}

#[test]
fn unreadable_sources_cannot_be_loaded() {
    let d = tmp("unreadable");
    let cases: [(&str, &[u8], &str); 3] = [
        (
            "latin1.asm",
            b"; caf\xe9\n.func main()\n    returnnone\n.end\n",
            "cannot read",
        ),
        ("empty.asm", b"", "the file defines no function"),
        ("nul.asm", b"\0\0\0", "unexpected character"),
    ];
    for (name, bytes, message) in cases {
        let p = d.join(name);
        std::fs::write(&p, bytes).expect("write");
        let o = rhodium(&["run".into(), OsStrArg::from(&p)]);
        assert_eq!(code(&o, name), 2, "{name}");
        assert!(stderr(&o).contains(message), "{name}: {}", stderr(&o));
    }
}

/// Every truncation of a `.rbc` file, and every flipped bit in it, is
/// refused with exit code 2 before anything runs.
#[test]
fn truncated_and_flipped_bytecode_is_refused() {
    let d = tmp("damaged");
    let good = d.join("hello.rbc");
    let o = rhodium(&[
        "asm".into(),
        OsStrArg::from("examples/hello.asm"),
        "-o".into(),
        OsStrArg::from(&good),
    ]);
    assert_eq!(code(&o, "asm"), 0, "{}", stderr(&o));
    let bytes = std::fs::read(&good).expect("read the module");
    let o = rhodium(&["run".into(), OsStrArg::from(&good)]);
    assert_eq!(code(&o, "good"), 0);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "Hello, world!\n");
    let bad = d.join("bad.rbc");
    let mut checked = 0;
    for len in 0..bytes.len() {
        std::fs::write(&bad, &bytes[..len]).expect("write");
        let o = rhodium(&["run".into(), OsStrArg::from(&bad)]);
        assert_eq!(
            code(&o, "truncated"),
            2,
            "cut to {len} bytes: {}",
            stderr(&o)
        );
        assert!(o.stdout.is_empty(), "cut to {len} bytes, it ran");
        checked += 1;
    }
    // Every byte, with a low and a high bit flipped.
    for i in 0..bytes.len() {
        for bit in [0x01u8, 0x80] {
            let mut b = bytes.clone();
            b[i] ^= bit;
            std::fs::write(&bad, &b).expect("write");
            let o = rhodium(&["run".into(), OsStrArg::from(&bad)]);
            assert_eq!(
                code(&o, "flipped"),
                2,
                "byte {i} ^ {bit:#x}: {}",
                stderr(&o)
            );
            assert!(o.stdout.is_empty(), "byte {i} ^ {bit:#x}: it ran");
            checked += 1;
        }
    }
    assert!(checked > 100);
}

#[test]
fn bad_arguments_get_a_usage_error() {
    // (`rhodium` with no arguments at all is not here: it may start a REPL.)
    let cases: &[&[&str]] = &[
        &["frobnicate"],
        &["run"],
        &["run", "--fuel"],
        &["run", "--fuel", "abc", "examples/hello.asm"],
        &["run", "--fuel", "-5", "examples/hello.asm"],
        &[
            "run",
            "--fuel",
            "99999999999999999999999",
            "examples/hello.asm",
        ],
        &["run", "--max-depth", "x", "examples/hello.asm"],
        &["run", "--max-heap", "1e9", "examples/hello.asm"],
        &["run", "--no-such-option", "examples/hello.asm"],
        &["asm"],
        &["asm", "examples/hello.asm", "-o"],
        &["disasm"],
        &["disasm", "a.asm", "b.asm"],
    ];
    for args in cases {
        let o = rhodium(args);
        assert_eq!(code(&o, &args.join(" ")), 2, "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("Usage:") || (err.starts_with("error:") && err.contains("--help")),
            "{args:?} gave no usage error: {err}"
        );
    }
}

#[test]
fn every_subcommand_has_help() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["help"],
        &["run", "--help"],
        &["asm", "--help"],
        &["disasm", "--help"],
        &["help", "run"],
        &["--version"],
    ] {
        let o = rhodium(args);
        assert_eq!(code(&o, &args.join(" ")), 0, "{args:?}");
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(
            out.contains("Usage:") || out.contains("rhodium"),
            "{args:?}: {out}"
        );
    }
    let o = rhodium(&["run", "--help"]);
    let out = String::from_utf8_lossy(&o.stdout);
    for option in ["--fuel", "--trace", "--max-depth", "--max-heap"] {
        assert!(out.contains(option), "run --help lacks {option}:\n{out}");
    }
}

#[test]
fn division_by_zero_traps_with_its_location() {
    let o = rhodium(&["run", "tests/programs/asm/errors/div_zero.asm"]);
    assert_eq!(code(&o, "div_zero"), 1);
    let err = stderr(&o);
    assert!(err.contains("ZeroDivisionError"), "{err}");
    // Function, instruction and source line of the faulting instruction.
    assert!(
        err.contains(
            "at average (function 1, instruction 0, tests/programs/asm/errors/div_zero.asm:18:5)"
        ),
        "{err}"
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout), "before\n");
}

#[test]
fn limits_exit_with_code_3() {
    let o = rhodium(&["run", "--fuel", "1000", "examples/loop.asm"]);
    assert_eq!(code(&o, "fuel"), 3);
    assert_eq!(
        stderr(&o),
        "error: fuel exhausted after 1000 instructions\n"
    );
    // Regression: limits below the first collection threshold (4 MiB) were
    // not checked until the heap reached it.
    let o = rhodium(&["run", "--max-heap", "0", "examples/strings.asm"]);
    assert_eq!(code(&o, "heap"), 3, "{}", stderr(&o));
    assert_eq!(stderr(&o), "error: memory limit of 0 bytes exceeded\n");
    // Resource settings at their extremes are not crashes either.
    for args in [
        &["run", "--fuel", "0", "examples/hello.asm"][..],
        &["run", "--max-depth", "0", "examples/fib.asm"],
        &["run", "--max-depth", "1", "examples/fib.asm"],
        &["run", "--fuel", "18446744073709551615", "examples/fib.asm"],
        &[
            "run",
            "--max-heap",
            "18446744073709551615",
            "examples/hello.asm",
        ],
        &["run", "--trace", "--fuel", "5", "examples/fib.asm"],
    ] {
        let o = rhodium(args);
        assert!(
            matches!(code(&o, &args.join(" ")), 0 | 1 | 3),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn an_unwritable_output_is_a_load_error() {
    let o = rhodium(&["asm", "examples/hello.asm", "-o", "no/such/dir/out.rbc"]);
    assert_eq!(code(&o, "asm"), 2);
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
}

/// `asm` never writes over its own input: a module given without `-o`, or a
/// source named as its own output, is refused and left as it was.
#[test]
fn asm_refuses_to_overwrite_its_input() {
    let d = tmp("overwrite");
    let src = d.join("hello.asm");
    std::fs::copy(repo().join("examples/hello.asm"), &src).expect("copy the source");
    let before = std::fs::read(&src).expect("read the source");
    let o = rhodium(&[
        OsStrArg::from("asm"),
        OsStrArg::from(&src),
        "-o".into(),
        OsStrArg::from(&src),
    ]);
    assert_eq!(code(&o, "asm over source"), 2);
    assert!(stderr(&o).contains("over its own input"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&src).expect("read the source"), before);

    let o = rhodium(&[OsStrArg::from("asm"), OsStrArg::from(&src)]);
    assert_eq!(code(&o, "asm"), 0, "{}", stderr(&o));
    let module = d.join("hello.rbc");
    let o = rhodium(&[OsStrArg::from("asm"), OsStrArg::from(&module)]);
    assert_eq!(code(&o, "asm of a module"), 2);
    assert!(stderr(&o).contains("over its own input"), "{}", stderr(&o));
}

/// A reader that goes away: writing to a closed pipe is an error the
/// program sees, not a crash.
#[test]
fn a_closed_stdout_is_not_a_crash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rhodium"))
        .args(["run", "--fuel", "3000000", "examples/strings.asm"])
        .current_dir(repo())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run rhodium");
    drop(child.stdout.take());
    let o = child.wait_with_output().expect("wait");
    code(&o, "closed stdout");
}

/// The repository's programs, damaged at random, through the binary with
/// limits: any outcome but a crash.
#[test]
fn damaged_programs_never_crash_the_binary() {
    let d = tmp("mutants");
    let mut rng = Rng::new(2024);
    let mut sources = Vec::new();
    for dir in ["examples", "tests/programs/asm"] {
        for e in std::fs::read_dir(repo().join(dir))
            .expect("read dir")
            .flatten()
        {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "asm") {
                sources.push(std::fs::read_to_string(&p).expect("read"));
            }
        }
    }
    assert!(!sources.is_empty());
    let mut ran = 0;
    for i in 0..120 {
        let src = &sources[i % sources.len()];
        let damaged = testkit::mutate::text(&mut rng, src);
        let p = d.join(format!("m{i}.asm"));
        std::fs::write(&p, &damaged).expect("write");
        let o = rhodium(&[
            "run".into(),
            "--fuel".into(),
            "20000".into(),
            "--max-heap".into(),
            "20000000".into(),
            OsStrArg::from(&p),
        ]);
        let c = code(&o, &damaged);
        if c != 2 {
            ran += 1;
        }
        let o = rhodium(&["disasm".into(), OsStrArg::from(&p)]);
        code(&o, &damaged);
    }
    assert!(ran > 0, "no damaged program got past loading");
}

/// Values nested far deeper than the VM's limits: printing, comparing and
/// hashing them raise RecursionError instead of overflowing the native stack.
#[test]
fn deeply_nested_values_do_not_overflow_the_stack() {
    let o = rhodium(&["run", "tests/programs/asm/deep_nesting.asm"]);
    assert_eq!(code(&o, "deep nesting"), 0, "{}", stderr(&o));
}
