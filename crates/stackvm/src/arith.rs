//! The five arithmetic operations the calculator and both machines share, and
//! the ways they can fail.

use std::fmt;

/// A binary arithmetic operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`, truncating toward zero.
    Div,
    /// `%`, with the sign of the dividend.
    Mod,
}

impl BinOp {
    /// All operations, in the order of the stack machine's opcodes 0..=4.
    pub const ALL: [BinOp; 5] = [BinOp::Add, BinOp::Sub, BinOp::Mul, BinOp::Div, BinOp::Mod];

    /// The operator as written in an expression.
    pub fn symbol(self) -> char {
        match self {
            BinOp::Add => '+',
            BinOp::Sub => '-',
            BinOp::Mul => '*',
            BinOp::Div => '/',
            BinOp::Mod => '%',
        }
    }

    /// Binding strength: `*`, `/` and `%` bind tighter than `+` and `-`.
    pub fn precedence(self) -> u8 {
        match self {
            BinOp::Add | BinOp::Sub => 1,
            BinOp::Mul | BinOp::Div | BinOp::Mod => 2,
        }
    }

    /// Whether `a op b == b op a` for all integers (so operands may be swapped).
    pub fn commutes(self) -> bool {
        matches!(self, BinOp::Add | BinOp::Mul)
    }

    /// What the machines' transcripts say the operation does, e.g. `Adding 4 and 5`.
    pub fn describe(self, lhs: impl fmt::Display, rhs: impl fmt::Display) -> String {
        match self {
            BinOp::Add => format!("Adding {lhs} and {rhs}"),
            BinOp::Sub => format!("Subtracting {rhs} from {lhs}"),
            BinOp::Mul => format!("Multiplying {lhs} and {rhs}"),
            BinOp::Div => format!("Dividing {lhs} by {rhs}"),
            BinOp::Mod => format!("Taking the remainder of {lhs} divided by {rhs}"),
        }
    }

    /// The error for a zero right operand, if the operation divides.
    pub fn zero_divisor_error(self) -> Option<ArithError> {
        match self {
            BinOp::Div => Some(ArithError::DivisionByZero),
            BinOp::Mod => Some(ArithError::ModulusByZero),
            _ => None,
        }
    }
}

/// Why an arithmetic operation has no 64-bit result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
pub enum ArithError {
    /// `x / 0`.
    #[error("division by zero")]
    DivisionByZero,
    /// `x % 0`.
    #[error("modulus by zero")]
    ModulusByZero,
    /// The exact result lies outside -9223372036854775808..=9223372036854775807.
    #[error("integer overflow: the result does not fit in 64 bits (-9223372036854775808..=9223372036854775807)")]
    Overflow,
}
