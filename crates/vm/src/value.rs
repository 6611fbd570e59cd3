//! The dynamically typed value every register holds.

use crate::builtins::NativeId;
use crate::class::ClassId;

/// A handle to an object in the VM's heap (an index into its slot table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ObjRef(pub(crate) u32);

impl ObjRef {
    /// The slot index, for identity comparisons and `id()`.
    pub fn index(self) -> u32 {
        self.0
    }
}

/// A module: a built-in one (`sys`, `math`, `process`), or one compiled from
/// source and loaded into a global namespace of the VM (`supervisor`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ModuleId {
    /// `sys`
    Sys,
    /// `math`
    Math,
    /// `process`: lightweight processes (needs a process runtime).
    Process,
    /// A module loaded from source: the index of its global namespace.
    Loaded(u32),
}

impl ModuleId {
    /// The name of a built-in module (loaded modules are named by the VM).
    pub fn name(self) -> &'static str {
        match self {
            ModuleId::Sys => "sys",
            ModuleId::Math => "math",
            ModuleId::Process => "process",
            ModuleId::Loaded(_) => "?",
        }
    }
    /// The built-in module with this name.
    pub fn from_name(name: &str) -> Option<ModuleId> {
        match name {
            "sys" => Some(ModuleId::Sys),
            "math" => Some(ModuleId::Math),
            "process" => Some(ModuleId::Process),
            _ => None,
        }
    }
}

/// A Rhodium value: immediates inline, everything else a heap reference.
/// `Copy` and 16 bytes (a test guards the size).
#[derive(Clone, Copy, Debug)]
pub enum Value {
    /// An unbound local (never visible to programs; reading one raises).
    Undef,
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An integer that fits in 64 bits; larger ones live on the heap.
    Int(i64),
    /// A 64-bit float.
    Float(f64),
    /// A heap object.
    Obj(ObjRef),
    /// A built-in function or method.
    Native(NativeId),
    /// A built-in class (a type or an exception class).
    Class(ClassId),
    /// A built-in module.
    Module(ModuleId),
    /// A process identifier (see the `process` module).
    Pid(u64),
    /// A monitor reference (see `process.monitor`).
    Ref(u64),
}

impl Value {
    /// The heap reference, if the value is a heap object.
    #[inline]
    pub fn as_obj(self) -> Option<ObjRef> {
        match self {
            Value::Obj(r) => Some(r),
            _ => None,
        }
    }

    /// Whether the value is `None`.
    #[inline]
    pub fn is_none(self) -> bool {
        matches!(self, Value::None)
    }

    /// Identity (`is`): same immediate or same heap object.
    pub fn is(self, other: Value) -> bool {
        match (self, other) {
            (Value::Undef, Value::Undef) | (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // CPython caches small ints; larger equal ints are distinct objects
            // there, but a program cannot rely on that, so equal ints are the same.
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Obj(a), Value::Obj(b)) => a == b,
            (Value::Native(a), Value::Native(b)) => a == b,
            (Value::Class(a), Value::Class(b)) => a == b,
            (Value::Module(a), Value::Module(b)) => a == b,
            (Value::Pid(a), Value::Pid(b)) => a == b,
            (Value::Ref(a), Value::Ref(b)) => a == b,

            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_value_is_at_most_16_bytes() {
        assert!(std::mem::size_of::<super::Value>() <= 16);
    }
}
