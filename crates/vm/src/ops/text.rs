//! `repr()` and `str()` of built-in values, as CPython prints them.

use crate::class::ClassId;
use crate::error::{Raise, R};
use crate::heap::{DictView, Heap, Object};
use crate::num;
use crate::value::{ObjRef, Value};
use std::fmt::Write;

/// Nesting depth past which repr, comparison and hashing raise RecursionError
/// instead of risking the native stack.
pub const MAX_DEPTH: usize = 800;

/// Python's `repr()`.
pub fn repr(heap: &Heap, v: Value) -> R<String> {
    if let Value::Int(i) = v {
        return Ok(itoa::Buffer::new().format(i).to_string());
    }
    let mut out = String::new();

    let mut active = Vec::new();
    write_repr(heap, v, &mut out, &mut active)?;
    Ok(out)
}

/// Python's `str()`.
pub fn str_of(heap: &Heap, v: Value) -> R<String> {
    match v {
        Value::Short(s) => Ok(s.as_str().to_string()),
        Value::Obj(r) => match heap.get(r) {
            Object::Str(s) => Ok(s.s.to_string()),
            // `str(KeyError('k'))` is `'k'`, the same special case as in tracebacks.
            Object::Exception(e) => exception_message(heap, e.class, e.args),
            _ => repr(heap, v),
        },
        _ => repr(heap, v),
    }
}

/// `str(v)` as a string value: a string itself, and ints and floats written
/// straight into the new string (no intermediate `String` for short results).
pub fn str_value(heap: &mut Heap, v: Value) -> R<Value> {
    match v {
        Value::Int(i) => Ok(int_str(heap, i)),
        Value::Float(f) => {
            let s = num::float_repr(f);
            Ok(heap.ascii_str(&s))
        }
        Value::Bool(b) => Ok(heap.ascii_str(if b { "True" } else { "False" })),
        Value::None => Ok(heap.ascii_str("None")),
        Value::Short(_) => Ok(v),
        Value::Obj(r) if matches!(heap.get(r), Object::Str(_)) => Ok(v),
        _ => {
            let s = str_of(heap, v)?;
            Ok(heap.str(s))
        }
    }
}

/// `str(i)` of a machine int: its decimal digits as a new string.
#[inline]
pub fn int_str(heap: &mut Heap, i: i64) -> Value {
    match crate::value::ShortStr::from_int(i) {
        Some(s) => Value::Short(s),
        None => heap.ascii_str(itoa::Buffer::new().format(i)),
    }
}

/// `str(exc)`: empty for no arguments, `str(arg)` for one, the tuple's repr otherwise.
fn exception_str(heap: &Heap, args: ObjRef) -> R<String> {
    match heap.get(args) {
        Object::Tuple(items) if items.is_empty() => Ok(String::new()),
        Object::Tuple(items) if items.len() == 1 => str_of(heap, items[0]),
        _ => repr(heap, Value::Obj(args)),
    }
}

/// The `str()` of an exception's arguments, with KeyError's special case
/// (a single argument is shown by its repr).
pub fn exception_message(heap: &Heap, class: ClassId, args: ObjRef) -> R<String> {
    if class == ClassId::KEY_ERROR {
        if let Object::Tuple(items) = heap.get(args) {
            if items.len() == 1 {
                return repr(heap, items[0]);
            }
        }
    }
    exception_str(heap, args)
}

/// Writes a string literal the way `repr()` quotes it.
pub fn quote_str(s: &str, out: &mut String) {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => {
                let n = c as u32;
                let _ = if n <= 0xff {
                    write!(out, "\\x{n:02x}")
                } else if n <= 0xffff {
                    write!(out, "\\u{n:04x}")
                } else {
                    write!(out, "\\U{n:08x}")
                };
            }
        }
    }
    out.push(quote);
}

/// An approximation of `str.isprintable()` for one character: control,
/// separator and format characters other than the space are not printable.
pub fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(c as u32,
        0xad | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x180e | 0x200b..=0x200f
        | 0x202a..=0x202e | 0x2060..=0x2064 | 0x2066..=0x206f | 0xfeff | 0xfff9..=0xfffb
        | 0xd800..=0xdfff | 0xe000..=0xf8ff | 0xf0000..=0x10ffff
        // The remaining format characters (Cf) outside the BMP ranges above.
        | 0x890..=0x891 | 0x8e2 | 0x110bd | 0x110cd | 0x13430..=0x1343f
        | 0x1bca0..=0x1bca3 | 0x1d173..=0x1d17a | 0xe0001 | 0xe0020..=0xe007f
        // Large blocks with nothing assigned in Unicode 14 (CPython 3.11's).
        | 0x2fa1e..=0x2ffff | 0x3134b..=0xe0000 | 0xe0002..=0xe001f | 0xe0080..=0xe00ff
        | 0xe01f0..=0xeffff)
}

fn fake_address(r: ObjRef) -> String {
    format!("0x{:012x}", 0x7f00_0000_0000u64 + (r.index() as u64) * 64)
}

fn write_repr(heap: &Heap, v: Value, out: &mut String, active: &mut Vec<ObjRef>) -> R<()> {
    if active.len() > MAX_DEPTH {
        return Err(Raise::new(
            ClassId::RECURSION_ERROR,
            "maximum recursion depth exceeded while getting the repr of an object",
        ));
    }
    match v {
        Value::Undef => out.push_str("<unbound>"),
        Value::None => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Int(i) => out.push_str(itoa::Buffer::new().format(i)),
        Value::Float(f) => out.push_str(&num::float_repr(f)),
        Value::Native(n) => {
            let name = crate::builtins::native_name(n);
            match name.split_once('.') {
                // A method taken from its type (`list.append`), not a module function.
                Some((owner, method)) if crate::class::ClassId::by_name(owner).is_some() => {
                    let _ = write!(out, "<method '{method}' of '{owner}' objects>");
                }
                _ => {
                    let short = name.rsplit('.').next().unwrap_or("?");
                    let _ = write!(out, "<built-in function {short}>");
                }
            }
        }
        Value::Class(c) => {
            let _ = write!(out, "<class '{}'>", c.name());
        }
        Value::Module(crate::value::ModuleId::Loaded(i)) => {
            let _ = write!(out, "<module '{}'>", heap.module_name(i));
        }
        Value::Module(m) => {
            let _ = write!(out, "<module '{}' (built-in)>", m.name());
        }
        Value::Pid(p) => {
            let _ = write!(out, "<pid {p}>");
        }
        Value::Ref(r) => {
            let _ = write!(out, "<ref {r}>");
        }
        Value::Short(s) => quote_str(s.as_str(), out),

        Value::Obj(r) => {
            let obj = heap.get(r);
            let container = matches!(
                obj,
                Object::List(_) | Object::Dict(_) | Object::Set(_) | Object::Tuple(_)
            );
            if container && active.contains(&r) {
                out.push_str(match obj {
                    Object::Dict(_) => "{...}",
                    Object::List(_) => "[...]",
                    _ => "(...)",
                });
                return Ok(());
            }
            if container {
                active.push(r);
            }
            let result = write_obj(heap, r, obj, out, active);
            if container {
                active.pop();
            }
            result?;
        }
    }
    Ok(())
}

fn write_items(
    heap: &Heap,
    items: impl Iterator<Item = Value>,
    out: &mut String,
    active: &mut Vec<ObjRef>,
) -> R<()> {
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_repr(heap, item, out, active)?;
    }
    Ok(())
}

fn write_obj(
    heap: &Heap,
    r: ObjRef,
    obj: &Object,
    out: &mut String,
    active: &mut Vec<ObjRef>,
) -> R<()> {
    match obj {
        Object::Free(_) => out.push_str("<freed object>"),
        Object::Str(s) => quote_str(&s.s, out),
        Object::BigInt(b) => out.push_str(&num::big_to_string(b)?),
        Object::List(items) => {
            out.push('[');
            write_items(heap, items.iter(), out, active)?;
            out.push(']');
        }
        Object::Tuple(items) => {
            out.push('(');
            write_items(heap, items.iter().copied(), out, active)?;
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Object::Dict(d) => {
            out.push('{');
            for (i, e) in d.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(heap, e.key, out, active)?;
                out.push_str(": ");
                write_repr(heap, e.value, out, active)?;
            }
            out.push('}');
        }
        Object::Set(d) => {
            if d.is_empty() {
                out.push_str("set()");
            } else {
                out.push('{');
                for (i, e) in d.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write_repr(heap, e.key, out, active)?;
                }
                out.push('}');
            }
        }
        Object::Function(f) => {
            let name = heap.as_str(&f.name).unwrap_or("?");
            let _ = write!(out, "<function {name} at {}>", fake_address(r));
        }
        Object::BoundMethod { recv, native } => {
            let name = crate::builtins::native_name(*native);
            let method = name.rsplit('.').next().unwrap_or(name);
            let _ = write!(
                out,
                "<built-in method {method} of {} object at {}>",
                heap.type_name(*recv),
                fake_address(r)
            );
        }
        Object::Cell(_) => {
            let _ = write!(out, "<cell at {}>", fake_address(r));
        }
        Object::Range(rg) => {
            if rg.step == 1 {
                let _ = write!(out, "range({}, {})", rg.start, rg.stop);
            } else {
                let _ = write!(out, "range({}, {}, {})", rg.start, rg.stop, rg.step);
            }
        }
        Object::Iter(it) => {
            let kind = match &**it {
                crate::heap::IterObj::Map { .. } => "map",
                crate::heap::IterObj::Filter { .. } => "filter",
                crate::heap::IterObj::Enumerate { .. } => "enumerate",
                crate::heap::IterObj::Zip { .. } => "zip",
                crate::heap::IterObj::Reversed { .. } => "list_reverseiterator",
                crate::heap::IterObj::Range { .. } => "range_iterator",
                crate::heap::IterObj::Str { .. } => "str_ascii_iterator",
                crate::heap::IterObj::Dict { .. } => "dict_keyiterator",
                _ => "list_iterator",
            };
            let _ = write!(out, "<{kind} object at {}>", fake_address(r));
        }
        Object::Generator(g) => {
            let name = match heap.get(g.func) {
                Object::Function(f) => heap.as_str(&f.name).unwrap_or("?"),
                _ => "?",
            };
            let _ = write!(out, "<generator object {name} at {}>", fake_address(r));
        }
        Object::Exception(e) => {
            out.push_str(e.class.name());
            match heap.get(e.args) {
                Object::Tuple(items) if items.len() == 1 => {
                    out.push('(');
                    write_repr(heap, items[0], out, active)?;
                    out.push(')');
                }
                _ => write_repr(heap, Value::Obj(e.args), out, active)?,
            }
        }
        Object::Memory(m) => {
            let _ = write!(out, "<memory of {} bytes>", m.len());
        }
        Object::Stream(is_err) => {
            let name = if *is_err { "<stderr>" } else { "<stdout>" };
            let _ = write!(
                out,
                "<_io.TextIOWrapper name='{name}' mode='w' encoding='utf-8'>"
            );
        }
        Object::View(d, kind) => {
            let Object::Dict(d) = heap.get(*d) else {
                return Ok(());
            };
            out.push_str(match kind {
                DictView::Keys => "dict_keys([",
                DictView::Values => "dict_values([",
                DictView::Items => "dict_items([",
            });
            for (i, e) in d.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match kind {
                    DictView::Keys => write_repr(heap, e.key, out, active)?,
                    DictView::Values => write_repr(heap, e.value, out, active)?,
                    DictView::Items => {
                        out.push('(');
                        write_repr(heap, e.key, out, active)?;
                        out.push_str(", ");
                        write_repr(heap, e.value, out, active)?;
                        out.push(')');
                    }
                }
            }
            out.push_str("])");
        }
    }
    Ok(())
}
