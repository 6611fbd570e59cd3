//! Python semantics of the operators on built-in values. The interpreter
//! handles the commonest int and float cases inline and calls these for the rest.

mod compare;
mod index;
mod printf;
pub(crate) mod text;

pub use compare::{compare, contains, eq, find_key, hash, key_eq, lookup, str_hash, CmpOp};
pub use index::{
    del_item, del_slice, dict_set, get_item, get_slice, iter_next, len, make_iter, set_item,
    set_slice, slice_indices, to_index, to_vec, unpack,
};
pub use text::{int_str, quote_str, repr, str_of, str_value, MAX_DEPTH};

use crate::class::ClassId;
use crate::dict::Dict;
use crate::error::{Raise, R};
use crate::heap::{Heap, Object, INLINE_STR};
use crate::num::{self, BinOp, Int, Num};
use crate::value::{ShortStr, Value};
use compact_str::CompactString;

/// A number out of a value (bools are ints), or `None` for non-numbers.
#[inline]
pub fn to_num(heap: &Heap, v: Value) -> Option<Num> {
    match v {
        Value::Int(i) => Some(Num::I(i)),
        Value::Float(f) => Some(Num::F(f)),
        Value::Bool(b) => Some(Num::I(b as i64)),
        Value::Obj(_) => heap.as_bigint(v).map(|b| Num::B(b.clone())),
        _ => None,
    }
}

/// An int out of a value (bools are ints), or `None` for non-ints.
#[inline]
pub fn to_int(heap: &Heap, v: Value) -> Option<Int> {
    match v {
        Value::Int(i) => Some(Int::I(i)),
        Value::Bool(b) => Some(Int::I(b as i64)),
        Value::Obj(_) => heap.as_bigint(v).map(|b| Int::B(b.clone())),
        _ => None,
    }
}

/// Stores a number as a value.
#[inline]
pub fn num_value(heap: &mut Heap, n: Num) -> Value {
    match n {
        Num::I(i) => Value::Int(i),
        Num::F(f) => Value::Float(f),
        Num::B(b) => heap.int(b),
    }
}

/// Python truthiness.
pub fn truthy(heap: &Heap, v: Value) -> bool {
    match v {
        Value::Undef | Value::None => false,
        Value::Bool(b) => b,
        Value::Int(i) => i != 0,
        Value::Float(f) => f != 0.0,
        Value::Short(s) => !s.is_empty(),
        Value::Obj(r) => match heap.get(r) {
            Object::Str(s) => !s.s.is_empty(),
            Object::List(l) => !l.is_empty(),
            Object::Tuple(t) => !t.is_empty(),
            Object::Dict(d) | Object::Set(d) => !d.is_empty(),
            Object::Range(r) => !r.is_empty(),
            Object::BigInt(_) => true,
            Object::Memory(m) => !m.is_empty(),
            Object::View(d, _) => match heap.get(*d) {
                Object::Dict(d) => !d.is_empty(),
                _ => false,
            },
            _ => true,
        },
        Value::Native(_) | Value::Class(_) | Value::Module(_) | Value::Pid(_) | Value::Ref(_) => {
            true
        }
    }
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    /// `-x`
    Neg,
    /// `+x`
    Pos,
    /// `~x`
    Invert,
}

/// `-x`, `+x`, `~x`.
pub fn unary(heap: &mut Heap, op: UnOp, v: Value) -> R<Value> {
    let sym = match op {
        UnOp::Neg => "-",
        UnOp::Pos => "+",
        UnOp::Invert => "~",
    };
    let n = match to_num(heap, v) {
        Some(n) => n,
        None => {
            return Err(Raise::type_error(format!(
                "bad operand type for unary {sym}: '{}'",
                heap.type_name(v)
            )))
        }
    };
    Ok(match (op, n) {
        (UnOp::Neg, Num::I(i)) => match i.checked_neg() {
            Some(r) => Value::Int(r),
            None => heap.int(-num_bigint::BigInt::from(i)),
        },
        (UnOp::Neg, Num::B(b)) => heap.int(-b),
        (UnOp::Neg, Num::F(f)) => Value::Float(-f),
        (UnOp::Pos, Num::I(i)) => Value::Int(i),
        (UnOp::Pos, Num::B(b)) => heap.int(b),
        (UnOp::Pos, Num::F(f)) => Value::Float(f),
        (UnOp::Invert, Num::I(i)) => Value::Int(!i),
        (UnOp::Invert, Num::B(b)) => heap.int(!b),
        (UnOp::Invert, Num::F(_)) => {
            return Err(Raise::type_error("bad operand type for unary ~: 'float'"))
        }
    })
}

/// A binary operator on any two values, with Python's rules and error messages.
/// Always inlined, so that the interpreter's object path reaches the string
/// fast path without a call.
#[inline(always)]
pub fn binary(heap: &mut Heap, op: BinOp, a: Value, b: Value) -> R<Value> {
    if let Some(v) = str_binary(heap, op, a, b) {
        return v;
    }
    binary_as(heap, op, a, b, false)
}

/// `a + b` and `a * n` when `a` is a string, or `None` for anything else:
/// string building is common enough to skip the general operator dispatch.
/// Inlined so that its result reaches the caller in registers rather than
/// through memory (a result read back right after it was stored stalls).
#[inline(always)]
fn str_binary(heap: &mut Heap, op: BinOp, a: Value, b: Value) -> Option<R<Value>> {
    match (op, a, b) {
        (BinOp::Add, Value::Short(_) | Value::Obj(_), Value::Short(_) | Value::Obj(_)) => {
            concat_strs(heap, a, b).map(Ok)
        }
        (BinOp::Mul, Value::Short(_) | Value::Obj(_), Value::Int(n)) if heap.is_str(a) => {
            Some(repeat(heap, a, n.max(0)))
        }
        _ => None,
    }
}

/// `a + b` for two strings (`None` if either is not a string).
#[inline(always)]
fn concat_strs(heap: &mut Heap, a: Value, b: Value) -> Option<Value> {
    if let (Value::Short(x), Value::Short(y)) = (a, b) {
        if let Some(s) = ShortStr::concat(&x, &y) {
            return Some(Value::Short(s));
        }
    }
    let (x, y) = (heap.as_text(&a)?, heap.as_text(&b)?);
    // Strings are immutable, so adding nothing gives the other operand
    // itself, as in CPython (`s + "" is s`), with no allocation.
    if y.s.is_empty() {
        return Some(a);
    }
    if x.s.is_empty() {
        return Some(b);
    }
    let s = concat2(x.s, y.s);
    let chars = x.chars + y.chars;
    Some(heap.str_counted(s, chars))
}

/// `binary`, naming the operator in its augmented form (`+=`) in errors when `inplace`.
/// Out of line, so that `binary` stays small enough to inline.
#[inline(never)]
fn binary_as(heap: &mut Heap, op: BinOp, a: Value, b: Value, inplace: bool) -> R<Value> {
    let unsupported =
        |heap: &Heap, op: BinOp, a: Value, b: Value| unsupported(heap, op, a, b, inplace);
    // bool & bool, | and ^ stay bools.
    if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
        match op {
            BinOp::And => return Ok(Value::Bool(x & y)),
            BinOp::Or => return Ok(Value::Bool(x | y)),
            BinOp::Xor => return Ok(Value::Bool(x ^ y)),
            _ => {}
        }
    }
    if let (Some(x), Some(y)) = (to_num(heap, a), to_num(heap, b)) {
        return arith(heap, op, x, y).and_then(|r| match r {
            Some(n) => Ok(num_value(heap, n)),
            None => Err(unsupported(heap, op, a, b)),
        });
    }
    let ca = heap.class_of(a);
    let cb = heap.class_of(b);
    match op {
        BinOp::Add => concat(heap, a, b, ca, cb, inplace),
        BinOp::Mul => {
            if let Some(n) = repeat_count(heap, b, ca) {
                return repeat(heap, a, n?);
            }
            if let Some(n) = repeat_count(heap, a, cb) {
                return repeat(heap, b, n?);
            }
            if is_sequence(ca) {
                return Err(Raise::type_error(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    cb.name()
                )));
            }
            if is_sequence(cb) {
                return Err(Raise::type_error(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    ca.name()
                )));
            }
            Err(unsupported(heap, op, a, b))
        }
        BinOp::Or | BinOp::And | BinOp::Xor | BinOp::Sub
            if ca == ClassId::SET && cb == ClassId::SET =>
        {
            set_op(heap, op, a, b)
        }
        BinOp::Or if ca == ClassId::DICT && cb == ClassId::DICT => dict_union(heap, a, b),
        BinOp::Mod if ca == ClassId::STR => printf::printf(heap, a, b),
        _ => Err(unsupported(heap, op, a, b)),
    }
}

/// `a op= b`: lists, sets and dicts are changed in place and returned; other
/// values behave as with the plain operator.
pub fn inplace(heap: &mut Heap, op: BinOp, a: Value, b: Value) -> R<Value> {
    if let Some(v) = str_binary(heap, op, a, b) {
        return v;
    }
    let Some(r) = a.as_obj() else {
        return binary_as(heap, op, a, b, true);
    };
    match (heap.class_of(a), op) {
        (ClassId::LIST, BinOp::Add) => {
            let items = to_vec(heap, b).map_err(|_| {
                Raise::type_error(format!("'{}' object is not iterable", heap.type_name(b)))
            })?;
            if let Object::List(l) = heap.get_mut(r) {
                let grown = l.extend(items);
                heap.note_growth(grown);
            }
            Ok(a)
        }
        (ClassId::LIST, BinOp::Mul) => match to_int(heap, b) {
            Some(n) => {
                let n = match n {
                    Int::I(i) => i.max(0) as usize,
                    Int::B(_) => {
                        return Err(Raise::overflow(
                            "cannot fit 'int' into an index-sized integer",
                        ))
                    }
                };
                let (len, item) = match heap.get(r) {
                    Object::List(l) => (l.len(), l.item_bytes()),
                    _ => (0, 0),
                };
                check_size(heap, len as u128 * n as u128 * item as u128)?;
                if let Object::List(l) = heap.get_mut(r) {
                    *l = l.repeat(n);
                }
                heap.note_growth(len * n * item);
                Ok(a)
            }
            None => binary_as(heap, op, a, b, true),
        },
        (ClassId::SET, BinOp::Sub | BinOp::And | BinOp::Or | BinOp::Xor)
            if heap.class_of(b) == ClassId::SET =>
        {
            let result = set_op(heap, op, a, b)?;
            let new = match result.as_obj().map(|x| heap.get(x)) {
                Some(Object::Set(d)) => (**d).clone(),
                _ => Dict::new(),
            };
            if let Object::Set(d) = heap.get_mut(r) {
                **d = new;
            }
            Ok(a)
        }
        (ClassId::DICT, BinOp::Or) => {
            let pairs: Vec<(Value, Value)> = match b.as_obj().map(|x| heap.get(x)) {
                Some(Object::Dict(d)) => d.iter().map(|e| (e.key, e.value)).collect(),
                _ => return binary_as(heap, op, a, b, true),
            };
            for (k, v) in pairs {
                dict_set(heap, r, k, v)?;
            }
            Ok(a)
        }
        _ => binary_as(heap, op, a, b, true),
    }
}

fn is_sequence(c: ClassId) -> bool {
    c == ClassId::STR || c == ClassId::LIST || c == ClassId::TUPLE
}

/// `Some(count)` when `seq` is a sequence and `n` an int usable as a repeat count.
fn repeat_count(heap: &Heap, n: Value, seq_class: ClassId) -> Option<R<i64>> {
    if !is_sequence(seq_class) {
        return None;
    }
    match to_int(heap, n)? {
        Int::I(i) => Some(Ok(i.max(0))),
        // CPython converts the count to a C ssize_t first, whatever its sign.
        Int::B(_) => Some(Err(Raise::overflow(
            "cannot fit 'int' into an index-sized integer",
        ))),
    }
}

fn unsupported(heap: &Heap, op: BinOp, a: Value, b: Value, inplace: bool) -> Raise {
    Raise::type_error(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        if inplace {
            op.inplace_symbol()
        } else {
            op.symbol()
        },
        heap.type_name(a),
        heap.type_name(b)
    ))
}

/// Numeric arithmetic; `None` when the operator does not apply (bitwise on floats).
pub fn arith(heap: &Heap, op: BinOp, x: Num, y: Num) -> R<Option<Num>> {
    let bitwise = matches!(
        op,
        BinOp::And | BinOp::Or | BinOp::Xor | BinOp::Shl | BinOp::Shr
    );
    match (&x, &y) {
        (Num::F(_), _) | (_, Num::F(_)) => {
            if bitwise {
                return Ok(None);
            }
            let fx = num_to_f64(&x)?;
            let fy = num_to_f64(&y)?;
            num::float_op(op, fx, fy).map(|f| Some(Num::F(f)))
        }
        _ => {
            let ix = num_as_int(x);
            let iy = num_as_int(y);
            check_int_size(heap, op, &ix, &iy)?;
            num::int_op(op, &ix, &iy).map(Some)
        }
    }
}

/// Under a memory limit, refuses an integer result that could not fit before
/// computing it: `3 ** 300_000_000` takes minutes and `1 << 3_000_000_000`
/// hundreds of megabytes, so checking after the fact is too late. The size
/// used is a lower bound of the result's, so nothing that fits is refused.
fn check_int_size(heap: &Heap, op: BinOp, x: &Int, y: &Int) -> R<()> {
    if heap.limit().is_none() {
        return Ok(());
    }
    let bits = |i: &Int| -> u128 {
        match i {
            Int::I(v) => 64 - v.unsigned_abs().leading_zeros() as u128,
            Int::B(b) => b.bits() as u128,
        }
    };
    // A non-negative right operand as a count (saturating for big ones).
    let count = match y {
        Int::I(v) if *v >= 0 => *v as u128,
        Int::I(_) => return Ok(()),
        Int::B(b) if b.sign() == num_bigint::Sign::Minus => return Ok(()),
        Int::B(_) => u64::MAX as u128,
    };
    let (bx, by) = (bits(x), bits(y));
    let result_bits = match op {
        BinOp::Mul => (bx + by).saturating_sub(1),
        BinOp::Shl if bx > 0 => bx + count,
        // |x| >= 2 has at least bx - 1 bits' worth of growth per factor.
        BinOp::Pow if bx >= 2 => (bx - 1).saturating_mul(count),
        _ => return Ok(()),
    };
    if result_bits <= 4096 {
        return Ok(());
    }
    check_size(heap, result_bits / 8)
}

fn num_as_int(n: Num) -> Int {
    match n {
        Num::I(i) => Int::I(i),
        Num::B(b) => Int::B(b),
        Num::F(f) => Int::I(f as i64),
    }
}

/// A number as a float (OverflowError for huge ints).
pub fn num_to_f64(n: &Num) -> R<f64> {
    match n {
        Num::I(i) => Ok(*i as f64),
        Num::F(f) => Ok(*f),
        Num::B(b) => num::big_to_f64(b),
    }
}

fn concat(
    heap: &mut Heap,
    a: Value,
    b: Value,
    ca: ClassId,
    cb: ClassId,
    inplace: bool,
) -> R<Value> {
    if ca == ClassId::STR {
        if cb != ClassId::STR {
            return Err(Raise::type_error(format!(
                "can only concatenate str (not \"{}\") to str",
                cb.name()
            )));
        }
        if let Some(v) = concat_strs(heap, a, b) {
            return Ok(v);
        }
    }
    if ca == ClassId::LIST || ca == ClassId::TUPLE {
        if cb != ca {
            return Err(Raise::type_error(format!(
                "can only concatenate {} (not \"{}\") to {}",
                ca.name(),
                cb.name(),
                ca.name()
            )));
        }
        if let (Some(Object::List(x)), Some(Object::List(y))) = (
            a.as_obj().map(|r| heap.get(r)),
            b.as_obj().map(|r| heap.get(r)),
        ) {
            let v = x.concat(y);
            return Ok(heap.list_obj(v));
        }
        let x = heap.as_tuple(a).unwrap_or(&[]);
        let y = heap.as_tuple(b).unwrap_or(&[]);
        let v = [x, y].concat();
        return Ok(heap.tuple(v));
    }
    Err(unsupported(heap, BinOp::Add, a, b, inplace))
}

/// Bytes a new string or sequence would need, checked before building it:
/// against the process's memory limit, and against the machine's memory.
/// (The allocator reserves address space lazily, so a request for more than
/// the machine has would not fail but fill memory until the system kills
/// the program; CPython's `malloc` fails at once with MemoryError.)
pub(crate) fn check_size(heap: &Heap, bytes: u128) -> R<()> {
    if bytes > machine_memory() {
        return Err(Raise::memory());
    }
    if bytes > isize::MAX as u128 || heap.would_exceed(bytes.min(usize::MAX as u128) as usize) {
        if let Some(limit) = heap.limit() {
            return Err(Raise::Limit(crate::error::Limit::Memory { limit }));
        }
    }
    Ok(())
}

/// The machine's physical memory in bytes (from /proc/meminfo; 1 TiB where
/// that cannot be read).
pub(crate) fn machine_memory() -> u128 {
    static TOTAL: std::sync::OnceLock<u128> = std::sync::OnceLock::new();
    *TOTAL.get_or_init(|| {
        std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|text| {
                let line = text.lines().find(|l| l.starts_with("MemTotal:"))?;
                let kib: u128 = line.split_whitespace().nth(1)?.parse().ok()?;
                Some(kib * 1024)
            })
            .unwrap_or(1 << 40)
    })
}

fn repeat(heap: &mut Heap, seq: Value, n: i64) -> R<Value> {
    let n = n as usize;
    if let Some(s) = heap.as_text(&seq) {
        if n == 1 {
            // Immutable: one copy is the string itself (`s * 1 is s`, as in CPython).
            return Ok(seq);
        }
        if let Value::Short(short) = seq {
            if let Some(out) = short.repeat(n) {
                return Ok(Value::Short(out));
            }
        }
        check_size(heap, s.s.len() as u128 * n as u128)?;
        let chars = s.chars * n;
        let text = if s.s.len() * n <= INLINE_STR {
            CompactString::from_iter(std::iter::repeat_n(s.s, n))
        } else {
            // `str::repeat` copies by doubling; its buffer becomes the string's.
            CompactString::from(s.s.repeat(n))
        };
        return Ok(heap.str_counted(text, chars));
    }
    if let Some(Object::List(l)) = seq.as_obj().map(|r| heap.get(r)) {
        check_size(heap, l.len() as u128 * n as u128 * l.item_bytes() as u128)?;
        let v = l.repeat(n);
        return Ok(heap.list_obj(v));
    }
    let items = heap.as_tuple(seq).unwrap_or(&[]);
    check_size(
        heap,
        items.len() as u128 * n as u128 * size_of::<Value>() as u128,
    )?;
    let v = items.repeat(n);
    Ok(heap.tuple(v))
}

/// `x + y` as a new string's text (assembled in place when short enough to
/// be stored inline).
#[inline]
fn concat2(x: &str, y: &str) -> CompactString {
    CompactString::from_iter([x, y])
}

fn set_op(heap: &mut Heap, op: BinOp, a: Value, b: Value) -> R<Value> {
    let members = |heap: &Heap, v: Value| -> Vec<(u64, Value)> {
        match v.as_obj().map(|r| heap.get(r)) {
            Some(Object::Set(d)) => d.iter().map(|e| (e.hash, e.key)).collect(),
            _ => Vec::new(),
        }
    };
    let in_set = |heap: &Heap, v: Value, h: u64, k: Value| -> bool {
        match v.as_obj().map(|r| heap.get(r)) {
            Some(Object::Set(d)) => lookup(heap, d, h, k).is_some(),
            _ => false,
        }
    };
    let xs = members(heap, a);
    let ys = members(heap, b);
    let mut keep: Vec<(u64, Value)> = Vec::new();
    match op {
        BinOp::Or => keep.extend(xs.iter().chain(ys.iter())),
        BinOp::And => keep.extend(xs.iter().filter(|(h, k)| in_set(heap, b, *h, *k))),
        BinOp::Sub => keep.extend(xs.iter().filter(|(h, k)| !in_set(heap, b, *h, *k))),
        _ => {
            keep.extend(xs.iter().filter(|(h, k)| !in_set(heap, b, *h, *k)));
            keep.extend(ys.iter().filter(|(h, k)| !in_set(heap, a, *h, *k)));
        }
    }
    let mut out = Dict::with_capacity(keep.len());
    for (h, k) in keep {
        if lookup(heap, &out, h, k).is_none() {
            out.insert_new(h, k, Value::None);
        }
    }
    Ok(Value::Obj(heap.alloc(Object::Set(Box::new(out)))))
}

fn dict_union(heap: &mut Heap, a: Value, b: Value) -> R<Value> {
    let mut out = match a.as_obj().map(|r| heap.get(r)) {
        Some(Object::Dict(d)) => (**d).clone(),
        _ => Dict::new(),
    };
    let other: Vec<_> = match b.as_obj().map(|r| heap.get(r)) {
        Some(Object::Dict(d)) => d.iter().copied().collect(),
        _ => Vec::new(),
    };
    for e in other {
        match lookup(heap, &out, e.hash, e.key) {
            Some(p) => out.set_value(p, e.value),
            None => out.insert_new(e.hash, e.key, e.value),
        }
    }
    Ok(Value::Obj(heap.alloc(Object::Dict(Box::new(out)))))
}
