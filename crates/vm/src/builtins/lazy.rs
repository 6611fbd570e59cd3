//! Built-ins that call back into bytecode or consume lazy iterators: `map`,
//! `filter`, key functions of `sorted`/`min`/`max`/`list.sort`, `any`/`all`,
//! `next`, and collecting a generator argument before a native runs.

use super::functions::{sort_by_lt, sort_values, take_kwargs};
use super::NativeId;
use crate::class::ClassId;
use crate::error::{Raise, R};
use crate::heap::{IterObj, Object};
use crate::ops::{self, CmpOp};
use crate::resume;
use crate::value::Value;
use crate::vm::Vm;

/// Natives that iterate over their arguments completely (so a lazy argument
/// can be collected into a list first without changing what they do).
pub(crate) fn consumes_iterables(id: NativeId) -> bool {
    matches!(
        id,
        NativeId::Sum
            | NativeId::Min
            | NativeId::Max
            | NativeId::Sorted
            | NativeId::ListExtend
            | NativeId::ListExtendStar
            | NativeId::SetUpdate
            | NativeId::SetUnion
            | NativeId::SetIntersection
            | NativeId::SetDifference
            | NativeId::SetIssubset
            | NativeId::SetIssuperset
            | NativeId::DictUpdate
            | NativeId::StrJoin
    )
}

/// Classes whose constructors consume an iterable argument.
pub(crate) fn class_consumes_iterables(c: ClassId) -> bool {
    matches!(
        c,
        ClassId::LIST | ClassId::TUPLE | ClassId::SET | ClassId::DICT
    )
}

/// If one of `args` is lazy, collects it and calls `callee` again with a list
/// in its place; `None` when no argument is lazy.
pub(crate) fn collect_lazy_arg(
    vm: &mut Vm,
    callee: Value,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> Option<R<Value>> {
    let i = args.iter().position(|a| resume::is_lazy(vm, *a))?;
    let mut extra = vec![callee, Value::Int(i as i64), Value::Int(args.len() as i64)];
    extra.extend_from_slice(args);
    for (k, v) in kwargs {
        extra.push(*k);
        extra.push(*v);
    }
    Some(resume::collect(vm, args[i], recall, extra))
}

/// Calls the collected callee again: extra = [callee, index, nargs, args..., kw pairs...].
fn recall(vm: &mut Vm, items: Vec<Value>, extra: &[Value]) -> R<Value> {
    let (Some(callee), Some(Value::Int(i)), Some(Value::Int(n))) =
        (extra.first(), extra.get(1), extra.get(2))
    else {
        return Err(Raise::runtime_error("internal error: bad recall"));
    };
    let (i, n) = (*i as usize, *n as usize);
    let mut args = extra[3..3 + n].to_vec();
    args[i] = vm.heap.list(items);
    let kwargs: Vec<(Value, Value)> = extra[3 + n..].chunks(2).map(|c| (c[0], c[1])).collect();
    match *callee {
        Value::Native(id) => super::call_native(vm, id, &args, &kwargs),
        Value::Class(c) => super::call_class(vm, c, &args, &kwargs),
        _ => Err(Raise::runtime_error("internal error: bad recall")),
    }
}

pub(crate) fn map(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    super::no_kwargs(vm, "map", kwargs)?;
    if args.len() < 2 {
        return Err(Raise::type_error("map() must have at least two arguments."));
    }
    let mut inners = Vec::with_capacity(args.len() - 1);
    for a in &args[1..] {
        let it = ops::make_iter(&mut vm.heap, *a)?;
        inners.push(
            it.as_obj()
                .ok_or_else(|| Raise::type_error("not an iterator"))?,
        );
    }
    let state = IterObj::Map {
        func: args[0],
        inners: inners.into_boxed_slice(),
    };
    Ok(Value::Obj(vm.heap.alloc(Object::Iter(Box::new(state)))))
}

pub(crate) fn filter(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    super::no_kwargs(vm, "filter", kwargs)?;
    if args.len() != 2 {
        return Err(Raise::type_error(format!(
            "filter expected 2 arguments, got {}",
            args.len()
        )));
    }
    let it = ops::make_iter(&mut vm.heap, args[1])?;
    let inner = it
        .as_obj()
        .ok_or_else(|| Raise::type_error("not an iterator"))?;
    let state = IterObj::Filter {
        func: args[0],
        inner,
    };
    Ok(Value::Obj(vm.heap.alloc(Object::Iter(Box::new(state)))))
}

pub(crate) fn any(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    super::no_kwargs(vm, "any", kwargs)?;
    super::functions::arity("any", args, 1, 1)?;
    resume::any_all(vm, args[0], true)
}

pub(crate) fn all(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    super::no_kwargs(vm, "all", kwargs)?;
    super::functions::arity("all", args, 1, 1)?;
    resume::any_all(vm, args[0], false)
}

pub(crate) fn next(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    super::no_kwargs(vm, "next", kwargs)?;
    super::functions::arity("next", args, 1, 2)?;
    let it = args[0];
    let is_iterator = matches!(
        it.as_obj().map(|r| vm.heap.get(r)),
        Some(Object::Iter(_) | Object::Generator(_))
    );
    if !is_iterator {
        return Err(Raise::type_error(format!(
            "'{}' object is not an iterator",
            vm.heap.type_name(it)
        )));
    }
    resume::next(vm, it, args.get(1).copied())
}

/// Sorts `items` by precomputed `keys` (stable; `reverse` as CPython does it).
fn sort_by_keys(vm: &Vm, items: Vec<Value>, keys: Vec<Value>, reverse: bool) -> R<Vec<Value>> {
    let mut pairs: Vec<(Value, Value)> = keys.into_iter().zip(items).collect();
    sort_by_lt(vm, &mut pairs, |(k, _)| *k, reverse)?;
    Ok(pairs.into_iter().map(|(_, v)| v).collect())
}

/// After the keys of `sorted(..., key=)`: extra = [reverse, items...].
fn finish_sorted(vm: &mut Vm, keys: Vec<Value>, extra: &[Value]) -> R<Value> {
    let reverse = matches!(extra.first(), Some(Value::Bool(true)));
    let items = extra[1..].to_vec();
    let sorted = sort_by_keys(vm, items, keys, reverse)?;
    Ok(vm.heap.list(sorted))
}

pub(crate) fn sorted(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    // sorted() hands its keywords to list.sort, whose name CPython's error carries.
    let kw = take_kwargs(vm, "sort", kwargs, &["key", "reverse"])?;
    if args.len() != 1 {
        return Err(Raise::type_error(format!(
            "sorted expected 1 argument, got {}",
            args.len()
        )));
    }
    let reverse = kw[1].is_some_and(|r| ops::truthy(&vm.heap, r));
    let mut items = ops::to_vec(&mut vm.heap, args[0])?;
    match kw[0].filter(|k| !k.is_none()) {
        None => {
            sort_values(vm, &mut items, reverse)?;
            Ok(vm.heap.list(items))
        }
        Some(key) => {
            let mut extra = vec![Value::Bool(reverse)];
            extra.extend_from_slice(&items);
            resume::map_each(vm, key, items, finish_sorted, extra)
        }
    }
}

/// After the keys of `list.sort(key=)`: extra = [reverse, list].
fn finish_sort_in_place(vm: &mut Vm, keys: Vec<Value>, extra: &[Value]) -> R<Value> {
    let reverse = matches!(extra.first(), Some(Value::Bool(true)));
    let Some(Value::Obj(r)) = extra.get(1) else {
        return Ok(Value::None);
    };
    let items = match vm.heap.get(*r) {
        Object::List(l) => l.to_vec(),
        _ => return Ok(Value::None),
    };
    if items.len() != keys.len() {
        return Err(Raise::value_error("list modified during sort"));
    }
    let sorted = sort_by_keys(vm, items, keys, reverse)?;
    vm.heap.replace_list(*r, sorted);
    Ok(Value::None)
}

pub(crate) fn list_sort(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    let Some((Value::Obj(r), rest)) = args.split_first().map(|(a, b)| (*a, b)) else {
        return Err(Raise::type_error("descriptor 'sort' needs a list"));
    };
    if !rest.is_empty() {
        return Err(Raise::type_error("sort() takes no positional arguments"));
    }
    let kw = take_kwargs(vm, "sort", kwargs, &["key", "reverse"])?;
    let reverse = kw[1].is_some_and(|v| ops::truthy(&vm.heap, v));
    let items = match vm.heap.get(r) {
        Object::List(l) => l.to_vec(),
        _ => return Err(Raise::type_error("descriptor 'sort' needs a list")),
    };
    match kw[0].filter(|k| !k.is_none()) {
        None => {
            let mut items = items;
            sort_values(vm, &mut items, reverse)?;
            vm.heap.replace_list(r, items);
            Ok(Value::None)
        }
        Some(key) => resume::map_each(
            vm,
            key,
            items,
            finish_sort_in_place,
            vec![Value::Bool(reverse), Value::Obj(r)],
        ),
    }
}

/// After the keys of `min`/`max(key=)`: extra = [is_max, items...].
fn finish_min_max(vm: &mut Vm, keys: Vec<Value>, extra: &[Value]) -> R<Value> {
    let is_max = matches!(extra.first(), Some(Value::Bool(true)));
    let items = &extra[1..];
    let op = if is_max { CmpOp::Gt } else { CmpOp::Lt };
    let mut best = 0;
    for i in 1..keys.len() {
        if ops::compare(&vm.heap, op, keys[i], keys[best])? {
            best = i;
        }
    }
    Ok(items.get(best).copied().unwrap_or(Value::None))
}

fn min_max(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
    name: &str,
    is_max: bool,
) -> R<Value> {
    let kw = take_kwargs(vm, name, kwargs, &["key", "default"])?;
    let items = match args.len() {
        0 => {
            return Err(Raise::type_error(format!(
                "{name} expected at least 1 argument, got 0"
            )))
        }
        1 => ops::to_vec(&mut vm.heap, args[0])?,
        _ => {
            if kw[1].is_some() {
                return Err(Raise::type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            args.to_vec()
        }
    };
    if items.is_empty() {
        return match kw[1] {
            Some(d) => Ok(d),
            None => Err(Raise::value_error(format!(
                "{name}() arg is an empty sequence"
            ))),
        };
    }
    match kw[0].filter(|k| !k.is_none()) {
        None => {
            let op = if is_max { CmpOp::Gt } else { CmpOp::Lt };
            let mut best = items[0];
            for v in &items[1..] {
                if ops::compare(&vm.heap, op, *v, best)? {
                    best = *v;
                }
            }
            Ok(best)
        }
        Some(key) => {
            let mut extra = vec![Value::Bool(is_max)];
            extra.extend_from_slice(&items);
            resume::map_each(vm, key, items, finish_min_max, extra)
        }
    }
}

pub(crate) fn min(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    min_max(vm, args, kwargs, "min", false)
}

pub(crate) fn max(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    min_max(vm, args, kwargs, "max", true)
}
