//! The `process` module: spawning lightweight processes, messages, links,
//! monitors. The work is done by the process runtime behind `ProcessApi`.

use super::functions::{arity, take_kwargs};
use super::no_kwargs;
use crate::class::ClassId;
use crate::error::{Raise, R};
use crate::heap::Object;
use crate::message::{Copyable, Message};
use crate::ops;
use crate::process::{Block, ProcessApi, ProcessLimits, Received, SpawnRequest};
use crate::value::Value;
use crate::vm::Vm;

fn api(vm: &mut Vm) -> R<&mut Box<dyn ProcessApi>> {
    vm.processes.as_mut().ok_or_else(|| {
        Raise::runtime_error("this VM is not running as a process (no process runtime)")
    })
}

fn pid_arg(vm: &Vm, v: Value, what: &str) -> R<u64> {
    match v {
        Value::Pid(p) => Ok(p),
        other => Err(Raise::type_error(format!(
            "{what} expected a pid, not '{}'",
            vm.heap.type_name(other)
        ))),
    }
}

fn seconds(vm: &Vm, v: Value, what: &str) -> R<f64> {
    let s = match ops::to_num(&vm.heap, v) {
        Some(n) => ops::num_to_f64(&n)?,
        None => {
            return Err(Raise::type_error(format!(
                "{what} must be a number of seconds, not '{}'",
                vm.heap.type_name(v)
            )))
        }
    };
    if s.is_nan() || s < 0.0 {
        return Err(Raise::value_error(format!("{what} must not be negative")));
    }
    Ok(s)
}

fn optional_count(vm: &Vm, v: Option<Value>, what: &str) -> R<Option<u64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let n = ops::to_index(&vm.heap, v)?;
            if n < 0 {
                return Err(Raise::value_error(format!("{what} must not be negative")));
            }
            Ok(Some(n as u64))
        }
    }
}

fn start(
    vm: &mut Vm,
    func: Value,
    args: &[Value],
    link: bool,
    monitor: bool,
    limits: ProcessLimits,
) -> R<Value> {
    let is_function = matches!(
        func.as_obj().map(|r| vm.heap.get(r)),
        Some(Object::Function(_))
    );
    if !is_function {
        return Err(Raise::type_error(format!(
            "a process must start with a function defined in the program, not '{}'",
            vm.heap.type_name(func)
        )));
    }
    let func = vm.export(func, Copyable::WithFunctions)?;
    let args = args
        .iter()
        .map(|a| vm.export(*a, Copyable::WithFunctions))
        .collect::<R<Vec<Message>>>()?;
    let image = vm.image();
    let request = SpawnRequest {
        image,
        func,
        args,
        link,
        monitor,
        limits,
    };
    let (pid, _) = api(vm)?.spawn(request).map_err(Raise::runtime_error)?;
    Ok(Value::Pid(pid))
}

pub(crate) fn spawn(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "spawn", kwargs)?;
    let Some((func, rest)) = args.split_first() else {
        return Err(Raise::type_error("spawn() missing required argument 'fn'"));
    };
    start(vm, *func, rest, false, false, ProcessLimits::default())
}

pub(crate) fn spawn_link(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "spawn_link", kwargs)?;
    let Some((func, rest)) = args.split_first() else {
        return Err(Raise::type_error(
            "spawn_link() missing required argument 'fn'",
        ));
    };
    start(vm, *func, rest, true, false, ProcessLimits::default())
}

pub(crate) fn spawn_opt(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    let kw = take_kwargs(
        vm,
        "spawn_opt",
        kwargs,
        &[
            "fn",
            "args",
            "max_heap",
            "max_instructions",
            "max_mailbox",
            "link",
            "monitor",
        ],
    )?;
    if args.len() > 2 {
        return Err(Raise::type_error(format!(
            "spawn_opt() takes at most 2 positional arguments ({} given)",
            args.len()
        )));
    }
    let func = args
        .first()
        .copied()
        .or(kw[0])
        .ok_or_else(|| Raise::type_error("spawn_opt() missing required argument 'fn'"))?;
    let call_args = match args.get(1).copied().or(kw[1]) {
        Some(a) => ops::to_vec(&mut vm.heap, a)?,
        None => Vec::new(),
    };
    let limits = ProcessLimits {
        max_heap: optional_count(vm, kw[2], "max_heap")?.map(|n| n as usize),
        max_instructions: optional_count(vm, kw[3], "max_instructions")?,
        max_mailbox: optional_count(vm, kw[4], "max_mailbox")?.map(|n| n as usize),
    };
    let link = kw[5].is_some_and(|v| ops::truthy(&vm.heap, v));
    let monitor = kw[6].is_some_and(|v| ops::truthy(&vm.heap, v));
    start(vm, func, &call_args, link, monitor, limits)
}

pub(crate) fn self_pid(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "self", kwargs)?;
    arity("self", args, 0, 0)?;
    Ok(Value::Pid(api(vm)?.self_pid()))
}

pub(crate) fn send(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "send", kwargs)?;
    arity("send", args, 2, 2)?;
    let to = pid_arg(vm, args[0], "send()")?;
    let message = vm.export(args[1], Copyable::Data)?;
    api(vm)?.send(to, message);
    Ok(Value::None)
}

pub(crate) fn receive(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    let kw = take_kwargs(vm, "receive", kwargs, &["timeout"])?;
    arity("receive", args, 0, 1)?;
    let timeout = match args.first().copied().or(kw[0]) {
        None | Some(Value::None) => None,
        Some(v) => Some(seconds(vm, v, "timeout")?),
    };
    match api(vm)?.receive(timeout) {
        Received::Message(m) => vm.import(&m),
        Received::TimedOut => Err(Raise::new(ClassId::TIMEOUT_ERROR, "timed out")),
        Received::Wait => Err(Raise::Block(Block::Receive(timeout))),
    }
}

pub(crate) fn link(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "link", kwargs)?;
    arity("link", args, 1, 1)?;
    let pid = pid_arg(vm, args[0], "link()")?;
    api(vm)?.link(pid);
    Ok(Value::None)
}

pub(crate) fn unlink(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "unlink", kwargs)?;
    arity("unlink", args, 1, 1)?;
    let pid = pid_arg(vm, args[0], "unlink()")?;
    api(vm)?.unlink(pid);
    Ok(Value::None)
}

pub(crate) fn monitor(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "monitor", kwargs)?;
    arity("monitor", args, 1, 1)?;
    let pid = pid_arg(vm, args[0], "monitor()")?;
    Ok(Value::Ref(api(vm)?.monitor(pid)))
}

pub(crate) fn trap_exits(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "trap_exits", kwargs)?;
    arity("trap_exits", args, 1, 1)?;
    let on = ops::truthy(&vm.heap, args[0]);
    Ok(Value::Bool(api(vm)?.trap_exits(on)))
}

pub(crate) fn exit(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "exit", kwargs)?;
    arity("exit", args, 0, 1)?;
    let reason = match args.first() {
        Some(v) => vm.export(*v, Copyable::Data)?,
        None => Message::str("normal"),
    };
    Err(Raise::Exit(reason))
}

pub(crate) fn kill(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "kill", kwargs)?;
    arity("kill", args, 1, 2)?;
    let pid = pid_arg(vm, args[0], "kill()")?;
    let reason = match args.get(1) {
        Some(v) => vm.export(*v, Copyable::Data)?,
        None => Message::str("killed"),
    };
    api(vm)?.kill(pid, reason);
    Ok(Value::None)
}

pub(crate) fn sleep(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "sleep", kwargs)?;
    arity("sleep", args, 1, 1)?;
    let s = seconds(vm, args[0], "sleep length")?;
    if api(vm)?.sleep(s) {
        Ok(Value::None)
    } else {
        Err(Raise::Block(Block::Sleep(s)))
    }
}

pub(crate) fn alive(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "alive", kwargs)?;
    arity("alive", args, 1, 1)?;
    let pid = pid_arg(vm, args[0], "alive()")?;
    Ok(Value::Bool(api(vm)?.alive(pid)))
}

/// Seconds since a moment fixed for the whole program (a monotonic clock),
/// which the `supervisor` module needs for its restart intensity.
pub(crate) fn monotonic(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "monotonic", kwargs)?;
    arity("monotonic", args, 0, 0)?;
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    Ok(Value::Float(
        START
            .get_or_init(std::time::Instant::now)
            .elapsed()
            .as_secs_f64(),
    ))
}

/// Panics inside the VM, to test that a panic ends only its own process;
/// available only when the VM's test hooks are enabled.
pub(crate) fn panic_for_tests(
    vm: &mut Vm,
    _args: &[Value],
    _kwargs: &[(Value, Value)],
) -> R<Value> {
    if !vm.config.test_hooks {
        return Err(Raise::attribute_error(
            "module 'process' has no attribute '_panic'",
        ));
    }
    panic!("a panic injected by process._panic() (test hook)");
}
