//! The disassembler: a listing with instruction index, source position,
//! mnemonic, operands, and constant values as comments. The listing is valid
//! assembly: assembling it gives byte-identical bytecode.

use crate::lexer::quote;
use bytecode::{CaptureSource, Constant, Function, Language, Module};
use isa::{Instr, OperandKind};
use std::collections::BTreeSet;
use std::fmt::Write;

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '$')
        && !matches!(
            s,
            "None" | "True" | "False" | "inf" | "nan" | "float" | "table"
        )
}

/// A name as the assembler reads it back: bare when it is an identifier, quoted otherwise.
fn name(s: &str) -> String {
    if is_ident(s) {
        s.to_string()
    } else {
        quote(s)
    }
}

fn float(f: f64) -> String {
    if f.is_nan() {
        if f.to_bits() == f64::NAN.to_bits() {
            "nan".into()
        } else {
            format!("float({:#x})", f.to_bits())
        }
    } else if f.is_infinite() {
        if f > 0.0 { "inf" } else { "-inf" }.into()
    } else {
        format!("{f:?}")
    }
}

/// A constant in assembly literal syntax (jump tables use the given label names).
pub fn format_constant(k: &Constant) -> String {
    match k {
        Constant::None => "None".into(),
        Constant::Bool(true) => "True".into(),
        Constant::Bool(false) => "False".into(),
        Constant::Int(i) => i.to_string(),
        Constant::BigInt(b) => b.to_string(),
        Constant::Float(f) => float(*f),
        Constant::Str(s) => quote(s),
        Constant::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(format_constant).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Constant::Table(targets) => {
            let labels: Vec<String> = targets.iter().map(|t| format!("L{t}")).collect();
            format!("table({})", labels.join(", "))
        }
    }
}

/// A short rendering of a constant for comments (long strings are cut).
fn comment_value(k: &Constant) -> String {
    let s = format_constant(k);
    if s.chars().count() > 40 {
        let cut: String = s.chars().take(37).collect();
        format!("{cut}...")
    } else {
        s
    }
}

fn language(l: Language) -> &'static str {
    match l {
        Language::Assembly => "assembly",
        Language::Tutorial => "tutorial",
        Language::Python => "python",
        Language::Calc => "calc",
    }
}

/// The listing of a module.
pub fn disassemble(module: &Module) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "; Rhodium bytecode listing: {} function(s)",
        module.functions.len()
    );
    let _ = writeln!(out, ".module {}", quote(&module.name));
    let _ = writeln!(out, ".language {}", language(module.language));
    for g in &module.globals {
        let _ = writeln!(out, ".global {}", name(g));
    }
    let func_names: Vec<&str> = module.functions.iter().map(|f| f.name.as_str()).collect();
    for f in &module.functions {
        out.push('\n');
        function(&mut out, module, f, &func_names);
    }
    out
}

fn params(f: &Function) -> String {
    let npos = f.num_params as usize;
    let nkw = f.num_kwonly as usize;
    let get = |i: usize| f.names.get(i).map_or(String::new(), |n| name(n));
    let mut parts: Vec<String> = (0..npos).map(get).collect();
    let mut next = npos + nkw;
    if f.flags.varargs {
        parts.push(format!("*{}", get(next)));
        next += 1;
    } else if nkw > 0 {
        parts.push("*".into());
    }
    parts.extend((npos..npos + nkw).map(get));
    if f.flags.varkw {
        parts.push(format!("**{}", get(next)));
    }
    parts.join(", ")
}

fn function(out: &mut String, module: &Module, f: &Function, func_names: &[&str]) {
    let _ = writeln!(
        out,
        ".func {}({}) regs={}{}",
        name(&f.name),
        params(f),
        f.num_registers,
        if f.flags.generator { " generator" } else { "" }
    );

    let args = f.arg_registers();
    for (i, n) in f.names.iter().enumerate().skip(args) {
        if !n.is_empty() || i + 1 == f.names.len() {
            let _ = writeln!(out, "    .local r{i} {}", name(n));
        }
    }
    for c in &f.captures {
        let src = match c.source {
            CaptureSource::Register(r) => format!("r{r}"),
            CaptureSource::Upval(u) => format!("u{u}"),
        };
        let _ = writeln!(out, "    .capture {src} {}", name(&c.name));
    }
    for (i, k) in f.constants.iter().enumerate() {
        let _ = writeln!(out, "    .const k{i} = {}", format_constant(k));
    }
    let mut labels = BTreeSet::new();
    for h in &f.handlers {
        labels.extend([h.start, h.end, h.target]);
    }
    for k in &f.constants {
        if let Constant::Table(t) = k {
            labels.extend(t.iter().copied());
        }
    }
    for (pc, ins) in f.code.iter().enumerate() {
        if let Ok((op, operands)) = ins.decode() {
            for (kind, v) in op.operands().iter().zip(operands) {
                if *kind == OperandKind::Jump {
                    labels.insert((pc as i64 + 1 + v) as u32);
                }
            }
        }
    }
    for h in &f.handlers {
        let _ = writeln!(out, "    .handler L{}, L{}, L{}", h.start, h.end, h.target);
    }
    for (pc, ins) in f.code.iter().enumerate() {
        if labels.contains(&(pc as u32)) {
            let _ = writeln!(out, "L{pc}:");
        }
        let loc = f.loc(pc);
        let (text, comment) = instruction(module, f, pc, *ins, func_names);
        let at = format!("@{}:{}", loc.line, loc.col);
        let mut line = format!("  {pc:04} {at:<9} {text}");
        if let Some(c) = comment {
            while line.chars().count() < 48 {
                line.push(' ');
            }
            let _ = write!(line, " ; {c}");
        }
        let _ = writeln!(out, "{line}");
    }
    if labels.contains(&(f.code.len() as u32)) {
        let _ = writeln!(out, "L{}:", f.code.len());
    }
    let _ = writeln!(out, ".end");
}

fn instruction(
    module: &Module,
    f: &Function,
    pc: usize,
    ins: Instr,
    func_names: &[&str],
) -> (String, Option<String>) {
    let Ok((op, operands)) = ins.decode() else {
        return (format!("; undecodable word {:#010x}", ins.0), None);
    };
    let count = Instr::operand_count(op);
    let mut parts = Vec::with_capacity(count);
    let mut comments = Vec::new();
    for (kind, v) in op.operands().iter().zip(operands).take(count) {
        parts.push(match kind {
            OperandKind::Reg | OperandKind::Dst => format!("r{v}"),
            OperandKind::Const | OperandKind::Name | OperandKind::Table => {
                if let Some(k) = f.constants.get(v as usize) {
                    comments.push(comment_value(k));
                }
                format!("k{v}")
            }
            OperandKind::Global => module
                .globals
                .get(v as usize)
                .map_or(format!("g{v}"), |g| name(g)),
            OperandKind::Upval => {
                if let Some(c) = f.captures.get(v as usize) {
                    comments.push(c.name.clone());
                }
                format!("u{v}")
            }
            OperandKind::Func => {
                let unique = func_names
                    .iter()
                    .filter(|n| **n == func_names.get(v as usize).copied().unwrap_or(""))
                    .count()
                    == 1;
                // A unique name, quoted when it is not an identifier, always
                // resolves to this function (names are matched before `fN`).
                match func_names.get(v as usize) {
                    Some(n) if unique => name(n),
                    _ => format!("f{v}"),
                }
            }
            OperandKind::Exc => isa::docs::EXCEPTIONS
                .get(v as usize)
                .map_or(v.to_string(), |e| e.0.to_string()),
            OperandKind::Jump => format!("L{}", pc as i64 + 1 + v),
            _ => v.to_string(),
        });
    }
    let text = format!("{:<10} {}", op.mnemonic(), parts.join(", "));
    let comment = (!comments.is_empty()).then(|| comments.join(", "));
    (text.trim_end().to_string(), comment)
}
