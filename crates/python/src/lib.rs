//! Compiles Rhodium's Python subset to register bytecode.
//!
//! [`compile`] parses a module with ruff's parser, analyzes its scopes, and
//! generates a [`bytecode::Module`] whose function 0 is the module body.
//! Syntax errors, Python's compile-time errors and constructs outside the
//! subset are reported as [`CompileError`]s with their source location.

mod codegen;
pub mod error;
pub mod lines;
pub mod scope;

pub use codegen::MODULES;
pub use error::{CompileError, ErrorKind};

use lines::LineIndex;
use ruff_text_size::TextRange;

/// Compiles Python source into a bytecode module named `file`.
pub fn compile(source: &str, file: &str) -> Result<bytecode::Module, CompileError> {
    let lines = LineIndex::new(source);
    let parsed = ruff_python_parser::parse_module(source).map_err(|e| {
        let range = TextRange::new(e.location.start(), e.location.end());
        CompileError::syntax(lines.span(range), e.error.to_string())
    })?;
    let body = &parsed.syntax().body;
    let scopes = scope::analyze(body, &lines)?;
    codegen::compile_module(body, &scopes, &lines, file)
}
