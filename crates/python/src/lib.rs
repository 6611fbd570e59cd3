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
use ruff_python_ast::PythonVersion;
use ruff_python_parser::{Mode, ParseOptions};
use ruff_text_size::TextRange;

/// Compiles Python source into a bytecode module named `file`.
pub fn compile(source: &str, file: &str) -> Result<bytecode::Module, CompileError> {
    let lines = LineIndex::new(source);
    // Parse for Python 3.11, the version whose behaviour Rhodium follows:
    // newer syntax (such as PEP 701 f-strings) is refused as CPython 3.11 refuses it.
    let options = ParseOptions::from(Mode::Module).with_target_version(PythonVersion::PY311);
    let parsed = ruff_python_parser::parse(source, options).map_err(|e| {
        let range = TextRange::new(e.location.start(), e.location.end());
        CompileError::syntax(lines.span(range), e.error.to_string())
    })?;
    if let Some(e) = parsed.unsupported_syntax_errors().first() {
        return Err(CompileError::syntax(lines.span(e.range), e.to_string()));
    }
    let Some(parsed) = parsed.try_into_module() else {
        return Err(CompileError::syntax(
            lines.span(TextRange::default()),
            "expected a module",
        ));
    };
    let body = &parsed.syntax().body;

    let scopes = scope::analyze(body, &lines)?;
    codegen::compile_module(body, &scopes, &lines, file)
}
