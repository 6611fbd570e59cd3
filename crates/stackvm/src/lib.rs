//! The seed's stack VM emulator and the expression calculator.
//!
//! - [`machine`]: the stack machine — 32-bit words with a 4-bit opcode and
//!   two 14-bit operands, a fetch, decode, execute cycle, errors as values.
//! - [`lexer`], [`parser`], [`ast`]: integer expressions (`+ - * / %`,
//!   parentheses, unary minus) into one syntax tree, without native recursion.
//! - [`eval`]: the reference evaluator, a tree walk in exact arithmetic.
//! - [`codegen_stack`] and [`codegen_register`]: the two back ends, for the
//!   stack machine and for the register VM (`vm::Vm`).
//! - [`trace`], [`stats`]: transcripts of a run, and instruction counts of both machines.
//! - [`Calculator`]: one line in, one value out, on the machine of choice.

#![warn(missing_docs)]

pub mod arith;
pub mod ast;
pub mod codegen_register;
pub mod codegen_stack;
pub mod error;
pub mod eval;
pub mod lexer;
pub mod machine;
pub mod parser;
pub mod sample;
pub mod stats;
pub mod trace;

pub use arith::{ArithError, BinOp};
pub use ast::Expr;
pub use error::{CalcError, RuntimeError};
pub use parser::{parse, SyntaxError};

/// Which machine evaluates an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Backend {
    /// The register VM (`vm::Vm`).
    Register,
    /// The seed's stack machine.
    Stack,
    /// Both; their results must agree.
    Both,
}

/// Evaluates expressions one line at a time (the CLI's argument and stdin
/// modes, and any REPL).
#[derive(Debug, Default)]
pub struct Calculator {
    stack: machine::Machine,
}

impl Calculator {
    /// A calculator.
    pub fn new() -> Calculator {
        Calculator::default()
    }

    /// Parses and evaluates one expression.
    pub fn eval_line(&mut self, line: &str, backend: Backend) -> Result<i64, CalcError> {
        let expr = parse(line)?;
        self.eval_expr(&expr, backend)
    }

    /// Evaluates a parsed expression. With [`Backend::Both`], a literal the
    /// stack machine cannot encode is that error; otherwise different results
    /// (values or errors) are a [`CalcError::Disagreement`].
    pub fn eval_expr(&mut self, expr: &Expr, backend: Backend) -> Result<i64, CalcError> {
        match backend {
            Backend::Stack => codegen_stack::compile(expr)?.run(&mut self.stack),
            Backend::Register => codegen_register::compile(expr)?.run().0,
            Backend::Both => {
                let stack = self.eval_expr(expr, Backend::Stack);
                if let Err(e @ CalcError::StackCompile(_)) = stack {
                    return Err(e);
                }
                let register = self.eval_expr(expr, Backend::Register);
                if stack == register {
                    stack
                } else {
                    Err(CalcError::Disagreement {
                        stack: CalcError::describe_result(&stack),
                        register: CalcError::describe_result(&register),
                    })
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_backend_evaluates_the_seed_examples() {
        let mut calc = Calculator::new();
        for backend in [Backend::Register, Backend::Stack, Backend::Both] {
            assert_eq!(calc.eval_line("1234+123", backend), Ok(1357));
            assert_eq!(
                calc.eval_line("( 4 + 5) / (6*4 / (4-2)) * (7*4) + 3", backend),
                Ok(3)
            );
            assert_eq!(calc.eval_line("-5*2", backend), Ok(-10));
        }
    }

    #[test]
    fn a_disagreement_names_both_results() {
        let runtime = Calculator::new().eval_line("1 % 0", Backend::Stack);
        let e = CalcError::Disagreement {
            stack: CalcError::describe_result(&Ok(3)),
            register: CalcError::describe_result(&runtime),
        };
        assert_eq!(
            e.to_string(),
            "the machines disagree: the stack machine gives 3, the register VM gives modulus by zero at line 1, column 3"
        );
        assert!(!e.is_compile_time());
    }

    #[test]
    fn both_reports_the_stack_machines_encoding_limit() {
        let mut calc = Calculator::new();
        assert_eq!(calc.eval_line("9000 + 1", Backend::Register), Ok(9001));
        assert!(matches!(
            calc.eval_line("9000 + 1", Backend::Both),
            Err(CalcError::StackCompile(_))
        ));
        assert!(matches!(
            calc.eval_line("1 / 0", Backend::Both),
            Err(CalcError::Runtime(_))
        ));
        assert!(matches!(
            calc.eval_line("1 +", Backend::Both),
            Err(CalcError::Syntax(_))
        ));
    }
}
