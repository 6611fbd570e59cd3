//! The session driven line by line, without a terminal: what each mode and
//! command prints, and on which stream.

use repl::{Capture, Console, Flow, Mode, Session};
use std::sync::atomic::Ordering;

struct Ran {
    stdout: String,
    stderr: String,
    /// The exit code when the session asked to quit.
    quit: Option<i32>,
}

fn start(mode: Mode) -> (Session, Capture) {
    let capture = Capture::default();
    let session = Session::new(mode, Console::new(capture.clone()));
    (session, capture)
}

/// Feeds every line of `input`, then the end of input.
fn run(mode: Mode, input: &str) -> Ran {
    let (mut session, capture) = start(mode);
    let mut quit = None;
    for line in input.lines() {
        if let Flow::Quit(code) = session.feed(line) {
            quit = Some(code);
            break;
        }
    }
    if quit.is_none() {
        if let Flow::Quit(code) = session.finish() {
            quit = Some(code);
        }
    }
    let (stdout, stderr) = capture.take();
    Ran {
        stdout,
        stderr,
        quit,
    }
}

fn ok(mode: Mode, input: &str) -> String {
    let r = run(mode, input);
    assert_eq!(r.stderr, "", "unexpected errors for {input:?}");
    r.stdout
}

// ---- Python ----

#[test]
fn an_expression_statement_prints_its_repr_unless_none() {
    assert_eq!(
        ok(Mode::Python, "x = 2\nx * 21\nNone\n'a' + 'b'\nprint('a')"),
        "42\n'ab'\na\n"
    );
}

#[test]
fn inputs_share_one_module() {
    let out = ok(
        Mode::Python,
        "def double(n):\n    return 2 * n\n\nitems = [double(i) for i in range(3)]\nitems\ndouble(len(items))",
    );
    assert_eq!(out, "[0, 2, 4]\n6\n");
}

#[test]
fn a_block_waits_for_the_empty_line_that_ends_it() {
    let (mut session, capture) = start(Mode::Python);
    assert_eq!(session.prompt(), ">>> ");
    session.feed("for i in range(2):");
    assert_eq!(session.prompt(), "... ");
    session.feed("    i");
    assert_eq!(session.prompt(), "... ");
    assert_eq!(capture.stdout(), "", "nothing runs before the block ends");
    session.feed("");
    assert_eq!(session.prompt(), ">>> ");
    assert_eq!(capture.stdout(), "0\n1\n");
}

#[test]
fn open_brackets_continue_and_a_bad_end_is_reported_at_once() {
    assert_eq!(ok(Mode::Python, "xs = [1,\n  2]\nxs"), "[1, 2]\n");
    let r = run(Mode::Python, "1 +\nprint('next')");
    assert_eq!(r.stdout, "next\n", "the line after the error still runs");
    assert!(
        r.stderr.starts_with("<stdin>:1:4: error: SyntaxError:"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_open_block_runs_at_the_end_of_input() {
    assert_eq!(ok(Mode::Python, "if True:\n    print('ran')"), "ran\n");
}

#[test]
fn an_exception_prints_a_traceback_and_the_session_goes_on() {
    let r = run(
        Mode::Python,
        "def f(n):\n    return 10 // n\n\nf(0)\nx = 5\nx",
    );
    assert_eq!(r.stdout, "5\n");
    assert_eq!(
        r.stderr,
        "Traceback (most recent call last):\n  \
           File \"<stdin>\", line 1, in <module>\n  \
           File \"<stdin>\", line 2, in f\n\
         ZeroDivisionError: integer division or modulo by zero\n"
    );
    assert_eq!(r.quit, None);
}

#[test]
fn assignments_before_an_error_stay() {
    assert_eq!(
        run(Mode::Python, "a = 1; b = 1 / 0\na").stdout,
        "1\n",
        "as in CPython, `a` was bound before the error"
    );
}

#[test]
fn sys_exit_ends_the_session_with_its_code() {
    let r = run(
        Mode::Python,
        "import sys\nsys.exit(3)\nprint('not reached')",
    );
    assert_eq!(r.quit, Some(3));
    assert_eq!(r.stdout, "");
}

#[test]
fn exit_and_quit_leave_as_in_cpython() {
    assert_eq!(run(Mode::Python, "exit()\nprint('no')").quit, Some(0));
    let r = run(Mode::Python, "print('yes')\nquit(7)\nprint('no')");
    assert_eq!((r.stdout.as_str(), r.quit), ("yes\n", Some(7)));
}

#[test]
fn fuel_stops_an_endless_loop() {
    let r = run(
        Mode::Python,
        ".fuel 5000\nwhile True:\n    pass\n\nprint('after')",
    );
    assert_eq!(r.stdout, "after\n");
    assert_eq!(
        r.stderr,
        "error: fuel exhausted after 5000 instructions (`.fuel` sets the budget of an input)\n"
    );
}

#[test]
fn the_interrupt_flag_abandons_the_running_input() {
    let (mut session, capture) = start(Mode::Python);
    let flag = session.interrupt_flag();
    // Set from another thread while the loop runs, as the Ctrl-C handler does.
    let setter = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(50));
        flag.store(true, Ordering::SeqCst);
    });
    session.feed("n = 0");
    session.feed("while True:");
    session.feed("    n += 1");
    session.feed("");
    setter.join().expect("the thread ends");
    assert_eq!(capture.stderr(), "KeyboardInterrupt\n");
    session.feed("n > 0");
    assert_eq!(capture.stdout(), "True\n", "the loop ran until interrupted");
}

#[test]
fn dis_shows_the_last_input_compiled() {
    let r = run(Mode::Python, ".dis\nx = 7\n.dis");
    assert_eq!(
        r.stderr,
        "error: nothing has been compiled yet in this session\n"
    );
    assert!(r.stdout.contains(".module \"<stdin>\""), "{}", r.stdout);
    assert!(r.stdout.contains("setglobal"), "{}", r.stdout);
}

#[test]
fn trace_prints_each_instruction_on_stderr() {
    let r = run(Mode::Python, ".trace on\n1 + 1\n.trace off\n2 + 2\n.trace");
    assert_eq!(r.stdout, "2\n4\ntrace is off\n");
    assert!(r.stderr.starts_with("[<module> 0000] "), "{}", r.stderr);
    assert!(r.stderr.contains("returnnone"), "{}", r.stderr);
}

// ---- commands ----

#[test]
fn commands_take_either_prefix_and_report_mistakes() {
    let r = run(
        Mode::Python,
        "!mode\n.mode calc\n.mode\n.mode cobol\n.frob\n.registers\n.vm stack\n.vm\n.fuel\n.fuel 10\n.fuel",
    );
    assert_eq!(
        r.stdout,
        "python\ncalc\nstack\nfuel: no limit\nfuel: 10 instructions per input\n"
    );
    assert_eq!(
        r.stderr,
        "error: `.mode` expects python, asm or calc, not `cobol`\n\
         error: unknown command `.frob` (`.help` lists the commands)\n\
         error: `.registers` works in assembly mode (`.mode asm` switches to it)\n"
    );
}

#[test]
fn help_lists_every_command() {
    let out = ok(Mode::Python, ".help");
    for name in [
        ".help",
        ".mode",
        ".dis",
        ".trace",
        ".fuel",
        ".history",
        ".quit",
        ".program",
        ".registers",
        ".symbols",
        ".clear_program",
        ".clear_registers",
        ".load_file",
        ".vm",
    ] {
        assert!(out.contains(name), "{name} missing from:\n{out}");
    }
}

#[test]
fn quit_stops_reading() {
    let r = run(Mode::Calc, "1+1\n.quit\n2+2");
    assert_eq!(r.stdout, "2\n");
    assert_eq!(r.quit, Some(0));
}

#[test]
fn history_lists_the_lines_typed() {
    let out = ok(Mode::Calc, "1+1\n\n.vm\n.history");
    assert_eq!(out, "2\nregister\n   1  1+1\n   2  .vm\n   3  .history\n");
}

#[test]
fn every_mode_keeps_its_state_while_another_is_used() {
    let out = ok(
        Mode::Python,
        "x = 40\n.mode asm\nLOAD $0 #9\n.mode calc\n1+1\n.mode python\nx + 2\n.mode asm\n.registers",
    );
    assert!(out.starts_with("2\n42\n$0 = 9\n"), "{out}");
}

// ---- assembly ----

#[test]
fn each_instruction_runs_at_once_on_a_persistent_machine() {
    let out = ok(
        Mode::Asm,
        "LOAD $0 #30\nLOAD $1 #12\nADD $0 $1 $2\nLOADF64 $3 #1.5\n.registers",
    );
    let mut expected = String::from("$0 = 30\n$1 = 12\n$2 = 42\n");
    for i in 3..32 {
        expected.push_str(&format!("${i} = 0\n"));
    }
    expected.push_str("$f3 = 1.5\nflag = false\nloop counter = 0\nstack = []\nheap = 0 bytes\n");
    assert_eq!(out, expected);
}

#[test]
fn a_jump_back_runs_the_loop_it_closes() {
    let out = ok(
        Mode::Asm,
        "LOAD $0 #3\nLOAD $5 #0\nagain: INC $5\nDEC $0\nNEQ $0 $1\nDJMPE @again\n.registers",
    );
    // The body ran once when typed, then twice more when DJMPE closed the loop.
    assert!(out.starts_with("$0 = 0\n"), "{out}");
    assert!(out.contains("\n$5 = 3\n"), "{out}");
}

#[test]
fn strings_print_and_stack_and_heap_persist() {
    let out = ok(
        Mode::Asm,
        "hi: .asciiz 'hi\\n'\nPRTS @hi\nLOAD $0 #8\nALOC $0\nLOAD $1 #4\nLOAD $2 #77\nSETM $1 $2\nPUSH $2\nLOADM $1 $3\n.registers",
    );
    assert!(
        out.starts_with("hi\n$0 = 8\n$1 = 4\n$2 = 77\n$3 = 77\n"),
        "{out}"
    );
    assert!(out.ends_with("stack = [77]\nheap = 8 bytes\n"), "{out}");
}

#[test]
fn a_trap_is_reported_and_the_machine_keeps_what_happened_before_it() {
    let r = run(
        Mode::Asm,
        "LOAD $0 #2\nloop: DEC $0\nPOP $9\nLOAD $7 #1\n.registers",
    );
    assert_eq!(
        r.stderr,
        "error: IndexError: POP from an empty stack\n  \
         at main (function 0, instruction 10, <program>:3:1)\n"
    );
    assert!(r.stdout.starts_with("$0 = 1\n"), "{}", r.stdout);
    assert!(
        r.stdout.contains("\n$7 = 1\n"),
        "the session goes on: {}",
        r.stdout
    );
}

#[test]
fn a_trap_inside_a_loop_keeps_the_registers_at_the_trap() {
    // The loop divides by $0 as it counts down, and traps when $0 reaches zero.
    let r = run(
        Mode::Asm,
        "LOAD $0 #3\nLOAD $1 #60\nLOAD $4 #1\ntop: DIV $1 $0 $2\nDEC $0\nGTE $0 $3\nDJMPE @top\n.registers",
    );
    assert!(
        r.stderr.starts_with("error: ZeroDivisionError"),
        "{}",
        r.stderr
    );
    assert!(
        r.stdout.starts_with("$0 = 0\n$1 = 60\n$2 = 60\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn assembly_errors_point_into_the_typed_line_and_the_line_is_not_kept() {
    let r = run(
        Mode::Asm,
        "ADDD $0 $1 $2\nJMP @nowhere\nDJMPE @later\nLOAD $0 #1\n.program",
    );
    assert_eq!(
        r.stderr,
        "<stdin>:1:1: error: unknown mnemonic `ADDD`\n    ADDD $0 $1 $2\n    ^^^^ expected an instruction mnemonic (did you mean `ADD`?)\n\
         <stdin>:1:5: error: operand 1 of `JMP` must be a register, found `@nowhere`\n    JMP @nowhere\n        ^^^^^^^^ expected an integer register $0..$31 (usage: JMP $r)\n\
         <stdin>:1:7: error: undefined label `later`\n    DJMPE @later\n          ^^^^^^ expected a label defined in this file\n",
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout, "   1  LOAD $0 #1\n");
}

#[test]
fn program_symbols_and_clearing() {
    let out = ok(
        Mode::Asm,
        "start: LOAD $0 #1\nmsg: .asciiz 'a\\tb'\nn: .integer #42\nLOAD $1 @n\nend:\n.symbols\n.program\n.clear_program\n.program\n.symbols\n.clear_registers\n.registers",
    );
    assert!(
        out.starts_with(
            "start  line 1    instruction 0 (byte offset 0)\n\
             msg    line 2    .asciiz 'a\\tb'\n\
             n      line 3    .integer #42\n\
             end    line 5    the end of the code (byte offset 8)\n\
             \x20  1  start: LOAD $0 #1\n\
             \x20  2  msg: .asciiz 'a\\tb'\n\
             \x20  3  n: .integer #42\n\
             \x20  4  LOAD $1 @n\n\
             \x20  5  end:\n\
             (the program is empty)\n\
             (no labels)\n\
             $0 = 0\n$1 = 0\n"
        ),
        "{out}"
    );
}

#[test]
fn load_file_runs_a_file_on_the_current_machine() {
    let dir = std::env::temp_dir().join(format!("repl-session-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let good = dir.join("add.iasm");
    std::fs::write(&good, "; adds $0 to itself\n.code\nADD $0 $0 $0\nHLT\n").expect("write");
    let bad = dir.join("bad.iasm");
    std::fs::write(&bad, "NOP\nLOAD $99 #1\n").expect("write");
    let input = format!(
        "LOAD $0 #21\n.load_file {}\n.load_file {}\n.load_file {}\n.registers",
        good.display(),
        bad.display(),
        dir.join("missing.iasm").display()
    );
    let r = run(Mode::Asm, &input);
    assert!(r.stdout.starts_with("$0 = 42\n"), "{}", r.stdout);
    let expected_bad = format!(
        "{}:2:6: error: register `$99` does not exist\n    LOAD $99 #1\n         ^^^ expected an integer register $0..$31\n",
        bad.display()
    );
    assert!(r.stderr.starts_with(&expected_bad), "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "error: cannot read {}:",
            dir.join("missing.iasm").display()
        )),
        "{}",
        r.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fuel_and_interrupts_leave_the_machine_between_two_instructions() {
    let r = run(
        Mode::Asm,
        ".fuel 1000\nspin: INC $0\nLOAD $1 @spin\nJMP $1\n.fuel off\n.registers",
    );
    assert_eq!(
        r.stderr,
        "error: fuel exhausted after 1000 instructions (`.fuel` sets the budget of an input)\n"
    );
    let first = r.stdout.lines().next().unwrap_or_default().to_string();
    let value: i64 = first
        .strip_prefix("$0 = ")
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{}", r.stdout));
    // Each round of the loop is a few native instructions; the count went on.
    assert!(value > 10, "{}", r.stdout);
    assert!(
        r.stdout.contains("\n$1 = 0\n"),
        "$1 holds the label's offset 0: {}",
        r.stdout
    );
}

#[test]
fn dis_in_assembly_mode_lists_the_lowered_program() {
    let out = ok(Mode::Asm, "LOAD $0 #1\n.dis");
    assert!(out.contains(".language tutorial"), "{out}");
    assert!(out.contains("getglobal"), "{out}");
}

// ---- calculator ----

#[test]
fn calculator_lines_on_either_machine() {
    let r = run(
        Mode::Calc,
        "1234+123\n( 4 + 5) / (6*4 / (4-2)) * (7*4) + 3\n1/0\n.vm stack\n-5*2\n9000+1\n.vm register\n9000+1",
    );
    assert_eq!(r.stdout, "1357\n3\n-10\n9001\n");
    assert_eq!(
        r.stderr,
        "<stdin>:1:2: error: division by zero\n    1/0\n     ^\n\
         <stdin>:1:1: error: the literal 9000 does not fit the stack machine's 14-bit operands\n    9000+1\n    ^^^^ expected a literal in -8192..=8191 (the register VM takes any 64-bit literal: --vm register)\n"
    );
}

#[test]
fn calculator_dis_shows_the_chosen_machines_code() {
    let out = ok(Mode::Calc, "2*3\n.dis\n.vm stack\n2*3\n.dis");
    assert_eq!(
        out,
        "6\n; f0 main: 3 instructions, 1 registers\n0000  0x00020002  loadi r0, 2\n0001  0x03000021  muli r0, r0, 3\n0002  0x0000004f  return r0\n\
         6\n0000  0x20008003  MULTIPLY 2, 3\n0001  0x50000000  HALT\n"
    );
}

// ---- robustness ----

#[test]
fn garbage_never_panics_in_any_mode() {
    let lines = [
        // Keeps the loop below finite.
        ".fuel 100000",
        "",
        " ",
        "\t",
        ".",
        "!",
        "!!",
        "..",
        "@",
        "$",
        "#",
        "'",
        "\"",
        "'''",
        "(",
        ")",
        "[",
        "]]]",
        "\u{0}",
        "\u{fffd}\u{fffd}",
        "é",
        "😀",
        "\\",
        "def",
        "def f(:",
        "lambda",
        "LOAD",
        "LOAD $",
        "LOAD $0 #99999999999",
        "JMP $0",
        "RET",
        "label:",
        "label:",
        ".data",
        ".code",
        "x: .asciiz",
        ".load_file",
        ".load_file /nonexistent/x",
        ".fuel -1",
        ".fuel 99999999999999999999999",
        ".trace maybe",
        ".mode",
        ".vm 3",
        "1/0",
        "9223372036854775807+1",
        "-(-(-(",
        "while True:",
        "    pass",
        "",
        ".dis",
        ".history",
        "raise SystemExit",
        "import os",
    ];
    for mode in [Mode::Python, Mode::Asm, Mode::Calc] {
        let (mut session, _capture) = start(mode);
        for line in lines {
            let _ = session.feed(line);
        }
        let _ = session.finish();
    }
}
