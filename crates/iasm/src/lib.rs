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
pub use parser::{parse, Arg, Instruction, Label, LabelValue, Program};
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

/// The global that holds a persistent machine between runs of programs
/// compiled by [`compile_resumable`]: a tuple of 68 values — the 32 integer
/// registers, the 32 float registers, the flag (a bool), the loop counter (an
/// int), the stack (a list of ints) and the heap (a byte memory).
pub const STATE_GLOBAL: &str = "$machine";

/// The number of values in the [`STATE_GLOBAL`] tuple.
pub const STATE_LEN: usize = regs::HEAP as usize + 1;

/// Compiles `.iasm` source into a module named `file` (verified before it is
/// returned). All errors found are returned together, in source order.
pub fn compile(source: &str, file: &str) -> Result<Module, Vec<Diagnostic>> {
    compile_typed(source, file).map_err(|errors| errors.iter().map(Error::to_diagnostic).collect())
}

/// [`compile`] with the typed errors.
pub fn compile_typed(source: &str, file: &str) -> Result<Module, Vec<Error>> {
    let program = parse(source)?;
    let module = lower::lower(&program, file, lower::Start::Fresh).map_err(|e| vec![e])?;
    verified(module).map_err(|e| vec![e])
}

/// Compiles a parsed program to run on a persistent machine, as the REPL's
/// assembly mode does: the function takes the machine from the global
/// [`STATE_GLOBAL`] (which the embedder binds before the first run), starts at
/// instruction `entry` (clamped to the end of the code, where it runs
/// nothing), and stores the machine back into the global however it stops —
/// at `HLT`, at the end of the code, or at a trap, which then propagates as
/// usual. A normal stop also returns the state tuple.
pub fn compile_resumable(program: &Program, entry: usize, file: &str) -> Result<Module, Error> {
    let module = lower::lower(program, file, lower::Start::Resume { entry })?;
    verified(module)
}

fn verified(module: Module) -> Result<Module, Error> {
    match bytecode::verifier::verify(module) {
        Ok(v) => Ok(v.into_inner()),
        // Lowering only emits well-formed code; a refusal here is a bug in this crate.
        Err(e) => Err(Error::new(
            Span::new(1, 1, 1),
            ErrorKind::TooLarge {
                what: format!("internal error, the lowered code was refused: {e}"),
            },
        )),
    }
}
