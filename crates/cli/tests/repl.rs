//! `rhodium repl` (and `rhodium` alone) driven through pipes: transcripts of
//! every mode, errors and multi-line blocks included, with exact stdout,
//! stderr and exit codes. Without a terminal there is no prompt, no banner
//! and no history file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

struct Ran {
    stdout: String,
    stderr: String,
    code: i32,
    /// The home directory the run was given.
    home: PathBuf,
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A directory of its own for each test, under the target directory.
fn scratch(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("repl-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("create a temporary directory");
    d
}

/// Runs `rhodium ARGS` with `input` on stdin; fails the test rather than
/// hang if the session does not end.
fn rhodium(args: &[&str], input: &str) -> Ran {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let home = scratch(&format!("home-{}", RUNS.fetch_add(1, Ordering::SeqCst)));
    let mut child = Command::new(env!("CARGO_BIN_EXE_rhodium"))
        .args(args)
        .current_dir(repo())
        // Nothing may be written to the real home directory.
        .env("RHODIUM_HISTORY", home.join("history"))
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start rhodium");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let text = input.to_string();
    // Written from a thread so a large transcript cannot deadlock on full pipes.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(text.as_bytes());
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        match child.try_wait().expect("wait for rhodium") {
            Some(_) => break,
            None if Instant::now() > deadline => {
                let _ = child.kill();
                panic!("rhodium {args:?} did not finish within two minutes");
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    let _ = writer.join();
    let out = child.wait_with_output().expect("collect the output");
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("rhodium {args:?} was killed by a signal: {:?}", out.status));
    assert_ne!(
        code,
        101,
        "rhodium panicked: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ran {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code,
        home,
    }
}

fn assert_transcript(ran: &Ran, stdout: &str, stderr: &str, code: i32) {
    assert_eq!(
        ran.stdout, stdout,
        "stdout\n--- stderr was:\n{}",
        ran.stderr
    );
    assert_eq!(
        ran.stderr, stderr,
        "stderr\n--- stdout was:\n{}",
        ran.stdout
    );
    assert_eq!(ran.code, code, "exit code");
}

#[test]
fn the_issue_example() {
    let ran = rhodium(&["repl"], "x = 2\nx * 21\n");
    assert_transcript(&ran, "42\n", "", 0);
}

#[test]
fn python_blocks_errors_and_the_session_going_on() {
    let input = "\
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)

fact(20)
[fact(i) for i in range(5)]
print('a', 'b')
None
fact(0) / 0
undefined
1 +
'still here'
for ch in 'ab':
    ch

xs = [1,
      2]
xs
";
    let ran = rhodium(&["repl"], input);
    assert_transcript(
        &ran,
        "2432902008176640000\n[1, 1, 2, 6, 24]\na b\n'still here'\n'a'\n'b'\n[1, 2]\n",
        "Traceback (most recent call last):\n  \
           File \"<stdin>\", line 1, in <module>\n\
         ZeroDivisionError: division by zero\n\
         Traceback (most recent call last):\n  \
           File \"<stdin>\", line 1, in <module>\n\
         NameError: name 'undefined' is not defined\n\
         <stdin>:1:4: error: SyntaxError: Expected an expression\n    1 +\n       ^\n",
        0,
    );
}

#[test]
fn a_traceback_names_the_function_of_an_earlier_input() {
    let input = "def f(x):\n    return x[3]\n\nf([1])\n";
    let ran = rhodium(&["repl"], input);
    assert_transcript(
        &ran,
        "",
        "Traceback (most recent call last):\n  \
           File \"<stdin>\", line 1, in <module>\n  \
           File \"<stdin>\", line 2, in f\n\
         IndexError: list index out of range\n",
        0,
    );
}

#[test]
fn sys_exit_sets_the_exit_code_and_stops_reading() {
    let ran = rhodium(
        &["repl"],
        "import sys\nprint('before')\nsys.exit(4)\nprint('after')\n",
    );
    assert_transcript(&ran, "before\n", "", 4);
}

#[test]
fn quit_ends_the_session_cleanly() {
    let ran = rhodium(&["repl"], "1\n.quit\n2\n");
    assert_transcript(&ran, "1\n", "", 0);
}

#[test]
fn fuel_ends_an_endless_loop_and_the_session_goes_on() {
    let ran = rhodium(
        &["repl"],
        ".fuel 20000\nwhile True:\n    pass\n\n.fuel\n.fuel off\nsum(range(100))\n",
    );
    assert_transcript(
        &ran,
        "fuel: 20000 instructions per input\n4950\n",
        "error: fuel exhausted after 20000 instructions (`.fuel` sets the budget of an input)\n",
        0,
    );
}

#[test]
fn assembly_mode_transcript() {
    let input = "\
LOAD $0 #3
LOAD $1 #0
hello: .asciiz 'tick\\n'
again: PRTS @hello
DEC $0
NEQ $0 $1
DJMPE @again
LOAD $2 #0xFFFFFFFF
ADD $2 $2 $3
MUL $3 $3 $4
!program
.symbols
ADDD $1
DIV $0 $1 $5
LOAD $6 #6
.registers
";
    let ran = rhodium(&["repl", "--mode", "asm"], input);
    let mut registers = String::from("$0 = 0\n$1 = 0\n$2 = -1\n$3 = -2\n$4 = 4\n$5 = 0\n$6 = 6\n");
    for i in 7..32 {
        registers.push_str(&format!("${i} = 0\n"));
    }
    registers.push_str("flag = false\nloop counter = 0\nstack = []\nheap = 0 bytes\n");
    assert_transcript(
        &ran,
        &format!(
            "tick\ntick\ntick\n\
             \x20  1  LOAD $0 #3\n\
             \x20  2  LOAD $1 #0\n\
             \x20  3  hello: .asciiz 'tick\\n'\n\
             \x20  4  again: PRTS @hello\n\
             \x20  5  DEC $0\n\
             \x20  6  NEQ $0 $1\n\
             \x20  7  DJMPE @again\n\
             \x20  8  LOAD $2 #0xFFFFFFFF\n\
             \x20  9  ADD $2 $2 $3\n\
             \x20 10  MUL $3 $3 $4\n\
             hello  line 3    .asciiz 'tick\\n'\n\
             again  line 4    instruction 2 (byte offset 8)\n\
             {registers}"
        ),
        "<stdin>:1:1: error: unknown mnemonic `ADDD`\n    ADDD $1\n    ^^^^ expected an instruction mnemonic (did you mean `ADD`?)\n\
         error: ZeroDivisionError: integer division by zero\n  \
         at main (function 0, instruction 18, <program>:11:1)\n",
        0,
    );
}

#[test]
fn assembly_mode_loads_files_onto_the_running_machine() {
    let dir = scratch("load-file");
    let file = dir.join("double.iasm");
    std::fs::write(
        &file,
        "; doubles $0\n.code\n        ADD $0 $0 $0\n        HLT\n",
    )
    .expect("write the program");
    let input = format!(
        "LOAD $0 #21\n.load_file {0}\n.load_file {0}\n.registers\n.load_file examples/tutorial/hello.iasm\n.clear_program\n.program\n",
        file.display()
    );
    let ran = rhodium(&["repl", "--mode", "asm"], &input);
    assert!(ran.stdout.starts_with("$0 = 84\n"), "{}", ran.stdout);
    assert!(
        ran.stdout.ends_with("(the program is empty)\n"),
        "{}",
        ran.stdout
    );
    // The example's golden output ends with its register dump; the REPL prints what PRTS prints.
    let hello: String = std::fs::read_to_string(repo().join("examples/tutorial/hello.out"))
        .unwrap_or_default()
        .lines()
        .take_while(|l| !l.starts_with('$'))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        !hello.is_empty(),
        "examples/tutorial/hello.out holds the example's output"
    );
    assert!(ran.stdout.contains(&hello), "{}", ran.stdout);
    assert_eq!(ran.stderr, "");
    assert_eq!(ran.code, 0);
}

#[test]
fn calculator_mode_transcript() {
    let input = "\
1234+123
( 4 + 5) / (6*4 / (4-2)) * (7*4) + 3
.vm
1 % 0
2 *
.vm stack
.vm
-5 * -5
9000 + 1
.vm register
9000 + 1
.vm both
";
    let ran = rhodium(&["repl", "--mode", "calc"], input);
    assert_transcript(
        &ran,
        "1357\n3\nregister\nstack\n25\n9001\n",
        "<stdin>:1:3: error: modulus by zero\n    1 % 0\n      ^\n\
         <stdin>:1:4: error: unexpected end of the expression\n    2 *\n       ^ expected a number, `(` or `-`\n\
         <stdin>:1:1: error: the literal 9000 does not fit the stack machine's 14-bit operands\n    9000 + 1\n    ^^^^ expected a literal in -8192..=8191 (the register VM takes any 64-bit literal: --vm register)\n\
         error: `.vm` expects stack or register, not `both`\n",
        0,
    );
}

#[test]
fn modes_switch_and_keep_their_state() {
    let input = "\
total = 10
.mode calc
6 * 7
.mode asm
LOAD $0 #5
.mode python
total + 1
.mode asm
.program
.mode
.registers
";
    let ran = rhodium(&["repl"], input);
    assert!(
        ran.stdout
            .starts_with("42\n11\n   1  LOAD $0 #5\nasm\n$0 = 5\n"),
        "{}",
        ran.stdout
    );
    assert_eq!(ran.stderr, "");
}

#[test]
fn commands_in_the_wrong_place_are_errors_not_crashes() {
    let input = ".registers\n.vm stack\n.dis\n.frobnicate\n!help extra\n.trace sideways\n.load_file\n.mode\n";
    let ran = rhodium(&["repl"], input);
    assert_transcript(
        &ran,
        "python\n",
        "error: `.registers` works in assembly mode (`.mode asm` switches to it)\n\
         error: `.vm` works in calculator mode (`.mode calc` switches to it)\n\
         error: nothing has been compiled yet in this session\n\
         error: unknown command `.frobnicate` (`.help` lists the commands)\n\
         error: `.help` expects no argument, not `extra`\n\
         error: `.trace` expects on or off, not `sideways`\n\
         error: `.load_file` expects the path of a .iasm file\n",
        0,
    );
}

#[test]
fn trace_and_dis_in_python_mode() {
    let ran = rhodium(&["repl"], ".trace on\n40 + 2\n.trace off\n.dis\n");
    assert!(
        ran.stdout.starts_with("42\n; Rhodium bytecode listing"),
        "{}",
        ran.stdout
    );
    assert!(ran.stderr.starts_with("[<module> 0000] "), "{}", ran.stderr);
    assert!(ran.stderr.ends_with("returnnone\n"), "{}", ran.stderr);
    assert_eq!(ran.code, 0);
}

#[test]
fn help_and_history() {
    let ran = rhodium(&["repl"], ".help\nx = 1\n\n.history\n");
    assert!(ran
        .stdout
        .starts_with("Commands (written with `.` or `!` first):\n"));
    assert!(
        ran.stdout
            .ends_with("   1  .help\n   2  x = 1\n   3  .history\n"),
        "{}",
        ran.stdout
    );
    assert_eq!(ran.stderr, "");
}

#[test]
fn an_unknown_mode_is_a_usage_error() {
    let ran = rhodium(&["repl", "--mode", "cobol"], "");
    assert_eq!(ran.code, 2);
    assert!(ran.stderr.contains("cobol"), "{}", ran.stderr);
}

#[test]
fn empty_input_and_bad_bytes_end_cleanly() {
    for mode in ["python", "asm", "calc"] {
        let ran = rhodium(&["repl", "--mode", mode], "");
        assert_transcript(&ran, "", "", 0);
        let ran = rhodium(&["repl", "--mode", mode], "\u{fffd}\u{0}\n\n\n");
        assert_eq!(ran.code, 0, "{mode}: {}", ran.stderr);
    }
}

#[test]
fn no_history_file_is_written_without_a_terminal() {
    let ran = rhodium(&["repl"], "1 + 1\n");
    assert_eq!(ran.stdout, "2\n");
    assert!(!ran.home.join("history").exists());
    assert!(!ran.home.join("data").exists());
}

#[test]
fn rhodium_alone_runs_a_piped_python_program() {
    // As `python3 < file`: a script, not a session. The empty line inside
    // the function does not end it, and an expression statement prints nothing.
    let program = "def f():\n    x = 1\n\n    return x + 1\n\nf()\nprint(f())\n";
    let ran = rhodium(&[], program);
    assert_transcript(&ran, "2\n", "", 0);
    let ran = rhodium(&[], "print('a')\n1/0\n");
    assert_transcript(
        &ran,
        "a\n",
        "Traceback (most recent call last):\n  File \"<stdin>\", line 2, in <module>\n    1/0\nZeroDivisionError: division by zero\n",
        1,
    );
    let ran = rhodium(&[], "1 +\n");
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr.starts_with("<stdin>:1:4: error: SyntaxError"),
        "{}",
        ran.stderr
    );
}

#[test]
fn many_random_lines_never_crash_any_mode() {
    let mut rng = testkit::Rng::new(0x5eed_4e91);
    let pieces = [
        "x", "=", "1", "+", "(", ")", "[", "]", ":", "def", "if", "while", "'", "\"", "#", ".",
        "!", "mode", "asm", "calc", "python", "LOAD", "$0", "$31", "#5", "@l", "l:", "DJMPE",
        "JMP", "POP", "RET", "CALL", "ALOC", "/", "%", "0", "-", "\\", "\t", " ", "fuel", "1000",
        "trace", "on", "vm", "stack", "quit_not", "é",
    ];
    let mut input = String::from(".fuel 100000\n");
    for _ in 0..400 {
        let n = rng.below(6);
        let line: Vec<&str> = (0..n).map(|_| *rng.pick(&pieces)).collect();
        input.push_str(&line.join(if rng.chance(50) { " " } else { "" }));
        input.push('\n');
    }
    for mode in ["python", "asm", "calc"] {
        let ran = rhodium(&["repl", "--mode", mode], &input);
        assert!(
            ran.code == 0 || ran.code == 1,
            "{mode}: exit code {} with stderr {}",
            ran.code,
            ran.stderr
        );
    }
}
