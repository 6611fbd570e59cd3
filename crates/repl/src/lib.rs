//! The interactive session behind `rhodium repl`.
//!
//! A [`Session`] takes one line at a time and runs each complete input in
//! its [`Mode`]:
//!
//! - Python: statements run in one persistent module; an expression
//!   statement prints its `repr` unless it is None; a block ends with an
//!   empty line (the prompt says `... ` meanwhile).
//! - Assembly: each line is an instruction of the tutorial's dialect, run at
//!   once on a persistent machine ([`asm_mode`] explains how labels and jumps
//!   work between lines).
//! - Calculator: each line is a `rhodium calc` expression.
//!
//! Commands start with `.` or `!` ([`command::HELP`] lists them). Inputs run
//! in slices of fuel so that Ctrl-C, which sets [`Session::interrupt_flag`],
//! stops them between slices. Everything is written through a [`Console`];
//! [`terminal`] connects a session to the process's terminal or pipes.

#![warn(missing_docs)]

pub mod asm_mode;
pub mod calc_mode;
pub mod command;
pub mod console;
pub mod error;
pub mod exec;
pub mod python_mode;
pub mod session;
pub mod terminal;

pub use command::{CalcMachine, Command};
pub use console::{Capture, Console, Output};
pub use error::CommandError;
pub use exec::Settings;
pub use session::{Flow, Mode, Session};
