//! The tokenizer: numbers, the five operators, parentheses; whitespace
//! (including newlines) anywhere between them.

use crate::arith::BinOp;
use diagnostics::Span;
use std::str::Chars;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A run of decimal digits; `None` when the value exceeds 64 unsigned bits.
    Number(Option<u64>),
    /// `+ - * / %`
    Op(BinOp),
    /// `(`
    Open,
    /// `)`
    Close,
    /// A character that starts no token.
    Unknown(char),
    /// The end of the input.
    End,
}

impl TokenKind {
    /// How an error message names the token.
    pub fn describe(self) -> String {
        match self {
            TokenKind::Number(Some(v)) => format!("number {v}"),
            TokenKind::Number(None) => "number".to_string(),
            TokenKind::Op(op) => format!("`{}`", op.symbol()),
            TokenKind::Open => "`(`".to_string(),
            TokenKind::Close => "`)`".to_string(),
            TokenKind::Unknown(c) if c.is_control() => format!("character {c:?}"),
            TokenKind::Unknown(c) => format!("character `{c}`"),
            TokenKind::End => "end of the expression".to_string(),
        }
    }
}

/// A token and where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Line, column and length in characters.
    pub span: Span,
}

/// Reads tokens one at a time, counting lines and columns as it goes (so
/// positions cost nothing extra on long inputs).
#[derive(Clone, Debug)]
pub struct Lexer<'a> {
    chars: Chars<'a>,
    peeked: Option<char>,
    line: u32,
    col: u32,
}

impl<'a> Lexer<'a> {
    /// A lexer over `source`.
    pub fn new(source: &'a str) -> Lexer<'a> {
        let mut chars = source.chars();
        let peeked = chars.next();
        Lexer {
            chars,
            peeked,
            line: 1,
            col: 1,
        }
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peeked?;
        self.peeked = self.chars.next();
        if c == '\n' {
            self.line = self.line.saturating_add(1);
            self.col = 1;
        } else {
            self.col = self.col.saturating_add(1);
        }
        Some(c)
    }

    /// The next token; `End` (repeatedly) at the end of the input.
    pub fn next_token(&mut self) -> Token {
        while self.peeked.is_some_and(char::is_whitespace) {
            self.bump();
        }
        let (line, col) = (self.line, self.col);
        let kind = match self.bump() {
            None => TokenKind::End,
            Some(c @ '0'..='9') => {
                let mut value = Some(u64::from(c as u8 - b'0'));
                while let Some(d) = self.peeked.and_then(|c| c.to_digit(10)) {
                    self.bump();
                    value = value
                        .and_then(|v| v.checked_mul(10))
                        .and_then(|v| v.checked_add(u64::from(d)));
                }
                TokenKind::Number(value)
            }
            Some('+') => TokenKind::Op(BinOp::Add),
            Some('-') => TokenKind::Op(BinOp::Sub),
            Some('*') => TokenKind::Op(BinOp::Mul),
            Some('/') => TokenKind::Op(BinOp::Div),
            Some('%') => TokenKind::Op(BinOp::Mod),
            Some('(') => TokenKind::Open,
            Some(')') => TokenKind::Close,
            Some(c) => TokenKind::Unknown(c),
        };
        let len = if self.line == line { self.col - col } else { 1 };
        Token {
            kind,
            span: Span::new(line, col, len.max(1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<TokenKind> {
        let mut lexer = Lexer::new(src);
        let mut out = Vec::new();
        loop {
            let t = lexer.next_token();
            out.push(t.kind);
            if t.kind == TokenKind::End {
                return out;
            }
        }
    }

    #[test]
    fn tokens_and_whitespace() {
        use TokenKind::*;
        assert_eq!(
            kinds(" ( 4 +5)\t/\n%-*x"),
            vec![
                Open,
                Number(Some(4)),
                Op(BinOp::Add),
                Number(Some(5)),
                Close,
                Op(BinOp::Div),
                Op(BinOp::Mod),
                Op(BinOp::Sub),
                Op(BinOp::Mul),
                Unknown('x'),
                End
            ]
        );
    }

    #[test]
    fn numbers_saturate_into_none_past_64_bits() {
        assert_eq!(
            kinds("18446744073709551615 18446744073709551616"),
            vec![
                TokenKind::Number(Some(u64::MAX)),
                TokenKind::Number(None),
                TokenKind::End
            ]
        );
    }

    #[test]
    fn spans_count_characters_and_lines() {
        let mut lexer = Lexer::new("é 123\n  )");
        assert_eq!(lexer.next_token().span, Span::new(1, 1, 1));
        assert_eq!(lexer.next_token().span, Span::new(1, 3, 3));
        assert_eq!(lexer.next_token().span, Span::new(2, 3, 1));
        assert_eq!(lexer.next_token().span, Span::new(2, 4, 1));
    }
}
