//! Criterion benchmarks for the interpreter's hot paths: each compiles a small
//! Python program once and times running it to completion on a fresh VM.
//! Run with `cargo bench -p rhodium --bench hot_paths`; CI only compiles them.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use vm::{CaptureHost, Config, Outcome, Vm};

/// A program per hot path, named as criterion reports it.
const PROGRAMS: &[(&str, &str)] = &[
    (
        "dispatch_counting_loop",
        "def f(n):\n    s = 0\n    i = 0\n    while i < n:\n        s += i\n        i += 1\n    return s\nf(200000)\n",
    ),
    (
        "calls_recursive_fib",
        "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nfib(20)\n",
    ),
    (
        "int_arithmetic",
        "def f(n):\n    x = 1\n    for i in range(n):\n        x = (x * 31 + i) % 1000003 - (i // 7) + (i & 255)\n    return x\nf(100000)\n",
    ),
    (
        "float_arithmetic",
        "def f(n):\n    x = 0.5\n    y = 1.25\n    for i in range(n):\n        x = x * 0.999 + y / 3.0 - 0.125\n        y = y + x * 0.5\n    return x + y\nf(100000)\n",
    ),
    (
        "list_indexing",
        "def f(n):\n    xs = [0] * 1000\n    for i in range(n):\n        j = i % 1000\n        xs[j] = xs[j] + xs[999 - j] + 1\n    return xs[0]\nf(100000)\n",
    ),
    (
        "dict_operations",
        "def f(n):\n    d = {}\n    for i in range(n):\n        k = i % 5003\n        d[k] = d.get(k, 0) + 1\n    return len(d)\nf(100000)\n",
    ),
    (
        "string_operations",
        "def f(n):\n    parts = []\n    for i in range(n):\n        parts.append('w' + str(i % 97))\n    text = ' '.join(parts)\n    return len(text.split(' ')) + text.count('w1')\nf(20000)\n",
    ),
    (
        "allocation_and_collection",
        "def make(d):\n    if d == 0:\n        return (None, None)\n    return (make(d - 1), make(d - 1))\ndef check(t):\n    l, r = t\n    return 1 if l is None else 1 + check(l) + check(r)\ntotal = 0\nfor _ in range(20):\n    total += check(make(10))\n",
    ),
    (
        // Enough long-lived data (a 65 535-pair tree, 2.6 MB) that the
        // collector's minor collections, which skip old objects, take over.
        "collection_beside_long_lived_data",
        "def make(d):\n    if d == 0:\n        return (None, None)\n    return (make(d - 1), make(d - 1))\ndef check(t):\n    l, r = t\n    return 1 if l is None else 1 + check(l) + check(r)\nkeep = make(16)\ntotal = 0\nfor _ in range(40):\n    total += check(make(10))\ntotal += check(keep)\n",
    ),
];

fn compile(name: &str, source: &str) -> bytecode::VerifiedModule {
    let module = python::compile(source, name).expect("benchmark program compiles");
    bytecode::verifier::verify(module).expect("benchmark program verifies")
}

fn run(module: &bytecode::VerifiedModule) {
    let mut machine = Vm::new(Box::new(CaptureHost::default()), Config::default());
    let unit = machine.load(module.clone());
    machine.start(unit).expect("entry function exists");
    match machine.run(None) {
        Outcome::Finished(_) => {}
        other => panic!("benchmark program did not finish: {other:?}"),
    }
}

fn hot_paths(c: &mut Criterion) {
    let mut group = c.benchmark_group("hot_paths");
    group.sample_size(20);
    for (name, source) in PROGRAMS {
        let module = compile(name, source);
        group.bench_with_input(BenchmarkId::from_parameter(name), &module, |b, m| {
            b.iter(|| run(m))
        });
    }
    group.finish();
}

criterion_group!(benches, hot_paths);
criterion_main!(benches);
