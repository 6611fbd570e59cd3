//! A cross-check of the criterion benchmark that holds up on a busy machine:
//! the stack machine and the register VM run alternately on the same
//! expression, each run timed on its own, and the medians are compared. Both
//! machines see the same load, so the ratio is stable where absolute times
//! are not. `cargo run --release -p stackvm --example interleaved`.

use stackvm::machine::Machine;
use stackvm::{codegen_register, codegen_stack, parse, sample};
use std::hint::black_box;
use std::io::Write;
use std::time::{Duration, Instant};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn show(d: Duration) -> String {
    if d < Duration::from_micros(1) {
        format!("{} ns", d.as_nanos())
    } else {
        format!("{:.2} µs", d.as_secs_f64() * 1e6)
    }
}

fn main() {
    // A closed pipe ends the output, not the program with a panic.
    let mut out = std::io::stdout().lock();
    let cases = [
        ("1234+123", "1234+123".to_string()),
        ("random/100", sample::random_expression(1, 100)),
        ("random/1000", sample::random_expression(1, 1_000)),
        ("random/10000", sample::random_expression(1, 10_000)),
        ("left-chain/1000", sample::left_chain(1_001)),
        ("right-nested/1000", sample::right_nested(500)),
    ];
    let _ = writeln!(
        out,
        "| expression | stack (median) | register (median) | register / stack |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|");
    for (name, src) in cases {
        let Ok(expr) = parse(&src) else { continue };
        let (Ok(stack), Ok(register)) = (
            codegen_stack::compile(&expr),
            codegen_register::compile(&expr),
        ) else {
            continue;
        };
        let mut machine = Machine::new();
        let (mut vm, unit) = register.load();
        // Enough rounds for about a second per case at these sizes.
        let rounds = (2_000_000 / src.len()).clamp(200, 20_000);
        let (mut s, mut r) = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
        for _ in 0..rounds {
            let t = Instant::now();
            let _ = black_box(stack.run(&mut machine));
            s.push(t.elapsed());
            let t = Instant::now();
            let _ = vm.start(unit);
            let _ = black_box(register.result(vm.run(None)));
            r.push(t.elapsed());
        }
        let (s, r) = (median(s), median(r));
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {:.2} |",
            show(s),
            show(r),
            r.as_secs_f64() / s.as_secs_f64()
        );
    }
}
