//! Splits one line of assembly into tokens with their columns.

use diagnostics::{Diagnostic, Span};
use num_bigint::BigInt;

/// A token and where it is on its line.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What was read.
    pub kind: Tok,
    /// Its position (line, column, length in characters).
    pub span: Span,
}

/// The kinds of token.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A name, mnemonic, register (`r3`) or directive (`.func`).
    Ident(String),
    /// An integer literal of any size.
    Int(BigInt),
    /// A float literal.
    Float(f64),
    /// A string literal (escapes already decoded).
    Str(String),
    /// One of `( ) , : = @ * [ ] -`.
    Punct(char),
}

impl Tok {
    /// A short description for "found ..." messages.
    pub fn describe(&self) -> String {
        match self {
            Tok::Ident(s) => format!("`{s}`"),
            Tok::Int(i) => format!("`{i}`"),
            Tok::Float(f) => format!("`{f}`"),
            Tok::Str(_) => "a string".into(),
            Tok::Punct(c) => format!("`{c}`"),
        }
    }
}

fn ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == '.' || c == '$'
}

fn ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.' || c == '$'
}

/// Tokenizes one line (without its newline). `line` is the 1-based line number.
/// Comments (`;` to end of line, outside strings) are dropped.
pub fn lex_line(text: &str, line: u32) -> Result<Vec<Token>, Diagnostic> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let span =
        |start: usize, end: usize| Span::new(line, start as u32 + 1, (end - start).max(1) as u32);
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
        if c == '"' || c == '\'' {
            let (s, end) = lex_string(&chars, i, line)?;
            out.push(Token {
                kind: Tok::Str(s),
                span: span(start, end),
            });
            i = end;
            continue;
        }
        let negative_number = c == '-' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit());
        if c.is_ascii_digit() || negative_number {
            let mut j = i + 1;
            while j < chars.len()
                && (chars[j].is_ascii_alphanumeric()
                    || chars[j] == '_'
                    || chars[j] == '.'
                    || ((chars[j] == '-' || chars[j] == '+')
                        && matches!(chars[j - 1], 'e' | 'E')
                        && !is_hex(&chars[i..j])))
            {
                j += 1;
            }
            let text: String = chars[i..j].iter().collect();
            let kind = parse_number(&text).ok_or_else(|| {
                Diagnostic::new(span(start, j), format!("malformed number `{text}`"))
                    .expected("a number such as 42, -7, 0x1F or 1.5")
            })?;
            out.push(Token {
                kind,
                span: span(start, j),
            });
            i = j;
            continue;
        }
        if ident_start(c) {
            let mut j = i + 1;
            while j < chars.len() && ident_char(chars[j]) {
                j += 1;
            }
            // `<lambda>`-style names are written quoted; plain identifiers stop here.
            out.push(Token {
                kind: Tok::Ident(chars[i..j].iter().collect()),
                span: span(start, j),
            });
            i = j;
            continue;
        }
        if "(),:=@*[]-+".contains(c) {
            out.push(Token {
                kind: Tok::Punct(c),
                span: span(start, start + 1),
            });
            i += 1;
            continue;
        }
        return Err(Diagnostic::new(
            span(start, start + 1),
            format!("unexpected character `{c}`"),
        )
        .expected("a mnemonic, operand, label or directive"));
    }
    Ok(out)
}

fn is_hex(chars: &[char]) -> bool {
    let s: String = chars.iter().collect();
    s.trim_start_matches('-')
        .to_ascii_lowercase()
        .starts_with("0x")
}

fn parse_number(text: &str) -> Option<Tok> {
    let clean: String = text.chars().filter(|c| *c != '_').collect();
    let (neg, body) = match clean.strip_prefix('-') {
        Some(b) => (true, b.to_string()),
        None => (false, clean.clone()),
    };
    let lower = body.to_ascii_lowercase();
    let radix = |digits: &str, r: u32| BigInt::parse_bytes(digits.as_bytes(), r);
    let int = if let Some(h) = lower.strip_prefix("0x") {
        radix(h, 16)
    } else if let Some(b) = lower.strip_prefix("0b") {
        radix(b, 2)
    } else if let Some(o) = lower.strip_prefix("0o") {
        radix(o, 8)
    } else if lower.chars().all(|c| c.is_ascii_digit()) {
        radix(&lower, 10)
    } else {
        None
    };
    if let Some(i) = int {
        return Some(Tok::Int(if neg { -i } else { i }));
    }
    if lower.contains(['.', 'e'])
        && lower
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-'))
    {
        let f: f64 = clean.parse().ok()?;
        return Some(Tok::Float(f));
    }
    None
}

fn lex_string(chars: &[char], start: usize, line: u32) -> Result<(String, usize), Diagnostic> {
    let quote = chars[start];
    let mut out = String::new();
    let mut i = start + 1;
    let err = |at: usize, msg: &str, expected: &str| {
        Diagnostic::new(Span::new(line, at as u32 + 1, 1), msg.to_string())
            .expected(expected.to_string())
    };
    while i < chars.len() {
        let c = chars[i];
        if c == quote {
            return Ok((out, i + 1));
        }
        if c == '\\' {
            let Some(&e) = chars.get(i + 1) else {
                return Err(err(
                    i,
                    "unterminated escape sequence",
                    "an escape such as \\n or \\x41",
                ));
            };
            match e {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                '0' => out.push('\0'),
                '\\' => out.push('\\'),
                '"' => out.push('"'),
                '\'' => out.push('\''),
                'x' => {
                    let hex: String = chars
                        .get(i + 2..i + 4)
                        .map(|h| h.iter().collect())
                        .unwrap_or_default();
                    let v = u8::from_str_radix(&hex, 16)
                        .map_err(|_| err(i, "bad \\x escape", "two hex digits after \\x"))?;
                    out.push(v as char);
                    i += 4;
                    continue;
                }
                'u' => {
                    if chars.get(i + 2) != Some(&'{') {
                        return Err(err(i, "bad \\u escape", "\\u{...} with hex digits"));
                    }
                    let close = chars[i + 3..]
                        .iter()
                        .position(|c| *c == '}')
                        .map(|p| p + i + 3);
                    let Some(close) = close else {
                        return Err(err(i, "bad \\u escape", "a closing `}`"));
                    };
                    let hex: String = chars[i + 3..close].iter().collect();
                    let c = u32::from_str_radix(&hex, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .ok_or_else(|| err(i, "bad \\u escape", "a Unicode scalar value"))?;
                    out.push(c);
                    i = close + 1;
                    continue;
                }
                other => {
                    return Err(err(
                        i,
                        &format!("unknown escape `\\{other}`"),
                        "one of \\n \\t \\r \\0 \\\\ \\\" \\' \\xHH \\u{...}",
                    ));
                }
            }
            i += 2;
            continue;
        }
        out.push(c);
        i += 1;
    }
    Err(err(start, "unterminated string", "a closing quote"))
}

/// Writes a string literal that `lex_line` reads back to the same string.
pub fn quote(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_operands_and_drops_comments() {
        let toks = lex_line("  addi r1, r0, -5 ; comment", 1).unwrap();
        let kinds: Vec<Tok> = toks.into_iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            vec![
                Tok::Ident("addi".into()),
                Tok::Ident("r1".into()),
                Tok::Punct(','),
                Tok::Ident("r0".into()),
                Tok::Punct(','),
                Tok::Int(BigInt::from(-5)),
            ]
        );
    }

    #[test]
    fn strings_round_trip_through_quote() {
        let s = "tab\there \"q\" \\ \u{1} é";
        let toks = lex_line(&quote(s), 1).unwrap();
        assert_eq!(toks[0].kind, Tok::Str(s.into()));
    }

    #[test]
    fn numbers_of_every_form() {
        let toks = lex_line("0x1F -7 1.5 -0.0 1e300 123456789012345678901234567890", 1).unwrap();
        assert_eq!(toks[0].kind, Tok::Int(BigInt::from(31)));
        assert_eq!(toks[1].kind, Tok::Int(BigInt::from(-7)));
        assert_eq!(toks[2].kind, Tok::Float(1.5));
        assert!(matches!(toks[3].kind, Tok::Float(f) if f == 0.0 && f.is_sign_negative()));
        assert_eq!(toks[4].kind, Tok::Float(1e300));
        assert!(matches!(&toks[5].kind, Tok::Int(_)));
    }
}
