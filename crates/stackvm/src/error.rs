//! The calculator's errors: one type per phase, gathered in [`CalcError`].

use crate::arith::ArithError;
use crate::codegen_register::RegisterCompileError;
use crate::codegen_stack::StackCompileError;
use crate::machine::MachineError;
use crate::parser::SyntaxError;
use diagnostics::{Diagnostic, Span};

/// An operation failed while an expression was evaluated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{kind}")]
pub struct RuntimeError {
    /// What went wrong.
    pub kind: ArithError,
    /// The operator that failed.
    pub span: Span,
}

/// Anything that can go wrong between an expression and its value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CalcError {
    /// The expression does not parse.
    #[error(transparent)]
    Syntax(#[from] SyntaxError),
    /// The stack machine cannot encode the expression.
    #[error(transparent)]
    StackCompile(#[from] StackCompileError),
    /// The register VM cannot compile the expression.
    #[error(transparent)]
    RegisterCompile(#[from] RegisterCompileError),
    /// An operation failed (division by zero, overflow).
    #[error(transparent)]
    Runtime(#[from] RuntimeError),
    /// The stack machine failed in a way the code generator should have ruled out.
    #[error("the stack machine failed: {0}")]
    StackMachine(MachineError),
    /// The register VM failed in a way the code generator should have ruled out.
    #[error("the register VM failed: {0}")]
    RegisterVm(String),
    /// `both` machines ran and gave different results.
    #[error(
        "the machines disagree: the stack machine gives {stack}, the register VM gives {register}"
    )]
    Disagreement {
        /// The stack machine's value or error.
        stack: String,
        /// The register VM's value or error.
        register: String,
    },
}

impl CalcError {
    /// Whether the expression was refused before anything ran (syntax, or it
    /// cannot be compiled for the machine); otherwise running it failed.
    pub fn is_compile_time(&self) -> bool {
        matches!(
            self,
            CalcError::Syntax(_) | CalcError::StackCompile(_) | CalcError::RegisterCompile(_)
        )
    }

    /// The error as a diagnostic with a caret under its place in the
    /// expression, when it has one.
    pub fn diagnostic(&self) -> Option<Diagnostic> {
        match self {
            CalcError::Syntax(e) => Some(e.diagnostic()),
            CalcError::StackCompile(e) => Some(e.diagnostic()),
            CalcError::Runtime(e) => Some(Diagnostic::new(e.span, e.to_string())),
            _ => None,
        }
    }

    /// How a result is shown when two machines are compared.
    pub fn describe_result(result: &Result<i64, CalcError>) -> String {
        match result {
            Ok(v) => v.to_string(),
            Err(e) => match e.diagnostic() {
                Some(d) => format!(
                    "{} at line {}, column {}",
                    d.message, d.span.line, d.span.col
                ),
                None => e.to_string(),
            },
        }
    }
}
