//! The reference evaluator: walks the tree directly, in exact arithmetic.
//!
//! It shares nothing with the machines but the tree: each operation is
//! computed exactly in 128 bits and then checked against the 64-bit range, so
//! it is an independent oracle for the stack machine's checked 64-bit
//! operations and the register VM's big-integer promotion plus `chki64`.

use crate::arith::{ArithError, BinOp};
use crate::ast::{Expr, Node, NodeId};
use crate::error::RuntimeError;

/// What to do with a value once the subtree that produced it is done.
#[derive(Clone, Copy, Debug)]
enum Then {
    /// Negate it (the unary minus at this node).
    Negate(NodeId),
    /// It is the left operand of this node: evaluate the right one next.
    Right(NodeId, BinOp, NodeId),
    /// It is the right operand of this node, whose left operand was this value.
    Combine(NodeId, BinOp, i64),
}

/// Evaluates an expression left to right; the first failing operation is the error.
pub fn evaluate(expr: &Expr) -> Result<i64, RuntimeError> {
    let fail = |id: NodeId, kind: ArithError| RuntimeError {
        kind,
        span: expr.span(id),
    };
    let mut pending: Vec<Then> = Vec::new();
    let mut next = expr.root();
    loop {
        // Down the left spine to a literal.
        let mut value = loop {
            match expr.node(next) {
                Node::Num(v) => break v,
                Node::Neg(x) => {
                    pending.push(Then::Negate(next));
                    next = x;
                }
                Node::Bin(op, l, r) => {
                    pending.push(Then::Right(next, op, r));
                    next = l;
                }
            }
        };
        // Up until some right operand is still to be evaluated.
        loop {
            match pending.pop() {
                None => return Ok(value),
                Some(Then::Negate(id)) => {
                    value = fit(-i128::from(value)).map_err(|k| fail(id, k))?;
                }
                Some(Then::Right(id, op, r)) => {
                    pending.push(Then::Combine(id, op, value));
                    next = r;
                    break;
                }
                Some(Then::Combine(id, op, lhs)) => {
                    value = exact(op, lhs, value).map_err(|k| fail(id, k))?;
                }
            }
        }
    }
}

/// One operation computed exactly, then required to fit 64 bits.
pub fn exact(op: BinOp, lhs: i64, rhs: i64) -> Result<i64, ArithError> {
    let (x, y) = (i128::from(lhs), i128::from(rhs));
    if y == 0 {
        if let Some(e) = op.zero_divisor_error() {
            return Err(e);
        }
    }
    fit(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        // Rust's integer division truncates toward zero and its remainder
        // takes the dividend's sign, as C++ does.
        BinOp::Div => x / y,
        BinOp::Mod => x % y,
    })
}

fn fit(v: i128) -> Result<i64, ArithError> {
    i64::try_from(v).map_err(|_| ArithError::Overflow)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::parse;
    use diagnostics::Span;

    fn eval(src: &str) -> Result<i64, RuntimeError> {
        evaluate(&parse(src).unwrap())
    }

    #[test]
    fn the_seed_examples() {
        assert_eq!(eval("1234+123"), Ok(1357));
        assert_eq!(eval("( 4 + 5) / (6*4 / (4-2)) * (7*4) + 3"), Ok(3));
    }

    #[test]
    fn truncating_division_and_remainder() {
        assert_eq!(eval("-7/2"), Ok(-3));
        assert_eq!(eval("-7%2"), Ok(-1));
        assert_eq!(eval("7%-2"), Ok(1));
        assert_eq!(eval("-9223372036854775808 % -1"), Ok(0));
        assert_eq!(eval("2*3-4/2+-(1)"), Ok(3));
    }

    #[test]
    fn the_first_failing_operation_is_the_error() {
        assert_eq!(
            eval("1/0 + 9223372036854775807*2"),
            Err(RuntimeError {
                kind: ArithError::DivisionByZero,
                span: Span::new(1, 2, 1)
            })
        );
        assert_eq!(
            eval("9223372036854775807+1 - 1%0"),
            Err(RuntimeError {
                kind: ArithError::Overflow,
                span: Span::new(1, 20, 1)
            })
        );
        assert_eq!(
            eval("-(-9223372036854775808)"),
            Err(RuntimeError {
                kind: ArithError::Overflow,
                span: Span::new(1, 1, 1)
            })
        );
        assert_eq!(
            eval("(-9223372036854775807-1)/-1"),
            Err(RuntimeError {
                kind: ArithError::Overflow,
                span: Span::new(1, 25, 1)
            })
        );
        assert_eq!(
            eval("5 % (3-3)").unwrap_err().kind,
            ArithError::ModulusByZero
        );
    }

    #[test]
    fn deep_trees_do_not_recurse() {
        let depth = 100_000;
        let src = format!("{}1{}", "(1+".repeat(depth), ")".repeat(depth));
        assert_eq!(eval(&src), Ok(depth as i64 + 1));
        let src = format!("{}1", "1-".repeat(depth));
        assert_eq!(eval(&src), Ok(1 - depth as i64));
    }
}
