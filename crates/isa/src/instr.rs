//! One encoded instruction word and its field accessors.

use crate::{Format, Opcode, OperandKind};
use std::fmt;

/// One 32-bit instruction word. The accessors are raw bit extractions, cheap
/// enough for the interpreter's dispatch loop.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Instr(pub u32);

/// Why a set of operands cannot be encoded for an opcode.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    /// An operand lies outside the range its field can hold.
    #[error("operand {index} of `{mnemonic}` is {value}, outside {min}..={max}")]
    OutOfRange {
        /// The opcode's mnemonic.
        mnemonic: &'static str,
        /// Which operand (0-based).
        index: usize,
        /// The value given.
        value: i64,
        /// The smallest value the field holds.
        min: i64,
        /// The largest value the field holds.
        max: i64,
    },
}

/// Why a word is not a valid instruction.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The opcode byte names no opcode.
    #[error("unknown opcode {0:#04x}")]
    UnknownOpcode(u8),
    /// A field that must be zero, or a flag that must be 0 or 1, holds something else.
    #[error("operand {index} of `{mnemonic}` holds {value}, which the field does not allow")]
    BadOperand {
        /// The opcode's mnemonic.
        mnemonic: &'static str,
        /// Which operand (0-based).
        index: usize,
        /// The value found.
        value: i64,
    },
}

/// The inclusive range an operand of the given kind can take in the given field.
pub(crate) fn operand_range(format: Format, field: usize, kind: OperandKind) -> (i64, i64) {
    let (min, max) = format.ranges()[field].unwrap_or((0, 0));
    match kind {
        OperandKind::Unused => (0, 0),
        OperandKind::Flag => (0, 1),
        OperandKind::SImm if format == Format::Abc => (-128, 127),
        _ => (min, max),
    }
}

impl Instr {
    /// The opcode byte.
    #[inline(always)]
    pub fn op_byte(self) -> u8 {
        self.0 as u8
    }
    /// Field A (bits 8..16).
    #[inline(always)]
    pub fn a(self) -> usize {
        ((self.0 >> 8) & 0xff) as usize
    }
    /// Field B (bits 16..24).
    #[inline(always)]
    pub fn b(self) -> usize {
        ((self.0 >> 16) & 0xff) as usize
    }
    /// Field C (bits 24..32).
    #[inline(always)]
    pub fn c(self) -> usize {
        (self.0 >> 24) as usize
    }
    /// Field B as a signed byte.
    #[inline(always)]
    pub fn sb(self) -> i64 {
        (self.0 >> 16) as u8 as i8 as i64
    }
    /// Field C as a signed byte.
    #[inline(always)]
    pub fn sc(self) -> i64 {
        (self.0 >> 24) as u8 as i8 as i64
    }
    /// Field Bx (bits 16..32, unsigned).
    #[inline(always)]
    pub fn bx(self) -> usize {
        (self.0 >> 16) as usize
    }
    /// Field sBx (bits 16..32, signed).
    #[inline(always)]
    pub fn sbx(self) -> i64 {
        (self.0 >> 16) as u16 as i16 as i64
    }
    /// Field sJ (bits 8..32, signed).
    #[inline(always)]
    pub fn sj(self) -> i64 {
        (self.0 as i32 >> 8) as i64
    }

    /// The opcode, if the opcode byte names one.
    pub fn opcode(self) -> Option<Opcode> {
        Opcode::from_u8(self.op_byte())
    }

    /// Encodes an opcode with its operands in A, B, C order (unused trailing
    /// operands are zero), checking every operand against its field.
    pub fn encode(op: Opcode, operands: [i64; 3]) -> Result<Instr, EncodeError> {
        let format = op.format();
        let kinds = op.operands();
        for (index, (&value, &kind)) in operands.iter().zip(kinds.iter()).enumerate() {
            let (min, max) = operand_range(format, index, kind);
            if value < min || value > max {
                return Err(EncodeError::OutOfRange {
                    mnemonic: op.mnemonic(),
                    index,
                    value,
                    min,
                    max,
                });
            }
        }
        let [a, b, c] = operands;
        let opb = op as u32;
        let word = match format {
            Format::Abc => return Ok(Instr::pack_abc(op, a as u8, b as u8, c as u8)),
            Format::ABx | Format::AsBx => {
                opb | ((a as u32 & 0xff) << 8) | ((b as u32 & 0xffff) << 16)
            }
            Format::SJ => opb | ((a as u32 & 0x00ff_ffff) << 8),
        };
        Ok(Instr(word))
    }

    /// Packs an ABC instruction without checking its operands against the
    /// opcode's kinds (each field is a byte): for the dispatch loop, which
    /// rewrites a fused instruction into the plain one it ends in.
    #[inline(always)]
    pub const fn pack_abc(op: Opcode, a: u8, b: u8, c: u8) -> Instr {
        Instr(op as u32 | (a as u32) << 8 | (b as u32) << 16 | (c as u32) << 24)
    }

    /// Builds an ABC instruction; panics on out-of-range operands, so it is meant
    /// for code generators whose operands are known to fit.
    pub fn abc(op: Opcode, a: usize, b: usize, c: usize) -> Instr {
        Self::encode(op, [a as i64, b as i64, c as i64]).expect("operands fit the ABC format")
    }

    /// Decodes the word into its opcode and operands (signed where the kind is signed),
    /// rejecting unknown opcodes and bits set in unused fields.
    pub fn decode(self) -> Result<(Opcode, [i64; 3]), DecodeError> {
        let op = self
            .opcode()
            .ok_or(DecodeError::UnknownOpcode(self.op_byte()))?;
        let format = op.format();
        let kinds = op.operands();
        let raw: [i64; 3] = match format {
            Format::Abc => [self.a() as i64, self.b() as i64, self.c() as i64],
            Format::ABx => [self.a() as i64, self.bx() as i64, 0],
            Format::AsBx => [self.a() as i64, self.sbx(), 0],
            Format::SJ => [self.sj(), 0, 0],
        };
        let mut out = [0i64; 3];
        for (index, kind) in kinds.iter().enumerate() {
            let mut value = raw[index];
            if format == Format::Abc && *kind == OperandKind::SImm {
                value = value as u8 as i8 as i64;
            }
            let (min, max) = operand_range(format, index, *kind);
            if value < min || value > max {
                return Err(DecodeError::BadOperand {
                    mnemonic: op.mnemonic(),
                    index,
                    value,
                });
            }
            out[index] = value;
        }
        Ok((op, out))
    }

    /// The number of operands an opcode is written with.
    pub fn operand_count(op: Opcode) -> usize {
        op.operands()
            .iter()
            .rposition(|k| *k != OperandKind::Unused)
            .map_or(0, |i| i + 1)
    }
}

impl fmt::Debug for Instr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Instr({:#010x}: {self})", self.0)
    }
}

/// The raw disassembly text: mnemonic and operands with no symbolic names
/// (`add r1, r2, r3`, `jmp -4`, `loadk r0, k3`). The disassembler adds labels
/// and constant comments on top of this.
impl fmt::Display for Instr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (op, operands) = match self.decode() {
            Ok(d) => d,
            Err(e) => return write!(f, ".word {:#010x} ; {e}", self.0),
        };
        write!(f, "{}", op.mnemonic())?;
        let count = Instr::operand_count(op);
        for (i, (kind, value)) in op.operands().iter().zip(operands).take(count).enumerate() {
            f.write_str(if i == 0 { " " } else { ", " })?;
            match kind {
                OperandKind::Reg | OperandKind::Dst => write!(f, "r{value}")?,
                OperandKind::Const | OperandKind::Name | OperandKind::Table => {
                    write!(f, "k{value}")?
                }
                OperandKind::Global => write!(f, "g{value}")?,
                OperandKind::Upval => write!(f, "u{value}")?,
                OperandKind::Func => write!(f, "f{value}")?,
                _ => write!(f, "{value}")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_round_trip() {
        let i = Instr::encode(Opcode::AddI, [3, 200, -5]).unwrap();
        assert_eq!(i.op_byte(), Opcode::AddI as u8);
        assert_eq!(i.a(), 3);
        assert_eq!(i.b(), 200);
        assert_eq!(i.sc(), -5);
        assert_eq!(i.decode().unwrap(), (Opcode::AddI, [3, 200, -5]));
        let j = Instr::encode(Opcode::Jmp, [-(1 << 23), 0, 0]).unwrap();
        assert_eq!(j.sj(), -(1 << 23));
        let l = Instr::encode(Opcode::LoadI, [7, -32768, 0]).unwrap();
        assert_eq!(l.sbx(), -32768);
        assert_eq!(l.to_string(), "loadi r7, -32768");
    }

    #[test]
    fn out_of_range_operands_are_refused() {
        assert!(Instr::encode(Opcode::Move, [256, 0, 0]).is_err());
        assert!(Instr::encode(Opcode::LoadK, [0, 65536, 0]).is_err());
        assert!(Instr::encode(Opcode::Jmp, [1 << 23, 0, 0]).is_err());
        assert!(Instr::encode(Opcode::BrEq, [0, 0, 2]).is_err());
        assert!(Instr::encode(Opcode::Nop, [1, 0, 0]).is_err());
    }

    #[test]
    fn decode_rejects_unknown_opcodes_and_junk_in_unused_fields() {
        assert_eq!(Instr(0xff).decode(), Err(DecodeError::UnknownOpcode(0xff)));
        let junk = Instr(Opcode::ReturnNone as u32 | (1 << 8));
        assert!(matches!(junk.decode(), Err(DecodeError::BadOperand { .. })));
    }
}
