//! Renders `docs/isa.md` from the opcode table, and the built-in exception list
//! that the `error` instruction's operand A indexes.

use crate::{Flow, Format, Instr, Opcode, OperandKind};
use std::fmt::Write;

/// Built-in exception classes, in the numbering the `error` instruction uses,
/// each with the index of its base class (`None` for the root).
pub const EXCEPTIONS: &[(&str, Option<usize>)] = &[
    ("BaseException", None),           // 0
    ("SystemExit", Some(0)),           // 1
    ("KeyboardInterrupt", Some(0)),    // 2
    ("GeneratorExit", Some(0)),        // 3
    ("Exception", Some(0)),            // 4
    ("StopIteration", Some(4)),        // 5
    ("ArithmeticError", Some(4)),      // 6
    ("OverflowError", Some(6)),        // 7
    ("ZeroDivisionError", Some(6)),    // 8
    ("AssertionError", Some(4)),       // 9
    ("AttributeError", Some(4)),       // 10
    ("ImportError", Some(4)),          // 11
    ("ModuleNotFoundError", Some(11)), // 12
    ("LookupError", Some(4)),          // 13
    ("IndexError", Some(13)),          // 14
    ("KeyError", Some(13)),            // 15
    ("MemoryError", Some(4)),          // 16
    ("NameError", Some(4)),            // 17
    ("UnboundLocalError", Some(17)),   // 18
    ("OSError", Some(4)),              // 19
    ("TimeoutError", Some(19)),        // 20
    ("RuntimeError", Some(4)),         // 21
    ("NotImplementedError", Some(21)), // 22
    ("RecursionError", Some(21)),      // 23
    ("TypeError", Some(4)),            // 24
    ("ValueError", Some(4)),           // 25
];

/// The number of the built-in exception class with this name.
pub fn exception_number(name: &str) -> Option<usize> {
    EXCEPTIONS.iter().position(|(n, _)| *n == name)
}

/// The names of the built-in exception classes in numbering order.
pub fn exception_names() -> impl Iterator<Item = &'static str> {
    EXCEPTIONS.iter().map(|(n, _)| *n)
}

/// The bit layout diagram, as drawn at the top of the crate.
const LAYOUT: &str = r#"```text
 31        24 23        16 15         8 7          0
+------------+------------+------------+------------+
|     C      |     B      |     A      |   opcode   |  ABC   three 8-bit operands
+------------+------------+------------+------------+
|        Bx (u16)         |     A      |   opcode   |  ABx   8-bit + 16-bit unsigned
+-------------------------+------------+------------+
|       sBx (i16)         |     A      |   opcode   |  AsBx  8-bit + 16-bit signed
+-------------------------+------------+------------+
|               sJ (i24)               |   opcode   |  sJ    24-bit signed jump
+--------------------------------------+------------+
```

"#;

fn flow_text(flow: Flow) -> &'static str {
    match flow {
        Flow::Next => "",
        Flow::Jump => "jump",
        Flow::Branch => "branch",
        Flow::Indirect => "indirect",
        Flow::Stop => "stop",
    }
}

/// The complete text of `docs/isa.md`.
pub fn markdown() -> String {
    let mut out = String::new();
    out.push_str("# Rhodium instruction set\n\n");
    out.push_str(
        "<!-- Generated from crates/isa/src/opcodes.rs by `cargo run -p isa --example gen_isa_doc`; \
         a test fails when this file is stale. Do not edit by hand. -->\n\n",
    );
    out.push_str(&format!(
        "{} opcodes. Every instruction is one 32-bit little-endian word; the first byte is the opcode.\n\n",
        Opcode::COUNT
    ));
    out.push_str(LAYOUT);

    out.push_str(
        "Notation: `R[X]` is register X of the current frame (each frame sees up to 256), \
         `K[X]` constant X of the function's pool, `G[X]` global X of the module, \
         `U[X]` captured cell X of the running closure, `F[X]` function X of the module. \
         A signed 8-bit field is written `sB`/`sC`.\n\n\
         Flow: *branch* instructions are always followed by a `jmp`; when the test holds, \
         the `jmp` is taken in the same dispatch, otherwise it is skipped. So a counted loop \
         costs its body plus one instruction. *stop* leaves the function; *indirect* jumps \
         through a table checked at run time. Arithmetic follows Python: integers are 64-bit \
         with automatic promotion to arbitrary precision, never wrapping, unless the opcode \
         says otherwise.\n\n",
    );
    out.push_str("| # | mnemonic | format | operands | flow | window | meaning |\n");
    out.push_str("|---|---|---|---|---|---|---|\n");
    for op in Opcode::ALL {
        let count = Instr::operand_count(*op);
        let operands: Vec<&str> = op.operands()[..count]
            .iter()
            .map(|k| k.doc_name())
            .collect();
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} | {} | `{}` |",
            *op as u8,
            op.mnemonic(),
            op.format().name(),
            operands.join(", "),
            flow_text(op.flow()),
            op.span().describe(),
            op.description().replace('|', "\\|"),
        );
    }
    out.push_str("\n## Operand kinds\n\n| kind | meaning |\n|---|---|\n");
    let kinds = [
        (OperandKind::Reg, "a register that is read (`r0`..`r255`)"),
        (OperandKind::Dst, "a register that is written"),
        (OperandKind::Imm, "an unsigned immediate (count or index)"),
        (OperandKind::SImm, "a signed immediate"),
        (OperandKind::Flag, "a flag, 0 or 1"),
        (
            OperandKind::Const,
            "a constant-pool index (`k3`, or a literal in assembly)",
        ),
        (
            OperandKind::Name,
            "a constant-pool index that must hold a string",
        ),
        (
            OperandKind::Table,
            "a constant-pool index that must hold a jump table",
        ),
        (OperandKind::Global, "a global name of the module"),
        (OperandKind::Upval, "a captured cell of the running closure"),
        (OperandKind::Func, "a function of the module"),
        (
            OperandKind::Exc,
            "a built-in exception class number (below)",
        ),
        (
            OperandKind::Jump,
            "a jump offset, relative to the next instruction (a label in assembly)",
        ),
    ];
    for (k, text) in kinds {
        let _ = writeln!(out, "| {} | {} |", k.doc_name(), text);
    }
    out.push_str("\n## Formats and operand ranges\n\n| format | A | B | C |\n|---|---|---|---|\n");
    for f in [Format::Abc, Format::ABx, Format::AsBx, Format::SJ] {
        let cells: Vec<String> = f
            .ranges()
            .iter()
            .map(|r| r.map_or("-".to_string(), |(lo, hi)| format!("{lo}..={hi}")))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            f.name(),
            cells[0],
            cells[1],
            cells[2]
        );
    }
    out.push_str("\nA signed immediate in an ABC field holds -128..=127.\n");
    out.push_str("\n## Built-in exception classes\n\n| # | class | base |\n|---|---|---|\n");
    for (i, (name, base)) in EXCEPTIONS.iter().enumerate() {
        let base = base.map_or("", |b| EXCEPTIONS[b].0);
        let _ = writeln!(out, "| {i} | {name} | {base} |");
    }
    out
}
