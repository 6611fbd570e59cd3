//! Rhodium's native assembly language: [`assemble`] turns text into a
//! [`bytecode::Module`] (verified), [`disassemble`] turns a module into a
//! listing that assembles back to identical bytes.

mod assembler;
mod disasm;
pub mod lexer;

pub use assembler::assemble;
pub use disasm::{disassemble, format_constant};
