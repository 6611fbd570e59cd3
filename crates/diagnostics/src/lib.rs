//! Source diagnostics shared by Rhodium's front ends (assemblers, calculator,
//! Python compiler). Each phase reports typed errors carrying a [`Span`]; the
//! edges (CLI, REPL, server) render them with [`Diagnostic::render`] as
//!
//! ```text
//! prog.asm:3:5: error: unknown mnemonic `ad`
//!     ad r0, r1
//!     ^^ expected an instruction mnemonic
//! ```

use std::fmt::Write;

/// A region of source text: 1-based line and column (in characters) and a length in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub col: u32,
    /// Length in characters (at least 1 when rendered).
    pub len: u32,
}

impl Span {
    /// A span at a line and column.
    pub fn new(line: u32, col: u32, len: u32) -> Span {
        Span { line, col, len }
    }

    /// The span of a byte range of `source`.
    pub fn from_offsets(source: &str, start: usize, end: usize) -> Span {
        let start = start.min(source.len());
        let end = end.clamp(start, source.len());
        let before = source.get(..start).unwrap_or("");
        let line = before.matches('\n').count() as u32 + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = source
            .get(line_start..start)
            .map_or(0, |s| s.chars().count()) as u32
            + 1;
        Span::covering(line, col, source.get(start..end).unwrap_or(""))
    }

    /// The span that starts at `line` and `col` and covers `text`, clipped
    /// to its first line.
    pub fn covering(line: u32, col: u32, text: &str) -> Span {
        let len = text.split('\n').next().map_or(0, |s| s.chars().count()) as u32;
        Span { line, col, len }
    }
}

/// One problem in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where it is.
    pub span: Span,
    /// What is wrong (`unknown mnemonic `ad``).
    pub message: String,
    /// What was expected, printed after the caret.
    pub expected: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with a message.
    pub fn new(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            span,
            message: message.into(),
            expected: None,
        }
    }

    /// Adds the "expected ..." note shown after the caret.
    pub fn expected(mut self, what: impl Into<String>) -> Diagnostic {
        self.expected = Some(what.into());
        self
    }

    /// Renders as `file:line:col: error: message`, the source line, and a caret line.
    pub fn render(&self, file: &str, source: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{file}:{}:{}: error: {}",
            self.span.line, self.span.col, self.message
        );
        if let Some(text) = source
            .lines()
            .nth(self.span.line.saturating_sub(1) as usize)
        {
            // Tabs become spaces so the caret lines up.
            let shown: String = text
                .chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            let _ = writeln!(out, "    {shown}");
            let pad = " ".repeat(self.span.col.saturating_sub(1) as usize);
            let width = (self.span.len.max(1) as usize).min(
                shown
                    .chars()
                    .count()
                    .saturating_sub(self.span.col as usize - 1)
                    .max(1),
            );
            let _ = write!(out, "    {pad}{}", "^".repeat(width));
            if let Some(e) = &self.expected {
                let _ = write!(out, " expected {e}");
            }
            out.push('\n');
        } else if let Some(e) = &self.expected {
            let _ = writeln!(out, "    expected {e}");
        }
        out
    }
}

/// Renders several diagnostics, then a summary line when there is more than one.
pub fn render_all(diagnostics: &[Diagnostic], file: &str, source: &str) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&d.render(file, source));
    }
    if diagnostics.len() > 1 {
        let _ = writeln!(out, "{} errors", diagnostics.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_caret_under_the_span() {
        let src = "nop\n    ad r0, r1\n";
        let d = Diagnostic::new(Span::new(2, 5, 2), "unknown mnemonic `ad`")
            .expected("an instruction mnemonic");
        assert_eq!(
            d.render("p.asm", src),
            "p.asm:2:5: error: unknown mnemonic `ad`\n        ad r0, r1\n        ^^ expected an instruction mnemonic\n"
        );
    }

    #[test]
    fn spans_from_byte_offsets_count_characters() {
        let src = "héllo\nwörld x";
        let start = src.find('x').unwrap();
        assert_eq!(
            Span::from_offsets(src, start, start + 1),
            Span::new(2, 7, 1)
        );
    }
}
