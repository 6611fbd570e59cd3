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

pub use codegen::{MODULES, UNSUPPORTED_BUILTINS};
pub use error::{CompileError, ErrorKind};

use lines::LineIndex;
use ruff_python_ast::token::{Token, TokenKind};
use ruff_python_ast::PythonVersion;
use ruff_python_parser::{Mode, ParseOptions};
use ruff_text_size::{Ranged, TextRange};

/// Compiles Python source into a bytecode module named `file`.
pub fn compile(source: &str, file: &str) -> Result<bytecode::Module, CompileError> {
    compile_with(source, file, false)
}

/// Compiles one interactive input (a REPL line or block): module-level
/// expression statements print the repr of their value unless it is None.
pub fn compile_interactive(source: &str, file: &str) -> Result<bytecode::Module, CompileError> {
    compile_with(source, file, true)
}

/// Whether more lines are needed before `source` can be compiled, as the
/// REPL's `...` prompt decides: a compound statement (`def`, `if`, ...) runs
/// once an empty line ends it; otherwise input is incomplete while the parser
/// fails at its very end (an open bracket, string or backslash).
pub fn input_is_incomplete(source: &str) -> bool {
    let first = source
        .lines()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let Some(first) = first else { return false };
    let head = first.split('#').next().unwrap_or("").trim_end();
    let compound = head.ends_with(':') || first.trim_start().starts_with('@');
    let ends_blank = source.lines().last().is_none_or(|l| l.trim().is_empty());
    if compound {
        return !ends_blank;
    }
    let options = ParseOptions::from(Mode::Module).with_target_version(PythonVersion::PY311);
    match ruff_python_parser::parse(source, options) {
        Ok(_) => false,
        Err(e) => {
            e.location.start().to_usize() >= source.trim_end().len()
                || (e.location.end().to_usize() >= source.trim_end().len()
                    && e.error.to_string().contains("missing closing quote"))
        }
    }
}

fn compile_with(
    source: &str,
    file: &str,
    interactive: bool,
) -> Result<bytecode::Module, CompileError> {
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
    check_surrogates(parsed.tokens(), source, &lines)?;
    let Some(parsed) = parsed.try_into_module() else {
        return Err(CompileError::syntax(
            lines.span(TextRange::default()),
            "expected a module",
        ));
    };
    let body = &parsed.syntax().body;

    let scopes = scope::analyze(body, &lines)?;
    codegen::compile_module(body, &scopes, &lines, file, interactive)
}

/// Refuses string escapes of lone surrogates (`"\ud800"`): CPython keeps
/// them in the string, Rhodium's strings cannot hold them, and the parser
/// would silently turn them into U+FFFD.
fn check_surrogates(tokens: &[Token], source: &str, lines: &LineIndex) -> Result<(), CompileError> {
    for t in tokens {
        if !matches!(
            t.kind(),
            TokenKind::String | TokenKind::FStringMiddle | TokenKind::TStringMiddle
        ) {
            continue;
        }
        if t.string_flags().is_none_or(|f| f.is_raw_string()) {
            continue;
        }
        let text = source.get(t.range().start().to_usize()..t.range().end().to_usize());
        if text.is_some_and(has_surrogate_escape) {
            return Err(CompileError::unsupported(
                lines.span(t.range()),
                "lone surrogate characters (\\ud800 to \\udfff) are not supported yet",
            ));
        }
    }
    Ok(())
}

/// Whether the source text of a string literal has a `\uXXXX` or `\UXXXXXXXX`
/// escape of a code point in U+D800..U+DFFF.
fn has_surrogate_escape(text: &str) -> bool {
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            continue;
        }
        let digits = match chars.next() {
            Some('u') => 4,
            Some('U') => 8,
            _ => continue,
        };
        let hex: String = chars.clone().take(digits).collect();
        if let Ok(v) = u32::from_str_radix(&hex, 16) {
            if hex.len() == digits && (0xD800..=0xDFFF).contains(&v) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::has_surrogate_escape;

    #[test]
    fn surrogate_escapes_are_found_but_not_escaped_backslashes() {
        assert!(has_surrogate_escape(r#""\ud800""#));
        assert!(has_surrogate_escape(r#""a\U0000DFFF""#));
        assert!(!has_surrogate_escape(r#""\\ud800""#));
        assert!(!has_surrogate_escape(r#""\ue000\u00e9""#));
        assert!(!has_surrogate_escape(r#""\ud8""#));
    }
}
