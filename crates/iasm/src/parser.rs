//! Parsing: lines to instructions with resolved operands, and the data constants.

use crate::error::{Error, ErrorKind};
use crate::lexer::{lex_line, valid_label, Tok, Token};
use crate::syntax::{Kind, Op};
use diagnostics::Span;
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::collections::HashMap;

/// A parsed program: the instructions in order, operands resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    /// The instructions; instruction k sits at byte offset 4k.
    pub instructions: Vec<Instruction>,
    /// The labels defined, in source order (for listings such as the REPL's `.symbols`).
    pub labels: Vec<Label>,
}

/// A label definition and what it names.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// The label's name.
    pub name: String,
    /// The 1-based line that defines it.
    pub line: u32,
    /// What it names.
    pub value: LabelValue,
}

/// What a label names.
#[derive(Debug, Clone, PartialEq)]
pub enum LabelValue {
    /// The index of an instruction (the number of instructions: the end of the code).
    Code(usize),
    /// An `.asciiz` string constant.
    Str(String),
    /// An `.integer` constant.
    Int(i64),
}

/// One instruction and where its mnemonic is.
#[derive(Debug, Clone, PartialEq)]
pub struct Instruction {
    /// What it does.
    pub op: Op,
    /// Its operands, one per entry of `op.operands()`.
    pub args: Vec<Arg>,
    /// 1-based line of the mnemonic.
    pub line: u32,
    /// 1-based column of the mnemonic.
    pub col: u32,
}

/// A resolved operand.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A register number 0..=31 (the instruction decides which file).
    Reg(u8),
    /// An integer (already wrapped to 32 bits where the position wants a register value).
    Int(i64),
    /// A float.
    Float(f64),
    /// The index of an instruction (the number of instructions: the end of the code).
    Code(usize),
    /// A string constant.
    Str(String),
}

/// What a label names.
#[derive(Debug, Clone, PartialEq)]
enum Symbol {
    Code(usize),
    Str(String),
    Int(i64),
    /// Defined on a line that has an error; uses of it are not checked.
    Broken,
}

impl Symbol {
    fn describe(&self) -> &'static str {
        match self {
            Symbol::Broken => "a label on a line with an error",
            Symbol::Code(_) => "the label of an instruction",
            Symbol::Str(_) => "a string constant",
            Symbol::Int(_) => "an integer constant",
        }
    }
}

/// An operand waiting for the labels of the whole file.
#[derive(Debug, Clone)]
enum Pending {
    Ready(Arg),
    Label(String, Span),
}

#[derive(Debug)]
struct PendingInstr {
    op: Op,
    args: Vec<Pending>,
    line: u32,
    col: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    None,
    Data,
    Code,
}

struct Parser {
    instrs: Vec<PendingInstr>,
    symbols: HashMap<String, (Symbol, u32)>,
    section: Section,
    errors: Vec<Error>,
}

/// Parses a whole file; every error found is returned, in source order.
pub fn parse(source: &str) -> Result<Program, Vec<Error>> {
    let mut p = Parser {
        instrs: Vec::new(),
        symbols: HashMap::new(),
        section: Section::None,
        errors: Vec::new(),
    };
    for (i, text) in source.lines().enumerate() {
        let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let end_col = u32::try_from(text.chars().count() + 1).unwrap_or(u32::MAX);
        match lex_line(text, line) {
            Ok(toks) => {
                if let Err(e) = p.line(&toks, line, end_col) {
                    p.errors.push(e);
                    p.recover_label(&toks);
                }
            }
            Err(e) => {
                // The tokens before the bad one may still define a label.
                let before: String = text
                    .chars()
                    .take((e.span.col as usize).saturating_sub(1))
                    .collect();
                if let Ok(toks) = lex_line(&before, line) {
                    p.recover_label(&toks);
                }
                p.errors.push(e);
            }
        }
    }
    let program = p.resolve();
    if p.errors.is_empty() {
        Ok(program)
    } else {
        p.errors.sort_by_key(|e| (e.span.line, e.span.col));
        Err(p.errors)
    }
}

impl Parser {
    fn line(&mut self, toks: &[Token], line: u32, end_col: u32) -> Result<(), Error> {
        let mut rest = toks;
        let mut label = None;
        if let Some((first, tail)) = rest.split_first() {
            if first.kind == Tok::LabelDef {
                if !valid_label(&first.text) {
                    return Err(Error::new(
                        first.span,
                        ErrorKind::BadLabelName {
                            text: first.text.clone(),
                        },
                    ));
                }
                label = Some(first);
                rest = tail;
            }
        }
        let Some((head, operands)) = rest.split_first() else {
            // A label alone on its line marks the next instruction.
            if let Some(l) = label {
                self.define(l, Symbol::Code(self.instrs.len()))?;
            }
            return Ok(());
        };
        match &head.kind {
            Tok::Word if head.text.starts_with('.') => {
                self.directive(label, head, operands, end_col)
            }
            Tok::Word => {
                let op = Op::from_mnemonic(&head.text).ok_or_else(|| {
                    Error::new(
                        head.span,
                        ErrorKind::UnknownMnemonic {
                            word: head.text.clone(),
                            suggestion: Op::suggest(&head.text),
                        },
                    )
                })?;
                if self.section == Section::Data {
                    return Err(Error::new(
                        head.span,
                        ErrorKind::InstructionInData {
                            mnemonic: head.text.clone(),
                        },
                    ));
                }
                // Defined before the operands are checked, so a bad operand does
                // not also make every use of the label an error.
                if let Some(l) = label {
                    self.define(l, Symbol::Code(self.instrs.len()))?;
                }
                let args = instruction_operands(op, operands, line, end_col)?;
                self.instrs.push(PendingInstr {
                    op,
                    args,
                    line,
                    col: head.span.col,
                });
                Ok(())
            }
            Tok::LabelDef => Err(Error::new(
                head.span,
                ErrorKind::SecondLabel {
                    name: head.text.clone(),
                },
            )),
            _ => Err(Error::new(
                head.span,
                ErrorKind::UnexpectedToken {
                    found: head.describe(),
                },
            )),
        }
    }

    fn directive(
        &mut self,
        label: Option<&Token>,
        head: &Token,
        operands: &[Token],
        end_col: u32,
    ) -> Result<(), Error> {
        let name = head.text.to_ascii_lowercase();
        match name.as_str() {
            ".data" | ".code" => {
                if let Some(l) = label {
                    return Err(Error::new(
                        l.span,
                        ErrorKind::LabelOnSection {
                            header: head.text.clone(),
                        },
                    ));
                }
                expect_end(operands, head)?;
                self.section = if name == ".data" {
                    Section::Data
                } else {
                    Section::Code
                };
                Ok(())
            }
            ".asciiz" | ".integer" => {
                let Some(l) = label else {
                    return Err(Error::new(
                        head.span,
                        ErrorKind::DataWithoutLabel {
                            directive: head.text.clone(),
                        },
                    ));
                };
                let expected = if name == ".asciiz" {
                    "a string in quotes, such as 'Hello'"
                } else {
                    "an integer such as #42"
                };
                let Some((value, tail)) = operands.split_first() else {
                    return Err(Error::new(
                        Span::new(head.span.line, end_col, 1),
                        ErrorKind::MissingValue {
                            directive: head.text.clone(),
                            expected,
                        },
                    ));
                };
                let wrong = || {
                    Error::new(
                        value.span,
                        ErrorKind::WrongValue {
                            directive: head.text.clone(),
                            found: value.describe(),
                            expected,
                        },
                    )
                };
                let symbol = match (&value.kind, name.as_str()) {
                    (Tok::Str(s), ".asciiz") => Symbol::Str(s.clone()),
                    (Tok::Immediate, ".integer") => match number(value)? {
                        Number::Int(i) => Symbol::Int(int32(&i, value)?),
                        Number::Float(_) => {
                            return Err(Error::new(
                                value.span,
                                ErrorKind::FloatNotAllowed {
                                    text: value.text.clone(),
                                    mnemonic: ".integer",
                                },
                            ))
                        }
                    },
                    _ => return Err(wrong()),
                };
                expect_end(tail, value)?;
                self.define(l, symbol)
            }
            _ => Err(Error::new(
                head.span,
                ErrorKind::UnknownDirective {
                    word: head.text.clone(),
                },
            )),
        }
    }

    /// After an error on a line, its label still counts as defined, so that
    /// its uses elsewhere do not become errors of their own.
    fn recover_label(&mut self, toks: &[Token]) {
        if let Some(t) = toks.first() {
            if t.kind == Tok::LabelDef
                && valid_label(&t.text)
                && !self.symbols.contains_key(&t.text)
            {
                self.symbols
                    .insert(t.text.clone(), (Symbol::Broken, t.span.line));
            }
        }
    }

    fn define(&mut self, label: &Token, symbol: Symbol) -> Result<(), Error> {
        if let Some((_, first_line)) = self.symbols.get(&label.text) {
            return Err(Error::new(
                label.span,
                ErrorKind::DuplicateLabel {
                    name: label.text.clone(),
                    first_line: *first_line,
                },
            ));
        }
        self.symbols
            .insert(label.text.clone(), (symbol, label.span.line));
        Ok(())
    }

    /// Second pass: label uses become operands; wrong or missing labels are errors.
    fn resolve(&mut self) -> Program {
        let mut instructions = Vec::with_capacity(self.instrs.len());
        for ins in &self.instrs {
            let mut args = Vec::with_capacity(ins.args.len());
            for (pending, kind) in ins.args.iter().zip(ins.op.operands()) {
                match pending {
                    Pending::Ready(a) => args.push(a.clone()),
                    Pending::Label(name, span) => match self.symbols.get(name) {
                        None => self.errors.push(Error::new(
                            *span,
                            ErrorKind::UndefinedLabel {
                                name: name.clone(),
                                expected: match kind {
                                    Kind::StrLabel => {
                                        "the label of an .asciiz string defined in this file"
                                    }
                                    _ => "a label defined in this file",
                                },
                            },
                        )),
                        Some((symbol, _)) => {
                            let arg = match (kind, symbol) {
                                (Kind::CodeLabel, Symbol::Code(k)) => Some(Arg::Code(*k)),
                                (Kind::StrLabel, Symbol::Str(s)) => Some(Arg::Str(s.clone())),
                                (Kind::Value, Symbol::Code(k)) => {
                                    match k.checked_mul(4).and_then(|b| i32::try_from(b).ok()) {
                                        Some(b) => Some(Arg::Int(b.into())),
                                        None => {
                                            self.errors.push(Error::new(
                                                *span,
                                                ErrorKind::TooLarge {
                                                    what: "a byte offset beyond 32 bits".into(),
                                                },
                                            ));
                                            continue;
                                        }
                                    }
                                }
                                (Kind::Value, Symbol::Int(v)) => Some(Arg::Int(*v)),
                                // The line's own error is reported; the program is not lowered.
                                (_, Symbol::Broken) => continue,
                                _ => None,
                            };
                            match arg {
                                Some(a) => args.push(a),
                                None => self.errors.push(Error::new(
                                    *span,
                                    ErrorKind::WrongLabel {
                                        name: name.clone(),
                                        mnemonic: ins.op.mnemonic(),
                                        found: symbol.describe(),
                                        wanted: match kind {
                                            Kind::StrLabel => "the label of an .asciiz string",
                                            Kind::Value => {
                                                "the label of an instruction or of an .integer"
                                            }
                                            _ => "the label of an instruction",
                                        },
                                    },
                                )),
                            }
                        }
                    },
                }
            }
            instructions.push(Instruction {
                op: ins.op,
                args,
                line: ins.line,
                col: ins.col,
            });
        }
        let mut labels: Vec<Label> = self
            .symbols
            .iter()
            .filter_map(|(name, (symbol, line))| {
                let value = match symbol {
                    Symbol::Code(k) => LabelValue::Code(*k),
                    Symbol::Str(s) => LabelValue::Str(s.clone()),
                    Symbol::Int(v) => LabelValue::Int(*v),
                    Symbol::Broken => return None,
                };
                Some(Label {
                    name: name.clone(),
                    line: *line,
                    value,
                })
            })
            .collect();
        labels.sort_by(|a, b| (a.line, &a.name).cmp(&(b.line, &b.name)));
        Program {
            instructions,
            labels,
        }
    }
}

fn expect_end(rest: &[Token], after: &Token) -> Result<(), Error> {
    match rest.first() {
        None => Ok(()),
        Some(t) => Err(Error::new(
            t.span,
            ErrorKind::TrailingText {
                found: t.describe(),
                after: after.text.clone(),
            },
        )),
    }
}

fn instruction_operands(
    op: Op,
    toks: &[Token],
    line: u32,
    end_col: u32,
) -> Result<Vec<Pending>, Error> {
    let kinds = op.operands();
    let mut args = Vec::with_capacity(kinds.len());
    for (i, kind) in kinds.iter().enumerate() {
        let expected = || format!("{} (usage: {})", kind.describe(), op.usage());
        let Some(tok) = toks.get(i) else {
            return Err(Error::new(
                Span::new(line, end_col, 1),
                ErrorKind::MissingOperand {
                    mnemonic: op.mnemonic(),
                    index: i + 1,
                    expected: expected(),
                },
            ));
        };
        let wrong = |what: &'static str| {
            Error::new(
                tok.span,
                ErrorKind::WrongOperand {
                    mnemonic: op.mnemonic(),
                    index: i + 1,
                    what,
                    found: tok.describe(),
                    expected: expected(),
                },
            )
        };
        let arg = match kind {
            Kind::IntReg | Kind::FloatReg => match tok.kind {
                Tok::Register => Pending::Ready(Arg::Reg(register(tok, kind.describe())?)),
                _ => return Err(wrong("a register")),
            },
            Kind::CodeLabel | Kind::StrLabel => match tok.kind {
                Tok::LabelUse => label_use(tok)?,
                _ => return Err(wrong("a label")),
            },
            Kind::Value => match tok.kind {
                Tok::LabelUse => label_use(tok)?,
                Tok::Immediate => Pending::Ready(Arg::Int(int32(&int_only(op, tok)?, tok)?)),
                _ => return Err(wrong("an integer or a label")),
            },
            Kind::Shift | Kind::Upper | Kind::Count => match tok.kind {
                Tok::Immediate => {
                    let value = int_only(op, tok)?;
                    let (what, max, range) = match kind {
                        Kind::Shift => ("shift amount", 31u64, "a shift amount from 0 to 31"),
                        Kind::Upper => (
                            "LUI immediate",
                            0xFFFF,
                            "an immediate from 0 to 65535 (0xFFFF)",
                        ),
                        _ => (
                            "loop count",
                            u32::MAX as u64,
                            "a loop count from 0 to 4294967295",
                        ),
                    };
                    match value.to_u64().filter(|v| *v <= max) {
                        Some(v) => Pending::Ready(Arg::Int(v as i64)),
                        None => {
                            return Err(Error::new(
                                tok.span,
                                ErrorKind::OutOfRange {
                                    what,
                                    value: value.to_string(),
                                    range,
                                },
                            ))
                        }
                    }
                }
                _ => return Err(wrong("an integer")),
            },
            Kind::Float => match tok.kind {
                Tok::Immediate => match number(tok)? {
                    Number::Float(f) => Pending::Ready(Arg::Float(f)),
                    Number::Int(i) => match i.to_f64().filter(|f| f.is_finite()) {
                        Some(f) => Pending::Ready(Arg::Float(f)),
                        None => return Err(float_range(tok)),
                    },
                },
                _ => return Err(wrong("a number")),
            },
        };
        args.push(arg);
    }
    if let Some(extra) = toks.get(kinds.len()) {
        return Err(Error::new(
            extra.span,
            ErrorKind::TooManyOperands {
                mnemonic: op.mnemonic(),
                usage: op.usage(),
            },
        ));
    }
    Ok(args)
}

fn register(tok: &Token, expected: &'static str) -> Result<u8, Error> {
    let digits = &tok.text[1..];
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::new(
            tok.span,
            ErrorKind::NotARegister {
                text: tok.text.clone(),
                expected,
            },
        ));
    }
    match digits.parse::<u8>() {
        Ok(r) if r < 32 => Ok(r),
        _ => Err(Error::new(
            tok.span,
            ErrorKind::NoSuchRegister {
                text: tok.text.clone(),
                expected,
            },
        )),
    }
}

fn label_use(tok: &Token) -> Result<Pending, Error> {
    let name = &tok.text[1..];
    if !valid_label(name) {
        return Err(Error::new(
            tok.span,
            ErrorKind::BadLabelName {
                text: tok.text.clone(),
            },
        ));
    }
    Ok(Pending::Label(name.to_string(), tok.span))
}

enum Number {
    Int(BigInt),
    Float(f64),
}

/// Reads `#42`, `#-7`, `#0x1F`, `#1.5`, `#-2.5e3`.
fn number(tok: &Token) -> Result<Number, Error> {
    let bad = || {
        Error::new(
            tok.span,
            ErrorKind::BadNumber {
                text: tok.text.clone(),
            },
        )
    };
    let body = &tok.text[1..];
    let (negative, digits) = match body.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, body.strip_prefix('+').unwrap_or(body)),
    };
    let int = if let Some(hex) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        if hex.is_empty() || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(bad());
        }
        BigInt::parse_bytes(hex.as_bytes(), 16)
    } else if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        BigInt::parse_bytes(digits.as_bytes(), 10)
    } else {
        // Only digits, a point and an exponent: Rust's parser would also take `inf` and `nan`.
        let float_chars = digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'));
        if !float_chars || !digits.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
            return Err(bad());
        }
        let f: f64 = digits.parse().map_err(|_| bad())?;
        if !f.is_finite() {
            return Err(float_range(tok));
        }
        return Ok(Number::Float(if negative { -f } else { f }));
    };
    let int = int.ok_or_else(bad)?;
    Ok(Number::Int(if negative { -int } else { int }))
}

fn float_range(tok: &Token) -> Error {
    Error::new(
        tok.span,
        ErrorKind::OutOfRange {
            what: "float",
            value: tok.text[1..].to_string(),
            range: "a number that fits a 64-bit float",
        },
    )
}

fn int_only(op: Op, tok: &Token) -> Result<BigInt, Error> {
    match number(tok)? {
        Number::Int(i) => Ok(i),
        Number::Float(_) => Err(Error::new(
            tok.span,
            ErrorKind::FloatNotAllowed {
                text: tok.text.clone(),
                mnemonic: op.mnemonic(),
            },
        )),
    }
}

/// A register value: -2^31..2^31-1, or 2^31..2^32-1 read as a 32-bit pattern (`#0xFFFFFFFF` is -1).
fn int32(value: &BigInt, tok: &Token) -> Result<i64, Error> {
    match value.to_i64() {
        Some(v) if (i32::MIN as i64..=u32::MAX as i64).contains(&v) => Ok(v as u32 as i32 as i64),
        _ => Err(Error::new(
            tok.span,
            ErrorKind::OutOfRange {
                what: "integer",
                value: value.to_string(),
                range: "an integer from -2147483648 to 4294967295 (a 32-bit register)",
            },
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(src: &str) -> Vec<Instruction> {
        match parse(src) {
            Ok(p) => p.instructions,
            Err(e) => panic!("{e:?}"),
        }
    }

    fn errs(src: &str) -> Vec<ErrorKind> {
        parse(src)
            .unwrap_err()
            .into_iter()
            .map(|e| e.kind)
            .collect()
    }

    #[test]
    fn parses_operands_of_every_kind() {
        let p = ok(".data\nmsg: .asciiz 'hi'\nn: .integer #0x10\n.CODE\nstart: load $1 #-7\n\
                    LOAD $2 @n\nLOAD $3 @start\nLUI $1 #0xFFFF\nLOADF64 $4 #2\nLOADF64 $5 #-2.5e1\nPRTS @msg\nCLOOP #4294967295\n");
        let args: Vec<Vec<Arg>> = p.into_iter().map(|i| i.args).collect();
        assert_eq!(
            args,
            vec![
                vec![Arg::Reg(1), Arg::Int(-7)],
                vec![Arg::Reg(2), Arg::Int(16)],
                vec![Arg::Reg(3), Arg::Int(0)],
                vec![Arg::Reg(1), Arg::Int(0xFFFF)],
                vec![Arg::Reg(4), Arg::Float(2.0)],
                vec![Arg::Reg(5), Arg::Float(-25.0)],
                vec![Arg::Str("hi".into())],
                vec![Arg::Int(4294967295)],
            ]
        );
    }

    #[test]
    fn wide_integers_are_32_bit_patterns() {
        let p =
            ok("LOAD $0 #0xFFFFFFFF\nLOAD $1 #2147483648\nLOAD $2 #-2147483648\nLOAD $3 #100000");
        let values: Vec<&Arg> = p.iter().map(|i| &i.args[1]).collect();
        assert_eq!(
            values,
            vec![
                &Arg::Int(-1),
                &Arg::Int(-2147483648),
                &Arg::Int(-2147483648),
                &Arg::Int(100000)
            ]
        );
        assert!(matches!(
            errs("LOAD $0 #4294967296")[0],
            ErrorKind::OutOfRange { .. }
        ));
    }

    #[test]
    fn labels_mark_instruction_indexes_and_the_end() {
        let p = ok("top:\n  NOP\nmid: INC $0\n  DJMPE @top\n  DJMPE @mid\n  DJMPE @end\nend:\n");
        assert_eq!(p[2].args, vec![Arg::Code(0)]);
        assert_eq!(p[3].args, vec![Arg::Code(1)]);
        assert_eq!(p[4].args, vec![Arg::Code(5)]);
        assert_eq!((p[1].line, p[1].col), (3, 6));
    }

    #[test]
    fn errors_are_reported_together_in_source_order() {
        let e = errs("DJMPE @nowhere\nADDD $1 $2 $3\nLOAD $40 #1\n");
        assert_eq!(
            e,
            vec![
                ErrorKind::UndefinedLabel {
                    name: "nowhere".into(),
                    expected: "a label defined in this file"
                },
                ErrorKind::UnknownMnemonic {
                    word: "ADDD".into(),
                    suggestion: Some("ADD")
                },
                ErrorKind::NoSuchRegister {
                    text: "$40".into(),
                    expected: "an integer register $0..$31"
                },
            ]
        );
    }

    #[test]
    fn operand_shape_errors() {
        assert!(matches!(
            errs("ADD $1 #2 $3")[0],
            ErrorKind::WrongOperand { index: 2, .. }
        ));
        assert!(matches!(
            errs("ADD $1 $2")[0],
            ErrorKind::MissingOperand { index: 3, .. }
        ));
        assert!(matches!(
            errs("HLT $1")[0],
            ErrorKind::TooManyOperands { .. }
        ));
        assert!(matches!(
            errs("SHL $1 #32")[0],
            ErrorKind::OutOfRange { .. }
        ));
        assert!(matches!(
            errs("LUI $1 #65536")[0],
            ErrorKind::OutOfRange { .. }
        ));
        assert!(matches!(
            errs("LUI $1 #-1")[0],
            ErrorKind::OutOfRange { .. }
        ));
        assert!(matches!(
            errs("LOAD $1 #1.5")[0],
            ErrorKind::FloatNotAllowed { .. }
        ));
        assert!(matches!(
            errs("LOAD $1 #abc")[0],
            ErrorKind::BadNumber { .. }
        ));
        assert!(matches!(
            errs("LOAD $1 #inf")[0],
            ErrorKind::BadNumber { .. }
        ));
        assert!(matches!(
            errs("LOADF64 $1 #1e999")[0],
            ErrorKind::OutOfRange { .. }
        ));
        assert!(matches!(errs("INC $x")[0], ErrorKind::NotARegister { .. }));
    }

    #[test]
    fn label_errors() {
        assert!(matches!(
            errs("a: NOP\na: NOP")[0],
            ErrorKind::DuplicateLabel { first_line: 1, .. }
        ));
        assert!(matches!(
            errs("s: .asciiz 'x'\nDJMPE @s")[0],
            ErrorKind::WrongLabel { .. }
        ));
        assert!(matches!(
            errs("a: NOP\nPRTS @a")[0],
            ErrorKind::WrongLabel { .. }
        ));
        assert!(matches!(
            errs("s: .asciiz 'x'\nLOAD $0 @s")[0],
            ErrorKind::WrongLabel { .. }
        ));
        assert!(matches!(
            errs("a-b: NOP")[0],
            ErrorKind::BadLabelName { .. }
        ));
        assert!(matches!(
            errs("DJMPE @a-b")[0],
            ErrorKind::BadLabelName { .. }
        ));
    }

    #[test]
    fn a_label_on_a_broken_line_is_still_defined() {
        assert_eq!(
            errs("msg: .asciiz 'open\nPRTS @msg\nx: ADD $1\nDJMPE @x"),
            vec![
                ErrorKind::UnterminatedString { quote: '\'' },
                ErrorKind::MissingOperand {
                    mnemonic: "ADD",
                    index: 2,
                    expected: "an integer register $0..$31 (usage: ADD $a $b $d)".into()
                },
            ]
        );
        assert_eq!(errs("v: .integer #1.5\nLOAD $0 @v").len(), 1);
    }

    #[test]
    fn section_and_directive_errors() {
        assert!(matches!(
            errs(".data\nADD $1 $2 $3")[0],
            ErrorKind::InstructionInData { .. }
        ));
        assert!(matches!(
            errs(".asciiz 'x'")[0],
            ErrorKind::DataWithoutLabel { .. }
        ));
        assert!(matches!(
            errs("x: .asciiz")[0],
            ErrorKind::MissingValue { .. }
        ));
        assert!(matches!(
            errs("x: .asciiz #1")[0],
            ErrorKind::WrongValue { .. }
        ));
        assert!(matches!(
            errs("x: .integer #1.5")[0],
            ErrorKind::FloatNotAllowed { .. }
        ));
        assert!(matches!(
            errs(".text")[0],
            ErrorKind::UnknownDirective { .. }
        ));
        assert!(matches!(
            errs("x: .code")[0],
            ErrorKind::LabelOnSection { .. }
        ));
        assert!(matches!(
            errs(".code extra")[0],
            ErrorKind::TrailingText { .. }
        ));
        assert!(matches!(errs("#5")[0], ErrorKind::UnexpectedToken { .. }));
        assert!(matches!(
            errs("a: b: NOP")[0],
            ErrorKind::SecondLabel { .. }
        ));
    }
}
