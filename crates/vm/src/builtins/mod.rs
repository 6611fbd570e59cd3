//! Built-in functions, methods of the built-in types, and the built-in modules.
//!
//! Every native is declared once in the `natives!` table below with its Python
//! name (`len`, `list.append`, `math.sqrt`); the table yields the [`NativeId`]
//! enum, the name lookup and the dispatch. Names with a type prefix are
//! methods of that type; names with a module prefix are module attributes.

mod containers;
mod functions;
mod lazy;
mod modules;
mod process;
mod strings;

pub(crate) use containers::get_or as dict_get_or;

use crate::class::ClassId;
use crate::dict::Dict;
use crate::error::{Raise, R};
use crate::heap::{Heap, Object};
use crate::ops;
use crate::value::{ModuleId, ObjRef, Value};
use crate::vm::Vm;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A native function: the VM, positional arguments, keyword arguments.
pub type NativeFn = fn(&mut Vm, &[Value], &[(Value, Value)]) -> R<Value>;

macro_rules! natives {
    ($($id:ident = $name:literal => $f:path;)*) => {
        /// Every built-in function and method.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u16)]
        pub enum NativeId { $($id,)* }

        impl NativeId {
            /// All natives in table order.
            pub const ALL: &'static [NativeId] = &[$(NativeId::$id,)*];
        }

        /// The Python name of a native (`len`, `list.append`, `math.sqrt`).
        pub fn native_name(id: NativeId) -> &'static str {
            match id { $(NativeId::$id => $name,)* }
        }

        fn native_fn(id: NativeId) -> NativeFn {
            match id { $(NativeId::$id => $f,)* }
        }
    };
}

natives! {
    Print = "print" => functions::print;
    Len = "len" => functions::len;
    Abs = "abs" => functions::abs;
    Min = "min" => lazy::min;
    Max = "max" => lazy::max;
    Sum = "sum" => functions::sum;
    Repr = "repr" => functions::repr;
    Round = "round" => functions::round;
    Divmod = "divmod" => functions::divmod;
    Pow = "pow" => functions::pow;
    Ord = "ord" => functions::ord;
    Chr = "chr" => functions::chr;
    Isinstance = "isinstance" => functions::isinstance;
    Sorted = "sorted" => lazy::sorted;
    Map = "map" => lazy::map;
    Filter = "filter" => lazy::filter;
    Reversed = "reversed" => functions::reversed;
    Enumerate = "enumerate" => functions::enumerate;
    Zip = "zip" => functions::zip;
    Iter = "iter" => functions::iter;
    Next = "next" => lazy::next;
    Any = "any" => lazy::any;
    All = "all" => lazy::all;
    Hash = "hash" => functions::hash;
    Id = "id" => functions::id;
    Hex = "hex" => functions::hex;
    Oct = "oct" => functions::oct;
    Bin = "bin" => functions::bin;
    Callable = "callable" => functions::callable;
    Format = "format" => functions::format;
    ListAppend = "list.append" => containers::list_append;
    ListPop = "list.pop" => containers::list_pop;
    ListInsert = "list.insert" => containers::list_insert;
    ListExtend = "list.extend" => containers::list_extend;
    ListIndex = "list.index" => containers::list_index;
    ListCount = "list.count" => containers::list_count;
    ListRemove = "list.remove" => containers::list_remove;
    ListReverse = "list.reverse" => containers::list_reverse;
    ListClear = "list.clear" => containers::list_clear;
    ListCopy = "list.copy" => containers::list_copy;
    ListSort = "list.sort" => lazy::list_sort;
    TupleIndex = "tuple.index" => containers::list_index;
    TupleCount = "tuple.count" => containers::list_count;
    DictGet = "dict.get" => containers::dict_get;
    DictKeys = "dict.keys" => containers::dict_keys;
    DictValues = "dict.values" => containers::dict_values;
    DictItems = "dict.items" => containers::dict_items;
    DictPop = "dict.pop" => containers::dict_pop;
    DictSetdefault = "dict.setdefault" => containers::dict_setdefault;
    DictUpdate = "dict.update" => containers::dict_update;
    DictCopy = "dict.copy" => containers::dict_copy;
    DictClear = "dict.clear" => containers::dict_clear;
    DictPopitem = "dict.popitem" => containers::dict_popitem;
    SetAdd = "set.add" => containers::set_add_method;
    SetRemove = "set.remove" => containers::set_remove;
    SetDiscard = "set.discard" => containers::set_discard;
    SetPop = "set.pop" => containers::set_pop;
    SetClear = "set.clear" => containers::set_clear;
    SetCopy = "set.copy" => containers::set_copy;
    SetUnion = "set.union" => containers::set_union;
    SetIntersection = "set.intersection" => containers::set_intersection;
    SetDifference = "set.difference" => containers::set_difference;
    SetUpdate = "set.update" => containers::set_update;
    SetIssubset = "set.issubset" => containers::set_issubset;
    SetIssuperset = "set.issuperset" => containers::set_issuperset;
    StrSplit = "str.split" => strings::split;
    StrRsplit = "str.rsplit" => strings::rsplit;
    StrJoin = "str.join" => strings::join;
    StrStrip = "str.strip" => strings::strip;
    StrLstrip = "str.lstrip" => strings::lstrip;
    StrRstrip = "str.rstrip" => strings::rstrip;
    StrUpper = "str.upper" => strings::upper;
    StrLower = "str.lower" => strings::lower;
    StrReplace = "str.replace" => strings::replace;
    StrStartswith = "str.startswith" => strings::startswith;
    StrEndswith = "str.endswith" => strings::endswith;
    StrFind = "str.find" => strings::find;
    StrRfind = "str.rfind" => strings::rfind;
    StrIndex = "str.index" => strings::index;
    StrRindex = "str.rindex" => strings::rindex;
    StrCount = "str.count" => strings::count;
    StrIsdigit = "str.isdigit" => strings::isdigit;
    StrIsalpha = "str.isalpha" => strings::isalpha;
    StrIsspace = "str.isspace" => strings::isspace;
    StrIsalnum = "str.isalnum" => strings::isalnum;
    StrIsupper = "str.isupper" => strings::isupper;
    StrIslower = "str.islower" => strings::islower;
    StrFormat = "str.format" => strings::format;
    StrCapitalize = "str.capitalize" => strings::capitalize;
    StrTitle = "str.title" => strings::title;
    StrCenter = "str.center" => strings::center;
    StrLjust = "str.ljust" => strings::ljust;
    StrRjust = "str.rjust" => strings::rjust;
    StrZfill = "str.zfill" => strings::zfill;
    StrSplitlines = "str.splitlines" => strings::splitlines;
    StrPartition = "str.partition" => strings::partition;
    StrRpartition = "str.rpartition" => strings::rpartition;
    StrSwapcase = "str.swapcase" => strings::swapcase;
    StrCasefold = "str.casefold" => strings::casefold;
    StrIsdecimal = "str.isdecimal" => strings::isdecimal;
    StrIsnumeric = "str.isnumeric" => strings::isnumeric;
    StrIsascii = "str.isascii" => strings::isascii;
    StrRemoveprefix = "str.removeprefix" => strings::removeprefix;
    StrRemovesuffix = "str.removesuffix" => strings::removesuffix;
    StrExpandtabs = "str.expandtabs" => strings::expandtabs;
    StreamWrite = "TextIOWrapper.write" => modules::stream_write;
    StreamFlush = "TextIOWrapper.flush" => modules::stream_flush;
    MathSqrt = "math.sqrt" => modules::sqrt;
    MathFloor = "math.floor" => modules::floor;
    MathCeil = "math.ceil" => modules::ceil;
    MathIsnan = "math.isnan" => modules::isnan;
    MathIsinf = "math.isinf" => modules::isinf;
    MathSin = "math.sin" => modules::sin;
    MathCos = "math.cos" => modules::cos;
    MathTan = "math.tan" => modules::tan;
    MathAtan = "math.atan" => modules::atan;
    MathAtan2 = "math.atan2" => modules::atan2;
    MathLog = "math.log" => modules::log;
    MathExp = "math.exp" => modules::exp;
    MathFabs = "math.fabs" => modules::fabs;
    MathGcd = "math.gcd" => modules::gcd;
    MathTrunc = "math.trunc" => modules::trunc;
    SysExit = "sys.exit" => modules::exit;
    ProcessSpawn = "process.spawn" => process::spawn;
    ProcessSpawnLink = "process.spawn_link" => process::spawn_link;
    ProcessSpawnOpt = "process.spawn_opt" => process::spawn_opt;
    ProcessSelf = "process.self" => process::self_pid;
    ProcessSend = "process.send" => process::send;
    ProcessReceive = "process.receive" => process::receive;
    ProcessLink = "process.link" => process::link;
    ProcessUnlink = "process.unlink" => process::unlink;
    ProcessMonitor = "process.monitor" => process::monitor;
    ProcessTrapExits = "process.trap_exits" => process::trap_exits;
    ProcessExit = "process.exit" => process::exit;
    ProcessKill = "process.kill" => process::kill;
    ProcessSleep = "process.sleep" => process::sleep;
    ProcessAlive = "process.alive" => process::alive;
    ProcessPanic = "process._panic" => process::panic_for_tests;
    ProcessMonotonic = "process.monotonic" => process::monotonic;
    // Call-site helpers for `f(*a, *b)` and `f(**m, k=v)`; their names are not
    // identifiers, so only the compiler can reach them.
    ListExtendStar = "list.<extend star>" => containers::list_extend_star;
    DictMergeKwargs = "dict.<merge kwargs>" => containers::dict_merge_kwargs;

}

/// The value a global name has before the program assigns it: the built-in of that name.
pub fn builtin_value(name: &str) -> Option<Value> {
    static TABLE: OnceLock<HashMap<&'static str, Value>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut m = HashMap::new();
        for id in NativeId::ALL {
            let n = native_name(*id);
            if !n.contains('.') {
                m.insert(n, Value::Native(*id));
            }
        }
        for c in 0..ClassId::COUNT {
            let class = ClassId(c);
            let visible = class.is_exception()
                || matches!(
                    class,
                    ClassId::INT
                        | ClassId::FLOAT
                        | ClassId::BOOL
                        | ClassId::STR
                        | ClassId::LIST
                        | ClassId::TUPLE
                        | ClassId::DICT
                        | ClassId::SET
                        | ClassId::RANGE
                        | ClassId::TYPE
                        | ClassId::OBJECT
                );
            if visible {
                m.insert(class.name(), Value::Class(class));
            }
        }
        m
    });
    table.get(name).copied()
}

/// The method table: (class, method name) to native.
fn methods() -> &'static HashMap<(ClassId, &'static str), NativeId> {
    static TABLE: OnceLock<HashMap<(ClassId, &'static str), NativeId>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut m = HashMap::new();
        for id in NativeId::ALL {
            if let Some((prefix, method)) = native_name(*id).split_once('.') {
                if let Some(class) = ClassId::by_name(prefix) {
                    m.insert((class, method), *id);
                }
            }
        }
        m
    })
}

fn module_natives() -> &'static HashMap<(ModuleId, &'static str), NativeId> {
    static TABLE: OnceLock<HashMap<(ModuleId, &'static str), NativeId>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut m = HashMap::new();
        for id in NativeId::ALL {
            if let Some((prefix, name)) = native_name(*id).split_once('.') {
                if let Some(module) = ModuleId::from_name(prefix) {
                    m.insert((module, name), *id);
                }
            }
        }
        m
    })
}

fn no_attribute(heap: &Heap, v: Value, name: &str) -> Raise {
    match v {
        Value::Module(m) => {
            Raise::attribute_error(format!("module '{}' has no attribute '{name}'", m.name()))
        }
        Value::Class(c) => Raise::attribute_error(format!(
            "type object '{}' has no attribute '{name}'",
            c.name()
        )),
        _ => Raise::attribute_error(format!(
            "'{}' object has no attribute '{name}'",
            heap.type_name(v)
        )),
    }
}

/// The method `name` of `recv` for a call: the callee and the receiver to pass
/// as the first argument (`Undef` when the callee takes no receiver).
pub fn get_method(heap: &mut Heap, recv: Value, name: Value) -> R<(Value, Value)> {
    if !matches!(recv, Value::Module(_)) {
        let text = heap.as_str(&name).unwrap_or("");
        let mut c = Some(heap.class_of(recv));
        while let Some(k) = c {
            if let Some(id) = methods().get(&(k, text)) {
                return Ok((Value::Native(*id), recv));
            }
            c = k.base();
        }
    }
    // Module functions and other attributes take no receiver.
    let text = heap.as_str(&name).unwrap_or("").to_string();
    let v = get_attr(heap, recv, &text)?;
    Ok((v, Value::Undef))
}

/// `recv.name` as a value.
pub fn get_attr(heap: &mut Heap, recv: Value, name: &str) -> R<Value> {
    match recv {
        Value::Module(m) => return module_attr(heap, m, name),
        Value::Obj(r) => match heap.get(r) {
            Object::Exception(e) if name == "args" => return Ok(Value::Obj(e.args)),
            Object::Exception(e) if name == "__cause__" => return Ok(e.cause),
            Object::Exception(e) if name == "__context__" => return Ok(e.context),
            Object::Range(rg) => {
                let v = match name {
                    "start" => Some(rg.start),
                    "stop" => Some(rg.stop),
                    "step" => Some(rg.step),
                    _ => None,
                };
                if let Some(v) = v {
                    return Ok(Value::Int(v));
                }
            }
            _ => {}
        },
        Value::Class(c) if name == "__name__" => return Ok(heap.str(c.name())),
        Value::Class(c) => {
            // `str.lower` and friends: the method itself, taking the receiver first.
            if let Some(id) = methods().get(&(c, name)) {
                return Ok(Value::Native(*id));
            }
        }
        _ => {}
    }
    let class = heap.class_of(recv);
    let mut c = Some(class);
    while let Some(k) = c {
        if let Some(id) = methods().get(&(k, name)) {
            let native = *id;
            return Ok(Value::Obj(heap.alloc(Object::BoundMethod { recv, native })));
        }
        c = k.base();
    }
    Err(no_attribute(heap, recv, name))
}

fn module_attr(heap: &mut Heap, m: ModuleId, name: &str) -> R<Value> {
    if let Some(id) = module_natives().get(&(m, name)) {
        return Ok(Value::Native(*id));
    }
    if let Some(v) = modules::constant(heap, m, name) {
        return Ok(v);
    }
    Err(no_attribute(heap, Value::Module(m), name))
}

/// Calls a native with the VM.
pub fn call_native(
    vm: &mut Vm,
    id: NativeId,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> R<Value> {
    if lazy::consumes_iterables(id) {
        if id == NativeId::Sum {
            // CPython rejects a str start before it iterates (and runs a generator).
            functions::sum_start_check(vm, args, kwargs)?;
        }
        if let Some(r) = lazy::collect_lazy_arg(vm, Value::Native(id), args, kwargs) {
            return r;
        }
    }
    native_fn(id)(vm, args, kwargs)
}

/// Calls a class: constructs a value of that type or an exception instance.
pub fn call_class(
    vm: &mut Vm,
    class: ClassId,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> R<Value> {
    // `str(x)` builds most of the strings a program makes: straight there.
    if let (ClassId::STR, [x], []) = (class, args, kwargs) {
        return ops::str_value(&mut vm.heap, *x);
    }
    construct_class(vm, class, args, kwargs)
}

/// `call_class` past its fast path (kept apart so that path stays small).
#[inline(never)]
fn construct_class(
    vm: &mut Vm,
    class: ClassId,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> R<Value> {
    if lazy::class_consumes_iterables(class) {
        if let Some(r) = lazy::collect_lazy_arg(vm, Value::Class(class), args, kwargs) {
            return r;
        }
    }
    if class.is_exception() {
        no_kwargs(vm, class.name(), kwargs)?;
        let exc = vm.new_exception(class, args.to_vec());
        return Ok(Value::Obj(exc));
    }
    functions::construct(vm, class, args, kwargs)
}

/// The name used for a callable in error messages.
pub fn callable_name(vm: &Vm, v: Value) -> String {
    // As CPython's _PyObject_FunctionStr: the module prefix for Python
    // functions, the owning type for built-in methods.
    match v {
        Value::Native(n) => native_name(n).to_string() + "()",
        Value::Class(c) => format!("{}()", c.name()),
        Value::Obj(r) => match vm.heap.get(r) {
            Object::Function(f) => {
                format!("__main__.{}()", vm.heap.as_str(&f.name).unwrap_or("?"))
            }
            Object::BoundMethod { native, .. } => native_name(*native).to_string() + "()",
            _ => "object".into(),
        },
        _ => "object".into(),
    }
}

/// Refuses keyword arguments for natives that take none.
pub(crate) fn no_kwargs(vm: &Vm, name: &str, kwargs: &[(Value, Value)]) -> R<()> {
    if kwargs.is_empty() {
        return Ok(());
    }
    let _ = vm;
    Err(Raise::type_error(format!(
        "{name}() takes no keyword arguments"
    )))
}

/// Builds a set from values (TypeError for unhashable ones).
pub fn make_set(heap: &mut Heap, items: &[Value]) -> R<Value> {
    let mut d = Dict::with_capacity(items.len());
    for v in items {
        let h = ops::hash(heap, *v)?;
        if ops::lookup(heap, &d, h, *v).is_none() {
            d.insert_new(h, *v, Value::None);
        }
    }
    Ok(Value::Obj(heap.alloc(Object::Set(Box::new(d)))))
}

/// Builds a dict from alternating keys and values.
pub fn make_dict(heap: &mut Heap, items: &[Value]) -> R<Value> {
    let mut d = Dict::with_capacity(items.len() / 2);
    for pair in items.chunks(2) {
        let (k, v) = (pair[0], pair[1]);
        let h = ops::hash(heap, k)?;
        match ops::lookup(heap, &d, h, k) {
            Some(p) => d.set_value(p, v),
            None => d.insert_new(h, k, v),
        }
    }
    Ok(Value::Obj(heap.alloc(Object::Dict(Box::new(d)))))
}

/// `set.add` on a set value.
pub fn set_add(heap: &mut Heap, set: Value, v: Value) -> R<()> {
    let h = ops::hash(heap, v)?;
    let Some(r) = set.as_obj() else {
        return Err(Raise::type_error("setadd needs a set"));
    };
    let present = match heap.get(r) {
        Object::Set(d) => ops::lookup(heap, d, h, v).is_some(),
        _ => return Err(Raise::type_error("setadd needs a set")),
    };
    if !present {
        if let Object::Set(d) = heap.get_mut(r) {
            d.insert_new(h, v, Value::None);
        }
        heap.note_growth(40);
    }
    Ok(())
}

/// The exception instance to raise for `raise v`: instances as they are, classes instantiated.
pub fn exception_instance(heap: &mut Heap, v: Value, error: &str) -> R<ObjRef> {
    match v {
        Value::Obj(r) if matches!(heap.get(r), Object::Exception(_)) => Ok(r),
        Value::Class(c) if c.is_exception() => {
            let args = heap
                .tuple(Vec::new())
                .as_obj()
                .expect("a tuple is an object");
            Ok(heap.alloc(Object::Exception(Box::new(crate::heap::ExcObj {
                class: c,
                args,
                traceback: Vec::new(),
                cause: Value::None,
                context: Value::None,
                suppress_context: false,
            }))))
        }
        _ => Err(Raise::type_error(error)),
    }
}

/// Whether exception `exc` matches `class` (a class or a tuple of classes) in an `except` clause.
pub fn exception_matches(heap: &Heap, exc: Value, class: Value) -> R<bool> {
    let exc_class = heap.class_of(exc);
    let check = |c: Value| -> R<bool> {
        match c {
            Value::Class(k) if k.is_exception() => Ok(exc_class.is_subclass(k)),
            _ => Err(Raise::type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    };
    match class {
        Value::Obj(r) => match heap.get(r) {
            Object::Tuple(items) => {
                // Every class is checked, as CPython does, before any one matches.
                let mut matched = false;
                for c in items.iter() {
                    matched |= check(*c)?;
                }
                Ok(matched)
            }
            _ => check(class),
        },
        _ => check(class),
    }
}

/// `format(value, spec)` where `spec` is a string value (or None for the empty spec).
pub fn format_value(heap: &Heap, v: Value, spec: Value) -> R<String> {
    let spec = match spec {
        Value::None | Value::Undef => "",
        _ => heap
            .as_str(&spec)
            .ok_or_else(|| Raise::type_error("format spec must be a str"))?,
    };
    crate::format::format_value(heap, v, spec)
}
