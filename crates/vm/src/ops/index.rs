//! Subscription, slicing, `len()`, and iteration over the built-in containers.

use super::{find_key, hash, lookup, to_int};
use crate::class::ClassId;
use crate::error::{Raise, R};
use crate::heap::{DictView, Heap, IterObj, Object, RangeObj};
use crate::num::Int;
use crate::value::Value;
use compact_str::CompactString;
use std::borrow::Cow;

/// Converts an index value to i64; `None` for non-ints.
fn index_value(heap: &Heap, key: Value) -> Option<R<i64>> {
    Some(match to_int(heap, key)? {
        Int::I(i) => Ok(i),
        Int::B(_) => Err(Raise::index_error(
            "cannot fit 'int' into an index-sized integer",
        )),
    })
}

/// An int usable as an index or count (`'float' object cannot be interpreted as an integer`).
pub fn to_index(heap: &Heap, v: Value) -> R<i64> {
    match to_int(heap, v) {
        Some(Int::I(i)) => Ok(i),
        Some(Int::B(_)) => Err(Raise::overflow(
            "Python int too large to convert to C ssize_t",
        )),
        None => Err(Raise::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            heap.type_name(v)
        ))),
    }
}

fn normalize_index(i: i64, len: usize) -> Option<usize> {
    let len = len as i64;
    let j = if i < 0 { i + len } else { i };
    (0..len).contains(&j).then_some(j as usize)
}

fn indices_error(heap: &Heap, container: &str, key: Value) -> Raise {
    Raise::type_error(format!(
        "{container} indices must be integers or slices, not {}",
        heap.type_name(key)
    ))
}

/// The character at a code-point index of a string.
fn char_at(s: &str, ascii: bool, i: usize) -> Option<char> {
    if ascii {
        s.as_bytes().get(i).map(|b| *b as char)
    } else {
        s.chars().nth(i)
    }
}

/// `obj[key]`.
pub fn get_item(heap: &mut Heap, obj: Value, key: Value) -> R<Value> {
    if let Some(s) = heap.as_text(&obj) {
        return match index_value(heap, key) {
            Some(i) => normalize_index(i?, s.chars)
                .and_then(|j| char_at(s.s, s.is_ascii(), j))
                .map(Value::char)
                .ok_or_else(|| Raise::index_error("string index out of range")),
            None => Err(Raise::type_error(format!(
                "string indices must be integers, not '{}'",
                heap.type_name(key)
            ))),
        };
    }
    let Value::Obj(r) = obj else {
        return Err(not_subscriptable(heap, obj));
    };
    match heap.get(r) {
        Object::List(items) => match index_value(heap, key) {
            Some(i) => normalize_index(i?, items.len())
                .and_then(|j| items.get(j))
                .ok_or_else(|| Raise::index_error("list index out of range")),
            None => Err(indices_error(heap, "list", key)),
        },
        Object::Tuple(items) => match index_value(heap, key) {
            Some(i) => normalize_index(i?, items.len())
                .map(|j| items[j])
                .ok_or_else(|| Raise::index_error("tuple index out of range")),
            None => Err(indices_error(heap, "tuple", key)),
        },
        Object::Dict(d) => match find_key(heap, d, key)?.1 {
            Some(p) => Ok(d.entry(p).value),
            None => Err(Raise::key_error(key)),
        },
        Object::Range(rg) => match index_value(heap, key) {
            Some(i) => {
                let rg = *rg;
                let len = rg.len() as usize;
                normalize_index(i?, len)
                    .map(|j| Value::Int(rg.start + j as i64 * rg.step))
                    .ok_or_else(|| Raise::index_error("range object index out of range"))
            }
            None => Err(indices_error(heap, "range", key)),
        },
        _ => Err(not_subscriptable(heap, obj)),
    }
}

fn not_subscriptable(heap: &Heap, v: Value) -> Raise {
    Raise::type_error(format!(
        "'{}' object is not subscriptable",
        heap.type_name(v)
    ))
}

/// `obj[key] = value`.
pub fn set_item(heap: &mut Heap, obj: Value, key: Value, value: Value) -> R<()> {
    let Value::Obj(r) = obj else {
        return Err(no_item_assignment(heap, obj));
    };
    match heap.get(r) {
        Object::List(items) => {
            let len = items.len();
            let i = match index_value(heap, key) {
                Some(i) => i?,
                None => return Err(indices_error(heap, "list", key)),
            };
            let j = normalize_index(i, len)
                .ok_or_else(|| Raise::index_error("list assignment index out of range"))?;
            if let Object::List(items) = heap.get_mut(r) {
                let grown = items.set(j, value);
                heap.note_growth(grown);
            }
            Ok(())
        }
        Object::Dict(_) => dict_set(heap, r, key, value),
        _ => Err(no_item_assignment(heap, obj)),
    }
}

/// Inserts or replaces a dict entry.
pub fn dict_set(heap: &mut Heap, dict: crate::value::ObjRef, key: Value, value: Value) -> R<()> {
    let (h, pos) = match heap.get(dict) {
        Object::Dict(d) => find_key(heap, d, key)?,
        _ => return Ok(()),
    };
    let grew = if let Object::Dict(d) = heap.get_mut(dict) {
        match pos {
            Some(p) => {
                d.set_value(p, value);
                false
            }
            None => {
                d.insert_new(h, key, value);
                true
            }
        }
    } else {
        false
    };
    if grew {
        heap.note_growth(40);
    }
    Ok(())
}

fn no_item_assignment(heap: &Heap, v: Value) -> Raise {
    Raise::type_error(format!(
        "'{}' object does not support item assignment",
        heap.type_name(v)
    ))
}

/// `del obj[key]`.
pub fn del_item(heap: &mut Heap, obj: Value, key: Value) -> R<()> {
    // Read-only sequences given an index fail in PySequence_DelItem ("doesn't").
    if heap.is_str(obj) && index_value(heap, key).is_some() {
        return Err(no_item_deletion(heap, obj));
    }
    let Value::Obj(r) = obj else {
        return Err(no_deletion(heap, obj));
    };
    match heap.get(r) {
        Object::List(items) => {
            let len = items.len();
            let i = match index_value(heap, key) {
                Some(i) => i?,
                None => return Err(indices_error(heap, "list", key)),
            };
            let j = normalize_index(i, len)
                .ok_or_else(|| Raise::index_error("list assignment index out of range"))?;
            if let Object::List(items) = heap.get_mut(r) {
                items.remove(j);
            }
            Ok(())
        }
        Object::Dict(d) => {
            let h = hash(heap, key)?;
            match lookup(heap, d, h, key) {
                Some(p) => {
                    if let Object::Dict(d) = heap.get_mut(r) {
                        d.remove_at(p);
                    }
                    Ok(())
                }
                None => Err(Raise::key_error(key)),
            }
        }
        Object::Tuple(_) | Object::Range(_) if index_value(heap, key).is_some() => {
            Err(no_item_deletion(heap, obj))
        }
        _ => Err(no_deletion(heap, obj)),
    }
}

/// CPython's PyObject_DelItem wording, for objects with no deletion at all.
fn no_deletion(heap: &Heap, v: Value) -> Raise {
    Raise::type_error(format!(
        "'{}' object does not support item deletion",
        heap.type_name(v)
    ))
}

fn no_item_deletion(heap: &Heap, v: Value) -> Raise {
    Raise::type_error(format!(
        "'{}' object doesn't support item deletion",
        heap.type_name(v)
    ))
}

/// Resolves slice bounds against a length as `PySlice_AdjustIndices` does:
/// returns start, stop, step and the number of selected items.
pub fn slice_indices(
    heap: &Heap,
    start: Value,
    stop: Value,
    step: Value,
    len: usize,
) -> R<(i64, i64, i64, usize)> {
    let bound = |v: Value| -> R<Option<i64>> {
        if v.is_none() {
            return Ok(None);
        }
        match to_int(heap, v) {
            Some(Int::I(i)) => Ok(Some(i)),
            Some(Int::B(b)) => Ok(Some(if b.sign() == num_bigint::Sign::Minus {
                i64::MIN / 2
            } else {
                i64::MAX / 2
            })),
            None => Err(Raise::type_error(
                "slice indices must be integers or None or have an __index__ method",
            )),
        }
    };
    let step = bound(step)?.unwrap_or(1);
    if step == 0 {
        return Err(Raise::value_error("slice step cannot be zero"));
    }
    let len = len as i64;
    let adjust = |v: Option<i64>, default: i64, lo: i64, hi: i64| -> i64 {
        match v {
            None => default,
            Some(i) if i < 0 => (i + len).max(lo),
            Some(i) => i.min(hi),
        }
    };
    let (start, stop) = if step > 0 {
        (
            adjust(bound(start)?, 0, 0, len),
            adjust(bound(stop)?, len, 0, len),
        )
    } else {
        (
            adjust(bound(start)?, len - 1, -1, len - 1),
            adjust(bound(stop)?, -1, -1, len - 1),
        )
    };
    let count = if step > 0 {
        if stop > start {
            (stop - start - 1) / step + 1
        } else {
            0
        }
    } else if start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    Ok((start, stop, step, count as usize))
}

fn pick<T: Copy>(items: &[T], start: i64, step: i64, count: usize) -> Vec<T> {
    (0..count)
        .map(|k| items[(start + k as i64 * step) as usize])
        .collect()
}

/// `obj[start:stop:step]`.
pub fn get_slice(heap: &mut Heap, obj: Value, start: Value, stop: Value, step: Value) -> R<Value> {
    if let Some(so) = heap.as_text(&obj) {
        let (s, _, st, n) = slice_indices(heap, start, stop, step, so.chars)?;
        let out: CompactString = if so.is_ascii() {
            let bytes = so.s.as_bytes();
            if st == 1 {
                CompactString::new(&so.s[s as usize..s as usize + n])
            } else {
                (0..n)
                    .map(|k| bytes[(s + k as i64 * st) as usize] as char)
                    .collect()
            }
        } else {
            let chars: Vec<char> = so.s.chars().collect();
            pick(&chars, s, st, n).into_iter().collect()
        };
        return Ok(heap.str_counted(out, n));
    }
    let Value::Obj(r) = obj else {
        return Err(not_subscriptable(heap, obj));
    };
    match heap.get(r) {
        Object::List(items) => {
            let (s, _, st, n) = slice_indices(heap, start, stop, step, items.len())?;
            let v = items.pick(s, st, n);
            Ok(heap.list_obj(v))
        }
        Object::Tuple(items) => {
            let (s, _, st, n) = slice_indices(heap, start, stop, step, items.len())?;
            let v = pick(items, s, st, n);
            Ok(heap.tuple(v))
        }
        Object::Range(rg) => {
            let rg = *rg;
            let (s, _, st, n) = slice_indices(heap, start, stop, step, rg.len() as usize)?;
            let new_start = rg.start + s * rg.step;
            let new_step = rg.step * st;
            let new_stop = new_start + n as i64 * new_step;
            Ok(Value::Obj(heap.alloc(Object::Range(RangeObj {
                start: new_start,
                stop: new_stop,
                step: new_step,
            }))))
        }
        _ => Err(not_subscriptable(heap, obj)),
    }
}

/// `obj[start:stop:step] = value` (lists only).
pub fn set_slice(
    heap: &mut Heap,
    obj: Value,
    start: Value,
    stop: Value,
    step: Value,
    value: Value,
) -> R<()> {
    let len = match obj.as_obj().map(|r| heap.get(r)) {
        Some(Object::List(items)) => items.len(),
        _ => return Err(no_item_assignment(heap, obj)),
    };
    let Some(r) = obj.as_obj() else { return Ok(()) };
    let (s, stop_i, st, n) = slice_indices(heap, start, stop, step, len)?;
    let new_items = if value.is(obj) {
        heap.as_seq(obj).map(Cow::into_owned).unwrap_or_default()
    } else {
        to_vec(heap, value).map_err(|e| match e {
            Raise::New(c, _) if c == ClassId::TYPE_ERROR => Raise::type_error(if st == 1 {
                "can only assign an iterable"
            } else {
                "must assign iterable to extended slice"
            }),
            e => e,
        })?
    };
    if st == 1 {
        let stop_i = stop_i.max(s);
        heap.note_growth(new_items.len() * std::mem::size_of::<Value>());
        if let Some(items) = heap.list_values_mut(r) {
            items.splice(s as usize..stop_i as usize, new_items);
        }
        return Ok(());
    }
    if new_items.len() != n {
        return Err(Raise::value_error(format!(
            "attempt to assign sequence of size {} to extended slice of size {n}",
            new_items.len()
        )));
    }
    if let Object::List(items) = heap.get_mut(r) {
        let mut grown = 0;
        for (k, v) in new_items.into_iter().enumerate() {
            grown += items.set((s + k as i64 * st) as usize, v);
        }
        heap.note_growth(grown);
    }
    Ok(())
}

/// `del obj[start:stop:step]` (lists only).
pub fn del_slice(heap: &mut Heap, obj: Value, start: Value, stop: Value, step: Value) -> R<()> {
    let len = match obj.as_obj().map(|r| heap.get(r)) {
        Some(Object::List(items)) => items.len(),
        _ => return Err(no_deletion(heap, obj)),
    };
    let Some(r) = obj.as_obj() else { return Ok(()) };
    let (s, _, st, n) = slice_indices(heap, start, stop, step, len)?;
    if let Some(items) = heap.list_values_mut(r) {
        let mut doomed: Vec<usize> = (0..n).map(|k| (s + k as i64 * st) as usize).collect();
        doomed.sort_unstable();
        let mut k = 0;
        let mut idx = 0;
        items.retain(|_| {
            let keep = !(k < doomed.len() && doomed[k] == idx);
            if !keep {
                k += 1;
            }
            idx += 1;
            keep
        });
    }
    Ok(())
}

/// `len(v)`.
pub fn len(heap: &Heap, v: Value) -> R<usize> {
    if let Value::Short(s) = v {
        return Ok(s.char_count());
    }
    if let Value::Obj(r) = v {
        match heap.get(r) {
            Object::Str(s) => return Ok(s.chars),
            Object::List(l) => return Ok(l.len()),
            Object::Tuple(t) => return Ok(t.len()),
            Object::Dict(d) | Object::Set(d) => return Ok(d.len()),
            Object::Range(rg) => return Ok(rg.len() as usize),
            Object::Memory(m) => return Ok(m.len()),
            Object::View(d, _) => {
                if let Object::Dict(d) = heap.get(*d) {
                    return Ok(d.len());
                }
            }
            _ => {}
        }
    }
    Err(Raise::type_error(format!(
        "object of type '{}' has no len()",
        heap.type_name(v)
    )))
}

/// `iter(v)`.
pub fn make_iter(heap: &mut Heap, v: Value) -> R<Value> {
    let state = match v.as_obj().map(|r| (r, heap.get(r))) {
        _ if heap.is_str(v) => IterObj::Str { s: v, pos: 0 },
        Some((r, Object::List(_) | Object::Tuple(_))) => IterObj::Seq { seq: r, pos: 0 },
        Some((_, Object::Range(rg))) => IterObj::Range {
            next: rg.start,
            stop: rg.stop,
            step: rg.step,
        },
        Some((r, Object::Dict(d) | Object::Set(d))) => IterObj::Dict {
            dict: r,
            pos: 0,
            len: d.len(),
            kind: DictView::Keys,
        },
        Some((_, Object::Iter(_) | Object::Generator(_))) => return Ok(v),
        Some((_, Object::View(d, kind))) => {
            let (d, kind) = (*d, *kind);
            let len = match heap.get(d) {
                Object::Dict(x) => x.len(),
                _ => 0,
            };
            IterObj::Dict {
                dict: d,
                pos: 0,
                len,
                kind,
            }
        }
        _ => {
            return Err(Raise::type_error(format!(
                "'{}' object is not iterable",
                heap.type_name(v)
            )))
        }
    };
    Ok(Value::Obj(heap.alloc(Object::Iter(Box::new(state)))))
}

/// The next item of an iterator, or `None` when it is exhausted.
pub fn iter_next(heap: &mut Heap, it: Value) -> R<Option<Value>> {
    let Some(r) = it.as_obj() else {
        return Err(not_an_iterator(heap, it));
    };
    let state = match heap.get(r) {
        Object::Iter(s) => (**s).clone(),
        Object::Generator(_) => {
            return Err(Raise::runtime_error(
                "internal error: a generator was advanced without the interpreter",
            ))
        }
        _ => return Err(not_an_iterator(heap, it)),
    };
    let (item, new_state) = match state {
        IterObj::Seq { seq, pos } => match heap.seq_get(Value::Obj(seq), pos) {
            Some(v) => (Some(v), IterObj::Seq { seq, pos: pos + 1 }),
            None => (None, IterObj::Done),
        },
        IterObj::Reversed { seq, pos } => {
            let len = heap.seq_len(Value::Obj(seq)).unwrap_or(0);
            if pos == 0 || pos > len {
                (None, IterObj::Done)
            } else {
                let v = heap.seq_get(Value::Obj(seq), pos - 1);
                (v, IterObj::Reversed { seq, pos: pos - 1 })
            }
        }
        IterObj::Str { s, pos } => {
            let c = heap
                .as_str(&s)
                .and_then(|t| t.get(pos..))
                .and_then(|t| t.chars().next());
            match c {
                Some(c) => (
                    Some(Value::char(c)),
                    IterObj::Str {
                        s,
                        pos: pos + c.len_utf8(),
                    },
                ),
                None => (None, IterObj::Done),
            }
        }
        IterObj::Range { next, stop, step } => {
            if (step > 0 && next < stop) || (step < 0 && next > stop) {
                (
                    Some(Value::Int(next)),
                    IterObj::Range {
                        next: next.saturating_add(step),
                        stop,
                        step,
                    },
                )
            } else {
                (None, IterObj::Done)
            }
        }
        IterObj::Dict {
            dict,
            pos,
            len,
            kind,
        } => {
            let (cur_len, found) = match heap.get(dict) {
                Object::Dict(d) | Object::Set(d) => {
                    (d.len(), d.next_from(pos).map(|(p, e)| (p, *e)))
                }
                _ => (0, None),
            };
            if cur_len != len {
                let what = if heap.class_of(Value::Obj(dict)) == ClassId::SET {
                    "set"
                } else {
                    "dictionary"
                };
                heap.get_mut(r).mark_iter_done();
                return Err(Raise::runtime_error(format!(
                    "{what} changed size during iteration"
                )));
            }
            match found {
                Some((p, e)) => {
                    let item = match kind {
                        DictView::Keys => e.key,
                        DictView::Values => e.value,
                        DictView::Items => heap.tuple([e.key, e.value]),
                    };
                    (
                        Some(item),
                        IterObj::Dict {
                            dict,
                            pos: p + 1,
                            len,
                            kind,
                        },
                    )
                }
                None => (None, IterObj::Done),
            }
        }
        IterObj::Enumerate { inner, count } => match iter_next(heap, Value::Obj(inner))? {
            Some(v) => {
                let next = super::binary(heap, crate::num::BinOp::Add, count, Value::Int(1))?;
                let pair = heap.tuple([count, v]);
                (Some(pair), IterObj::Enumerate { inner, count: next })
            }
            None => (None, IterObj::Done),
        },
        IterObj::Zip { inners } => {
            let mut items = Vec::with_capacity(inners.len());
            let mut done = inners.is_empty();
            for i in inners.iter() {
                match iter_next(heap, Value::Obj(*i))? {
                    Some(v) => items.push(v),
                    None => {
                        done = true;
                        break;
                    }
                }
            }
            if done {
                (None, IterObj::Done)
            } else {
                (Some(heap.tuple(items)), IterObj::Zip { inners })
            }
        }
        IterObj::Map { .. } | IterObj::Filter { .. } => {
            return Err(Raise::runtime_error(
                "internal error: a map or filter iterator was advanced without the interpreter",
            ))
        }
        IterObj::Done => (None, IterObj::Done),
    };
    if let Object::Iter(s) = heap.get_mut(r) {
        **s = new_state;
    }
    Ok(item)
}

impl Object {
    /// Marks an iterator exhausted (after it raised).
    fn mark_iter_done(&mut self) {
        if let Object::Iter(s) = self {
            **s = IterObj::Done;
        }
    }
}

fn not_an_iterator(heap: &Heap, v: Value) -> Raise {
    Raise::type_error(format!("'{}' object is not an iterator", heap.type_name(v)))
}

/// Collects any iterable into a vector.
pub fn to_vec(heap: &mut Heap, v: Value) -> R<Vec<Value>> {
    if let Some(items) = heap.as_seq(v) {
        return Ok(items.into_owned());
    }
    let it = make_iter(heap, v)?;
    let mut out = Vec::new();
    while let Some(x) = iter_next(heap, it)? {
        out.push(x);
    }
    Ok(out)
}

/// Unpacks an iterable into exactly `n` values (the `a, b = v` statement).
pub fn unpack(heap: &mut Heap, v: Value, n: usize) -> R<Vec<Value>> {
    if let Some(items) = heap.as_seq(v) {
        return match items.len().cmp(&n) {
            std::cmp::Ordering::Equal => Ok(items.into_owned()),
            std::cmp::Ordering::Greater => Err(Raise::value_error(format!(
                "too many values to unpack (expected {n})"
            ))),
            std::cmp::Ordering::Less => Err(Raise::value_error(format!(
                "not enough values to unpack (expected {n}, got {})",
                items.len()
            ))),
        };
    }
    let it = make_iter(heap, v).map_err(|_| {
        Raise::type_error(format!(
            "cannot unpack non-iterable {} object",
            heap.type_name(v)
        ))
    })?;
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        match iter_next(heap, it)? {
            Some(x) => out.push(x),
            None => {
                return Err(Raise::value_error(format!(
                    "not enough values to unpack (expected {n}, got {})",
                    out.len()
                )))
            }
        }
    }
    if iter_next(heap, it)?.is_some() {
        return Err(Raise::value_error(format!(
            "too many values to unpack (expected {n})"
        )));
    }
    Ok(out)
}
