//! Splits one line of the dialect into tokens with their columns.

use crate::error::{Error, ErrorKind};
use diagnostics::Span;

/// The kinds of token; operand prefixes decide the kind, and the parser checks the rest.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A mnemonic or a directive (`.asciiz`).
    Word,
    /// A label definition `name:` (the text holds the name without the colon).
    LabelDef,
    /// `$n`.
    Register,
    /// `#n`.
    Immediate,
    /// `@name`.
    LabelUse,
    /// A quoted string; the value has its escapes decoded.
    Str(String),
}

/// A token, its source text and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What kind of token.
    pub kind: Tok,
    /// The text as written (for a label definition, without the colon).
    pub text: String,
    /// Its position.
    pub span: Span,
}

impl Token {
    /// The token as messages show it (`` `#5` ``, `a string`).
    pub fn describe(&self) -> String {
        match self.kind {
            Tok::Str(_) => "a string".into(),
            Tok::LabelDef => format!("`{}:`", self.text),
            _ => format!("`{}`", self.text),
        }
    }
}

/// Tokenizes one line (without its newline); `line` is its 1-based number.
/// Comments (`;` to the end of the line, outside strings) are dropped.
pub fn lex_line(text: &str, line: u32) -> Result<Vec<Token>, Error> {
    let chars: Vec<char> = text.chars().collect();
    let span = |start: usize, end: usize| {
        Span::new(
            line,
            start as u32 + 1,
            (end.saturating_sub(start)).max(1) as u32,
        )
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == ';' {
            break;
        }
        let start = i;
        if c == '\'' || c == '"' {
            let (value, end) = string(&chars, i, line)?;
            out.push(Token {
                kind: Tok::Str(value),
                text: chars[start..end].iter().collect(),
                span: span(start, end),
            });
            i = end;
            continue;
        }
        // A bare word stops at a colon, so `loop:INC $1` still reads as a label and a mnemonic.
        let bare = !matches!(c, '$' | '#' | '@');
        let mut end = i;
        while end < chars.len()
            && !chars[end].is_whitespace()
            && !matches!(chars[end], ';' | '\'' | '"')
        {
            end += 1;
            if bare && chars[end - 1] == ':' {
                break;
            }
        }
        let word: String = chars[start..end].iter().collect();
        let token = match c {
            '$' => Token {
                kind: Tok::Register,
                text: word,
                span: span(start, end),
            },
            '#' => Token {
                kind: Tok::Immediate,
                text: word,
                span: span(start, end),
            },
            '@' => Token {
                kind: Tok::LabelUse,
                text: word,
                span: span(start, end),
            },
            _ => match word.strip_suffix(':') {
                Some(name) => Token {
                    kind: Tok::LabelDef,
                    text: name.to_string(),
                    span: span(start, end - 1),
                },
                None => Token {
                    kind: Tok::Word,
                    text: word,
                    span: span(start, end),
                },
            },
        };
        out.push(token);
        i = end;
    }
    Ok(out)
}

/// Reads a string starting at the quote `chars[start]`; returns its value and the index after it.
fn string(chars: &[char], start: usize, line: u32) -> Result<(String, usize), Error> {
    let quote = chars[start];
    let mut value = String::new();
    let mut i = start + 1;
    while i < chars.len() {
        let c = chars[i];
        if c == quote {
            return Ok((value, i + 1));
        }
        if c == '\\' {
            let Some(&e) = chars.get(i + 1) else { break };
            value.push(match e {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '0' => '\0',
                '\\' => '\\',
                '\'' => '\'',
                '"' => '"',
                other => {
                    return Err(Error::new(
                        Span::new(line, i as u32 + 1, 2),
                        ErrorKind::BadEscape {
                            text: format!("\\{other}"),
                        },
                    ))
                }
            });
            i += 2;
            continue;
        }
        value.push(c);
        i += 1;
    }
    Err(Error::new(
        Span::new(line, start as u32 + 1, (chars.len() - start) as u32),
        ErrorKind::UnterminatedString { quote },
    ))
}

/// Whether a label name is letters, digits and underscores.
pub fn valid_label(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Tok, String, u32)> {
        lex_line(text, 1)
            .unwrap()
            .into_iter()
            .map(|t| (t.kind, t.text, t.span.col))
            .collect()
    }

    #[test]
    fn splits_a_labelled_instruction() {
        assert_eq!(
            kinds("loop: ADD $1 #-2 @end ; comment"),
            vec![
                (Tok::LabelDef, "loop".into(), 1),
                (Tok::Word, "ADD".into(), 7),
                (Tok::Register, "$1".into(), 11),
                (Tok::Immediate, "#-2".into(), 14),
                (Tok::LabelUse, "@end".into(), 18),
            ]
        );
    }

    #[test]
    fn a_label_without_a_space_before_the_mnemonic() {
        assert_eq!(
            kinds("loop:INC $1"),
            vec![
                (Tok::LabelDef, "loop".into(), 1),
                (Tok::Word, "INC".into(), 6),
                (Tok::Register, "$1".into(), 10),
            ]
        );
    }

    #[test]
    fn strings_keep_semicolons_and_decode_escapes() {
        let toks = lex_line(r#"msg: .asciiz 'a;b\n' "it's""#, 3).unwrap();
        assert_eq!(toks[2].kind, Tok::Str("a;b\n".into()));
        assert_eq!(toks[3].kind, Tok::Str("it's".into()));
        assert_eq!(toks[3].span, Span::new(3, 22, 6));
    }

    #[test]
    fn unterminated_strings_and_bad_escapes_are_errors() {
        let e = lex_line("x: .asciiz 'abc", 2).unwrap_err();
        assert_eq!(e.kind, ErrorKind::UnterminatedString { quote: '\'' });
        assert_eq!(e.span, Span::new(2, 12, 4));
        let e = lex_line(r"x: .asciiz 'a\qb'", 1).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadEscape { text: "\\q".into() });
        assert_eq!(e.span.col, 14);
    }

    #[test]
    fn label_names() {
        assert!(valid_label("loop_2"));
        assert!(!valid_label("a-b"));
        assert!(!valid_label(""));
    }
}
