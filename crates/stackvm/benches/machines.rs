//! Times the stack machine, the register VM and the tree-walking reference
//! evaluator on the same generated expressions (compiled once, run many times).
//!
//! Run with `cargo bench -p stackvm --bench machines`; docs/stack-vs-register.md
//! quotes the medians.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use stackvm::machine::Machine;
use stackvm::{codegen_register, codegen_stack, eval, parse, sample};
use std::hint::black_box;

fn machines(c: &mut Criterion) {
    let cases = [
        ("random", 100, sample::random_expression(1, 100)),
        ("random", 1_000, sample::random_expression(1, 1_000)),
        ("random", 10_000, sample::random_expression(1, 10_000)),
        ("left-chain", 1_000, sample::left_chain(1_001)),
        ("right-nested", 1_000, sample::right_nested(500)),
    ];
    for (shape, operators, src) in &cases {
        let expr = parse(src).expect("samples parse");
        let expected = eval::evaluate(&expr).expect("samples evaluate");
        let stack = codegen_stack::compile(&expr).expect("samples fit 14 bits");
        let register = codegen_register::compile(&expr).expect("samples compile");
        let mut group = c.benchmark_group(format!("{shape}/{operators}"));
        group.throughput(Throughput::Elements(*operators as u64));

        let mut machine = Machine::new();
        assert_eq!(stack.run(&mut machine), Ok(expected));
        group.bench_function(BenchmarkId::from_parameter("stack"), |b| {
            b.iter(|| stack.run(black_box(&mut machine)))
        });

        let plain = codegen_stack::compile_plain(&expr).expect("samples fit 14 bits");
        assert_eq!(plain.run(&mut machine), Ok(expected));
        group.bench_function(BenchmarkId::from_parameter("stack-plain"), |b| {
            b.iter(|| plain.run(black_box(&mut machine)))
        });

        let (mut vm, unit) = register.load();
        let _ = vm.start(unit);
        assert_eq!(register.result(vm.run(None)), Ok(expected));
        group.bench_function(BenchmarkId::from_parameter("register"), |b| {
            b.iter(|| {
                let _ = vm.start(unit);
                register.result(vm.run(None))
            })
        });

        group.bench_function(BenchmarkId::from_parameter("tree-walk"), |b| {
            b.iter(|| eval::evaluate(black_box(&expr)))
        });
        group.finish();
    }
}

criterion_group!(benches, machines);
criterion_main!(benches);
