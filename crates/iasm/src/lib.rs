//! The tutorial's assembly dialect (`.iasm`), compiled to Rhodium bytecode.
//!
//! ```text
//! .data
//! hello: .asciiz 'Hello\n'
//! .code
//!         LOAD $0 #3
//! again:  PRTS @hello
//!         DEC $0
//!         NEQ $0 $1
//!         DJMPE @again
//!         HLT
//! ```
//!
//! [`compile`] parses a file, reports every error with its line and column,
//! and lowers the program to one native function (`main`) of a module whose
//! language is [`bytecode::Language::Tutorial`]. The tutorial's machine state
//! lives in fixed native registers ([`regs`]); HLT and the end of the code
//! return the register files as one tuple: 32 integers, then 32 floats.
//! docs/tutorial-dialect.md describes the language.

#![warn(missing_docs)]

pub mod error;
pub mod lexer;
mod lower;
pub mod parser;
pub mod syntax;

pub use error::{Error, ErrorKind};
pub use parser::{parse, Arg, Instruction, Program};
pub use syntax::{Kind, Op};

use bytecode::Module;
use diagnostics::{Diagnostic, Span};

/// Where the tutorial's machine state lives in the native frame.
pub mod regs {
    /// Integer register `$n` is native register `INT + n`.
    pub const INT: u8 = 0;
    /// Float register `$n` is native register `FLOAT + n`.
    pub const FLOAT: u8 = 32;
    /// The equality flag set by comparisons (a bool).
    pub const FLAG: u8 = 64;
    /// The loop counter set by CLOOP (an int).
    pub const COUNTER: u8 = 65;
    /// The stack CALL/RET and PUSH/POP share (a list of ints).
    pub const STACK: u8 = 66;
    /// The byte heap ALOC grows (a memory).
    pub const HEAP: u8 = 67;
    /// The code's size in bytes: a computed jump there halts.
    pub const END: u8 = 68;
    /// A scratch register.
    pub const T0: u8 = 69;
    /// A second scratch register (method calls use T0 and T1).
    pub const T1: u8 = 70;
    /// The number of native registers the program's function uses.
    pub const COUNT: usize = 71;
}

/// Compiles `.iasm` source into a module named `file` (verified before it is
/// returned). All errors found are returned together, in source order.
pub fn compile(source: &str, file: &str) -> Result<Module, Vec<Diagnostic>> {
    compile_typed(source, file).map_err(|errors| errors.iter().map(Error::to_diagnostic).collect())
}

/// [`compile`] with the typed errors.
pub fn compile_typed(source: &str, file: &str) -> Result<Module, Vec<Error>> {
    let program = parse(source)?;
    let module = lower::lower(&program, file).map_err(|e| vec![e])?;
    match bytecode::verifier::verify(module) {
        Ok(v) => Ok(v.into_inner()),
        // Lowering only emits well-formed code; a refusal here is a bug in this crate.
        Err(e) => Err(vec![Error::new(
            Span::new(1, 1, 1),
            ErrorKind::TooLarge {
                what: format!("internal error, the lowered code was refused: {e}"),
            },
        )]),
    }
}
