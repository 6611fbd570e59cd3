//! The parser: operator precedence without native recursion.
//!
//! ```text
//! expr    := term (('+' | '-') term)*
//! term    := unary (('*' | '/' | '%') unary)*
//! unary   := '-' unary | primary
//! primary := NUMBER | '(' expr ')'
//! ```
//!
//! It is a shunting-yard parser: pending operators and open parentheses wait
//! on an explicit stack, so 100 000 nested parentheses cost heap memory, not
//! native stack. A minus sign applied directly to a literal becomes part of
//! the literal, which is how `-9223372036854775808` and the stack machine's
//! `-8192` can be written.

use crate::arith::BinOp;
use crate::ast::{Expr, Node, NodeId};
use crate::lexer::{Lexer, TokenKind};
use diagnostics::{Diagnostic, Span};

/// What may start an operand, for error messages.
const OPERAND: &str = "a number, `(` or `-`";

/// Why an expression could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct SyntaxError {
    /// Where the problem is.
    pub span: Span,
    /// What the problem is.
    pub kind: SyntaxErrorKind,
}

/// The kinds of syntax error.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SyntaxErrorKind {
    /// Nothing but whitespace.
    #[error("empty expression")]
    Empty,
    /// A token that cannot come here.
    #[error("unexpected {found}")]
    Unexpected {
        /// The token found, described.
        found: String,
        /// What could have come instead.
        expected: &'static str,
    },
    /// A `)` without a matching `(`.
    #[error("unmatched `)`")]
    UnmatchedClose {
        /// Whether an operator may come instead.
        expected: &'static str,
    },
    /// The input ended inside parentheses.
    #[error("unclosed `(` (opened at line {}, column {})", open.line, open.col)]
    Unclosed {
        /// Where the innermost unclosed `(` is.
        open: Span,
    },
    /// A literal outside the 64-bit signed range (the caret shows it).
    #[error("integer literal out of range")]
    LiteralOutOfRange,
}

impl SyntaxError {
    /// What was expected at the error's place.
    pub fn expected(&self) -> String {
        match &self.kind {
            SyntaxErrorKind::Empty => OPERAND.to_string(),
            SyntaxErrorKind::Unexpected { expected, .. }
            | SyntaxErrorKind::UnmatchedClose { expected } => expected.to_string(),
            SyntaxErrorKind::Unclosed { .. } => "`)`".to_string(),
            SyntaxErrorKind::LiteralOutOfRange => {
                "a 64-bit signed integer (-9223372036854775808..=9223372036854775807)".to_string()
            }
        }
    }

    /// The error as a diagnostic with a caret under its place.
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(self.span, self.to_string()).expected(self.expected())
    }
}

/// An operator or parenthesis waiting for its right side.
#[derive(Clone, Copy, Debug)]
enum Pending {
    /// Unary minus at a place.
    Neg(Span),
    /// A binary operator with its left operand, complete.
    Bin(BinOp, Span, NodeId),
    /// An open parenthesis.
    Open(Span),
}

/// What the parser waits for next.
#[derive(Clone, Copy, Debug)]
enum Want {
    /// The start of an operand.
    Operand,
    /// An operator, `)` or the end, after this complete operand.
    Operator(NodeId),
}

/// Parses an expression.
pub fn parse(source: &str) -> Result<Expr, SyntaxError> {
    let mut lexer = Lexer::new(source);
    let mut expr = Expr::new();
    let mut pending: Vec<Pending> = Vec::new();
    let mut open = 0usize;
    let mut want = Want::Operand;
    loop {
        let token = lexer.next_token();
        let span = token.span;
        want = match (want, token.kind) {
            (Want::Operand, TokenKind::Number(digits)) => {
                let negated = match pending.last() {
                    Some(&Pending::Neg(minus)) => {
                        pending.pop();
                        Some(minus)
                    }
                    _ => None,
                };
                let value = literal(digits, negated.is_some()).ok_or(SyntaxError {
                    span,
                    kind: SyntaxErrorKind::LiteralOutOfRange,
                })?;
                let span = match negated {
                    Some(minus) if minus.line == span.line => {
                        Span::new(minus.line, minus.col, span.col + span.len - minus.col)
                    }
                    Some(minus) => minus,
                    None => span,
                };
                Want::Operator(expr.push(Node::Num(value), span))
            }
            (Want::Operand, TokenKind::Op(BinOp::Sub)) => {
                pending.push(Pending::Neg(span));
                Want::Operand
            }
            (Want::Operand, TokenKind::Open) => {
                pending.push(Pending::Open(span));
                open += 1;
                Want::Operand
            }
            (Want::Operand, TokenKind::End) if expr.nodes().is_empty() && pending.is_empty() => {
                return Err(SyntaxError {
                    span,
                    kind: SyntaxErrorKind::Empty,
                })
            }
            (Want::Operand, found) => {
                return Err(SyntaxError {
                    span,
                    kind: SyntaxErrorKind::Unexpected {
                        found: found.describe(),
                        expected: OPERAND,
                    },
                })
            }
            (Want::Operator(operand), TokenKind::Op(op)) => {
                let lhs = reduce(&mut expr, &mut pending, operand, op.precedence());
                pending.push(Pending::Bin(op, span, lhs));
                Want::Operand
            }
            (Want::Operator(operand), TokenKind::Close) => {
                let inner = reduce(&mut expr, &mut pending, operand, 0);
                match pending.pop() {
                    Some(Pending::Open(_)) => {
                        open -= 1;
                        Want::Operator(inner)
                    }
                    _ => {
                        return Err(SyntaxError {
                            span,
                            kind: SyntaxErrorKind::UnmatchedClose {
                                expected: "an operator or the end of the expression",
                            },
                        })
                    }
                }
            }
            (Want::Operator(operand), TokenKind::End) => {
                let root = reduce(&mut expr, &mut pending, operand, 0);
                if let Some(&Pending::Open(open)) = pending.last() {
                    return Err(SyntaxError {
                        span,
                        kind: SyntaxErrorKind::Unclosed { open },
                    });
                }
                debug_assert_eq!(root, expr.root());
                return Ok(expr);
            }
            (Want::Operator(_), found) => {
                return Err(SyntaxError {
                    span,
                    kind: SyntaxErrorKind::Unexpected {
                        found: found.describe(),
                        expected: if open > 0 {
                            "an operator (`+ - * / %`) or `)`"
                        } else {
                            "an operator (`+ - * / %`) or the end of the expression"
                        },
                    },
                })
            }
        };
    }
}

/// The value of a literal's digits, negated when a minus sign stands directly
/// before it; `None` when it does not fit 64 signed bits.
fn literal(digits: Option<u64>, negated: bool) -> Option<i64> {
    let magnitude = digits?;
    if negated {
        0i64.checked_sub_unsigned(magnitude)
    } else {
        i64::try_from(magnitude).ok()
    }
}

/// Completes the pending operators that bind at least as tightly as
/// `min_precedence` (unary minus binds tightest), stopping at an open
/// parenthesis; returns the operand they produce.
fn reduce(
    expr: &mut Expr,
    pending: &mut Vec<Pending>,
    mut operand: NodeId,
    min_precedence: u8,
) -> NodeId {
    loop {
        match pending.last() {
            Some(&Pending::Neg(span)) => {
                pending.pop();
                operand = expr.push(Node::Neg(operand), span);
            }
            Some(&Pending::Bin(op, span, lhs)) if op.precedence() >= min_precedence => {
                pending.pop();
                operand = expr.push(Node::Bin(op, lhs, operand), span);
            }
            _ => return operand,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree written back with every operation in parentheses.
    fn show(src: &str) -> String {
        let expr = parse(src).unwrap();
        let mut text: Vec<String> = Vec::new();
        for node in expr.nodes() {
            let s = match *node {
                Node::Num(v) => v.to_string(),
                Node::Neg(x) => format!("(-{})", text[x as usize]),
                Node::Bin(op, l, r) => {
                    format!(
                        "({} {} {})",
                        text[l as usize],
                        op.symbol(),
                        text[r as usize]
                    )
                }
            };
            text.push(s);
        }
        text.pop().unwrap()
    }

    fn error(src: &str) -> (SyntaxError, String) {
        let e = parse(src).unwrap_err();
        let shown = e.diagnostic().render("<expression>", src);
        (e, shown)
    }

    #[test]
    fn precedence_and_left_associativity() {
        assert_eq!(show("1+2*3"), "(1 + (2 * 3))");
        assert_eq!(show("1-2-3"), "((1 - 2) - 3)");
        assert_eq!(show("8/4/2%3"), "(((8 / 4) / 2) % 3)");
        assert_eq!(show("1*2+3*4-5"), "(((1 * 2) + (3 * 4)) - 5)");
        assert_eq!(
            show("( 4 + 5) / (6*4 / (4-2)) * (7*4) + 3"),
            "((((4 + 5) / ((6 * 4) / (4 - 2))) * (7 * 4)) + 3)"
        );
    }

    #[test]
    fn unary_minus_binds_tightest_and_folds_into_literals() {
        assert_eq!(show("-5*2"), "(-5 * 2)");
        assert_eq!(show("-(5)*2"), "((-5) * 2)");
        assert_eq!(show("2--3"), "(2 - -3)");
        assert_eq!(show("--3"), "(--3)");
        assert_eq!(show("- - (1+2)"), "(-(-(1 + 2)))");
        assert_eq!(show("-9223372036854775808"), "-9223372036854775808");
        assert_eq!(show("9223372036854775807"), "9223372036854775807");
    }

    #[test]
    fn nodes_are_in_post_order_with_operator_spans() {
        let expr = parse("(1 +\n 2) * -3").unwrap();
        assert_eq!(
            expr.nodes(),
            &[
                Node::Num(1),
                Node::Num(2),
                Node::Bin(BinOp::Add, 0, 1),
                Node::Num(-3),
                Node::Bin(BinOp::Mul, 2, 3)
            ]
        );
        assert_eq!(expr.span(2), Span::new(1, 4, 1));
        assert_eq!(expr.span(3), Span::new(2, 7, 2));
        assert_eq!(expr.span(4), Span::new(2, 5, 1));
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let depth = 200_000;
        let src = format!("{}7{}", "(-".repeat(depth), ")".repeat(depth));
        let expr = parse(&src).unwrap();
        assert_eq!(expr.nodes().len(), depth);
        assert_eq!(expr.literal(0), Some(-7));
    }

    #[test]
    fn syntax_errors_point_at_the_place() {
        let (e, shown) = error("1 + * 2");
        assert_eq!(
            shown,
            "<expression>:1:5: error: unexpected `*`\n    1 + * 2\n        ^ expected a number, `(` or `-`\n"
        );
        assert_eq!(e.span, Span::new(1, 5, 1));

        let (_, shown) = error("(1 + 2");
        assert_eq!(
            shown,
            "<expression>:1:7: error: unclosed `(` (opened at line 1, column 1)\n    (1 + 2\n          ^ expected `)`\n"
        );
        let (_, shown) = error("1 + 2)");
        assert_eq!(
            shown,
            "<expression>:1:6: error: unmatched `)`\n    1 + 2)\n         ^ expected an operator or the end of the expression\n"
        );
        let (_, shown) = error("12 34");
        assert_eq!(
            shown,
            "<expression>:1:4: error: unexpected number 34\n    12 34\n       ^^ expected an operator (`+ - * / %`) or the end of the expression\n"
        );
        let (_, shown) = error("(1 x");
        assert!(shown.contains("unexpected character `x`"), "{shown}");
        assert!(
            shown.contains("expected an operator (`+ - * / %`) or `)`"),
            "{shown}"
        );
        let (e, _) = error("1 +");
        assert_eq!(
            e.kind,
            SyntaxErrorKind::Unexpected {
                found: "end of the expression".into(),
                expected: OPERAND
            }
        );
        let (e, _) = error("()");
        assert_eq!(e.span, Span::new(1, 2, 1));
    }

    #[test]
    fn empty_expressions_are_errors() {
        for src in ["", "   ", "\n"] {
            let (e, _) = error(src);
            assert_eq!(e.kind, SyntaxErrorKind::Empty, "{src:?}");
        }
        let (_, shown) = error("  ");
        assert_eq!(
            shown,
            "<expression>:1:3: error: empty expression\n      \n      ^ expected a number, `(` or `-`\n"
        );
    }

    #[test]
    fn literals_outside_64_bits_are_syntax_errors() {
        let (e, shown) = error("1 + 9223372036854775808");
        assert_eq!(e.kind, SyntaxErrorKind::LiteralOutOfRange);
        assert!(shown.starts_with("<expression>:1:5: error: integer literal out of range\n"));
        assert!(shown.ends_with(
            "^^^^^^^^^^^^^^^^^^^ expected a 64-bit signed integer (-9223372036854775808..=9223372036854775807)\n"
        ));
        let (e, _) = error("-99999999999999999999999");
        assert!(e.kind == SyntaxErrorKind::LiteralOutOfRange);
        // A minus that is not directly on the literal does not widen its range.
        let (e, _) = error("-(9223372036854775808)");
        assert!(e.kind == SyntaxErrorKind::LiteralOutOfRange);
    }
}
