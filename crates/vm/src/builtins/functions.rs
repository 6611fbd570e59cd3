//! Built-in functions (`print`, `len`, `min`, ...) and the constructors of the built-in types.

use super::no_kwargs;
use crate::class::ClassId;
use crate::error::{Raise, R};
use crate::heap::{IterObj, Object, RangeObj};
use crate::num::{self, BinOp, Int, Num};
use crate::ops::{self, CmpOp};
use crate::value::Value;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_traits::{Num as _, ToPrimitive};

/// Checks a positional argument count, with CPython's wording for one-argument functions.
pub(crate) fn arity(name: &str, args: &[Value], min: usize, max: usize) -> R<()> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    Err(Raise::type_error(if min == max && min == 1 {
        format!("{name}() takes exactly one argument ({n} given)")
    } else if min == max {
        format!("{name} expected {min} arguments, got {n}")
    } else if n < min {
        format!(
            "{name} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{name} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        )
    }))
}

/// Looks up a keyword argument by name; errors on unknown names.
pub(crate) fn take_kwargs(
    vm: &Vm,
    fname: &str,
    kwargs: &[(Value, Value)],
    allowed: &[&str],
) -> R<Vec<Option<Value>>> {
    let mut out = vec![None; allowed.len()];
    for (k, v) in kwargs {
        let key = vm.heap.as_str(k).unwrap_or("");
        match allowed.iter().position(|a| *a == key) {
            Some(i) => out[i] = Some(*v),
            // Built-in functions word this differently from Python functions.
            None => {
                return Err(Raise::type_error(format!(
                    "'{key}' is an invalid keyword argument for {fname}()"
                )))
            }
        }
    }
    Ok(out)
}

fn optional_str(vm: &Vm, what: &str, v: Option<Value>, default: &str) -> R<String> {
    match v {
        None | Some(Value::None) => Ok(default.to_string()),
        Some(s) => match vm.heap.as_str(&s) {
            Some(t) => Ok(t.to_string()),
            None => Err(Raise::type_error(format!(
                "{what} must be None or a string, not {}",
                vm.heap.type_name(s)
            ))),
        },
    }
}

pub(crate) fn print(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    let kw = take_kwargs(vm, "print", kwargs, &["sep", "end", "file", "flush"])?;
    let sep = optional_str(vm, "sep", kw[0], " ")?;
    let end = optional_str(vm, "end", kw[1], "\n")?;
    let to_stderr = match kw[2] {
        None | Some(Value::None) => false,
        Some(f) => match super::modules::stream_of(vm, f) {
            Some(is_err) => is_err,
            None => {
                return Err(Raise::attribute_error(format!(
                    "'{}' object has no attribute 'write'",
                    vm.heap.type_name(f)
                )))
            }
        },
    };
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        match vm.heap.as_str(a) {
            Some(s) => out.push_str(s),
            None => out.push_str(&ops::str_of(&vm.heap, *a)?),
        }
    }
    out.push_str(&end);
    write_stream(vm, to_stderr, &out)?;
    Ok(Value::None)
}

/// Writes `text` to the program's standard output or standard error; a
/// failed write is Python's OSError.
pub(crate) fn write_stream(vm: &mut Vm, to_stderr: bool, text: &str) -> R<()> {
    let result = if to_stderr {
        vm.host.write_stderr(text)
    } else {
        vm.host.write_stdout(text)
    };
    result.map_err(|e| Raise::new(ClassId::OS_ERROR, e.to_string()))
}

pub(crate) fn len(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "len", kwargs)?;
    arity("len", args, 1, 1)?;
    Ok(Value::Int(ops::len(&vm.heap, args[0])? as i64))
}

pub(crate) fn abs(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "abs", kwargs)?;
    arity("abs", args, 1, 1)?;
    match ops::to_num(&vm.heap, args[0]) {
        Some(Num::I(i)) => Ok(match i.checked_abs() {
            Some(v) => Value::Int(v),
            None => vm.heap.int(BigInt::from(i).magnitude().clone().into()),
        }),
        Some(Num::B(b)) => Ok(vm.heap.int(b.magnitude().clone().into())),
        Some(Num::F(f)) => Ok(Value::Float(f.abs())),
        None => Err(Raise::type_error(format!(
            "bad operand type for abs(): '{}'",
            vm.heap.type_name(args[0])
        ))),
    }
}

/// The check `sum()` makes on its arguments before iterating.
pub(crate) fn sum_start_check(vm: &Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<()> {
    let kw = take_kwargs(vm, "sum", kwargs, &["start"])?;
    let start = args.get(1).copied().or(kw[0]);
    if start.is_some_and(|s| vm.heap.as_str(&s).is_some()) {
        return Err(Raise::type_error(
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    Ok(())
}

pub(crate) fn sum(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    let kw = take_kwargs(vm, "sum", kwargs, &["start"])?;
    if args.is_empty() {
        return Err(Raise::type_error(
            "sum() takes at least 1 positional argument (0 given)",
        ));
    }
    if args.len() > 2 {
        return Err(Raise::type_error(format!(
            "sum() takes at most 2 arguments ({} given)",
            args.len()
        )));
    }
    let mut acc = args.get(1).copied().or(kw[0]).unwrap_or(Value::Int(0));
    if vm.heap.as_str(&acc).is_some() {
        return Err(Raise::type_error(
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    let items = ops::to_vec(&mut vm.heap, args[0])?;
    for v in items {
        acc = match (acc, v) {
            (Value::Int(a), Value::Int(b)) if a.checked_add(b).is_some() => Value::Int(a + b),
            (Value::Float(a), Value::Float(b)) => Value::Float(a + b),
            _ => ops::binary(&mut vm.heap, BinOp::Add, acc, v)?,
        };
    }
    Ok(acc)
}

pub(crate) fn repr(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "repr", kwargs)?;
    arity("repr", args, 1, 1)?;
    let s = ops::repr(&vm.heap, args[0])?;
    Ok(vm.heap.str(s))
}

pub(crate) fn round(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    let kw = take_kwargs(vm, "round", kwargs, &["number", "ndigits"])?;
    let x =
        args.first().copied().or(kw[0]).ok_or_else(|| {
            Raise::type_error("round() missing required argument 'number' (pos 1)")
        })?;
    let nd = args.get(1).copied().or(kw[1]).filter(|v| !v.is_none());
    if args.len() > 2 {
        return Err(Raise::type_error(format!(
            "round() takes at most 2 arguments ({} given)",
            args.len()
        )));
    }
    match (ops::to_num(&vm.heap, x), nd) {
        (Some(Num::F(f)), None) => {
            let r = num::round_half_even(f);
            let n = num::float_to_int(r)?;
            Ok(ops::num_value(&mut vm.heap, n))
        }
        (Some(Num::F(f)), Some(d)) => {
            let d = ops::to_index(&vm.heap, d)?;
            let r = crate::format::round_float(f, d);
            if r.is_infinite() && f.is_finite() {
                return Err(Raise::overflow("rounded value too large to represent"));
            }
            Ok(Value::Float(r))
        }
        (Some(n @ (Num::I(_) | Num::B(_))), None) => Ok(ops::num_value(&mut vm.heap, n)),
        (Some(n @ (Num::I(_) | Num::B(_))), Some(d)) => {
            let d = ops::to_index(&vm.heap, d)?;
            if d >= 0 {
                return Ok(ops::num_value(&mut vm.heap, n));
            }
            // Round to a multiple of 10**-d, ties to even.
            let big = match n {
                Num::I(i) => BigInt::from(i),
                Num::B(b) => b,
                Num::F(_) => BigInt::from(0),
            };
            let m = BigInt::from(10).pow((-d).min(4000) as u32);
            let (q, r) = num_integer::Integer::div_mod_floor(&big, &m);
            let twice = &r * 2;
            let q = if twice > m || (twice == m && num_integer::Integer::is_odd(&q)) {
                q + 1
            } else {
                q
            };
            Ok(vm.heap.int(q * m))
        }
        _ => Err(Raise::type_error(format!(
            "type {} doesn't define __round__ method",
            vm.heap.type_name(x)
        ))),
    }
}

pub(crate) fn divmod(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "divmod", kwargs)?;
    arity("divmod", args, 2, 2)?;
    let (a, b) = (args[0], args[1]);
    if let (Some(Num::F(_)), _) | (_, Some(Num::F(_))) =
        (ops::to_num(&vm.heap, a), ops::to_num(&vm.heap, b))
    {
        let x = ops::num_to_f64(&ops::to_num(&vm.heap, a).unwrap_or(Num::I(0)))?;
        let y = ops::to_num(&vm.heap, b).ok_or_else(|| {
            Raise::type_error(format!(
                "unsupported operand type(s) for divmod(): '{}' and '{}'",
                vm.heap.type_name(a),
                vm.heap.type_name(b)
            ))
        })?;
        let y = ops::num_to_f64(&y)?;
        if y == 0.0 {
            return Err(Raise::zero_division("float divmod()"));
        }
        let (q, r) = num::float_divmod(x, y);
        return Ok(vm.heap.tuple([Value::Float(q), Value::Float(r)]));
    }
    if ops::to_int(&vm.heap, a).is_none() || ops::to_int(&vm.heap, b).is_none() {
        return Err(Raise::type_error(format!(
            "unsupported operand type(s) for divmod(): '{}' and '{}'",
            vm.heap.type_name(a),
            vm.heap.type_name(b)
        )));
    }
    let q = ops::binary(&mut vm.heap, BinOp::FloorDiv, a, b)?;
    let r = ops::binary(&mut vm.heap, BinOp::Mod, a, b)?;
    Ok(vm.heap.tuple([q, r]))
}

pub(crate) fn pow(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    let kw = take_kwargs(vm, "pow", kwargs, &["base", "exp", "mod"])?;
    if args.len() > 3 {
        return Err(Raise::type_error(format!(
            "pow() takes at most 3 arguments ({} given)",
            args.len()
        )));
    }
    let base = args
        .first()
        .copied()
        .or(kw[0])
        .ok_or_else(|| Raise::type_error("pow() missing required argument 'base' (pos 1)"))?;
    let exp = args
        .get(1)
        .copied()
        .or(kw[1])
        .ok_or_else(|| Raise::type_error("pow() missing required argument 'exp' (pos 2)"))?;
    let m = args.get(2).copied().or(kw[2]).filter(|v| !v.is_none());
    match m {
        None => ops::binary(&mut vm.heap, BinOp::Pow, base, exp),
        Some(m) => {
            let (Some(x), Some(y), Some(z)) = (
                ops::to_int(&vm.heap, base),
                ops::to_int(&vm.heap, exp),
                ops::to_int(&vm.heap, m),
            ) else {
                return Err(Raise::type_error(
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            let r = num::int_modpow(&x, &y, &z)?;
            Ok(ops::num_value(&mut vm.heap, r))
        }
    }
}

pub(crate) fn ord(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "ord", kwargs)?;
    arity("ord", args, 1, 1)?;
    match vm.heap.as_text(&args[0]) {
        Some(s) if s.chars == 1 => Ok(Value::Int(s.s.chars().next().map_or(0, |c| c as i64))),
        Some(s) => Err(Raise::type_error(format!(
            "ord() expected a character, but string of length {} found",
            s.chars
        ))),
        None => Err(Raise::type_error(format!(
            "ord() expected string of length 1, but {} found",
            vm.heap.type_name(args[0])
        ))),
    }
}

pub(crate) fn chr(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "chr", kwargs)?;
    arity("chr", args, 1, 1)?;
    let i = match ops::to_int(&vm.heap, args[0]) {
        Some(Int::I(i)) => i,
        Some(Int::B(_)) => return Err(Raise::overflow("Python int too large to convert to C int")),
        None => {
            return Err(Raise::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.heap.type_name(args[0])
            )))
        }
    };
    match u32::try_from(i).ok().filter(|u| *u < 0x110000) {
        Some(u) => match char::from_u32(u) {
            Some(c) => Ok(Value::char(c)),
            None => Err(Raise::unsupported(
                "lone surrogate characters are not supported",
            )),
        },
        None => Err(Raise::value_error("chr() arg not in range(0x110000)")),
    }
}

pub(crate) fn isinstance(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "isinstance", kwargs)?;
    arity("isinstance", args, 2, 2)?;
    let class = vm.heap.class_of(args[0]);
    Ok(Value::Bool(instance_of(vm, class, args[1], 0)?))
}

/// Whether `class` matches `spec`: a class or a tuple of specs, nested as deep as CPython allows.
fn instance_of(vm: &Vm, class: ClassId, spec: Value, depth: usize) -> R<bool> {
    if let Value::Class(k) = spec {
        return Ok(class.is_subclass(k));
    }
    if vm.heap.class_of(spec) == ClassId::TUPLE {
        if depth > 1000 {
            return Err(Raise::new(
                ClassId::RECURSION_ERROR,
                "maximum recursion depth exceeded in __instancecheck__",
            ));
        }
        for c in vm.heap.as_tuple(spec).unwrap_or(&[]) {
            if instance_of(vm, class, *c, depth + 1)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    Err(Raise::type_error(
        "isinstance() arg 2 must be a type, a tuple of types, or a union",
    ))
}

/// Sorts values in place with Python's ordering (stable; TypeError on incomparable items).
pub(crate) fn sort_values(vm: &Vm, items: &mut [Value], reverse: bool) -> R<()> {
    sort_by_lt(vm, items, |v| *v, reverse)
}

/// Sorts `items` by the value `key` gives for each: a stable merge sort on
/// `<` only, as CPython's list.sort uses; the first comparison error wins.
/// `reverse` works as in CPython: reverse, sort ascending, reverse again, so
/// equal items keep their order and `<` sees its operands as CPython's does
/// (the order an error message names them in).
pub(crate) fn sort_by_lt<T>(
    vm: &Vm,
    items: &mut [T],
    key: impl Fn(&T) -> Value,
    reverse: bool,
) -> R<()> {
    use std::cmp::Ordering;
    let mut err = None;
    let lt = |x: Value, y: Value| ops::compare(&vm.heap, CmpOp::Lt, x, y);
    if reverse {
        items.reverse();
    }
    items.sort_by(|a, b| {
        // After an error the order no longer matters: stop comparing.
        if err.is_some() {
            return Ordering::Equal;
        }
        let (x, y) = (key(a), key(b));
        let order = lt(x, y).and_then(|less| match less {
            true => Ok(Ordering::Less),
            false => lt(y, x).map(|greater| match greater {
                true => Ordering::Greater,
                false => Ordering::Equal,
            }),
        });
        order.unwrap_or_else(|e| {
            err = Some(e);
            Ordering::Equal
        })
    });
    if reverse {
        items.reverse();
    }
    match err {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

pub(crate) fn reversed(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "reversed", kwargs)?;
    if args.len() != 1 {
        return Err(Raise::type_error(format!(
            "reversed expected 1 argument, got {}",
            args.len()
        )));
    }
    let v = args[0];
    let state = match v.as_obj().map(|r| (r, vm.heap.get(r))) {
        _ if vm.heap.is_str(v) => {
            let text = vm.heap.as_str(&v).unwrap_or_default();
            let chars: Vec<Value> = text.chars().rev().map(Value::char).collect();
            let l = vm.heap.list(chars);
            IterObj::Seq {
                seq: l.as_obj().expect("a list is an object"),
                pos: 0,
            }
        }
        Some((r, Object::List(l))) => IterObj::Reversed {
            seq: r,
            pos: l.len(),
        },
        Some((r, Object::Tuple(t))) => IterObj::Reversed {
            seq: r,
            pos: t.len(),
        },
        Some((_, Object::Range(rg))) => {
            let n = rg.len();
            let last = rg.start + (n - 1) * rg.step;
            IterObj::Range {
                next: if n == 0 { rg.stop } else { last },
                stop: if n == 0 { rg.stop } else { rg.start - rg.step },
                step: -rg.step,
            }
        }
        Some((_, Object::Dict(_))) => {
            let keys = ops::to_vec(&mut vm.heap, v)?;
            let l = vm.heap.list(keys.into_iter().rev().collect());
            IterObj::Seq {
                seq: l.as_obj().expect("a list is an object"),
                pos: 0,
            }
        }
        _ => {
            return Err(Raise::type_error(format!(
                "'{}' object is not reversible",
                vm.heap.type_name(v)
            )))
        }
    };
    Ok(Value::Obj(vm.heap.alloc(Object::Iter(Box::new(state)))))
}

pub(crate) fn enumerate(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    let kw = take_kwargs(vm, "enumerate", kwargs, &["iterable", "start"])?;
    if args.len() > 2 {
        return Err(Raise::type_error(format!(
            "enumerate() takes at most 2 arguments ({} given)",
            args.len()
        )));
    }
    let it = args
        .first()
        .copied()
        .or(kw[0])
        .ok_or_else(|| Raise::type_error("enumerate() missing required argument 'iterable'"))?;
    let start = args.get(1).copied().or(kw[1]).unwrap_or(Value::Int(0));
    if ops::to_int(&vm.heap, start).is_none() {
        return Err(Raise::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.heap.type_name(start)
        )));
    }
    let inner = ops::make_iter(&mut vm.heap, it)?
        .as_obj()
        .expect("an iterator is an object");
    Ok(Value::Obj(vm.heap.alloc(Object::Iter(Box::new(
        IterObj::Enumerate {
            inner,
            count: start,
        },
    )))))
}

pub(crate) fn zip(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    let kw = take_kwargs(vm, "zip", kwargs, &["strict"])?;
    if kw[0].is_some_and(|s| ops::truthy(&vm.heap, s)) {
        return Err(Raise::unsupported("zip(strict=True) is not supported yet"));
    }
    let mut inners = Vec::with_capacity(args.len());
    for a in args {
        let it = ops::make_iter(&mut vm.heap, *a)?;
        inners.push(it.as_obj().expect("an iterator is an object"));
    }
    Ok(Value::Obj(vm.heap.alloc(Object::Iter(Box::new(
        IterObj::Zip {
            inners: inners.into_boxed_slice(),
        },
    )))))
}

pub(crate) fn iter(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "iter", kwargs)?;
    if args.len() == 2 {
        return Err(Raise::unsupported(
            "iter(callable, sentinel) is not supported",
        ));
    }
    arity("iter", args, 1, 2)?;
    ops::make_iter(&mut vm.heap, args[0])
}

pub(crate) fn hash(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "hash", kwargs)?;
    arity("hash", args, 1, 1)?;
    Ok(Value::Int(ops::hash(&vm.heap, args[0])? as i64))
}

pub(crate) fn id(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "id", kwargs)?;
    arity("id", args, 1, 1)?;
    Ok(Value::Int(match args[0] {
        Value::Obj(r) => 0x7f00_0000_0000 + r.index() as i64 * 64,
        v => ops::hash(&vm.heap, v)? as i64 & 0xffff_ffff,
    }))
}

fn radix(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
    name: &str,
    prefix: &str,
    base: u32,
) -> R<Value> {
    no_kwargs(vm, name, kwargs)?;
    arity(name, args, 1, 1)?;
    let i = ops::to_int(&vm.heap, args[0]).ok_or_else(|| {
        Raise::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.heap.type_name(args[0])
        ))
    })?;
    let b = i.to_big();
    let sign = if b.sign() == num_bigint::Sign::Minus {
        "-"
    } else {
        ""
    };
    let s = format!("{sign}{prefix}{}", b.magnitude().to_str_radix(base));
    Ok(vm.heap.str(s))
}

pub(crate) fn hex(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    radix(vm, args, kwargs, "hex", "0x", 16)
}

pub(crate) fn oct(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    radix(vm, args, kwargs, "oct", "0o", 8)
}

pub(crate) fn bin(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    radix(vm, args, kwargs, "bin", "0b", 2)
}

pub(crate) fn callable(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "callable", kwargs)?;
    arity("callable", args, 1, 1)?;
    Ok(Value::Bool(match args[0] {
        Value::Native(_) | Value::Class(_) => true,
        Value::Obj(r) => matches!(
            vm.heap.get(r),
            Object::Function(_) | Object::BoundMethod { .. }
        ),
        _ => false,
    }))
}

pub(crate) fn format(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "format", kwargs)?;
    arity("format", args, 1, 2)?;
    let spec = args.get(1).copied().unwrap_or(Value::None);
    if !spec.is_none() && vm.heap.as_str(&spec).is_none() {
        return Err(Raise::type_error(format!(
            "format() argument 2 must be str, not {}",
            vm.heap.type_name(spec)
        )));
    }
    let s = super::format_value(&vm.heap, args[0], spec)?;
    Ok(vm.heap.str(s))
}

/// Parses an int literal as `int(text, base)` does.
pub(crate) fn parse_int(text: &str, base: u32) -> Option<BigInt> {
    let t = text.trim_matches(|c: char| c.is_whitespace());
    let (neg, body) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let lower = body.to_ascii_lowercase();
    let (base, digits) = match base {
        0 => {
            if let Some(r) = lower.strip_prefix("0x") {
                (16, r.trim_start_matches('_').to_string())
            } else if let Some(r) = lower.strip_prefix("0o") {
                (8, r.trim_start_matches('_').to_string())
            } else if let Some(r) = lower.strip_prefix("0b") {
                (2, r.trim_start_matches('_').to_string())
            } else {
                if lower.len() > 1
                    && lower.starts_with('0')
                    && lower.chars().any(|c| c != '0' && c != '_')
                {
                    return None;
                }
                (10, lower.clone())
            }
        }
        16 => (
            16,
            lower
                .strip_prefix("0x")
                .map(|r| r.trim_start_matches('_').to_string())
                .unwrap_or(lower.clone()),
        ),
        8 => (
            8,
            lower
                .strip_prefix("0o")
                .map(|r| r.trim_start_matches('_').to_string())
                .unwrap_or(lower.clone()),
        ),
        2 => (
            2,
            lower
                .strip_prefix("0b")
                .map(|r| r.trim_start_matches('_').to_string())
                .unwrap_or(lower.clone()),
        ),
        b => (b, lower.clone()),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    if !clean.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    let v = BigInt::from_str_radix(&clean, base).ok()?;
    Some(if neg { -v } else { v })
}

/// Parses a float literal as `float(text)` does.
pub(crate) fn parse_float(text: &str) -> Option<f64> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let (sign, body) = match lower.strip_prefix('-') {
        Some(r) => (-1.0, r),
        None => (1.0, lower.strip_prefix('+').unwrap_or(&lower)),
    };
    match body {
        "inf" | "infinity" => return Some(sign * f64::INFINITY),
        "nan" => return Some(f64::NAN),
        _ => {}
    }
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-' | '_'))
    {
        return None;
    }
    // Underscores are only allowed between digits.
    let b = body.as_bytes();
    for (i, c) in b.iter().enumerate() {
        if *c == b'_'
            && !(i > 0 && b[i - 1].is_ascii_digit() && i + 1 < b.len() && b[i + 1].is_ascii_digit())
        {
            return None;
        }
    }
    let clean: String = body.chars().filter(|c| *c != '_').collect();
    clean.parse::<f64>().ok().map(|f| sign * f)
}

/// Calling a built-in type: `int(x)`, `str(x)`, `list(it)`, `range(n)`, ...
pub(crate) fn construct(
    vm: &mut Vm,
    class: ClassId,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> R<Value> {
    let heap_name = |vm: &Vm, v: Value| vm.heap.type_name(v);
    match class {
        ClassId::INT => {
            let kw = take_kwargs(vm, "int", kwargs, &["base"])?;
            if args.len() > 2 {
                return Err(Raise::type_error(format!(
                    "int() takes at most 2 arguments ({} given)",
                    args.len()
                )));
            }
            let base = args.get(1).copied().or(kw[0]);
            let Some(x) = args.first().copied() else {
                return if base.is_some() {
                    Err(Raise::type_error("int() missing string argument"))
                } else {
                    Ok(Value::Int(0))
                };
            };
            if let Some(b) = base {
                let b = ops::to_index(&vm.heap, b)?;
                if !(b == 0 || (2..=36).contains(&b)) {
                    return Err(Raise::value_error(
                        "int() base must be >= 2 and <= 36, or 0",
                    ));
                }
                let Some(text) = vm.heap.as_str(&x) else {
                    return Err(Raise::type_error(
                        "int() can't convert non-string with explicit base",
                    ));
                };
                let text = text.to_string();
                return int_from_str(vm, &text, b as u32);
            }
            match ops::to_num(&vm.heap, x) {
                Some(Num::F(f)) => {
                    let n = num::float_to_int(f)?;
                    Ok(ops::num_value(&mut vm.heap, n))
                }
                Some(n) => Ok(ops::num_value(&mut vm.heap, n)),
                None => match vm.heap.as_str(&x) {
                    Some(t) => {
                        let t = t.to_string();
                        int_from_str(vm, &t, 10)
                    }
                    None => Err(Raise::type_error(format!(
                        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                        heap_name(vm, x)
                    ))),
                },
            }
        }
        ClassId::FLOAT => {
            no_kwargs(vm, "float", kwargs)?;
            if args.len() > 1 {
                return Err(Raise::type_error(format!(
                    "float expected at most 1 argument, got {}",
                    args.len()
                )));
            }
            let Some(x) = args.first().copied() else {
                return Ok(Value::Float(0.0));
            };
            match ops::to_num(&vm.heap, x) {
                Some(n) => Ok(Value::Float(ops::num_to_f64(&n)?)),
                None => match vm.heap.as_str(&x) {
                    Some(t) => match parse_float(t) {
                        Some(f) => Ok(Value::Float(f)),
                        None => {
                            let r = ops::repr(&vm.heap, x)?;
                            Err(Raise::value_error(format!(
                                "could not convert string to float: {r}"
                            )))
                        }
                    },
                    None => Err(Raise::type_error(format!(
                        "float() argument must be a string or a real number, not '{}'",
                        heap_name(vm, x)
                    ))),
                },
            }
        }
        ClassId::STR => {
            no_kwargs(vm, "str", kwargs)?;
            match args {
                [] => Ok(vm.heap.str("")),
                [x] => ops::str_value(&mut vm.heap, *x),
                _ if args.len() > 3 => Err(Raise::type_error(format!(
                    "str() takes at most 3 arguments ({} given)",
                    args.len()
                ))),
                _ => Err(Raise::unsupported(
                    "str() with an encoding is not supported",
                )),
            }
        }
        ClassId::BOOL => {
            no_kwargs(vm, "bool", kwargs)?;
            arity("bool", args, 0, 1)?;
            Ok(Value::Bool(
                args.first().is_some_and(|v| ops::truthy(&vm.heap, *v)),
            ))
        }
        ClassId::LIST | ClassId::TUPLE | ClassId::SET => {
            no_kwargs(vm, class.name(), kwargs)?;
            arity(class.name(), args, 0, 1)?;
            let items = match args.first() {
                Some(v) => ops::to_vec(&mut vm.heap, *v)?,
                None => Vec::new(),
            };
            Ok(match class {
                ClassId::LIST => vm.heap.list(items),
                ClassId::TUPLE => vm.heap.tuple(items),
                _ => super::make_set(&mut vm.heap, &items)?,
            })
        }
        ClassId::DICT => {
            let d = super::make_dict(&mut vm.heap, &[])?;
            if let Some(src) = args.first() {
                if args.len() > 1 {
                    return Err(Raise::type_error(format!(
                        "dict expected at most 1 argument, got {}",
                        args.len()
                    )));
                }
                super::containers::dict_update_from(vm, d, *src)?;
            }
            for (k, v) in kwargs {
                ops::dict_set(
                    &mut vm.heap,
                    d.as_obj().expect("a dict is an object"),
                    *k,
                    *v,
                )?;
            }
            Ok(d)
        }
        ClassId::RANGE => {
            no_kwargs(vm, "range", kwargs)?;
            let ints: Vec<i64> = args
                .iter()
                .map(|v| ops::to_index(&vm.heap, *v))
                .collect::<R<Vec<i64>>>()?;
            let (start, stop, step) = match ints.as_slice() {
                [stop] => (0, *stop, 1),
                [start, stop] => (*start, *stop, 1),
                [start, stop, step] => (*start, *stop, *step),
                [] => {
                    return Err(Raise::type_error(
                        "range expected at least 1 argument, got 0",
                    ))
                }
                _ => {
                    return Err(Raise::type_error(format!(
                        "range expected at most 3 arguments, got {}",
                        args.len()
                    )))
                }
            };
            if step == 0 {
                return Err(Raise::value_error("range() arg 3 must not be zero"));
            }
            Ok(Value::Obj(vm.heap.alloc(Object::Range(RangeObj {
                start,
                stop,
                step,
            }))))
        }
        ClassId::TYPE => {
            no_kwargs(vm, "type", kwargs)?;
            if args.len() != 1 {
                return Err(Raise::type_error("type() takes 1 argument"));
            }
            Ok(Value::Class(vm.heap.class_of(args[0])))
        }
        ClassId::OBJECT => Err(Raise::unsupported("object() instances are not supported")),
        c => Err(Raise::type_error(format!(
            "cannot create '{}' instances",
            c.name()
        ))),
    }
}

fn int_from_str(vm: &mut Vm, text: &str, base: u32) -> R<Value> {
    let digits = text.trim().trim_start_matches(['-', '+']).len();
    if base == 10 && digits > num::MAX_STR_DIGITS {
        return Err(Raise::value_error(format!(
            "Exceeds the limit (4300 digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
        )));
    }
    match parse_int(text, base) {
        Some(v) => Ok(match v.to_i64() {
            Some(i) => Value::Int(i),
            None => vm.heap.int(v),
        }),
        None => {
            let mut quoted = String::new();
            crate::ops::text::quote_str(text, &mut quoted);
            Err(Raise::value_error(format!(
                "invalid literal for int() with base {base}: {quoted}"
            )))
        }
    }
}
