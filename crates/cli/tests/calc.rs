//! `rhodium calc`, run as the built binary: the seed's examples, the
//! transcript, the listings, the statistics, error rendering, exit codes and
//! the standard-input mode.

use std::io::Write;
use std::process::{Command, Stdio};

/// Stdout, stderr and exit code of `rhodium calc ARGS` with `stdin` as input.
fn calc_with_input(args: &[&str], stdin: &str) -> (String, String, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rhodium"))
        .arg("calc")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rhodium starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    let text = stdin.to_string();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(text.as_bytes());
    });
    let output = child.wait_with_output().expect("rhodium runs");
    writer.join().expect("the writer finishes");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().expect("rhodium exits with a code"),
    )
}

fn calc(args: &[&str]) -> (String, String, i32) {
    calc_with_input(args, "")
}

const SEED: &str = "( 4 + 5) / (6*4 / (4-2)) * (7*4) + 3";

#[test]
fn the_seed_examples() {
    assert_eq!(calc(&["1234+123"]), ("1357\n".into(), String::new(), 0));
    assert_eq!(
        calc(&["--vm", "stack", SEED]),
        ("3\n".into(), String::new(), 0)
    );
    assert_eq!(calc(&[SEED]), ("3\n".into(), String::new(), 0));
    assert_eq!(
        calc(&["--vm", "both", SEED]),
        ("3\n".into(), String::new(), 0)
    );
}

#[test]
fn an_expression_may_start_with_a_minus() {
    assert_eq!(calc(&["-5*2"]), ("-10\n".into(), String::new(), 0));
    assert_eq!(calc(&["-5"]), ("-5\n".into(), String::new(), 0));
    assert_eq!(
        calc(&["-5*2", "--vm", "stack"]),
        ("-10\n".into(), String::new(), 0)
    );
    assert_eq!(calc(&["--", "-(3)"]), ("-3\n".into(), String::new(), 0));
}

#[test]
fn sixty_four_bit_arithmetic() {
    assert_eq!(calc(&["-7 / 2"]).0, "-3\n");
    assert_eq!(calc(&["-7 % 2"]).0, "-1\n");
    assert_eq!(calc(&["9223372036854775807"]).0, "9223372036854775807\n");
    assert_eq!(
        calc(&["-9223372036854775808 % -1"]),
        ("0\n".into(), String::new(), 0)
    );
}

#[test]
fn the_trace_of_the_stack_machine() {
    let (out, err, code) = calc(&["--trace", "--vm", "stack", "1234+123"]);
    assert_eq!((err.as_str(), code), ("", 0));
    assert_eq!(
        out,
        "[*] Pushing instruction : 0x0134807b ADD 1234, 123 onto program stack.\n\
         [*] Sending HALT instruction now\n\
         [*] Executing OPCODE : 0\n\
         [*] Adding 1234 and 123 and storing on TOS\n\
         [*] Current TOS : 1357\n\
         [*] Executing OPCODE : 5\n\
         [*] Halting\n\
         [*] Current TOS : 1357\n\
         [*] Output : 1357\n"
    );
    let (out, _, code) = calc(&["--trace", "--vm", "stack", "(2+3)*-4"]);
    assert_eq!(code, 0);
    assert!(
        out.contains(
            "[*] Executing OPCODE : 6\n[*] Pushing -4 on TOS\n[*] Current TOS : -4\n\
             [*] Executing OPCODE : 9\n[*] Multiplying 5 and -4 and storing on TOS\n[*] Current TOS : -20\n"
        ),
        "{out}"
    );
    assert!(out.ends_with("[*] Output : -20\n"), "{out}");
}

#[test]
fn the_trace_of_the_register_vm_and_of_both() {
    let (out, _, code) = calc(&["--trace", "1234+123"]);
    assert_eq!(code, 0);
    assert!(out.contains(
        "[*] Executing OPCODE : 31 (addi r0, r0, 123)\n[*] Adding 1234 and 123 and storing in r0\n[*] r0 : 1357\n"
    ), "{out}");
    assert!(out.ends_with("[*] Output : 1357\n"), "{out}");
    let (out, _, code) = calc(&["--trace", "--vm", "both", "1234+123"]);
    assert_eq!(code, 0);
    let stack_at = out
        .find("[*] Machine : stack machine\n")
        .expect("a stack heading");
    let register_at = out
        .find("[*] Machine : register VM\n")
        .expect("a register heading");
    assert!(stack_at < register_at);
    assert_eq!(out.matches("[*] Output : 1357\n").count(), 2);
}

#[test]
fn a_trace_stops_at_a_runtime_error() {
    let (out, err, code) = calc(&["--trace", "--vm", "stack", "1 + 2 / 0"]);
    assert_eq!(code, 1);
    assert!(!out.contains("[*] Output"), "{out}");
    assert_eq!(
        err,
        "<expression>:1:7: error: division by zero\n    1 + 2 / 0\n          ^\n"
    );
}

#[test]
fn emit_lists_the_instructions() {
    let (out, err, code) = calc(&["--emit", "--vm", "stack", SEED]);
    assert_eq!((err.as_str(), code), ("", 0));
    assert_eq!(
        out,
        "0000  0x00010005  ADD 4, 5\n\
         0001  0x20018004  MULTIPLY 6, 4\n\
         0002  0x10010002  SUBTRACT 4, 2\n\
         0003  0xa0000000  SDIVIDE\n\
         0004  0xa0000000  SDIVIDE\n\
         0005  0x2001c004  MULTIPLY 7, 4\n\
         0006  0x90000000  SMULTIPLY\n\
         0007  0x6000c000  PUSH 3\n\
         0008  0x70000000  SADD\n\
         0009  0x50000000  HALT\n"
    );
    let (out, _, code) = calc(&["--emit", "100000 * 2 + 1"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "; f0 main: 4 instructions, 1 registers\n\
         0000  0x00000004  loadk r0, k0    ; 100000\n\
         0001  0x02000021  muli r0, r0, 2\n\
         0002  0x0100001f  addi r0, r0, 1\n\
         0003  0x0000004f  return r0\n"
    );
    let (out, _, code) = calc(&["--emit", "--vm", "both", "1+2"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("; stack machine\n0000  0x00004002  ADD 1, 2\n"),
        "{out}"
    );
    assert!(out.contains("; register VM\n; f0 main"), "{out}");
}

#[test]
fn stats_count_both_machines() {
    let (out, err, code) = calc(&["--stats", SEED]);
    assert_eq!((err.as_str(), code), ("", 0));
    assert_eq!(
        out,
        "expression: 8 operators, 9 literals\n\
         machine            generated    executed\n\
         stack                     10          10\n\
         register                  13          13\n\
         stack/register          0.77        0.77\n\
         register VM: 1 function(s), at most 3 registers\n\
         value: 3\n"
    );
    let (out, _, code) = calc(&["--stats", "100000 + 1"]);
    assert_eq!(code, 0);
    assert!(out.contains("stack             cannot compile: the literal 100000 does not fit the stack machine's 14-bit operands\n"), "{out}");
    assert!(out.ends_with("value: 100001\n"), "{out}");
}

#[test]
fn syntax_errors_show_a_caret_and_exit_2() {
    assert_eq!(
        calc(&["1 + * 2"]),
        (
            String::new(),
            "<expression>:1:5: error: unexpected `*`\n    1 + * 2\n        ^ expected a number, `(` or `-`\n".into(),
            2
        )
    );
    assert_eq!(
        calc(&[""]),
        (
            String::new(),
            "<expression>:1:1: error: empty expression\n    expected a number, `(` or `-`\n".into(),
            2
        )
    );
    assert_eq!(
        calc(&["(1 + 2"]),
        (
            String::new(),
            "<expression>:1:7: error: unclosed `(` (opened at line 1, column 1)\n    (1 + 2\n          ^ expected `)`\n".into(),
            2
        )
    );
    let (_, err, code) = calc(&["2 ** 3"]);
    assert_eq!(code, 2);
    assert!(err.contains("unexpected `*`"), "{err}");
}

#[test]
fn literals_too_wide_for_the_stack_machine() {
    let (out, err, code) = calc(&["--vm", "stack", "1 + 8192"]);
    assert_eq!((out.as_str(), code), ("", 2));
    assert_eq!(
        err,
        "<expression>:1:5: error: the literal 8192 does not fit the stack machine's 14-bit operands\n    \
         1 + 8192\n        ^^^^ expected a literal in -8192..=8191 (the register VM takes any 64-bit literal: --vm register)\n"
    );
    assert_eq!(calc(&["--vm", "both", "1 + 8192"]).2, 2);
    assert_eq!(calc(&["1 + 8192"]).0, "8193\n");
    let (_, err, code) = calc(&["99999999999999999999"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "<expression>:1:1: error: integer literal out of range\n    99999999999999999999\n    ^^^^^^^^^^^^^^^^^^^^ \
         expected a 64-bit signed integer (-9223372036854775808..=9223372036854775807)\n"
    );
}

#[test]
fn runtime_errors_exit_1_on_every_machine() {
    for vm in ["register", "stack", "both"] {
        let (out, err, code) = calc(&["--vm", vm, "7 % (3 - 3)"]);
        assert_eq!(
            (out.as_str(), err.as_str(), code),
            (
                "",
                "<expression>:1:3: error: modulus by zero\n    7 % (3 - 3)\n      ^\n",
                1
            ),
            "{vm}"
        );
        let (_, err, code) = calc(&["--vm", vm, "-8192*-8192*-8192*-8192*-8192"]);
        assert_eq!(code, 1, "{vm}");
        assert!(
            err.starts_with("<expression>:1:24: error: integer overflow"),
            "{vm}: {err}"
        );
    }
}

#[test]
fn standard_input_one_expression_per_line() {
    let (out, err, code) = calc_with_input(&[], "1+2\n\n  \n(3\n4*5\n7 % 0\n-8192*1\n");
    assert_eq!(
        out,
        "[*] Arithmetic operations currently supported : '+' , '-' , '*' , '/' , '%'\n\
         [*] Enter one expression per line (end of input to quit) -\n\
         3\n20\n-8192\n"
    );
    assert_eq!(
        err,
        "<stdin line 4>:1:3: error: unclosed `(` (opened at line 1, column 1)\n    (3\n      ^ expected `)`\n\
         <stdin line 6>:1:3: error: modulus by zero\n    7 % 0\n      ^\n"
    );
    // The worst line decides: a syntax error.
    assert_eq!(code, 2);
}

#[test]
fn standard_input_names_the_14_bit_limit_for_the_stack_machine() {
    let (out, err, code) = calc_with_input(&["--vm", "stack"], "8191+1\n8192+1\r\n");
    assert!(out.starts_with(
        "[*] Arithmetic operations currently supported : '+' , '-' , '*' , '/' , '%'\n\
         [*] Maximum value of the 2 operands between which the operation is to be performed : '8191' (operands are 14-bit: -8192..8191)\n"
    ), "{out}");
    assert!(out.ends_with("-\n8192\n"), "{out}");
    assert!(
        err.starts_with("<stdin line 2>:1:1: error: the literal 8192"),
        "{err}"
    );
    assert_eq!(code, 2);
    let (out, err, code) = calc_with_input(&["--vm", "both"], "6*7\n");
    assert!(out.ends_with("-\n42\n"), "{out}");
    assert_eq!((err.as_str(), code), ("", 0));
}

#[test]
fn bad_bytes_and_huge_inputs_do_not_panic() {
    let (out, err, code) = calc_with_input(&[], "\u{0}1\n\u{7f}\n");
    assert!(out.ends_with("-\n"), "{out}");
    assert!(err.contains("unexpected character '\\0'"), "{err}");
    assert_eq!(code, 2);
    let mut child = Command::new(env!("CARGO_BIN_EXE_rhodium"))
        .args(["calc", "--vm", "both"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rhodium starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    let writer = std::thread::spawn(move || {
        let depth = 100_000;
        let mut text = Vec::new();
        // Deep parentheses, a deep unclosed one, invalid UTF-8, a deep chain of minus signs.
        text.extend(format!("{}1{}\n", "(".repeat(depth), ")".repeat(depth)).bytes());
        text.extend(format!("{}1\n", "(".repeat(depth)).bytes());
        text.extend([0xff, 0xfe, b'\n']);
        text.extend(format!("{}7\n", "-".repeat(depth)).bytes());
        text.extend(
            format!(
                "{}1{}\n",
                "(2*3)-(".repeat(depth / 10),
                ")".repeat(depth / 10)
            )
            .bytes(),
        );
        let _ = input.write_all(&text);
    });
    let output = child.wait_with_output().expect("rhodium runs");
    writer.join().expect("the writer finishes");
    let out = String::from_utf8_lossy(&output.stdout);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(out.ends_with("-\n1\n7\n1\n"), "{out}");
    assert_eq!(err.matches("error:").count(), 2, "{err}");
    assert!(err.contains("unclosed `(`"), "{err}");
    assert!(err.contains("unexpected character `\u{fffd}`"), "{err}");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn flags_that_do_not_combine_are_refused() {
    let (_, err, code) = calc(&["--emit", "--trace", "1"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
    let (_, err, code) = calc(&["--vm", "tape", "1"]);
    assert_eq!(code, 2);
    assert!(err.contains("invalid value 'tape'"), "{err}");
}
