//! Methods of list, tuple, dict and set. The receiver is `args[0]`.

use super::functions::arity;
use super::no_kwargs;
use crate::class::ClassId;
use crate::dict::Dict;
use crate::error::{ExcArg, Raise, R};
use crate::heap::{DictView, Heap, Object};
use crate::list::ListObj;
use crate::ops;
use crate::value::{ObjRef, Value};
use crate::vm::Vm;
use std::borrow::Cow;

/// The receiver's object reference and the method's own arguments.
fn recv<'a>(args: &'a [Value], method: &str) -> R<(ObjRef, &'a [Value])> {
    match args.split_first() {
        Some((Value::Obj(r), rest)) => Ok((*r, rest)),
        _ => Err(Raise::type_error(format!(
            "descriptor '{method}' needs an argument"
        ))),
    }
}

/// Rejects arguments to a method that takes none, naming the receiver's type.
fn no_args(vm: &Vm, r: ObjRef, method: &str, rest: &[Value]) -> R<()> {
    if rest.is_empty() {
        return Ok(());
    }
    Err(Raise::type_error(format!(
        "{}.{method}() takes no arguments ({} given)",
        vm.heap.type_name(Value::Obj(r)),
        rest.len()
    )))
}

fn list_mut(vm: &mut Vm, r: ObjRef) -> R<&mut ListObj> {
    match vm.heap.get_mut(r) {
        Object::List(l) => Ok(l),
        _ => Err(Raise::type_error("expected a list")),
    }
}

fn exactly_one(name: &str, rest: &[Value]) -> R<Value> {
    match rest {
        [v] => Ok(*v),
        _ => Err(Raise::type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            rest.len()
        ))),
    }
}

pub(crate) fn list_append(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "list.append", kwargs)?;
    let (r, rest) = recv(args, "append")?;
    let v = exactly_one("list.append", rest)?;
    let grown = list_mut(vm, r)?.push(v);
    vm.heap.note_growth(grown);
    Ok(Value::None)
}

pub(crate) fn list_pop(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "pop", kwargs)?;
    let (r, rest) = recv(args, "pop")?;
    arity("pop", rest, 0, 1)?;
    let idx = match rest.first() {
        Some(v) => Some(ops::to_index(&vm.heap, *v)?),
        None => None,
    };
    let l = list_mut(vm, r)?;
    if l.is_empty() {
        return Err(Raise::index_error("pop from empty list"));
    }
    let len = l.len() as i64;
    let i = idx.map_or(len - 1, |i| if i < 0 { i + len } else { i });
    if i < 0 || i >= len {
        return Err(Raise::index_error("pop index out of range"));
    }
    Ok(l.remove(i as usize))
}

pub(crate) fn list_insert(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "insert", kwargs)?;
    let (r, rest) = recv(args, "insert")?;
    arity("insert", rest, 2, 2)?;
    let i = ops::to_index(&vm.heap, rest[0])?;
    let l = list_mut(vm, r)?;
    let len = l.len() as i64;
    let at = if i < 0 { (i + len).max(0) } else { i.min(len) };
    let grown = l.insert(at as usize, rest[1]);
    vm.heap.note_growth(grown);
    Ok(Value::None)
}

pub(crate) fn list_extend(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "list.extend", kwargs)?;
    let (r, rest) = recv(args, "extend")?;
    let src = exactly_one("list.extend", rest)?;
    let items = ops::to_vec(&mut vm.heap, src)?;
    extend_list(vm, r, items)
}

/// Appends `items` to the list `r`, counting the growth.
fn extend_list(vm: &mut Vm, r: ObjRef, items: Vec<Value>) -> R<Value> {
    let grown = list_mut(vm, r)?.extend(items);
    vm.heap.note_growth(grown);
    Ok(Value::None)
}

/// Appends a call's `*iterable` argument to the list of positional arguments;
/// given the callee too (for a lone `*`), a non-iterable is reported against it.
pub(crate) fn list_extend_star(
    vm: &mut Vm,
    args: &[Value],
    _kwargs: &[(Value, Value)],
) -> R<Value> {
    let (r, rest) = recv(args, "extend")?;
    let (src, callee) = match rest {
        [src] => (*src, None),
        [src, callee] => (*src, Some(*callee)),
        _ => return Err(Raise::type_error("expected an iterable")),
    };
    let items = ops::to_vec(&mut vm.heap, src).map_err(|e| match e {
        Raise::New(c, _) if c == ClassId::TYPE_ERROR => Raise::type_error(match callee {
            Some(f) => format!(
                "{} argument after * must be an iterable, not {}",
                super::callable_name(vm, f),
                vm.heap.type_name(src)
            ),
            None => format!(
                "Value after * must be an iterable, not {}",
                vm.heap.type_name(src)
            ),
        }),
        e => e,
    })?;
    extend_list(vm, r, items)
}

/// Adds a call's `**mapping` argument (receiver: the keyword dict so far;
/// arguments: the callee, for messages, and the mapping), refusing repeats.
pub(crate) fn dict_merge_kwargs(
    vm: &mut Vm,
    args: &[Value],
    _kwargs: &[(Value, Value)],
) -> R<Value> {
    let (r, rest) = recv(args, "merge")?;
    let [callee, src] = rest else {
        return Err(Raise::type_error("expected the callee and a mapping"));
    };
    let entries: Vec<(Value, Value)> = match src.as_obj().map(|o| vm.heap.get(o)) {
        Some(Object::Dict(d)) => d.iter().map(|e| (e.key, e.value)).collect(),
        _ => {
            return Err(Raise::type_error(format!(
                "{} argument after ** must be a mapping, not {}",
                super::callable_name(vm, *callee),
                vm.heap.type_name(*src)
            )))
        }
    };
    for (k, v) in entries {
        let Some(name) = vm.heap.as_str(&k) else {
            return Err(Raise::type_error("keywords must be strings"));
        };
        let (h, pos) = find(vm, r, k)?;
        if pos.is_some() {
            return Err(Raise::type_error(format!(
                "{} got multiple values for keyword argument '{name}'",
                super::callable_name(vm, *callee)
            )));
        }
        dict_mut(vm, r)?.insert_new(h, k, v);
        vm.heap.note_growth(40);
    }
    Ok(Value::None)
}

pub(crate) fn list_index(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "index", kwargs)?;
    let (r, rest) = recv(args, "index")?;
    arity("index", rest, 1, 3)?;
    let items = vm
        .heap
        .as_seq(Value::Obj(r))
        .map(Cow::into_owned)
        .unwrap_or_default();
    let len = items.len() as i64;
    let bound = |v: Option<&Value>, default: i64| -> R<i64> {
        match v {
            None => Ok(default),
            Some(v) => {
                let i = ops::to_index(&vm.heap, *v)?;
                Ok(if i < 0 { (i + len).max(0) } else { i.min(len) })
            }
        }
    };
    let start = bound(rest.get(1), 0)?;
    let stop = bound(rest.get(2), len)?;
    for i in start..stop {
        let x = items[i as usize];
        if x.is(rest[0]) || ops::eq(&vm.heap, x, rest[0])? {
            return Ok(Value::Int(i));
        }
    }
    if vm.heap.class_of(Value::Obj(r)) == ClassId::TUPLE {
        return Err(Raise::value_error("tuple.index(x): x not in tuple"));
    }
    let shown = ops::repr(&vm.heap, rest[0])?;
    Err(Raise::value_error(format!("{shown} is not in list")))
}

pub(crate) fn list_count(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "count", kwargs)?;
    let (r, rest) = recv(args, "count")?;
    let x = exactly_one(&format!("{}.count", vm.heap.type_name(Value::Obj(r))), rest)?;
    let items = vm
        .heap
        .as_seq(Value::Obj(r))
        .map(Cow::into_owned)
        .unwrap_or_default();
    let mut n = 0;
    for v in items {
        if v.is(x) || ops::eq(&vm.heap, v, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

pub(crate) fn list_remove(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "list.remove", kwargs)?;
    let (r, rest) = recv(args, "remove")?;
    let x = exactly_one("list.remove", rest)?;
    let items = vm
        .heap
        .as_seq(Value::Obj(r))
        .map(Cow::into_owned)
        .unwrap_or_default();
    for (i, v) in items.iter().enumerate() {
        if v.is(x) || ops::eq(&vm.heap, *v, x)? {
            let l = list_mut(vm, r)?;
            if i < l.len() {
                l.remove(i);
            }
            return Ok(Value::None);
        }
    }
    Err(Raise::value_error("list.remove(x): x not in list"))
}

pub(crate) fn list_reverse(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "reverse", kwargs)?;
    let (r, rest) = recv(args, "reverse")?;
    no_args(vm, r, "reverse", rest)?;
    list_mut(vm, r)?.reverse();
    Ok(Value::None)
}

pub(crate) fn list_clear(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "clear", kwargs)?;
    let (r, rest) = recv(args, "clear")?;
    no_args(vm, r, "clear", rest)?;
    list_mut(vm, r)?.clear();
    Ok(Value::None)
}

pub(crate) fn list_copy(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "copy", kwargs)?;
    let (r, rest) = recv(args, "copy")?;
    no_args(vm, r, "copy", rest)?;
    let copy = match vm.heap.get(r) {
        Object::List(l) => l.clone(),
        _ => return Err(Raise::type_error("expected a list")),
    };
    Ok(vm.heap.list_obj(copy))
}

fn dict_ref(vm: &Vm, r: ObjRef) -> R<&Dict> {
    match vm.heap.get(r) {
        Object::Dict(d) | Object::Set(d) => Ok(d),
        _ => Err(Raise::type_error("expected a dict")),
    }
}

fn dict_mut(vm: &mut Vm, r: ObjRef) -> R<&mut Dict> {
    match vm.heap.get_mut(r) {
        Object::Dict(d) | Object::Set(d) => Ok(d),
        _ => Err(Raise::type_error("expected a dict")),
    }
}

/// The entry position of `key` in the dict or set `r`, with the key's hash.
fn find(vm: &Vm, r: ObjRef, key: Value) -> R<(u64, Option<usize>)> {
    ops::find_key(&vm.heap, dict_ref(vm, r)?, key)
}

pub(crate) fn dict_get(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "get", kwargs)?;
    let (r, rest) = recv(args, "get")?;
    arity("get", rest, 1, 2)?;
    let d = dict_ref(vm, r)?;
    get_or(
        &vm.heap,
        d,
        rest[0],
        rest.get(1).copied().unwrap_or(Value::None),
    )
}

/// `d.get(key, default)` on a dict in hand (also the interpreter's inline
/// path for `d.get`).
pub(crate) fn get_or(heap: &Heap, d: &Dict, key: Value, default: Value) -> R<Value> {
    Ok(match ops::find_key(heap, d, key)?.1 {
        Some(p) => d.entry(p).value,
        None => default,
    })
}

fn view(vm: &mut Vm, args: &[Value], kind: DictView, name: &str) -> R<Value> {
    let (r, rest) = recv(args, name)?;
    no_args(vm, r, name, rest)?;
    Ok(Value::Obj(vm.heap.alloc(Object::View(r, kind))))
}

pub(crate) fn dict_keys(vm: &mut Vm, args: &[Value], _kwargs: &[(Value, Value)]) -> R<Value> {
    view(vm, args, DictView::Keys, "keys")
}

pub(crate) fn dict_values(vm: &mut Vm, args: &[Value], _kwargs: &[(Value, Value)]) -> R<Value> {
    view(vm, args, DictView::Values, "values")
}

pub(crate) fn dict_items(vm: &mut Vm, args: &[Value], _kwargs: &[(Value, Value)]) -> R<Value> {
    view(vm, args, DictView::Items, "items")
}

pub(crate) fn dict_pop(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "pop", kwargs)?;
    let (r, rest) = recv(args, "pop")?;
    arity("pop", rest, 1, 2)?;
    let (_, pos) = find(vm, r, rest[0])?;
    match pos {
        Some(p) => Ok(dict_mut(vm, r)?.remove_at(p).value),
        None => rest
            .get(1)
            .copied()
            .ok_or_else(|| Raise::key_error(rest[0])),
    }
}

pub(crate) fn dict_setdefault(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "setdefault", kwargs)?;
    let (r, rest) = recv(args, "setdefault")?;
    arity("setdefault", rest, 1, 2)?;
    let (h, pos) = find(vm, r, rest[0])?;
    match pos {
        Some(p) => Ok(dict_ref(vm, r)?.entry(p).value),
        None => {
            let v = rest.get(1).copied().unwrap_or(Value::None);
            dict_mut(vm, r)?.insert_new(h, rest[0], v);
            vm.heap.note_growth(40);
            Ok(v)
        }
    }
}

/// Adds the entries of a dict, or of an iterable of pairs, to dict `d`.
pub(crate) fn dict_update_from(vm: &mut Vm, d: Value, src: Value) -> R<()> {
    let Some(target) = d.as_obj() else {
        return Ok(());
    };
    let pairs: Vec<(Value, Value)> = match src.as_obj().map(|r| vm.heap.get(r)) {
        Some(Object::Dict(s)) => s.iter().map(|e| (e.key, e.value)).collect(),
        _ => {
            let items = ops::to_vec(&mut vm.heap, src).map_err(|_| {
                Raise::type_error(format!(
                    "'{}' object is not iterable",
                    vm.heap.type_name(src)
                ))
            })?;
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                let pair = ops::to_vec(&mut vm.heap, item).map_err(|_| {
                    Raise::type_error(format!(
                        "cannot convert dictionary update sequence element #{i} to a sequence"
                    ))
                })?;
                if pair.len() != 2 {
                    return Err(Raise::value_error(format!(
                        "dictionary update sequence element #{i} has length {}; 2 is required",
                        pair.len()
                    )));
                }
                out.push((pair[0], pair[1]));
            }
            out
        }
    };
    for (k, v) in pairs {
        ops::dict_set(&mut vm.heap, target, k, v)?;
    }
    Ok(())
}

pub(crate) fn dict_update(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    let (r, rest) = recv(args, "update")?;
    arity("update", rest, 0, 1)?;
    if let Some(src) = rest.first() {
        dict_update_from(vm, Value::Obj(r), *src)?;
    }
    for (k, v) in kwargs {
        ops::dict_set(&mut vm.heap, r, *k, *v)?;
    }
    Ok(Value::None)
}

pub(crate) fn dict_copy(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "copy", kwargs)?;
    let (r, rest) = recv(args, "copy")?;
    no_args(vm, r, "copy", rest)?;
    let copy = dict_ref(vm, r)?.clone();
    let obj = match vm.heap.get(r) {
        Object::Set(_) => Object::Set(Box::new(copy)),
        _ => Object::Dict(Box::new(copy)),
    };
    Ok(Value::Obj(vm.heap.alloc(obj)))
}

pub(crate) fn dict_clear(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "clear", kwargs)?;
    let (r, rest) = recv(args, "clear")?;
    no_args(vm, r, "clear", rest)?;
    dict_mut(vm, r)?.clear();
    Ok(Value::None)
}

pub(crate) fn dict_popitem(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "popitem", kwargs)?;
    let (r, rest) = recv(args, "popitem")?;
    no_args(vm, r, "popitem", rest)?;
    match dict_mut(vm, r)?.pop_last() {
        Some(e) => Ok(vm.heap.tuple([e.key, e.value])),
        None => Err(Raise::New(
            ClassId::KEY_ERROR,
            ExcArg::Msg("popitem(): dictionary is empty".into()),
        )),
    }
}

pub(crate) fn set_add_method(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "set.add", kwargs)?;
    let (r, rest) = recv(args, "add")?;
    let v = exactly_one("set.add", rest)?;
    super::set_add(&mut vm.heap, Value::Obj(r), v)?;
    Ok(Value::None)
}

pub(crate) fn set_remove(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "set.remove", kwargs)?;
    let (r, rest) = recv(args, "remove")?;
    let v = exactly_one("set.remove", rest)?;
    match find(vm, r, v)?.1 {
        Some(p) => {
            dict_mut(vm, r)?.remove_at(p);
            Ok(Value::None)
        }
        None => Err(Raise::key_error(v)),
    }
}

pub(crate) fn set_discard(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "set.discard", kwargs)?;
    let (r, rest) = recv(args, "discard")?;
    let v = exactly_one("set.discard", rest)?;
    if let Some(p) = find(vm, r, v)?.1 {
        dict_mut(vm, r)?.remove_at(p);
    }
    Ok(Value::None)
}

pub(crate) fn set_pop(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "pop", kwargs)?;
    let (r, rest) = recv(args, "pop")?;
    no_args(vm, r, "pop", rest)?;
    let first = dict_ref(vm, r)?.next_from(0).map(|(p, _)| p);
    match first {
        Some(p) => Ok(dict_mut(vm, r)?.remove_at(p).key),
        None => Err(Raise::New(
            ClassId::KEY_ERROR,
            ExcArg::Msg("pop from an empty set".into()),
        )),
    }
}

pub(crate) fn set_clear(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    dict_clear(vm, args, kwargs)
}

pub(crate) fn set_copy(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    dict_copy(vm, args, kwargs)
}

fn set_combine(vm: &mut Vm, args: &[Value], op: crate::num::BinOp) -> R<Value> {
    let (r, rest) = recv(args, "set")?;
    let mut acc = Value::Obj(r);
    if rest.is_empty() {
        let items = ops::to_vec(&mut vm.heap, acc)?;
        return super::make_set(&mut vm.heap, &items);
    }
    for other in rest {
        let items = ops::to_vec(&mut vm.heap, *other)?;
        let s = super::make_set(&mut vm.heap, &items)?;
        acc = ops::binary(&mut vm.heap, op, acc, s)?;
    }
    Ok(acc)
}

pub(crate) fn set_union(vm: &mut Vm, args: &[Value], _kwargs: &[(Value, Value)]) -> R<Value> {
    set_combine(vm, args, crate::num::BinOp::Or)
}

pub(crate) fn set_intersection(
    vm: &mut Vm,
    args: &[Value],
    _kwargs: &[(Value, Value)],
) -> R<Value> {
    set_combine(vm, args, crate::num::BinOp::And)
}

pub(crate) fn set_difference(vm: &mut Vm, args: &[Value], _kwargs: &[(Value, Value)]) -> R<Value> {
    set_combine(vm, args, crate::num::BinOp::Sub)
}

pub(crate) fn set_update(vm: &mut Vm, args: &[Value], _kwargs: &[(Value, Value)]) -> R<Value> {
    let (r, rest) = recv(args, "update")?;
    for other in rest {
        for v in ops::to_vec(&mut vm.heap, *other)? {
            super::set_add(&mut vm.heap, Value::Obj(r), v)?;
        }
    }
    Ok(Value::None)
}

fn subset_check(vm: &mut Vm, args: &[Value], superset: bool) -> R<Value> {
    let (r, rest) = recv(args, "issubset")?;
    let other = exactly_one(
        if superset {
            "set.issuperset"
        } else {
            "set.issubset"
        },
        rest,
    )?;
    let items = ops::to_vec(&mut vm.heap, other)?;
    let o = super::make_set(&mut vm.heap, &items)?;
    let op = if superset {
        ops::CmpOp::Ge
    } else {
        ops::CmpOp::Le
    };
    Ok(Value::Bool(ops::compare(&vm.heap, op, Value::Obj(r), o)?))
}

pub(crate) fn set_issubset(vm: &mut Vm, args: &[Value], _kwargs: &[(Value, Value)]) -> R<Value> {
    subset_check(vm, args, false)
}

pub(crate) fn set_issuperset(vm: &mut Vm, args: &[Value], _kwargs: &[(Value, Value)]) -> R<Value> {
    subset_check(vm, args, true)
}
