//! How operations fail inside the VM: a Python exception to raise, or a
//! resource limit that ends the run.

use crate::class::ClassId;
use crate::value::{ObjRef, Value};
use std::fmt;

/// The argument of a built-in exception created by the VM.
#[derive(Debug, Clone)]
pub enum ExcArg {
    /// No arguments (`MemoryError()`).
    Empty,
    /// One string argument.
    Msg(String),
    /// One arbitrary value (`KeyError(key)`, `SystemExit(code)`).
    Value(Value),
    /// An error number and its message, as OS-level errors carry them
    /// (`OverflowError(34, 'Numerical result out of range')`).
    Errno(i64, &'static str),
}

/// A resource limit; unlike exceptions these cannot be caught by the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// The heap grew past its configured maximum.
    Memory {
        /// The limit in bytes.
        limit: usize,
    },
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::Memory { limit } => write!(f, "memory limit of {limit} bytes exceeded"),
        }
    }
}

/// Why an operation did not produce a value.
#[derive(Debug)]
pub enum Raise {
    /// Raise a new instance of a built-in exception class.
    New(ClassId, ExcArg),
    /// Raise an existing exception object.
    Obj(ObjRef),
    /// Stop: a resource limit was hit.
    Limit(Limit),
    /// Not an error: the process must wait (see `process`); the call is repeated later.
    Block(crate::process::Block),
    /// `process.exit(reason)`: end the process (not catchable).
    Exit(crate::message::Message),
    /// Not an error: native code needs a call into bytecode first (see `resume`).

    #[allow(private_interfaces)]
    Suspend(Box<crate::resume::Pending>),
}

/// The result of a VM operation.
pub type R<T> = Result<T, Raise>;

impl Raise {
    /// A new exception of `class` with a message.
    pub fn new(class: ClassId, msg: impl Into<String>) -> Raise {
        Raise::New(class, ExcArg::Msg(msg.into()))
    }
    /// `TypeError(msg)`
    pub fn type_error(msg: impl Into<String>) -> Raise {
        Raise::new(ClassId::TYPE_ERROR, msg)
    }
    /// `ValueError(msg)`
    pub fn value_error(msg: impl Into<String>) -> Raise {
        Raise::new(ClassId::VALUE_ERROR, msg)
    }
    /// `ZeroDivisionError(msg)`
    pub fn zero_division(msg: impl Into<String>) -> Raise {
        Raise::new(ClassId::ZERO_DIVISION_ERROR, msg)
    }
    /// `OverflowError(msg)`
    pub fn overflow(msg: impl Into<String>) -> Raise {
        Raise::new(ClassId::OVERFLOW_ERROR, msg)
    }
    /// `IndexError(msg)`
    pub fn index_error(msg: impl Into<String>) -> Raise {
        Raise::new(ClassId::INDEX_ERROR, msg)
    }
    /// `KeyError(key)`
    pub fn key_error(key: Value) -> Raise {
        Raise::New(ClassId::KEY_ERROR, ExcArg::Value(key))
    }
    /// `NameError(msg)`
    pub fn name_error(msg: impl Into<String>) -> Raise {
        Raise::new(ClassId::NAME_ERROR, msg)
    }
    /// `AttributeError(msg)`
    pub fn attribute_error(msg: impl Into<String>) -> Raise {
        Raise::new(ClassId::ATTRIBUTE_ERROR, msg)
    }
    /// `RuntimeError(msg)`
    pub fn runtime_error(msg: impl Into<String>) -> Raise {
        Raise::new(ClassId::RUNTIME_ERROR, msg)
    }
    /// `MemoryError()`
    pub fn memory() -> Raise {
        Raise::New(ClassId::MEMORY_ERROR, ExcArg::Empty)
    }
    /// A construct Rhodium cannot represent (such as a complex result).
    pub fn unsupported(msg: impl Into<String>) -> Raise {
        Raise::new(ClassId::NOT_IMPLEMENTED_ERROR, msg)
    }
}
