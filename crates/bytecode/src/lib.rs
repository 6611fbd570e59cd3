//! Rhodium bytecode modules.
//!
//! A [`Module`] is what every front end (the native assembler, the tutorial
//! dialect, the calculator, the Python compiler) produces and what the VM runs.
//! [`format`] reads and writes it as a versioned `.rbc` file; [`verifier`]
//! checks it before anything runs and is the only way to obtain a
//! [`VerifiedModule`], whose invariants the interpreter relies on;
//! [`analysis`] works out which registers of a frame may be read before they
//! are written, and which a frame may still read at a given instruction.

pub mod analysis;
pub mod format;
mod module;
pub mod verifier;

pub use module::{
    Capture, CaptureSource, Constant, Function, FunctionFlags, Handler, Language, Loc, Module,
};
pub use verifier::{VerifiedModule, VerifyError};
