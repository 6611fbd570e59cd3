//! The built-in modules `math` and `sys`.

use super::functions::{arity, write_stream};
use super::no_kwargs;
use crate::class::ClassId;
use crate::error::{ExcArg, Raise, R};
use crate::heap::{Heap, Object};
use crate::num::{self, Num};
use crate::ops;
use crate::value::{ModuleId, Value};
use crate::vm::Vm;
use num_bigint::BigInt;

/// A module attribute that is a value rather than a function.
pub(crate) fn constant(heap: &mut Heap, m: ModuleId, name: &str) -> Option<Value> {
    match (m, name) {
        (ModuleId::Math, "pi") => Some(Value::Float(std::f64::consts::PI)),
        (ModuleId::Math, "e") => Some(Value::Float(std::f64::consts::E)),
        (ModuleId::Math, "tau") => Some(Value::Float(std::f64::consts::TAU)),
        (ModuleId::Math, "inf") => Some(Value::Float(f64::INFINITY)),
        (ModuleId::Math, "nan") => Some(Value::Float(f64::NAN)),
        (ModuleId::Sys, "argv") => heap.sys_argv().map(Value::Obj),
        (ModuleId::Sys, "stdout") => Some(Value::Obj(heap.stream(false))),
        (ModuleId::Sys, "stderr") => Some(Value::Obj(heap.stream(true))),
        (ModuleId::Sys, "maxsize") => Some(Value::Int(i64::MAX)),
        _ => None,
    }
}

/// Whether `v` is `sys.stderr` (`Some(true)`), `sys.stdout` (`Some(false)`), or neither.
pub(crate) fn stream_of(vm: &Vm, v: Value) -> Option<bool> {
    match v.as_obj().map(|r| vm.heap.get(r)) {
        Some(Object::Stream(is_err)) => Some(*is_err),
        _ => None,
    }
}

fn real(vm: &Vm, v: Value) -> R<f64> {
    match ops::to_num(&vm.heap, v) {
        Some(n) => ops::num_to_f64(&n),
        None => Err(Raise::type_error(format!(
            "must be real number, not {}",
            vm.heap.type_name(v)
        ))),
    }
}

fn one_real(vm: &Vm, args: &[Value], kwargs: &[(Value, Value)], name: &str) -> R<f64> {
    let qualified = format!("math.{name}");
    no_kwargs(vm, &qualified, kwargs)?;
    arity(&qualified, args, 1, 1)?;
    real(vm, args[0])
}

fn domain() -> Raise {
    Raise::value_error("math domain error")
}

fn checked(x: f64, input_finite: bool) -> R<Value> {
    if x.is_nan() && input_finite {
        return Err(domain());
    }
    if x.is_infinite() && input_finite {
        return Err(Raise::overflow("math range error"));
    }
    Ok(Value::Float(x))
}

pub(crate) fn sqrt(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    let x = one_real(vm, args, kwargs, "sqrt")?;
    if x < 0.0 {
        return Err(domain());
    }
    Ok(Value::Float(x.sqrt()))
}

fn rounding(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
    name: &str,
    f: fn(f64) -> f64,
) -> R<Value> {
    let qualified = format!("math.{name}");
    no_kwargs(vm, &qualified, kwargs)?;
    arity(&qualified, args, 1, 1)?;
    match ops::to_num(&vm.heap, args[0]) {
        Some(Num::F(x)) => {
            let n = num::float_to_int(f(x))?;
            Ok(ops::num_value(&mut vm.heap, n))
        }
        Some(n) => Ok(ops::num_value(&mut vm.heap, n)),
        None => Err(Raise::type_error(format!(
            "must be real number, not {}",
            vm.heap.type_name(args[0])
        ))),
    }
}

pub(crate) fn floor(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    rounding(vm, args, kwargs, "floor", f64::floor)
}

pub(crate) fn ceil(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    rounding(vm, args, kwargs, "ceil", f64::ceil)
}

pub(crate) fn trunc(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    rounding(vm, args, kwargs, "trunc", f64::trunc)
}

pub(crate) fn isnan(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    Ok(Value::Bool(one_real(vm, args, kwargs, "isnan")?.is_nan()))
}

pub(crate) fn isinf(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    Ok(Value::Bool(
        one_real(vm, args, kwargs, "isinf")?.is_infinite(),
    ))
}

pub(crate) fn sin(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    let x = one_real(vm, args, kwargs, "sin")?;
    if x.is_infinite() {
        return Err(domain());
    }
    checked(x.sin(), x.is_finite())
}

pub(crate) fn cos(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    let x = one_real(vm, args, kwargs, "cos")?;
    if x.is_infinite() {
        return Err(domain());
    }
    checked(x.cos(), x.is_finite())
}

pub(crate) fn tan(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    let x = one_real(vm, args, kwargs, "tan")?;
    if x.is_infinite() {
        return Err(domain());
    }
    checked(x.tan(), x.is_finite())
}

pub(crate) fn atan(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    Ok(Value::Float(one_real(vm, args, kwargs, "atan")?.atan()))
}

pub(crate) fn atan2(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "atan2", kwargs)?;
    arity("atan2", args, 2, 2)?;
    Ok(Value::Float(real(vm, args[0])?.atan2(real(vm, args[1])?)))
}

/// Natural logarithm of any int or float. Like CPython, an int that fits a
/// float is converted first; a larger one is split into mantissa and exponent.
fn ln(vm: &Vm, v: Value) -> R<f64> {
    if let Some(b) = vm.heap.as_bigint(v) {
        if b.sign() != num_bigint::Sign::Plus {
            return Err(domain());
        }
        if let Ok(f) = num::big_to_f64(b) {
            return Ok(f.ln());
        }
        // b = m * 2**e with m in [0.5, 1).
        let e = b.bits();
        let top: BigInt = b >> (e - 60);
        let m = num::big_to_f64(&top)? / 2f64.powi(60);
        return Ok(m.ln() + e as f64 * std::f64::consts::LN_2);
    }
    let x = real(vm, v)?;
    if x <= 0.0 {
        return Err(domain());
    }
    Ok(x.ln())
}

pub(crate) fn log(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "math.log", kwargs)?;
    if !(1..=2).contains(&args.len()) {
        return Err(Raise::type_error("math.log requires 1 to 2 arguments"));
    }
    let x = ln(vm, args[0])?;
    match args.get(1) {
        None => Ok(Value::Float(x)),
        Some(b) => {
            let lb = ln(vm, *b)?;
            if lb == 0.0 {
                return Err(Raise::zero_division("float division by zero"));
            }
            Ok(Value::Float(x / lb))
        }
    }
}

pub(crate) fn exp(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    let x = one_real(vm, args, kwargs, "exp")?;
    checked(x.exp(), x.is_finite())
}

pub(crate) fn fabs(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    Ok(Value::Float(one_real(vm, args, kwargs, "fabs")?.abs()))
}

pub(crate) fn gcd(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "gcd", kwargs)?;
    let mut acc = BigInt::from(0);
    for a in args {
        let i = ops::to_int(&vm.heap, *a).ok_or_else(|| {
            Raise::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.heap.type_name(*a)
            ))
        })?;
        acc = num_integer::Integer::gcd(&acc, &i.to_big());
    }
    Ok(vm.heap.int(acc))
}

pub(crate) fn exit(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "exit", kwargs)?;
    arity("exit", args, 0, 1)?;
    let arg = match args.first() {
        Some(v) => ExcArg::Value(*v),
        None => ExcArg::Empty,
    };
    Err(Raise::New(ClassId::SYSTEM_EXIT, arg))
}

/// The receiver of a `TextIOWrapper` method: whether it is `sys.stderr`.
fn stream_recv(vm: &Vm, args: &[Value], method: &str) -> R<bool> {
    match args.first().and_then(|v| stream_of(vm, *v)) {
        Some(is_err) => Ok(is_err),
        None => Err(Raise::type_error(format!(
            "descriptor '{method}' for '_io.TextIOWrapper' objects doesn't apply to a '{}' object",
            args.first().map_or("NoneType", |v| vm.heap.type_name(*v))
        ))),
    }
}

/// `sys.stdout.write(s)` and `sys.stderr.write(s)`: the number of code points written.
pub(crate) fn stream_write(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "TextIOWrapper.write", kwargs)?;
    let to_stderr = stream_recv(vm, args, "write")?;
    arity("TextIOWrapper.write", &args[1..], 1, 1)?;
    let Some(text) = vm
        .heap
        .as_text(&args[1])
        .map(|s| (s.s.to_string(), s.chars))
    else {
        let shown = match args[1] {
            Value::None => "None",
            v => vm.heap.type_name(v),
        };
        return Err(Raise::type_error(format!(
            "write() argument must be str, not {shown}"
        )));
    };
    write_stream(vm, to_stderr, &text.0)?;
    Ok(Value::Int(text.1 as i64))
}

/// `sys.stdout.flush()`: the host writes through, so there is nothing to flush.
pub(crate) fn stream_flush(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "TextIOWrapper.flush", kwargs)?;
    stream_recv(vm, args, "flush")?;
    if args.len() > 1 {
        return Err(Raise::type_error(format!(
            "TextIOWrapper.flush() takes no arguments ({} given)",
            args.len() - 1
        )));
    }
    Ok(Value::None)
}
