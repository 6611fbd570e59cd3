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

const PRELUDE: &str = "def show(f):\n    try:\n        print(repr(f()))\n    except Exception as e:\n        print(type(e).__name__)\n\
def dels(l, a, b, c):\n    del l[a:b:c]\n    return l\n\
def sets(l, a, b, c, v):\n    l[a:b:c] = v\n    return l\n\
def setitem(d, k, v):\n    d[k] = v\n    return d\n\
def delitem(d, k):\n    del d[k]\n    return d\n";

fn compare(exprs: &[String]) -> Result<(), TestCaseError> {
    let mut src = String::from(PRELUDE);
    for e in exprs {
        src.push_str(&format!("show(lambda: {e})\n"));
    }
    let (rhodium, rhodium_err) = run(&[env!("CARGO_BIN_EXE_rhodium"), "run"], &src);
    let (cpython, cpython_err) = run(&[PYTHON], &src);
    let r: Vec<&str> = rhodium.lines().collect();
    let c: Vec<&str> = cpython.lines().collect();
    // Guard against a vacuous pass: CPython must have printed one line per expression.
    prop_assert_eq!(
        c.len(),
        exprs.len(),
        "CPython did not run the batch:\n{}",
        cpython_err
    );

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

// ---- lists, dicts and strings ----

fn element() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (-5i32..10).prop_map(|i| i.to_string()),
        2 => "[a-c]{0,2}".prop_map(|s| format!("'{s}'")),
        1 => Just("None".to_string()),
        1 => Just("2.5".to_string()),
        1 => Just("True".to_string()),
        1 => (-3i32..3, "[a-b]{1}").prop_map(|(i, s)| format!("({i}, '{s}')")),
    ]
}

fn int_list() -> impl Strategy<Value = String> {
    proptest::collection::vec(-9i32..10, 0..7).prop_map(|v| {
        format!(
            "[{}]",
            v.iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

fn any_list() -> impl Strategy<Value = String> {
    proptest::collection::vec(element(), 0..6).prop_map(|v| format!("[{}]", v.join(", ")))
}

fn slice_part() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("None".to_string()),
        (-8i32..8).prop_map(|i| i.to_string())
    ]
}

fn list_expr() -> impl Strategy<Value = String> {
    let idx = -8i32..8;
    prop_oneof![
        (int_list(), int_list()).prop_map(|(a, b)| format!("{a} + {b}")),
        (any_list(), 0i32..4).prop_map(|(a, n)| format!("{a} * {n}")),
        (any_list(), idx.clone()).prop_map(|(a, i)| format!("{a}[{i}]")),
        (any_list(), slice_part(), slice_part(), prop_oneof![Just("None".to_string()), Just("1".to_string()), Just("-1".to_string()), Just("2".to_string()), Just("-2".to_string()), Just("0".to_string())])
            .prop_map(|(a, x, y, z)| format!("{a}[{x}:{y}:{z}]")),
        (int_list(), slice_part(), slice_part(), prop_oneof![Just("None".to_string()), Just("2".to_string()), Just("-1".to_string())])
            .prop_map(|(a, x, y, z)| format!("dels({a}, {x}, {y}, {z})")),
        (int_list(), slice_part(), slice_part(), int_list()).prop_map(|(a, x, y, v)| format!("sets({a}, {x}, {y}, None, {v})")),
        (int_list(), slice_part(), slice_part(), int_list()).prop_map(|(a, x, y, v)| format!("sets({a}, {x}, {y}, -1, {v})")),
        int_list().prop_map(|a| format!("sorted({a}, reverse=True)")),
        any_list().prop_map(|a| format!("sorted({a})")),
        any_list().prop_map(|a| format!("sorted({a}, key=repr)")),
        int_list().prop_map(|a| format!("(sum({a}), min({a}, default=0), max({a}, default=0), len({a}))")),
        (any_list(), element()).prop_map(|(a, x)| format!("({x} in {a}, {a}.count({x}), {a}.index({x}))")),
        (any_list(), any_list()).prop_map(|(a, b)| format!("({a} == {b}, {a} < {b}, {a} >= {b})")),
        (int_list(), idx.clone()).prop_map(|(a, i)| format!("(lambda l: (l.pop({i}), l))({a})")),
        (int_list(), idx.clone(), element()).prop_map(|(a, i, x)| format!("(lambda l: (l.insert({i}, {x}), l))({a})")),
        (int_list(), element()).prop_map(|(a, x)| format!("(lambda l: (l.remove({x}), l))({a})")),
        int_list().prop_map(|a| format!("(list(reversed({a})), {a}[::-1], list(enumerate({a}, 1)))")),
        (int_list(), int_list()).prop_map(|(a, b)| format!("list(zip({a}, {b}))")),
        int_list().prop_map(|a| format!("[x * 2 for x in {a} if x % 2]")),
        int_list().prop_map(|a| format!("(list(map(abs, {a})), list(filter(lambda v: v > 0, {a})))")),
        (any_list(), any_list()).prop_map(|(a, b)| format!("(lambda l: (l.extend({b}), l))({a})")),
        (int_list(), int_list()).prop_map(|(a, b)| format!("(lambda l: (l.__iadd__({b}) if False else l.extend({b}), l))({a})")),
        (int_list(), 0i32..4).prop_map(|(a, n)| format!("(lambda l: (l.sort(key=lambda v: v % {}), l))({a})", n + 1)),
        // Sets are sorted before printing: their iteration order is not CPython's.
        (int_list(), int_list()).prop_map(|(a, b)| format!("(sorted(set({a}) | set({b})), sorted(set({a}) & set({b})), sorted(set({a}) - set({b})), sorted(set({a}) ^ set({b})))")),
        (int_list(), int_list()).prop_map(|(a, b)| format!("(set({a}) <= set({b}), set({a}) == set({b}), len(set({a})), {a}[0] in set({b}) if {a} else None)")),

        any_list().prop_map(|a| format!("tuple({a})")),
        (any_list(), idx).prop_map(|(a, i)| format!("tuple({a})[{i}:]")),
    ]
}

fn dict_literal() -> impl Strategy<Value = String> {
    proptest::collection::vec((element(), element()), 0..5).prop_map(|v| {
        let items: Vec<String> = v.iter().map(|(k, x)| format!("{k}: {x}")).collect();
        format!("{{{}}}", items.join(", "))
    })
}

fn dict_expr() -> impl Strategy<Value = String> {
    prop_oneof![
        dict_literal(),
        (dict_literal(), element()).prop_map(|(d, k)| format!("{d}[{k}]")),
        (dict_literal(), element())
            .prop_map(|(d, k)| format!("({d}.get({k}), {d}.get({k}, 'dflt'), {k} in {d})")),
        (dict_literal(), element())
            .prop_map(|(d, k)| format!("(lambda d: (d.pop({k}, 'none'), d))({d})")),
        (dict_literal(), element(), element())
            .prop_map(|(d, k, v)| format!("setitem({d}, {k}, {v})")),
        (dict_literal(), element()).prop_map(|(d, k)| format!("delitem({d}, {k})")),
        dict_literal().prop_map(|d| format!(
            "(list({d}.keys()), list({d}.values()), list({d}.items()), len({d}))"
        )),
        (dict_literal(), dict_literal()).prop_map(|(a, b)| format!("({a} | {b}, {a} == {b})")),
        (dict_literal(), dict_literal())
            .prop_map(|(a, b)| format!("(lambda d: (d.update({b}), d))({a})")),
        (dict_literal(), element(), element())
            .prop_map(|(d, k, v)| format!("(lambda d: (d.setdefault({k}, {v}), d))({d})")),
        (any_list(), any_list()).prop_map(|(a, b)| format!("dict(zip({a}, {b}))")),
        dict_literal().prop_map(|d| format!("{{v: k for k, v in {d}.items() if v is not None}}")),
    ]
}

fn word() -> impl Strategy<Value = String> {
    "[ a-cA-C,.]{0,8}".prop_map(|s| format!("'{s}'"))
}

fn str_expr() -> impl Strategy<Value = String> {
    let sep = prop_oneof![
        Just("' '".to_string()),
        Just("','".to_string()),
        Just("'a'".to_string()),
        Just("None".to_string())
    ];
    prop_oneof![
        (word(), word()).prop_map(|(a, b)| format!("({a} + {b}, {a} < {b}, {b} in {a})")),
        (word(), 0i32..4).prop_map(|(a, n)| format!("{a} * {n}")),
        (word(), sep.clone()).prop_map(|(a, s)| format!("{a}.split({s})")),
        (word(), sep, -1i32..3).prop_map(|(a, s, m)| format!("{a}.split({s}, {m})")),
        (word(), -1i32..3).prop_map(|(a, m)| format!("{a}.rsplit(None, {m})")),
        (word(), word()).prop_map(|(a, b)| format!("{a}.join([{b}, {b}, 'x'])")),
        word().prop_map(|a| format!("({a}.strip(), {a}.lstrip(' a'), {a}.rstrip('.,'), {a}.upper(), {a}.lower())")),
        (word(), word(), word()).prop_map(|(a, b, c)| format!("{a}.replace({b}, {c})")),
        (word(), word()).prop_map(|(a, b)| format!("({a}.find({b}), {a}.rfind({b}), {a}.count({b}), {a}.startswith({b}), {a}.endswith({b}))")),
        (word(), word()).prop_map(|(a, b)| format!("{a}.index({b})")),
        (word(), slice_part(), slice_part(), prop_oneof![Just("None".to_string()), Just("-1".to_string()), Just("2".to_string())])
            .prop_map(|(a, x, y, z)| format!("{a}[{x}:{y}:{z}]")),
        (word(), -9i32..9).prop_map(|(a, i)| format!("{a}[{i}]")),
        word().prop_map(|a| format!("({a}.isalpha(), {a}.isspace(), {a}.isdigit(), {a}.title(), {a}.capitalize())")),
        (word(), 0usize..12).prop_map(|(a, w)| format!("(lambda s: (f'{{s:>{w}}}|', f'{{s:*^{w}}}', f'{{s!r:<{w}}}', s.center({w}), s.zfill({w})))({a})")),

        (any::<i32>(), 0usize..10).prop_map(|(n, w)| format!("(f'{{{n}:{w},}}', f'{{{n}:+0{w}}}', f'{{{n}:x}}', '{{:>{w}}}'.format({n}))")),
        (any::<f64>().prop_filter("finite", |f| f.is_finite()), 0usize..8).prop_map(|(x, p)| format!("(f'{{{x:e}:.{p}f}}', f'{{{x:e}:.{p}e}}', f'{{{x:e}:.{p}g}}', format({x:e}, '.{p}%'))")),
        word().prop_map(|a| format!("(sorted({a}), list({a}), len({a}), [c for c in {a} if c != ' '])")),
        (word(), word(), -10i32..10, -10i32..10).prop_map(|(a, b, i, j)| format!(
            "({a}.find({b}, {i}, {j}), {a}.rfind({b}, {i}), {a}.count({b}, {i}, {j}), {a}.startswith({b}, {i}), {a}.endswith({b}, {i}, {j}))"
        )),
        (word(), 0usize..10, word()).prop_map(|(a, w, b)| format!("'{{:>{{}}}}|{{}}|{{!r:^{{}}}}'.format({a}, {w}, {b}, {a}, {w})")),
    ]
}

// ---- calls: positional, keyword, *iterable and **mapping arguments ----

fn call_expr() -> impl Strategy<Value = String> {
    let positional = prop_oneof![
        2 => (-3i32..10).prop_map(|i| i.to_string()),
        1 => proptest::collection::vec(-3i32..10, 0..4)
            .prop_map(|v| format!("*{:?}", v)),
        1 => Just("*(x for x in 'ab')".to_string()),
        1 => Just("*5".to_string()),
    ];
    let name = prop_oneof![Just("a"), Just("b"), Just("d"), Just("z")];
    let keyword = prop_oneof![
        2 => (name.clone(), -3i32..10).prop_map(|(n, v)| format!("{n}={v}")),
        1 => proptest::collection::vec((name, -3i32..10), 0..3).prop_map(|v| {
            let items: Vec<String> = v.iter().map(|(n, x)| format!("'{n}': {x}")).collect();
            format!("**{{{}}}", items.join(", "))
        }),
        1 => Just("**[1]".to_string()),
    ];
    let callee = prop_oneof![
        Just("(lambda a, b=2, *c, d=4, **e: (a, b, c, d, sorted(e.items())))"),
        Just("(lambda a, b, *, d=0: (a, b, d))"),
        Just("(lambda *c, **e: (c, sorted(e.items())))"),
        Just("max"),
        Just("dict"),
        Just("'{}{a}'.format"),
    ];
    (
        callee,
        proptest::collection::vec(positional, 0..4),
        proptest::collection::vec(keyword, 0..4),
    )
        .prop_map(|(f, pos, kws)| {
            // Keep the call valid syntax: each explicit keyword name at most once.
            let mut seen = Vec::new();
            let kws: Vec<String> = kws
                .into_iter()
                .filter(|k| {
                    let explicit = k.split('=').next().unwrap_or("").to_string();
                    k.starts_with("**") || {
                        let fresh = !seen.contains(&explicit);
                        seen.push(explicit);
                        fresh
                    }
                })
                .collect();
            let args: Vec<String> = pos.into_iter().chain(kws).collect();
            format!("{f}({})", args.join(", "))
        })
}

/// A format spec from the whole mini-language, valid or not:
/// `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
fn format_spec() -> impl Strategy<Value = String> {
    let fill_align = prop_oneof![
        3 => Just(String::new()),
        1 => prop_oneof![Just("<"), Just(">"), Just("^"), Just("=")].prop_map(str::to_string),
        1 => (prop_oneof![Just('*'), Just('0'), Just('x'), Just(' ')], prop_oneof![Just('<'), Just('>'), Just('^'), Just('=')])
            .prop_map(|(f, a)| format!("{f}{a}")),
    ];
    let sign = prop_oneof![3 => Just(""), 1 => Just("+"), 1 => Just("-"), 1 => Just(" ")];
    let z = prop_oneof![6 => Just(""), 1 => Just("z")];
    let alt = prop_oneof![4 => Just(""), 1 => Just("#")];
    let zero = prop_oneof![3 => Just(""), 1 => Just("0")];
    let width = prop_oneof![2 => Just(String::new()), 1 => (1u32..14).prop_map(|w| w.to_string())];
    let grouping = prop_oneof![4 => Just(""), 1 => Just(","), 1 => Just("_")];
    let precision =
        prop_oneof![2 => Just(String::new()), 1 => (0u32..9).prop_map(|p| format!(".{p}"))];
    let kind = prop_oneof![
        4 => Just(""),
        1 => prop_oneof![Just("b"), Just("c"), Just("d"), Just("o"), Just("x"), Just("X"), Just("n")],
        2 => prop_oneof![Just("e"), Just("E"), Just("f"), Just("F"), Just("g"), Just("G"), Just("%")],
        1 => Just("s"),
    ];
    (
        fill_align, sign, z, alt, zero, width, grouping, precision, kind,
    )
        .prop_map(
            |(fa, sign, z, alt, zero, width, grouping, precision, kind)| {
                format!("{fa}{sign}{z}{alt}{zero}{width}{grouping}{precision}{kind}")
            },
        )
}

fn format_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => int_literal(),
        3 => float_literal(),
        1 => prop_oneof![Just("True".to_string()), Just("False".to_string())],
        1 => word(),
    ]
}

fn format_expr() -> impl Strategy<Value = String> {
    (format_value(), format_spec()).prop_map(|(v, spec)| {
        // The same spec through format(), an f-string and str.format.
        format!("(lambda x: (format(x, '{spec}'), f'{{x:{spec}}}', '{{0:{spec}}}|{{0!r:>12}}'.format(x)))({v})")
    })
}

#[test]
fn list_dict_and_string_operations_match_cpython() {
    check(4, list_expr());
    check(3, dict_expr());
    check(4, str_expr());
}

#[test]
fn format_specs_match_cpython() {
    check(4, format_expr());
}

#[test]
fn calls_match_cpython() {
    check(3, call_expr());
}
