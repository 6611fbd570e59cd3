//! Calls from native code back into bytecode, without recursion on the native stack.
//!
//! A native that needs a bytecode function's result (a sort key, a `map`
//! function, the next item of a generator) does not call the interpreter.
//! It returns `Err(Raise::Suspend(pending))`: what to call, and a
//! continuation ([`Cont`]) to resume with the result. The interpreter pushes
//! the callee's frame and, when it returns (or a generator yields), feeds the
//! value to the continuation, which finishes or asks for the next call. All of
//! this state lives in the VM (frames and the continuation stack), so a run
//! with a fuel budget can stop and resume anywhere inside it, and exceptions
//! unwind through it like through ordinary calls.

use crate::error::{Raise, R};
use crate::heap::{IterObj, Object};
use crate::ops;
use crate::value::{ObjRef, Value};
use crate::vm::Vm;

/// What a suspended computation receives when it resumes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Delivered {
    /// A returned value, or an item a generator yielded.
    Value(Value),
    /// A generator finished (no more items).
    Exhausted,
}

/// A native computation waiting for the result of a call.
pub(crate) trait Cont: Send + std::fmt::Debug {
    /// Continues with the result. `Ok` finishes; `Err(Raise::Suspend(..))`
    /// waits for another call; other errors raise in the calling frame.
    fn resume(self: Box<Self>, vm: &mut Vm, input: Delivered) -> R<Delivered>;
    /// Adds the values the continuation keeps alive (for the collector).
    fn roots(&self, out: &mut Vec<Value>);
}

/// What to run for a suspended computation.
#[derive(Debug, Clone)]
pub(crate) enum CallTarget {
    /// Call a function (or any callable) with positional and keyword arguments.
    Call(Value, Vec<Value>, Vec<(Value, Value)>),
    /// Resume a generator until it yields or finishes.
    Resume(ObjRef),
}

/// A request from native code to run bytecode, then continue.
#[derive(Debug)]
pub(crate) struct Pending {
    pub target: CallTarget,
    pub cont: Box<dyn Cont>,
}

impl Pending {
    /// Wraps a pending call as the error value natives return.
    pub(crate) fn suspend(target: CallTarget, cont: Box<dyn Cont>) -> Raise {
        Raise::Suspend(Box::new(Pending { target, cont }))
    }
}

/// Where the final result of a continuation chain goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Deliver {
    /// Into an absolute stack slot (the native call's destination register).
    Store(usize),
    /// Into a loop variable, then continue the loop at `target`; exhaustion falls through.
    ForIter { item: usize, target: u32 },
    /// Into the continuation below this one on the stack.
    Resume,
    /// Nowhere: the continuation did its work itself.
    Discard,
}

/// A continuation waiting on the stack, with where its result goes.
#[derive(Debug)]
pub(crate) struct ContEntry {
    pub cont: Box<dyn Cont>,
    pub deliver: Deliver,
    /// How many frames were live when it was created (its result goes to the top one of those).
    pub depth: usize,
}

// ---- stepping iterators that may need calls ----

/// One step of an iterator.
pub(crate) enum Step {
    /// The next item.
    Item(Value),
    /// No more items.
    Done,
    /// A call is needed first; apply `posts` to its result to get the step.
    Pending(CallTarget, Vec<Post>),
}

/// What to do with the result of a call made while stepping an iterator, innermost first.
#[derive(Debug, Clone)]
pub(crate) enum Post {
    /// An inner iterator produced an argument of `map`: collect them, then call `func`.
    MapArgs {
        func: Value,
        map: ObjRef,
        got: Vec<Value>,
        index: usize,
    },
    /// The result of the `map` function is the item.
    MapResult,
    /// An inner iterator produced a candidate for `filter`: call the predicate.
    FilterCall { func: Value, filter: ObjRef },
    /// The predicate returned: keep `item` if true, else step `filter` again.
    FilterTest { item: Value, filter: ObjRef },
    /// `enumerate`: pair the item with the count.
    Enumerate { count: Value, it: ObjRef },
    /// `zip`: collect one item from each inner iterator.
    Zip {
        zip: ObjRef,
        got: Vec<Value>,
        index: usize,
    },
}

impl Post {
    fn roots(&self, out: &mut Vec<Value>) {
        match self {
            Post::MapArgs { func, map, got, .. } => {
                out.push(*func);
                out.push(Value::Obj(*map));
                out.extend(got.iter().copied());
            }
            Post::MapResult => {}
            Post::FilterCall { func, filter } => {
                out.push(*func);
                out.push(Value::Obj(*filter));
            }
            Post::FilterTest { item, filter } => {
                out.push(*item);
                out.push(Value::Obj(*filter));
            }
            Post::Enumerate { count, it } => {
                out.push(*count);
                out.push(Value::Obj(*it));
            }
            Post::Zip { zip, got, .. } => {
                out.push(Value::Obj(*zip));
                out.extend(got.iter().copied());
            }
        }
    }
}

/// Whether an iterator may need calls into bytecode to produce items.
pub(crate) fn is_lazy(vm: &Vm, v: Value) -> bool {
    let Value::Obj(r) = v else { return false };
    match vm.heap.get(r) {
        Object::Generator(_) => true,
        Object::Iter(it) => match &**it {
            IterObj::Map { .. } | IterObj::Filter { .. } => true,
            IterObj::Enumerate { inner, .. } => is_lazy(vm, Value::Obj(*inner)),
            IterObj::Zip { inners } => inners.iter().any(|i| is_lazy(vm, Value::Obj(*i))),
            _ => false,
        },
        _ => false,
    }
}

/// Advances an iterator by one item, or says which call must run first.
pub(crate) fn step(vm: &mut Vm, it: Value) -> R<Step> {
    let Value::Obj(r) = it else {
        return ops::iter_next(&mut vm.heap, it).map(|v| v.map_or(Step::Done, Step::Item));
    };
    let state = match vm.heap.get(r) {
        Object::Generator(_) => return Ok(Step::Pending(CallTarget::Resume(r), Vec::new())),
        Object::Iter(s) => (**s).clone(),
        _ => return ops::iter_next(&mut vm.heap, it).map(|v| v.map_or(Step::Done, Step::Item)),
    };
    match state {
        IterObj::Map { func, inners } => map_collect(vm, func, r, &inners, Vec::new(), 0),
        IterObj::Filter { func, inner } => match step(vm, Value::Obj(inner))? {
            Step::Item(x) => filter_test_call(vm, func, r, x),
            Step::Done => Ok(Step::Done),
            Step::Pending(t, mut posts) => {
                posts.push(Post::FilterCall { func, filter: r });
                Ok(Step::Pending(t, posts))
            }
        },
        IterObj::Enumerate { inner, count } if is_lazy(vm, Value::Obj(inner)) => {
            match step(vm, Value::Obj(inner))? {
                Step::Item(x) => enumerate_item(vm, r, count, x),
                Step::Done => Ok(Step::Done),
                Step::Pending(t, mut posts) => {
                    posts.push(Post::Enumerate { count, it: r });
                    Ok(Step::Pending(t, posts))
                }
            }
        }
        IterObj::Zip { inners } if inners.iter().any(|i| is_lazy(vm, Value::Obj(*i))) => {
            zip_collect(vm, r, &inners, Vec::new(), 0)
        }
        _ => ops::iter_next(&mut vm.heap, it).map(|v| v.map_or(Step::Done, Step::Item)),
    }
}

fn map_collect(
    vm: &mut Vm,
    func: Value,
    map: ObjRef,
    inners: &[ObjRef],
    mut got: Vec<Value>,
    from: usize,
) -> R<Step> {
    for (i, inner) in inners.iter().enumerate().skip(from) {
        match step(vm, Value::Obj(*inner))? {
            Step::Item(x) => got.push(x),
            Step::Done => return Ok(Step::Done),
            Step::Pending(t, mut posts) => {
                posts.push(Post::MapArgs {
                    func,
                    map,
                    got,
                    index: i,
                });
                return Ok(Step::Pending(t, posts));
            }
        }
    }
    Ok(Step::Pending(
        CallTarget::Call(func, got, Vec::new()),
        vec![Post::MapResult],
    ))
}

fn filter_test_call(vm: &mut Vm, func: Value, filter: ObjRef, x: Value) -> R<Step> {
    if func.is_none() {
        // filter(None, it) keeps truthy items.
        return if ops::truthy(&vm.heap, x) {
            Ok(Step::Item(x))
        } else {
            step(vm, Value::Obj(filter))
        };
    }
    Ok(Step::Pending(
        CallTarget::Call(func, vec![x], Vec::new()),
        vec![Post::FilterTest { item: x, filter }],
    ))
}

fn enumerate_item(vm: &mut Vm, it: ObjRef, count: Value, x: Value) -> R<Step> {
    let next = ops::binary(&mut vm.heap, crate::num::BinOp::Add, count, Value::Int(1))?;
    if let Object::Iter(s) = vm.heap.get_mut(it) {
        if let IterObj::Enumerate { count, .. } = &mut **s {
            *count = next;
        }
    }
    let pair = vm.heap.tuple(vec![count, x]);
    Ok(Step::Item(pair))
}

fn zip_collect(
    vm: &mut Vm,
    zip: ObjRef,
    inners: &[ObjRef],
    mut got: Vec<Value>,
    from: usize,
) -> R<Step> {
    for (i, inner) in inners.iter().enumerate().skip(from) {
        match step(vm, Value::Obj(*inner))? {
            Step::Item(x) => got.push(x),
            Step::Done => return Ok(Step::Done),
            Step::Pending(t, mut posts) => {
                posts.push(Post::Zip { zip, got, index: i });
                return Ok(Step::Pending(t, posts));
            }
        }
    }
    Ok(Step::Item(vm.heap.tuple(got)))
}

/// Applies the posts of a pending step to the call's result (innermost first).
pub(crate) fn apply_posts(vm: &mut Vm, posts: Vec<Post>, input: Delivered) -> R<Step> {
    let mut current = match input {
        Delivered::Value(v) => Step::Item(v),
        Delivered::Exhausted => Step::Done,
    };
    let mut rest = posts.into_iter();
    while let Some(post) = rest.next() {
        if let Step::Pending(t, mut inner) = current {
            // A post started another call: the remaining posts wait for it.
            inner.push(post);
            inner.extend(rest);
            return Ok(Step::Pending(t, inner));
        }
        current = match (post, current) {
            (Post::MapResult, s) => s,
            (
                Post::MapArgs {
                    func,
                    map,
                    mut got,
                    index,
                },
                Step::Item(x),
            ) => {
                got.push(x);
                let inners = match vm.heap.get(map) {
                    Object::Iter(s) => match &**s {
                        IterObj::Map { inners, .. } => inners.clone(),
                        _ => Box::new([]),
                    },
                    _ => Box::new([]),
                };
                map_collect(vm, func, map, &inners, got, index + 1)?
            }
            (Post::FilterCall { func, filter }, Step::Item(x)) => {
                filter_test_call(vm, func, filter, x)?
            }
            (Post::FilterTest { item, filter }, Step::Item(r)) => {
                if ops::truthy(&vm.heap, r) {
                    Step::Item(item)
                } else {
                    step(vm, Value::Obj(filter))?
                }
            }
            (Post::Enumerate { count, it }, Step::Item(x)) => enumerate_item(vm, it, count, x)?,
            (
                Post::Zip {
                    zip,
                    mut got,
                    index,
                },
                Step::Item(x),
            ) => {
                got.push(x);
                let inners = match vm.heap.get(zip) {
                    Object::Iter(s) => match &**s {
                        IterObj::Zip { inners } => inners.clone(),
                        _ => Box::new([]),
                    },
                    _ => Box::new([]),
                };
                zip_collect(vm, zip, &inners, got, index + 1)?
            }
            // An exhausted inner iterator exhausts every iterator built on it.
            (_, done) => done,
        };
    }
    Ok(current)
}

// ---- continuations used by natives and instructions ----

/// Delivers one step of an iterator: the item, or exhaustion.
#[derive(Debug)]
pub(crate) struct StepCont {
    pub posts: Vec<Post>,
}

impl Cont for StepCont {
    fn resume(self: Box<Self>, vm: &mut Vm, input: Delivered) -> R<Delivered> {
        match apply_posts(vm, self.posts, input)? {
            Step::Item(v) => Ok(Delivered::Value(v)),
            Step::Done => Ok(Delivered::Exhausted),
            Step::Pending(t, posts) => Err(Pending::suspend(t, Box::new(StepCont { posts }))),
        }
    }
    fn roots(&self, out: &mut Vec<Value>) {
        self.posts.iter().for_each(|p| p.roots(out));
    }
}

/// Starts stepping an iterator for a loop or `next()`: the item now, or a suspension.
pub(crate) fn step_or_suspend(vm: &mut Vm, it: Value) -> R<Delivered> {
    match step(vm, it)? {
        Step::Item(v) => Ok(Delivered::Value(v)),
        Step::Done => Ok(Delivered::Exhausted),
        Step::Pending(t, posts) => Err(Pending::suspend(t, Box::new(StepCont { posts }))),
    }
}

/// What to do with the items once an iterable is fully collected.
pub(crate) type Finish = fn(&mut Vm, Vec<Value>, &[Value]) -> R<Value>;

/// Collects every item of an iterable, then finishes with them.
#[derive(Debug)]
pub(crate) struct Collect {
    it: Value,
    items: Vec<Value>,
    posts: Vec<Post>,
    finish: Finish,
    extra: Vec<Value>,
}

impl Collect {
    fn run(mut self: Box<Self>, vm: &mut Vm, mut next: Step) -> R<Delivered> {
        loop {
            match next {
                Step::Item(v) => self.items.push(v),
                Step::Done => {
                    let items = std::mem::take(&mut self.items);
                    return (self.finish)(vm, items, &self.extra).map(Delivered::Value);
                }
                Step::Pending(t, posts) => {
                    self.posts = posts;
                    return Err(Pending::suspend(t, self));
                }
            }
            next = step(vm, self.it)?;
        }
    }
}

impl Cont for Collect {
    fn resume(mut self: Box<Self>, vm: &mut Vm, input: Delivered) -> R<Delivered> {
        let posts = std::mem::take(&mut self.posts);
        let next = apply_posts(vm, posts, input)?;
        self.run(vm, next)
    }
    fn roots(&self, out: &mut Vec<Value>) {
        out.push(self.it);
        out.extend(self.items.iter().copied());
        out.extend(self.extra.iter().copied());
        self.posts.iter().for_each(|p| p.roots(out));
    }
}

/// Collects all items of `iterable` (which may be lazy), then calls `finish`
/// with them and `extra`. Returns the result, or a suspension.
pub(crate) fn collect(vm: &mut Vm, iterable: Value, finish: Finish, extra: Vec<Value>) -> R<Value> {
    if !is_lazy(vm, iterable) {
        let items = ops::to_vec(&mut vm.heap, iterable)?;
        return finish(vm, items, &extra);
    }
    let c = Box::new(Collect {
        it: iterable,
        items: Vec::new(),
        posts: Vec::new(),
        finish,
        extra,
    });
    let first = step(vm, iterable)?;
    match c.run(vm, first)? {
        Delivered::Value(v) => Ok(v),
        Delivered::Exhausted => Ok(Value::None),
    }
}

/// Calls `func` on each value in turn, then finishes with the results.
#[derive(Debug)]
pub(crate) struct MapEach {
    func: Value,
    inputs: Vec<Value>,
    outputs: Vec<Value>,
    finish: Finish,
    extra: Vec<Value>,
}

impl MapEach {
    fn next(mut self: Box<Self>, vm: &mut Vm) -> R<Delivered> {
        loop {
            let i = self.outputs.len();
            if i == self.inputs.len() {
                let outs = std::mem::take(&mut self.outputs);
                return (self.finish)(vm, outs, &self.extra).map(Delivered::Value);
            }
            let arg = self.inputs[i];
            match call_now(vm, self.func, vec![arg])? {
                Some(v) => self.outputs.push(v),
                None => {
                    let func = self.func;
                    return Err(Pending::suspend(
                        CallTarget::Call(func, vec![arg], Vec::new()),
                        self,
                    ));
                }
            }
        }
    }
}

impl Cont for MapEach {
    fn resume(mut self: Box<Self>, vm: &mut Vm, input: Delivered) -> R<Delivered> {
        if let Delivered::Value(v) = input {
            self.outputs.push(v);
        }
        self.next(vm)
    }
    fn roots(&self, out: &mut Vec<Value>) {
        out.push(self.func);
        out.extend(self.inputs.iter().copied());
        out.extend(self.outputs.iter().copied());
        out.extend(self.extra.iter().copied());
    }
}

/// Calls a native function directly when possible: `Some(result)`, or `None`
/// when `func` is bytecode (or otherwise needs the interpreter).
fn call_now(vm: &mut Vm, func: Value, args: Vec<Value>) -> R<Option<Value>> {
    match func {
        Value::Native(id) => crate::builtins::call_native(vm, id, &args, &[]).map(Some),
        Value::Class(c) => crate::builtins::call_class(vm, c, &args, &[]).map(Some),
        _ => Ok(None),
    }
}

/// Applies `func` to every value (a key function), then finishes with the results.
pub(crate) fn map_each(
    vm: &mut Vm,
    func: Value,
    inputs: Vec<Value>,
    finish: Finish,
    extra: Vec<Value>,
) -> R<Value> {
    let m = Box::new(MapEach {
        func,
        inputs,
        outputs: Vec::new(),
        finish,
        extra,
    });
    match m.next(vm)? {
        Delivered::Value(v) => Ok(v),
        Delivered::Exhausted => Ok(Value::None),
    }
}

/// `any()`/`all()` over a lazy iterator: stops at the first deciding item.
#[derive(Debug)]
pub(crate) struct AnyAll {
    it: Value,
    posts: Vec<Post>,
    /// `true` for `any` (stop at a truthy item), `false` for `all`.
    any: bool,
}

impl AnyAll {
    fn run(mut self: Box<Self>, vm: &mut Vm, mut next: Step) -> R<Delivered> {
        loop {
            match next {
                Step::Item(v) => {
                    if ops::truthy(&vm.heap, v) == self.any {
                        return Ok(Delivered::Value(Value::Bool(self.any)));
                    }
                }
                Step::Done => return Ok(Delivered::Value(Value::Bool(!self.any))),
                Step::Pending(t, posts) => {
                    self.posts = posts;
                    return Err(Pending::suspend(t, self));
                }
            }
            next = step(vm, self.it)?;
        }
    }
}

impl Cont for AnyAll {
    fn resume(mut self: Box<Self>, vm: &mut Vm, input: Delivered) -> R<Delivered> {
        let posts = std::mem::take(&mut self.posts);
        let next = apply_posts(vm, posts, input)?;
        self.run(vm, next)
    }
    fn roots(&self, out: &mut Vec<Value>) {
        out.push(self.it);
        self.posts.iter().for_each(|p| p.roots(out));
    }
}

/// `any(it)` / `all(it)` for any iterable, short-circuiting like CPython.
pub(crate) fn any_all(vm: &mut Vm, iterable: Value, any: bool) -> R<Value> {
    let it = ops::make_iter(&mut vm.heap, iterable)?;
    let c = Box::new(AnyAll {
        it,
        posts: Vec::new(),
        any,
    });
    let first = step(vm, it)?;
    match c.run(vm, first)? {
        Delivered::Value(v) => Ok(v),
        Delivered::Exhausted => Ok(Value::Bool(!any)),
    }
}

/// `next(it[, default])` on a lazy iterator.
#[derive(Debug)]
pub(crate) struct NextCont {
    pub posts: Vec<Post>,
    pub default: Option<Value>,
}

impl Cont for NextCont {
    fn resume(self: Box<Self>, vm: &mut Vm, input: Delivered) -> R<Delivered> {
        match apply_posts(vm, self.posts, input)? {
            Step::Item(v) => Ok(Delivered::Value(v)),
            Step::Done => match self.default {
                Some(d) => Ok(Delivered::Value(d)),
                None => Err(Raise::New(
                    crate::class::ClassId::STOP_ITERATION,
                    crate::error::ExcArg::Empty,
                )),
            },
            Step::Pending(t, posts) => Err(Pending::suspend(
                t,
                Box::new(NextCont {
                    posts,
                    default: self.default,
                }),
            )),
        }
    }
    fn roots(&self, out: &mut Vec<Value>) {
        self.posts.iter().for_each(|p| p.roots(out));
        out.extend(self.default);
    }
}

/// `next(it[, default])` for any iterator.
pub(crate) fn next(vm: &mut Vm, it: Value, default: Option<Value>) -> R<Value> {
    let cont = NextCont {
        posts: Vec::new(),
        default,
    };
    let first = step(vm, it)?;
    let input = match first {
        Step::Item(v) => Delivered::Value(v),
        Step::Done => Delivered::Exhausted,
        Step::Pending(t, posts) => {
            return Err(Pending::suspend(
                t,
                Box::new(NextCont {
                    posts,
                    default: cont.default,
                }),
            ));
        }
    };
    match Box::new(cont).resume(vm, input)? {
        Delivered::Value(v) => Ok(v),
        Delivered::Exhausted => Ok(Value::None),
    }
}

/// Ignores the result it receives and finishes with a fixed value (an
/// imported module, once its body has run).
#[derive(Debug)]
pub(crate) struct Constant(pub Value);

impl Cont for Constant {
    fn resume(self: Box<Self>, _vm: &mut Vm, _input: Delivered) -> R<Delivered> {
        Ok(Delivered::Value(self.0))
    }
    fn roots(&self, out: &mut Vec<Value>) {
        out.push(self.0);
    }
}
