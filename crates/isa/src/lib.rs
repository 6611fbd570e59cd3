//! The Rhodium instruction set, defined once.
//!
//! Every instruction is one 32-bit word. Words are stored little-endian, so the
//! opcode is the first (lowest-addressed) byte. Four operand formats share the
//! remaining 24 bits:
//!
//! ```text
//!  31        24 23        16 15         8 7          0
//! +------------+------------+------------+------------+
//! |     C      |     B      |     A      |   opcode   |  ABC   three 8-bit operands
//! +------------+------------+------------+------------+
//! |        Bx (u16)         |     A      |   opcode   |  ABx   8-bit + 16-bit unsigned
//! +-------------------------+------------+------------+
//! |       sBx (i16)         |     A      |   opcode   |  AsBx  8-bit + 16-bit signed
//! +-------------------------+------------+------------+
//! |               sJ (i24)               |   opcode   |  sJ    24-bit signed jump
//! +--------------------------------------+------------+
//! ```
//!
//! The table in [`opcodes`] is the single source of the opcode enum and its
//! numbering, each opcode's format, operand kinds, mnemonic, control flow,
//! register window and register-transfer description. Encoding, decoding,
//! disassembly text and `docs/isa.md` are all derived from it.

pub mod docs;
mod instr;
mod opcodes;

pub use instr::{DecodeError, EncodeError, Instr};
pub use opcodes::Opcode;

/// How the 24 operand bits of an instruction are split.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Three 8-bit operands A, B, C.
    Abc,
    /// 8-bit A and 16-bit unsigned Bx.
    ABx,
    /// 8-bit A and 16-bit signed sBx.
    AsBx,
    /// One 24-bit signed jump offset.
    SJ,
}

impl Format {
    /// The format's name as written in the documentation.
    pub fn name(self) -> &'static str {
        match self {
            Format::Abc => "ABC",
            Format::ABx => "ABx",
            Format::AsBx => "AsBx",
            Format::SJ => "sJ",
        }
    }

    /// The inclusive value range of each operand field; unused fields are `None`.
    pub fn ranges(self) -> [Option<(i64, i64)>; 3] {
        const U8: Option<(i64, i64)> = Some((0, 255));
        match self {
            Format::Abc => [U8, U8, U8],
            Format::ABx => [U8, Some((0, 65535)), None],
            Format::AsBx => [U8, Some((-32768, 32767)), None],
            Format::SJ => [Some((-(1 << 23), (1 << 23) - 1)), None, None],
        }
    }
}

/// What an operand field means; drives the assembler, disassembler and verifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OperandKind {
    /// The field is unused and must be zero.
    Unused,
    /// A register that is read.
    Reg,
    /// A register that is written (and possibly read).
    Dst,
    /// An unsigned immediate (a count or an index).
    Imm,
    /// A signed immediate.
    SImm,
    /// A boolean flag, 0 or 1.
    Flag,
    /// An index into the function's constant pool.
    Const,
    /// An index into the constant pool that must name a string constant.
    Name,
    /// An index into the constant pool that must name a jump table.
    Table,
    /// An index into the module's global name table.
    Global,
    /// An index into the function's captured cells (upvalues).
    Upval,
    /// An index into the module's function table.
    Func,
    /// A built-in exception class number (see [`docs::EXCEPTION_NAMES`]).
    Exc,
    /// A signed jump offset relative to the following instruction.
    Jump,
}

impl OperandKind {
    /// A short name used in the generated documentation.
    pub fn doc_name(self) -> &'static str {
        match self {
            OperandKind::Unused => "-",
            OperandKind::Reg => "reg",
            OperandKind::Dst => "dst",
            OperandKind::Imm => "n",
            OperandKind::SImm => "±n",
            OperandKind::Flag => "k",
            OperandKind::Const => "K",
            OperandKind::Name => "name",
            OperandKind::Table => "table",
            OperandKind::Global => "global",
            OperandKind::Upval => "upval",
            OperandKind::Func => "func",
            OperandKind::Exc => "exc",
            OperandKind::Jump => "label",
        }
    }
}

/// How control leaves an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Flow {
    /// Continues with the next instruction.
    Next,
    /// Always jumps by its own offset.
    Jump,
    /// A test whose next instruction must be a `jmp`: when the test holds the jump
    /// is taken (in the same dispatch), otherwise the `jmp` is skipped.
    Branch,
    /// Jumps to a computed target checked against a jump table at run time.
    Indirect,
    /// Leaves the function (return or raise); never continues.
    Stop,
}

/// The block of consecutive registers an instruction touches beyond its
/// individual register operands; the verifier checks it lies inside the frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Span {
    /// Only the individual register operands.
    None,
    /// `R[A] ..= R[A+B]` (a callee and its arguments).
    AThroughAPlusB,
    /// `R[A] ..= R[A+B+C+1]` (callee, positional and keyword arguments, names).
    CallKw,
    /// `R[A+1] ..= R[A+B]` (the arguments of a call whose callee R[A] is
    /// written by the instruction itself).
    ArgsAfterA,
    /// `R[A] ..= R[A+n]` for the fixed `n` given.
    AFixed(u8),
    /// `R[B] .. R[B+C]` (C values starting at B).
    BCount,
    /// `R[B] .. R[B+2C]` (C key/value pairs starting at B).
    BPairs,
    /// `R[A] .. R[A+C]` (C results starting at A).
    ACount,
    /// `R[B] ..= R[B+n]` for the fixed `n` given.
    BFixed(u8),
    /// `R[C] ..= R[C+n]` for the fixed `n` given.
    CFixed(u8),
    /// `R[A] ..= R[A + C/16 + C%16]` (a starred unpack: before, the starred list, after).
    UnpackStar,
}

impl Span {
    /// The inclusive register range the span covers for the given operands, or
    /// `None` when the span is empty. Ranges are computed in `u32` so that
    /// out-of-frame windows are reported rather than wrapped.
    pub fn range(self, a: u32, b: u32, c: u32) -> Option<(u32, u32)> {
        match self {
            Span::None => None,
            Span::AThroughAPlusB => Some((a, a + b)),
            Span::CallKw => Some((a, a + b + c + 1)),
            Span::ArgsAfterA => (b > 0).then(|| (a + 1, a + b)),
            Span::AFixed(n) => Some((a, a + n as u32)),
            Span::BCount => (c > 0).then(|| (b, b + c - 1)),
            Span::BPairs => (c > 0).then(|| (b, b + 2 * c - 1)),
            Span::ACount => (c > 0).then(|| (a, a + c - 1)),
            Span::BFixed(n) => Some((b, b + n as u32)),
            Span::CFixed(n) => Some((c, c + n as u32)),
            Span::UnpackStar => Some((a, a + c / 16 + c % 16)),
        }
    }

    /// A human description for the documentation.
    pub fn describe(self) -> String {
        match self {
            Span::None => String::new(),
            Span::AThroughAPlusB => "R[A]..=R[A+B]".into(),
            Span::CallKw => "R[A]..=R[A+B+C+1]".into(),
            Span::ArgsAfterA => "R[A+1]..=R[A+B]".into(),
            Span::AFixed(n) => format!("R[A]..=R[A+{n}]"),
            Span::BCount => "R[B]..R[B+C]".into(),
            Span::BPairs => "R[B]..R[B+2C]".into(),
            Span::ACount => "R[A]..R[A+C]".into(),
            Span::BFixed(n) => format!("R[B]..=R[B+{n}]"),
            Span::CFixed(n) => format!("R[C]..=R[C+{n}]"),
            Span::UnpackStar => "R[A]..=R[A+C/16+C%16]".into(),
        }
    }
}
