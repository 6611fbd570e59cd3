//! Deterministic sample expressions for benchmarks, the comparison table and tests.

use crate::arith::BinOp;
use crate::eval::exact;

/// A small deterministic pseudo-random generator (xorshift64*).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (any value, zero included).
    pub fn new(seed: u64) -> Rng {
        Rng((seed ^ 0x9e37_79b9_7f4a_7c15) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
}

/// A subexpression being built: its text, how tightly its outermost operator
/// binds (3 for a literal or parenthesised group), and its value.
struct Part {
    text: String,
    precedence: u8,
    value: i64,
}

/// Values stay within this bound, so no sample fails.
const BOUND: i64 = 1_000_000_000;

/// A random expression with exactly `operators` binary operators over the
/// literals 0..=99 (a few negated), in a random tree shape, that evaluates
/// without error: an operation that would divide by zero or leave ±10^9 is
/// replaced by `%` (or `+` when the right side is 0), which keeps values small.
pub fn random_expression(seed: u64, operators: usize) -> String {
    let mut rng = Rng::new(seed);
    let mut stack: Vec<Part> = Vec::new();
    let (mut literals, mut combined) = (0, 0);
    while combined < operators {
        // Combine when the literals are all out, otherwise half of the time.
        let combine = stack.len() >= 2 && (literals > operators || rng.below(2) == 0);
        if !combine {
            let v = rng.below(100) as i64;
            let part = if rng.below(10) == 0 {
                Part {
                    text: format!("-{v}"),
                    precedence: 3,
                    value: -v,
                }
            } else {
                Part {
                    text: v.to_string(),
                    precedence: 3,
                    value: v,
                }
            };
            stack.push(part);
            literals += 1;
            continue;
        }
        let (Some(rhs), Some(lhs)) = (stack.pop(), stack.pop()) else {
            break;
        };
        let mut op = BinOp::ALL[rng.below(5) as usize];
        let value = match exact(op, lhs.value, rhs.value) {
            Ok(v) if v.abs() <= BOUND => v,
            _ if rhs.value != 0 => {
                op = BinOp::Mod;
                lhs.value % rhs.value
            }
            _ => {
                op = BinOp::Add;
                lhs.value
            }
        };
        let p = op.precedence();
        let left = if lhs.precedence < p {
            format!("({})", lhs.text)
        } else {
            lhs.text
        };
        let right = if rhs.precedence <= p {
            format!("({})", rhs.text)
        } else {
            rhs.text
        };
        stack.push(Part {
            text: format!("{left} {} {right}", op.symbol()),
            precedence: p,
            value,
        });
        combined += 1;
    }
    match stack.pop() {
        Some(part) => part.text,
        None => "0".to_string(),
    }
}

/// `(2*3) - ((2*3) - (... - 1))`, `depth` levels deep: every level holds a
/// computed value while the next is computed (the register VM's worst case).
pub fn right_nested(depth: usize) -> String {
    format!("{}1{}", "(2*3) - (".repeat(depth), ")".repeat(depth))
}

/// `1 + 2 + ... + n`: a left-leaning chain (the register VM's best case).
pub fn left_chain(n: usize) -> String {
    let mut s = String::from("1");
    for i in 2..=n.max(1) {
        s.push_str(&format!(" + {}", i % 8000));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{eval::evaluate, parser::parse};

    #[test]
    fn samples_parse_evaluate_and_have_the_operator_count() {
        for n in [0, 1, 10, 100, 1000] {
            for seed in 0..5 {
                let src = random_expression(seed, n);
                let expr = parse(&src).unwrap();
                let binary = expr
                    .nodes()
                    .iter()
                    .filter(|n| matches!(n, crate::ast::Node::Bin(..)))
                    .count();
                assert_eq!(binary, n, "{src}");
                let v = evaluate(&expr).unwrap();
                assert!(v.abs() <= BOUND);
            }
        }
        assert_eq!(random_expression(7, 50), random_expression(7, 50));
        assert_ne!(random_expression(7, 50), random_expression(8, 50));
        assert_eq!(evaluate(&parse(&right_nested(3)).unwrap()), Ok(5));
        assert_eq!(evaluate(&parse(&left_chain(4)).unwrap()), Ok(10));
    }
}
