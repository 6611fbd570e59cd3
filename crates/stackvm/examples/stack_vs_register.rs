//! Prints the instruction-count table of docs/stack-vs-register.md:
//! `cargo run --release -p stackvm --example stack_vs_register`.

use stackvm::machine::Machine;
use stackvm::stats::{stats, Counts};
use stackvm::{codegen_stack, parse, sample, CalcError};
use std::io::Write;

fn counts(c: &Result<Counts, CalcError>) -> Option<(usize, u64)> {
    c.as_ref().ok().map(|c| (c.generated, c.executed))
}

fn ratio(a: u64, b: u64) -> String {
    format!("{:.2}", a as f64 / b as f64)
}

fn main() {
    // A closed pipe ends the output, not the program with a panic.
    let mut out = std::io::stdout().lock();
    let cases: Vec<(String, String)> = vec![
        ("seed: `1234+123`".into(), "1234+123".into()),
        (
            "seed: `( 4 + 5) / (6*4 / (4-2)) * (7*4) + 3`".into(),
            "( 4 + 5) / (6*4 / (4-2)) * (7*4) + 3".into(),
        ),
        (
            "random, 10 operators".into(),
            sample::random_expression(1, 10),
        ),
        (
            "random, 100 operators".into(),
            sample::random_expression(1, 100),
        ),
        (
            "random, 1000 operators".into(),
            sample::random_expression(1, 1000),
        ),
        (
            "random, 10000 operators".into(),
            sample::random_expression(1, 10000),
        ),
        (
            "left chain `1 + 2 + ... + 1001`".into(),
            sample::left_chain(1001),
        ),
        (
            "right-nested `(2*3) - (...)`, 500 levels".into(),
            sample::right_nested(500),
        ),
        (
            "right-nested `(2*3) - (...)`, 5000 levels".into(),
            sample::right_nested(5000),
        ),
    ];
    let _ = writeln!(out, "| expression | operators | stack | plain stack | register | stack / register | plain stack / register | register functions, registers |");
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|");
    for (name, src) in cases {
        let expr = match parse(&src) {
            Ok(e) => e,
            Err(e) => {
                eprintln!("{name}: {e}");
                continue;
            }
        };
        let s = stats(&expr);
        let plain = codegen_stack::compile_plain(&expr).ok().map(|p| {
            let mut machine = Machine::new();
            let _ = p.run(&mut machine);
            (p.len(), machine.executed())
        });
        let (Some(stack), Some(plain), Some(register)) =
            (counts(&s.stack), plain, counts(&s.register))
        else {
            eprintln!("{name}: a machine cannot compile it");
            continue;
        };
        // Straight-line code: generated and executed agree except for helper calls.
        let cell = |(g, e): (usize, u64)| {
            if g as u64 == e {
                g.to_string()
            } else {
                format!("{g} / {e}")
            }
        };
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} | {} | {} | {} | {}, {} |",
            s.operators,
            cell(stack),
            cell(plain),
            cell(register),
            ratio(stack.1, register.1),
            ratio(plain.1, register.1),
            s.register_functions,
            s.registers
        );
    }
}
