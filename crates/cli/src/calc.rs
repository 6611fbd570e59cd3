//! `rhodium calc`: integer expressions on the seed's stack machine, the
//! register VM, or both. With an expression argument it prints the value;
//! without one it prints the seed's banner and evaluates standard input line
//! by line, going on after a bad line.

use crate::cli::{CalcArgs, CalcMachine};
use crate::commands::{EXIT_LOAD, EXIT_OK, EXIT_RUNTIME};
use stackvm::machine::{Machine, OPERAND_BITS, OPERAND_MAX, OPERAND_MIN};
use stackvm::trace::Transcript;
use stackvm::{
    codegen_register, codegen_stack, stats, trace, Backend, CalcError, Calculator, Expr,
};
use std::io::{self, BufRead, Write};

/// Runs `rhodium calc` and returns the exit code: 0 success, 1 a runtime
/// error (or the machines disagree), 2 a syntax error or an expression the
/// machine cannot encode. Reading standard input, the worst line's code.
pub fn calc(args: &CalcArgs) -> i32 {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut calculator = Calculator::new();
    let code = match &args.expr {
        Some(text) => evaluate(&mut calculator, text, "<expression>", args, &mut out),
        None => session(&mut calculator, args, &mut out),
    };
    let _ = out.flush();
    code
}

fn backend(machine: CalcMachine) -> Backend {
    match machine {
        CalcMachine::Register => Backend::Register,
        CalcMachine::Stack => Backend::Stack,
        CalcMachine::Both => Backend::Both,
    }
}

/// The seed's banner, then one expression per line until the end of input.
fn session(calculator: &mut Calculator, args: &CalcArgs, out: &mut impl Write) -> i32 {
    let _ = writeln!(
        out,
        "[*] Arithmetic operations currently supported : '+' , '-' , '*' , '/' , '%'"
    );
    if args.vm != CalcMachine::Register {
        let _ = writeln!(
            out,
            "[*] Maximum value of the 2 operands between which the operation is to be performed : \
             '{OPERAND_MAX}' (operands are {OPERAND_BITS}-bit: {OPERAND_MIN}..{OPERAND_MAX})"
        );
    }
    let _ = writeln!(
        out,
        "[*] Enter one expression per line (end of input to quit) -"
    );
    let _ = out.flush();
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut line = Vec::new();
    let mut worst = EXIT_OK;
    for number in 1.. {
        line.clear();
        match input.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                eprint(out, &format!("error: cannot read standard input: {e}\n"));
                return worst.max(EXIT_RUNTIME);
            }
        }
        // Bytes that are not UTF-8 become U+FFFD, which the parser refuses with a caret.
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\n', '\r']);
        if text.trim().is_empty() {
            continue;
        }
        let label = format!("<stdin line {number}>");
        worst = worst.max(evaluate(calculator, text, &label, args, out));
        let _ = out.flush();
    }
    worst
}

/// Evaluates one expression in the mode the flags ask for; returns the exit code.
fn evaluate(
    calculator: &mut Calculator,
    text: &str,
    label: &str,
    args: &CalcArgs,
    out: &mut impl Write,
) -> i32 {
    let expr = match stackvm::parse(text) {
        Ok(expr) => expr,
        Err(e) => return report(&CalcError::Syntax(e), label, text, out),
    };
    let backend = backend(args.vm);
    if args.emit {
        return emit(&expr, backend, label, text, out);
    }
    if args.trace {
        return transcript(&expr, backend, label, text, out);
    }
    if args.stats {
        let _ = write!(out, "{}", stats::stats(&expr));
    }
    match calculator.eval_expr(&expr, backend) {
        Ok(value) => {
            if args.stats {
                let _ = writeln!(out, "value: {value}");
            } else {
                let _ = writeln!(out, "{value}");
            }
            EXIT_OK
        }
        Err(e) => report(&e, label, text, out),
    }
}

/// The machines a backend stands for, with the heading that names each when there are two.
fn machines(backend: Backend) -> &'static [(Backend, &'static str)] {
    match backend {
        Backend::Register => &[(Backend::Register, "register VM")],
        Backend::Stack => &[(Backend::Stack, "stack machine")],
        Backend::Both => &[
            (Backend::Stack, "stack machine"),
            (Backend::Register, "register VM"),
        ],
    }
}

/// Prints the generated instructions without running them.
fn emit(expr: &Expr, backend: Backend, label: &str, text: &str, out: &mut impl Write) -> i32 {
    let both = backend == Backend::Both;
    for &(machine, name) in machines(backend) {
        let listing = match machine {
            Backend::Stack => codegen_stack::compile(expr)
                .map(|p| p.listing())
                .map_err(CalcError::from),
            _ => codegen_register::compile(expr)
                .map(|p| p.listing())
                .map_err(CalcError::from),
        };
        match listing {
            Ok(listing) => {
                if both {
                    let _ = writeln!(out, "; {name}");
                }
                let _ = write!(out, "{listing}");
            }
            Err(e) => return report(&e, label, text, out),
        }
    }
    EXIT_OK
}

/// Prints the transcript of a run (of each machine, for `both`).
fn transcript(expr: &Expr, backend: Backend, label: &str, text: &str, out: &mut impl Write) -> i32 {
    let mut results = Vec::new();
    for &(machine, name) in machines(backend) {
        let run: Result<Transcript, CalcError> = match machine {
            Backend::Stack => codegen_stack::compile(expr)
                .map(|p| trace::stack(&p, &mut Machine::new()))
                .map_err(CalcError::from),
            _ => codegen_register::compile(expr)
                .map(|p| trace::register(&p))
                .map_err(CalcError::from),
        };
        let t = match run {
            Ok(t) => t,
            Err(e) => return report(&e, label, text, out),
        };
        if backend == Backend::Both {
            let _ = writeln!(out, "[*] Machine : {name}");
        }
        let _ = write!(out, "{}", t.text);
        results.push(t.result);
    }
    let result = match results.as_slice() {
        [stack, register] if stack != register => Err(CalcError::Disagreement {
            stack: CalcError::describe_result(stack),
            register: CalcError::describe_result(register),
        }),
        [first, ..] => first.clone(),
        [] => return EXIT_OK,
    };
    match result {
        Ok(_) => EXIT_OK,
        Err(e) => report(&e, label, text, out),
    }
}

/// Writes an error to stderr (after what stdout holds so far) and returns its exit code.
fn report(error: &CalcError, label: &str, text: &str, out: &mut impl Write) -> i32 {
    let message = match error.diagnostic() {
        Some(d) => d.render(label, text),
        None => format!("error: {error}\n"),
    };
    eprint(out, &message);
    if error.is_compile_time() {
        EXIT_LOAD
    } else {
        EXIT_RUNTIME
    }
}

fn eprint(out: &mut impl Write, text: &str) {
    let _ = out.flush();
    let _ = io::stderr().write_all(text.as_bytes());
}
