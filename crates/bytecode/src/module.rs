//! The in-memory form of a bytecode module.

use isa::Instr;
use num_bigint::BigInt;

/// The source language a module was produced from; it decides how errors are rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// Rhodium's native assembly (`.asm`).
    Assembly,
    /// The tutorial's assembly dialect (`.iasm`).
    Tutorial,
    /// The Python subset (`.py`).
    Python,
    /// A calculator expression.
    Calc,
}

impl Language {
    /// The byte that stands for the language in a `.rbc` file.
    pub fn to_byte(self) -> u8 {
        match self {
            Language::Assembly => 0,
            Language::Tutorial => 1,
            Language::Python => 2,
            Language::Calc => 3,
        }
    }
    /// The language a `.rbc` byte stands for.
    pub fn from_byte(b: u8) -> Option<Language> {
        Some(match b {
            0 => Language::Assembly,
            1 => Language::Tutorial,
            2 => Language::Python,
            3 => Language::Calc,
            _ => return None,
        })
    }
}

/// A source position (1-based line and column; 0 means unknown).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Loc {
    /// 1-based line, or 0 when unknown.
    pub line: u32,
    /// 1-based column, or 0 when unknown.
    pub col: u32,
}

/// A constant in a function's pool.
#[derive(Clone, Debug)]
pub enum Constant {
    /// `None`.
    None,
    /// `True` or `False`.
    Bool(bool),
    /// An integer that fits in 64 bits.
    Int(i64),
    /// An integer of any size (never one that fits in 64 bits).
    BigInt(BigInt),
    /// A 64-bit float.
    Float(f64),
    /// A string.
    Str(String),
    /// A tuple of constants.
    Tuple(Vec<Constant>),
    /// A jump table: instruction indexes inside the same function.
    Table(Vec<u32>),
}

impl Constant {
    /// Builds an integer constant, choosing the 64-bit form when it fits.
    pub fn int(value: BigInt) -> Constant {
        use num_traits::ToPrimitive;
        match value.to_i64() {
            Some(v) => Constant::Int(v),
            None => Constant::BigInt(value),
        }
    }
}

/// Constants compare structurally; floats by bit pattern, so that the pool can
/// hold `0.0` and `-0.0` apart and deduplicate NaNs.
impl PartialEq for Constant {
    fn eq(&self, other: &Self) -> bool {
        use Constant::*;
        match (self, other) {
            (None, None) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (BigInt(a), BigInt(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (Str(a), Str(b)) => a == b,
            (Tuple(a), Tuple(b)) => a == b,
            (Table(a), Table(b)) => a == b,
            _ => false,
        }
    }
}

/// Where a new closure finds one of the cells it captures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptureSource {
    /// A register of the function executing `closure` (it holds a cell).
    Register(u8),
    /// A captured cell of the closure executing `closure`.
    Upval(u8),
}

/// One captured cell of a function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capture {
    /// Where the creating frame finds the cell.
    pub source: CaptureSource,
    /// The variable's name, for error messages.
    pub name: String,
}

/// An exception handler: a raise at an instruction in `start..end` continues at `target`.
/// Handlers are listed innermost first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Handler {
    /// First covered instruction.
    pub start: u32,
    /// One past the last covered instruction.
    pub end: u32,
    /// Where execution continues.
    pub target: u32,
}

/// Properties of a function's parameter list and body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FunctionFlags {
    /// Takes `*args` (in the register after the keyword-only parameters).
    pub varargs: bool,
    /// Takes `**kwargs` (in the register after `*args`, if any).
    pub varkw: bool,
    /// A generator function: calling it makes a generator object instead of running it.
    pub generator: bool,
}

impl FunctionFlags {
    /// The flags as a `.rbc` byte.
    pub fn to_byte(self) -> u8 {
        self.varargs as u8 | (self.varkw as u8) << 1 | (self.generator as u8) << 2
    }
    /// The flags a `.rbc` byte stands for, if only known bits are set.
    pub fn from_byte(b: u8) -> Option<FunctionFlags> {
        (b & !7 == 0).then_some(FunctionFlags {
            varargs: b & 1 != 0,
            varkw: b & 2 != 0,
            generator: b & 4 != 0,
        })
    }
}

/// One function: its code, constants and debug information.
///
/// Register layout on entry: positional parameters, then keyword-only
/// parameters, then `*args`, then `**kwargs`, then locals and temporaries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Function {
    /// The function's name (for tracebacks and the disassembler).
    pub name: String,
    /// Number of positional parameters.
    pub num_params: u8,
    /// Number of keyword-only parameters.
    pub num_kwonly: u8,
    /// Parameter list flags.
    pub flags: FunctionFlags,
    /// Registers the frame needs (at most 256).
    pub num_registers: u16,
    /// Names of the first registers (parameters first, then locals); used to bind
    /// keyword arguments, in error messages and by the disassembler.
    pub names: Vec<String>,
    /// Cells the function captures when a closure of it is made.
    pub captures: Vec<Capture>,
    /// The constant pool.
    pub constants: Vec<Constant>,
    /// The instructions.
    pub code: Vec<Instr>,
    /// The source position of each instruction (same length as `code`).
    pub locs: Vec<Loc>,
    /// Exception handlers, innermost first.
    pub handlers: Vec<Handler>,
}

impl Function {
    /// The number of registers that receive arguments on entry.
    pub fn arg_registers(&self) -> usize {
        self.num_params as usize
            + self.num_kwonly as usize
            + self.flags.varargs as usize
            + self.flags.varkw as usize
    }

    /// The source position of the instruction at `pc`, if recorded.
    pub fn loc(&self, pc: usize) -> Loc {
        self.locs.get(pc).copied().unwrap_or_default()
    }
}

/// A compiled module: global names and functions; function 0 is the entry point.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    /// The source file name (shown in tracebacks).
    pub name: String,
    /// The language the module was produced from.
    pub language: Language,
    /// The module's global names; `getglobal`/`setglobal` index this table.
    pub globals: Vec<String>,
    /// The functions; function 0 runs when the module is run.
    pub functions: Vec<Function>,
}

impl Module {
    /// An empty module with the given name and language.
    pub fn new(name: impl Into<String>, language: Language) -> Module {
        Module {
            name: name.into(),
            language,
            globals: Vec::new(),
            functions: Vec::new(),
        }
    }
}
