//! Compile errors: syntax errors from the parser, Python's compile-time
//! errors, and constructs outside Rhodium's subset.

use diagnostics::{Diagnostic, Span};

/// What kind of problem stopped compilation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Not valid Python (CPython raises SyntaxError too).
    Syntax,
    /// Valid Python that Rhodium's subset does not include.
    Unsupported,
    /// A limit of the bytecode (registers, constants) was exceeded.
    Limit,
}

/// A compile error with its location.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct CompileError {
    /// The kind of error.
    pub kind: ErrorKind,
    /// Where it is.
    pub span: Span,
    /// What is wrong.
    pub message: String,
}

impl CompileError {
    /// A syntax error.
    pub fn syntax(span: Span, message: impl Into<String>) -> CompileError {
        CompileError {
            kind: ErrorKind::Syntax,
            span,
            message: message.into(),
        }
    }

    /// A construct outside the subset.
    pub fn unsupported(span: Span, message: impl Into<String>) -> CompileError {
        CompileError {
            kind: ErrorKind::Unsupported,
            span,
            message: message.into(),
        }
    }

    /// A bytecode limit.
    pub fn limit(span: Span, message: impl Into<String>) -> CompileError {
        CompileError {
            kind: ErrorKind::Limit,
            span,
            message: message.into(),
        }
    }

    /// The diagnostic rendered at the edges.
    pub fn diagnostic(&self) -> Diagnostic {
        let message = match self.kind {
            ErrorKind::Syntax => format!("SyntaxError: {}", self.message),
            ErrorKind::Unsupported => format!("unsupported: {}", self.message),
            ErrorKind::Limit => format!("too large: {}", self.message),
        };
        Diagnostic::new(self.span, message)
    }
}
