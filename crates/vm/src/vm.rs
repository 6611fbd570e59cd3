//! The VM instance: its heap, value stack and frames, the loaded modules, and
//! the public API to load and run them with a fuel budget.

use crate::builtins::NativeId;
use crate::class::ClassId;
use crate::error::{ExcArg, Limit, Raise};
use crate::heap::{ExcObj, Heap, Object, TraceEntry};
use crate::report::{self, ErrorReport};
use crate::value::{ObjRef, Value};
use bytecode::{Constant, Function, Module, VerifiedModule};
use std::io;

/// Where a program's output goes; the embedder implements it (the CLI writes
/// to the process's stdout, a server captures it).
pub trait Host: Send {
    /// Writes program output.
    fn write_stdout(&mut self, text: &str) -> io::Result<()>;
    /// Writes diagnostics the program itself produces (such as `sys.exit("msg")`).
    fn write_stderr(&mut self, text: &str) -> io::Result<()>;
}

/// A host that collects output in memory (tests, servers).
#[derive(Debug, Default, Clone)]
pub struct CaptureHost {
    /// Everything written to standard output.
    pub stdout: String,
    /// Everything written to standard error.
    pub stderr: String,
}

impl Host for CaptureHost {
    fn write_stdout(&mut self, text: &str) -> io::Result<()> {
        self.stdout.push_str(text);
        Ok(())
    }
    fn write_stderr(&mut self, text: &str) -> io::Result<()> {
        self.stderr.push_str(text);
        Ok(())
    }
}

/// A host that shares a [`CaptureHost`] so the embedder can read output while the VM owns the host.
#[derive(Debug, Default, Clone)]
pub struct SharedCapture(pub std::sync::Arc<std::sync::Mutex<CaptureHost>>);

impl SharedCapture {
    /// Everything written to standard output so far.
    pub fn stdout(&self) -> String {
        self.0.lock().map(|c| c.stdout.clone()).unwrap_or_default()
    }
    /// Everything written to standard error so far.
    pub fn stderr(&self) -> String {
        self.0.lock().map(|c| c.stderr.clone()).unwrap_or_default()
    }
}

impl Host for SharedCapture {
    fn write_stdout(&mut self, text: &str) -> io::Result<()> {
        if let Ok(mut c) = self.0.lock() {
            c.stdout.push_str(text);
        }
        Ok(())
    }
    fn write_stderr(&mut self, text: &str) -> io::Result<()> {
        if let Ok(mut c) = self.0.lock() {
            c.stderr.push_str(text);
        }
        Ok(())
    }
}

/// Limits and settings of a VM instance.
#[derive(Debug, Clone)]
pub struct Config {
    /// Maximum call depth; deeper calls raise RecursionError.
    pub max_depth: usize,
    /// Maximum heap bytes; exceeding it stops the run with a limit error.
    pub max_heap: Option<usize>,
    /// The program's arguments as `sys.argv` shows them (the file first).
    pub argv: Vec<String>,
    /// Enables built-ins that exist only for tests (such as injecting a panic).
    pub test_hooks: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_depth: 1000,
            max_heap: None,
            argv: Vec::new(),
            test_hooks: false,
        }
    }
}

/// One loaded module with its constants materialized as values.
#[derive(Debug)]
pub(crate) struct Unit {
    pub module: std::sync::Arc<Module>,
    /// Per function: the constant pool as values (jump tables become `None`).
    pub consts: Vec<Box<[Value]>>,
    /// Per function: its name as a string object.
    pub names: Vec<Value>,
    /// The global namespace the module's `getglobal`/`setglobal` use.
    pub namespace: usize,
    /// For each of the module's global indexes, the slot in the namespace.
    pub global_slots: Vec<usize>,
    /// Per function: what the fast path needs to enter it (see `dispatch`).
    pub fast: Box<[crate::dispatch::FnInfo]>,
    /// Per function: which registers its frames may still read, analysed
    /// when first needed (by a collection that finds one of its frames, or
    /// by the fast call path; see `Unit::flow`).
    pub flows: Vec<Option<bytecode::analysis::RegisterFlow>>,
}

impl Unit {
    pub(crate) fn function(&self, f: u32) -> &Function {
        &self.module.functions[f as usize]
    }

    /// The register analysis of function `f` (computed on first use: it
    /// takes a few words per instruction and most functions never need it).
    pub(crate) fn flow(&mut self, f: usize) -> Option<&bytecode::analysis::RegisterFlow> {
        let func = self.module.functions.get(f)?;
        let slot = self.flows.get_mut(f)?;
        Some(slot.get_or_insert_with(|| bytecode::analysis::RegisterFlow::of(&self.module, func)))
    }
}

/// A global namespace: names and their values (`Undef` when unbound).
#[derive(Debug, Default)]
pub(crate) struct Namespace {
    /// Shared with the processes spawned from this VM, so spawning does not
    /// copy every name (adding a name copies the list if it is shared).
    pub names: std::sync::Arc<Vec<String>>,
    pub values: Vec<Value>,
}

impl Namespace {
    /// The value in `slot`, or the NameError of reading it while unbound.
    pub fn read(&self, slot: usize) -> Result<Value, Raise> {
        match self.values[slot] {
            Value::Undef => Err(Raise::name_error(format!(
                "name '{}' is not defined",
                self.names[slot]
            ))),
            v => Ok(v),
        }
    }
}

/// Where a frame's result goes when it returns (or, for a generator frame, yields).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ret {
    /// Into `stack[base - 1]`, the caller's callee register (an ordinary call).
    Register,
    /// To the continuation on top of the VM's continuation stack.
    Cont,
    /// Into the loop variable at `item`, continuing the caller's loop at `target`
    /// (a generator stepped by `foriter`); exhaustion falls through.
    ForIter { item: u32, target: u32 },
}

/// An activation record. The frame's registers are `stack[base .. base + num_registers]`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    pub unit: u32,
    pub func: u32,
    pub pc: u32,
    pub base: u32,
    /// The function object running (for its captured cells), if any.
    pub closure: Option<ObjRef>,
    /// Where the result goes.
    pub ret: Ret,
    /// The generator this frame runs, if it is a generator frame.
    pub gen: Option<ObjRef>,
}

/// Identifies a loaded module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UnitId(pub(crate) u32);

/// How a run ended, or that it paused.
#[derive(Debug)]
pub enum Outcome {
    /// The entry function returned this value (as text, since the heap stays with the VM).
    Finished(Value),
    /// The fuel budget ran out; calling [`Vm::run`] again continues exactly here.
    OutOfFuel,
    /// An exception nobody caught, or a resource limit.
    Error(RunError),
    /// `sys.exit(code)` (an uncaught SystemExit).
    Exit(i32),
    /// The program waits (a `process.receive` or `process.sleep`); running
    /// again repeats the waiting call.
    Blocked(crate::process::Block),
    /// `process.exit(reason)` ended the program's process.
    Exited(crate::message::Message),
}

/// Why a run failed.
#[derive(Debug, Clone)]
pub enum RunError {
    /// An uncaught exception, with its traceback.
    Exception(ErrorReport),
    /// A resource limit stopped the run.
    Limit(Limit),
}

/// Why a module could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// The module extends a namespace but its globals do not start with the namespace's names.
    #[error("the module's globals do not extend the namespace it is loaded into")]
    NamespaceMismatch,
    /// No such module is loaded.
    #[error("no such loaded module")]
    NoSuchUnit,
}

/// A Rhodium virtual machine: one heap, one value stack, loaded modules.
/// It is `Send`, so a scheduler can move it between threads.
pub struct Vm {
    pub(crate) heap: Heap,
    pub(crate) stack: Vec<Value>,
    pub(crate) frames: Vec<Frame>,
    pub(crate) units: Vec<Unit>,
    pub(crate) namespaces: Vec<Namespace>,
    pub(crate) host: Box<dyn Host>,
    pub(crate) config: Config,
    /// The exception being handled (`except` body), or `None`.
    pub(crate) handled: Value,
    /// The exception that entered the current handler.
    pub(crate) in_flight: Value,
    /// `sys.argv`, created on first use.
    pub(crate) argv: Option<ObjRef>,
    /// How many frames were live when the current run started (the run ends when it returns).
    pub(crate) entry_depth: usize,
    /// Values the embedder asked to keep alive.
    pub(crate) pinned: Vec<Value>,
    /// Instructions executed so far.
    pub(crate) executed: u64,
    /// Native computations waiting for calls into bytecode (see `resume`).
    pub(crate) conts: Vec<crate::resume::ContEntry>,
    /// The process runtime, when the VM runs as a process.
    pub(crate) processes: Option<Box<dyn crate::process::ProcessApi>>,
    /// Where `import` finds modules compiled from source.
    pub(crate) loader: Option<std::sync::Arc<dyn crate::process::ModuleLoader>>,
    /// Modules loaded from source: name and namespace.
    pub(crate) loaded: Vec<(String, u32)>,
    /// Built-in methods found by `getmethod`, by name and receiver class.
    pub(crate) method_cache: MethodCache,
    /// Bytecode functions recently called by the fast path (see `dispatch`).
    pub(crate) call_cache: crate::dispatch::CallCache,
}

/// A direct-mapped cache of built-in method lookups: (method name, receiver
/// class) to the native. Names are constant-pool strings, and a unit's pool
/// never moves or changes while the VM lives, so the address of the pool
/// entry holding the name identifies it (short strings have no object to
/// identify them by, and comparing texts would cost more than the lookup).
#[derive(Debug, Clone)]
pub(crate) struct MethodCache {
    /// A fixed size, so that the masked slot index needs no bounds check.
    entries: Box<[(usize, u16, Option<NativeId>); MethodCache::SIZE]>,
}

impl MethodCache {
    const SIZE: usize = 256;

    fn new() -> MethodCache {
        MethodCache {
            entries: Box::new([(usize::MAX, 0, None); Self::SIZE]),
        }
    }

    fn slot(site: usize, class: ClassId) -> usize {
        // Pool entries are 16 bytes apart: drop the bits that never vary.
        ((site >> 4) ^ (class.0 as usize).wrapping_mul(31)) % Self::SIZE
    }

    /// The cached native for the name at pool address `site` on a receiver
    /// of `class`.
    #[inline]
    pub(crate) fn get(&self, site: usize, class: ClassId) -> Option<NativeId> {
        let (n, c, native) = self.entries[Self::slot(site, class)];
        if n == site && c == class.0 {
            native
        } else {
            None
        }
    }

    /// Remembers a lookup.
    pub(crate) fn put(&mut self, site: usize, class: ClassId, native: NativeId) {
        self.entries[Self::slot(site, class)] = (site, class.0, Some(native));
    }
}

impl std::fmt::Debug for Vm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vm")
            .field("frames", &self.frames.len())
            .field("units", &self.units.len())
            .finish_non_exhaustive()
    }
}

impl Vm {
    /// A VM writing output to `host`.
    pub fn new(host: Box<dyn Host>, config: Config) -> Vm {
        let mut heap = Heap::new();
        heap.set_limit(config.max_heap);
        heap.set_sys_argv(&config.argv);
        Vm {
            heap,
            stack: Vec::new(),
            frames: Vec::new(),
            units: Vec::new(),
            namespaces: Vec::new(),
            host,
            config,
            handled: Value::None,
            in_flight: Value::None,
            argv: None,
            entry_depth: 0,
            pinned: Vec::new(),
            executed: 0,
            conts: Vec::new(),
            processes: None,
            loader: None,
            loaded: Vec::new(),
            method_cache: MethodCache::new(),
            call_cache: crate::dispatch::CallCache::default(),
        }
    }

    /// The VM's configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The heap (for inspecting values).
    pub fn heap(&self) -> &Heap {
        &self.heap
    }

    /// The heap, mutably (for building values to pass in).
    pub fn heap_mut(&mut self) -> &mut Heap {
        &mut self.heap
    }

    /// Instructions executed since the VM was created.
    pub fn instructions_executed(&self) -> u64 {
        self.executed
    }

    /// Replaces the host (for example to capture output of one REPL line).
    pub fn set_host(&mut self, host: Box<dyn Host>) {
        self.host = host;
    }

    /// Loads a verified module into a fresh global namespace.
    pub fn load(&mut self, module: VerifiedModule) -> UnitId {
        let ns = self.namespaces.len();
        self.namespaces.push(Namespace::default());
        self.load_into_namespace(std::sync::Arc::new(module.into_inner()), ns)
    }

    /// Loads an already verified module into an existing namespace.
    pub(crate) fn load_arc_into(&mut self, module: std::sync::Arc<Module>, ns: usize) -> UnitId {
        self.load_into_namespace(module, ns)
    }

    /// Loads a verified module that shares the global namespace of an earlier
    /// one (the REPL: each line is a module in the session's namespace). Globals
    /// are matched by name, so the new module may name them in any order.
    pub fn load_shared(
        &mut self,
        module: VerifiedModule,
        with: UnitId,
    ) -> Result<UnitId, LoadError> {
        let ns = self
            .units
            .get(with.0 as usize)
            .ok_or(LoadError::NoSuchUnit)?
            .namespace;
        Ok(self.load_into_namespace(std::sync::Arc::new(module.into_inner()), ns))
    }

    pub(crate) fn load_into_namespace(
        &mut self,
        module: std::sync::Arc<Module>,
        ns: usize,
    ) -> UnitId {
        let mut global_slots = Vec::with_capacity(module.globals.len());
        for name in &module.globals {
            let space = &mut self.namespaces[ns];
            let slot = match space.names.iter().position(|n| n == name) {
                Some(s) => s,
                None => {
                    std::sync::Arc::make_mut(&mut space.names).push(name.clone());
                    space
                        .values
                        .push(crate::builtins::builtin_value(name).unwrap_or(Value::Undef));
                    space.names.len() - 1
                }
            };
            global_slots.push(slot);
        }
        self.load_with_slots(module, ns, global_slots)
    }

    /// Loads a module whose globals' slots in namespace `ns` are already known
    /// (a spawned process loads its parent's modules into copies of its parent's namespaces).
    pub(crate) fn load_with_slots(
        &mut self,
        module: std::sync::Arc<Module>,
        ns: usize,
        global_slots: Vec<usize>,
    ) -> UnitId {
        let mut consts = Vec::with_capacity(module.functions.len());
        let mut names = Vec::with_capacity(module.functions.len());
        for f in &module.functions {
            let values: Vec<Value> = f.constants.iter().map(|k| self.const_value(k)).collect();
            consts.push(values.into_boxed_slice());
            names.push(self.heap.str(f.name.as_str()));
        }
        let unit = self.units.len() as u32;
        let fast = module
            .functions
            .iter()
            .zip(&consts)
            .enumerate()
            .map(|(i, (f, k))| {
                crate::dispatch::FnInfo::new((unit, i as u32), f, k, &global_slots, ns)
            })
            .collect();
        let flows = module.functions.iter().map(|_| None).collect();
        self.units.push(Unit {
            module,
            consts,
            names,
            namespace: ns,
            global_slots,
            fast,
            flows,
        });

        UnitId(self.units.len() as u32 - 1)
    }

    fn const_value(&mut self, k: &Constant) -> Value {
        match k {
            Constant::None | Constant::Table(_) => Value::None,
            Constant::Bool(b) => Value::Bool(*b),
            Constant::Int(i) => Value::Int(*i),
            Constant::BigInt(b) => self.heap.int(b.clone()),
            Constant::Float(f) => Value::Float(*f),
            Constant::Str(s) => self.heap.str(s.as_str()),
            Constant::Tuple(items) => {
                let vals: Vec<Value> = items.iter().map(|i| self.const_value(i)).collect();
                self.heap.tuple(vals)
            }
        }
    }

    /// The module of a loaded unit.
    pub fn module(&self, unit: UnitId) -> Option<&Module> {
        self.units.get(unit.0 as usize).map(|u| &*u.module)
    }

    /// Prepares to run a unit's entry function (function 0). Any run in
    /// progress is abandoned.
    pub fn start(&mut self, unit: UnitId) -> Result<(), LoadError> {
        let u = self
            .units
            .get(unit.0 as usize)
            .ok_or(LoadError::NoSuchUnit)?;
        let nregs = u.function(0).num_registers as usize;
        self.frames.clear();
        self.stack.clear();
        self.stack.resize(1 + nregs.max(1), Value::Undef);
        self.frames.push(Frame {
            unit: unit.0,
            func: 0,
            pc: 0,
            base: 1,
            closure: None,
            ret: Ret::Register,
            gen: None,
        });
        self.conts.clear();
        self.entry_depth = 1;
        self.handled = Value::None;
        self.in_flight = Value::None;
        Ok(())
    }

    /// Prepares to run `func(*args)` as the whole run (a spawned process's entry).
    pub fn start_call(&mut self, func: Value, args: Vec<Value>) -> Result<(), Raise> {
        self.frames.clear();
        self.conts.clear();
        self.stack.clear();
        self.stack.push(Value::Undef);
        self.handled = Value::None;
        self.in_flight = Value::None;
        self.entry_depth = 1;
        // A frame-less start: the callee's result lands in stack[0] and ends the run.
        self.call_entry(func, args)
    }

    /// Whether a run is in progress (started and neither finished nor failed).
    pub fn is_running(&self) -> bool {
        !self.frames.is_empty()
    }

    /// Runs until the entry function returns, an error escapes, or `fuel`
    /// instructions have executed (`None` for no limit). After `OutOfFuel`,
    /// calling `run` again continues exactly where execution stopped.
    pub fn run(&mut self, fuel: Option<u64>) -> Outcome {
        if self.frames.is_empty() {
            return Outcome::Error(RunError::Exception(ErrorReport::internal(
                "nothing to run: call start() first",
            )));
        }
        let budget = fuel.unwrap_or(u64::MAX);
        let mut left = budget;
        let result = self.execute(&mut left);
        self.executed += budget - left;
        result
    }

    /// Executes exactly one instruction (for tracing). Equivalent to `run(Some(1))`.
    pub fn step(&mut self) -> Outcome {
        self.run(Some(1))
    }

    /// The unit, function and instruction index about to execute, if running.
    pub fn position(&self) -> Option<(UnitId, u32, u32)> {
        self.frames.last().map(|f| (UnitId(f.unit), f.func, f.pc))
    }

    /// The registers of the innermost frame.
    pub fn registers(&self) -> &[Value] {
        match self.frames.last() {
            Some(f) => {
                let base = f.base as usize;
                let n = self.units[f.unit as usize].function(f.func).num_registers as usize;
                &self.stack[base..(base + n).min(self.stack.len())]
            }
            None => &[],
        }
    }

    /// The current call depth.
    pub fn depth(&self) -> usize {
        self.frames.len()
    }

    /// `repr()` of a value (for REPLs and tools).
    pub fn repr(&self, v: Value) -> String {
        crate::ops::repr(&self.heap, v).unwrap_or_else(|_| "<unrepresentable>".into())
    }

    /// `str()` of a value.
    pub fn str_of(&self, v: Value) -> String {
        crate::ops::str_of(&self.heap, v).unwrap_or_else(|_| "<unrepresentable>".into())
    }

    /// Keeps a value alive across collections until [`Vm::unpin_all`].
    pub fn pin(&mut self, v: Value) {
        self.pinned.push(v);
    }

    /// Releases every pinned value.
    pub fn unpin_all(&mut self) {
        self.pinned.clear();
    }

    /// Runs a collection now: a minor one (old objects neither traced nor
    /// freed) unless a full one is due (see `Heap::full_due`). Use
    /// [`Vm::collect_all_garbage`] when every dead object must go.
    pub fn collect_garbage(&mut self) {
        if !self.heap.full_due() {
            self.heap.begin_minor();
        }
        self.collect();
    }

    /// Runs a full collection now: every unreachable object is freed.
    pub fn collect_all_garbage(&mut self) {
        self.collect();
    }

    /// Marks every root and sweeps, as the heap's mode says.
    fn collect(&mut self) {
        self.call_cache.clear();

        // Every frame's window, not only the innermost: a caller's registers
        // can reach past the window of a callee with fewer registers.
        let top = self
            .frames
            .iter()
            .map(|f| {
                f.base as usize
                    + self.units[f.unit as usize].function(f.func).num_registers as usize
            })
            .max()
            .unwrap_or(0)
            .min(self.stack.len());
        for (i, live) in self.live_stack(top).into_iter().enumerate() {
            if live {
                let v = self.stack[i];
                self.heap.mark_value(v);
            }
        }
        for ns in &self.namespaces {
            for v in &ns.values {
                if let Value::Obj(r) = v {
                    self.heap.mark(*r);
                }
            }
        }
        for u in &self.units {
            for k in u.consts.iter().flat_map(|c| c.iter()) {
                if let Value::Obj(r) = k {
                    self.heap.mark(*r);
                }
            }
            for n in &u.names {
                self.heap.mark_value(*n);
            }
        }
        for f in &self.frames {
            if let Some(c) = f.closure {
                self.heap.mark(c);
            }
            if let Some(g) = f.gen {
                self.heap.mark(g);
            }
        }
        let mut held = Vec::new();
        for e in &self.conts {
            e.cont.roots(&mut held);
        }
        for v in held {
            self.heap.mark_value(v);
        }
        for v in [self.handled, self.in_flight] {
            self.heap.mark_value(v);
        }
        if let Some(a) = self.argv {
            self.heap.mark(a);
        }
        for v in &self.pinned {
            if let Value::Obj(r) = v {
                self.heap.mark(*r);
            }
        }
        self.heap.mark_internal();
        self.heap.sweep();
    }

    /// Which of the first `top` stack values are roots. A call leaves the
    /// temporaries of the new frame as the stack held them (see
    /// `dispatch::FnInfo::clear`), so a window can hold stale values of
    /// frames long gone; marking them would keep their garbage alive. A
    /// register is skipped when every frame whose window holds it is sure
    /// not to read it again, at its pc or, since a refused allocation or a
    /// blocked call runs its instruction again, at the instruction before.
    /// Values outside every window (the entry's result slot) stay roots.
    fn live_stack(&mut self, top: usize) -> Vec<bool> {
        const OUTSIDE: u8 = 0;
        const DEAD: u8 = 1;
        const LIVE: u8 = 2;
        let mut state = vec![OUTSIDE; top];
        for f in &self.frames {
            let unit = &mut self.units[f.unit as usize];
            let nregs = unit.function(f.func).num_registers as usize;
            let Some(flow) = unit.flow(f.func as usize) else {
                continue;
            };
            let pc = f.pc as usize;
            let base = f.base as usize;
            for r in 0..nregs.min(top.saturating_sub(base)) {
                let live = flow.may_be_read(pc, r)
                    || pc.checked_sub(1).is_some_and(|p| flow.may_be_read(p, r));
                let s = &mut state[base + r];
                *s = if live { LIVE } else { (*s).max(DEAD) };
            }
        }
        state.into_iter().map(|s| s != DEAD).collect()
    }

    /// One past the highest register in use.
    pub(crate) fn stack_top(&self) -> usize {
        match self.frames.last() {
            Some(f) => {
                f.base as usize
                    + self.units[f.unit as usize].function(f.func).num_registers as usize
            }
            None => 0,
        }
    }

    /// Turns a raise request into an exception object (or passes a limit through).
    pub(crate) fn materialize(&mut self, raise: Raise) -> Result<ObjRef, Limit> {
        match raise {
            Raise::Limit(l) => Err(l),
            Raise::Obj(r) => Ok(r),
            Raise::Suspend(_) => self.materialize(Raise::runtime_error(
                "internal error: a suspended call escaped the interpreter",
            )),
            Raise::Block(_) => self.materialize(Raise::runtime_error(
                "a process cannot wait here (receive and sleep must be called directly, not from a callback)",
            )),
            Raise::Exit(_) => self.materialize(Raise::runtime_error("internal error: an exit escaped the interpreter")),
            Raise::New(class, arg) => {
                let args = match arg {
                    ExcArg::Empty => vec![],
                    ExcArg::Msg(m) => vec![self.heap.str(m)],
                    ExcArg::Value(v) => vec![v],
                    ExcArg::Errno(n, m) => vec![Value::Int(n), self.heap.str(m)],
                };
                let args = self
                    .heap
                    .tuple(args)
                    .as_obj()
                    .expect("a tuple is an object");
                Ok(self.heap.alloc(Object::Exception(Box::new(ExcObj {
                    class,
                    args,
                    traceback: Vec::new(),
                    cause: Value::None,
                    context: Value::None,
                    suppress_context: false,
                }))))
            }
        }
    }

    /// Builds the report of an uncaught exception.
    pub(crate) fn report(&self, exc: ObjRef) -> ErrorReport {
        report::build(self, exc)
    }

    /// The source location (function name, file, line, column) of a traceback entry.
    pub(crate) fn locate(&self, t: TraceEntry) -> (String, String, u32, u32) {
        match self.units.get(t.unit as usize) {
            Some(u) => {
                let f = u.function(t.func);
                let loc = f.loc(t.pc as usize);
                (f.name.clone(), u.module.name.clone(), loc.line, loc.col)
            }
            None => ("?".into(), "?".into(), 0, 0),
        }
    }

    /// The language of a unit's module.
    pub(crate) fn language(&self, unit: u32) -> bytecode::Language {
        self.units
            .get(unit as usize)
            .map_or(bytecode::Language::Assembly, |u| u.module.language)
    }
}
