//! The Rhodium virtual machine.
//!
//! A [`Vm`] owns a heap of objects with a tracing collector, a value stack of
//! register windows, and the modules loaded into it. It runs verified bytecode
//! ([`bytecode::VerifiedModule`]) with a fuel budget: [`Vm::run`] executes at
//! most that many instructions and can be called again to continue. Values
//! follow Python's semantics; errors are Python exceptions or resource limits,
//! returned as values, never panics.

mod builtins;
mod call;
mod class;
mod dict;
mod dispatch;
pub mod error;
mod format;
mod globals;
pub mod heap;
mod interpreter;
pub mod list;
pub mod message;
pub mod num;
pub mod ops;
pub mod process;
pub mod report;
mod resume;
pub mod trace;
pub mod value;
mod vm;

pub use builtins::{native_name, NativeId};
pub use class::ClassId;
pub use dict::Dict;
pub use error::{Limit, Raise};
pub use report::{Chain, ErrorReport, FrameReport};
pub use value::{ObjRef, Value};
pub use vm::{CaptureHost, Config, Host, LoadError, Outcome, RunError, SharedCapture, UnitId, Vm};
