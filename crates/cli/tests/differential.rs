//! Differential tests: random Python expressions evaluated by Rhodium and by
//! CPython 3.11 (`/usr/bin/python3.11`) must print the same results, or raise
//! the same exception class. Each proptest case is a batch of expressions run
//! as one program on both, so process start-up is paid once per batch.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::io::Write;
use std::process::Command;

const PYTHON: &str = "/usr/bin/python3.11";

/// Runs `source` with a program and returns its stdout and stderr.
fn run(program: &[&str], source: &str) -> (String, String) {
    let dir = std::env::temp_dir().join(format!("rhodium-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("batch{}.py", rand_suffix()));
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(source.as_bytes()))
        .expect("write program");
    let out = Command::new(program[0])
        .args(&program[1..])
        .arg(&path)
        .output()
        .expect("the interpreter runs");
    let _ = std::fs::remove_file(&path);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

const PRELUDE: &str = "def show(f):\n    try:\n        print(repr(f()))\n    except Exception as e:\n        print(type(e).__name__)\n";

fn compare(exprs: &[String]) -> Result<(), TestCaseError> {
    let mut src = String::from(PRELUDE);
    for e in exprs {
        src.push_str(&format!("show(lambda: {e})\n"));
    }
    let (rhodium, rhodium_err) = run(&[env!("CARGO_BIN_EXE_rhodium"), "run"], &src);
    let (cpython, _) = run(&[PYTHON], &src);
    let r: Vec<&str> = rhodium.lines().collect();
    let c: Vec<&str> = cpython.lines().collect();
    for (i, (a, b)) in r.iter().zip(c.iter()).enumerate() {
        prop_assert_eq!(a, b, "expression {}: {}", i, exprs[i]);
    }
    prop_assert_eq!(
        r.len(),
        c.len(),
        "Rhodium stopped at expression {}: {}\nstderr:\n{}",
        r.len(),
        exprs.get(r.len()).map_or("", String::as_str),
        rhodium_err
    );
    Ok(())
}

// ---- arithmetic and comparison expressions ----

fn int_literal() -> impl Strategy<Value = String> {
    prop_oneof![
        (-20i64..20).prop_map(|i| i.to_string()),
        any::<i64>().prop_map(|i| i.to_string()),
        (0u32..4, any::<u64>()).prop_map(|(k, v)| format!("{v}{}", "123456789".repeat(k as usize))),
        Just("9223372036854775807".to_string()),
        Just("(-9223372036854775808)".to_string()),
    ]
    .prop_map(|s| {
        if s.starts_with('-') {
            format!("({s})")
        } else {
            s
        }
    })
}

fn float_literal() -> impl Strategy<Value = String> {
    prop_oneof![
        (-1000i32..1000, 0u32..4).prop_map(|(m, e)| format!("{}.{}", m, e)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| format!("{f:e}")),
        Just("0.0".to_string()),
        Just("(-0.0)".to_string()),
        Just("0.1".to_string()),
        Just("1e308".to_string()),
        Just("5e-324".to_string()),
        Just("float('inf')".to_string()),
        Just("float('nan')".to_string()),
    ]
    .prop_map(|s| {
        if s.starts_with('-') {
            format!("({s})")
        } else {
            s
        }
    })
}

fn atom() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => int_literal(),
        3 => float_literal(),
        1 => prop_oneof![Just("True".to_string()), Just("False".to_string())],
    ]
}

fn arith() -> impl Strategy<Value = String> {
    atom().prop_recursive(4, 24, 2, |inner| {
        let ops = prop_oneof![
            Just("+"), Just("-"), Just("*"), Just("/"), Just("//"), Just("%"),
            Just("&"), Just("|"), Just("^"), Just("=="), Just("!="), Just("<"),
            Just("<="), Just(">"), Just(">="), Just("and"), Just("or"),
        ];
        prop_oneof![
            6 => (inner.clone(), ops, inner.clone()).prop_map(|(a, op, b)| format!("({a} {op} {b})")),
            1 => (inner.clone(), 0u32..70).prop_map(|(a, s)| format!("({a} << {s})")),
            1 => (inner.clone(), 0u32..70).prop_map(|(a, s)| format!("({a} >> {s})")),
            1 => (inner.clone(), -3i32..6).prop_map(|(a, e)| format!("({a} ** {e})")),
            1 => (inner.clone(), prop_oneof![Just("-"), Just("+"), Just("~"), Just("not ")]).prop_map(|(a, u)| format!("({u}{a})")),
            1 => (inner.clone(), inner.clone(), inner.clone()).prop_map(|(a, b, c)| format!("({a} < {b} <= {c})")),
            1 => (inner.clone(), inner.clone(), inner).prop_map(|(a, b, c)| format!("({a} if {b} else {c})")),
        ]
    })
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

/// Runs batches and reports only the failing expression, not the whole batch.
fn check(cases: u32, strategy: impl Strategy<Value = String>) {
    let result = runner(cases).run(&proptest::collection::vec(strategy, 250), |exprs| {
        compare(&exprs)
    });
    if let Err(e) = result {
        match e {
            proptest::test_runner::TestError::Fail(reason, _) => panic!("{reason}"),
            other => panic!("{other}"),
        }
    }
}

#[test]
fn arithmetic_and_comparisons_match_cpython() {
    check(8, arith());
}

#[test]
fn builtin_numeric_functions_match_cpython() {
    let call = prop_oneof![
        (atom(), atom()).prop_map(|(a, b)| format!("divmod({a}, {b})")),
        (atom(), -2i32..4).prop_map(|(a, n)| format!("round({a}, {n})")),
        atom().prop_map(|a| format!("round({a})")),
        atom().prop_map(|a| format!("int({a})")),
        atom().prop_map(|a| format!("float({a})")),
        atom().prop_map(|a| format!("abs({a})")),
        atom().prop_map(|a| format!("str({a})")),
        atom().prop_map(|a| format!("hash({a}) == hash({a})")),
        (atom(), atom()).prop_map(|(a, b)| format!("min({a}, {b})")),
        (atom(), atom()).prop_map(|(a, b)| format!("max({a}, {b})")),
        (int_literal(), int_literal(), int_literal())
            .prop_map(|(a, b, c)| format!("pow({a}, {b} % 50, {c})")),
        (-1000i64..1000).prop_map(|i| format!("int(str({i}))")),
        // NaN keys are left out: Rhodium's floats are values, not objects, so two
        // NaNs are identical (one key) where CPython's are two objects (two keys).
        (atom(), atom())
            .prop_filter("no NaN keys", |(a, b)| !a.contains("nan")
                && !b.contains("nan"))
            .prop_map(|(a, b)| format!("{{{a}: 1, {b}: 2}}")),
    ];
    check(4, call);
}
