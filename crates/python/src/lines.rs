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

    /// The span of a range (clipped to its first line). Uses the line index,
    /// so that spanning every instruction of a long file stays linear.
    pub fn span(&self, range: TextRange) -> Span {
        let (line, col) = self.line_col(range.start());
        let start = (range.start().to_u32() as usize).min(self.source.len());
        let end = (range.end().to_u32() as usize).clamp(start, self.source.len());
        Span::covering(line, col, self.source.get(start..end).unwrap_or(""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The indexed span agrees with the direct computation at every pair of
    /// offsets, across lines, multi-byte characters and the end of the text.
    #[test]
    fn spans_match_the_direct_computation() {
        let source = "x = 1\n\ny = 'héllo'  # ünïcode\n  z = x + y\nlast";
        let n = source.len() as u32;
        let index = LineIndex::new(source);
        for start in 0..=n + 2 {
            if !source.is_char_boundary((start as usize).min(source.len())) {
                continue;
            }
            for end in start..=n + 2 {
                let range = TextRange::new(TextSize::new(start), TextSize::new(end));
                assert_eq!(
                    index.span(range),
                    Span::from_offsets(source, start as usize, end as usize),
                    "{start}..{end}"
                );
            }
        }
    }
}
