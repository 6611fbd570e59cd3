//! Equality, ordering, membership and hashing.

use super::{to_int, to_num, MAX_DEPTH};
use crate::class::ClassId;
use crate::dict::Dict;
use crate::error::{Raise, R};
use crate::heap::{DictView, Heap, Object};
use crate::num;
use crate::value::{ModuleId, ObjRef, ShortStr, Value};
use std::cmp::Ordering;
use std::hash::Hasher;

/// The ordering comparisons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
    pub(crate) fn test(self, o: Ordering) -> bool {
        match self {
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::Le => o != Ordering::Greater,
            CmpOp::Gt => o == Ordering::Greater,
            CmpOp::Ge => o != Ordering::Less,
        }
    }
}

fn depth_error(what: &str) -> Raise {
    Raise::new(
        ClassId::RECURSION_ERROR,
        format!("maximum recursion depth exceeded {what}"),
    )
}

/// `a == b` with Python semantics.
pub fn eq(heap: &Heap, a: Value, b: Value) -> R<bool> {
    eq_depth(heap, a, b, 0)
}

fn eq_depth(heap: &Heap, a: Value, b: Value, depth: usize) -> R<bool> {
    if depth > MAX_DEPTH {
        return Err(depth_error("in comparison"));
    }
    match (a, b) {
        // Short strings equal only short strings (a heap string is longer).
        (Value::Short(x), Value::Short(y)) => return Ok(x == y),
        (Value::Short(_), Value::Obj(_)) | (Value::Obj(_), Value::Short(_)) => return Ok(false),
        (Value::Obj(ra), Value::Obj(rb)) => {
            // Strings first: they are the commonest objects compared.
            if let (Object::Str(x), Object::Str(y)) = (heap.get(ra), heap.get(rb)) {
                return Ok(ra == rb || x.s == y.s);
            }
        }
        (Value::Int(x), Value::Int(y)) => return Ok(x == y),
        (Value::Float(x), Value::Float(y)) => return Ok(x == y),
        (Value::None, Value::None) => return Ok(true),
        _ => {}
    }
    if let (Some(x), Some(y)) = (to_num(heap, a), to_num(heap, b)) {
        return Ok(num::num_cmp(&x, &y) == Some(Ordering::Equal));
    }
    let (Value::Obj(ra), Value::Obj(rb)) = (a, b) else {
        return Ok(a.is(b));
    };
    if ra == rb {
        // Containers equal themselves (CPython's identity shortcut); floats are not objects here.
        return Ok(true);
    }
    match (heap.get(ra), heap.get(rb)) {
        (Object::Str(x), Object::Str(y)) => Ok(x.s == y.s),
        (Object::List(x), Object::List(y)) => {
            // Lengths first, so unequal lists are never copied out of their storage.
            if x.len() != y.len() {
                return Ok(false);
            }
            seq_eq(heap, &x.values(), &y.values(), depth)
        }
        (Object::Tuple(x), Object::Tuple(y)) => seq_eq(heap, x, y, depth),
        (Object::Dict(x), Object::Dict(y)) => {
            if x.len() != y.len() {
                return Ok(false);
            }
            for e in x.iter() {
                match lookup(heap, y, e.hash, e.key) {
                    Some(p) => {
                        let other = y.entry(p).value;
                        if !(e.value.is(other) || eq_depth(heap, e.value, other, depth + 1)?) {
                            return Ok(false);
                        }
                    }
                    None => return Ok(false),
                }
            }
            Ok(true)
        }
        (Object::Set(x), Object::Set(y)) => {
            Ok(x.len() == y.len() && x.iter().all(|e| lookup(heap, y, e.hash, e.key).is_some()))
        }
        // Items views are set-like: equal when they hold the same pairs.
        (Object::View(x, DictView::Items), Object::View(y, DictView::Items)) => {
            match (heap.get(*x), heap.get(*y)) {
                (Object::Dict(_), Object::Dict(_)) => {
                    eq_depth(heap, Value::Obj(*x), Value::Obj(*y), depth + 1)
                }
                _ => Ok(false),
            }
        }
        // A keys view is set-like: it equals a set (or keys view) with the same members.
        (Object::View(..) | Object::Set(_), Object::View(..) | Object::Set(_)) => {
            match (key_set(heap, a), key_set(heap, b)) {
                (Some(x), Some(y)) => Ok(x.len() == y.len()
                    && x.iter().all(|e| lookup(heap, y, e.hash, e.key).is_some())),
                _ => Ok(false),
            }
        }
        (Object::Range(x), Object::Range(y)) => {
            let (lx, ly) = (x.len(), y.len());
            Ok(lx == ly && (lx == 0 || (x.start == y.start && (lx == 1 || x.step == y.step))))
        }
        _ => Ok(false),
    }
}

/// The members of a set or of a dict's keys view.
fn key_set(heap: &Heap, v: Value) -> Option<&Dict> {
    match heap.get(v.as_obj()?) {
        Object::Set(d) => Some(d),
        Object::View(r, DictView::Keys) => match heap.get(*r) {
            Object::Dict(d) => Some(d),
            _ => None,
        },
        _ => None,
    }
}

fn seq_eq(heap: &Heap, x: &[Value], y: &[Value], depth: usize) -> R<bool> {
    if x.len() != y.len() {
        return Ok(false);
    }
    for (a, b) in x.iter().zip(y) {
        if !(a.is(*b) || eq_depth(heap, *a, *b, depth + 1)?) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Equality of two hashable keys (never fails; too-deep nesting compares unequal).
pub fn key_eq(heap: &Heap, a: Value, b: Value) -> bool {
    eq(heap, a, b).unwrap_or(false)
}

/// The position of `key` in a dict or set table.
#[inline]
pub fn lookup(heap: &Heap, d: &Dict, hash: u64, key: Value) -> Option<usize> {
    match key {
        // An int key equals only ints, bools and floats of the same value.
        Value::Int(i) => d.find(hash, |k| match k {
            Value::Int(j) => i == j,
            Value::Obj(_) | Value::Short(_) => false,
            _ => key_eq(heap, k, key),
        }),
        Value::Short(s) => d.find(hash, |k| matches!(k, Value::Short(t) if t == s)),
        Value::Obj(r) => match heap.get(r) {
            // A string equals only strings.
            Object::Str(s) => d.find(hash, |k| match k {
                Value::Obj(kr) => kr == r || matches!(heap.get(kr), Object::Str(t) if t.s == s.s),
                _ => false,
            }),
            _ => d.find(hash, |k| k.is(key) || key_eq(heap, k, key)),
        },
        _ => d.find(hash, |k| k.is(key) || key_eq(heap, k, key)),
    }
}

/// The hash of `key` and its position in a dict or set table, in one step:
/// ints and strings (most keys) are hashed and compared without going
/// through the general `hash` and `eq`.
#[inline(always)]
pub fn find_key(heap: &Heap, d: &Dict, key: Value) -> R<(u64, Option<usize>)> {
    match key {
        Value::Int(i) => {
            let h = num::hash_i64(i) as u64;
            Ok((
                h,
                d.find(h, |k| match k {
                    Value::Int(j) => i == j,
                    Value::Obj(_) | Value::Short(_) => false,
                    _ => key_eq(heap, k, key),
                }),
            ))
        }
        Value::Short(_) => {
            // By words (see `Value::short_words`); equal short strings have equal bytes.
            let w = key.short_words().unwrap_or_default();
            let h = Value::short_hash(w);
            Ok((h, d.find(h, |k| k.short_words() == Some(w))))
        }
        Value::Obj(r) => match heap.get(r) {
            Object::Str(s) => {
                let text = s.s.as_str();
                let h = str_hash(text) as u64;
                Ok((
                    h,
                    d.find(h, |k| match k {
                        Value::Obj(kr) => {
                            kr == r
                                || matches!(heap.get(kr), Object::Str(t) if t.s.as_str() == text)
                        }
                        _ => false,
                    }),
                ))
            }
            _ => {
                let h = hash(heap, key)?;
                Ok((h, lookup(heap, d, h, key)))
            }
        },
        _ => {
            let h = hash(heap, key)?;
            Ok((h, lookup(heap, d, h, key)))
        }
    }
}

/// `a < b` and friends with Python semantics.
pub fn compare(heap: &Heap, op: CmpOp, a: Value, b: Value) -> R<bool> {
    compare_depth(heap, op, a, b, 0)
}

fn compare_depth(heap: &Heap, op: CmpOp, a: Value, b: Value, depth: usize) -> R<bool> {
    if depth > MAX_DEPTH {
        return Err(depth_error("in comparison"));
    }
    if let (Some(x), Some(y)) = (to_num(heap, a), to_num(heap, b)) {
        return Ok(num::num_cmp(&x, &y).is_some_and(|o| op.test(o)));
    }
    if let (Some(x), Some(y)) = (heap.as_str(&a), heap.as_str(&b)) {
        return Ok(op.test(x.cmp(y)));
    }
    if let (Value::Obj(ra), Value::Obj(rb)) = (a, b) {
        match (heap.get(ra), heap.get(rb)) {
            (Object::List(x), Object::List(y)) => {
                return seq_cmp(heap, op, &x.values(), &y.values(), depth)
            }
            (Object::Tuple(x), Object::Tuple(y)) => return seq_cmp(heap, op, x, y, depth),
            (Object::Set(x), Object::Set(y)) => {
                let subset =
                    |p: &Dict, q: &Dict| p.iter().all(|e| lookup(heap, q, e.hash, e.key).is_some());
                return Ok(match op {
                    CmpOp::Le => subset(x, y),
                    CmpOp::Lt => x.len() < y.len() && subset(x, y),
                    CmpOp::Ge => subset(y, x),
                    CmpOp::Gt => y.len() < x.len() && subset(y, x),
                });
            }
            _ => {}
        }
    }
    Err(Raise::type_error(format!(
        "'{}' not supported between instances of '{}' and '{}'",
        op.symbol(),
        heap.type_name(a),
        heap.type_name(b)
    )))
}

fn seq_cmp(heap: &Heap, op: CmpOp, x: &[Value], y: &[Value], depth: usize) -> R<bool> {
    for (a, b) in x.iter().zip(y) {
        if !(a.is(*b) || eq_depth(heap, *a, *b, depth + 1)?) {
            return compare_depth(heap, op, *a, *b, depth + 1);
        }
    }
    Ok(op.test(x.len().cmp(&y.len())))
}

/// `item in container`. Membership in a dict or set, the commonest, is
/// inlined into the caller; other containers are tested out of line.
#[inline(always)]
pub fn contains(heap: &Heap, container: Value, item: Value) -> R<bool> {
    let r = match container {
        Value::Obj(r) => r,
        Value::Short(s) => return str_contains(heap, s.as_str(), item),
        _ => return Err(not_iterable(heap, container)),
    };
    match heap.get(r) {
        Object::Dict(d) | Object::Set(d) => Ok(find_key(heap, d, item)?.1.is_some()),
        _ => contains_object(heap, r, container, item),
    }
}

/// `contains` for a container object other than a dict or set.
#[inline(never)]
fn contains_object(heap: &Heap, r: ObjRef, container: Value, item: Value) -> R<bool> {
    match heap.get(r) {
        Object::Str(s) => str_contains(heap, &s.s, item),
        Object::List(v) => seq_contains(heap, v.iter(), item),
        Object::Tuple(v) => seq_contains(heap, v.iter().copied(), item),
        Object::Range(rg) => Ok(match to_int(heap, item) {
            Some(crate::num::Int::I(i)) if !matches!(item, Value::Float(_)) => {
                let (start, stop, step) = (rg.start as i128, rg.stop as i128, rg.step as i128);
                let i = i as i128;
                let inside = if step > 0 {
                    start <= i && i < stop
                } else {
                    stop < i && i <= start
                };
                inside && (i - start) % step == 0
            }
            _ => {
                let mut found = false;
                let mut i = rg.start;
                for _ in 0..rg.len() {
                    if eq(heap, Value::Int(i), item)? {
                        found = true;
                        break;
                    }
                    i += rg.step;
                }
                found
            }
        }),
        Object::View(d, kind) => {
            let Object::Dict(d) = heap.get(*d) else {
                return Ok(false);
            };
            match kind {
                DictView::Keys => {
                    let h = hash(heap, item)?;
                    Ok(lookup(heap, d, h, item).is_some())
                }
                DictView::Values => {
                    for e in d.iter() {
                        if e.value.is(item) || eq(heap, e.value, item)? {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                }
                DictView::Items => {
                    let Some(pair) = heap.as_tuple(item).filter(|p| p.len() == 2) else {
                        return Ok(false);
                    };
                    let (k, v) = (pair[0], pair[1]);
                    let h = hash(heap, k)?;
                    match lookup(heap, d, h, k) {
                        Some(p) => {
                            let found = d.entry(p).value;
                            Ok(found.is(v) || eq(heap, found, v)?)
                        }
                        None => Ok(false),
                    }
                }
            }
        }
        _ => Err(not_iterable(heap, container)),
    }
}

fn not_iterable(heap: &Heap, v: Value) -> Raise {
    Raise::type_error(format!(
        "argument of type '{}' is not iterable",
        heap.type_name(v)
    ))
}

/// `item in s` for a string `s`.
fn str_contains(heap: &Heap, s: &str, item: Value) -> R<bool> {
    match heap.as_str(&item) {
        Some(needle) => Ok(s.contains(needle)),
        None => Err(Raise::type_error(format!(
            "'in <string>' requires string as left operand, not {}",
            heap.type_name(item)
        ))),
    }
}

fn seq_contains(heap: &Heap, items: impl Iterator<Item = Value>, item: Value) -> R<bool> {
    for x in items {
        if x.is(item) || eq(heap, x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The hash of a string's text.
#[inline]
pub fn str_hash(s: &str) -> i64 {
    if let Some(short) = ShortStr::new(s) {
        return short.hash() as i64;
    }
    let mut h = rustc_hash::FxHasher::default();
    h.write(s.as_bytes());
    h.finish() as i64
}

/// Python's `hash()`; TypeError for unhashable values.
#[inline]
pub fn hash(heap: &Heap, v: Value) -> R<u64> {
    match v {
        Value::Int(i) => Ok(num::hash_i64(i) as u64),
        Value::Short(s) => Ok(s.hash()),
        Value::Obj(r) => match heap.get(r) {
            Object::Str(s) => Ok(str_hash(&s.s) as u64),
            _ => hash_depth(heap, v, 0).map(|h| h as u64),
        },
        _ => hash_depth(heap, v, 0).map(|h| h as u64),
    }
}

fn hash_depth(heap: &Heap, v: Value, depth: usize) -> R<i64> {
    if depth > MAX_DEPTH {
        return Err(depth_error("while hashing"));
    }
    Ok(match v {
        Value::Undef => 0,
        Value::None => 0x5f3759df,
        Value::Bool(b) => b as i64,
        Value::Int(i) => num::hash_i64(i),
        Value::Float(f) => num::hash_f64(f),
        Value::Native(n) => 0x1000_0000 + n as i64,
        Value::Class(c) => 0x2000_0000 + c.0 as i64,
        Value::Module(m) => match m {
            ModuleId::Loaded(i) => 0x3100_0000 + i as i64,
            other => 0x3000_0000 + other.name().len() as i64,
        },
        Value::Pid(p) => num::hash_i64(p as i64) ^ 0x5000_0000,
        Value::Ref(r) => num::hash_i64(r as i64) ^ 0x6000_0000,
        Value::Short(s) => s.hash() as i64,

        Value::Obj(r) => match heap.get(r) {
            Object::Str(s) => str_hash(&s.s),
            Object::BigInt(b) => num::hash_big(b),
            Object::Tuple(items) => {
                // CPython's xxHash-based tuple hash.
                const P1: u64 = 11400714785074694791;
                const P2: u64 = 14029467366897019727;
                const P5: u64 = 2870177450012600261;
                let mut acc = P5;
                for item in items.iter() {
                    let lane = hash_depth(heap, *item, depth + 1)? as u64;
                    acc = acc.wrapping_add(lane.wrapping_mul(P2));
                    acc = acc.rotate_left(31);
                    acc = acc.wrapping_mul(P1);
                }
                acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
                if acc == u64::MAX {
                    1546275796
                } else {
                    acc as i64
                }
            }
            Object::List(_)
            | Object::Dict(_)
            | Object::Set(_)
            | Object::Memory(_)
            | Object::View(..) => {
                return Err(Raise::type_error(format!(
                    "unhashable type: '{}'",
                    heap.type_name(v)
                )))
            }
            _ => 0x4000_0000 + r.index() as i64,
        },
    })
}
