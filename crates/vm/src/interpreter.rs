//! The interpreter: fetch, decode, execute over verified code.
//!
//! `dispatch` is the hot loop. It borrows the VM's fields separately so the
//! code and constants of the running function stay borrowed while registers
//! and heap change, handles the common cases (int and float arithmetic,
//! compare-and-branch, bytecode calls and returns) inline, and leaves the loop
//! with an [`Action`] for everything that needs the whole VM: native calls,
//! raising, collecting garbage, and stopping.

use crate::builtins;
use crate::class::ClassId;
use crate::error::{Limit, Raise, R};
use crate::heap::{ExcObj, FunctionObj, GenObj, GenState, IterObj, Object, TraceEntry};
use crate::num::{self, BinOp};
use crate::ops::{self, CmpOp, UnOp};
use crate::resume::{self, CallTarget, ContEntry, Deliver, Delivered, Pending};
use crate::value::{ObjRef, Value};
use crate::vm::{Frame, Outcome, Ret, RunError, Vm};
use isa::{Instr, Opcode};
use std::borrow::Cow;

/// Why the dispatch loop stopped.
pub(crate) enum Action {
    /// The fuel budget is spent.
    OutOfFuel,
    /// The entry function returned.
    Return(Value),
    /// An instruction raised; unwind from the current frame.
    Raise(Raise),
    /// `reraise`: like `Raise`, but the current frame is already in the traceback.
    Reraise(ObjRef),
    /// A collection is due (every live value is in a register or global).
    Collect,
    /// A call the inline path does not handle (natives, classes, keyword or
    /// star arguments, functions with defaults, generator functions).
    Call {
        a: usize,
        nargs: usize,
        kind: CallKind,
    },
    /// A frame whose result does not simply go to a register returned.
    FrameReturn(Value),
    /// A generator frame yielded.
    Yield(Value),
    /// `foriter` over an iterator that may need calls (generators, map, filter).
    StepIter { it: Value, item: usize, target: u32 },
    /// An instruction whose operand is a lazy iterator that must be collected first.
    Lazy(LazyOp),
    /// `import` of a module compiled from source: load it and run its body.
    Import { name: String, dst: usize },
    /// A native called by the fast path failed or needs calls into bytecode;
    /// its result goes to `stack[dst]` (absolute) once it has one.
    NativeFailed { dst: usize, error: Raise },
}

/// Instructions finished after collecting a lazy iterator operand.
#[derive(Clone, Copy, Debug)]
pub(crate) enum LazyOp {
    /// `unpack`/`unpackex` into registers starting at `dst` (absolute).
    Unpack {
        src: Value,
        dst: usize,
        before: usize,
        after: usize,
        starred: bool,
    },
    /// `in`/`notin` into `dst` (absolute).
    Contains {
        container: Value,
        item: Value,
        dst: usize,
        negate: bool,
    },
}

/// The shape of a call left to the slow path.
#[derive(Clone, Copy, Debug)]
pub(crate) enum CallKind {
    /// `call`: positional arguments in registers.
    Plain,
    /// `callkw`: positional then keyword arguments, names in a tuple after them.
    Keywords(usize),
    /// `callex`: `*args` in R[A+1], `**kwargs` in R[A+2] when the flag is set.
    Star(bool),
}

impl Vm {
    /// Runs until finished, failed, or out of fuel.
    pub(crate) fn execute(&mut self, fuel: &mut u64) -> Outcome {
        loop {
            let action = self.dispatch(fuel);
            let result = match action {
                Action::OutOfFuel => return Outcome::OutOfFuel,
                Action::Return(v) => {
                    self.frames.clear();
                    self.conts.clear();
                    return Outcome::Finished(v);
                }
                Action::Raise(Raise::Limit(limit)) => {
                    // An instruction's size check (sequence repetition, a
                    // big power or shift, memgrow) refused an allocation
                    // before making it. Only reachable data counts against
                    // the limit: collect, and run the instruction again if
                    // that freed anything (a second refusal frees nothing,
                    // so this cannot loop).
                    let before = self.heap.bytes();
                    self.collect_all_garbage();
                    match self.frames.last_mut() {
                        Some(top) if self.heap.bytes() < before && top.pc > 0 => {
                            top.pc -= 1;
                            Ok(())
                        }
                        _ => Err(Raise::Limit(limit)),
                    }
                }
                Action::Raise(r) => Err(r),
                Action::Reraise(r) => {
                    if let Some(o) = self.unwind(Raise::Obj(r), true) {
                        return o;
                    }
                    Ok(())
                }
                Action::Collect => {
                    // At the limit the collection is full (`Heap::full_due`),
                    // so no dead old object counts against it.
                    self.collect_garbage();
                    match self.heap.limit() {
                        Some(limit) if self.heap.over_limit() => {
                            self.frames.clear();
                            self.conts.clear();
                            return Outcome::Error(RunError::Limit(Limit::Memory { limit }));
                        }
                        _ => Ok(()),
                    }
                }
                Action::NativeFailed { dst, error } => match error {
                    Raise::Suspend(p) => match self.run_pending(*p, Deliver::Store(dst)) {
                        Err(Raise::Block(b)) => return self.block_on_call(b),
                        other => other,
                    },
                    Raise::Block(b) => return self.block_on_call(b),
                    e => Err(e),
                },
                Action::Call { a, nargs, kind } => match self.call_slow(a, nargs, kind) {
                    Err(Raise::Block(b)) => return self.block_on_call(b),
                    other => other,
                },

                Action::Import { name, dst } => self.import_module(&name, dst),

                Action::FrameReturn(v) => self.frame_return(v),
                Action::Yield(v) => self.yield_value(v),
                Action::StepIter { it, item, target } => self.step_iter(it, item, target),
                Action::Lazy(op) => self.lazy_op(op),
            };
            match result {
                Ok(()) => {}
                Err(Raise::Exit(reason)) => {
                    self.frames.clear();
                    self.conts.clear();
                    return Outcome::Exited(reason);
                }
                Err(e) => {
                    if let Some(o) = self.unwind(e, false) {
                        return o;
                    }
                }
            }
        }
    }

    /// A call blocked (a `process.receive` with no message): stop, and repeat
    /// the call when the process can go on.
    fn block_on_call(&mut self, b: crate::process::Block) -> Outcome {
        if let Some(top) = self.frames.last_mut() {
            top.pc = top.pc.saturating_sub(1);
        }
        Outcome::Blocked(b)
    }

    // ---- returning, yielding and continuations ----

    /// A frame returned whose result is not simply stored in a register.
    fn frame_return(&mut self, v: Value) -> R<()> {
        let Some(frame) = self.frames.pop() else {
            return Err(Raise::runtime_error("return without a frame"));
        };
        let input = match frame.gen {
            Some(g) => {
                self.finish_generator(g);
                Delivered::Exhausted
            }
            None => Delivered::Value(v),
        };
        if self.frames.is_empty() {
            // Only the entry frame returns with nothing below it.
            self.frames.push(frame);
            return Err(Raise::runtime_error(
                "the entry frame cannot be a generator",
            ));
        }
        self.deliver_ret(frame.ret, frame.base as usize, input)
    }

    /// A generator frame yielded `v`: save its registers and deliver the item.
    fn yield_value(&mut self, v: Value) -> R<()> {
        let Some(frame) = self.frames.last().copied() else {
            return Err(Raise::runtime_error("yield without a frame"));
        };
        let Some(g) = frame.gen else {
            return Err(Raise::runtime_error("yield outside a generator"));
        };
        self.frames.pop();
        let n = self.units[frame.unit as usize]
            .function(frame.func)
            .num_registers as usize;
        let base = frame.base as usize;
        let regs = self.stack[base..base + n].to_vec();
        if let Object::Generator(gen) = self.heap.get_mut(g) {
            gen.regs = regs;
            gen.pc = frame.pc;
            gen.state = GenState::Suspended;
        }
        self.deliver_ret(frame.ret, base, Delivered::Value(v))
    }

    fn finish_generator(&mut self, g: ObjRef) {
        if let Object::Generator(gen) = self.heap.get_mut(g) {
            gen.state = GenState::Done;
            gen.regs = Vec::new();
        }
    }

    fn deliver_ret(&mut self, ret: Ret, base: usize, input: Delivered) -> R<()> {
        match ret {
            Ret::Register => {
                if let Delivered::Value(v) = input {
                    self.stack[base - 1] = v;
                }
                Ok(())
            }
            Ret::ForIter { item, target } => {
                self.deliver(
                    Deliver::ForIter {
                        item: item as usize,
                        target,
                    },
                    input,
                );
                Ok(())
            }
            Ret::Cont => match self.conts.pop() {
                Some(entry) => self.resume_entry(entry, input),
                None => Err(Raise::runtime_error(
                    "internal error: no continuation to resume",
                )),
            },
        }
    }

    fn resume_entry(&mut self, entry: ContEntry, input: Delivered) -> R<()> {
        match entry.cont.resume(self, input) {
            Ok(d) => self.finish_deliver(entry.deliver, d),
            Err(Raise::Suspend(p)) => self.run_pending(*p, entry.deliver),
            Err(e) => Err(e),
        }
    }

    /// Puts a final result where it belongs (without resuming anything).
    fn deliver(&mut self, deliver: Deliver, d: Delivered) {
        match (deliver, d) {
            (Deliver::Store(at), Delivered::Value(v)) => self.stack[at] = v,
            (Deliver::Store(at), Delivered::Exhausted) => self.stack[at] = Value::None,
            (Deliver::ForIter { item, target }, Delivered::Value(v)) => {
                self.stack[item] = v;
                if let Some(top) = self.frames.last_mut() {
                    top.pc = target;
                }
            }
            _ => {}
        }
    }

    fn finish_deliver(&mut self, deliver: Deliver, d: Delivered) -> R<()> {
        if deliver == Deliver::Resume {
            return match self.conts.pop() {
                Some(below) => self.resume_entry(below, d),
                None => Err(Raise::runtime_error(
                    "internal error: no continuation to resume",
                )),
            };
        }
        self.deliver(deliver, d);
        Ok(())
    }

    /// Runs a pending call for native code: directly when the callee is native,
    /// otherwise by pushing a frame whose result resumes the continuation.
    pub(crate) fn run_pending(&mut self, mut p: Pending, mut deliver: Deliver) -> R<()> {
        loop {
            let immediate = match std::mem::replace(&mut p.target, CallTarget::Resume(ObjRef(0))) {
                CallTarget::Call(func, args, kwargs) => {
                    let is_frame = match func {
                        Value::Obj(r) => match self.heap.get(r) {
                            Object::Function(f) => {
                                !self.units[f.unit as usize].function(f.func).flags.generator
                            }
                            _ => false,
                        },
                        _ => false,
                    };
                    if is_frame {
                        let Value::Obj(r) = func else {
                            unreachable!("checked above")
                        };
                        self.conts.push(ContEntry {
                            cont: p.cont,
                            deliver,
                            depth: self.frames.len(),
                        });
                        let base = self.stack_top();
                        return self.push_function_frame_at(base, r, args, kwargs, Ret::Cont);
                    }
                    match self.call_direct(func, args, kwargs) {
                        Ok(v) => Delivered::Value(v),
                        Err(Raise::Suspend(inner)) => {
                            // A native that itself waits on a call: it resumes us when done.
                            self.conts.push(ContEntry {
                                cont: p.cont,
                                deliver,
                                depth: self.frames.len(),
                            });
                            p = *inner;
                            deliver = Deliver::Resume;
                            continue;
                        }
                        Err(e) => return Err(e),
                    }
                }
                CallTarget::Resume(g) => {
                    let state = match self.heap.get(g) {
                        Object::Generator(gen) => gen.state,
                        _ => GenState::Done,
                    };
                    match state {
                        GenState::Done => Delivered::Exhausted,
                        GenState::Running => {
                            return Err(Raise::value_error("generator already executing"))
                        }
                        GenState::Created | GenState::Suspended => {
                            self.conts.push(ContEntry {
                                cont: p.cont,
                                deliver,
                                depth: self.frames.len(),
                            });
                            return self.resume_generator(g, Ret::Cont);
                        }
                    }
                }
            };
            match p.cont.resume(self, immediate) {
                Ok(d) => return self.finish_deliver(deliver, d),
                Err(Raise::Suspend(next)) => p = *next,
                Err(e) => return Err(e),
            }
        }
    }

    /// Calls anything but a bytecode function frame: natives, classes, bound
    /// methods, and generator functions (which only create a generator).
    fn call_direct(
        &mut self,
        func: Value,
        args: Vec<Value>,
        kwargs: Vec<(Value, Value)>,
    ) -> R<Value> {
        match func {
            Value::Native(id) => builtins::call_native(self, id, &args, &kwargs),
            Value::Class(c) => builtins::call_class(self, c, &args, &kwargs),
            Value::Obj(r) => match self.heap.get(r) {
                Object::BoundMethod { recv, native } => {
                    let (recv, native) = (*recv, *native);
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(recv);
                    all.extend(args);
                    builtins::call_native(self, native, &all, &kwargs)
                }
                Object::Function(_) => self.make_generator(r, args, kwargs),
                _ => Err(not_callable(self, func)),
            },
            _ => Err(not_callable(self, func)),
        }
    }

    /// Creates a generator object for a call of a generator function.
    fn make_generator(
        &mut self,
        fref: ObjRef,
        args: Vec<Value>,
        kwargs: Vec<(Value, Value)>,
    ) -> R<Value> {
        let Object::Function(fobj) = self.heap.get(fref) else {
            return Err(Raise::type_error("not a function"));
        };
        let fobj = (**fobj).clone();
        let bound = crate::call::bind_arguments(self, &fobj, args, kwargs)?;
        let n = self.units[fobj.unit as usize]
            .function(fobj.func)
            .num_registers as usize;
        let mut regs = vec![Value::Undef; n.max(bound.len())];
        regs[..bound.len()].copy_from_slice(&bound);
        let g = self.heap.alloc(Object::Generator(Box::new(GenObj {
            func: fref,
            regs,
            pc: 0,
            state: GenState::Created,
        })));
        Ok(Value::Obj(g))
    }

    /// Pushes a generator's frame (on top of the stack) to run until it yields or returns.
    fn resume_generator(&mut self, g: ObjRef, ret: Ret) -> R<()> {
        if self.frames.len() >= self.config.max_depth {
            return Err(Raise::new(
                ClassId::RECURSION_ERROR,
                "maximum recursion depth exceeded",
            ));
        }
        let (fref, regs, pc) = match self.heap.get_mut(g) {
            Object::Generator(gen) => {
                gen.state = GenState::Running;
                (gen.func, std::mem::take(&mut gen.regs), gen.pc)
            }
            _ => return Err(Raise::type_error("not a generator")),
        };
        let Object::Function(fobj) = self.heap.get(fref) else {
            return Err(Raise::type_error("not a function"));
        };
        let (unit, func) = (fobj.unit, fobj.func);
        let base = self.stack_top();
        let top = base + regs.len();
        if self.stack.len() < top {
            self.stack.resize(top, Value::Undef);
        }
        self.stack[base..top].copy_from_slice(&regs);
        self.frames.push(Frame {
            unit,
            func,
            pc,
            base: base as u32,
            closure: Some(fref),
            ret,
            gen: Some(g),
        });
        Ok(())
    }

    /// `foriter` on an iterator that may need calls.
    fn step_iter(&mut self, it: Value, item: usize, target: u32) -> R<()> {
        if let Value::Obj(g) = it {
            if matches!(self.heap.get(g), Object::Generator(_)) {
                // A generator feeds the loop directly, with no continuation in between.
                let state = match self.heap.get(g) {
                    Object::Generator(gen) => gen.state,
                    _ => GenState::Done,
                };
                return match state {
                    GenState::Done => Ok(()),
                    GenState::Running => Err(Raise::value_error("generator already executing")),
                    _ => self.resume_generator(
                        g,
                        Ret::ForIter {
                            item: item as u32,
                            target,
                        },
                    ),
                };
            }
        }
        match resume::step_or_suspend(self, it) {
            Ok(d) => {
                self.deliver(Deliver::ForIter { item, target }, d);
                Ok(())
            }
            Err(Raise::Suspend(p)) => self.run_pending(*p, Deliver::ForIter { item, target }),
            Err(e) => Err(e),
        }
    }

    /// `import NAME` of a module compiled from source: load it into a new
    /// namespace, run its body, then store the module in `dst`.
    fn import_module(&mut self, name: &str, dst: usize) -> R<()> {
        let not_found = || {
            Raise::new(
                ClassId::MODULE_NOT_FOUND_ERROR,
                format!("No module named '{name}'"),
            )
        };
        let Some(loader) = self.loader.clone() else {
            return Err(not_found());
        };
        let module = match loader.load(name) {
            None => return Err(not_found()),
            Some(Err(msg)) => return Err(Raise::new(ClassId::IMPORT_ERROR, msg)),
            Some(Ok(m)) => m,
        };
        let verified = bytecode::verifier::verify(module).map_err(|e| {
            Raise::new(
                ClassId::IMPORT_ERROR,
                format!("module '{name}' is invalid: {e}"),
            )
        })?;
        let ns = self.namespaces.len();
        self.namespaces.push(crate::vm::Namespace::default());
        let unit = self.load_into_namespace(std::sync::Arc::new(verified.into_inner()), ns);
        self.loaded.push((name.to_string(), ns as u32));
        self.heap.set_module_name(ns as u32, name);
        let module_value = Value::Module(crate::value::ModuleId::Loaded(ns as u32));
        self.conts.push(ContEntry {
            cont: Box::new(resume::Constant(module_value)),
            deliver: Deliver::Store(dst),
            depth: self.frames.len(),
        });
        self.push_unit_entry(unit.0, Ret::Cont)
    }

    /// Pushes a frame running a unit's module body (its function 0) on top of the stack.
    fn push_unit_entry(&mut self, unit: u32, ret: Ret) -> R<()> {
        if self.frames.len() >= self.config.max_depth {
            return Err(Raise::new(
                ClassId::RECURSION_ERROR,
                "maximum recursion depth exceeded",
            ));
        }
        let n = self.units[unit as usize].function(0).num_registers as usize;
        let base = self.stack_top();
        if self.stack.len() < base + n {
            self.stack.resize(base + n, Value::Undef);
        }
        self.stack[base..base + n].fill(Value::Undef);
        self.frames.push(Frame {
            unit,
            func: 0,
            pc: 0,
            base: base as u32,
            closure: None,
            ret,
            gen: None,
        });
        Ok(())
    }

    /// Starts a run with `func(*args)` as its outermost frame (a process's entry).
    pub(crate) fn call_entry(&mut self, func: Value, args: Vec<Value>) -> R<()> {
        if let Value::Obj(r) = func {
            if let Object::Function(f) = self.heap.get(r) {
                if !self.units[f.unit as usize].function(f.func).flags.generator {
                    return self.push_function_frame_at(1, r, args, Vec::new(), Ret::Register);
                }
            }
        }
        Err(Raise::type_error(format!(
            "a process must start with a function defined in the program, not '{}'",
            self.heap.type_name(func)
        )))
    }

    /// Finishes an instruction whose lazy-iterator operand must be collected first.
    fn lazy_op(&mut self, op: LazyOp) -> R<()> {
        let (src, finish, extra): (Value, resume::Finish, Vec<Value>) = match op {
            LazyOp::Unpack {
                src,
                dst,
                before,
                after,
                starred,
            } => (
                src,
                finish_unpack,
                vec![
                    Value::Int(dst as i64),
                    Value::Int(before as i64),
                    Value::Int(after as i64),
                    Value::Bool(starred),
                ],
            ),
            LazyOp::Contains {
                container,
                item,
                dst,
                negate,
            } => (
                container,
                finish_contains,
                vec![item, Value::Int(dst as i64), Value::Bool(negate)],
            ),
        };
        match resume::collect(self, src, finish, extra) {
            Ok(_) => Ok(()),
            Err(Raise::Suspend(p)) => self.run_pending(*p, Deliver::Discard),
            Err(e) => Err(e),
        }
    }

    /// Propagates an exception from the current frame outward to the nearest
    /// handler; `None` when one was found, the final outcome otherwise.
    pub(crate) fn unwind(&mut self, raise: Raise, reraise: bool) -> Option<Outcome> {
        let exc = match self.materialize(raise) {
            Ok(e) => e,
            Err(limit) => {
                self.frames.clear();
                return Some(Outcome::Error(RunError::Limit(limit)));
            }
        };
        // Implicit chaining: an exception raised while another is handled remembers it.
        if !reraise {
            if let Value::Obj(h) = self.handled {
                if h != exc {
                    if let Object::Exception(e) = self.heap.get_mut(exc) {
                        if e.context.is_none() {
                            e.context = Value::Obj(h);
                        }
                    }
                }
            }
        }
        let mut first = true;
        while let Some(frame) = self.frames.last().copied() {
            let pc = frame.pc.saturating_sub(1);
            if !(first && reraise) {
                if let Object::Exception(e) = self.heap.get_mut(exc) {
                    e.traceback.push(TraceEntry {
                        unit: frame.unit,
                        func: frame.func,
                        pc,
                    });
                }
            }
            first = false;
            let f = self.units[frame.unit as usize].function(frame.func);
            if let Some(h) = f.handlers.iter().find(|h| h.start <= pc && pc < h.end) {
                let target = h.target;
                if let Some(top) = self.frames.last_mut() {
                    top.pc = target;
                }
                self.in_flight = Value::Obj(exc);
                self.drop_conts_above();
                return None;
            }
            if let Some(popped) = self.frames.pop() {
                if let Some(g) = popped.gen {
                    self.finish_generator(g);
                }
            }
            self.drop_conts_above();
        }
        self.conts.clear();
        Some(self.uncaught(exc))
    }

    /// Drops continuations waiting on frames that no longer exist.
    fn drop_conts_above(&mut self) {
        let depth = self.frames.len();
        while self.conts.last().is_some_and(|e| e.depth >= depth) {
            self.conts.pop();
        }
    }

    fn uncaught(&mut self, exc: ObjRef) -> Outcome {
        self.frames.clear();
        if let Object::Exception(e) = self.heap.get(exc) {
            if e.class == ClassId::SYSTEM_EXIT {
                let arg = match self.heap.get(e.args) {
                    Object::Tuple(t) if t.len() == 1 => t[0],
                    Object::Tuple(t) if t.is_empty() => Value::None,
                    _ => Value::Obj(e.args),
                };
                return match arg {
                    Value::None => Outcome::Exit(0),
                    Value::Int(i) => Outcome::Exit(i as i32),
                    Value::Bool(b) => Outcome::Exit(b as i32),
                    other => {
                        let text = self.str_of(other);
                        let _ = self.host.write_stderr(&format!("{text}\n"));
                        Outcome::Exit(1)
                    }
                };
            }
        }
        Outcome::Error(RunError::Exception(self.report(exc)))
    }

    /// The general interpreter: every opcode with its full semantics. The
    /// threaded fast path (`dispatch`) runs one instruction at a time here
    /// when its handlers do not cover the case.
    pub(crate) fn dispatch_general(&mut self, fuel: &mut u64) -> Action {
        let Vm {
            heap,
            stack,
            frames,
            units,
            namespaces,
            config,
            handled,
            in_flight,
            host,
            loaded,
            ..
        } = self;
        let max_depth = config.max_depth;
        // Kept in a local so the loop does not write memory on every instruction.
        let mut fuel_left = *fuel;

        let Some(top) = frames.last().copied() else {
            return Action::Raise(Raise::runtime_error("no frame to run"));
        };
        let mut unit = &units[top.unit as usize];
        let mut func = unit.function(top.func);
        let mut code: &[Instr] = &func.code;
        let mut consts: &[Value] = &unit.consts[top.func as usize];
        let mut base = top.base as usize;
        let mut pc = top.pc as usize;
        let mut closure = top.closure;
        let mut plain_ret = top.ret == Ret::Register && top.gen.is_none();

        macro_rules! save_pc {
            () => {
                *fuel = fuel_left;
                if let Some(f) = frames.last_mut() {
                    f.pc = pc as u32;
                }
            };
        }
        macro_rules! raise {
            ($e:expr) => {{
                save_pc!();
                return Action::Raise($e);
            }};
        }
        macro_rules! tryv {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(e) => raise!(e),
                }
            };
        }
        // Register access without bounds checks.
        macro_rules! reg {
            ($i:expr) => {
                // SAFETY: verifier rule `register-in-frame`: every register operand and
                // window of verified code is below the function's `num_registers`, and a
                // frame is only entered after the stack was grown to `base + num_registers`
                // (frame pushes resize it; nothing shrinks it while the frame is live).
                *unsafe { stack.get_unchecked_mut(base + $i) }
            };
        }
        macro_rules! gc_check {
            () => {
                if heap.should_collect() {
                    save_pc!();
                    return Action::Collect;
                }
            };
        }
        macro_rules! load_frame {
            () => {{
                let Some(f) = frames.last().copied() else {
                    *fuel = fuel_left;
                    return Action::Raise(Raise::runtime_error("no frame to run"));
                };

                unit = &units[f.unit as usize];
                func = unit.function(f.func);
                code = &func.code;
                consts = &unit.consts[f.func as usize];
                base = f.base as usize;
                pc = f.pc as usize;
                closure = f.closure;
                plain_ret = f.ret == Ret::Register && f.gen.is_none();
            }};
        }
        // Take the `jmp` that follows a branch instruction, or skip it.
        macro_rules! branch {
            ($cond:expr) => {{
                if $cond {
                    // SAFETY: verifier rule `branch-then-jump`: a branch instruction is
                    // never the last one and is always followed by a `jmp`.
                    let j = *unsafe { code.get_unchecked(pc) };
                    pc = (pc as i64 + 1 + j.sj()) as usize;
                } else {
                    pc += 1;
                }
            }};
        }
        macro_rules! arith {
            ($ins:expr, $op:expr, $x:expr, $y:expr, $int:expr, $float:expr) => {{
                let (x, y) = ($x, $y);
                let fast: Option<Value> = match (x, y) {
                    (Value::Int(p), Value::Int(q)) => $int(p, q),
                    (Value::Float(p), Value::Float(q)) => $float(p, q),
                    (Value::Float(p), Value::Int(q)) => $float(p, q as f64),
                    (Value::Int(p), Value::Float(q)) => $float(p as f64, q),
                    _ => None,
                };
                match fast {
                    Some(v) => reg!($ins.a()) = v,
                    None => {
                        let v = tryv!(ops::binary(heap, $op, x, y));
                        reg!($ins.a()) = v;
                        gc_check!();
                    }
                }
            }};
        }
        macro_rules! compare {
            ($x:expr, $y:expr, $iop:tt, $cmp:expr) => {{
                let (x, y) = ($x, $y);
                match (x, y) {
                    (Value::Int(p), Value::Int(q)) => p $iop q,
                    (Value::Float(p), Value::Float(q)) => p $iop q,
                    _ => tryv!(ops::compare(heap, $cmp, x, y)),
                }
            }};
        }
        macro_rules! equal {
            ($x:expr, $y:expr) => {{
                let (x, y) = ($x, $y);
                match (x, y) {
                    (Value::Int(p), Value::Int(q)) => p == q,
                    (Value::Float(p), Value::Float(q)) => p == q,
                    _ => tryv!(ops::eq(heap, x, y)),
                }
            }};
        }

        let float_fast = |f: fn(f64, f64) -> f64| move |p: f64, q: f64| Some(Value::Float(f(p, q)));

        loop {
            if fuel_left == 0 {
                save_pc!();
                return Action::OutOfFuel;
            }
            fuel_left -= 1;
            // SAFETY: verifier rule `control-in-function`: every jump, branch and
            // handler target is an instruction of this function and no path runs past
            // the last one, so `pc` is always a valid index into `code`.
            let ins = *unsafe { code.get_unchecked(pc) };
            pc += 1;
            // SAFETY: verifier rule `decode`: every instruction of verified code has
            // an opcode byte that names an `Opcode`, whose representation is that byte.
            let op: Opcode = unsafe { std::mem::transmute::<u8, Opcode>(ins.op_byte()) };
            match op {
                Opcode::Nop => {}
                Opcode::Move => reg!(ins.a()) = reg!(ins.b()),
                Opcode::LoadI => reg!(ins.a()) = Value::Int(ins.sbx()),
                Opcode::LoadF => reg!(ins.a()) = Value::Float(ins.sbx() as f64),
                Opcode::LoadK => reg!(ins.a()) = consts[ins.bx()],
                Opcode::LoadNone => reg!(ins.a()) = Value::None,
                Opcode::LoadBool => reg!(ins.a()) = Value::Bool(ins.b() != 0),
                Opcode::Unbind => reg!(ins.a()) = Value::Undef,
                Opcode::ChkBound => {
                    if matches!(reg!(ins.a()), Value::Undef) {
                        let name = heap.as_str(&consts[ins.bx()]).unwrap_or("?").to_string();
                        raise!(Raise::new(
                            ClassId::UNBOUND_LOCAL_ERROR,
                            format!("cannot access local variable '{name}' where it is not associated with a value")
                        ));
                    }
                }
                Opcode::GetGlobal => {
                    let slot = unit.global_slots[ins.bx()];
                    reg!(ins.a()) = tryv!(namespaces[unit.namespace].read(slot));
                }
                Opcode::SetGlobal => {
                    let slot = unit.global_slots[ins.bx()];
                    namespaces[unit.namespace].values[slot] = reg!(ins.a());
                }
                Opcode::DelGlobal => {
                    let slot = unit.global_slots[ins.bx()];
                    let space = &mut namespaces[unit.namespace];
                    tryv!(space.read(slot));
                    space.values[slot] = Value::Undef;
                }
                Opcode::GetUpval => {
                    let cell = tryv!(upval(heap, closure, ins.b()));
                    let v = match heap.get(cell) {
                        Object::Cell(v) => *v,
                        _ => Value::Undef,
                    };
                    if matches!(v, Value::Undef) {
                        let name = func.captures.get(ins.b()).map_or("?", |c| c.name.as_str());
                        raise!(Raise::name_error(format!(
                            "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
                        )));
                    }
                    reg!(ins.a()) = v;
                }
                Opcode::SetUpval => {
                    let cell = tryv!(upval(heap, closure, ins.b()));
                    let v = reg!(ins.a());
                    if let Object::Cell(c) = heap.get_mut(cell) {
                        *c = v;
                    }
                }
                Opcode::MkCell => {
                    let v = reg!(ins.a());
                    reg!(ins.a()) = Value::Obj(heap.alloc(Object::Cell(v)));
                    gc_check!();
                }
                Opcode::GetCell => {
                    let v = match reg!(ins.b()) {
                        Value::Obj(r) => match heap.get(r) {
                            Object::Cell(v) => *v,
                            _ => raise!(Raise::type_error("register does not hold a cell")),
                        },
                        _ => raise!(Raise::type_error("register does not hold a cell")),
                    };
                    if matches!(v, Value::Undef) {
                        let name = func.names.get(ins.b()).map_or("?", String::as_str);
                        raise!(Raise::new(
                            ClassId::UNBOUND_LOCAL_ERROR,
                            format!("cannot access local variable '{name}' where it is not associated with a value")
                        ));
                    }
                    reg!(ins.a()) = v;
                }
                Opcode::SetCell => {
                    let v = reg!(ins.b());
                    match reg!(ins.a()) {
                        Value::Obj(r) => match heap.get_mut(r) {
                            Object::Cell(c) => *c = v,
                            _ => raise!(Raise::type_error("register does not hold a cell")),
                        },
                        _ => raise!(Raise::type_error("register does not hold a cell")),
                    }
                }
                Opcode::Closure => {
                    let target = ins.bx();
                    let proto = unit.function(target as u32);
                    let mut captures = Vec::with_capacity(proto.captures.len());
                    for cap in &proto.captures {
                        let cell = match cap.source {
                            bytecode::CaptureSource::Register(r) => match reg!(r as usize) {
                                Value::Obj(c) if matches!(heap.get(c), Object::Cell(_)) => c,
                                _ => raise!(Raise::type_error(format!(
                                    "captured variable '{}' is not in a cell",
                                    cap.name
                                ))),
                            },
                            bytecode::CaptureSource::Upval(u) => {
                                tryv!(upval(heap, closure, u as usize))
                            }
                        };
                        captures.push(cell);
                    }
                    let f = FunctionObj {
                        unit: frames.last().map_or(0, |f| f.unit),
                        func: target as u32,
                        name: unit.names[target],
                        captures: captures.into_boxed_slice(),
                        defaults: None,
                        kwdefaults: None,
                    };
                    reg!(ins.a()) = Value::Obj(heap.alloc(Object::Function(Box::new(f))));
                    gc_check!();
                }
                Opcode::Defaults => {
                    let v = reg!(ins.b());
                    let Value::Obj(r) = reg!(ins.a()) else {
                        raise!(Raise::type_error("defaults can only be set on a function"));
                    };
                    let d = v.as_obj();
                    match heap.get_mut(r) {
                        Object::Function(f) => {
                            if ins.c() == 0 {
                                f.defaults = d;
                            } else {
                                f.kwdefaults = d;
                            }
                        }
                        _ => raise!(Raise::type_error("defaults can only be set on a function")),
                    }
                }
                Opcode::Add => arith!(
                    ins,
                    BinOp::Add,
                    reg!(ins.b()),
                    reg!(ins.c()),
                    |p: i64, q: i64| p.checked_add(q).map(Value::Int),
                    float_fast(|p, q| p + q)
                ),
                Opcode::Sub => arith!(
                    ins,
                    BinOp::Sub,
                    reg!(ins.b()),
                    reg!(ins.c()),
                    |p: i64, q: i64| p.checked_sub(q).map(Value::Int),
                    float_fast(|p, q| p - q)
                ),
                Opcode::Mul => arith!(
                    ins,
                    BinOp::Mul,
                    reg!(ins.b()),
                    reg!(ins.c()),
                    |p: i64, q: i64| p.checked_mul(q).map(Value::Int),
                    float_fast(|p, q| p * q)
                ),
                Opcode::Div => arith!(
                    ins,
                    BinOp::TrueDiv,
                    reg!(ins.b()),
                    reg!(ins.c()),
                    |_, _| None,
                    |p: f64, q: f64| (q != 0.0).then(|| Value::Float(p / q))
                ),
                Opcode::IDiv => arith!(
                    ins,
                    BinOp::FloorDiv,
                    reg!(ins.b()),
                    reg!(ins.c()),
                    |p: i64, q: i64| (q != 0 && !(p == i64::MIN && q == -1))
                        .then(|| Value::Int(num::floordiv_i64(p, q))),
                    |_, _| None
                ),
                Opcode::Mod => arith!(
                    ins,
                    BinOp::Mod,
                    reg!(ins.b()),
                    reg!(ins.c()),
                    |p: i64, q: i64| (q != 0).then(|| Value::Int(num::mod_i64(p, q))),
                    |_, _| None
                ),
                Opcode::Pow => arith!(
                    ins,
                    BinOp::Pow,
                    reg!(ins.b()),
                    reg!(ins.c()),
                    |_, _| None,
                    |_, _| None
                ),
                Opcode::BAnd => arith!(
                    ins,
                    BinOp::And,
                    reg!(ins.b()),
                    reg!(ins.c()),
                    |p: i64, q: i64| Some(Value::Int(p & q)),
                    |_, _| None
                ),
                Opcode::BOr => arith!(
                    ins,
                    BinOp::Or,
                    reg!(ins.b()),
                    reg!(ins.c()),
                    |p: i64, q: i64| Some(Value::Int(p | q)),
                    |_, _| None
                ),
                Opcode::BXor => arith!(
                    ins,
                    BinOp::Xor,
                    reg!(ins.b()),
                    reg!(ins.c()),
                    |p: i64, q: i64| Some(Value::Int(p ^ q)),
                    |_, _| None
                ),
                Opcode::Shl => arith!(
                    ins,
                    BinOp::Shl,
                    reg!(ins.b()),
                    reg!(ins.c()),
                    |_, _| None,
                    |_, _| None
                ),
                Opcode::Shr => arith!(
                    ins,
                    BinOp::Shr,
                    reg!(ins.b()),
                    reg!(ins.c()),
                    |p: i64, q: i64| (q >= 0).then(|| Value::Int(p >> q.min(63))),
                    |_, _| None
                ),
                Opcode::AddI => arith!(
                    ins,
                    BinOp::Add,
                    reg!(ins.b()),
                    Value::Int(ins.sc()),
                    |p: i64, q: i64| p.checked_add(q).map(Value::Int),
                    float_fast(|p, q| p + q)
                ),
                Opcode::SubI => arith!(
                    ins,
                    BinOp::Sub,
                    reg!(ins.b()),
                    Value::Int(ins.sc()),
                    |p: i64, q: i64| p.checked_sub(q).map(Value::Int),
                    float_fast(|p, q| p - q)
                ),
                Opcode::MulI => arith!(
                    ins,
                    BinOp::Mul,
                    reg!(ins.b()),
                    Value::Int(ins.sc()),
                    |p: i64, q: i64| p.checked_mul(q).map(Value::Int),
                    float_fast(|p, q| p * q)
                ),
                Opcode::IDivI => arith!(
                    ins,
                    BinOp::FloorDiv,
                    reg!(ins.b()),
                    Value::Int(ins.sc()),
                    |p: i64, q: i64| (q != 0 && !(p == i64::MIN && q == -1))
                        .then(|| Value::Int(num::floordiv_i64(p, q))),
                    |_, _| None
                ),
                Opcode::ModI => arith!(
                    ins,
                    BinOp::Mod,
                    reg!(ins.b()),
                    Value::Int(ins.sc()),
                    |p: i64, q: i64| (q != 0).then(|| Value::Int(num::mod_i64(p, q))),
                    |_, _| None
                ),
                Opcode::AddK => arith!(
                    ins,
                    BinOp::Add,
                    reg!(ins.b()),
                    consts[ins.c()],
                    |p: i64, q: i64| p.checked_add(q).map(Value::Int),
                    float_fast(|p, q| p + q)
                ),
                Opcode::SubK => arith!(
                    ins,
                    BinOp::Sub,
                    reg!(ins.b()),
                    consts[ins.c()],
                    |p: i64, q: i64| p.checked_sub(q).map(Value::Int),
                    float_fast(|p, q| p - q)
                ),
                Opcode::MulK => arith!(
                    ins,
                    BinOp::Mul,
                    reg!(ins.b()),
                    consts[ins.c()],
                    |p: i64, q: i64| p.checked_mul(q).map(Value::Int),
                    float_fast(|p, q| p * q)
                ),
                Opcode::DivK => arith!(
                    ins,
                    BinOp::TrueDiv,
                    reg!(ins.b()),
                    consts[ins.c()],
                    |_, _| None,
                    |p: f64, q: f64| (q != 0.0).then(|| Value::Float(p / q))
                ),
                // A literal left operand, and the later constant forms. The
                // dispatcher has the fast paths; here Python's full rules,
                // operands in source order.
                Opcode::RAddI
                | Opcode::RSubI
                | Opcode::RMulI
                | Opcode::RAddK
                | Opcode::RSubK
                | Opcode::RMulK
                | Opcode::RDivK
                | Opcode::ModK
                | Opcode::IDivK => {
                    let Some((bop, form, _)) = crate::dispatch::binary_form(op) else {
                        unreachable!("every folded form has an operator")
                    };
                    let (lhs, rhs) = match form {
                        crate::dispatch::Operands::ImmLeft => (Value::Int(ins.sc()), reg!(ins.b())),
                        crate::dispatch::Operands::ConstLeft => (consts[ins.c()], reg!(ins.b())),
                        _ => (reg!(ins.b()), consts[ins.c()]),
                    };
                    let v = tryv!(ops::binary(heap, bop, lhs, rhs));
                    reg!(ins.a()) = v;
                    gc_check!();
                }
                Opcode::Neg => {
                    let v = reg!(ins.b());
                    reg!(ins.a()) = match v {
                        Value::Int(i) if i != i64::MIN => Value::Int(-i),
                        Value::Float(f) => Value::Float(-f),
                        _ => {
                            let r = tryv!(ops::unary(heap, UnOp::Neg, v));
                            reg!(ins.a()) = r;
                            gc_check!();
                            continue;
                        }
                    };
                }
                Opcode::Pos => {
                    let v = tryv!(ops::unary(heap, UnOp::Pos, reg!(ins.b())));
                    reg!(ins.a()) = v;
                }
                Opcode::Not => {
                    let v = reg!(ins.b());
                    reg!(ins.a()) = Value::Bool(!ops::truthy(heap, v));
                }
                Opcode::Invert => {
                    let v = tryv!(ops::unary(heap, UnOp::Invert, reg!(ins.b())));
                    reg!(ins.a()) = v;
                    gc_check!();
                }
                Opcode::Wrap32 => {
                    let v = match reg!(ins.b()) {
                        Value::Int(i) => i as i32 as i64,
                        Value::Bool(b) => b as i64,
                        other => match heap.as_bigint(other) {
                            Some(b) => {
                                let (_, digits) = b.to_u32_digits();
                                let low = digits.first().copied().unwrap_or(0);
                                let low = if b.sign() == num_bigint::Sign::Minus {
                                    low.wrapping_neg()
                                } else {
                                    low
                                };
                                low as i32 as i64
                            }
                            None => raise!(Raise::type_error(format!(
                                "wrap32 needs an int, not '{}'",
                                heap.type_name(other)
                            ))),
                        },
                    };
                    reg!(ins.a()) = Value::Int(v);
                }
                Opcode::TDiv | Opcode::TMod => {
                    let (x, y) = (reg!(ins.b()), reg!(ins.c()));
                    // Two 64-bit ints need no big-integer detour, except for a
                    // zero divisor (raised below) and i64::MIN / -1 (2^63).
                    if let (Value::Int(p), Value::Int(q)) = (x, y) {
                        if q != 0 && !(p == i64::MIN && q == -1) {
                            reg!(ins.a()) =
                                Value::Int(if op == Opcode::TDiv { p / q } else { p % q });
                            continue;
                        }
                    }
                    let (Some(p), Some(q)) = (ops::to_int(heap, x), ops::to_int(heap, y)) else {
                        raise!(Raise::type_error(format!(
                            "unsupported operand type(s) for {}: '{}' and '{}'",
                            op.mnemonic(),
                            heap.type_name(x),
                            heap.type_name(y)
                        )));
                    };
                    if q.signum() == 0 {
                        raise!(Raise::zero_division(if op == Opcode::TDiv {
                            "integer division by zero"
                        } else {
                            "integer modulo by zero"
                        }));
                    }
                    let (p, q) = (p.to_big(), q.to_big());
                    let r = if op == Opcode::TDiv { p / q } else { p % q };
                    reg!(ins.a()) = heap.int(r);
                }
                Opcode::FDiv => {
                    let (x, y) = (reg!(ins.b()), reg!(ins.c()));
                    let (Some(p), Some(q)) = (ops::to_num(heap, x), ops::to_num(heap, y)) else {
                        raise!(Raise::type_error(format!(
                            "unsupported operand type(s) for fdiv: '{}' and '{}'",
                            heap.type_name(x),
                            heap.type_name(y)
                        )));
                    };
                    let p = tryv!(ops::num_to_f64(&p));
                    let q = tryv!(ops::num_to_f64(&q));
                    reg!(ins.a()) = Value::Float(p / q);
                }
                Opcode::ChkI64 => {
                    let v = reg!(ins.a());
                    if heap.as_bigint(v).is_some() {
                        raise!(Raise::overflow(
                            "integer overflow: the result does not fit in 64 bits"
                        ));
                    }
                }
                Opcode::Eq => reg!(ins.a()) = Value::Bool(equal!(reg!(ins.b()), reg!(ins.c()))),
                Opcode::Ne => reg!(ins.a()) = Value::Bool(!equal!(reg!(ins.b()), reg!(ins.c()))),
                Opcode::Lt => {
                    reg!(ins.a()) =
                        Value::Bool(compare!(reg!(ins.b()), reg!(ins.c()), <, CmpOp::Lt))
                }
                Opcode::Le => {
                    reg!(ins.a()) =
                        Value::Bool(compare!(reg!(ins.b()), reg!(ins.c()), <=, CmpOp::Le))
                }
                Opcode::Gt => {
                    reg!(ins.a()) =
                        Value::Bool(compare!(reg!(ins.b()), reg!(ins.c()), >, CmpOp::Gt))
                }
                Opcode::Ge => {
                    reg!(ins.a()) =
                        Value::Bool(compare!(reg!(ins.b()), reg!(ins.c()), >=, CmpOp::Ge))
                }
                Opcode::Is => reg!(ins.a()) = Value::Bool(reg!(ins.b()).is(reg!(ins.c()))),
                Opcode::IsNot => reg!(ins.a()) = Value::Bool(!reg!(ins.b()).is(reg!(ins.c()))),
                Opcode::In | Opcode::NotIn => {
                    let (container, item) = (reg!(ins.c()), reg!(ins.b()));
                    if is_lazy_obj(heap, container) {
                        save_pc!();
                        return Action::Lazy(LazyOp::Contains {
                            container,
                            item,
                            dst: base + ins.a(),
                            negate: op == Opcode::NotIn,
                        });
                    }
                    let r = tryv!(ops::contains(heap, container, item));
                    reg!(ins.a()) = Value::Bool(r != (op == Opcode::NotIn));
                }
                Opcode::BrEq => branch!(equal!(reg!(ins.a()), reg!(ins.b())) == (ins.c() != 0)),
                Opcode::BrLt => {
                    branch!(compare!(reg!(ins.a()), reg!(ins.b()), <, CmpOp::Lt) == (ins.c() != 0))
                }
                Opcode::BrLe => {
                    branch!(compare!(reg!(ins.a()), reg!(ins.b()), <=, CmpOp::Le) == (ins.c() != 0))
                }
                Opcode::BrGt => {
                    branch!(compare!(reg!(ins.a()), reg!(ins.b()), >, CmpOp::Gt) == (ins.c() != 0))
                }
                Opcode::BrGe => {
                    branch!(compare!(reg!(ins.a()), reg!(ins.b()), >=, CmpOp::Ge) == (ins.c() != 0))
                }
                Opcode::BrIs => branch!(reg!(ins.a()).is(reg!(ins.b())) == (ins.c() != 0)),
                Opcode::BrEqI => {
                    branch!(equal!(reg!(ins.a()), Value::Int(ins.sb())) == (ins.c() != 0))
                }
                Opcode::BrLtI => branch!(
                    compare!(reg!(ins.a()), Value::Int(ins.sb()), <, CmpOp::Lt) == (ins.c() != 0)
                ),
                Opcode::BrLeI => branch!(
                    compare!(reg!(ins.a()), Value::Int(ins.sb()), <=, CmpOp::Le) == (ins.c() != 0)
                ),
                Opcode::BrGtI => branch!(
                    compare!(reg!(ins.a()), Value::Int(ins.sb()), >, CmpOp::Gt) == (ins.c() != 0)
                ),
                Opcode::BrGeI => branch!(
                    compare!(reg!(ins.a()), Value::Int(ins.sb()), >=, CmpOp::Ge) == (ins.c() != 0)
                ),
                Opcode::BrLtK => {
                    branch!(
                        compare!(reg!(ins.a()), consts[ins.b()], <, CmpOp::Lt) == (ins.c() != 0)
                    )
                }
                Opcode::BrLeK => {
                    branch!(
                        compare!(reg!(ins.a()), consts[ins.b()], <=, CmpOp::Le) == (ins.c() != 0)
                    )
                }
                Opcode::BrGtK => {
                    branch!(
                        compare!(reg!(ins.a()), consts[ins.b()], >, CmpOp::Gt) == (ins.c() != 0)
                    )
                }
                Opcode::BrGeK => {
                    branch!(
                        compare!(reg!(ins.a()), consts[ins.b()], >=, CmpOp::Ge) == (ins.c() != 0)
                    )
                }
                Opcode::BrNone => branch!(reg!(ins.a()).is_none() == (ins.c() != 0)),
                Opcode::BrTrue => {
                    let t = match reg!(ins.a()) {
                        Value::Bool(b) => b,
                        v => ops::truthy(heap, v),
                    };
                    branch!(t == (ins.c() != 0))
                }
                Opcode::Jmp => pc = (pc as i64 + ins.sj()) as usize,
                Opcode::JmpTab => {
                    let offset = reg!(ins.a());
                    let table = match &func.constants[ins.bx()] {
                        bytecode::Constant::Table(t) => t,
                        _ => raise!(Raise::runtime_error("jmptab needs a jump table")),
                    };
                    let target = match offset {
                        Value::Int(o) if o >= 0 && o % 4 == 0 && ((o / 4) as usize) < table.len() => {
                            table[(o / 4) as usize] as usize
                        }
                        Value::Int(o) => raise!(Raise::runtime_error(format!(
                            "jump target {o} is not an instruction boundary inside the code ({} bytes)",
                            table.len() * 4
                        ))),
                        other => raise!(Raise::type_error(format!(
                            "jump target must be an int, not '{}'",
                            heap.type_name(other)
                        ))),
                    };
                    pc = target;
                }
                Opcode::Call | Opcode::CallG | Opcode::CallG1 => {
                    let a = ins.a();
                    let nargs = match op {
                        Opcode::Call => ins.b(),
                        _ => {
                            // The callee first (its NameError before anything
                            // else), then the one argument of `callg1`.
                            let slot = unit.global_slots[ins.c()];
                            reg!(a) = tryv!(namespaces[unit.namespace].read(slot));
                            if op == Opcode::CallG1 {
                                reg!(a + 1) = reg!(ins.b());
                                1
                            } else {
                                ins.b()
                            }
                        }
                    };
                    if let Value::Obj(r) = reg!(a) {
                        if let Object::Function(fobj) = heap.get(r) {
                            let callee_unit = &units[fobj.unit as usize];
                            let proto = callee_unit.function(fobj.func);
                            let simple = proto.num_params as usize == nargs
                                && proto.num_kwonly == 0
                                && !proto.flags.varargs
                                && !proto.flags.varkw
                                && !proto.flags.generator
                                && (nargs == 0 || !matches!(reg!(a + 1), Value::Undef));

                            if simple {
                                if frames.len() >= max_depth {
                                    raise!(Raise::new(
                                        ClassId::RECURSION_ERROR,
                                        "maximum recursion depth exceeded"
                                    ));
                                }
                                let new_base = base + a + 1;
                                let top = new_base + proto.num_registers as usize;
                                if stack.len() < top {
                                    stack.resize(top, Value::Undef);
                                }
                                stack[new_base + nargs..top].fill(Value::Undef);
                                save_pc!();
                                frames.push(Frame {
                                    unit: fobj.unit,
                                    func: fobj.func,
                                    pc: 0,
                                    base: new_base as u32,
                                    closure: Some(r),
                                    ret: Ret::Register,
                                    gen: None,
                                });
                                load_frame!();
                                continue;
                            }
                        }
                    }
                    save_pc!();
                    return Action::Call {
                        a,
                        nargs,
                        kind: CallKind::Plain,
                    };
                }
                Opcode::CallKw => {
                    save_pc!();
                    return Action::Call {
                        a: ins.a(),
                        nargs: ins.b(),
                        kind: CallKind::Keywords(ins.c()),
                    };
                }
                Opcode::CallEx => {
                    save_pc!();
                    return Action::Call {
                        a: ins.a(),
                        nargs: 0,
                        kind: CallKind::Star(ins.b() != 0),
                    };
                }
                Opcode::GetMethod => {
                    let recv = reg!(ins.b());
                    if let Value::Module(crate::value::ModuleId::Loaded(ns)) = recv {
                        let v = tryv!(loaded_attr(heap, namespaces, ns, consts[ins.c()]));
                        reg!(ins.a()) = v;
                        reg!(ins.a() + 1) = Value::Undef;
                        continue;
                    }
                    match builtins::get_method(heap, recv, consts[ins.c()]) {
                        Ok((callee, this)) => {
                            reg!(ins.a()) = callee;
                            reg!(ins.a() + 1) = this;
                        }
                        Err(e) => raise!(e),
                    }
                }
                Opcode::GetAttr => {
                    let recv = reg!(ins.b());
                    if let Value::Module(crate::value::ModuleId::Loaded(ns)) = recv {
                        let v = tryv!(loaded_attr(heap, namespaces, ns, consts[ins.c()]));
                        reg!(ins.a()) = v;
                        continue;
                    }
                    let name = heap.as_str(&consts[ins.c()]).unwrap_or("").to_string();
                    let v = tryv!(builtins::get_attr(heap, recv, &name));
                    reg!(ins.a()) = v;
                    gc_check!();
                }
                Opcode::Return | Opcode::ReturnNone | Opcode::ReturnK => {
                    let v = match op {
                        Opcode::Return => reg!(ins.a()),
                        Opcode::ReturnK => consts[ins.bx()],
                        _ => Value::None,
                    };
                    if !plain_ret {
                        save_pc!();
                        return Action::FrameReturn(v);
                    }
                    frames.pop();
                    if frames.is_empty() {
                        *fuel = fuel_left;
                        return Action::Return(v);
                    }
                    // The caller's callee register, just below this frame.
                    stack[base - 1] = v;
                    load_frame!();
                }
                Opcode::NewList | Opcode::NewTuple => {
                    let items = stack[base + ins.b()..base + ins.b() + ins.c()].to_vec();
                    reg!(ins.a()) = if op == Opcode::NewList {
                        heap.list(items)
                    } else {
                        heap.tuple(items)
                    };
                    gc_check!();
                }
                Opcode::NewSet => {
                    let items = &stack[base + ins.b()..base + ins.b() + ins.c()];
                    let set = tryv!(builtins::make_set(heap, items));
                    reg!(ins.a()) = set;
                    gc_check!();
                }
                Opcode::NewDict => {
                    let items = &stack[base + ins.b()..base + ins.b() + 2 * ins.c()];
                    let d = tryv!(builtins::make_dict(heap, items));
                    reg!(ins.a()) = d;
                    gc_check!();
                }
                Opcode::GetIndex => {
                    let (obj, key) = (reg!(ins.b()), reg!(ins.c()));
                    if let (Value::Obj(r), Value::Int(i)) = (obj, key) {
                        if let Object::List(items) = heap.get(r) {
                            let j = if i < 0 { i + items.len() as i64 } else { i };
                            if let Some(v) = items.get(j as usize).filter(|_| j >= 0) {
                                reg!(ins.a()) = v;
                                continue;
                            }
                        }
                    }
                    let v = tryv!(ops::get_item(heap, obj, key));
                    reg!(ins.a()) = v;
                    gc_check!();
                }
                Opcode::GetIndexI => {
                    let obj = reg!(ins.b());
                    let i = ins.c();
                    if let Value::Obj(r) = obj {
                        match heap.get(r) {
                            Object::List(items) => {
                                if let Some(v) = items.get(i) {
                                    reg!(ins.a()) = v;
                                    continue;
                                }
                            }
                            Object::Tuple(items) if i < items.len() => {
                                reg!(ins.a()) = items[i];
                                continue;
                            }
                            _ => {}
                        }
                    }
                    let v = tryv!(ops::get_item(heap, obj, Value::Int(i as i64)));
                    reg!(ins.a()) = v;
                    gc_check!();
                }
                Opcode::SetIndex | Opcode::SetIndexI => {
                    let obj = reg!(ins.a());
                    let key = if op == Opcode::SetIndex {
                        reg!(ins.b())
                    } else {
                        Value::Int(ins.b() as i64)
                    };
                    let v = reg!(ins.c());
                    if let (Value::Obj(r), Value::Int(i)) = (obj, key) {
                        if let Object::List(items) = heap.get_mut(r) {
                            let j = if i < 0 { i + items.len() as i64 } else { i };
                            if j >= 0 && (j as usize) < items.len() {
                                // A value of another kind can switch a
                                // compact list to general storage: a growth
                                // that may call for a collection (or pass the
                                // memory limit).
                                let grown = items.set(j as usize, v);
                                heap.note_growth(grown);
                                gc_check!();
                                continue;
                            }
                        }
                    }
                    tryv!(ops::set_item(heap, obj, key, v));
                    gc_check!();
                }
                Opcode::DelIndex => tryv!(ops::del_item(heap, reg!(ins.a()), reg!(ins.b()))),
                Opcode::GetSlice => {
                    let c = ins.c();
                    let v = tryv!(ops::get_slice(
                        heap,
                        reg!(ins.b()),
                        reg!(c),
                        reg!(c + 1),
                        reg!(c + 2)
                    ));
                    reg!(ins.a()) = v;
                    gc_check!();
                }
                Opcode::SetSlice => {
                    let b = ins.b();
                    tryv!(ops::set_slice(
                        heap,
                        reg!(ins.a()),
                        reg!(b),
                        reg!(b + 1),
                        reg!(b + 2),
                        reg!(ins.c())
                    ));
                    gc_check!();
                }
                Opcode::DelSlice => {
                    let b = ins.b();
                    tryv!(ops::del_slice(
                        heap,
                        reg!(ins.a()),
                        reg!(b),
                        reg!(b + 1),
                        reg!(b + 2)
                    ));
                }
                Opcode::Len => {
                    let n = tryv!(ops::len(heap, reg!(ins.b())));
                    reg!(ins.a()) = Value::Int(n as i64);
                }
                Opcode::Append => {
                    let v = reg!(ins.b());
                    let grown = match reg!(ins.a()) {
                        Value::Obj(r) => match heap.get_mut(r) {
                            Object::List(items) => items.push(v),
                            _ => raise!(Raise::type_error("append needs a list")),
                        },
                        _ => raise!(Raise::type_error("append needs a list")),
                    };
                    heap.note_growth(grown);
                    gc_check!();
                }
                Opcode::SetAdd => {
                    tryv!(builtins::set_add(heap, reg!(ins.a()), reg!(ins.b())));
                    gc_check!();
                }
                Opcode::Unpack | Opcode::UnpackEx => {
                    let src = reg!(ins.b());
                    let (before, after, starred) = if op == Opcode::Unpack {
                        (ins.c(), 0, false)
                    } else {
                        (ins.c() >> 4, ins.c() & 15, true)
                    };
                    if is_lazy_obj(heap, src) {
                        save_pc!();
                        return Action::Lazy(LazyOp::Unpack {
                            src,
                            dst: base + ins.a(),
                            before,
                            after,
                            starred,
                        });
                    }
                    if starred {
                        let items = tryv!(unpack_starred(heap, src, before, after));
                        stack[base + ins.a()..base + ins.a() + items.len()].copy_from_slice(&items);
                        gc_check!();
                        continue;
                    }
                    let items = tryv!(ops::unpack(heap, src, ins.c()));
                    stack[base + ins.a()..base + ins.a() + items.len()].copy_from_slice(&items);
                    gc_check!();
                }
                Opcode::GetIter => {
                    let it = tryv!(ops::make_iter(heap, reg!(ins.b())));
                    reg!(ins.a()) = it;
                    gc_check!();
                }
                Opcode::ForIter => {
                    let it = reg!(ins.a());
                    // Fast path: a list or tuple iterator.
                    if let Value::Obj(r) = it {
                        if let Object::Iter(state) = heap.get(r) {
                            if let IterObj::Seq { seq, pos } = **state {
                                let next = heap.seq_get(Value::Obj(seq), pos);
                                if let Object::Iter(state) = heap.get_mut(r) {
                                    **state = match next {
                                        Some(_) => IterObj::Seq { seq, pos: pos + 1 },
                                        None => IterObj::Done,
                                    };
                                }
                                if let Some(v) = next {
                                    reg!(ins.b()) = v;
                                }
                                branch!(next.is_some());
                                continue;
                            }
                        }
                    }
                    if is_lazy_obj(heap, it) {
                        let j = code[pc];
                        let target = (pc as i64 + 1 + j.sj()) as u32;
                        pc += 1;
                        save_pc!();
                        return Action::StepIter {
                            it,
                            item: base + ins.b(),
                            target,
                        };
                    }
                    let next = tryv!(ops::iter_next(heap, it));
                    if let Some(v) = next {
                        reg!(ins.b()) = v;
                    }
                    branch!(next.is_some());
                    gc_check!();
                }
                Opcode::Yield => {
                    save_pc!();
                    return Action::Yield(reg!(ins.a()));
                }
                Opcode::ForPrep => {
                    let a = ins.a();
                    for k in 0..3 {
                        let v = reg!(a + k);
                        match v {
                            Value::Int(_) => {}
                            Value::Bool(b) => reg!(a + k) = Value::Int(b as i64),
                            _ if heap.as_bigint(v).is_some() => {}
                            _ => raise!(Raise::type_error(format!(
                                "'{}' object cannot be interpreted as an integer",
                                heap.type_name(v)
                            ))),
                        }
                    }
                    let (start, stop, step) = (reg!(a), reg!(a + 1), reg!(a + 2));
                    let step_sign = match step {
                        Value::Int(s) => s.signum(),
                        v => ops::to_int(heap, v).map_or(0, |i| i.signum() as i64),
                    };
                    if step_sign == 0 {
                        raise!(Raise::value_error("range() arg 3 must not be zero"));
                    }
                    let cmp = if step_sign > 0 { CmpOp::Lt } else { CmpOp::Gt };
                    let nonempty = match (start, stop) {
                        (Value::Int(p), Value::Int(q)) => {
                            if step_sign > 0 {
                                p < q
                            } else {
                                p > q
                            }
                        }
                        _ => tryv!(ops::compare(heap, cmp, start, stop)),
                    };
                    if nonempty {
                        reg!(ins.b()) = start;
                    }
                    branch!(!nonempty);
                }
                Opcode::ForLoop | Opcode::ForLoop1 => {
                    let a = ins.a();
                    // `forloop1` steps by 1 and has no step register.
                    let step = match op {
                        Opcode::ForLoop1 => Value::Int(1),
                        _ => reg!(a + 2),
                    };
                    let continuing = match (reg!(a), reg!(a + 1), step) {
                        (Value::Int(i), Value::Int(stop), Value::Int(step)) => {
                            match i.checked_add(step) {
                                Some(n) if (step > 0 && n < stop) || (step < 0 && n > stop) => {
                                    reg!(a) = Value::Int(n);
                                    reg!(ins.b()) = Value::Int(n);
                                    true
                                }
                                _ => false,
                            }
                        }
                        (i, stop, step) => {
                            // Big-integer bounds: the generic slow path.
                            let n = tryv!(ops::binary(heap, BinOp::Add, i, step));
                            let up = ops::to_int(heap, step).map_or(1, |s| s.signum());
                            let cmp = if up > 0 { CmpOp::Lt } else { CmpOp::Gt };
                            let go = tryv!(ops::compare(heap, cmp, n, stop));
                            reg!(a) = n;
                            if go {
                                reg!(ins.b()) = n;
                            }
                            go
                        }
                    };
                    branch!(continuing);
                }
                Opcode::Str | Opcode::Repr => {
                    let v = reg!(ins.b());
                    if op == Opcode::Str && heap.as_str(&v).is_some() {
                        reg!(ins.a()) = v;
                        continue;
                    }
                    let s = if op == Opcode::Str {
                        tryv!(ops::str_of(heap, v))
                    } else {
                        tryv!(ops::repr(heap, v))
                    };
                    reg!(ins.a()) = heap.str(s);
                    gc_check!();
                }
                Opcode::Format => {
                    let s = tryv!(builtins::format_value(heap, reg!(ins.b()), reg!(ins.c())));
                    reg!(ins.a()) = heap.str(s);
                    gc_check!();
                }
                Opcode::BuildStr => {
                    let mut s = String::new();
                    for k in 0..ins.c() {
                        let v = reg!(ins.b() + k);
                        match heap.as_str(&v) {
                            Some(t) => s.push_str(t),
                            None => s.push_str(&tryv!(ops::str_of(heap, v))),
                        }
                    }
                    reg!(ins.a()) = heap.str(s);
                    gc_check!();
                }
                Opcode::Write => {
                    let v = reg!(ins.a());
                    let text = match heap.as_str(&v) {
                        Some(t) => t.to_string(),
                        None => tryv!(ops::str_of(heap, v)),
                    };
                    if let Err(e) = host.write_stdout(&text) {
                        raise!(Raise::new(ClassId::OS_ERROR, e.to_string()));
                    }
                }
                Opcode::Import => {
                    let name = heap.as_str(&consts[ins.bx()]).unwrap_or("");
                    if let Some(m) = crate::value::ModuleId::from_name(name) {
                        reg!(ins.a()) = Value::Module(m);
                        continue;
                    }
                    if let Some((_, ns)) = loaded.iter().find(|(n, _)| n == name) {
                        reg!(ins.a()) = Value::Module(crate::value::ModuleId::Loaded(*ns));
                        continue;
                    }
                    let name = name.to_string();
                    save_pc!();
                    return Action::Import {
                        name,
                        dst: base + ins.a(),
                    };
                }
                Opcode::Raise | Opcode::RaiseFrom => {
                    let exc = tryv!(builtins::exception_instance(
                        heap,
                        reg!(ins.a()),
                        "exceptions must derive from BaseException"
                    ));
                    if op == Opcode::RaiseFrom {
                        let cause = match reg!(ins.b()) {
                            Value::None => Value::None,
                            v => Value::Obj(tryv!(builtins::exception_instance(
                                heap,
                                v,
                                "exception causes must derive from BaseException"
                            ))),
                        };
                        if let Object::Exception(e) = heap.get_mut(exc) {
                            e.cause = cause;
                            e.suppress_context = true;
                        }
                    }
                    raise!(Raise::Obj(exc));
                }
                Opcode::Reraise => {
                    let v = reg!(ins.a());
                    match v {
                        Value::Obj(r) if matches!(heap.get(r), Object::Exception(_)) => {
                            save_pc!();
                            return Action::Reraise(r);
                        }
                        _ => raise!(Raise::runtime_error("No active exception to reraise")),
                    }
                }
                Opcode::Error => {
                    let class =
                        ClassId::from_exception_number(ins.a()).unwrap_or(ClassId::RUNTIME_ERROR);
                    let arg = match consts[ins.bx()] {
                        Value::None => crate::error::ExcArg::Empty,
                        v => match heap.as_str(&v) {
                            Some(m) => crate::error::ExcArg::Msg(m.to_string()),
                            None => crate::error::ExcArg::Value(v),
                        },
                    };
                    raise!(Raise::New(class, arg));
                }
                Opcode::GetExc => reg!(ins.a()) = *in_flight,
                Opcode::ExcMatch => {
                    let r = tryv!(builtins::exception_matches(
                        heap,
                        reg!(ins.b()),
                        reg!(ins.c())
                    ));
                    reg!(ins.a()) = Value::Bool(r);
                }
                Opcode::PushExc => {
                    reg!(ins.a()) = *handled;
                    *handled = *in_flight;
                }
                Opcode::PopExc => *handled = reg!(ins.a()),
                Opcode::NewMem => {
                    reg!(ins.a()) = Value::Obj(heap.alloc(Object::Memory(Vec::new())));
                    gc_check!();
                }
                Opcode::MemGrow => {
                    let n = match reg!(ins.b()) {
                        Value::Int(n) if n >= 0 => n as usize,
                        Value::Int(n) => raise!(Raise::value_error(format!(
                            "cannot grow memory by {n} bytes"
                        ))),
                        other => raise!(Raise::type_error(format!(
                            "memory size must be an int, not '{}'",
                            heap.type_name(other)
                        ))),
                    };
                    if heap.would_exceed(n) || n > (1 << 32) {
                        match heap.limit() {
                            Some(limit) => raise!(Raise::Limit(Limit::Memory { limit })),
                            None if n > (1 << 32) => raise!(Raise::memory()),
                            None => {}
                        }
                    }
                    match reg!(ins.a()) {
                        Value::Obj(r) => match heap.get_mut(r) {
                            Object::Memory(m) => m.resize(m.len() + n, 0),
                            _ => raise!(Raise::type_error("memgrow needs a memory")),
                        },
                        _ => raise!(Raise::type_error("memgrow needs a memory")),
                    }
                    heap.note_growth(n);
                    gc_check!();
                }
                Opcode::Load32 => {
                    let v = tryv!(mem_access(heap, reg!(ins.b()), reg!(ins.c()), None));
                    reg!(ins.a()) = Value::Int(v);
                }
                Opcode::IAdd
                | Opcode::ISub
                | Opcode::IMul
                | Opcode::IDivT
                | Opcode::IIDiv
                | Opcode::IMod
                | Opcode::IPow
                | Opcode::IAnd
                | Opcode::IOr
                | Opcode::IXor
                | Opcode::IShl
                | Opcode::IShr
                | Opcode::IAddI
                | Opcode::ISubI => {
                    let x = reg!(ins.b());
                    let y = match op {
                        Opcode::IAddI | Opcode::ISubI => Value::Int(ins.sc()),
                        _ => reg!(ins.c()),
                    };
                    let fast = match (op, x, y) {
                        (Opcode::IAdd | Opcode::IAddI, Value::Int(p), Value::Int(q)) => {
                            p.checked_add(q).map(Value::Int)
                        }
                        (Opcode::IAdd | Opcode::IAddI, Value::Float(p), Value::Float(q)) => {
                            Some(Value::Float(p + q))
                        }
                        (Opcode::IAdd | Opcode::IAddI, Value::Float(p), Value::Int(q)) => {
                            Some(Value::Float(p + q as f64))
                        }
                        (Opcode::ISub | Opcode::ISubI, Value::Int(p), Value::Int(q)) => {
                            p.checked_sub(q).map(Value::Int)
                        }
                        (Opcode::ISub | Opcode::ISubI, Value::Float(p), Value::Float(q)) => {
                            Some(Value::Float(p - q))
                        }
                        (Opcode::ISub | Opcode::ISubI, Value::Float(p), Value::Int(q)) => {
                            Some(Value::Float(p - q as f64))
                        }
                        (Opcode::IMul, Value::Int(p), Value::Int(q)) => {
                            p.checked_mul(q).map(Value::Int)
                        }
                        (Opcode::IMul, Value::Float(p), Value::Float(q)) => {
                            Some(Value::Float(p * q))
                        }
                        _ => None,
                    };
                    let v = match fast {
                        Some(v) => v,
                        None => {
                            let bop = match op {
                                Opcode::IAdd | Opcode::IAddI => BinOp::Add,
                                Opcode::ISub | Opcode::ISubI => BinOp::Sub,
                                Opcode::IMul => BinOp::Mul,
                                Opcode::IDivT => BinOp::TrueDiv,
                                Opcode::IIDiv => BinOp::FloorDiv,
                                Opcode::IMod => BinOp::Mod,
                                Opcode::IPow => BinOp::Pow,
                                Opcode::IAnd => BinOp::And,
                                Opcode::IOr => BinOp::Or,
                                Opcode::IXor => BinOp::Xor,
                                Opcode::IShl => BinOp::Shl,
                                _ => BinOp::Shr,
                            };
                            tryv!(ops::inplace(heap, bop, x, y))
                        }
                    };
                    reg!(ins.a()) = v;
                    gc_check!();
                }
                Opcode::ErrorV => {
                    let class =
                        ClassId::from_exception_number(ins.a()).unwrap_or(ClassId::RUNTIME_ERROR);
                    raise!(Raise::New(
                        class,
                        crate::error::ExcArg::Value(reg!(ins.b()))
                    ));
                }
                Opcode::RaiseHandled => match *handled {
                    Value::Obj(r) => {
                        save_pc!();
                        return Action::Reraise(r);
                    }
                    _ => raise!(Raise::runtime_error("No active exception to reraise")),
                },
                Opcode::Store32 => {
                    tryv!(mem_access(
                        heap,
                        reg!(ins.a()),
                        reg!(ins.b()),
                        Some(reg!(ins.c()))
                    ));
                }
            }
        }
    }

    /// Calls that need more than the inline path: natives, classes, bound
    /// methods, keyword and star arguments, and argument binding with defaults.
    fn call_slow(&mut self, a: usize, nargs: usize, kind: CallKind) -> R<()> {
        let base = self.frames.last().map_or(0, |f| f.base as usize);
        let callee = self.stack[base + a];
        let mut args: Vec<Value>;
        let mut kwargs: Vec<(Value, Value)> = Vec::new();
        match kind {
            CallKind::Plain => {
                args = self.stack[base + a + 1..base + a + 1 + nargs].to_vec();
            }
            CallKind::Keywords(nkw) => {
                args = self.stack[base + a + 1..base + a + 1 + nargs].to_vec();
                let kw_values = &self.stack[base + a + 1 + nargs..base + a + 1 + nargs + nkw];
                let names = self.stack[base + a + 1 + nargs + nkw];
                let names = self
                    .heap
                    .as_seq(names)
                    .map(Cow::into_owned)
                    .unwrap_or_default();
                if names.len() != nkw {
                    return Err(Raise::type_error(
                        "keyword names do not match the keyword arguments",
                    ));
                }
                kwargs = names.into_iter().zip(kw_values.iter().copied()).collect();
            }
            CallKind::Star(has_kw) => {
                let star = self.stack[base + a + 1];
                args = ops::to_vec(&mut self.heap, star).map_err(|_| {
                    Raise::type_error(format!(
                        "{} argument after * must be an iterable, not {}",
                        builtins::callable_name(self, callee),
                        self.heap.type_name(star)
                    ))
                })?;
                if has_kw {
                    let kw = self.stack[base + a + 2];
                    match kw.as_obj().map(|r| self.heap.get(r)) {
                        Some(Object::Dict(d)) => {
                            for e in d.iter() {
                                if self.heap.as_str(&e.key).is_none() {
                                    return Err(Raise::type_error("keywords must be strings"));
                                }
                                kwargs.push((e.key, e.value));
                            }
                        }
                        _ => {
                            return Err(Raise::type_error(format!(
                                "{} argument after ** must be a mapping, not {}",
                                builtins::callable_name(self, callee),
                                self.heap.type_name(kw)
                            )))
                        }
                    }
                }
            }
        }
        // A method looked up on a module has no receiver: drop the placeholder.
        if matches!(kind, CallKind::Plain | CallKind::Keywords(_))
            && !args.is_empty()
            && matches!(args[0], Value::Undef)
        {
            args.remove(0);
        }
        self.call_value(a, callee, args, kwargs)
    }

    /// Calls `callee` with the given arguments; the result goes to `R[a]` of the
    /// current frame (for a bytecode function, when its frame returns).
    pub(crate) fn call_value(
        &mut self,
        a: usize,
        callee: Value,
        args: Vec<Value>,
        kwargs: Vec<(Value, Value)>,
    ) -> R<()> {
        let base = self.frames.last().map_or(0, |f| f.base as usize);
        if let Value::Obj(r) = callee {
            if let Object::Function(f) = self.heap.get(r) {
                if !self.units[f.unit as usize].function(f.func).flags.generator {
                    return self.push_function_frame_at(
                        base + a + 1,
                        r,
                        args,
                        kwargs,
                        Ret::Register,
                    );
                }
            }
        }
        match self.call_direct(callee, args, kwargs) {
            Ok(v) => {
                self.stack[base + a] = v;
                Ok(())
            }
            Err(Raise::Suspend(p)) => self.run_pending(*p, Deliver::Store(base + a)),
            Err(e) => Err(e),
        }
    }

    /// Binds arguments to a bytecode function's parameters and pushes its frame at `new_base`.
    fn push_function_frame_at(
        &mut self,
        new_base: usize,
        fref: ObjRef,
        args: Vec<Value>,
        kwargs: Vec<(Value, Value)>,
        ret: Ret,
    ) -> R<()> {
        let Object::Function(fobj) = self.heap.get(fref) else {
            return Err(Raise::type_error("not a function"));
        };
        let fobj = (**fobj).clone();
        if self.frames.len() >= self.config.max_depth {
            return Err(Raise::new(
                ClassId::RECURSION_ERROR,
                "maximum recursion depth exceeded",
            ));
        }
        let bound = crate::call::bind_arguments(self, &fobj, args, kwargs)?;
        let proto = self.units[fobj.unit as usize].function(fobj.func);
        let top = new_base + proto.num_registers as usize;
        if self.stack.len() < top {
            self.stack.resize(top, Value::Undef);
        }
        self.stack[new_base..top].fill(Value::Undef);
        self.stack[new_base..new_base + bound.len()].copy_from_slice(&bound);
        self.frames.push(Frame {
            unit: fobj.unit,
            func: fobj.func,
            pc: 0,
            base: new_base as u32,
            closure: Some(fref),
            ret,
            gen: None,
        });
        Ok(())
    }
}

/// An attribute of a module loaded from source: a global of its namespace.
fn loaded_attr(
    heap: &crate::heap::Heap,
    namespaces: &[crate::vm::Namespace],
    ns: u32,
    name: Value,
) -> R<Value> {
    let text = heap.as_str(&name).unwrap_or("");
    let space = namespaces.get(ns as usize);
    let found = space.and_then(|s| s.names.iter().position(|n| n == text).map(|i| s.values[i]));
    match found {
        Some(v) if !matches!(v, Value::Undef) => Ok(v),
        _ => Err(Raise::attribute_error(format!(
            "module '{}' has no attribute '{text}'",
            heap.module_name(ns)
        ))),
    }
}

/// Whether a value is an iterator that may need calls into bytecode to advance.
fn is_lazy_obj(heap: &crate::heap::Heap, v: Value) -> bool {
    let Value::Obj(r) = v else { return false };
    match heap.get(r) {
        Object::Generator(_) => true,
        Object::Iter(it) => match &**it {
            IterObj::Map { .. } | IterObj::Filter { .. } => true,
            IterObj::Enumerate { inner, .. } => is_lazy_obj(heap, Value::Obj(*inner)),
            IterObj::Zip { inners } => inners.iter().any(|i| is_lazy_obj(heap, Value::Obj(*i))),
            _ => false,
        },
        _ => false,
    }
}

/// Unpacks `before` items, a list of the middle, and `after` items.
fn unpack_starred(
    heap: &mut crate::heap::Heap,
    src: Value,
    before: usize,
    after: usize,
) -> R<Vec<Value>> {
    let items = ops::to_vec(heap, src).map_err(|_| {
        Raise::type_error(format!(
            "cannot unpack non-iterable {} object",
            heap.type_name(src)
        ))
    })?;
    starred_items(heap, items, before, after)
}

fn starred_items(
    heap: &mut crate::heap::Heap,
    items: Vec<Value>,
    before: usize,
    after: usize,
) -> R<Vec<Value>> {
    if items.len() < before + after {
        return Err(Raise::value_error(format!(
            "not enough values to unpack (expected at least {}, got {})",
            before + after,
            items.len()
        )));
    }
    let mut out = Vec::with_capacity(before + after + 1);
    out.extend_from_slice(&items[..before]);
    let middle = items[before..items.len() - after].to_vec();
    out.push(heap.list(middle));
    out.extend_from_slice(&items[items.len() - after..]);
    Ok(out)
}

/// Completes a lazy `unpack`: extra = [dst, before, after, starred].
fn finish_unpack(vm: &mut Vm, items: Vec<Value>, extra: &[Value]) -> R<Value> {
    let num = |i: usize| match extra.get(i) {
        Some(Value::Int(n)) => *n as usize,
        _ => 0,
    };
    let (dst, before, after) = (num(0), num(1), num(2));
    let starred = matches!(extra.get(3), Some(Value::Bool(true)));
    let values = if starred {
        starred_items(&mut vm.heap, items, before, after)?
    } else {
        let list = vm.heap.list(items);
        ops::unpack(&mut vm.heap, list, before)?
    };
    vm.stack[dst..dst + values.len()].copy_from_slice(&values);
    Ok(Value::None)
}

/// Completes a lazy `in`: extra = [item, dst, negate].
fn finish_contains(vm: &mut Vm, items: Vec<Value>, extra: &[Value]) -> R<Value> {
    let item = extra.first().copied().unwrap_or(Value::None);
    let dst = match extra.get(1) {
        Some(Value::Int(n)) => *n as usize,
        _ => 0,
    };
    let negate = matches!(extra.get(2), Some(Value::Bool(true)));
    let list = vm.heap.list(items);
    let found = ops::contains(&vm.heap, list, item)?;
    vm.stack[dst] = Value::Bool(found != negate);
    Ok(Value::None)
}

fn not_callable(vm: &Vm, v: Value) -> Raise {
    Raise::type_error(format!("'{}' object is not callable", vm.heap.type_name(v)))
}

/// The cell captured at index `i` by the running closure.
fn upval(heap: &crate::heap::Heap, closure: Option<ObjRef>, i: usize) -> R<ObjRef> {
    let f = closure
        .ok_or_else(|| Raise::runtime_error("no enclosing function for a captured variable"))?;
    match heap.get(f) {
        Object::Function(fobj) => fobj
            .captures
            .get(i)
            .copied()
            .ok_or_else(|| Raise::runtime_error("captured variable index out of range")),
        _ => Err(Raise::runtime_error(
            "no enclosing function for a captured variable",
        )),
    }
}

/// Loads (store = None) or stores a little-endian i32 in a byte memory.
fn mem_access(
    heap: &mut crate::heap::Heap,
    mem: Value,
    addr: Value,
    store: Option<Value>,
) -> R<i64> {
    let addr = match addr {
        Value::Int(a) => a,
        other => {
            return Err(Raise::type_error(format!(
                "memory address must be an int, not '{}'",
                heap.type_name(other)
            )))
        }
    };
    let value = match store {
        Some(Value::Int(v)) => Some(v as i32),
        Some(other) => {
            return Err(Raise::type_error(format!(
                "memory stores need an int, not '{}'",
                heap.type_name(other)
            )))
        }
        None => None,
    };
    let Value::Obj(r) = mem else {
        return Err(Raise::type_error("not a memory"));
    };
    let Object::Memory(m) = heap.get_mut(r) else {
        return Err(Raise::type_error("not a memory"));
    };
    let len = m.len();
    if addr < 0 || (addr as u64).saturating_add(4) > len as u64 {
        return Err(Raise::index_error(format!(
            "memory access at address {addr} is out of range (the heap holds {len} bytes)"
        )));
    }
    let at = addr as usize;
    match value {
        Some(v) => {
            m[at..at + 4].copy_from_slice(&v.to_le_bytes());
            Ok(0)
        }
        None => Ok(i32::from_le_bytes([m[at], m[at + 1], m[at + 2], m[at + 3]]) as i64),
    }
}

impl Vm {
    /// Creates an exception object directly (used by natives that need one).
    pub(crate) fn new_exception(&mut self, class: ClassId, args: Vec<Value>) -> ObjRef {
        let args = self
            .heap
            .tuple(args)
            .as_obj()
            .expect("a tuple is an object");
        self.heap.alloc(Object::Exception(Box::new(ExcObj {
            class,
            args,
            traceback: Vec::new(),
            cause: Value::None,
            context: Value::None,
            suppress_context: false,
        })))
    }
}
