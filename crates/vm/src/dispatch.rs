//! The fast path: threaded dispatch over the common opcodes.
//!
//! Each common opcode has a handler, a small function that executes the
//! instruction's common case (two ints, two floats, a list and an int index,
//! a call to a plain bytecode function) and then fetches the next instruction
//! and calls its handler through [`HANDLERS`] as its last act. The hot state
//! (instruction pointer, register window, fuel) travels in argument registers
//! from handler to handler instead of living in the spilled locals of one huge
//! loop. In an optimised build LLVM turns those final calls into jumps
//! (sibling calls), so a run of instructions is a chain of indirect jumps with
//! no loop and no stack growth.
//!
//! Rust does not guarantee that a call in tail position becomes a jump (the
//! `become` keyword is unstable), so correctness must not depend on it: the
//! driver hands out fuel in slices of [`SLICE`] instructions, and a handler
//! chain ends when its slice is spent. Were a call ever not turned into a jump,
//! the native stack would grow by at most one slice of frames before unwinding
//! back to the driver: slower, never a crash.
//!
//! Everything else (the uncommon operand types, error messages, allocation,
//! natives, exceptions, generators) goes to [`general`], which runs that one
//! instruction in the general interpreter (`Vm::dispatch_general`) and then
//! continues the chain. Each handler's slow case tail-calls `general` instead of
//! calling out, so the fast case needs no saved registers and no stack frame.

use crate::builtins::NativeId;
use crate::error::Raise;
use crate::heap::{IterObj, Object};
use crate::interpreter::Action;
use crate::num::BinOp;
use crate::value::{ObjRef, ShortStr, Value};
use crate::vm::{Frame, Ret, Vm};
use isa::{Instr, Opcode};

/// Instructions a handler chain runs before returning to the driver (bounds
/// the native stack if a tail call is ever not a jump; debug builds never turn
/// calls into jumps, so their slice is short).
const SLICE: u64 = if cfg!(debug_assertions) { 8 } else { 4096 };

/// The state a handler chain shares, besides what travels in registers.
pub(crate) struct Exec<'v> {
    vm: &'v mut Vm,
    /// The running function's first instruction.
    code: *const Instr,
    /// The running function's constant pool.
    consts: *const Value,
    /// The running unit's global index to namespace slot table.
    global_slots: *const usize,
    /// The running unit's namespace values.
    globals: *mut Value,
    /// The running unit's namespace.
    namespace: usize,
    /// The running function object, for its captured cells.
    closure: Option<ObjRef>,
    /// Whether a `return` simply stores into the caller's register.
    plain_ret: bool,
    /// Fuel of the slice left unspent when the chain stopped.
    fuel_left: u64,
    /// Why the chain stopped, or `None` when its slice was spent.
    stop: Option<Action>,
}

/// What the fast path needs of a function, resolved once when its unit loads.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FnInfo {
    code: *const Instr,
    consts: *const Value,
    global_slots: *const usize,
    namespace: usize,
    num_registers: usize,
    /// The number of positional arguments a plain call passes straight into
    /// the parameters (`usize::MAX` for functions with defaults, keyword-only
    /// or star parameters, and generators, which need argument binding).
    arity: usize,
    /// Registers from the arguments up to here start unbound; the rest are
    /// written before they are read (`bytecode::analysis::RegisterFlow`), so
    /// a call leaves them as they are. All registers until the function is
    /// analysed (see `call_miss`).
    clear: usize,
    /// Whether `clear` is the analysis' answer yet.
    analysed: bool,
    /// The loaded unit and the function's index in it (a frame's identity).
    unit: u32,
    func: u32,
}

// SAFETY: the pointers point into allocations that belong to the unit holding
// this `FnInfo` (the code of its module, behind an `Arc` and never mutated; its
// constant pools and global slot table, neither resized nor freed while the
// unit lives). They move with the VM and are only read.
unsafe impl Send for FnInfo {}

impl FnInfo {
    /// Resolves function `func` of unit `unit`, being loaded.
    pub(crate) fn new(
        (unit, func): (u32, u32),
        f: &bytecode::Function,
        consts: &[Value],
        global_slots: &[usize],
        namespace: usize,
    ) -> FnInfo {
        let plain = f.num_kwonly == 0 && !f.flags.varargs && !f.flags.varkw && !f.flags.generator;
        FnInfo {
            code: f.code.as_ptr(),
            consts: consts.as_ptr(),
            global_slots: global_slots.as_ptr(),
            namespace,
            num_registers: f.num_registers as usize,
            arity: if plain {
                f.num_params as usize
            } else {
                usize::MAX
            },
            clear: f.num_registers as usize,
            analysed: false,
            unit,
            func,
        }
    }
}

/// Function objects recently called, with a copy of their `FnInfo`: a
/// direct-mapped cache by object reference that spares a call the chain of
/// dependent loads (heap slot, function object, unit, function table, and
/// the `FnInfo` itself: the entry holds everything the call needs). Object
/// references are reused only after a collection frees them, so the VM
/// clears the cache on every collection; an `FnInfo` is copied once its
/// function is analysed, and never changes after that.
#[derive(Debug)]
pub(crate) struct CallCache {
    entries: [(u32, FnInfo); CALL_CACHE_SIZE],
}

const CALL_CACHE_SIZE: usize = 64;

impl Default for CallCache {
    fn default() -> CallCache {
        let none = FnInfo {
            code: std::ptr::null(),
            consts: std::ptr::null(),
            global_slots: std::ptr::null(),
            namespace: 0,
            num_registers: 0,
            arity: usize::MAX,
            clear: 0,
            analysed: false,
            unit: u32::MAX,
            func: u32::MAX,
        };
        CallCache {
            entries: [(u32::MAX, none); CALL_CACHE_SIZE],
        }
    }
}

impl CallCache {
    /// The entry of function object `fref`: its `FnInfo` on a hit. The
    /// pointer stays valid while nothing changes the cache (only a call-cache
    /// miss and a collection do, neither while a handler uses it).
    #[inline(always)]
    fn lookup(&self, fref: ObjRef) -> Option<*const FnInfo> {
        let (cached, ref info) = self.entries[fref.index() as usize % CALL_CACHE_SIZE];
        (cached == fref.index()).then_some(info as *const FnInfo)
    }
}

impl CallCache {
    /// Forgets every entry.
    pub(crate) fn clear(&mut self) {
        *self = CallCache::default();
    }
}

/// A handler: executes `ins` (already fetched; `ip` points after it) in the
/// register window `regs`, then continues the chain.
type Handler = for<'a, 'v> fn(&'a mut Exec<'v>, *const Instr, *mut Value, u64, Instr);

impl Vm {
    /// Runs the innermost frame until the fuel is spent or something needs the
    /// driver in `execute` (a return from the entry frame, a raise, a
    /// collection, a native call, ...).
    pub(crate) fn dispatch(&mut self, fuel: &mut u64) -> Action {
        let mut x = Exec {
            vm: self,
            code: std::ptr::null(),
            consts: std::ptr::null(),
            global_slots: std::ptr::null(),
            globals: std::ptr::null_mut(),
            namespace: 0,
            closure: None,
            plain_ret: false,
            fuel_left: 0,
            stop: None,
        };
        loop {
            let slice = (*fuel).min(SLICE);
            if slice == 0 {
                return Action::OutOfFuel;
            }
            *fuel -= slice;
            let (ip, regs) = x.enter();
            if ip.is_null() {
                return Action::Raise(Raise::runtime_error("no frame to run"));
            }
            next(&mut x, ip, regs, slice);
            *fuel += x.fuel_left;
            if let Some(action) = x.stop.take() {
                return action;
            }
        }
    }
}

impl Exec<'_> {
    /// Loads the innermost frame: its code, constants, globals and registers.
    /// Returns the instruction pointer and the register window (a null
    /// instruction pointer when there is no frame; a pair of pointers comes
    /// back in registers, where an `Option` would take a stack slot).
    #[inline(never)]
    fn enter(&mut self) -> (*const Instr, *mut Value) {
        let vm = &mut *self.vm;
        let Some(&f) = vm.frames.last() else {
            return (std::ptr::null(), std::ptr::null_mut());
        };
        let info = &vm.units[f.unit as usize].fast[f.func as usize];
        self.code = info.code;
        self.consts = info.consts;
        self.global_slots = info.global_slots;
        self.namespace = info.namespace;
        self.globals = vm.namespaces[info.namespace].values.as_mut_ptr();
        self.closure = f.closure;
        self.plain_ret = f.ret == Ret::Register && f.gen.is_none();
        let base = f.base as usize;
        if vm.stack.len() < base + info.num_registers {
            // Frames are pushed with their whole window on the stack; this
            // only guards the invariant the handlers rely on.
            grow_stack(vm, base + info.num_registers);
        }

        // The window is on the stack (grown just above if need be), and verifier
        // rule `control-in-function` keeps `pc` inside `code`.
        (
            self.code.wrapping_add(f.pc as usize),
            vm.stack.as_mut_ptr().wrapping_add(base),
        )
    }

    /// `enter` for a plain frame whose function object is in the call cache
    /// (a function returned to, which called through the fast path): its
    /// `FnInfo` from there, without the unit and function tables. `None`
    /// when that does not apply; `enter` then does the whole work.
    #[inline(always)]
    fn enter_cached(&mut self) -> Option<(*const Instr, *mut Value)> {
        let vm = &mut *self.vm;
        let f = *vm.frames.last()?;
        let fref = f.closure?;
        if f.gen.is_some() {
            return None;
        }
        let info = vm.call_cache.lookup(fref)?;
        // SAFETY: see `CallCache::lookup`; the cache does not change below.
        let info = unsafe { &*info };
        if (info.unit, info.func) != (f.unit, f.func) {
            return None;
        }
        let base = f.base as usize;
        if vm.stack.len() < base + info.num_registers {
            return None;
        }
        self.code = info.code;
        self.consts = info.consts;
        self.global_slots = info.global_slots;
        self.namespace = info.namespace;
        self.globals = vm.namespaces.get_mut(info.namespace)?.values.as_mut_ptr();
        self.closure = f.closure;
        self.plain_ret = f.ret == Ret::Register;
        // The window is on the stack (checked above), and verifier rule
        // `control-in-function` keeps `pc` inside `code`.
        Some((
            self.code.wrapping_add(f.pc as usize),
            vm.stack.as_mut_ptr().wrapping_add(base),
        ))
    }

    /// Stores the instruction pointer in the innermost frame.
    #[inline(always)]
    fn save_pc(&mut self, ip: *const Instr) {
        let pc = ((ip as usize - self.code as usize) / std::mem::size_of::<Instr>()) as u32;
        if let Some(f) = self.vm.frames.last_mut() {
            f.pc = pc;
        }
    }

    /// Ends the chain with `action`; `ip` is where the frame resumes.
    #[cold]
    #[inline(never)]
    fn stop(&mut self, ip: *const Instr, fuel: u64, action: Action) {
        self.save_pc(ip);
        self.fuel_left = fuel;
        self.stop = Some(action);
    }
}

/// Fetches the instruction at `ip` and runs its handler.
#[inline(always)]
fn next(x: &mut Exec<'_>, ip: *const Instr, regs: *mut Value, fuel: u64) {
    if fuel == 0 {
        return slice_spent(x, ip);
    }
    // SAFETY: verifier rule `control-in-function`: every jump, branch and
    // handler target is an instruction of the function and no path runs past
    // its last instruction, so `ip` points at an instruction.
    let ins = unsafe { *ip };
    let handler = HANDLERS[ins.op_byte() as usize];
    handler(x, ip.wrapping_add(1), regs, fuel - 1, ins)
}

#[cold]
#[inline(never)]
fn slice_spent(x: &mut Exec<'_>, ip: *const Instr) {
    x.save_pc(ip);
    x.fuel_left = 0;
    x.stop = None;
}

/// Register `i` of the window.
///
/// SAFETY (for callers): verifier rule `register-in-frame`: every register
/// operand (and register window) of verified code is below the function's
/// `num_registers`, and a frame runs only with `base + num_registers` values on
/// the stack (`Exec::enter` and `call` grow it), so `regs + i` is in bounds.
#[inline(always)]
unsafe fn reg<'r>(regs: *mut Value, i: usize) -> &'r mut Value {
    &mut *regs.add(i)
}

/// Runs the instruction just fetched in the general interpreter, then
/// continues the chain (or stops, if the instruction stopped it).
///
/// The work happens in `run_general`, so that no stack slot of this function
/// has its address taken: LLVM turns a call in tail position into a jump only
/// when no such slot may be live (the same holds for every handler).
#[inline(never)]
fn general(x: &mut Exec<'_>, ip: *const Instr, _regs: *mut Value, fuel: u64, _ins: Instr) {
    let (ip, regs) = run_general(x, ip, fuel);
    if !ip.is_null() {
        next(x, ip, regs, fuel)
    }
}

/// `general`'s body: returns where to go on, or a null pointer when the chain
/// stops (with `x.stop` and `x.fuel_left` set).
#[inline(never)]
fn run_general(x: &mut Exec<'_>, ip: *const Instr, fuel: u64) -> (*const Instr, *mut Value) {
    // Point the frame at the instruction itself and give it its fuel back:
    // the general interpreter fetches and counts it again.
    x.save_pc(ip.wrapping_sub(1));
    let depth = x.vm.frames.len();
    let key = |f: &Frame| (f.unit, f.func, f.base);
    let before = x.vm.frames.last().map(key);
    let mut one = 1;
    let action = x.vm.dispatch_general(&mut one);
    if one == 0 && matches!(action, Action::OutOfFuel) {
        // Ran the one instruction; go on wherever it left the innermost frame.
        if x.vm.frames.len() == depth {
            // Still in this frame (the common case): only the position moved,
            // and the stack's buffer may have.
            if let Some(f) = x.vm.frames.last().filter(|f| Some(key(f)) == before) {
                let (pc, base) = (f.pc as usize, f.base as usize);
                x.globals = x.vm.namespaces[x.namespace].values.as_mut_ptr();
                // The frame's pc is inside its code (`control-in-function`) and
                // its window is on the stack.
                return (
                    x.code.wrapping_add(pc),
                    x.vm.stack.as_mut_ptr().wrapping_add(base),
                );
            }
        }
        let (ip, regs) = x.enter();
        if ip.is_null() {
            x.fuel_left = fuel;
            x.stop = Some(Action::Raise(Raise::runtime_error("no frame to run")));
        }
        (ip, regs)
    } else {
        // The frame's pc is already saved by the general interpreter.
        x.fuel_left = fuel + one;
        x.stop = Some(action);
        (std::ptr::null(), std::ptr::null_mut())
    }
}

/// Takes the `jmp` that follows a branch instruction (verifier rule
/// `branch-then-jump`), or skips it.
#[inline(always)]
fn branch(ip: *const Instr, taken: bool) -> *const Instr {
    // SAFETY: verifier rule `branch-then-jump`: a branch is never the last
    // instruction and is always followed by a `jmp` whose target is inside the
    // function (`control-in-function`).
    if taken {
        ip.wrapping_offset(1 + unsafe { *ip }.sj() as isize)
    } else {
        ip.wrapping_add(1)
    }
}

// ---- handlers ----

/// Defines handlers. In each body, `x`, `ip`, `regs`, `fuel` and `ins` are in
/// scope; `slow!()` hands the instruction to the general interpreter and
/// `r!(i)` is register `i`.
macro_rules! handlers {
    ($( $(#[$m:meta])* fn $name:ident($x:ident, $ip:ident, $regs:ident, $fuel:ident, $ins:ident) $body:block )*) => {
        $(
            $(#[$m])*
            #[allow(unused_mut, unused_variables, unreachable_code)]

            fn $name($x: &mut Exec<'_>, mut $ip: *const Instr, mut $regs: *mut Value, $fuel: u64, $ins: Instr) {
                #[allow(unused_macros)]
                macro_rules! slow {
                    () => {
                        return general($x, $ip, $regs, $fuel, $ins)
                    };
                }
                // SAFETY: verifier rule `register-in-frame` (see `reg`).
                #[allow(unused_macros)]
                macro_rules! r {
                    ($i:expr) => {
                        *unsafe { reg($regs, $i) }
                    };
                }
                // The value of a fallible operation, or raise its error.
                #[allow(unused_macros)]
                macro_rules! tryv {
                    ($e:expr) => {
                        match $e {
                            Ok(v) => v,
                            Err(e) => return $x.stop($ip, $fuel, Action::Raise(e)),
                        }
                    };
                }
                // After an allocation: stop for a collection if one is due.
                #[allow(unused_macros)]
                macro_rules! gc {
                    () => {
                        if $x.vm.heap.should_collect() {
                            return $x.stop($ip, $fuel, Action::Collect);
                        }
                    };
                }

                $body
                next($x, $ip, $regs, $fuel)
            }
        )*
    };
}

/// Int and float arithmetic: `$int` may return `None` (overflow, a zero
/// divisor) to take the slow path; `$float` is `None` where floats go slow too.
macro_rules! arith {
    ($x:ident, $ip:ident, $regs:ident, $fuel:ident, $ins:ident, $lhs:expr, $rhs:expr,
     |$p:ident, $q:ident| $int:expr, |$f:ident, $g:ident| $float:expr) => {{
        let dst = $ins.a();
        match ($lhs, $rhs) {
            (Value::Int($p), Value::Int($q)) => match $int {
                Some(v) => *unsafe { reg($regs, dst) } = Value::Int(v),
                None => return binary_object($x, $ip, $regs, $fuel, $ins),
            },
            (Value::Float($f), Value::Float($g)) => match $float {
                Some(v) => *unsafe { reg($regs, dst) } = Value::Float(v),
                None => return binary_object($x, $ip, $regs, $fuel, $ins),
            },
            (Value::Float($f), Value::Int(q)) => {
                let $g = q as f64;
                match $float {
                    Some(v) => *unsafe { reg($regs, dst) } = Value::Float(v),
                    None => return binary_object($x, $ip, $regs, $fuel, $ins),
                }
            }
            (Value::Int(p), Value::Float($g)) => {
                let $f = p as f64;
                match $float {
                    Some(v) => *unsafe { reg($regs, dst) } = Value::Float(v),
                    None => return binary_object($x, $ip, $regs, $fuel, $ins),
                }
            }
            _ => return binary_object($x, $ip, $regs, $fuel, $ins),
        }
    }};
}

/// Ints and floats compared with a Rust operator; anything else (mixed types
/// included, whose exact comparison is subtle) goes slow. Evaluates to a bool.
macro_rules! compare {
    ($x:ident, $ip:ident, $regs:ident, $fuel:ident, $ins:ident, $lhs:expr, $rhs:expr, $op:tt) => {
        match ($lhs, $rhs) {
            (Value::Int(p), Value::Int(q)) => p $op q,
            (Value::Float(p), Value::Float(q)) => p $op q,
            _ => return compare_object($x, $ip, $regs, $fuel, $ins),
        }
    };
}

/// `item in container` for `op_in`, in a frame of its own: a handler whose
/// own stack holds data a callee may point to (a copy of an operand, a short
/// string's text borrowed from that copy) cannot end in a jump to the next
/// handler, so handlers pass operands by reference to their registers and
/// leave the work that needs locals to out-of-line functions like this one.
#[inline(never)]
fn contains_in_frame(
    heap: &crate::heap::Heap,
    container: &Value,
    item: &Value,
) -> Result<bool, Raise> {
    crate::ops::contains(heap, *container, *item)
}

/// The character of `text` at byte `pos`, if any (ASCII read directly).
#[inline(always)]
fn next_char(text: &str, pos: usize) -> Option<char> {
    match text.as_bytes().get(pos) {
        Some(&b) if b.is_ascii() => Some(b as char),
        Some(_) => wide_char_at(text, pos),
        None => None,
    }
}

/// `next_char` beyond ASCII, out of line: the decoder's iterator lives in
/// this frame, not the handler's (see `contains_in_frame`).
#[inline(never)]
fn wide_char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..).and_then(|t| t.chars().next())
}

/// `binary_general`'s work in a frame of its own (see `contains_in_frame`):
/// `None` for an instruction that is not a binary operation.
#[inline(never)]
fn binary_in_frame(x: &mut Exec<'_>, regs: *mut Value, ins: Instr) -> Option<Result<Value, Raise>> {
    let (bop, form, inplace) = ins.opcode().and_then(binary_form)?;
    let (lhs, rhs) = binary_operands(x, regs, ins, form);
    Some(if inplace {
        crate::ops::inplace(&mut x.vm.heap, bop, lhs, rhs)
    } else {
        crate::ops::binary(&mut x.vm.heap, bop, lhs, rhs)
    })
}

/// Constant `k` of the running function's pool.
#[inline(always)]
fn konst(x: &Exec<'_>, k: usize) -> Value {
    // SAFETY: verifier rule `constant-index`: a constant operand indexes the
    // function's pool.
    unsafe { *x.consts.add(k) }
}

/// Copies global `g` of the running function's module to R[`a`], unless it
/// is unbound (then false: the caller goes slow, for the NameError).
#[inline(always)]
fn load_global(x: &Exec<'_>, regs: *mut Value, a: usize, g: usize) -> bool {
    // SAFETY: verifier rule `global-index`: `g` (the instruction's global
    // operand) indexes the module's globals, each of which the loader gave a
    // slot in the unit's namespace; see `reg` for the register.
    unsafe {
        let src = x.globals.add(*x.global_slots.add(g));
        if matches!(*src, Value::Undef) {
            return false;
        }
        copy_value(regs.add(a), src);
    }
    true
}

/// Advances the counted loop of `forloop` instruction `ins` (counter R[A],
/// bound R[A+1]) by `step`, and tells whether it goes on (then R[B] is the
/// new count); `None` when an operand is not an int or the count overflows
/// (the general interpreter's case). With a constant `step` the direction
/// test folds away.
#[inline(always)]
fn count_step(regs: *mut Value, ins: Instr, step: i64) -> Option<bool> {
    let a = ins.a();
    // SAFETY (each register): verifier rule `register-in-frame` (see `reg`);
    // `forloop`'s span is R[A] ..= R[A+2], and R[B] is a distinct register.
    let Value::Int(stop) = (unsafe { *reg(regs, a + 1) }) else {
        return None;
    };
    // The counter is an int already: only its payload is written.
    let Value::Int(i) = (unsafe { &mut *reg(regs, a) }) else {
        return None;
    };
    let n = i.checked_add(step)?;
    let go = if step > 0 { n < stop } else { n > stop };
    if go {
        *i = n;
        // SAFETY: as above.
        unsafe { *reg(regs, ins.b()) = Value::Int(n) };
    }
    Some(go)
}

/// A tuple of `items` in a frame of its own (see `contains_in_frame`).
#[inline(never)]
fn tuple_in_frame(heap: &mut crate::heap::Heap, items: &[Value]) -> Value {
    heap.tuple(items)
}

/// `obj[key]` in a frame of its own (see `contains_in_frame`; a `Value`
/// passed by value travels through a copy in the caller's frame).
#[inline(never)]
fn get_item_in_frame(
    heap: &mut crate::heap::Heap,
    obj: &Value,
    key: &Value,
) -> Result<Value, Raise> {
    crate::ops::get_item(heap, *obj, *key)
}

/// `obj[start:stop:step]` in a frame of its own (see `get_item_in_frame`).
#[inline(never)]
fn get_slice_in_frame(
    heap: &mut crate::heap::Heap,
    obj: &Value,
    [start, stop, step]: [&Value; 3],
) -> Result<Value, Raise> {
    crate::ops::get_slice(heap, *obj, *start, *stop, *step)
}

/// `recv.name` for a call, in a frame of its own (see `get_item_in_frame`).
#[inline(never)]
fn get_method_in_frame(
    heap: &mut crate::heap::Heap,
    recv: &Value,
    name: &Value,
) -> Result<(Value, Value), Raise> {
    crate::builtins::get_method(heap, *recv, *name)
}

/// `p == q` (`cmp` is `None`) or an ordering test, for `compare_object`, in
/// a frame of its own (see `contains_in_frame`).
#[inline(never)]
fn compare_in_frame(
    heap: &crate::heap::Heap,
    cmp: Option<crate::ops::CmpOp>,
    p: &Value,
    q: &Value,
) -> Result<bool, Raise> {
    match cmp {
        Some(cmp) => crate::ops::compare(heap, cmp, *p, *q),
        None => crate::ops::eq(heap, *p, *q),
    }
}

/// The texts of two values, if both are strings.
#[inline(always)]
fn str_pair<'a>(
    heap: &'a crate::heap::Heap,
    p: &'a Value,
    q: &'a Value,
) -> Option<(&'a str, &'a str)> {
    Some((heap.as_str(p)?, heap.as_str(q)?))
}

/// Copies the value at `src` to `dst` as one 16-byte move. An assignment of a
/// `Value` whose tag was just inspected lets LLVM split the copy into the tag
/// byte and a 15-byte payload moved through the stack with overlapping 8-byte
/// stores; the next read of the register then stalls on store forwarding
/// (perf showed over half of `getglobal`'s time on that one store).
///
/// SAFETY (for callers): both pointers are valid for one `Value`.
#[inline(always)]
unsafe fn copy_value(dst: *mut Value, src: *const Value) {
    std::ptr::copy(src, dst, 1);
}

/// `p / q` for ints and floats where the fast path gives Python's answer
/// (exactly representable operands, a non-zero divisor); `None` otherwise.
#[inline(always)]
fn fast_truediv(p: Value, q: Value) -> Option<f64> {
    match (p, q) {
        (Value::Float(p), Value::Float(q)) if q != 0.0 => Some(p / q),
        (Value::Float(p), Value::Int(q)) if q != 0 && exact(q) => Some(p / q as f64),
        (Value::Int(p), Value::Float(q)) if q != 0.0 && exact(p) => Some(p as f64 / q),
        (Value::Int(p), Value::Int(q)) => truediv(p, q),
        _ => None,
    }
}

/// The left and right operands of a binary instruction of operand `form`.
#[inline(always)]
fn binary_operands(x: &Exec<'_>, regs: *mut Value, ins: Instr, form: Operands) -> (Value, Value) {
    // SAFETY: verifier rule `register-in-frame` (see `reg`).
    let b = unsafe { *reg(regs, ins.b()) };
    match form {
        // SAFETY: as for R[B].
        Operands::Reg => (b, unsafe { *reg(regs, ins.c()) }),
        Operands::Imm => (b, Value::Int(ins.sc())),
        Operands::Const => (b, konst(x, ins.c())),
        Operands::ImmLeft => (Value::Int(ins.sc()), b),
        Operands::ConstLeft => (konst(x, ins.c()), b),
    }
}

/// Where the operand other than R[B] of a binary instruction comes from,
/// and on which side of the operator it stands.
#[derive(Clone, Copy)]
pub(crate) enum Operands {
    /// R[B] op R[C]
    Reg,
    /// R[B] op sC
    Imm,
    /// R[B] op K[C]
    Const,
    /// sC op R[B]
    ImmLeft,
    /// K[C] op R[B]
    ConstLeft,
}

/// The operator, operand form and in-place flag of a binary instruction.
/// Always inlined: `binary_object` relies on it being folded into its own
/// opcode decoding.
#[inline(always)]
pub(crate) fn binary_form(op: Opcode) -> Option<(crate::num::BinOp, Operands, bool)> {
    use crate::num::BinOp::*;
    Some(match op {
        Opcode::Add => (Add, Operands::Reg, false),
        Opcode::Sub => (Sub, Operands::Reg, false),
        Opcode::Mul => (Mul, Operands::Reg, false),
        Opcode::Div => (TrueDiv, Operands::Reg, false),
        Opcode::IDiv => (FloorDiv, Operands::Reg, false),
        Opcode::Mod => (Mod, Operands::Reg, false),
        Opcode::Pow => (Pow, Operands::Reg, false),
        Opcode::BAnd => (And, Operands::Reg, false),
        Opcode::BOr => (Or, Operands::Reg, false),
        Opcode::BXor => (Xor, Operands::Reg, false),
        Opcode::Shl => (Shl, Operands::Reg, false),
        Opcode::Shr => (Shr, Operands::Reg, false),
        Opcode::AddI => (Add, Operands::Imm, false),
        Opcode::SubI => (Sub, Operands::Imm, false),
        Opcode::MulI => (Mul, Operands::Imm, false),
        Opcode::IDivI => (FloorDiv, Operands::Imm, false),
        Opcode::ModI => (Mod, Operands::Imm, false),
        Opcode::AddK => (Add, Operands::Const, false),
        Opcode::SubK => (Sub, Operands::Const, false),
        Opcode::MulK => (Mul, Operands::Const, false),
        Opcode::DivK => (TrueDiv, Operands::Const, false),
        Opcode::IAdd => (Add, Operands::Reg, true),
        Opcode::ISub => (Sub, Operands::Reg, true),
        Opcode::IMul => (Mul, Operands::Reg, true),
        Opcode::IDivT => (TrueDiv, Operands::Reg, true),
        Opcode::IIDiv => (FloorDiv, Operands::Reg, true),
        Opcode::IMod => (Mod, Operands::Reg, true),
        Opcode::IPow => (Pow, Operands::Reg, true),
        Opcode::IAnd => (And, Operands::Reg, true),
        Opcode::IOr => (Or, Operands::Reg, true),
        Opcode::IXor => (Xor, Operands::Reg, true),
        Opcode::IShl => (Shl, Operands::Reg, true),
        Opcode::IShr => (Shr, Operands::Reg, true),
        Opcode::IAddI => (Add, Operands::Imm, true),
        Opcode::ISubI => (Sub, Operands::Imm, true),
        Opcode::RAddI => (Add, Operands::ImmLeft, false),
        Opcode::RSubI => (Sub, Operands::ImmLeft, false),
        Opcode::RMulI => (Mul, Operands::ImmLeft, false),
        Opcode::RAddK => (Add, Operands::ConstLeft, false),
        Opcode::RSubK => (Sub, Operands::ConstLeft, false),
        Opcode::RMulK => (Mul, Operands::ConstLeft, false),
        Opcode::RDivK => (TrueDiv, Operands::ConstLeft, false),
        Opcode::ModK => (Mod, Operands::Const, false),
        Opcode::IDivK => (FloorDiv, Operands::Const, false),
        _ => return None,
    })
}

/// `p ** q` for floats where C's `pow` gives Python's answer: finite operands,
/// a positive base (or an integral exponent) and a finite result. Zero
/// bases, overflow and complex results take the slow path for their errors.
fn float_pow(p: f64, q: f64) -> Option<f64> {
    if !(p.is_finite() && q.is_finite()) || p == 0.0 || (p < 0.0 && q.fract() != 0.0) {
        return None;
    }
    let v = p.powf(q);
    v.is_finite().then_some(v)
}

/// The most arguments `call_builtin` passes without the general path.
const MAX_FAST_ARGS: usize = 6;

/// The largest magnitude an int may have to convert to a float exactly.
const EXACT_F64: u64 = 1 << 53;

/// `p // q`, for the fast path. A positive power of two (`n // 2`, the
/// commonest divisor) is an arithmetic shift, which rounds toward negative
/// infinity as Python's `//` does: a division instruction costs tens of
/// cycles of latency.
#[inline(always)]
fn floordiv(p: i64, q: i64) -> Option<i64> {
    if q > 0 && q & (q - 1) == 0 {
        return Some(p >> q.trailing_zeros());
    }
    (q != 0 && !(p == i64::MIN && q == -1)).then(|| crate::num::floordiv_i64(p, q))
}

/// `p % q`, for the fast path. By a positive power of two it is a mask: the
/// result has the divisor's sign (non-negative), as in Python, for any `p`
/// in two's complement.
#[inline(always)]
fn modulo(p: i64, q: i64) -> Option<i64> {
    if q > 0 && q & (q - 1) == 0 {
        return Some(p & (q - 1));
    }
    (q != 0).then(|| crate::num::mod_i64(p, q))
}

/// True division of two ints, when both convert to floats exactly (then one
/// IEEE division is correctly rounded, as Python requires).
fn truediv(p: i64, q: i64) -> Option<f64> {
    (q != 0 && exact(p) && exact(q)).then(|| p as f64 / q as f64)
}

/// Whether an int converts to a float exactly.
#[inline(always)]
fn exact(i: i64) -> bool {
    i.unsigned_abs() <= EXACT_F64
}

handlers! {
    fn op_nop(x, ip, regs, fuel, ins) {}
    fn op_move(x, ip, regs, fuel, ins) {
        // SAFETY: verifier rule `register-in-frame` (see `reg`).
        unsafe { copy_value(regs.add(ins.a()), regs.add(ins.b())) };
    }
    fn op_loadi(x, ip, regs, fuel, ins) {
        r!(ins.a()) = Value::Int(ins.sbx());
    }
    fn op_loadf(x, ip, regs, fuel, ins) {
        r!(ins.a()) = Value::Float(ins.sbx() as f64);
    }
    fn op_loadk(x, ip, regs, fuel, ins) {
        // SAFETY: verifier rule `constant-index`: Bx indexes the function's pool;
        // see `reg` for the register.
        unsafe { copy_value(regs.add(ins.a()), x.consts.add(ins.bx())) };
    }
    fn op_loadnone(x, ip, regs, fuel, ins) {
        r!(ins.a()) = Value::None;
    }
    fn op_loadbool(x, ip, regs, fuel, ins) {
        r!(ins.a()) = Value::Bool(ins.b() != 0);
    }
    fn op_getglobal(x, ip, regs, fuel, ins) {
        if !load_global(x, regs, ins.a(), ins.bx()) {
            slow!();
        }
    }
    fn op_setglobal(x, ip, regs, fuel, ins) {
        // SAFETY: as for `getglobal`.
        unsafe { copy_value(x.globals.add(*x.global_slots.add(ins.bx())), regs.add(ins.a())) };
    }
    fn op_getupval(x, ip, regs, fuel, ins) {
        let Some(f) = x.closure else { slow!() };
        let Object::Function(fobj) = x.vm.heap.get(f) else { slow!() };
        let Some(cell) = fobj.captures.get(ins.b()) else { slow!() };
        match x.vm.heap.get(*cell) {
            Object::Cell(v) if !matches!(v, Value::Undef) => r!(ins.a()) = *v,
            _ => slow!(),
        }
    }

    fn op_add(x, ip, regs, fuel, ins) {
        arith!(x, ip, regs, fuel, ins, r!(ins.b()), r!(ins.c()),
            |p, q| p.checked_add(q), |f, g| Some(f + g));
    }
    fn op_sub(x, ip, regs, fuel, ins) {
        arith!(x, ip, regs, fuel, ins, r!(ins.b()), r!(ins.c()),
            |p, q| p.checked_sub(q), |f, g| Some(f - g));
    }
    fn op_mul(x, ip, regs, fuel, ins) {
        arith!(x, ip, regs, fuel, ins, r!(ins.b()), r!(ins.c()),
            |p, q| p.checked_mul(q), |f, g| Some(f * g));
    }
    fn op_div(x, ip, regs, fuel, ins) {
        let Some(v) = fast_truediv(r!(ins.b()), r!(ins.c())) else { slow!() };
        r!(ins.a()) = Value::Float(v);
    }
    fn op_idiv(x, ip, regs, fuel, ins) {
        arith!(x, ip, regs, fuel, ins, r!(ins.b()), r!(ins.c()),
            |p, q| floordiv(p, q), |f, g| None::<f64>);
    }
    fn op_mod(x, ip, regs, fuel, ins) {
        arith!(x, ip, regs, fuel, ins, r!(ins.b()), r!(ins.c()),
            |p, q| modulo(p, q), |f, g| None::<f64>);
    }
    fn op_band(x, ip, regs, fuel, ins) {
        match (r!(ins.b()), r!(ins.c())) {
            (Value::Int(p), Value::Int(q)) => r!(ins.a()) = Value::Int(p & q),
            _ => slow!(),
        }
    }
    fn op_bor(x, ip, regs, fuel, ins) {
        match (r!(ins.b()), r!(ins.c())) {
            (Value::Int(p), Value::Int(q)) => r!(ins.a()) = Value::Int(p | q),
            _ => slow!(),
        }
    }
    fn op_bxor(x, ip, regs, fuel, ins) {
        match (r!(ins.b()), r!(ins.c())) {
            (Value::Int(p), Value::Int(q)) => r!(ins.a()) = Value::Int(p ^ q),
            _ => slow!(),
        }
    }
    fn op_shr(x, ip, regs, fuel, ins) {
        match (r!(ins.b()), r!(ins.c())) {
            (Value::Int(p), Value::Int(q)) if q >= 0 => r!(ins.a()) = Value::Int(p >> q.min(63)),
            _ => slow!(),
        }
    }
    fn op_addi(x, ip, regs, fuel, ins) {
        arith!(x, ip, regs, fuel, ins, r!(ins.b()), Value::Int(ins.sc()),
            |p, q| p.checked_add(q), |f, g| Some(f + g));
    }
    fn op_subi(x, ip, regs, fuel, ins) {
        arith!(x, ip, regs, fuel, ins, r!(ins.b()), Value::Int(ins.sc()),
            |p, q| p.checked_sub(q), |f, g| Some(f - g));
    }
    fn op_muli(x, ip, regs, fuel, ins) {
        arith!(x, ip, regs, fuel, ins, r!(ins.b()), Value::Int(ins.sc()),
            |p, q| p.checked_mul(q), |f, g| Some(f * g));
    }
    fn op_idivi(x, ip, regs, fuel, ins) {
        arith!(x, ip, regs, fuel, ins, r!(ins.b()), Value::Int(ins.sc()),
            |p, q| floordiv(p, q), |f, g| None::<f64>);
    }
    fn op_modi(x, ip, regs, fuel, ins) {
        arith!(x, ip, regs, fuel, ins, r!(ins.b()), Value::Int(ins.sc()),
            |p, q| modulo(p, q), |f, g| None::<f64>);
    }
    fn op_modk(x, ip, regs, fuel, ins) {
        let k = konst(x, ins.c());
        arith!(x, ip, regs, fuel, ins, r!(ins.b()), k,
            |p, q| modulo(p, q), |f, g| None::<f64>);
    }
    fn op_idivk(x, ip, regs, fuel, ins) {
        let k = konst(x, ins.c());
        arith!(x, ip, regs, fuel, ins, r!(ins.b()), k,
            |p, q| floordiv(p, q), |f, g| None::<f64>);
    }
    fn op_addk(x, ip, regs, fuel, ins) {
        let k = konst(x, ins.c());
        arith!(x, ip, regs, fuel, ins, r!(ins.b()), k,
            |p, q| p.checked_add(q), |f, g| Some(f + g));
    }
    fn op_subk(x, ip, regs, fuel, ins) {
        let k = konst(x, ins.c());
        arith!(x, ip, regs, fuel, ins, r!(ins.b()), k,
            |p, q| p.checked_sub(q), |f, g| Some(f - g));
    }
    fn op_mulk(x, ip, regs, fuel, ins) {
        let k = konst(x, ins.c());
        arith!(x, ip, regs, fuel, ins, r!(ins.b()), k,
            |p, q| p.checked_mul(q), |f, g| Some(f * g));
    }
    fn op_divk(x, ip, regs, fuel, ins) {
        let k = konst(x, ins.c());
        let Some(v) = fast_truediv(r!(ins.b()), k) else { slow!() };
        r!(ins.a()) = Value::Float(v);
    }
    fn op_raddi(x, ip, regs, fuel, ins) {
        arith!(x, ip, regs, fuel, ins, Value::Int(ins.sc()), r!(ins.b()),
            |p, q| p.checked_add(q), |f, g| Some(f + g));
    }
    fn op_rsubi(x, ip, regs, fuel, ins) {
        arith!(x, ip, regs, fuel, ins, Value::Int(ins.sc()), r!(ins.b()),
            |p, q| p.checked_sub(q), |f, g| Some(f - g));
    }
    fn op_rmuli(x, ip, regs, fuel, ins) {
        arith!(x, ip, regs, fuel, ins, Value::Int(ins.sc()), r!(ins.b()),
            |p, q| p.checked_mul(q), |f, g| Some(f * g));
    }
    fn op_raddk(x, ip, regs, fuel, ins) {
        let k = konst(x, ins.c());
        arith!(x, ip, regs, fuel, ins, k, r!(ins.b()),
            |p, q| p.checked_add(q), |f, g| Some(f + g));
    }
    fn op_rsubk(x, ip, regs, fuel, ins) {
        let k = konst(x, ins.c());
        arith!(x, ip, regs, fuel, ins, k, r!(ins.b()),
            |p, q| p.checked_sub(q), |f, g| Some(f - g));
    }
    fn op_rmulk(x, ip, regs, fuel, ins) {
        let k = konst(x, ins.c());
        arith!(x, ip, regs, fuel, ins, k, r!(ins.b()),
            |p, q| p.checked_mul(q), |f, g| Some(f * g));
    }
    fn op_rdivk(x, ip, regs, fuel, ins) {
        let k = konst(x, ins.c());
        let Some(v) = fast_truediv(k, r!(ins.b())) else {
            return binary_object(x, ip, regs, fuel, ins);
        };
        r!(ins.a()) = Value::Float(v);
    }
    fn op_tdiv(x, ip, regs, fuel, ins) {
        match (r!(ins.b()), r!(ins.c())) {
            (Value::Int(p), Value::Int(q)) if q != 0 && !(p == i64::MIN && q == -1) => {
                r!(ins.a()) = Value::Int(p / q);
            }
            _ => slow!(),
        }
    }
    fn op_tmod(x, ip, regs, fuel, ins) {
        match (r!(ins.b()), r!(ins.c())) {
            (Value::Int(p), Value::Int(q)) if q != 0 && !(p == i64::MIN && q == -1) => {
                r!(ins.a()) = Value::Int(p % q);
            }
            _ => slow!(),
        }
    }
    /// `chki64`: an int that fits 64 bits is a `Value::Int`; anything else
    /// (a big int to refuse, a wrong type) is the general interpreter's.
    fn op_chki64(x, ip, regs, fuel, ins) {
        if !matches!(r!(ins.a()), Value::Int(_)) {
            slow!();
        }
    }
    fn op_neg(x, ip, regs, fuel, ins) {
        match r!(ins.b()) {
            Value::Int(i) if i != i64::MIN => r!(ins.a()) = Value::Int(-i),
            Value::Float(f) => r!(ins.a()) = Value::Float(-f),
            _ => slow!(),
        }
    }
    fn op_not(x, ip, regs, fuel, ins) {
        let t = match r!(ins.b()) {
            Value::Bool(b) => b,
            Value::Int(i) => i != 0,
            Value::None => false,
            _ => slow!(),
        };
        r!(ins.a()) = Value::Bool(!t);
    }

    fn op_eq(x, ip, regs, fuel, ins) {
        let t = compare!(x, ip, regs, fuel, ins, r!(ins.b()), r!(ins.c()), ==);
        r!(ins.a()) = Value::Bool(t);
    }
    fn op_ne(x, ip, regs, fuel, ins) {
        let t = compare!(x, ip, regs, fuel, ins, r!(ins.b()), r!(ins.c()), !=);
        r!(ins.a()) = Value::Bool(t);
    }
    fn op_lt(x, ip, regs, fuel, ins) {
        let t = compare!(x, ip, regs, fuel, ins, r!(ins.b()), r!(ins.c()), <);
        r!(ins.a()) = Value::Bool(t);
    }
    fn op_le(x, ip, regs, fuel, ins) {
        let t = compare!(x, ip, regs, fuel, ins, r!(ins.b()), r!(ins.c()), <=);
        r!(ins.a()) = Value::Bool(t);
    }
    fn op_gt(x, ip, regs, fuel, ins) {
        let t = compare!(x, ip, regs, fuel, ins, r!(ins.b()), r!(ins.c()), >);
        r!(ins.a()) = Value::Bool(t);
    }
    fn op_ge(x, ip, regs, fuel, ins) {
        let t = compare!(x, ip, regs, fuel, ins, r!(ins.b()), r!(ins.c()), >=);
        r!(ins.a()) = Value::Bool(t);
    }
    fn op_is(x, ip, regs, fuel, ins) {
        r!(ins.a()) = Value::Bool(r!(ins.b()).is(r!(ins.c())));
    }
    fn op_isnot(x, ip, regs, fuel, ins) {
        r!(ins.a()) = Value::Bool(!r!(ins.b()).is(r!(ins.c())));
    }

    fn op_breq(x, ip, regs, fuel, ins) {
        let t = compare!(x, ip, regs, fuel, ins, r!(ins.a()), r!(ins.b()), ==);
        ip = branch(ip, t == (ins.c() != 0));
    }
    fn op_brlt(x, ip, regs, fuel, ins) {
        let t = compare!(x, ip, regs, fuel, ins, r!(ins.a()), r!(ins.b()), <);
        ip = branch(ip, t == (ins.c() != 0));
    }
    fn op_brle(x, ip, regs, fuel, ins) {
        let t = compare!(x, ip, regs, fuel, ins, r!(ins.a()), r!(ins.b()), <=);
        ip = branch(ip, t == (ins.c() != 0));
    }
    fn op_brgt(x, ip, regs, fuel, ins) {
        let t = compare!(x, ip, regs, fuel, ins, r!(ins.a()), r!(ins.b()), >);
        ip = branch(ip, t == (ins.c() != 0));
    }
    fn op_brge(x, ip, regs, fuel, ins) {
        let t = compare!(x, ip, regs, fuel, ins, r!(ins.a()), r!(ins.b()), >=);
        ip = branch(ip, t == (ins.c() != 0));
    }
    fn op_brltk(x, ip, regs, fuel, ins) {
        let t = compare!(x, ip, regs, fuel, ins, r!(ins.a()), konst(x, ins.b()), <);
        ip = branch(ip, t == (ins.c() != 0));
    }
    fn op_brlek(x, ip, regs, fuel, ins) {
        let t = compare!(x, ip, regs, fuel, ins, r!(ins.a()), konst(x, ins.b()), <=);
        ip = branch(ip, t == (ins.c() != 0));
    }
    fn op_brgtk(x, ip, regs, fuel, ins) {
        let t = compare!(x, ip, regs, fuel, ins, r!(ins.a()), konst(x, ins.b()), >);
        ip = branch(ip, t == (ins.c() != 0));
    }
    fn op_brgek(x, ip, regs, fuel, ins) {
        let t = compare!(x, ip, regs, fuel, ins, r!(ins.a()), konst(x, ins.b()), >=);
        ip = branch(ip, t == (ins.c() != 0));
    }
    fn op_breqi(x, ip, regs, fuel, ins) {
        let t = match r!(ins.a()) {
            Value::Int(p) => p == ins.sb(),
            Value::Float(p) => p == ins.sb() as f64,
            _ => slow!(),
        };
        ip = branch(ip, t == (ins.c() != 0));
    }
    fn op_brlti(x, ip, regs, fuel, ins) {
        let t = match r!(ins.a()) {
            Value::Int(p) => p < ins.sb(),
            Value::Float(p) => p < ins.sb() as f64,
            _ => slow!(),
        };
        ip = branch(ip, t == (ins.c() != 0));
    }
    fn op_brlei(x, ip, regs, fuel, ins) {
        let t = match r!(ins.a()) {
            Value::Int(p) => p <= ins.sb(),
            Value::Float(p) => p <= ins.sb() as f64,
            _ => slow!(),
        };
        ip = branch(ip, t == (ins.c() != 0));
    }
    fn op_brgti(x, ip, regs, fuel, ins) {
        let t = match r!(ins.a()) {
            Value::Int(p) => p > ins.sb(),
            Value::Float(p) => p > ins.sb() as f64,
            _ => slow!(),
        };
        ip = branch(ip, t == (ins.c() != 0));
    }
    fn op_brgei(x, ip, regs, fuel, ins) {
        let t = match r!(ins.a()) {
            Value::Int(p) => p >= ins.sb(),
            Value::Float(p) => p >= ins.sb() as f64,
            _ => slow!(),
        };
        ip = branch(ip, t == (ins.c() != 0));
    }
    fn op_brnone(x, ip, regs, fuel, ins) {
        ip = branch(ip, r!(ins.a()).is_none() == (ins.c() != 0));
    }
    fn op_bris(x, ip, regs, fuel, ins) {
        ip = branch(ip, r!(ins.a()).is(r!(ins.b())) == (ins.c() != 0));
    }
    fn op_brtrue(x, ip, regs, fuel, ins) {
        let t = match r!(ins.a()) {
            Value::Bool(b) => b,
            Value::Int(i) => i != 0,
            Value::None => false,
            _ => return brtrue_object(x, ip, regs, fuel, ins),
        };
        ip = branch(ip, t == (ins.c() != 0));
    }
    /// `brtrue` on anything but a bool, int or None: Python's truth test.
    #[inline(never)]
    fn brtrue_object(x, ip, regs, fuel, ins) {
        let t = crate::ops::truthy(&x.vm.heap, r!(ins.a()));
        ip = branch(ip, t == (ins.c() != 0));
    }
    fn op_jmp(x, ip, regs, fuel, ins) {
        // Verifier rule `control-in-function`: the target is an instruction of
        // this function.
        ip = ip.wrapping_offset(ins.sj() as isize);
    }

    fn op_forloop(x, ip, regs, fuel, ins) {
        let Value::Int(step) = r!(ins.a() + 2) else { slow!() };
        let Some(go) = count_step(regs, ins, step) else { slow!() };
        ip = branch(ip, go);
    }
    /// `forloop` of a loop whose step is 1: no step to read, no direction to test.
    fn op_forloop1(x, ip, regs, fuel, ins) {
        let Some(go) = count_step(regs, ins, 1) else { slow!() };
        ip = branch(ip, go);
    }
    fn op_foriter(x, ip, regs, fuel, ins) {
        let Value::Obj(it) = r!(ins.a()) else { slow!() };
        let Object::Iter(state) = x.vm.heap.get_mut(it) else { slow!() };
        match &mut **state {
            IterObj::Range { next, stop, step } => {
                let cur = *next;
                let more = if *step > 0 { cur < *stop } else { cur > *stop };
                if more {
                    match cur.checked_add(*step) {
                        Some(n) => *next = n,
                        None => slow!(),
                    }
                    r!(ins.b()) = Value::Int(cur);
                } else {
                    **state = IterObj::Done;
                }
                ip = branch(ip, more);
            }
            IterObj::Seq { seq, pos } => {
                let (seq, pos) = (*seq, *pos);
                let item = match x.vm.heap.get(seq) {
                    Object::List(items) => items.get(pos),
                    Object::Tuple(items) => items.get(pos).copied(),
                    _ => slow!(),
                };
                if let Object::Iter(state) = x.vm.heap.get_mut(it) {
                    **state = match item {
                        Some(_) => IterObj::Seq { seq, pos: pos + 1 },
                        None => IterObj::Done,
                    };
                }
                if let Some(v) = item {
                    r!(ins.b()) = v;
                }
                ip = branch(ip, item.is_some());
            }
            IterObj::Str { pos, .. } => {
                let pos = *pos;
                // The text is read where it is, in the iterator (see `contains_in_frame`).
                let c = match x.vm.heap.get(it) {
                    Object::Iter(st) => match &**st {
                        IterObj::Str { s, .. } => match x.vm.heap.as_str(s) {
                            Some(text) => next_char(text, pos),
                            None => slow!(),
                        },
                        _ => slow!(),
                    },
                    _ => slow!(),
                };
                if let Object::Iter(st) = x.vm.heap.get_mut(it) {
                    match (c, &mut **st) {
                        // Advanced in place: replacing the state would drop it.
                        (Some(c), IterObj::Str { pos: p, .. }) => *p = pos + c.len_utf8(),
                        _ => **st = IterObj::Done,
                    }
                }
                if let Some(c) = c {
                    r!(ins.b()) = Value::char(c);
                }
                ip = branch(ip, c.is_some());
            }
            IterObj::Dict { .. } | IterObj::Reversed { .. } => {
                return foriter_object(x, ip, regs, fuel, ins);
            }
            _ => slow!(),
        }
    }
    /// `foriter` over a dict (or its views) or `reversed()`: iterators that
    /// never call into bytecode, so the library steps them directly.
    #[inline(never)]
    fn foriter_object(x, ip, regs, fuel, ins) {
        let it = r!(ins.a());
        let item = tryv!(crate::ops::iter_next(&mut x.vm.heap, it));
        if let Some(v) = item {
            r!(ins.b()) = v;
        }
        ip = branch(ip, item.is_some());
        gc!();
    }
    /// `iter(x)`, without the general interpreter's detour.
    fn op_getiter(x, ip, regs, fuel, ins) {
        let it = tryv!(crate::ops::make_iter(&mut x.vm.heap, r!(ins.b())));
        r!(ins.a()) = it;
        gc!();
    }
    fn op_getslice(x, ip, regs, fuel, ins) {
        let c = ins.c();
        let v = tryv!(get_slice_in_frame(
            &mut x.vm.heap,
            &r!(ins.b()),
            [&r!(c), &r!(c + 1), &r!(c + 2)]
        ));
        r!(ins.a()) = v;
        gc!();
    }


    fn op_getindex(x, ip, regs, fuel, ins) {
        let (Value::Obj(r), Value::Int(i)) = (r!(ins.b()), r!(ins.c())) else {
            return getindex_object(x, ip, regs, fuel, ins);
        };
        let items: &[Value] = match x.vm.heap.get(r) {
            Object::List(l) => l.general(),
            Object::Tuple(items) => items,
            _ => return getindex_object(x, ip, regs, fuel, ins),
        };
        // A negative `j` converts to an index beyond any length: one bounds
        // check covers both ends.
        let j = if i < 0 { i.wrapping_add(items.len() as i64) } else { i };
        match items.get(j as usize) {
            // SAFETY: verifier rule `register-in-frame` (see `reg`).
            Some(v) => unsafe { copy_value(regs.add(ins.a()), v) },
            // A list in bool storage has no general items.
            None => return getindex_bools(x, ip, regs, fuel, ins),
        }
    }
    /// `getindex` on a list in bool storage (anything else is slow). Out of
    /// line, so that the general storage's path keeps its few registers.
    #[inline(never)]
    fn getindex_bools(x, ip, regs, fuel, ins) {
        let (Value::Obj(r), Value::Int(i)) = (r!(ins.b()), r!(ins.c())) else { slow!() };
        let Object::List(l) = x.vm.heap.get(r) else { slow!() };
        let Some(items) = l.bools() else { slow!() };
        let j = if i < 0 { i.wrapping_add(items.len() as i64) } else { i };
        match items.get(j as usize) {
            Some(b) => r!(ins.a()) = Value::Bool(*b),
            None => slow!(),
        }
    }
    fn op_getindexi(x, ip, regs, fuel, ins) {
        let Value::Obj(r) = r!(ins.b()) else { slow!() };
        let items: &[Value] = match x.vm.heap.get(r) {
            Object::List(l) => l.general(),
            Object::Tuple(items) => items,
            _ => slow!(),
        };
        match items.get(ins.c()) {
            // SAFETY: verifier rule `register-in-frame` (see `reg`).
            Some(v) => unsafe { copy_value(regs.add(ins.a()), v) },
            // A list in bool storage has no general items.
            None => return getindexi_bools(x, ip, regs, fuel, ins),
        }
    }
    /// `getindexi` on a list in bool storage (anything else is slow).
    #[inline(never)]
    fn getindexi_bools(x, ip, regs, fuel, ins) {
        let Value::Obj(r) = r!(ins.b()) else { slow!() };
        let Object::List(l) = x.vm.heap.get(r) else { slow!() };
        match l.bools().and_then(|b| b.get(ins.c())) {
            Some(b) => r!(ins.a()) = Value::Bool(*b),
            None => slow!(),
        }
    }
    fn op_setindex(x, ip, regs, fuel, ins) {
        let (Value::Obj(r), Value::Int(i)) = (r!(ins.a()), r!(ins.b())) else {
            return setindex_object(x, ip, regs, fuel, ins);
        };
        let Object::List(l) = x.vm.heap.get_mut(r) else {
            return setindex_object(x, ip, regs, fuel, ins);
        };
        let items = l.general_mut();
        // A negative `j` converts to an index beyond any length (see `getindex`).
        let j = if i < 0 { i.wrapping_add(items.len() as i64) } else { i };
        match items.get_mut(j as usize) {
            // SAFETY: verifier rule `register-in-frame` (see `reg`).
            Some(slot) => unsafe { copy_value(slot, regs.add(ins.c())) },
            // A list in bool storage has no general items.
            None => return setindex_bools(x, ip, regs, fuel, ins),
        }
    }
    /// `setindex` of a bool into a list in bool storage; anything else (a
    /// value of another kind switches the storage) is slow.
    #[inline(never)]
    fn setindex_bools(x, ip, regs, fuel, ins) {
        let (Value::Obj(r), Value::Int(i), Value::Bool(b)) = (r!(ins.a()), r!(ins.b()), r!(ins.c()))
        else {
            slow!()
        };
        let Object::List(l) = x.vm.heap.get_mut(r) else { slow!() };
        let Some(items) = l.bools_mut() else { slow!() };
        let j = if i < 0 { i.wrapping_add(items.len() as i64) } else { i };
        match items.get_mut(j as usize) {
            Some(slot) => *slot = b,
            None => slow!(),
        }
    }
    fn op_setindexi(x, ip, regs, fuel, ins) {
        let Value::Obj(r) = r!(ins.a()) else { slow!() };
        let Object::List(l) = x.vm.heap.get_mut(r) else { slow!() };
        match l.general_mut().get_mut(ins.b()) {
            // SAFETY: verifier rule `register-in-frame` (see `reg`).
            Some(slot) => unsafe {
                let src = regs.add(ins.c());
                // A float was usually just computed into the register as a
                // tag byte and a payload; copying it by field avoids the
                // stall of reading those two stores as one 16-byte load
                // (perf: half of nbody's `setindexi` time).
                match &*src {
                    Value::Float(f) => *slot = Value::Float(*f),
                    _ => copy_value(slot, src),
                }
            },
            // A list in bool storage has no general items.
            None => return setindexi_bools(x, ip, regs, fuel, ins),
        }
    }
    /// `setindexi` of a bool into a list in bool storage (anything else is slow).
    #[inline(never)]
    fn setindexi_bools(x, ip, regs, fuel, ins) {
        let (Value::Obj(r), Value::Bool(b)) = (r!(ins.a()), r!(ins.c())) else { slow!() };
        let Object::List(l) = x.vm.heap.get_mut(r) else { slow!() };
        match l.bools_mut().and_then(|items| items.get_mut(ins.b())) {
            Some(slot) => *slot = b,
            None => slow!(),
        }
    }
    fn op_len(x, ip, regs, fuel, ins) {
        // By reference: a short string's text is read where it is (see
        // `contains_in_frame`).
        let r = match &r!(ins.b()) {
            Value::Obj(r) => *r,
            Value::Short(s) => {
                let n = s.char_count();
                r!(ins.a()) = Value::Int(n as i64);
                return next(x, ip, regs, fuel);
            }
            _ => slow!(),
        };
        let n = match x.vm.heap.get(r) {
            Object::List(items) => items.len(),
            Object::Tuple(items) => items.len(),
            Object::Str(s) => s.chars,
            Object::Dict(d) | Object::Set(d) => d.len(),
            _ => slow!(),
        };
        r!(ins.a()) = Value::Int(n as i64);
    }
    fn op_append(x, ip, regs, fuel, ins) {
        let v = r!(ins.b());
        let Value::Obj(r) = r!(ins.a()) else { slow!() };
        let Object::List(items) = x.vm.heap.get_mut(r) else { slow!() };
        let grown = items.push(v);
        x.vm.heap.note_growth(grown);
        if x.vm.heap.should_collect() {
            return x.stop(ip, fuel, Action::Collect);
        }
    }

    /// A call to a bytecode function whose parameters are exactly the
    /// positional arguments given (no defaults, no star parameters, not a
    /// generator): push its frame and go on in it. Everything else is slow.
    fn op_call(x, ip, regs, fuel, ins) {
        let a = ins.a();
        let nargs = ins.b();
        let fref = match r!(a) {
            Value::Obj(fref) => fref,
            Value::Native(_) | Value::Class(_) => return call_builtin(x, ip, regs, fuel, ins),
            _ => slow!(),
        };
        // The exits below fetch the instruction again rather than keep `ins`
        // in a register all along (one callee-saved register fewer).
        // SAFETY: `ip` points just after the instruction being run.
        let ins_again = || unsafe { *ip.wrapping_sub(1) };
        let Some(info) = x.vm.call_cache.lookup(fref) else {
            return call_miss(x, ip, regs, fuel, ins_again());
        };
        // SAFETY: see `CallCache::lookup`: nothing changes the cache in this
        // handler (it calls nothing).
        let info = unsafe { &*info };

        if info.arity != nargs || (nargs > 0 && matches!(r!(a + 1), Value::Undef)) {
            return general(x, ip, regs, fuel, ins_again());
        }
        let vm = &mut *x.vm;
        let depth = vm.frames.len();
        let nregs = info.num_registers;
        let new_base = window_base(regs, &vm.stack) + a + 1;
        // Growth (and the RecursionError beyond the limit) is out of line,
        // so that this handler calls nothing and keeps its state in
        // scratch registers.
        if depth == 0
            || depth >= vm.config.max_depth
            || depth == vm.frames.capacity()
            || vm.stack.len() < new_base + nregs
        {
            return call_grow(x, ip, regs, fuel, ins_again());
        }
        // The caller resumes after the call (a frame runs, `depth > 0`).
        let pc = ((ip as usize - x.code as usize) / std::mem::size_of::<Instr>()) as u32;
        // SAFETY: the stack holds `new_base + nregs` values (checked above).
        regs = unsafe { vm.stack.as_mut_ptr().add(new_base) };
        // Locals start unbound (the arguments are already in place); the
        // temporaries above them are written before they are read.
        let clear = info.clear;
        if clear > nargs {
            // SAFETY: `clear <= nregs` (`RegisterFlow::clear` never answers
            // more than the function's registers) and the window holds `nregs`
            // registers (checked above).
            unsafe { std::slice::from_raw_parts_mut(regs.add(nargs), clear - nargs) }
                .fill(Value::Undef);
        }
        let frames = vm.frames.as_mut_ptr();
        // SAFETY: `0 < depth < capacity` (checked above): the caller's frame
        // is at `depth - 1` and the new one fits at `depth` without growth.
        unsafe {
            (*frames.add(depth - 1)).pc = pc;
            frames.add(depth).write(Frame {
                unit: info.unit,
                func: info.func,
                pc: 0,
                base: new_base as u32,
                closure: Some(fref),
                ret: Ret::Register,
                gen: None,
            });
            vm.frames.set_len(depth + 1);
        }
        // A recursive call stays in the code, constants and globals it has.
        // (Code shared by two units, were a module ever loaded twice, would
        // still differ in its unit's global slot table.)
        if info.code != x.code || info.global_slots != x.global_slots {
            x.code = info.code;
            x.consts = info.consts;
            x.global_slots = info.global_slots;
            if info.namespace != x.namespace {
                x.namespace = info.namespace;
                x.globals = x.vm.namespaces[info.namespace].values.as_mut_ptr();
            }
        }
        x.closure = Some(fref);
        x.plain_ret = true;
        ip = info.code;
    }

    /// `callg`: the callee is global C (loaded here, so that its `getglobal`
    /// takes no dispatch of its own; unbound goes slow for the NameError),
    /// then the call, whose operands A and B mean what they mean for `call`.
    fn op_callg(x, ip, regs, fuel, ins) {
        if !load_global(x, regs, ins.a(), ins.c()) {
            slow!();
        }
        return op_call(x, ip, regs, fuel, ins);
    }
    /// `callg1`: `callg` of one argument, copied from R[B] to R[A+1] here;
    /// the call goes on as the `call r[A], 1` it now is.
    fn op_callg1(x, ip, regs, fuel, ins) {
        let a = ins.a();
        if !load_global(x, regs, a, ins.c()) {
            slow!();
        }
        // SAFETY: R[B] and R[A+1] by verifier rule `register-in-frame` (the
        // span of `callg1` is R[A] ..= R[A+1]).
        unsafe { copy_value(regs.add(a + 1), regs.add(ins.b())) };
        return op_call(x, ip, regs, fuel, call_of_one(ins));
    }

    /// `op_call`'s rare cases: the frame or value stack must grow first, or
    /// the call is too deep (the general interpreter raises RecursionError).
    #[cold]
    #[inline(never)]
    fn call_grow(x, ip, regs, fuel, ins) {
        let vm = &mut *x.vm;
        let depth = vm.frames.len();
        if depth == 0 || depth >= vm.config.max_depth {
            slow!();
        }
        let Value::Obj(fref) = r!(ins.a()) else { slow!() };
        let Some(info) = vm.call_cache.lookup(fref) else { slow!() };
        // SAFETY: see `CallCache::lookup`: read at once.
        let nregs = unsafe { &*info }.num_registers;
        vm.frames.reserve(1);
        let base = window_base(regs, &vm.stack);
        let top = base + ins.a() + 1 + nregs;
        if vm.stack.len() < top {
            grow_stack(vm, top);
        }
        // The stack's buffer may have moved; the window is still on it.
        regs = vm.stack.as_mut_ptr().wrapping_add(base);
        return again(x, ip, regs, fuel, ins);
    }

    /// A call of a function object not in the call cache: look it up, cache
    /// it, and make the call again.
    #[inline(never)]
    fn call_miss(x, ip, regs, fuel, ins) {
        let Value::Obj(fref) = r!(ins.a()) else { slow!() };
        let Object::Function(fobj) = x.vm.heap.get(fref) else { slow!() };
        let (unit, func) = (fobj.unit, fobj.func);
        learn_clear(&mut x.vm.units[unit as usize], func as usize);
        let info = x.vm.units[unit as usize].fast[func as usize];
        x.vm.call_cache.entries[fref.index() as usize % CALL_CACHE_SIZE] = (fref.index(), info);
        return again(x, ip, regs, fuel, ins);
    }

    /// A call of a built-in function, method or class with positional
    /// arguments: the arguments are copied out of the registers (natives get
    /// the whole VM) and the native runs right here, with no allocation.
    #[inline(never)]
    fn call_builtin(x, ip, regs, fuel, ins) {
        let a = ins.a();
        // `xs.append(v)`, the commonest method call: no native call at all.
        if let (Value::Native(NativeId::ListAppend), 2) = (r!(a), ins.b()) {
            if let (Value::Obj(list), v) = (r!(a + 1), r!(a + 2)) {
                if let Object::List(items) = x.vm.heap.get_mut(list) {
                    let grown = items.push(v);
                    x.vm.heap.note_growth(grown);
                    r!(a) = Value::None;
                    gc!();
                    return next(x, ip, regs, fuel);
                }
            }
        }
        // `d.get(k)` and `str(i)`: answered without a native call.
        if builtin_inline(x, regs, ins) {
            gc!();
            return next(x, ip, regs, fuel);
        }
        regs = run_builtin(x, ip, regs, fuel, ins);
        if regs.is_null() {
            return;
        }
    }

    /// Arithmetic on anything but two ints or floats (strings, lists, big
    /// ints, bools, an int overflow): Python's full rules, without the general
    /// interpreter's detour.
    ///
    /// Building short strings (words, keys) needs neither the heap nor the
    /// general operator's dispatch (`+=` means the same for them), so it is
    /// done here, in a handler that calls nothing and so saves no registers.
    #[inline(never)]
    fn binary_object(x, ip, regs, fuel, ins) {
        let Some((bop, form, _)) = ins.opcode().and_then(binary_form) else { slow!() };
        // The operands by reference to where they are: a copy of a short
        // string to the stack, reloaded as words, stalls on store forwarding.
        let b = &r!(ins.b());
        // SAFETY (the `Const` forms): verifier rule `constant-index`: C indexes the pool.
        let (lhs, rhs) = match form {
            Operands::Reg => (b, &r!(ins.c())),
            Operands::Const => (b, unsafe { &*x.consts.add(ins.c()) }),
            Operands::ConstLeft => (unsafe { &*x.consts.add(ins.c()) }, b),
            Operands::Imm | Operands::ImmLeft => (b, b),
        };
        let short = match (bop, form, lhs, rhs) {
            // (The immediate forms have no second string: `rhs` is R[B] again.)
            (BinOp::Add, Operands::Reg | Operands::Const | Operands::ConstLeft, Value::Short(p), Value::Short(q)) => {
                ShortStr::concat(p, q)
            }
            (BinOp::Mul, Operands::Reg, Value::Short(p), Value::Int(n)) => {
                p.repeat((*n).max(0) as usize)
            }
            (BinOp::Mul, Operands::Imm, Value::Short(p), _) => p.repeat(ins.sc().max(0) as usize),
            _ => None,
        };
        match short {
            // SAFETY: verifier rule `register-in-frame` (see `reg`).
            Some(s) => unsafe { s.store(regs.add(ins.a())) },
            None => return binary_general(x, ip, regs, fuel, ins),
        }
    }
    /// `binary_object` for everything but short strings.
    #[inline(never)]
    fn binary_general(x, ip, regs, fuel, ins) {
        let Some(v) = binary_in_frame(x, regs, ins) else { slow!() };
        r!(ins.a()) = tryv!(v);
        gc!();
    }

    /// A comparison of anything but two ints or two floats.
    #[inline(never)]
    fn compare_object(x, ip, regs, fuel, ins) {
        use crate::ops::CmpOp;
        let Some(op) = ins.opcode() else { slow!() };
        let (cmp, branching) = match op {
            Opcode::Eq => (None, false),
            Opcode::Ne => (None, false),
            Opcode::Lt => (Some(CmpOp::Lt), false),
            Opcode::Le => (Some(CmpOp::Le), false),
            Opcode::Gt => (Some(CmpOp::Gt), false),
            Opcode::Ge => (Some(CmpOp::Ge), false),
            Opcode::BrEq => (None, true),
            Opcode::BrLt => (Some(CmpOp::Lt), true),
            Opcode::BrLe => (Some(CmpOp::Le), true),
            Opcode::BrGt => (Some(CmpOp::Gt), true),
            Opcode::BrGe => (Some(CmpOp::Ge), true),
            _ => slow!(),
        };
        // By reference: strings are compared where they are (see `contains_in_frame`).
        let (pr, qr) = if branching {
            (&r!(ins.a()), &r!(ins.b()))
        } else {
            (&r!(ins.b()), &r!(ins.c()))
        };
        let negate = op == Opcode::Ne;
        let t = match (pr, qr, cmp) {
            // Two short strings (the commonest case here): equal exactly when
            // their bytes are, ordered as their texts.
            (Value::Short(s), Value::Short(t), None) => (s == t) != negate,
            (Value::Short(s), Value::Short(t), Some(cmp)) => cmp.test(s.cmp(t)),
            _ => match (str_pair(&x.vm.heap, pr, qr), cmp) {
                (Some((s, t)), None) => (s == t) != negate,
                (Some((s, t)), Some(cmp)) => cmp.test(s.cmp(t)),
                (None, cmp) => tryv!(compare_in_frame(&x.vm.heap, cmp, pr, qr)) != negate,
            },
        };

        if branching {
            ip = branch(ip, t == (ins.c() != 0));
        } else {
            r!(ins.a()) = Value::Bool(t);
        }
    }

    fn op_pow(x, ip, regs, fuel, ins) {
        let v = match (r!(ins.b()), r!(ins.c())) {
            (Value::Int(p), Value::Int(q)) if (0..=u32::MAX as i64).contains(&q) => {
                match p.checked_pow(q as u32) {
                    Some(v) => Value::Int(v),
                    None => return binary_object(x, ip, regs, fuel, ins),
                }
            }
            (Value::Float(p), Value::Float(q)) => match float_pow(p, q) {
                Some(v) => Value::Float(v),
                None => return binary_object(x, ip, regs, fuel, ins),
            },
            (Value::Float(p), Value::Int(q)) if exact(q) => match float_pow(p, q as f64) {
                Some(v) => Value::Float(v),
                None => return binary_object(x, ip, regs, fuel, ins),
            },
            _ => return binary_object(x, ip, regs, fuel, ins),
        };
        r!(ins.a()) = v;
    }

    fn op_forprep(x, ip, regs, fuel, ins) {
        let a = ins.a();
        let (Value::Int(start), Value::Int(stop), Value::Int(step)) = (r!(a), r!(a + 1), r!(a + 2))
        else {
            slow!()
        };
        let nonempty = match step {
            0 => slow!(),
            s if s > 0 => start < stop,
            _ => start > stop,
        };
        if nonempty {
            r!(ins.b()) = Value::Int(start);
        }
        ip = branch(ip, !nonempty);
    }

    fn op_newtuple(x, ip, regs, fuel, ins) {
        let (b, n) = (ins.b(), ins.c());
        // Pairs (tree nodes, dict items) are stored in the object's slot:
        // build them straight away, with no boxed slice to allocate and free.
        r!(ins.a()) = if n == 2 {
            x.vm.heap.pair(&r!(b), &r!(b + 1))
        } else {
            // SAFETY: verifier rule `register-in-frame` (see `reg`): the
            // window R[B]..R[B+C] is inside the frame.
            tuple_in_frame(&mut x.vm.heap, unsafe { std::slice::from_raw_parts(regs.add(b), n) })
        };
        gc!();
    }
    fn op_newlist(x, ip, regs, fuel, ins) {
        let (b, n) = (ins.b(), ins.c());
        let items: Vec<Value> = (0..n).map(|k| r!(b + k)).collect();
        r!(ins.a()) = x.vm.heap.list(items);
        gc!();
    }
    /// `a, b = xs` from a list or tuple of exactly the right length.
    fn op_unpack(x, ip, regs, fuel, ins) {
        let Value::Obj(r) = r!(ins.b()) else { slow!() };
        let (a, n) = (ins.a(), ins.c());
        let items: &[Value] = match x.vm.heap.get(r) {
            // `left, right = node`: no slice of the pair to build and walk.
            Object::Tuple(crate::heap::TupleItems::Two([p, q])) => {
                if n != 2 {
                    slow!();
                }
                // SAFETY: verifier rule `register-in-frame` (see `reg`): the
                // unpack's window R[A]..R[A+C] is inside the frame.
                unsafe {
                    copy_value(regs.add(a), p);
                    copy_value(regs.add(a + 1), q);
                }
                return next(x, ip, regs, fuel);
            }
            // A list in bool storage has no general items, whatever its length.
            Object::List(l) if l.bools().is_none() => l.general(),
            Object::Tuple(items) => items,
            _ => slow!(),
        };
        if items.len() != n {
            slow!();
        }
        for (k, v) in items.iter().enumerate() {
            // SAFETY: verifier rule `register-in-frame` (see `reg`).
            unsafe { copy_value(regs.add(a + k), v) };
        }
    }

    /// `recv.name` for a call, with a cache of built-in method lookups.
    fn op_getmethod(x, ip, regs, fuel, ins) {
        let recv = r!(ins.b());
        if matches!(recv, Value::Module(_)) {
            slow!()
        }
        // The name's place in the constant pool identifies it (see `MethodCache`).
        let site = x.consts.wrapping_add(ins.c()) as usize;
        let class = x.vm.heap.class_of(recv);
        match x.vm.method_cache.get(site, class) {
            Some(native) => {
                r!(ins.a()) = Value::Native(native);
                r!(ins.a() + 1) = recv;
            }
            None => return getmethod_lookup(x, ip, regs, fuel, ins),
        }
    }
    #[inline(never)]
    fn getmethod_lookup(x, ip, regs, fuel, ins) {
        let recv = r!(ins.b());
        // SAFETY: verifier rule `constant-index`: C indexes the pool.
        let name = unsafe { &*x.consts.add(ins.c()) };
        let (callee, this) = tryv!(get_method_in_frame(&mut x.vm.heap, &r!(ins.b()), name));
        if let (Value::Native(native), false) = (callee, matches!(this, Value::Undef)) {
            // Found in the method table of the receiver's class: cacheable.
            let class = x.vm.heap.class_of(recv);
            let site = x.consts.wrapping_add(ins.c()) as usize;
            x.vm.method_cache.put(site, class, native);
        }
        r!(ins.a()) = callee;
        r!(ins.a() + 1) = this;
        gc!();
    }

    fn op_in(x, ip, regs, fuel, ins) {
        let fast = match r!(ins.c()) {
            Value::Obj(r) => matches!(
                x.vm.heap.get(r),
                Object::Dict(_) | Object::Set(_) | Object::List(_) | Object::Tuple(_) | Object::Str(_)
            ),
            Value::Short(_) => true,
            _ => false,
        };
        if !fast {
            slow!();
        }
        // The operands go by reference to their registers (see `contains_in_frame`).
        let found = tryv!(contains_in_frame(&x.vm.heap, &r!(ins.c()), &r!(ins.b())));
        let negate = ins.op_byte() == Opcode::NotIn as u8;
        r!(ins.a()) = Value::Bool(found != negate);
    }

    /// Indexing a dict or a string.
    #[inline(never)]
    fn getindex_object(x, ip, regs, fuel, ins) {
        let (obj, key) = (r!(ins.b()), r!(ins.c()));
        let fast = match obj {
            Value::Obj(r) => matches!(x.vm.heap.get(r), Object::Dict(_) | Object::Str(_)),
            Value::Short(_) => true,
            _ => false,
        };
        if !fast {
            slow!();
        }
        let v = tryv!(get_item_in_frame(&mut x.vm.heap, &r!(ins.b()), &r!(ins.c())));
        r!(ins.a()) = v;
        gc!();
    }
    /// Storing into a dict.
    #[inline(never)]
    fn setindex_object(x, ip, regs, fuel, ins) {
        let (obj, key, v) = (r!(ins.a()), r!(ins.b()), r!(ins.c()));
        let Value::Obj(r) = obj else { slow!() };
        if !matches!(x.vm.heap.get(r), Object::Dict(_)) {
            slow!();
        }
        tryv!(crate::ops::dict_set(&mut x.vm.heap, r, key, v));
        gc!();
    }

    fn op_return(x, ip, regs, fuel, ins) {
        if !x.plain_ret {
            slow!();
        }
        // SAFETY: R[-1] is the caller's callee register (see `ret`); R[A] by verifier rule `register-in-frame`.
        unsafe { copy_value(regs.sub(1), regs.add(ins.a())) };
        return ret(x, regs, fuel);
    }
    fn op_returnk(x, ip, regs, fuel, ins) {
        if !x.plain_ret {
            slow!();
        }
        // SAFETY: R[-1] is the caller's callee register (see `ret`); verifier
        // rule `constant-index`: Bx indexes the function's pool.
        unsafe { copy_value(regs.sub(1), x.consts.add(ins.bx())) };
        return ret(x, regs, fuel);
    }
    fn op_returnnone(x, ip, regs, fuel, ins) {
        if !x.plain_ret {
            slow!();
        }
        // SAFETY: R[-1] is the caller's callee register (see `ret`).
        unsafe { *regs.sub(1) = Value::None };
        return ret(x, regs, fuel);
    }
}

/// `call r[A], 1` for the `callg1` instruction `ins`, whose callee and
/// argument are in place.
#[inline(always)]
fn call_of_one(ins: Instr) -> Instr {
    // `a()` is a byte field, so the cast keeps it whole.
    Instr::pack_abc(Opcode::Call, ins.a() as u8, 1, 0)
}

/// Runs the call instruction `ins` (`call`, `callg` or `callg1`, fetched
/// again by `op_call`'s exits) once more from its own handler: a fused one
/// loads its callee and argument again, which changes nothing.
#[inline(always)]
fn again(x: &mut Exec<'_>, ip: *const Instr, regs: *mut Value, fuel: u64, ins: Instr) {
    HANDLERS[ins.op_byte() as usize](x, ip, regs, fuel, ins)
}

/// Analyses a function's registers the first time the fast path calls it,
/// so that functions never called that way (the module body) never pay for
/// the analysis.
#[inline(never)]
fn learn_clear(unit: &mut crate::vm::Unit, func: usize) {
    if unit.fast.get(func).is_none_or(|info| info.analysed) {
        return;
    }
    let clear = unit.flow(func).map(|f| f.clear());
    if let Some(info) = unit.fast.get_mut(func) {
        info.analysed = true;
        info.clear = clear.unwrap_or(info.num_registers);
    }
}

/// The built-in calls `call_builtin` answers itself, without a native
/// call: `d.get(k)`, `d.get(k, default)` and `str(i)` of an int. Returns
/// whether it did (the result is then in R[A]). Kept out of `call_builtin`
/// so that its locals (the digit buffer) do not stop the handler's tail call.
#[inline(never)]
fn builtin_inline(x: &mut Exec<'_>, regs: *mut Value, ins: Instr) -> bool {
    // SAFETY (for every `reg` below): verifier rule `register-in-frame` (see `reg`).
    let r = |i: usize| unsafe { *reg(regs, i) };
    let a = ins.a();
    let result = match (r(a), ins.b()) {
        // An unhashable key takes the native's path, which raises the error.
        (Value::Native(NativeId::DictGet), 2 | 3) => {
            let Value::Obj(d) = r(a + 1) else {
                return false;
            };
            let Object::Dict(dict) = x.vm.heap.get(d) else {
                return false;
            };
            let default = if ins.b() == 3 { r(a + 3) } else { Value::None };
            let Ok(v) = crate::builtins::dict_get_or(&x.vm.heap, dict, r(a + 2), default) else {
                return false;
            };
            v
        }
        (Value::Class(crate::class::ClassId::STR), 1) => match r(a + 1) {
            Value::Int(i) => match ShortStr::from_int(i) {
                Some(s) => {
                    // SAFETY: verifier rule `register-in-frame` (see `reg`).
                    unsafe { s.store(reg(regs, a)) };
                    return true;
                }
                None => crate::ops::int_str(&mut x.vm.heap, i),
            },
            // Anything else takes the class call.
            _ => return false,
        },
        _ => return false,
    };
    // SAFETY: as above.
    unsafe { *reg(regs, a) = result };
    true
}

/// `call_builtin`'s body (see `general` for why it is a function of its own):
/// returns the register window to go on with, or null when the chain stopped.
#[inline(never)]
fn run_builtin(
    x: &mut Exec<'_>,
    ip: *const Instr,
    regs: *mut Value,
    fuel: u64,
    ins: Instr,
) -> *mut Value {
    // SAFETY (for every `reg` below): verifier rule `register-in-frame` (see `reg`).
    let r = |i: usize| unsafe { *reg(regs, i) };
    let a = ins.a();
    let (mut first, mut nargs) = (a + 1, ins.b());
    // A function looked up on a module has no receiver: skip the placeholder.
    if nargs > 0 && matches!(r(first), Value::Undef) {
        first += 1;
        nargs -= 1;
    }
    let base = window_base(regs, &x.vm.stack);
    if nargs > MAX_FAST_ARGS {
        let (ip, regs) = run_general(x, ip, fuel);
        return if ip.is_null() {
            std::ptr::null_mut()
        } else {
            regs
        };
    }
    let mut args = [Value::None; MAX_FAST_ARGS];
    for (k, arg) in args.iter_mut().enumerate().take(nargs) {
        *arg = r(first + k);
    }
    x.save_pc(ip);
    let result = match r(a) {
        Value::Native(id) => crate::builtins::call_native(x.vm, id, &args[..nargs], &[]),
        Value::Class(c) => crate::builtins::call_class(x.vm, c, &args[..nargs], &[]),
        _ => Err(Raise::type_error("internal error: not a built-in")),
    };
    match result {
        Ok(v) => {
            // The native may have grown the stack (moving its buffer).
            let regs = x.vm.stack.as_mut_ptr().wrapping_add(base);
            // SAFETY: verifier rule `register-in-frame` (see `reg`); the window is still on the stack.
            unsafe { *reg(regs, a) = v };
            if x.vm.heap.should_collect() {
                x.stop(ip, fuel, Action::Collect);
                return std::ptr::null_mut();
            }
            regs
        }
        Err(error) => {
            x.stop(
                ip,
                fuel,
                Action::NativeFailed {
                    dst: base + a,
                    error,
                },
            );
            std::ptr::null_mut()
        }
    }
}

/// Pops a plain frame whose result is already in R[-1], the caller's callee
/// register: a plain frame's base is one past it (`call` puts the window at
/// R[A+1] of the caller; the entry frame's base is 1, over `stack[0]`).
#[inline(always)]
fn ret(x: &mut Exec<'_>, regs: *mut Value, fuel: u64) {
    let frames = &mut x.vm.frames;
    let depth = frames.len();
    if depth < 2 {
        return ret_last(x, regs, fuel);
    }
    let (done, caller) = (frames[depth - 1], frames[depth - 2]);
    frames.pop();
    // A recursive call returns to its own function: code, constants and
    // globals are already loaded, so only the frame's own state changes.
    if done.unit == caller.unit && done.func == caller.func && caller.gen.is_none() {
        x.closure = caller.closure;
        x.plain_ret = caller.ret == Ret::Register;
        // The caller's window was on the stack when it made the call, and
        // the stack never shrinks while frames are live; its pc is inside
        // its code (verifier rule `control-in-function`).
        let ip = x.code.wrapping_add(caller.pc as usize);
        let regs = x.vm.stack.as_mut_ptr().wrapping_add(caller.base as usize);
        return next(x, ip, regs, fuel);
    }
    ret_enter(x, fuel)
}

/// `ret` to another function: load its frame. Out of line, so that `return`
/// itself calls nothing and needs no stack frame.
#[inline(never)]
fn ret_enter(x: &mut Exec<'_>, fuel: u64) {
    let (ip, regs) = match x.enter_cached() {
        Some(at) => at,
        None => x.enter(),
    };
    if ip.is_null() {
        return no_frame(x, fuel);
    }
    next(x, ip, regs, fuel)
}

/// `ret` from the outermost frame: the run's result. Out of line, so that
/// replacing `x.stop` (dropping whatever it held) gives `return` no stack
/// frame of its own.
#[cold]
#[inline(never)]
fn ret_last(x: &mut Exec<'_>, regs: *mut Value, fuel: u64) {
    x.vm.frames.pop();
    x.fuel_left = fuel;
    // SAFETY: R[-1] is the caller's callee register, or `stack[0]` under the
    // entry frame (see `ret`).
    x.stop = Some(Action::Return(unsafe { *regs.sub(1) }));
}

/// The index in the stack of the register window `regs` points to.
#[inline(always)]
fn window_base(regs: *const Value, stack: &[Value]) -> usize {
    (regs as usize - stack.as_ptr() as usize) / std::mem::size_of::<Value>()
}

#[cold]
#[inline(never)]
fn no_frame(x: &mut Exec<'_>, fuel: u64) {
    x.fuel_left = fuel;
    x.stop = Some(Action::Raise(Raise::runtime_error("no frame to run")));
}

#[cold]
#[inline(never)]
fn grow_stack(vm: &mut Vm, top: usize) {
    vm.stack.resize(top, Value::Undef);
}

/// The handler of every opcode: a fast one for the common opcodes, `general`
/// for the rest (and for bytes that name no opcode, which verified code never
/// holds).
static HANDLERS: [Handler; 256] = {
    let mut t: [Handler; 256] = [general; 256];
    macro_rules! set {
        ($($op:ident => $h:ident),* $(,)?) => {
            $( t[Opcode::$op as usize] = $h; )*
        };
    }
    set! {
        Nop => op_nop, Move => op_move, LoadI => op_loadi, LoadF => op_loadf,
        LoadK => op_loadk, LoadNone => op_loadnone, LoadBool => op_loadbool,
        GetGlobal => op_getglobal, SetGlobal => op_setglobal, GetUpval => op_getupval,
        Add => op_add, Sub => op_sub, Mul => op_mul, Div => op_div, IDiv => op_idiv,
        Mod => op_mod, BAnd => op_band, BOr => op_bor, BXor => op_bxor, Shr => op_shr,
        AddI => op_addi, SubI => op_subi, MulI => op_muli, IDivI => op_idivi, ModI => op_modi,
        AddK => op_addk, SubK => op_subk, MulK => op_mulk, DivK => op_divk,
        IAdd => op_add, ISub => op_sub, IMul => op_mul, IDivT => op_div, IIDiv => op_idiv,
        IMod => op_mod, IAnd => op_band, IOr => op_bor, IXor => op_bxor, IShr => op_shr,
        IAddI => op_addi, ISubI => op_subi, Pow => op_pow, IPow => op_pow,
        RAddI => op_raddi, RSubI => op_rsubi, RMulI => op_rmuli,
        RAddK => op_raddk, RSubK => op_rsubk, RMulK => op_rmulk, RDivK => op_rdivk,
        ModK => op_modk, IDivK => op_idivk,
        ForPrep => op_forprep, NewTuple => op_newtuple, NewList => op_newlist,
        Unpack => op_unpack, GetMethod => op_getmethod, In => op_in, NotIn => op_in,
        GetIter => op_getiter, GetSlice => op_getslice,
        TDiv => op_tdiv, TMod => op_tmod, ChkI64 => op_chki64,
        Neg => op_neg, Not => op_not,
        Eq => op_eq, Ne => op_ne, Lt => op_lt, Le => op_le, Gt => op_gt, Ge => op_ge,
        Is => op_is, IsNot => op_isnot,
        BrEq => op_breq, BrLt => op_brlt, BrLe => op_brle, BrGt => op_brgt, BrGe => op_brge,
        BrEqI => op_breqi, BrLtI => op_brlti, BrLeI => op_brlei, BrGtI => op_brgti,
        BrGeI => op_brgei, BrNone => op_brnone, BrIs => op_bris, BrTrue => op_brtrue,
        Jmp => op_jmp,
        ForLoop => op_forloop, ForIter => op_foriter,
        GetIndex => op_getindex, GetIndexI => op_getindexi,
        SetIndex => op_setindex, SetIndexI => op_setindexi,
        Len => op_len, Append => op_append,
        Call => op_call, Return => op_return, ReturnNone => op_returnnone,
        CallG => op_callg, CallG1 => op_callg1, ReturnK => op_returnk,
        ForLoop1 => op_forloop1,
        BrLtK => op_brltk, BrLeK => op_brlek, BrGtK => op_brgtk, BrGeK => op_brgek,
    }
    t
};
