//! The native assembler: text to a verified-ready [`Module`].
//!
//! ```text
//! .module "name"                 ; optional; the file name otherwise
//! .language python               ; optional: assembly (default), tutorial, python, calc
//! .global print                  ; optional: fixes the order of the global table
//! .func main() regs=4            ; the first function is the entry point
//!     .local r1 total            ; names a register (for messages and listings)
//!     .capture r2 x              ; a cell this function captures (rN of the creator, or uN)
//!     .const k0 = "hello"        ; fixes constant k0 (listings); literals in operands also work
//!     .handler L1, L2, L3        ; a raise in L1..L2 continues at L3
//! loop:                          ; a label
//!     addi r0, r0, 1             ; mnemonic and operands, any letter case
//!   0007 @12:5 return r0         ; listing form: instruction index and source line:column
//! .end
//! ```

use crate::lexer::{lex_line, Tok, Token};
use bytecode::{
    Capture, CaptureSource, Constant, Function, FunctionFlags, Handler, Language, Loc, Module,
};
use diagnostics::{Diagnostic, Span};
use isa::{Instr, Opcode, OperandKind};
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::collections::HashMap;

/// An operand waiting for the second pass.
#[derive(Debug, Clone)]
enum Operand {
    Value(i64),
    Label(String, Span),
    Function(String, Span),
}

#[derive(Debug)]
struct PendingInstr {
    op: Opcode,
    operands: Vec<Operand>,
    span: Span,
    loc: Loc,
}

#[derive(Debug)]
struct PendingTable {
    index: usize,
    labels: Vec<(String, Span)>,
}

#[derive(Debug)]
struct FuncBuild {
    name: String,
    span: Span,
    num_params: u8,
    num_kwonly: u8,
    flags: FunctionFlags,
    regs: Option<u16>,
    names: Vec<String>,
    captures: Vec<Capture>,
    constants: Vec<Constant>,
    tables: Vec<PendingTable>,
    instrs: Vec<PendingInstr>,
    labels: HashMap<String, usize>,
    handlers: Vec<[(String, Span); 3]>,
    max_reg: usize,
}

struct Assembler {
    module: Module,
    globals_declared: bool,
    funcs: Vec<FuncBuild>,
    current: Option<FuncBuild>,
    errors: Vec<Diagnostic>,
}

type PResult<T> = Result<T, Diagnostic>;

/// A cursor over one line's tokens.
struct Line<'a> {
    toks: &'a [Token],
    pos: usize,
    line: u32,
    end_col: u32,
}

impl<'a> Line<'a> {
    fn peek(&self) -> Option<&'a Token> {
        self.toks.get(self.pos)
    }
    fn next(&mut self) -> Option<&'a Token> {
        let t = self.toks.get(self.pos);
        self.pos += 1;
        t
    }
    fn here(&self) -> Span {
        self.peek()
            .map_or(Span::new(self.line, self.end_col, 1), |t| t.span)
    }
    fn error_here(&self, message: &str, expected: &str) -> Diagnostic {
        let found = self
            .peek()
            .map_or("the end of the line".to_string(), |t| t.kind.describe());
        Diagnostic::new(self.here(), format!("{message}, found {found}"))
            .expected(expected.to_string())
    }
    fn at_end(&self) -> bool {
        self.pos >= self.toks.len()
    }
    fn eat_punct(&mut self, c: char) -> bool {
        if matches!(self.peek(), Some(Token { kind: Tok::Punct(p), .. }) if *p == c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn expect_punct(&mut self, c: char, context: &str) -> PResult<()> {
        if self.eat_punct(c) {
            Ok(())
        } else {
            Err(self.error_here(context, &format!("`{c}`")))
        }
    }
    fn expect_end(&self) -> PResult<()> {
        if self.at_end() {
            Ok(())
        } else {
            Err(self.error_here(
                "unexpected text after the instruction",
                "the end of the line (or a `;` comment)",
            ))
        }
    }
    fn ident(&mut self, expected: &str) -> PResult<(String, Span)> {
        match self.peek() {
            Some(Token {
                kind: Tok::Ident(s),
                span,
            }) => {
                self.pos += 1;
                Ok((s.clone(), *span))
            }
            _ => Err(self.error_here("unexpected token", expected)),
        }
    }
    /// A name written as an identifier or a string literal.
    fn name(&mut self, expected: &str) -> PResult<(String, Span)> {
        match self.peek() {
            Some(Token {
                kind: Tok::Ident(s) | Tok::Str(s),
                span,
            }) => {
                self.pos += 1;
                Ok((s.clone(), *span))
            }
            _ => Err(self.error_here("unexpected token", expected)),
        }
    }
    fn integer(&mut self, expected: &str) -> PResult<(BigInt, Span)> {
        match self.peek() {
            Some(Token {
                kind: Tok::Int(i),
                span,
            }) => {
                self.pos += 1;
                Ok((i.clone(), *span))
            }
            _ => Err(self.error_here("unexpected token", expected)),
        }
    }
}

/// Parses `rN` / `kN` / `uN` / `fN` style references.
fn indexed(text: &str, prefix: char) -> Option<i64> {
    let rest = text
        .strip_prefix(prefix)
        .or_else(|| text.strip_prefix(prefix.to_ascii_uppercase()))?;
    if rest.is_empty()
        || !rest.chars().all(|c| c.is_ascii_digit())
        || (rest.len() > 1 && rest.starts_with('0'))
    {
        return None;
    }
    rest.parse().ok()
}

/// Assembles native assembly text into a module. `file` names the module.
/// All errors found are returned together.
pub fn assemble(source: &str, file: &str) -> Result<Module, Vec<Diagnostic>> {
    let mut asm = Assembler {
        module: Module::new(file, Language::Assembly),
        globals_declared: false,
        funcs: Vec::new(),
        current: None,
        errors: Vec::new(),
    };
    let mut last_line = 0;
    for (i, text) in source.lines().enumerate() {
        let line = i as u32 + 1;
        last_line = line;
        let toks = match lex_line(text, line) {
            Ok(t) => t,
            Err(e) => {
                asm.errors.push(e);
                continue;
            }
        };
        if toks.is_empty() {
            continue;
        }
        let mut l = Line {
            toks: &toks,
            pos: 0,
            line,
            end_col: text.chars().count() as u32 + 1,
        };
        if let Err(e) = asm.line(&mut l) {
            asm.errors.push(e);
        }
    }
    if let Some(f) = asm.current.take() {
        asm.errors.push(
            Diagnostic::new(
                Span::new(last_line.max(1), 1, 1),
                format!("function `{}` is not closed", f.name),
            )
            .expected("`.end` after the function's last instruction"),
        );
        asm.funcs.push(f);
    }
    if asm.funcs.is_empty() && asm.errors.is_empty() {
        asm.errors.push(
            Diagnostic::new(Span::new(1, 1, 1), "the file defines no function")
                .expected("`.func main()` ... `.end` around the program"),
        );
    }
    asm.finish()
}

impl Assembler {
    fn line(&mut self, l: &mut Line) -> PResult<()> {
        let first = l.peek().cloned();
        match first {
            Some(Token {
                kind: Tok::Ident(ref d),
                ..
            }) if d.starts_with('.') => self.directive(l),
            _ => self.instruction_line(l),
        }
    }

    fn func(&mut self, span: Span) -> PResult<&mut FuncBuild> {
        self.current.as_mut().ok_or_else(|| {
            Diagnostic::new(span, "instruction outside a function")
                .expected("`.func NAME()` before it")
        })
    }

    fn directive(&mut self, l: &mut Line) -> PResult<()> {
        let (d, span) = l.ident("a directive")?;
        match d.to_ascii_lowercase().as_str() {
            ".module" => {
                let (name, _) = l.name("the module's name")?;
                self.module.name = name;
            }
            ".language" => {
                let (lang, lspan) = l.ident("assembly, tutorial, python or calc")?;
                self.module.language = match lang.as_str() {
                    "assembly" => Language::Assembly,
                    "tutorial" => Language::Tutorial,
                    "python" => Language::Python,
                    "calc" => Language::Calc,
                    _ => {
                        return Err(Diagnostic::new(lspan, format!("unknown language `{lang}`"))
                            .expected("assembly, tutorial, python or calc"))
                    }
                };
            }
            ".global" => {
                let (name, gspan) = l.name("a global name")?;
                if self.module.globals.contains(&name) {
                    return Err(Diagnostic::new(gspan, format!("global `{name}` declared twice")));
                }
                if self.funcs.iter().any(|f| !f.instrs.is_empty()) || self.current.is_some() {
                    return Err(Diagnostic::new(span, "`.global` must come before the first function")
                        .expected("the declaration at the top of the file"));
                }
                self.globals_declared = true;
                self.module.globals.push(name);
            }
            ".func" => {
                if let Some(f) = self.current.take() {
                    self.funcs.push(f);
                    return Err(Diagnostic::new(span, format!("function `{}` is not closed", self.funcs.last().map_or("", |f| f.name.as_str())))
                        .expected("`.end` before the next `.func`"));
                }
                let f = self.func_header(l, span)?;
                self.current = Some(f);
            }
            ".end" => {
                let Some(f) = self.current.take() else {
                    return Err(Diagnostic::new(span, "`.end` without a function").expected("a `.func` before it"));
                };
                self.funcs.push(f);
            }
            ".local" => {
                let f = self.func(span)?;
                let (r, rspan) = l.ident("a register such as r3")?;
                let Some(reg) = indexed(&r, 'r').filter(|r| *r < 256) else {
                    return Err(Diagnostic::new(rspan, format!("`{r}` is not a register")).expected("a register r0..r255"));
                };
                let (name, _) = l.name("the register's name")?;
                let reg = reg as usize;
                if f.names.len() <= reg {
                    f.names.resize(reg + 1, String::new());
                }
                f.names[reg] = name;
                f.max_reg = f.max_reg.max(reg + 1);
            }
            ".capture" => {
                let f = self.func(span)?;
                let (src, sspan) = l.ident("a register (r2) or an upvalue (u0) of the creating function")?;
                let source = if let Some(r) = indexed(&src, 'r').filter(|r| *r < 256) {
                    CaptureSource::Register(r as u8)
                } else if let Some(u) = indexed(&src, 'u').filter(|u| *u < 256) {
                    CaptureSource::Upval(u as u8)
                } else {
                    return Err(Diagnostic::new(sspan, format!("`{src}` is not a capture source"))
                        .expected("a register (r2) or an upvalue (u0)"));
                };
                let (name, _) = l.name("the captured variable's name")?;
                f.captures.push(Capture { source, name });
            }
            ".const" => {
                let (k, kspan) = l.ident("a constant such as k0")?;
                let Some(index) = indexed(&k, 'k') else {
                    return Err(Diagnostic::new(kspan, format!("`{k}` is not a constant name")).expected("k0, k1, ..."));
                };
                l.expect_punct('=', "missing `=` in the constant declaration")?;
                let value = self.literal(l)?;
                let f = self.func(span)?;
                if index as usize != f.constants.len() {
                    return Err(Diagnostic::new(kspan, format!("constant k{index} declared out of order"))
                        .expected(format!("k{}", f.constants.len())));
                }
                match value {
                    Lit::Const(c) => f.constants.push(c),
                    Lit::Table(labels) => {
                        f.tables.push(PendingTable { index: f.constants.len(), labels });
                        f.constants.push(Constant::Table(Vec::new()));
                    }
                }
            }
            ".handler" => {
                let f = self.func(span)?;
                let a = l.ident("the label where the covered range starts")?;
                l.expect_punct(',', "missing `,` between handler labels")?;
                let b = l.ident("the label where the covered range ends")?;
                l.expect_punct(',', "missing `,` between handler labels")?;
                let c = l.ident("the label of the handler")?;
                f.handlers.push([a, b, c]);
            }
            other => {
                return Err(Diagnostic::new(span, format!("unknown directive `{other}`")).expected(
                    ".module, .language, .global, .func, .end, .local, .capture, .const or .handler",
                ))
            }
        }
        l.expect_end()
    }

    fn func_header(&mut self, l: &mut Line, span: Span) -> PResult<FuncBuild> {
        let (name, nspan) = l.name("the function's name")?;
        let mut f = FuncBuild {
            name,
            span: nspan,
            num_params: 0,
            num_kwonly: 0,
            flags: FunctionFlags::default(),
            regs: None,
            names: Vec::new(),
            captures: Vec::new(),
            constants: Vec::new(),
            tables: Vec::new(),
            instrs: Vec::new(),
            labels: HashMap::new(),
            handlers: Vec::new(),
            max_reg: 0,
        };
        let _ = span;
        l.expect_punct('(', "missing parameter list")?;
        let mut positional = Vec::new();
        let mut kwonly = Vec::new();
        let mut varargs = None;
        let mut varkw = None;
        let mut after_star = false;
        if !l.eat_punct(')') {
            loop {
                if l.eat_punct('*') {
                    if l.eat_punct('*') {
                        varkw = Some(l.name("the **kwargs parameter's name")?.0);
                    } else {
                        after_star = true;
                        if !matches!(
                            l.peek(),
                            Some(Token {
                                kind: Tok::Punct(','),
                                ..
                            }) | Some(Token {
                                kind: Tok::Punct(')'),
                                ..
                            })
                        ) {
                            varargs = Some(l.name("the *args parameter's name")?.0);
                        }
                    }
                } else {
                    let (p, _) = l.name("a parameter name")?;
                    if after_star {
                        kwonly.push(p);
                    } else {
                        positional.push(p);
                    }
                }
                if l.eat_punct(')') {
                    break;
                }
                l.expect_punct(',', "missing `,` between parameters")?;
            }
        }
        if positional.len() > 255 || kwonly.len() > 255 {
            return Err(Diagnostic::new(nspan, "too many parameters").expected("at most 255"));
        }
        f.num_params = positional.len() as u8;
        f.num_kwonly = kwonly.len() as u8;
        f.flags = FunctionFlags {
            varargs: varargs.is_some(),
            varkw: varkw.is_some(),
            generator: false,
        };
        f.names = positional
            .into_iter()
            .chain(kwonly)
            .chain(varargs)
            .chain(varkw)
            .collect();
        f.max_reg = f.names.len();
        while !l.at_end() {
            let (attr, aspan) = l.ident("an attribute such as regs=8 or generator")?;
            if attr == "generator" {
                f.flags.generator = true;
                continue;
            }
            l.expect_punct('=', "missing `=` after the attribute")?;
            let (v, vspan) = l.integer("a number")?;
            match attr.as_str() {
                "regs" => {
                    let n = v.to_u16().filter(|n| *n <= 256).ok_or_else(|| {
                        Diagnostic::new(vspan, format!("{v} registers"))
                            .expected("a register count from 0 to 256")
                    })?;
                    f.regs = Some(n);
                }
                _ => {
                    return Err(Diagnostic::new(
                        aspan,
                        format!("unknown function attribute `{attr}`"),
                    )
                    .expected("regs=N"))
                }
            }
        }
        Ok(f)
    }

    fn instruction_line(&mut self, l: &mut Line) -> PResult<()> {
        let line = l.line;
        // Listing offset: `0007 ...`
        let mut offset = None;
        if let Some(Token {
            kind: Tok::Int(i),
            span,
        }) = l.peek()
        {
            offset = Some((i.clone(), *span));
            l.pos += 1;
        }
        // Source location: `@12:5`
        let mut loc = None;
        if l.eat_punct('@') {
            let (ln, _) = l.integer("a source line number")?;
            let col = if l.eat_punct(':') {
                l.integer("a source column number")?.0
            } else {
                BigInt::from(0)
            };
            loc = Some(Loc {
                line: ln.to_u32().unwrap_or(0),
                col: col.to_u32().unwrap_or(0),
            });
        }
        // Label: `name:`
        if let (
            Some(Token {
                kind: Tok::Ident(name),
                span,
            }),
            Some(Token {
                kind: Tok::Punct(':'),
                ..
            }),
        ) = (l.toks.get(l.pos), l.toks.get(l.pos + 1))
        {
            let (name, span) = (name.clone(), *span);
            l.pos += 2;
            let f = self.func(span)?;
            let at = f.instrs.len();
            if f.labels.insert(name.clone(), at).is_some() {
                return Err(Diagnostic::new(
                    span,
                    format!("label `{name}` defined twice in this function"),
                ));
            }
            if l.at_end() {
                if offset.is_some() || loc.is_some() {
                    return Err(l.error_here(
                        "missing instruction",
                        "a mnemonic after the offset and location",
                    ));
                }
                return Ok(());
            }
        }
        let (mnemonic, mspan) = l.ident("an instruction mnemonic")?;
        let op = Opcode::from_mnemonic(&mnemonic).ok_or_else(|| {
            Diagnostic::new(mspan, format!("unknown mnemonic `{mnemonic}`"))
                .expected(suggest(&mnemonic))
        })?;
        let f_index = self.funcs.len();
        let _ = f_index;
        {
            let f = self.func(mspan)?;
            if let Some((off, ospan)) = &offset {
                if off.to_usize() != Some(f.instrs.len()) {
                    return Err(Diagnostic::new(
                        *ospan,
                        format!(
                            "listing offset {off} does not match this instruction's index {}",
                            f.instrs.len()
                        ),
                    )
                    .expected("the instruction's index, or no offset"));
                }
            }
        }
        let kinds = op.operands();
        let count = Instr::operand_count(op);
        let mut operands = Vec::with_capacity(count);
        for (i, kind) in kinds.iter().take(count).enumerate() {
            if i > 0 {
                l.expect_punct(
                    ',',
                    &format!(
                        "missing `,` before operand {} of `{}`",
                        i + 1,
                        op.mnemonic()
                    ),
                )?;
            }
            let operand = self.operand(l, *kind, op)?;
            operands.push(operand);
        }
        if !l.at_end() {
            return Err(l.error_here(
                &format!("too many operands for `{}`", op.mnemonic()),
                &format!("{count} operand{}", if count == 1 { "" } else { "s" }),
            ));
        }
        let loc = loc.unwrap_or(Loc {
            line,
            col: mspan.col,
        });
        let f = self.func(mspan)?;
        // Track register use to size the frame when `regs=` is absent.
        let values: Vec<i64> = operands
            .iter()
            .map(|o| if let Operand::Value(v) = o { *v } else { 0 })
            .collect();
        for (kind, v) in kinds.iter().zip(values.iter()) {
            if matches!(kind, OperandKind::Reg | OperandKind::Dst) {
                f.max_reg = f.max_reg.max(*v as usize + 1);
            }
        }
        let field = |i: usize| values.get(i).copied().unwrap_or(0).max(0) as u32;
        if let Some((_, hi)) = op.span().range(field(0), field(1), field(2)) {
            f.max_reg = f.max_reg.max(hi as usize + 1);
        }
        f.instrs.push(PendingInstr {
            op,
            operands,
            span: mspan,
            loc,
        });
        Ok(())
    }

    fn operand(&mut self, l: &mut Line, kind: OperandKind, op: Opcode) -> PResult<Operand> {
        let tok = l.peek().cloned();
        let describe = kind_description(kind);
        let Some(tok) = tok else {
            return Err(l.error_here(&format!("missing operand of `{}`", op.mnemonic()), describe));
        };
        match kind {
            OperandKind::Reg | OperandKind::Dst => match &tok.kind {
                Tok::Ident(s) => match indexed(s, 'r').filter(|r| *r < 256) {
                    Some(r) => {
                        l.pos += 1;
                        Ok(Operand::Value(r))
                    }
                    None => Err(
                        Diagnostic::new(tok.span, format!("`{s}` is not a register"))
                            .expected(describe),
                    ),
                },
                _ => Err(l.error_here("unexpected operand", describe)),
            },
            OperandKind::Imm | OperandKind::SImm | OperandKind::Unused => {
                let (v, span) = l.integer(describe)?;
                Ok(Operand::Value(small(v, span, describe)?))
            }
            OperandKind::Flag => match &tok.kind {
                Tok::Int(i) if *i == BigInt::from(0) || *i == BigInt::from(1) => {
                    l.pos += 1;
                    Ok(Operand::Value(i.to_i64().unwrap_or(0)))
                }
                Tok::Ident(s)
                    if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") =>
                {
                    l.pos += 1;
                    Ok(Operand::Value(s.eq_ignore_ascii_case("true") as i64))
                }
                _ => Err(l.error_here("unexpected operand", describe)),
            },
            OperandKind::Const | OperandKind::Name | OperandKind::Table => {
                if let Tok::Ident(s) = &tok.kind {
                    if let Some(k) = indexed(s, 'k') {
                        l.pos += 1;
                        return Ok(Operand::Value(k));
                    }
                }
                let value = self.literal(l)?;
                let f = self.func(tok.span)?;
                let index = match value {
                    Lit::Const(c) => match f.constants.iter().position(|k| *k == c) {
                        Some(i) => i,
                        None => {
                            f.constants.push(c);
                            f.constants.len() - 1
                        }
                    },
                    Lit::Table(labels) => {
                        f.tables.push(PendingTable {
                            index: f.constants.len(),
                            labels,
                        });
                        f.constants.push(Constant::Table(Vec::new()));
                        f.constants.len() - 1
                    }
                };
                Ok(Operand::Value(index as i64))
            }
            OperandKind::Global => {
                let (name, _) = l.name(describe)?;
                let index = match self.module.globals.iter().position(|g| *g == name) {
                    Some(i) => i,
                    None => {
                        self.module.globals.push(name);
                        self.module.globals.len() - 1
                    }
                };
                Ok(Operand::Value(index as i64))
            }
            OperandKind::Upval => match &tok.kind {
                Tok::Ident(s) => match indexed(s, 'u') {
                    Some(u) => {
                        l.pos += 1;
                        Ok(Operand::Value(u))
                    }
                    None => Err(
                        Diagnostic::new(tok.span, format!("`{s}` is not an upvalue"))
                            .expected(describe),
                    ),
                },
                _ => Err(l.error_here("unexpected operand", describe)),
            },
            OperandKind::Func => {
                let (name, span) = l.name(describe)?;
                Ok(Operand::Function(name, span))
            }
            OperandKind::Exc => match &tok.kind {
                Tok::Ident(s) => match isa::docs::exception_number(s) {
                    Some(n) => {
                        l.pos += 1;
                        Ok(Operand::Value(n as i64))
                    }
                    None => Err(Diagnostic::new(
                        tok.span,
                        format!("`{s}` is not a built-in exception class"),
                    )
                    .expected(describe)),
                },
                Tok::Int(_) => {
                    let (v, span) = l.integer(describe)?;
                    Ok(Operand::Value(small(v, span, describe)?))
                }
                _ => Err(l.error_here("unexpected operand", describe)),
            },
            OperandKind::Jump => {
                let (name, span) = l.ident(describe)?;
                Ok(Operand::Label(name, span))
            }
        }
    }

    fn literal(&mut self, l: &mut Line) -> PResult<Lit> {
        let expected = "a literal: an integer, a float, a string, None, True, False, a tuple (...) or table(labels)";
        let Some(tok) = l.next().cloned() else {
            return Err(l.error_here("missing constant", expected));
        };
        Ok(Lit::Const(match tok.kind {
            Tok::Int(i) => Constant::int(i),
            Tok::Float(f) => Constant::Float(f),
            Tok::Str(s) => Constant::Str(s),
            Tok::Punct('-') => match l.next().map(|t| &t.kind) {
                Some(Tok::Ident(s)) if s == "inf" => Constant::Float(f64::NEG_INFINITY),
                _ => {
                    return Err(
                        Diagnostic::new(tok.span, "a `-` must start a number").expected(expected)
                    )
                }
            },
            Tok::Ident(s) => match s.as_str() {
                "None" => Constant::None,
                "True" => Constant::Bool(true),
                "False" => Constant::Bool(false),
                "inf" => Constant::Float(f64::INFINITY),
                "nan" => Constant::Float(f64::NAN),
                "float" => {
                    // float(0xBITS): an exact bit pattern (listings use it for unusual NaNs).
                    l.expect_punct('(', "missing `(` after float")?;
                    let (bits, span) = l.integer("the float's 64-bit pattern")?;
                    l.expect_punct(')', "missing `)`")?;
                    let bits = bits.to_u64().ok_or_else(|| {
                        Diagnostic::new(span, "not a 64-bit pattern")
                            .expected("0 to 0xFFFFFFFFFFFFFFFF")
                    })?;
                    Constant::Float(f64::from_bits(bits))
                }
                "table" => {
                    l.expect_punct('(', "missing `(` after table")?;
                    let mut labels = Vec::new();
                    if !l.eat_punct(')') {
                        loop {
                            labels.push(l.ident("a label")?);
                            if l.eat_punct(')') {
                                break;
                            }
                            l.expect_punct(',', "missing `,` between labels")?;
                        }
                    }
                    return Ok(Lit::Table(labels));
                }
                _ => {
                    return Err(Diagnostic::new(tok.span, format!("`{s}` is not a literal"))
                        .expected(expected))
                }
            },
            Tok::Punct('(') => {
                let mut items = Vec::new();
                if !l.eat_punct(')') {
                    loop {
                        match self.literal(l)? {
                            Lit::Const(c) => items.push(c),
                            Lit::Table(_) => {
                                return Err(Diagnostic::new(
                                    tok.span,
                                    "a jump table cannot be inside a tuple",
                                )
                                .expected("constants"))
                            }
                        }
                        if l.eat_punct(')') {
                            break;
                        }
                        l.expect_punct(',', "missing `,` between tuple items")?;
                        if l.eat_punct(')') {
                            break;
                        }
                    }
                }
                Constant::Tuple(items)
            }
            other => {
                return Err(
                    Diagnostic::new(tok.span, format!("unexpected {}", other.describe()))
                        .expected(expected),
                )
            }
        }))
    }

    /// Second pass: labels, function references, tables, handlers; then verification.
    fn finish(mut self) -> Result<Module, Vec<Diagnostic>> {
        let names: Vec<String> = self.funcs.iter().map(|f| f.name.clone()).collect();
        let mut functions = Vec::with_capacity(self.funcs.len());
        let mut spans: Vec<Vec<Span>> = Vec::new();
        let funcs = std::mem::take(&mut self.funcs);
        for f in funcs {
            let mut code = Vec::with_capacity(f.instrs.len());
            let mut locs = Vec::with_capacity(f.instrs.len());
            let mut ispans = Vec::with_capacity(f.instrs.len());
            for (pc, ins) in f.instrs.iter().enumerate() {
                let mut vals = [0i64; 3];
                let mut ok = true;
                for (i, o) in ins.operands.iter().enumerate() {
                    vals[i] = match o {
                        Operand::Value(v) => *v,
                        Operand::Label(name, span) => match f.labels.get(name) {
                            Some(t) => *t as i64 - (pc as i64 + 1),
                            None => {
                                self.errors.push(
                                    Diagnostic::new(*span, format!("undefined label `{name}`"))
                                        .expected("a label defined in this function"),
                                );
                                ok = false;
                                0
                            }
                        },
                        Operand::Function(name, span) => match resolve_function(&names, name) {
                            Ok(i) => i as i64,
                            Err(msg) => {
                                self.errors.push(
                                    Diagnostic::new(*span, msg)
                                        .expected("a function name defined in this file, or fN"),
                                );
                                ok = false;
                                0
                            }
                        },
                    };
                }
                let word = match Instr::encode(ins.op, vals) {
                    Ok(w) => w,
                    Err(e) => {
                        if ok {
                            self.errors.push(
                                Diagnostic::new(ins.span, e.to_string())
                                    .expected("an operand that fits its field"),
                            );
                        }
                        Instr(0)
                    }
                };
                code.push(word);
                locs.push(ins.loc);
                ispans.push(ins.span);
            }
            let mut constants = f.constants.clone();
            for t in &f.tables {
                let mut targets = Vec::new();
                for (label, span) in &t.labels {
                    match f.labels.get(label) {
                        Some(pc) => targets.push(*pc as u32),
                        None => self.errors.push(
                            Diagnostic::new(*span, format!("undefined label `{label}`"))
                                .expected("a label defined in this function"),
                        ),
                    }
                }
                constants[t.index] = Constant::Table(targets);
            }
            let mut handlers = Vec::new();
            for h in &f.handlers {
                let mut at = [0u32; 3];
                for (i, (label, span)) in h.iter().enumerate() {
                    match f.labels.get(label) {
                        Some(pc) => at[i] = *pc as u32,
                        None => self.errors.push(
                            Diagnostic::new(*span, format!("undefined label `{label}`"))
                                .expected("a label defined in this function"),
                        ),
                    }
                }
                handlers.push(Handler {
                    start: at[0],
                    end: at[1],
                    target: at[2],
                });
            }
            let num_registers = f.regs.unwrap_or(f.max_reg.min(256) as u16);
            spans.push(ispans);
            functions.push((
                f.span,
                Function {
                    name: f.name.clone(),
                    num_params: f.num_params,
                    num_kwonly: f.num_kwonly,
                    flags: f.flags,
                    num_registers,
                    names: f.names.clone(),
                    captures: f.captures.clone(),
                    constants,
                    code,
                    locs,
                    handlers,
                },
            ));
        }
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        let fspans: Vec<Span> = functions.iter().map(|(s, _)| *s).collect();
        self.module.functions = functions.into_iter().map(|(_, f)| f).collect();
        let _ = self.globals_declared;
        match bytecode::verifier::verify(self.module) {
            Ok(v) => Ok(v.into_inner()),
            Err(e) => {
                let span =
                    e.pc.and_then(|pc| spans.get(e.function).and_then(|s| s.get(pc)).copied())
                        .or_else(|| fspans.get(e.function).copied())
                        .unwrap_or(Span::new(1, 1, 1));
                Err(vec![Diagnostic::new(
                    span,
                    format!("{} (verifier rule {})", e.message, e.rule),
                )])
            }
        }
    }
}

enum Lit {
    Const(Constant),
    Table(Vec<(String, Span)>),
}

fn small(v: BigInt, span: Span, expected: &str) -> PResult<i64> {
    v.to_i64().ok_or_else(|| {
        Diagnostic::new(span, format!("{v} is too large for an instruction field"))
            .expected(expected.to_string())
    })
}

fn resolve_function(names: &[String], name: &str) -> Result<usize, String> {
    let matches: Vec<usize> = names
        .iter()
        .enumerate()
        .filter(|(_, n)| *n == name)
        .map(|(i, _)| i)
        .collect();
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => match indexed(name, 'f') {
            Some(i) if (i as usize) < names.len() => Ok(i as usize),
            _ => Err(format!("undefined function `{name}`")),
        },
        _ => Err(format!(
            "function name `{name}` is ambiguous; refer to it as f{}",
            matches[0]
        )),
    }
}

fn kind_description(kind: OperandKind) -> &'static str {
    match kind {
        OperandKind::Reg | OperandKind::Dst => "a register r0..r255",
        OperandKind::Imm => "an unsigned integer",
        OperandKind::SImm => "a signed integer",
        OperandKind::Unused => "0",
        OperandKind::Flag => "a flag: 0, 1, true or false",
        OperandKind::Const => "a constant: kN or a literal",
        OperandKind::Name => "a string constant: kN or a string literal",
        OperandKind::Table => "a jump table: kN or table(labels)",
        OperandKind::Global => "a global name",
        OperandKind::Upval => "an upvalue u0..u255",
        OperandKind::Func => "a function name or fN",
        OperandKind::Exc => "a built-in exception class such as ZeroDivisionError",
        OperandKind::Jump => "a label",
    }
}

/// "an instruction mnemonic (did you mean `add`?)" for a mistyped mnemonic.
fn suggest(word: &str) -> String {
    let w = word.to_ascii_lowercase();
    let best = Opcode::ALL
        .iter()
        .map(|op| (edit_distance(&w, op.mnemonic()), op.mnemonic()))
        .min();
    match best {
        Some((d, m)) if d <= 2 => format!("an instruction mnemonic (did you mean `{m}`?)"),
        _ => "an instruction mnemonic (see docs/isa.md)".into(),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}
