//! Maps byte offsets in the source to 1-based lines and character columns.

use diagnostics::Span;
use ruff_text_size::{TextRange, TextSize};

/// Line starts of a source text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    source: String,
}

impl LineIndex {
    /// Indexes a source text.
    pub fn new(source: &str) -> LineIndex {
        let mut starts = vec![0];
        for (i, b) in source.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            source: source.to_string(),
        }
    }

    /// The 1-based line and 1-based character column of a byte offset.
    pub fn line_col(&self, offset: TextSize) -> (u32, u32) {
        let off = (offset.to_u32() as usize).min(self.source.len());
        let line = match self.starts.binary_search(&off) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let col = self
            .source
            .get(start..off)
            .map_or(off - start, |s| s.chars().count());
        (line as u32 + 1, col as u32 + 1)
    }

    /// The source text of a range.
    pub fn text(&self, range: TextRange) -> &str {
        self.source
            .get(range.start().to_u32() as usize..range.end().to_u32() as usize)
            .unwrap_or("")
    }

    /// The span of a range (clipped to its first line).
    pub fn span(&self, range: TextRange) -> Span {
        Span::from_offsets(
            &self.source,
            range.start().to_u32() as usize,
            range.end().to_u32() as usize,
        )
    }
}
