//! Prints the instruction-count table of docs/stack-vs-register.md:
//! `cargo run --release -p stackvm --example stack_vs_register`.

use stackvm::stats::{stats, Counts};
use stackvm::{parse, sample, CalcError};

fn counts(c: &Result<Counts, CalcError>) -> (String, String) {
    match c {
        Ok(c) => (c.generated.to_string(), c.executed.to_string()),
        Err(_) => ("-".into(), "-".into()),
    }
}

fn ratio(a: &Result<Counts, CalcError>, b: &Result<Counts, CalcError>) -> (String, String) {
    match (a, b) {
        (Ok(a), Ok(b)) => (
            format!("{:.2}", a.generated as f64 / b.generated as f64),
            format!("{:.2}", a.executed as f64 / b.executed as f64),
        ),
        _ => ("-".into(), "-".into()),
    }
}

fn main() {
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
    println!("| expression | operators | stack generated | stack executed | register generated | register executed | stack/register generated | stack/register executed | register functions, registers |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (name, src) in cases {
        let expr = match parse(&src) {
            Ok(e) => e,
            Err(e) => {
                eprintln!("{name}: {e}");
                continue;
            }
        };
        let s = stats(&expr);
        let (sg, se) = counts(&s.stack);
        let (rg, re) = counts(&s.register);
        let (g, e) = ratio(&s.stack, &s.register);
        println!(
            "| {name} | {} | {sg} | {se} | {rg} | {re} | {g} | {e} | {}, {} |",
            s.operators, s.register_functions, s.registers
        );
    }
}
