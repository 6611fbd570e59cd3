//! The heap: an arena of objects owned by one VM, with a tracing mark-and-sweep
//! collector and byte accounting for memory limits.
//!
//! The collector has two generations without a write barrier: only objects
//! that can never come to reference a mutable object ([`DEEP`] ones: strings,
//! big ints, tuples of such) grow old once they survive a collection, so an
//! old object reaches only old objects and a minor collection can skip them
//! all. Mutable objects stay young and are marked by every collection. A full
//! collection comes when the heap, old garbage included, has grown by half of
//! what the last full one found live, which bounds memory as before.
//!
//! Objects are addressed by [`ObjRef`] indexes into a slot table, so the heap
//! needs no unsafe code and a stale reference can at worst name the wrong
//! object, never freed memory. The collector runs only at safe points chosen by
//! the interpreter (between instructions), when every live value is reachable
//! from the roots the VM passes in; allocation itself never collects.

use crate::builtins::NativeId;
use crate::class::ClassId;
use crate::dict::Dict;
use crate::list::ListObj;
use crate::value::{ObjRef, ShortStr, Value};
use compact_str::CompactString;
use num_bigint::BigInt;
use std::borrow::Cow;

/// An immutable string with its length in code points.
///
/// The text is a `CompactString`: strings of up to 24 bytes (most keys, words
/// and numbers a program makes) live inside the object's slot, so creating
/// and freeing them costs no allocation. Hashes are not cached: the slot has
/// no room left, and hashing a short string costs less than a cache check
/// would save; dict entries keep their keys' hashes anyway.
#[derive(Debug)]
pub struct StrObj {
    /// The UTF-8 text.
    pub s: CompactString,
    /// Length in code points (equals the byte length when the text is ASCII).
    pub chars: usize,
}

impl StrObj {
    /// Wraps a string, counting its code points.
    #[inline]
    pub fn new(s: CompactString) -> StrObj {
        let chars = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        StrObj { s, chars }
    }
    /// Wraps a string whose code points the caller has already counted.
    #[inline]
    pub fn with_chars(s: CompactString, chars: usize) -> StrObj {
        debug_assert_eq!(chars, s.chars().count());
        StrObj { s, chars }
    }
    /// Whether every character is ASCII (so byte and character indexes agree).
    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.chars == self.s.len()
    }
}

/// The items of a tuple. Tuples of up to two items (the pairs of
/// `dict.items()` and `enumerate`, the nodes of a binary tree) live inside the
/// object's slot; longer ones in a boxed slice. Dereferences to the items.
#[derive(Debug, Clone)]
pub enum TupleItems {
    /// `()`
    Empty,
    /// A single item.
    One([Value; 1]),
    /// Two items.
    Two([Value; 2]),
    /// Three or more items.
    Many(Box<[Value]>),
}

impl std::ops::Deref for TupleItems {
    type Target = [Value];
    #[inline]
    fn deref(&self) -> &[Value] {
        match self {
            TupleItems::Empty => &[],
            TupleItems::One(a) => a,
            TupleItems::Two(a) => a,
            TupleItems::Many(b) => b,
        }
    }
}

impl From<&[Value]> for TupleItems {
    #[inline]
    fn from(items: &[Value]) -> TupleItems {
        match *items {
            [] => TupleItems::Empty,
            [a] => TupleItems::One([a]),
            [a, b] => TupleItems::Two([a, b]),
            _ => TupleItems::Many(items.into()),
        }
    }
}

impl From<Vec<Value>> for TupleItems {
    #[inline]
    fn from(items: Vec<Value>) -> TupleItems {
        if items.len() > 2 {
            TupleItems::Many(items.into_boxed_slice())
        } else {
            TupleItems::from(items.as_slice())
        }
    }
}

impl From<Box<[Value]>> for TupleItems {
    #[inline]
    fn from(items: Box<[Value]>) -> TupleItems {
        if items.len() > 2 {
            TupleItems::Many(items)
        } else {
            TupleItems::from(&*items)
        }
    }
}

impl<const N: usize> From<[Value; N]> for TupleItems {
    #[inline]
    fn from(items: [Value; N]) -> TupleItems {
        TupleItems::from(&items[..])
    }
}

/// A string value's text and its length in code points, wherever the text
/// lives (in the value itself or in a heap object).
#[derive(Clone, Copy, Debug)]
pub struct Text<'a> {
    /// The UTF-8 text.
    pub s: &'a str,
    /// Length in code points.
    pub chars: usize,
}

impl Text<'_> {
    /// Whether every character is ASCII (so byte and character indexes agree).
    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.chars == self.s.len()
    }
}

/// The longest string (in bytes) kept inside its object's slot.
pub const INLINE_STR: usize = std::mem::size_of::<CompactString>();

/// A function value: a function of a loaded module plus its captured cells and defaults.
#[derive(Debug, Clone)]
pub struct FunctionObj {
    /// The loaded unit (module) the function's code lives in.
    pub unit: u32,
    /// The function's index in that module.
    pub func: u32,
    /// The function's name (a string value shared by every closure of it).
    pub name: Value,
    /// Captured cells, in the order of the function's capture table.
    pub captures: Box<[ObjRef]>,
    /// Default values of the last positional parameters (a tuple), if any.
    pub defaults: Option<ObjRef>,
    /// Defaults of keyword-only parameters (a dict), if any.
    pub kwdefaults: Option<ObjRef>,
}

/// What an iterator walks over.
#[derive(Debug, Clone)]
pub enum IterObj {
    /// A list or tuple by position (lists may change while iterated).
    Seq { seq: ObjRef, pos: usize },
    /// The characters of a string (short or on the heap), by byte position.
    Str { s: Value, pos: usize },
    /// An arithmetic progression.
    Range { next: i64, stop: i64, step: i64 },
    /// The keys, values or items of a dict (or the members of a set).
    Dict {
        dict: ObjRef,
        pos: usize,
        len: usize,
        kind: DictView,
    },
    /// A list or tuple backwards.
    Reversed { seq: ObjRef, pos: usize },
    /// `enumerate(it, start)`.
    Enumerate { inner: ObjRef, count: Value },
    /// `zip(*its)`.
    Zip { inners: Box<[ObjRef]> },
    /// `map(func, *its)`: calls `func` for each item (see `resume`).
    Map { func: Value, inners: Box<[ObjRef]> },
    /// `filter(func, it)`: keeps the items `func` accepts (`None`: truthy items).
    Filter { func: Value, inner: ObjRef },
    /// An exhausted iterator.
    Done,
}

/// Which part of a dict an iterator yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DictView {
    /// Keys (also set members).
    Keys,
    /// Values.
    Values,
    /// `(key, value)` tuples.
    Items,
}

/// Where a generator is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenState {
    /// Created, not yet started.
    Created,
    /// Paused at a `yield`.
    Suspended,
    /// Its frame is on the stack.
    Running,
    /// Returned or raised; it yields nothing more.
    Done,
}

/// A generator: a suspended frame of a generator function.
#[derive(Debug, Clone)]
pub struct GenObj {
    /// The generator function (for its code, captured cells and name).
    pub func: ObjRef,
    /// The frame's registers while it is not running.
    pub regs: Vec<Value>,
    /// Where execution resumes.
    pub pc: u32,
    /// Its state.
    pub state: GenState,
}

/// One traceback line: where a frame was when an exception passed through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TraceEntry {
    /// The loaded unit.
    pub unit: u32,
    /// The function index in that unit.
    pub func: u32,
    /// The instruction index.
    pub pc: u32,
}

/// An exception instance.
#[derive(Debug, Clone)]
pub struct ExcObj {
    /// Its class.
    pub class: ClassId,
    /// The constructor arguments (`e.args`), a tuple.
    pub args: ObjRef,
    /// Frames the exception passed through, innermost last once unwinding ends.
    pub traceback: Vec<TraceEntry>,
    /// `raise ... from cause`.
    pub cause: Value,
    /// The exception being handled when this one was raised.
    pub context: Value,
    /// Set by `raise ... from`, hiding the context in tracebacks.
    pub suppress_context: bool,
}

/// A range object.
#[derive(Debug, Clone, Copy)]
pub struct RangeObj {
    /// First value.
    pub start: i64,
    /// End (exclusive).
    pub stop: i64,
    /// Step (never zero).
    pub step: i64,
}

impl RangeObj {
    /// The number of values in the range.
    pub fn len(&self) -> i64 {
        let (lo, hi, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 {
            (hi - lo + step - 1) / step
        } else {
            (lo - hi - step - 1) / (-step)
        };
        n.clamp(0, i64::MAX as i128) as i64
    }
    /// Whether the range is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A heap object.
#[derive(Debug)]
pub enum Object {
    /// A free slot (the number is not used).
    Free(u32),
    /// `str`
    Str(StrObj),
    /// An `int` too large for 64 bits.
    BigInt(BigInt),
    /// `list`
    List(ListObj),
    /// `tuple`
    Tuple(TupleItems),
    /// `dict`
    Dict(Box<Dict>),
    /// `set` (a dict whose values are unused)
    Set(Box<Dict>),
    /// A function defined in bytecode.
    Function(Box<FunctionObj>),
    /// A built-in method bound to its receiver (`xs.append` used as a value).
    BoundMethod {
        /// The receiver.
        recv: Value,
        /// The method.
        native: NativeId,
    },
    /// A cell holding a captured variable (`Undef` while unbound).
    Cell(Value),
    /// `range`
    Range(RangeObj),
    /// An iterator.
    Iter(Box<IterObj>),
    /// An exception instance.
    Exception(Box<ExcObj>),
    /// A growable byte memory (the tutorial dialect's heap).
    Memory(Vec<u8>),
    /// A live view of a dict's keys, values or items.
    View(ObjRef, DictView),
    /// `sys.stdout` (false) or `sys.stderr` (true).
    Stream(bool),
    /// A generator.
    Generator(Box<GenObj>),
}

impl Object {
    /// The class of the object.
    pub fn class(&self) -> ClassId {
        match self {
            Object::Free(_) => ClassId::OBJECT,
            Object::Str(_) => ClassId::STR,
            Object::BigInt(_) => ClassId::INT,
            Object::List(_) => ClassId::LIST,
            Object::Tuple(_) => ClassId::TUPLE,
            Object::Dict(_) => ClassId::DICT,
            Object::Set(_) => ClassId::SET,
            Object::Function(_) => ClassId::FUNCTION,
            Object::BoundMethod { .. } => ClassId::BUILTIN,
            Object::Cell(_) => ClassId::CELL,
            Object::Range(_) => ClassId::RANGE,
            Object::Iter(_) => ClassId::ITERATOR,
            Object::Exception(e) => e.class,
            Object::Memory(_) => ClassId::MEMORY,
            Object::View(_, DictView::Keys) => ClassId::DICT_KEYS,
            Object::View(_, DictView::Values) => ClassId::DICT_VALUES,
            Object::View(_, DictView::Items) => ClassId::DICT_ITEMS,
            Object::Stream(_) => ClassId::TEXT_IO,
            Object::Generator(_) => ClassId::GENERATOR,
        }
    }

    /// The collector's flags for the object ([`NO_REFS`], [`PLAIN`], and
    /// [`DEEP`] when it holds no references; a tuple's `DEEP` depends on its
    /// items, see [`Heap::tuple`]).
    #[inline]
    fn gc_flags(&self) -> u8 {
        match self {
            Object::Free(_) | Object::Range(_) | Object::Stream(_) => NO_REFS | PLAIN | DEEP,
            Object::Str(s) if !s.s.is_heap_allocated() => NO_REFS | PLAIN | DEEP,
            Object::Str(_) | Object::BigInt(_) | Object::Memory(_) => NO_REFS | DEEP,
            Object::Tuple(t) if !matches!(t, TupleItems::Many(_)) => PLAIN,
            Object::Cell(_) | Object::BoundMethod { .. } | Object::View(..) => PLAIN,
            _ => 0,
        }
    }

    /// `size_bytes`, without sizing the object when its collector `flags`
    /// say it is plain (a plain object occupies exactly its slot).
    #[inline]
    fn counted_bytes(&self, flags: u8) -> usize {
        if flags & PLAIN != 0 {
            SLOT_BYTES
        } else {
            self.size_bytes()
        }
    }

    /// Approximate bytes the object occupies, header included.
    pub fn size_bytes(&self) -> usize {
        const V: usize = std::mem::size_of::<Value>();
        std::mem::size_of::<Object>()
            + match self {
                Object::Free(_)
                | Object::Cell(_)
                | Object::Range(_)
                | Object::BoundMethod { .. }
                | Object::View(..)
                | Object::Stream(_) => 0,
                Object::Str(s) => {
                    if s.s.is_heap_allocated() {
                        s.s.capacity()
                    } else {
                        0
                    }
                }
                Object::BigInt(b) => (b.bits() as usize).div_ceil(8),
                Object::List(l) => l.heap_bytes(),
                Object::Tuple(v) => match v {
                    TupleItems::Many(items) => items.len() * V,
                    _ => 0,
                },
                Object::Dict(d) | Object::Set(d) => d.heap_bytes(),
                Object::Function(f) => std::mem::size_of::<FunctionObj>() + f.captures.len() * 4,
                Object::Iter(_) => std::mem::size_of::<IterObj>(),
                Object::Exception(e) => std::mem::size_of::<ExcObj>() + e.traceback.len() * 12,
                Object::Memory(m) => m.capacity(),
                Object::Generator(g) => std::mem::size_of::<GenObj>() + g.regs.capacity() * V,
            }
    }
}

/// Mark bit: the object is reachable.
const MARKED: u8 = 1;
/// The object holds no references, so marking it needs no tracing.
const NO_REFS: u8 = 2;
/// The object owns no memory beyond its slot, so its size is known without
/// reading it and freeing it needs no work (its slot is simply reused).
const PLAIN: u8 = 4;
/// The object can never come to hold a reference to an object that is not
/// itself `DEEP`: it holds no references at all ([`NO_REFS`]), or it is a
/// tuple (immutable) whose items were all `DEEP` when it was made. Only such
/// objects become [`OLD`], which is what lets a minor collection skip old
/// objects without a write barrier: nothing old can reach anything young.
const DEEP: u8 = 8;
/// The object survived a collection and is `DEEP`: minor collections treat
/// it as live without tracing it; only a full collection can free it.
/// (`OLD == DEEP << 1`, so the sweep promotes without a branch.)
const OLD: u8 = 16;
/// The slot is on the free list.
const FREE: u8 = 32;
/// The mark byte of a free slot (which holds `Free` or a dead plain object).
const FREE_SLOT: u8 = FREE | NO_REFS | PLAIN | DEEP;
/// Eight mark bytes (read as one word) that are all [`OLD`]; with `FREE`
/// shifted down one bit, a word whose slots are all old or free.
const ALL_OLD: u64 = u64::from_ne_bytes([OLD; 8]);
/// Bytes of an object that occupies only its slot.
const SLOT_BYTES: usize = std::mem::size_of::<Object>();

/// What the collection under way has marked so far.
#[derive(Debug)]
struct Tally {
    /// Bytes of every object marked.
    bytes: usize,
    /// Bytes of the marked objects that are [`DEEP`] (old after the sweep).
    deep: usize,
    /// Flags that stop marking at an object: [`MARKED`], plus [`OLD`] in a
    /// minor collection (old objects reach only old objects).
    stop: u8,
}

impl Default for Tally {
    /// Nothing marked yet, in a full collection (see [`Heap::begin_minor`]).
    fn default() -> Tally {
        Tally {
            bytes: 0,
            deep: 0,
            stop: MARKED,
        }
    }
}

impl Tally {
    /// Counts a marked object of `bytes` bytes with mark byte `m`.
    #[inline(always)]
    fn count(&mut self, m: u8, bytes: usize) {
        self.bytes += bytes;
        if m & DEEP != 0 {
            self.deep += bytes;
        }
    }
}

/// Marks object `r` if it is not marked yet, and tells whether it still
/// needs tracing. A plain object holding no reference (a string kept in its
/// slot) needs none: it is counted here without the object being read.
#[inline(always)]
fn shade(marks: &mut [u8], tally: &mut Tally, r: ObjRef) -> bool {
    let Some(m) = marks.get_mut(r.0 as usize) else {
        return false;
    };
    if *m & tally.stop != 0 {
        return false;
    }
    *m |= MARKED;
    if *m & (NO_REFS | PLAIN) == NO_REFS | PLAIN {
        tally.count(*m, SLOT_BYTES);
        return false;
    }
    true
}

/// Slots per chunk of the object table (8192 slots, 320 KiB).
const CHUNK_BITS: u32 = 13;
const CHUNK: usize = 1 << CHUNK_BITS;

/// The object table: slots in chunks of [`CHUNK`], so that growing it never
/// moves the objects already stored. One growing vector would copy the whole
/// table at each doubling and, while copying, hold old and new table at once
/// (half again the program's memory at the peak).
#[derive(Debug, Default)]
struct Slots {
    /// Fixed-size chunks: every chunk but the last is full, and the last
    /// holds `Free` beyond `len`. A fixed size makes the index within a
    /// chunk in bounds by construction, so a lookup checks one bound.
    chunks: Vec<Box<[Object; CHUNK]>>,
    len: usize,
}

impl Slots {
    #[inline(always)]
    fn get(&self, i: usize) -> &Object {
        &self.chunks[i >> CHUNK_BITS][i & (CHUNK - 1)]
    }

    #[inline(always)]
    fn get_mut(&mut self, i: usize) -> &mut Object {
        &mut self.chunks[i >> CHUNK_BITS][i & (CHUNK - 1)]
    }

    fn len(&self) -> usize {
        self.len
    }

    fn push(&mut self, obj: Object) {
        let i = self.len;
        if i >> CHUNK_BITS == self.chunks.len() {
            let chunk: Vec<Object> = (0..CHUNK).map(|_| Object::Free(0)).collect();
            let Ok(chunk) = chunk.into_boxed_slice().try_into() else {
                unreachable!("a chunk has exactly CHUNK slots")
            };
            self.chunks.push(chunk);
        }
        // Beyond `len` every slot holds `Free`, which owns nothing.
        std::mem::forget(std::mem::replace(self.get_mut(i), obj));
        self.len += 1;
    }

    /// Two distinct slots mutably at once (`a != b`).
    fn get2_mut(&mut self, a: usize, b: usize) -> (&mut Object, &mut Object) {
        let (ca, cb) = (a >> CHUNK_BITS, b >> CHUNK_BITS);
        let (ia, ib) = (a & (CHUNK - 1), b & (CHUNK - 1));
        if ca == cb {
            let chunk = &mut self.chunks[ca];
            if ia < ib {
                let (lo, hi) = chunk.split_at_mut(ib);
                (&mut lo[ia], &mut hi[0])
            } else {
                let (lo, hi) = chunk.split_at_mut(ia);
                (&mut hi[0], &mut lo[ib])
            }
        } else if ca < cb {
            let (lo, hi) = self.chunks.split_at_mut(cb);
            (&mut lo[ca][ia], &mut hi[0][ib])
        } else {
            let (lo, hi) = self.chunks.split_at_mut(ca);
            (&mut hi[0][ia], &mut lo[cb][ib])
        }
    }
}
/// The collector first runs once this many bytes are allocated.
const INITIAL_THRESHOLD: usize = 1 << 20;
/// The least a heap may grow between collections.
const MIN_HEADROOM: usize = 1 << 20;
/// How much a heap may grow between collections, relative to what is live.
const GROWTH: f64 = 0.5;

/// The object arena and collector state.
#[derive(Debug)]
pub struct Heap {
    slots: Slots,
    /// Per slot: [`MARKED`] during a collection, and the object's
    /// [`Object::gc_flags`] (set when the slot is filled; an object is never
    /// replaced in place by one of another kind).
    marks: Vec<u8>,
    /// Free slots, highest first (so the lowest is reused first). A slot
    /// freed by the collector may still hold its dead object, if that object
    /// is [`PLAIN`]: overwriting it on reuse is all the freeing it needs.
    free: Vec<u32>,
    /// Bytes allocated (live at the last collection plus everything since).
    bytes: usize,
    /// Collect when `bytes` reaches this.
    threshold: usize,
    /// The memory limit in bytes, if any.
    limit: Option<usize>,
    gray: Vec<ObjRef>,
    /// What the collection under way has marked so far.
    tally: Tally,
    /// Whether the collection under way is minor (see [`Heap::begin_minor`]).
    minor: bool,
    /// Bytes of the [`OLD`] objects (live or not: only a full collection
    /// finds out).
    old_bytes: usize,
    /// The next collection is full if `bytes` has reached this by then:
    /// what the last full collection found live, plus [`GROWTH`] of it.
    full_threshold: usize,
    collections: u64,
    peak: usize,
    argv: Option<ObjRef>,
    streams: Option<(ObjRef, ObjRef)>,
    /// Names of modules loaded from source, by namespace index.
    module_names: Vec<(u32, String)>,
}

impl Default for Heap {
    fn default() -> Self {
        Heap::new()
    }
}

impl Heap {
    /// An empty heap without a memory limit.
    pub fn new() -> Heap {
        Heap {
            slots: Slots::default(),
            marks: Vec::new(),
            free: Vec::new(),
            bytes: 0,
            threshold: INITIAL_THRESHOLD,
            limit: None,
            gray: Vec::new(),
            tally: Tally::default(),
            minor: false,
            old_bytes: 0,
            full_threshold: INITIAL_THRESHOLD,
            collections: 0,
            peak: 0,
            argv: None,
            streams: None,
            module_names: Vec::new(),
        }
    }

    /// Sets the memory limit in bytes (`None` for unlimited).
    pub fn set_limit(&mut self, limit: Option<usize>) {
        self.limit = limit;
        if let Some(l) = limit {
            // Check the limit from the start, not only once the heap has
            // grown to the first collection threshold (4 MiB).
            self.threshold = self.threshold.min(l.max(self.bytes + 1));
        }
    }

    /// The memory limit in bytes, if any.
    pub fn limit(&self) -> Option<usize> {
        self.limit
    }

    /// Bytes currently accounted (live plus garbage not yet collected).
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// The largest byte count seen after any collection or allocation check.
    pub fn peak_bytes(&self) -> usize {
        self.peak.max(self.bytes)
    }

    /// How many collections have run.
    pub fn collections(&self) -> u64 {
        self.collections
    }

    /// The number of live objects (slots in use).
    pub fn live_objects(&self) -> usize {
        self.slots.len() - self.free.len()
    }

    /// Stores an object and returns its reference.
    #[inline]
    pub fn alloc(&mut self, obj: Object) -> ObjRef {
        self.alloc_flagged(obj, 0)
    }

    /// [`Heap::alloc`], adding `extra` to the object's collector flags.
    #[inline]
    fn alloc_flagged(&mut self, obj: Object, extra: u8) -> ObjRef {
        let flags = obj.gc_flags() | extra;
        self.bytes += obj.counted_bytes(flags);
        let Some(i) = self.free.pop() else {
            return self.push_slot(obj, flags);
        };
        self.marks[i as usize] = flags;
        // The slot holds `Free` or a dead plain object, which owns nothing:
        // forgetting it skips the drop glue's dispatch on its kind.
        std::mem::forget(std::mem::replace(self.slots.get_mut(i as usize), obj));
        ObjRef(i)
    }

    #[cold]
    #[inline(never)]
    fn push_slot(&mut self, obj: Object, flags: u8) -> ObjRef {
        let i = self.slots.len() as u32;
        self.slots.push(obj);
        self.marks.push(flags);
        ObjRef(i)
    }

    /// Records that an existing object grew by about `bytes`.
    #[inline]
    pub fn note_growth(&mut self, bytes: usize) {
        self.bytes += bytes;
    }

    /// Whether a collection is due.
    #[inline]
    pub fn should_collect(&self) -> bool {
        self.bytes >= self.threshold
    }

    /// Whether allocating `extra` more bytes would pass the limit.
    pub fn would_exceed(&self, extra: usize) -> bool {
        self.limit
            .is_some_and(|l| self.bytes.saturating_add(extra) > l)
    }

    /// Whether the accounted bytes are over the limit.
    pub fn over_limit(&self) -> bool {
        self.limit.is_some_and(|l| self.bytes > l)
    }

    /// The object behind a reference.
    #[inline]
    pub fn get(&self, r: ObjRef) -> &Object {
        self.slots.get(r.0 as usize)
    }

    /// The object behind a reference, mutably (to change it in place: it must
    /// not be replaced by an object of another kind, see `marks`).
    #[inline]
    pub fn get_mut(&mut self, r: ObjRef) -> &mut Object {
        self.slots.get_mut(r.0 as usize)
    }

    /// Two distinct objects mutably at once, or `None` if they are the same.
    pub fn get2_mut(&mut self, a: ObjRef, b: ObjRef) -> Option<(&mut Object, &mut Object)> {
        let (a, b) = (a.0 as usize, b.0 as usize);
        if a == b {
            return None;
        }
        Some(self.slots.get2_mut(a, b))
    }

    // ---- collection ----

    /// Marks a root value (call for every root, then [`Heap::sweep`]).
    #[inline]
    pub fn mark_value(&mut self, v: Value) {
        if let Value::Obj(r) = v {
            self.mark(r);
        }
    }

    /// Marks a root object.
    pub fn mark(&mut self, r: ObjRef) {
        if shade(&mut self.marks, &mut self.tally, r) {
            self.gray.push(r);
        }
        // Trace iteratively so deep structures cannot overflow the native stack.
        while let Some(r) = self.gray.pop() {
            self.trace_from(r);
        }
    }

    /// What marking uses, as disjoint borrows: the objects to read while
    /// their children's marks, the gray stack and the tally change.
    #[inline(always)]
    fn marking(&mut self) -> (&Slots, &mut [u8], &mut Vec<ObjRef>, &mut Tally) {
        (
            &self.slots,
            &mut self.marks,
            &mut self.gray,
            &mut self.tally,
        )
    }

    /// Traces `r` and, without a round trip through the gray stack, the
    /// chain of pairs (tree nodes, dict items) hanging from it: a pair's
    /// first unmarked child to trace is followed at once, the other pushed.
    fn trace_from(&mut self, mut r: ObjRef) {
        loop {
            let (slots, marks, gray, tally) = self.marking();
            let Object::Tuple(TupleItems::Two(items)) = slots.get(r.0 as usize) else {
                return self.trace_children(r);
            };
            // A pair lives in its slot (it is plain).
            tally.count(marks.get(r.0 as usize).copied().unwrap_or(0), SLOT_BYTES);
            let mut follow = None;
            for v in items {
                let Value::Obj(c) = *v else { continue };
                if !shade(marks, tally, c) {
                    continue;
                }
                if follow.is_none() {
                    follow = Some(c);
                } else {
                    gray.push(c);
                }
            }
            match follow {
                Some(c) => r = c,
                None => return,
            }
        }
    }

    fn trace_children(&mut self, r: ObjRef) {
        let (slots, marks, gray, tally) = self.marking();
        let obj = slots.get(r.0 as usize);
        // Live bytes are counted as objects are marked, so the sweep never
        // has to read a live object.
        let m = marks.get(r.0 as usize).copied().unwrap_or(0);
        tally.count(m, obj.counted_bytes(m));
        let mut push = |v: Value| {
            if let Value::Obj(r) = v {
                if shade(marks, tally, r) {
                    gray.push(r);
                }
            }
        };
        match obj {
            Object::Free(_)
            | Object::Str(_)
            | Object::BigInt(_)
            | Object::Range(_)
            | Object::Stream(_)
            | Object::Memory(_) => {}
            // Only general storage holds references.
            Object::List(l) => l.general().iter().for_each(|x| push(*x)),
            Object::Tuple(v) => v.iter().for_each(|x| push(*x)),
            Object::Dict(d) | Object::Set(d) => {
                for e in d.iter() {
                    push(e.key);
                    push(e.value);
                }
            }
            Object::Function(f) => {
                push(f.name);
                f.captures.iter().for_each(|c| push(Value::Obj(*c)));
                f.defaults.into_iter().for_each(|d| push(Value::Obj(d)));
                f.kwdefaults.into_iter().for_each(|d| push(Value::Obj(d)));
            }
            Object::BoundMethod { recv, .. } => push(*recv),
            Object::View(d, _) => push(Value::Obj(*d)),
            Object::Generator(g) => {
                push(Value::Obj(g.func));
                g.regs.iter().for_each(|v| push(*v));
            }
            Object::Cell(v) => push(*v),
            Object::Iter(it) => match &**it {
                IterObj::Seq { seq, .. } | IterObj::Reversed { seq, .. } => push(Value::Obj(*seq)),
                IterObj::Str { s, .. } => push(*s),
                IterObj::Dict { dict, .. } => push(Value::Obj(*dict)),
                IterObj::Enumerate { inner, count } => {
                    push(Value::Obj(*inner));
                    push(*count);
                }
                IterObj::Zip { inners } => inners.iter().for_each(|i| push(Value::Obj(*i))),
                IterObj::Map { func, inners } => {
                    push(*func);
                    inners.iter().for_each(|i| push(Value::Obj(*i)));
                }
                IterObj::Filter { func, inner } => {
                    push(*func);
                    push(Value::Obj(*inner));
                }
                IterObj::Range { .. } | IterObj::Done => {}
            },
            Object::Exception(e) => {
                push(Value::Obj(e.args));
                push(e.cause);
                push(e.context);
            }
        }
    }

    /// Whether the next collection should be full rather than minor: the
    /// heap, old garbage included, has grown by [`GROWTH`] of what the last
    /// full collection found live, or has reached the memory limit (where
    /// minor collections would follow each other ever more closely while
    /// old garbage stays).
    pub fn full_due(&self) -> bool {
        self.bytes >= self.full_threshold || self.limit.is_some_and(|l| self.bytes >= l)
    }

    /// Makes the collection about to start minor: marking stops at old
    /// objects (they reach only old objects, see [`DEEP`]), and the sweep
    /// frees only young ones. Call before marking the roots; without it a
    /// collection is full.
    pub fn begin_minor(&mut self) {
        self.minor = true;
        self.tally.stop = MARKED | OLD;
    }

    /// Frees every unmarked object (in a minor collection, every unmarked
    /// young one), promotes the marked [`DEEP`] ones to old, clears the
    /// marks, recomputes the byte count and sets the next collection
    /// threshold.
    pub fn sweep(&mut self) {
        let Tally {
            bytes: marked,
            deep,
            ..
        } = std::mem::take(&mut self.tally);
        let minor = std::mem::take(&mut self.minor);
        // In a minor collection old objects were never marked and stay, and
        // the free list keeps what it holds: only the young objects that died
        // join it. A full collection rebuilds it in one pass from the top
        // down, so that it ends lowest slot last (reused first). Dead plain
        // objects are not even read: their slots are overwritten when reused.
        let keep = if minor { OLD | FREE } else { 0 };
        let mut free = std::mem::take(&mut self.free);
        if !minor {
            free.clear();
        }
        let len = self.slots.len;
        for (c, chunk) in self.slots.chunks.iter_mut().enumerate().rev() {
            let base = c << CHUNK_BITS;
            let marks = &mut self.marks[base..len.min(base + CHUNK)];
            let mut k = marks.len();
            while k > 0 {
                // A minor collection passes over runs of old objects (a
                // long-lived structure) and free slots eight at a time.
                if minor && k.is_multiple_of(8) {
                    let word = u64::from_ne_bytes(marks[k - 8..k].try_into().unwrap_or([0; 8]));
                    if (word | word >> 1) & ALL_OLD == ALL_OLD {
                        k -= 8;
                        continue;
                    }
                }
                k -= 1;
                let mark = &mut marks[k];
                let m = *mark;
                if m & MARKED != 0 {
                    // Survivors that are `DEEP` become old (OLD == DEEP << 1).
                    *mark = (m & !MARKED) | ((m & DEEP) << 1);
                } else if m & keep == 0 {
                    if m & PLAIN == 0 {
                        chunk[k] = Object::Free(0);
                    }
                    *mark = FREE_SLOT;
                    free.push((base + k) as u32);
                }
            }
        }
        self.free = free;
        self.peak = self.peak.max(self.bytes);
        if minor {
            self.bytes = marked + self.old_bytes + self.slots.len();
            self.old_bytes += deep;
        } else {
            self.bytes = marked + self.slots.len();
            self.old_bytes = deep;
            // Memory stays within one and a half times what is live (at
            // least MIN_HEADROOM more), as without generations: when old
            // garbage and young objects reach that, the collection is full.
            let headroom = ((self.bytes as f64 * GROWTH) as usize).max(MIN_HEADROOM);
            self.full_threshold = self.bytes + headroom;
        }
        // Minor collections come as often as the young objects that may stay
        // young (the mutable ones, which every minor collection marks again)
        // allow: at half of them, but after at least MIN_HEADROOM, and after
        // an eighth of the slot table, whose marks each sweep reads.
        let young = marked - deep;
        let nursery = ((young as f64 * GROWTH) as usize)
            .max(MIN_HEADROOM)
            .max(self.slots.len() * SLOT_BYTES / 8);
        // Memory is bounded by the full threshold, never by the nursery.
        self.threshold = (self.bytes + nursery).min(self.full_threshold.max(self.bytes + 1));
        if let Some(limit) = self.limit {
            // Near the limit, collect more often rather than overshoot it.
            self.threshold = self.threshold.min(limit.max(self.bytes + 1));
        }
        self.collections += 1;
    }

    // ---- constructors for common objects ----

    /// Marks the heap's own shared objects (call along with the VM's roots).
    pub fn mark_internal(&mut self) {
        if let Some(a) = self.argv {
            self.mark(a);
        }
        if let Some((o, e)) = self.streams {
            self.mark(o);
            self.mark(e);
        }
    }

    /// Records the name of a module loaded from source into namespace `ns`.
    pub fn set_module_name(&mut self, ns: u32, name: &str) {
        self.module_names.push((ns, name.to_string()));
    }

    /// The name of the module loaded into namespace `ns`.
    pub fn module_name(&self, ns: u32) -> &str {
        self.module_names
            .iter()
            .find(|(n, _)| *n == ns)
            .map_or("?", |(_, s)| s.as_str())
    }

    /// Sets `sys.argv` from the program's arguments.
    pub fn set_sys_argv(&mut self, args: &[String]) {
        let items: Vec<Value> = args.iter().map(|a| self.str(a.as_str())).collect();
        self.argv = self.list(items).as_obj();
    }

    /// The `sys.argv` list, if set.
    pub fn sys_argv(&self) -> Option<ObjRef> {
        self.argv
    }

    /// The object standing for `sys.stdout` (false) or `sys.stderr` (true).
    pub fn stream(&mut self, stderr: bool) -> ObjRef {
        let (o, e) = match self.streams {
            Some(s) => s,
            None => {
                let s = (
                    self.alloc(Object::Stream(false)),
                    self.alloc(Object::Stream(true)),
                );
                self.streams = Some(s);
                s
            }
        };
        if stderr {
            e
        } else {
            o
        }
    }

    /// A new string value.
    pub fn str(&mut self, s: impl Into<CompactString>) -> Value {
        let s = s.into();
        match ShortStr::new(&s) {
            Some(short) => Value::Short(short),
            None => self.long_str(StrObj::new(s)),
        }
    }

    /// A new string value whose code points the caller has already counted.
    #[inline]
    pub fn str_counted(&mut self, s: CompactString, chars: usize) -> Value {
        match ShortStr::new(&s) {
            Some(short) => Value::Short(short),
            None => self.long_str(StrObj::with_chars(s, chars)),
        }
    }

    /// A new string value from text known to be ASCII (numbers, identifiers).
    #[inline]
    pub fn ascii_str(&mut self, s: &str) -> Value {
        match ShortStr::new(s) {
            Some(short) => Value::Short(short),
            None => self.str_counted(CompactString::new(s), s.len()),
        }
    }

    /// A string too long to be a short string, as a heap object (out of
    /// line, so that the constructors' short-string path stays small enough
    /// to inline).
    #[inline(never)]
    fn long_str(&mut self, s: StrObj) -> Value {
        Value::Obj(self.alloc(Object::Str(s)))
    }

    /// A new list value, in the most compact storage that holds its items.
    pub fn list(&mut self, items: Vec<Value>) -> Value {
        self.list_obj(ListObj::from(items))
    }

    /// A new list value with the given storage.
    pub fn list_obj(&mut self, list: ListObj) -> Value {
        Value::Obj(self.alloc(Object::List(list)))
    }

    /// Replaces the items of list `r` (keeping it the same object), in the
    /// most compact storage that holds them, counting any growth.
    pub fn replace_list(&mut self, r: ObjRef, items: Vec<Value>) {
        let new = ListObj::from(items);
        let grown = new.heap_bytes();
        if let Object::List(l) = self.get_mut(r) {
            let old = l.heap_bytes();
            *l = new;
            self.note_growth(grown.saturating_sub(old));
        }
    }

    /// The items of list `r` in general storage, switching it to that
    /// storage first (and counting the growth), for changes the other
    /// storages do not support; `None` if `r` is not a list.
    pub fn list_values_mut(&mut self, r: ObjRef) -> Option<&mut Vec<Value>> {
        let Object::List(l) = self.get_mut(r) else {
            return None;
        };
        let grown = l.generalize();
        self.note_growth(grown);
        match self.get_mut(r) {
            Object::List(l) => Some(l.values_mut()),
            _ => None,
        }
    }

    /// A new tuple value.
    pub fn tuple(&mut self, items: impl Into<TupleItems>) -> Value {
        let items = items.into();
        let deep = items.iter().all(|v| self.is_deep(v));
        Value::Obj(self.alloc_flagged(Object::Tuple(items), if deep { DEEP } else { 0 }))
    }

    /// The tuple `(a, b)` (the commonest: tree nodes, dict items). The
    /// object is built here, not through [`Heap::tuple`]: moving the items
    /// in first costs newtuple two extra 16-byte copies per pair.
    #[inline]
    pub fn pair(&mut self, a: &Value, b: &Value) -> Value {
        let deep = self.is_deep(a) && self.is_deep(b);
        let pair = Object::Tuple(TupleItems::Two([*a, *b]));
        Value::Obj(self.alloc_flagged(pair, if deep { DEEP } else { 0 }))
    }

    /// Whether `v` can never reach a mutable object: a tuple of such values
    /// stays so, since a tuple never changes (see [`DEEP`]). Tuples made
    /// other than by [`Heap::tuple`] and [`Heap::pair`] are simply never
    /// `DEEP`, which is always safe.
    #[inline(always)]
    fn is_deep(&self, v: &Value) -> bool {
        match v {
            Value::Obj(r) => self.marks.get(r.0 as usize).is_some_and(|m| m & DEEP != 0),
            _ => true,
        }
    }

    /// An int value, on the heap only when it does not fit in 64 bits.
    pub fn int(&mut self, v: BigInt) -> Value {
        use num_traits::ToPrimitive;
        match v.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::Obj(self.alloc(Object::BigInt(v))),
        }
    }

    // ---- accessors ----

    /// The text of a string value (borrowed from the value itself when the
    /// string is short, hence the reference).
    #[inline]
    pub fn as_str<'a>(&'a self, v: &'a Value) -> Option<&'a str> {
        match v {
            Value::Short(s) => Some(s.as_str()),
            Value::Obj(r) => match self.get(*r) {
                Object::Str(s) => Some(&s.s),
                _ => None,
            },
            _ => None,
        }
    }

    /// The text of a string value with its length in code points.
    #[inline]
    pub fn as_text<'a>(&'a self, v: &'a Value) -> Option<Text<'a>> {
        match v {
            Value::Short(s) => Some(Text {
                s: s.as_str(),
                chars: s.char_count(),
            }),
            Value::Obj(r) => match self.get(*r) {
                Object::Str(s) => Some(Text {
                    s: &s.s,
                    chars: s.chars,
                }),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether the value is a `str`.
    #[inline]
    pub fn is_str(&self, v: Value) -> bool {
        match v {
            Value::Short(_) => true,
            Value::Obj(r) => matches!(self.get(r), Object::Str(_)),
            _ => false,
        }
    }

    /// The big integer of a heap int value.
    #[inline]
    pub fn as_bigint(&self, v: Value) -> Option<&BigInt> {
        match v {
            Value::Obj(r) => match self.get(r) {
                Object::BigInt(b) => Some(b),
                _ => None,
            },
            _ => None,
        }
    }

    /// The items of a list or tuple value: borrowed, except from a list in
    /// a specialised storage, whose items are copied out as values.
    #[inline]
    pub fn as_seq(&self, v: Value) -> Option<Cow<'_, [Value]>> {
        match v {
            Value::Obj(r) => match self.get(r) {
                Object::List(l) => Some(l.values()),
                Object::Tuple(t) => Some(Cow::Borrowed(t)),
                _ => None,
            },
            _ => None,
        }
    }

    /// The items of a tuple value.
    #[inline]
    pub fn as_tuple(&self, v: Value) -> Option<&[Value]> {
        match v {
            Value::Obj(r) => match self.get(r) {
                Object::Tuple(t) => Some(t),
                _ => None,
            },
            _ => None,
        }
    }

    /// The length of a list or tuple value.
    #[inline]
    pub fn seq_len(&self, v: Value) -> Option<usize> {
        match v {
            Value::Obj(r) => match self.get(r) {
                Object::List(l) => Some(l.len()),
                Object::Tuple(t) => Some(t.len()),
                _ => None,
            },
            _ => None,
        }
    }

    /// The item at `i` of a list or tuple value, if it is one and `i` is in bounds.
    #[inline]
    pub fn seq_get(&self, v: Value, i: usize) -> Option<Value> {
        match v {
            Value::Obj(r) => match self.get(r) {
                Object::List(l) => l.get(i),
                Object::Tuple(t) => t.get(i).copied(),
                _ => None,
            },
            _ => None,
        }
    }

    /// The class of any value.
    pub fn class_of(&self, v: Value) -> ClassId {
        match v {
            Value::Undef | Value::None => ClassId::NONE_TYPE,
            Value::Bool(_) => ClassId::BOOL,
            Value::Int(_) => ClassId::INT,
            Value::Float(_) => ClassId::FLOAT,
            Value::Obj(r) => self.get(r).class(),
            Value::Native(_) => ClassId::BUILTIN,
            Value::Class(_) => ClassId::TYPE,
            Value::Module(_) => ClassId::MODULE,
            Value::Pid(_) => ClassId::PID,
            Value::Ref(_) => ClassId::REF,
            Value::Short(_) => ClassId::STR,
        }
    }

    /// The Python type name of any value (`int`, `list`, `NoneType`).
    pub fn type_name(&self, v: Value) -> &'static str {
        self.class_of(v).name()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A string too long to live in a value, so it is a heap object.
    fn long(s: &str) -> String {
        format!("{s:<20}")
    }

    #[test]
    fn short_strings_are_values_not_objects() {
        let mut heap = Heap::new();
        let short = heap.str("a".repeat(crate::value::SHORT_STR_MAX));
        let long = heap.str("b".repeat(crate::value::SHORT_STR_MAX + 1));
        assert!(matches!(short, Value::Short(_)));
        assert!(long.as_obj().is_some());
        assert_eq!(heap.live_objects(), 1);
        assert_eq!(
            heap.as_text(&short).unwrap().chars,
            crate::value::SHORT_STR_MAX
        );
        assert!(heap.is_str(short) && heap.is_str(long));
    }

    #[test]
    fn unreachable_objects_are_freed_and_slots_reused() {
        let mut heap = Heap::new();
        let keep = heap.list(vec![]);
        let inner = heap.str(long("x"));
        if let Value::Obj(k) = keep {
            if let Object::List(l) = heap.get_mut(k) {
                l.push(inner);
            }
        }
        for _ in 0..100 {
            heap.str(long("garbage"));
        }
        heap.mark_value(keep);
        heap.sweep();
        assert_eq!(heap.live_objects(), 2);
        let again = heap.str(long("new"));
        assert!(again.as_obj().unwrap().index() < 102);
    }

    #[test]
    fn cycles_are_collected() {
        let mut heap = Heap::new();
        let a = heap.list(vec![]);
        let r = a.as_obj().unwrap();
        if let Object::List(l) = heap.get_mut(r) {
            l.push(a);
        }
        heap.sweep();
        assert_eq!(heap.live_objects(), 0);
    }

    #[test]
    fn objects_stay_small() {
        // The slot table holds every object: growth here costs every program.
        assert!(std::mem::size_of::<Object>() <= 40);
        assert!(std::mem::size_of::<TupleItems>() <= 32);
    }

    #[test]
    fn short_strings_and_pairs_live_in_their_slots() {
        let mut heap = Heap::new();
        let short = heap.str("a".repeat(INLINE_STR));
        assert!(short.as_obj().is_some());
        let long = heap.str("b".repeat(INLINE_STR + 1));
        let pair = heap.tuple([Value::Int(1), Value::None]);
        let triple = heap.tuple(vec![Value::Int(1), Value::Int(2), Value::Int(3)]);
        let slot = std::mem::size_of::<Object>();
        let size = |v: Value| heap.get(v.as_obj().unwrap()).size_bytes();
        assert_eq!(size(short), slot);
        assert!(size(long) > slot);
        assert_eq!(size(pair), slot);
        assert_eq!(size(triple), slot + 3 * std::mem::size_of::<Value>());
        assert_eq!(heap.as_seq(pair).unwrap().len(), 2);
        assert_eq!(heap.as_seq(triple).unwrap()[2].as_obj(), None);
        assert_eq!(heap.as_str(&long).unwrap().len(), INLINE_STR + 1);
    }

    #[test]
    fn plain_objects_occupy_exactly_their_slot() {
        // `alloc` and marking count a plain object as SLOT_BYTES without
        // sizing it; that shortcut holds only while this does.
        let mut heap = Heap::new();
        let pair = heap.tuple([Value::Int(1), Value::None]);
        let objects = [
            Object::Free(0),
            Object::Str(StrObj::new("short".into())),
            Object::Str(StrObj::new("x".repeat(INLINE_STR + 1).into())),
            Object::Tuple(TupleItems::Empty),
            Object::Tuple(TupleItems::Two([Value::None, Value::Int(2)])),
            Object::Tuple(TupleItems::from(&[Value::None; 3][..])),
            Object::Cell(Value::Int(1)),
            Object::List(ListObj::from(vec![Value::None])),
            Object::Stream(false),
            Object::View(pair.as_obj().unwrap(), DictView::Keys),
        ];
        for obj in &objects {
            if obj.gc_flags() & PLAIN != 0 {
                assert_eq!(obj.size_bytes(), SLOT_BYTES, "{obj:?}");
            }
        }
    }

    #[test]
    fn tuple_items_keep_their_order() {
        let v = [Value::Int(7), Value::Int(8), Value::Int(9)];
        for n in 0..=3 {
            let items = TupleItems::from(&v[..n]);
            let got: Vec<i64> = items
                .iter()
                .map(|x| match x {
                    Value::Int(i) => *i,
                    _ => -1,
                })
                .collect();
            assert_eq!(got, [7, 8, 9][..n]);
        }
    }

    #[test]
    fn the_table_grows_past_a_chunk_without_moving_objects() {
        let mut heap = Heap::new();
        let keep: Vec<Value> = (0..CHUNK as i64 * 2 + 5)
            .map(|i| heap.str(long(&i.to_string())))
            .collect();
        let (a, b) = (keep[3].as_obj().unwrap(), keep[CHUNK + 7].as_obj().unwrap());
        let (x, y) = heap.get2_mut(a, b).unwrap();
        assert!(matches!((x, y), (Object::Str(_), Object::Str(_))));
        let list = heap.list(keep);
        heap.mark_value(list);
        heap.sweep();
        assert_eq!(heap.live_objects(), CHUNK * 2 + 6);
        assert_eq!(
            heap.as_str(&Value::Obj(b)),
            Some(long(&(CHUNK + 7).to_string()).as_str())
        );
    }

    /// A minor collection with `root` as the only root.
    fn minor(heap: &mut Heap, root: Value) {
        heap.begin_minor();
        heap.mark_value(root);
        heap.sweep();
    }

    #[test]
    fn old_objects_outlive_minor_collections_until_a_full_one() {
        let mut heap = Heap::new();
        let s = heap.str(long("leaf"));
        let inner = heap.pair(&s, &Value::Int(1));
        let tree = heap.pair(&inner, &inner);
        // Surviving a collection makes the tree old.
        minor(&mut heap, tree);
        assert_eq!(heap.live_objects(), 3);
        // Unreachable now, but a minor collection does not look at old objects.
        minor(&mut heap, Value::None);
        assert_eq!(heap.live_objects(), 3);
        assert_eq!(heap.as_str(&s), Some(long("leaf").as_str()));
        heap.sweep();
        assert_eq!(heap.live_objects(), 0);
    }

    #[test]
    fn young_garbage_dies_in_a_minor_collection() {
        let mut heap = Heap::new();
        let keep = heap.tuple(vec![Value::Int(1), Value::Int(2), Value::Int(3)]);
        for _ in 0..50 {
            heap.pair(&Value::Int(0), &Value::None);
        }
        minor(&mut heap, keep);
        assert_eq!(heap.live_objects(), 1);
        // Freed slots are reused, lowest first.
        let again = heap.pair(&Value::None, &Value::None);
        assert_eq!(again.as_obj().unwrap().index(), 1);
    }

    #[test]
    fn a_tuple_holding_a_mutable_object_never_grows_old() {
        // An old tuple is not traced by minor collections, so one that could
        // reach a list would lose what is later stored in the list.
        let mut heap = Heap::new();
        let list = heap.list(vec![]);
        let holder = heap.pair(&list, &Value::None);
        let outer = heap.pair(&holder, &Value::None);
        for _ in 0..3 {
            minor(&mut heap, outer);
        }
        let late = heap.str(long("stored late"));
        if let Object::List(l) = heap.get_mut(list.as_obj().unwrap()) {
            l.push(late);
        }
        minor(&mut heap, outer);
        minor(&mut heap, outer);
        assert_eq!(heap.live_objects(), 4);
        assert_eq!(heap.as_str(&late), Some(long("stored late").as_str()));
    }

    #[test]
    fn a_full_collection_is_due_at_the_memory_limit() {
        // A limit below the first full threshold, so that only the limit
        // can make the collection full.
        let limit = INITIAL_THRESHOLD / 2;
        let mut heap = Heap::new();
        heap.set_limit(Some(limit));
        assert!(!heap.full_due());
        heap.bytes = limit;
        assert!(heap.full_due());
    }

    #[test]
    fn a_full_collection_becomes_due_as_old_garbage_accumulates() {
        let mut heap = Heap::new();
        let mut collections = 0;
        while !heap.full_due() {
            // Trees that survive a collection (and so grow old), then die.
            let mut tree = Value::None;
            for _ in 0..2000 {
                tree = heap.pair(&tree, &Value::None);
            }
            minor(&mut heap, tree);
            minor(&mut heap, tree);
            collections += 2;
            assert!(
                collections < 1000,
                "old garbage never made a full collection due"
            );
        }
        heap.sweep();
        assert_eq!(heap.live_objects(), 0);
    }

    #[test]
    fn the_collector_counts_what_survives() {
        let mut heap = Heap::new();
        let text = heap.str("c".repeat(100));
        let items: Vec<Value> = (0..10).map(|i| heap.str(long(&i.to_string()))).collect();
        let list = heap.list(items);
        let outer = heap.tuple(vec![list, text, Value::None]);
        let before = heap.bytes();
        for _ in 0..1000 {
            heap.str(long("garbage"));
        }
        heap.mark_value(outer);
        heap.sweep();
        assert_eq!(heap.live_objects(), 13);
        // What is live is counted exactly, garbage not at all.
        assert!(heap.bytes() <= before + heap.slots.len());
        assert!(heap.bytes() >= before);
        // Freed slots are reused lowest first.
        let again = heap.str(long("again"));
        assert_eq!(again.as_obj().unwrap().index(), 13);
    }
}
