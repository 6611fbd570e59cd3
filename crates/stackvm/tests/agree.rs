//! The property test of the calculator: on random expressions the stack
//! machine (with and without the seed's two-literal instructions), the
//! register VM and the tree-walking reference evaluator agree,
//! on the value or on the error (its kind and the operator it points at).
//! The expressions include deep nesting, literals at every encoding limit,
//! division by zero and 64-bit overflow.

use proptest::prelude::*;
use stackvm::ast::Node;
use stackvm::codegen_stack::StackCompileError;
use stackvm::machine::{Machine, OPERAND_MAX, OPERAND_MIN};
use stackvm::{codegen_register, codegen_stack, eval, parse, BinOp, CalcError};

/// A tree built by the test, independent of the parser's.
#[derive(Clone, Debug, PartialEq)]
enum T {
    Num(i64),
    Neg(Box<T>),
    Bin(BinOp, Box<T>, Box<T>),
}

/// Literals of every interesting size: small ones (zero divisors), the
/// limits of the stack machine's 14 bits and of the register VM's 8- and
/// 16-bit immediates, and the 64-bit extremes.
fn literal() -> impl Strategy<Value = i64> {
    prop_oneof![
        4 => narrow_literal(),
        2 => prop::sample::select(vec![
            OPERAND_MIN - 1, OPERAND_MAX + 1, -32768, 32767, -32769, 32768,
            i64::MAX, i64::MIN, i64::MAX - 1, i64::MIN + 1,
            3_037_000_499, -3_037_000_499, 3_037_000_500, 1 << 62, -(1 << 62),
        ]),
        1 => any::<i64>(),
        1 => -100_000i64..=100_000,
    ]
}

/// Literals the stack machine can encode.
fn narrow_literal() -> impl Strategy<Value = i64> {
    prop_oneof![
        4 => -12i64..=12,
        1 => Just(0i64),
        1 => prop::sample::select(vec![OPERAND_MIN, OPERAND_MAX, -128, 127, -129, 128]),
        1 => OPERAND_MIN..=OPERAND_MAX,
    ]
}

fn op() -> impl Strategy<Value = BinOp> {
    prop::sample::select(BinOp::ALL.to_vec())
}

fn bin(op: BinOp, l: T, r: T) -> T {
    T::Bin(op, Box::new(l), Box::new(r))
}

/// `i64::MIN` computed from literals the stack machine can encode:
/// (-8192)^4 * -2048 = -2^63.
fn computed_min() -> T {
    [-8192, -8192, -8192, -2048]
        .into_iter()
        .fold(T::Num(-8192), |acc, k| bin(BinOp::Mul, acc, T::Num(k)))
}

/// An operation at the edge of the 64-bit range (`i64::MIN / -1`,
/// `i64::MAX + 1`, ...), the extreme written as a literal or computed.
fn edge(narrow: bool) -> impl Strategy<Value = T> {
    let mut extremes = vec![
        computed_min(),
        // -(i64::MIN + 1) = i64::MAX
        T::Neg(Box::new(bin(BinOp::Add, computed_min(), T::Num(1)))),
    ];
    if !narrow {
        extremes.extend([T::Num(i64::MIN), T::Num(i64::MAX), T::Num(i64::MIN + 1)]);
    }
    let extreme = prop::sample::select(extremes);
    (op(), extreme, -2i64..=2, any::<bool>()).prop_map(|(op, big, small, swap)| {
        if swap {
            bin(op, T::Num(small), big)
        } else {
            bin(op, big, T::Num(small))
        }
    })
}

/// A random tree; a `narrow` one has only literals the stack machine can
/// encode, so that all three evaluators run it.
fn tree(narrow: bool) -> impl Strategy<Value = T> {
    let literals = if narrow {
        narrow_literal().boxed()
    } else {
        literal().boxed()
    };
    let leaf = prop_oneof![8 => literals.prop_map(T::Num), 1 => edge(narrow)];
    leaf.prop_recursive(10, 96, 2, |inner| {
        prop_oneof![
            1 => inner.clone().prop_map(|x| T::Neg(Box::new(x))),
            6 => (op(), inner.clone(), inner).prop_map(|(op, l, r)| T::Bin(op, Box::new(l), Box::new(r))),
        ]
    })
}

fn precedence(t: &T) -> u8 {
    match t {
        T::Bin(op, ..) => op.precedence(),
        _ => 3,
    }
}

/// Writes the tree as text: with only the parentheses it needs, or with
/// parentheses around every operation, and `gap` between tokens.
fn print(t: &T, full: bool, gap: &str, out: &mut String) {
    match t {
        T::Num(v) => out.push_str(&v.to_string()),
        // Parenthesised, so that the minus is not folded into a literal.
        T::Neg(x) => {
            out.push_str("-(");
            print(x, full, gap, out);
            out.push(')');
        }
        T::Bin(op, l, r) => {
            let p = op.precedence();
            let wrap_l = full || precedence(l) < p;
            let wrap_r = full || precedence(r) <= p;
            for (side, wrap, first) in [(l, wrap_l, true), (r, wrap_r, false)] {
                if !first {
                    out.push_str(gap);
                    out.push(op.symbol());
                    out.push_str(gap);
                }
                if wrap {
                    out.push('(');
                    out.push_str(gap);
                }
                print(side, full, gap, out);
                if wrap {
                    out.push_str(gap);
                    out.push(')');
                }
            }
        }
    }
}

/// The parser's tree in the test's representation.
fn from_parsed(src: &str) -> T {
    let expr = parse(src).unwrap();
    let mut built: Vec<T> = Vec::new();
    for node in expr.nodes() {
        let t = match *node {
            Node::Num(v) => T::Num(v),
            Node::Neg(x) => T::Neg(Box::new(built[x as usize].clone())),
            Node::Bin(op, l, r) => T::Bin(
                op,
                Box::new(built[l as usize].clone()),
                Box::new(built[r as usize].clone()),
            ),
        };
        built.push(t);
    }
    built.pop().unwrap()
}

/// The first literal in source order that the stack machine cannot encode.
fn first_wide_literal(src: &str) -> Option<i64> {
    let expr = parse(src).unwrap();
    // Post-order lists literals left to right.
    expr.nodes().iter().find_map(|n| match n {
        Node::Num(v) if !(OPERAND_MIN..=OPERAND_MAX).contains(v) => Some(*v),
        _ => None,
    })
}

/// Evaluates on all three and checks that they agree; returns the result.
fn agree(src: &str) -> Result<i64, CalcError> {
    let expr = parse(src).unwrap();
    let reference = eval::evaluate(&expr).map_err(CalcError::from);
    let register = codegen_register::compile(&expr).unwrap().run().0;
    assert_eq!(register, reference, "register VM vs reference on {src}");
    match codegen_stack::compile(&expr) {
        Ok(program) => {
            let stack = program.run(&mut Machine::new());
            assert_eq!(stack, reference, "stack machine vs reference on {src}");
            assert_eq!(first_wide_literal(src), None);
            let plain = codegen_stack::compile_plain(&expr).unwrap();
            let stack = plain.run(&mut Machine::new());
            assert_eq!(stack, reference, "plain stack code vs reference on {src}");
        }
        Err(StackCompileError::LiteralOutOfRange { value, .. }) => {
            assert_eq!(Some(value), first_wide_literal(src), "{src}");
        }
    }
    reference
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    #[test]
    fn three_evaluators_agree_on_random_expressions(t in any::<bool>().prop_flat_map(tree), full in any::<bool>(), gap in prop::sample::select(vec!["", " ", "\t", " \n "])) {
        let mut src = String::new();
        print(&t, full, gap, &mut src);
        prop_assert_eq!(from_parsed(&src), t, "parsing {}", src);
        agree(&src).ok();
    }
}

/// A chain of `n` levels `a op (b op (...))` whose left operands are
/// computed (`(x*y)`) so that the register VM must keep every level live.
fn right_nested(levels: &[(i64, BinOp, i64, BinOp)], last: i64) -> String {
    let mut src = String::new();
    for (a, inner, b, outer) in levels {
        src.push_str(&format!(
            "({a} {} {b}) {} (",
            inner.symbol(),
            outer.symbol()
        ));
    }
    src.push_str(&last.to_string());
    src.push_str(&")".repeat(levels.len()));
    src
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn three_evaluators_agree_on_deep_expressions(
        levels in prop::collection::vec((-9i64..=9, op(), -9i64..=9, op()), 200..1500),
        last in literal(),
        zero_at in any::<prop::sample::Index>(),
        with_zero in any::<bool>(),
    ) {
        let mut levels = levels;
        if with_zero {
            // Put a certain division by zero somewhere inside.
            let i = zero_at.index(levels.len());
            levels[i].1 = BinOp::Div;
            levels[i].2 = 0;
        }
        let src = right_nested(&levels, last);
        let result = agree(&src);
        if with_zero {
            prop_assert!(result.is_err());
        }
    }
}

#[test]
fn helpers_inside_helpers() {
    // 3000 live levels need about a dozen nested helper functions.
    let levels: Vec<(i64, BinOp, i64, BinOp)> = (0..3000)
        .map(|i| {
            (
                i % 7 + 1,
                BinOp::ALL[i as usize % 5],
                i % 5 + 1,
                BinOp::ALL[(i as usize + 2) % 5],
            )
        })
        .collect();
    let src = right_nested(&levels, 12345);
    let program = codegen_register::compile(&parse(&src).unwrap()).unwrap();
    assert!(program.module().functions.len() >= 12);
    agree(&src).ok();
}

#[test]
fn long_and_deep_inputs_do_not_panic() {
    let depth = 100_000;
    let parens = format!("{}1{}", "(".repeat(depth), ")".repeat(depth));
    assert_eq!(agree(&parens), Ok(1));
    let minus = format!("{}1", "-".repeat(depth + 1));
    assert_eq!(agree(&minus), Ok(-1));
    let negs = format!("{}7{}", "-(".repeat(depth), ")".repeat(depth));
    assert_eq!(agree(&negs), Ok(7));
    let unclosed = "(".repeat(depth);
    assert!(parse(&unclosed).is_err());
    let long = stackvm::sample::random_expression(3, 50_000);
    agree(&long).unwrap();
}
