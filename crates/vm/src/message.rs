//! Values that cross between VMs (processes): copied out of one heap into a
//! [`Message`], and copied into another heap on arrival. Nothing is shared.

use crate::class::ClassId;
use crate::error::{Raise, R};
use crate::heap::{FunctionObj, Object};
use crate::ops::MAX_DEPTH;
use crate::value::{ObjRef, Value};
use crate::vm::Vm;
use num_bigint::BigInt;

/// A heap-independent copy of a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// `None`
    None,
    /// A bool.
    Bool(bool),
    /// An int that fits in 64 bits.
    Int(i64),
    /// A larger int.
    BigInt(BigInt),
    /// A float.
    Float(f64),
    /// A string.
    Str(String),
    /// A tuple.
    Tuple(Vec<Message>),
    /// A list.
    List(Vec<Message>),
    /// A dict, in insertion order.
    Dict(Vec<(Message, Message)>),
    /// A set.
    Set(Vec<Message>),
    /// A process identifier.
    Pid(u64),
    /// A monitor reference.
    Ref(u64),
    /// A built-in class (exception classes, types).
    Class(u16),
    /// A built-in function (only for spawning and program images).
    Native(u16),
    /// A module (only for spawning and program images).
    Module(crate::value::ModuleId),
    /// A function: its code by position in the program, with copies of its
    /// captured variables and defaults (only for spawning, never by `send`).
    Function {
        /// The loaded unit (module) of its code.
        unit: u32,
        /// Its index in that module.
        func: u32,
        /// Copies of the captured cells' contents (`None` for an unbound cell).
        captures: Vec<Option<Message>>,
        /// Positional defaults.
        defaults: Option<Vec<Message>>,
        /// Keyword-only defaults.
        kwdefaults: Option<Vec<(Message, Message)>>,
    },
}

impl Message {
    /// A string message.
    pub fn str(s: impl Into<String>) -> Message {
        Message::Str(s.into())
    }
}

/// What may be copied.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Copyable {
    /// Data only: what `process.send` accepts.
    Data,
    /// Data and functions: what `process.spawn` accepts.
    WithFunctions,
}

impl Vm {
    /// Copies a value out of this VM's heap.
    pub fn export(&self, v: Value, what: Copyable) -> R<Message> {
        let mut active = Vec::new();
        self.export_inner(v, what, &mut active)
    }

    fn export_inner(&self, v: Value, what: Copyable, active: &mut Vec<ObjRef>) -> R<Message> {
        if active.len() > MAX_DEPTH {
            return Err(Raise::new(
                ClassId::RECURSION_ERROR,
                "maximum recursion depth exceeded while copying a message",
            ));
        }
        Ok(match v {
            Value::None => Message::None,
            Value::Bool(b) => Message::Bool(b),
            Value::Int(i) => Message::Int(i),
            Value::Float(f) => Message::Float(f),
            Value::Short(s) => Message::Str(s.as_str().to_string()),
            Value::Pid(p) => Message::Pid(p),
            Value::Ref(r) => Message::Ref(r),
            Value::Class(c) => Message::Class(c.0),
            Value::Native(n) if what == Copyable::WithFunctions => Message::Native(n as u16),
            Value::Module(m) if what == Copyable::WithFunctions => Message::Module(m),
            Value::Obj(r) => {
                if active.contains(&r) {
                    return Err(Raise::value_error(
                        "cannot send a value that contains itself",
                    ));
                }
                active.push(r);
                let result = self.export_obj(r, v, what, active);
                active.pop();
                result?
            }
            _ => return Err(unsendable(self, v)),
        })
    }

    fn export_obj(
        &self,
        r: ObjRef,
        v: Value,
        what: Copyable,
        active: &mut Vec<ObjRef>,
    ) -> R<Message> {
        let seq = |vm: &Self, items: &[Value], active: &mut Vec<ObjRef>| -> R<Vec<Message>> {
            items
                .iter()
                .map(|x| vm.export_inner(*x, what, active))
                .collect()
        };
        Ok(match self.heap.get(r) {
            Object::Str(s) => Message::Str(s.s.to_string()),
            Object::BigInt(b) => Message::BigInt(b.clone()),
            Object::Tuple(items) => Message::Tuple(seq(self, items, active)?),
            Object::List(items) => Message::List(seq(self, &items.values(), active)?),
            Object::Dict(d) => {
                let mut out = Vec::with_capacity(d.len());
                for e in d.iter() {
                    out.push((
                        self.export_inner(e.key, what, active)?,
                        self.export_inner(e.value, what, active)?,
                    ));
                }
                Message::Dict(out)
            }
            Object::Set(d) => {
                let keys: Vec<Value> = d.iter().map(|e| e.key).collect();
                Message::Set(seq(self, &keys, active)?)
            }
            Object::Function(f) if what == Copyable::WithFunctions => {
                let mut captures = Vec::with_capacity(f.captures.len());
                for c in f.captures.iter() {
                    captures.push(match self.heap.get(*c) {
                        Object::Cell(Value::Undef) => None,
                        Object::Cell(x) => Some(self.export_inner(*x, what, active)?),
                        _ => None,
                    });
                }
                let defaults = match f.defaults {
                    Some(d) => Some(seq(
                        self,
                        self.heap.as_tuple(Value::Obj(d)).unwrap_or(&[]),
                        active,
                    )?),
                    None => None,
                };
                let kwdefaults = match f.kwdefaults.map(|d| self.heap.get(d)) {
                    Some(Object::Dict(d)) => {
                        let mut out = Vec::new();
                        for e in d.iter() {
                            out.push((
                                self.export_inner(e.key, what, active)?,
                                self.export_inner(e.value, what, active)?,
                            ));
                        }
                        Some(out)
                    }
                    _ => None,
                };
                Message::Function {
                    unit: f.unit,
                    func: f.func,
                    captures,
                    defaults,
                    kwdefaults,
                }
            }
            _ => return Err(unsendable(self, v)),
        })
    }

    /// Copies a message into this VM's heap.
    pub fn import(&mut self, m: &Message) -> R<Value> {
        Ok(match m {
            Message::None => Value::None,
            Message::Bool(b) => Value::Bool(*b),
            Message::Int(i) => Value::Int(*i),
            Message::BigInt(b) => self.heap.int(b.clone()),
            Message::Float(f) => Value::Float(*f),
            Message::Str(s) => self.heap.str(s.as_str()),
            Message::Pid(p) => Value::Pid(*p),
            Message::Ref(r) => Value::Ref(*r),
            Message::Class(c) => Value::Class(ClassId(*c)),
            Message::Native(n) => match crate::builtins::NativeId::ALL.get(*n as usize) {
                Some(id) => Value::Native(*id),
                None => {
                    return Err(Raise::runtime_error(
                        "unknown built-in function in a message",
                    ))
                }
            },
            Message::Module(m) => Value::Module(*m),

            Message::Tuple(items) => {
                let vals = self.import_all(items)?;
                self.heap.tuple(vals)
            }
            Message::List(items) => {
                let vals = self.import_all(items)?;
                self.heap.list(vals)
            }
            Message::Set(items) => {
                let vals = self.import_all(items)?;
                crate::builtins::make_set(&mut self.heap, &vals)?
            }
            Message::Dict(pairs) => {
                let mut flat = Vec::with_capacity(pairs.len() * 2);
                for (k, v) in pairs {
                    flat.push(self.import(k)?);
                    flat.push(self.import(v)?);
                }
                crate::builtins::make_dict(&mut self.heap, &flat)?
            }
            Message::Function {
                unit,
                func,
                captures,
                defaults,
                kwdefaults,
            } => {
                let name = match self.units.get(*unit as usize) {
                    Some(u) if (*func as usize) < u.names.len() => u.names[*func as usize],
                    _ => {
                        return Err(Raise::runtime_error(
                            "a function was sent to a process that does not have its code",
                        ))
                    }
                };
                let mut cells = Vec::with_capacity(captures.len());
                for c in captures {
                    let v = match c {
                        Some(m) => self.import(m)?,
                        None => Value::Undef,
                    };
                    cells.push(self.heap.alloc(Object::Cell(v)));
                }
                let defaults = match defaults {
                    Some(d) => {
                        let vals = self.import_all(d)?;
                        self.heap.tuple(vals).as_obj()
                    }
                    None => None,
                };
                let kwdefaults = match kwdefaults {
                    Some(pairs) => {
                        let mut flat = Vec::new();
                        for (k, v) in pairs {
                            flat.push(self.import(k)?);
                            flat.push(self.import(v)?);
                        }
                        crate::builtins::make_dict(&mut self.heap, &flat)?.as_obj()
                    }
                    None => None,
                };
                let f = FunctionObj {
                    unit: *unit,
                    func: *func,
                    name,
                    captures: cells.into_boxed_slice(),
                    defaults,
                    kwdefaults,
                };
                Value::Obj(self.heap.alloc(Object::Function(Box::new(f))))
            }
        })
    }

    fn import_all(&mut self, items: &[Message]) -> R<Vec<Value>> {
        items.iter().map(|m| self.import(m)).collect()
    }
}

fn unsendable(vm: &Vm, v: Value) -> Raise {
    Raise::type_error(format!(
        "cannot send a '{}' object to another process (messages may hold None, bool, int, float, str, tuple, list, dict, set and pids)",
        vm.heap.type_name(v)
    ))
}
