//! Methods of str. The receiver is `args[0]`; indexes are in code points.

use super::functions::{arity, take_kwargs};
use super::no_kwargs;
use crate::error::{Raise, R};
use crate::ops;
use crate::value::{ShortStr, Value};
use crate::vm::Vm;
use compact_str::CompactString;
use std::borrow::Cow;

/// The receiver's text (borrowed from the heap, not copied) and the other arguments.
fn this<'a>(vm: &'a Vm, args: &'a [Value], method: &str) -> R<(&'a str, &'a [Value])> {
    match args.split_first() {
        Some((s, rest)) => match vm.heap.as_str(s) {
            Some(t) => Ok((t, rest)),
            None => Err(Raise::type_error(format!(
                "descriptor '{method}' for 'str' objects doesn't apply to a '{}' object",
                vm.heap.type_name(*s)
            ))),
        },
        None => Err(Raise::type_error(format!(
            "descriptor '{method}' of 'str' object needs an argument"
        ))),
    }
}

/// Python's whitespace: Rust's plus the separators U+001C..U+001F.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Rejects arguments to a method that takes none, in CPython's wording.
fn no_args(name: &str, rest: &[Value]) -> R<()> {
    if rest.is_empty() {
        return Ok(());
    }
    Err(Raise::type_error(format!(
        "str.{name}() takes no arguments ({} given)",
        rest.len()
    )))
}

/// Checks the 1 to 3 arguments of `find`-like methods, in their older wording.
fn one_to_three(name: &str, rest: &[Value]) -> R<()> {
    match rest.len() {
        0 => Err(Raise::type_error(format!(
            "{name}() takes at least 1 argument (0 given)"
        ))),
        n if n > 3 => Err(Raise::type_error(format!(
            "{name}() takes at most 3 arguments ({n} given)"
        ))),
        _ => Ok(()),
    }
}

/// A string argument's text, borrowed.
fn str_ref<'a>(vm: &'a Vm, v: &'a Value, what: &str) -> R<&'a str> {
    vm.heap
        .as_str(v)
        .ok_or_else(|| Raise::type_error(format!("{what}, not {}", vm.heap.type_name(*v))))
}

fn str_arg(vm: &Vm, v: Value, what: &str) -> R<String> {
    vm.heap
        .as_str(&v)
        .map(str::to_string)
        .ok_or_else(|| Raise::type_error(format!("{what}, not {}", vm.heap.type_name(v))))
}

/// Converts a byte offset in `s` to a code-point index.
fn char_index(s: &str, byte: usize) -> usize {
    if s.is_ascii() {
        byte
    } else {
        s[..byte].chars().count()
    }
}

/// Converts a code-point index to a byte offset (clamped to the end).
fn byte_offset(s: &str, chars: usize) -> usize {
    if s.is_ascii() {
        chars.min(s.len())
    } else {
        s.char_indices().nth(chars).map_or(s.len(), |(b, _)| b)
    }
}

/// Resolves optional `start`/`end` arguments into a byte range of `s`.
fn bounds(vm: &Vm, s: &str, start: Option<Value>, end: Option<Value>) -> R<(usize, usize)> {
    if matches!(start, None | Some(Value::None)) && matches!(end, None | Some(Value::None)) {
        return Ok((0, s.len()));
    }
    let n = s.chars().count() as i64;
    // As CPython's ADJUST_INDICES: a start past the end stays there, so even
    // an empty needle is not found (`'abc'.find('', 4) == -1`).
    let resolve = |v: Option<Value>, default: i64, cap: i64| -> R<i64> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = ops::to_index(&vm.heap, v)?;
                Ok(if i < 0 { (i + n).max(0) } else { i.min(cap) })
            }
        }
    };
    let b = resolve(end, n, n)?;
    let a = resolve(start, 0, n + 1)?;
    if a > b {
        return Ok((usize::MAX, usize::MAX));
    }
    Ok((byte_offset(s, a as usize), byte_offset(s, b as usize)))
}

fn new_str(vm: &mut Vm, s: impl Into<compact_str::CompactString>) -> R<Value> {
    Ok(vm.heap.str(s))
}

/// Where the next piece of a split ends: the piece's byte range and where
/// the search goes on (`None` after the last piece).
type Cut = ((usize, usize), Option<usize>);

fn split_impl(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)], right: bool) -> R<Value> {
    let name = if right { "rsplit" } else { "split" };
    let (_, rest) = this(vm, args, name)?;
    let kw = take_kwargs(vm, name, kwargs, &["sep", "maxsplit"])?;
    if rest.len() > 2 {
        return Err(Raise::type_error(format!(
            "{name}() takes at most 2 arguments ({} given)",
            rest.len()
        )));
    }
    let sep = rest.first().copied().or(kw[0]).filter(|v| !v.is_none());
    let maxsplit = match rest.get(1).copied().or(kw[1]) {
        Some(v) => ops::to_index(&vm.heap, v)?,
        None => -1,
    };
    let limit = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let sep: Option<String> = match sep {
        None => None,
        Some(v) => match vm.heap.as_str(&v) {
            Some("") => return Err(Raise::value_error("empty separator")),
            Some(t) => Some(t.to_string()),
            None => {
                return Err(Raise::type_error(format!(
                    "must be str or None, not {}",
                    vm.heap.type_name(v)
                )))
            }
        },
    };
    let ascii = vm.heap.as_text(&args[0]).is_some_and(|o| o.is_ascii());
    // Each piece is copied out of the receiver and stored before the next is
    // looked for, so no list of borrowed pieces is ever held.
    let mut items: Vec<Value> = Vec::new();
    // Left splits walk forward from byte 0; right splits backward from the end.
    let mut cursor: Option<usize> = Some(if right {
        vm.heap.as_str(&args[0]).map_or(0, str::len)
    } else {
        0
    });
    while let Some(pos) = cursor {
        let last = items.len() == limit;
        let ((a, b), next) = {
            let text = vm.heap.as_str(&args[0]).unwrap_or("");
            match (&sep, right) {
                (Some(sep), false) => split_forward(text, pos, sep, last),
                (Some(sep), true) => split_backward(text, pos, sep, last),
                (None, false) => match words_forward(text, pos, last) {
                    Some(cut) => cut,
                    None => break,
                },
                (None, true) => match words_backward(text, pos, last) {
                    Some(cut) => cut,
                    None => break,
                },
            }
        };
        let piece = {
            let text = vm.heap.as_str(&args[0]).unwrap_or("");
            let piece = &text[a..b];
            match ShortStr::new(piece) {
                // Most pieces (words, fields) are short: no heap object.
                Some(short) => Ok(Value::Short(short)),
                None => Err((
                    CompactString::new(piece),
                    if ascii {
                        piece.len()
                    } else {
                        piece.chars().count()
                    },
                )),
            }
        };
        items.push(match piece {
            Ok(v) => v,
            Err((s, chars)) => vm.heap.str_counted(s, chars),
        });
        cursor = next;
    }
    if right {
        items.reverse();
    }
    Ok(vm.heap.list(items))
}

fn split_forward(text: &str, pos: usize, sep: &str, last: bool) -> Cut {
    let rest = &text[pos..];
    let found = if last {
        None
    } else if sep.len() == 1 {
        // A one-byte separator is an ASCII character, never inside a longer
        // one: scan bytes (pieces are short; a searcher's set-up would dominate).
        let b = sep.as_bytes()[0];
        rest.bytes().position(|c| c == b)
    } else {
        rest.find(sep)
    };
    match found {
        Some(i) => ((pos, pos + i), Some(pos + i + sep.len())),
        None => ((pos, text.len()), None),
    }
}

fn split_backward(text: &str, end: usize, sep: &str, last: bool) -> Cut {
    let rest = &text[..end];
    let found = if last {
        None
    } else if sep.len() == 1 {
        let b = sep.as_bytes()[0];
        rest.bytes().rposition(|c| c == b)
    } else {
        rest.rfind(sep)
    };
    match found {
        Some(i) => ((i + sep.len(), end), Some(i)),
        None => ((0, end), None),
    }
}

/// The next whitespace-separated word at or after `pos`, or `None` when only
/// whitespace is left; the last allowed piece takes the rest, trailing space included.
fn words_forward(text: &str, pos: usize, last: bool) -> Option<Cut> {
    let rest = text[pos..].trim_start_matches(is_py_space);
    if rest.is_empty() {
        return None;
    }
    let start = text.len() - rest.len();
    if last {
        return Some(((start, text.len()), None));
    }
    Some(match rest.find(is_py_space) {
        Some(i) => ((start, start + i), Some(start + i)),
        None => ((start, text.len()), None),
    })
}

fn words_backward(text: &str, end: usize, last: bool) -> Option<Cut> {
    let rest = text[..end].trim_end_matches(is_py_space);
    if rest.is_empty() {
        return None;
    }
    let stop = rest.len();
    if last {
        return Some(((0, stop), None));
    }
    Some(match rest.rfind(is_py_space) {
        Some(i) => {
            let w = i + rest[i..].chars().next().map_or(1, char::len_utf8);
            ((w, stop), Some(i))
        }
        None => ((0, stop), None),
    })
}

pub(crate) fn split(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    split_impl(vm, args, kwargs, false)
}

pub(crate) fn rsplit(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    split_impl(vm, args, kwargs, true)
}

pub(crate) fn join(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "str.join", kwargs)?;
    let (_, rest) = this(vm, args, "join")?;
    arity("str.join", rest, 1, 1)?;
    let iterable = rest[0];
    let seq = match vm.heap.as_seq(iterable) {
        Some(items) => items,
        None => Cow::Owned(
            ops::to_vec(&mut vm.heap, iterable)
                .map_err(|_| Raise::type_error("can only join an iterable"))?,
        ),
    };
    let items: &[Value] = &seq;
    let sep = vm
        .heap
        .as_text(&args[0])
        .map_or(("", 0), |s| (s.s, s.chars));
    // Measured first, so the text is built in place with no regrowth (most
    // items are short strings, read from the list itself).
    let mut bytes = sep.0.len() as u128 * items.len().saturating_sub(1) as u128;
    for (i, v) in items.iter().enumerate() {
        let Some(t) = vm.heap.as_str(v) else {
            return Err(Raise::type_error(format!(
                "sequence item {i}: expected str instance, {} found",
                vm.heap.type_name(*v)
            )));
        };
        bytes += t.len() as u128;
    }
    ops::check_size(&vm.heap, bytes)?;
    let mut out = String::with_capacity(bytes as usize);
    let mut chars = sep.1 * items.len().saturating_sub(1);
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep.0);
        }
        if let Some(t) = vm.heap.as_text(v) {
            out.push_str(t.s);
            chars += t.chars;
        }
    }
    Ok(vm.heap.str_counted(out.into(), chars))
}

fn strip_impl(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
    name: &str,
    left: bool,
    right: bool,
) -> R<Value> {
    no_kwargs(vm, &format!("str.{name}"), kwargs)?;
    let (s, rest) = this(vm, args, name)?;
    arity(name, rest, 0, 1)?;
    let chars: Option<Vec<char>> = match rest.first() {
        None | Some(Value::None) => None,
        // CPython's wording here names no type.
        Some(v) => Some(
            vm.heap
                .as_str(v)
                .ok_or_else(|| Raise::type_error(format!("{name} arg must be None or str")))?
                .chars()
                .collect(),
        ),
    };
    let pred = |c: char| match &chars {
        None => is_py_space(c),
        Some(set) => set.contains(&c),
    };
    let mut t: &str = s;
    if left {
        t = t.trim_start_matches(pred);
    }
    if right {
        t = t.trim_end_matches(pred);
    }
    let t = t.to_string();
    new_str(vm, t)
}

pub(crate) fn strip(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    strip_impl(vm, args, kwargs, "strip", true, true)
}

pub(crate) fn lstrip(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    strip_impl(vm, args, kwargs, "lstrip", true, false)
}

pub(crate) fn rstrip(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    strip_impl(vm, args, kwargs, "rstrip", false, true)
}

pub(crate) fn upper(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "str.upper", kwargs)?;
    let (s, rest) = this(vm, args, "upper")?;
    no_args("upper", rest)?;
    let out = if s.is_ascii() {
        // ASCII text has ASCII case mappings: a byte-wise pass, same length.
        s.to_ascii_uppercase()
    } else {
        s.to_uppercase()
    };
    new_str(vm, out)
}

pub(crate) fn lower(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "str.lower", kwargs)?;
    let (s, rest) = this(vm, args, "lower")?;
    no_args("lower", rest)?;
    let out = if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    };
    new_str(vm, out)
}

pub(crate) fn replace(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "str.replace", kwargs)?;
    let (s, rest) = this(vm, args, "replace")?;
    if rest.len() < 2 || rest.len() > 3 {
        return Err(Raise::type_error(format!(
            "replace expected at least 2 arguments, got {}",
            rest.len()
        )));
    }
    let old = str_ref(vm, &rest[0], "replace() argument 1 must be str")?;
    let new = str_ref(vm, &rest[1], "replace() argument 2 must be str")?;
    let count = match rest.get(2) {
        Some(v) => ops::to_index(&vm.heap, *v)?,
        None => -1,
    };
    let out = if old.len() == 1 {
        let limit = if count < 0 {
            usize::MAX
        } else {
            count as usize
        };
        replace_byte(s, old.as_bytes()[0], new, limit)?
    } else if count < 0 {
        s.replace(old, new)
    } else if old.is_empty() {
        // Python inserts `new` before each character, up to `count` times.
        let mut out = String::new();
        let mut n = 0;
        for c in s.chars() {
            if n < count {
                out.push_str(new);
                n += 1;
            }
            out.push(c);
        }
        if n < count {
            out.push_str(new);
        }
        out
    } else {
        s.replacen(old, new, count as usize)
    };
    new_str(vm, out)
}

/// `s.replace(old, new, limit)` for a one-byte (so ASCII) `old`, into a
/// string sized in advance. A byte loop beats a searcher here: matches in
/// text are often only a few bytes apart, and each search has a set-up cost.
fn replace_byte(s: &str, old: u8, new: &str, limit: usize) -> R<String> {
    let n = s.bytes().filter(|b| *b == old).count().min(limit);
    let size = n
        .checked_mul(new.len())
        .and_then(|grown| grown.checked_add(s.len() - n))
        .filter(|size| *size <= isize::MAX as usize)
        .ok_or_else(Raise::memory)?;
    let mut out: Vec<u8> = Vec::with_capacity(size);
    let mut left = n;
    let bytes = s.as_bytes();
    let mut i = 0;
    while left > 0 && i < bytes.len() {
        let b = bytes[i];
        if b == old {
            out.extend_from_slice(new.as_bytes());
            left -= 1;
        } else {
            out.push(b);
        }
        i += 1;
    }
    out.extend_from_slice(&bytes[i..]);
    // An ASCII byte is never part of a longer character, so swapping it for
    // whole text keeps the bytes valid UTF-8.
    String::from_utf8(out).map_err(|_| Raise::runtime_error("internal error: replace broke UTF-8"))
}

fn affix(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
    name: &str,
    suffix: bool,
) -> R<Value> {
    no_kwargs(vm, &format!("str.{name}"), kwargs)?;
    let (s, rest) = this(vm, args, name)?;
    one_to_three(name, rest)?;
    let (a, b) = bounds(vm, s, rest.get(1).copied(), rest.get(2).copied())?;
    if a == usize::MAX {
        return Ok(Value::Bool(false));
    }
    let region = &s[a..b];
    let candidates: &[Value] = match vm.heap.as_str(&rest[0]) {
        Some(_) => &rest[..1],
        None if vm.heap.class_of(rest[0]) == crate::class::ClassId::TUPLE => {
            vm.heap.as_tuple(rest[0]).unwrap_or(&[])
        }
        None => {
            return Err(Raise::type_error(format!(
                "{name} first arg must be str or a tuple of str, not {}",
                vm.heap.type_name(rest[0])
            )))
        }
    };
    for c in candidates {
        let t = match vm.heap.as_str(c) {
            Some(t) => t,
            None => str_ref(vm, c, &format!("tuple for {name} must only contain str"))?,
        };
        let hit = if suffix {
            region.ends_with(t)
        } else {
            region.starts_with(t)
        };
        if hit {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

pub(crate) fn startswith(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    affix(vm, args, kwargs, "startswith", false)
}

pub(crate) fn endswith(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    affix(vm, args, kwargs, "endswith", true)
}

fn search(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
    name: &str,
    right: bool,
) -> R<Option<usize>> {
    no_kwargs(vm, &format!("str.{name}"), kwargs)?;
    let (s, rest) = this(vm, args, name)?;
    one_to_three(name, rest)?;
    let needle = str_ref(vm, &rest[0], "must be str")?;
    let (a, b) = bounds(vm, s, rest.get(1).copied(), rest.get(2).copied())?;
    if a == usize::MAX {
        return Ok(None);
    }
    let region = &s[a..b];
    let found = if right {
        region.rfind(needle)
    } else {
        region.find(needle)
    };
    Ok(found.map(|i| char_index(s, a + i)))
}

pub(crate) fn find(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    Ok(Value::Int(
        search(vm, args, kwargs, "find", false)?.map_or(-1, |i| i as i64),
    ))
}

pub(crate) fn rfind(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    Ok(Value::Int(
        search(vm, args, kwargs, "rfind", true)?.map_or(-1, |i| i as i64),
    ))
}

pub(crate) fn index(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    match search(vm, args, kwargs, "index", false)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(Raise::value_error("substring not found")),
    }
}

pub(crate) fn rindex(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    match search(vm, args, kwargs, "rindex", true)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(Raise::value_error("substring not found")),
    }
}

pub(crate) fn count(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "str.count", kwargs)?;
    let (s, rest) = this(vm, args, "count")?;
    one_to_three("count", rest)?;
    let needle = str_arg(vm, rest[0], "must be str")?;
    let (a, b) = bounds(vm, s, rest.get(1).copied(), rest.get(2).copied())?;
    if a == usize::MAX {
        return Ok(Value::Int(0));
    }
    let region = &s[a..b];
    let n = if needle.is_empty() {
        region.chars().count() + 1
    } else {
        region.matches(needle.as_str()).count()
    };
    Ok(Value::Int(n as i64))
}

fn predicate(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
    name: &str,
    f: impl Fn(&str) -> bool,
) -> R<Value> {
    no_kwargs(vm, &format!("str.{name}"), kwargs)?;
    let (s, rest) = this(vm, args, name)?;
    no_args(name, rest)?;
    Ok(Value::Bool(f(s)))
}

pub(crate) fn isdigit(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    predicate(vm, args, kwargs, "isdigit", |s| {
        !s.is_empty()
            && s.chars().all(|c| {
                // Python's digits have a digit value: not letter numbers (Nl,
                // 'Ⅻ', which Rust also calls alphabetic) nor vulgar fractions.
                c.is_ascii_digit()
                    || (!c.is_ascii()
                        && c.is_numeric()
                        && !c.is_alphabetic()
                        && !matches!(c, '\u{bc}'..='\u{be}' | '\u{2150}'..='\u{215f}' | '\u{2189}'))
            })
    })
}

pub(crate) fn isalpha(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    predicate(vm, args, kwargs, "isalpha", |s| {
        // Python's letters are the L* categories: Rust's Alphabetic also has
        // letter numbers (Nl, like 'Ⅻ'), which Python does not count.
        !s.is_empty() && s.chars().all(|c| c.is_alphabetic() && !c.is_numeric())
    })
}

pub(crate) fn isspace(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    predicate(vm, args, kwargs, "isspace", |s| {
        !s.is_empty() && s.chars().all(is_py_space)
    })
}

pub(crate) fn isalnum(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    predicate(vm, args, kwargs, "isalnum", |s| {
        !s.is_empty() && s.chars().all(char::is_alphanumeric)
    })
}

pub(crate) fn isupper(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    predicate(vm, args, kwargs, "isupper", |s| {
        s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
    })
}

pub(crate) fn islower(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    predicate(vm, args, kwargs, "islower", |s| {
        s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase)
    })
}

/// Cased in Unicode's sense (uppercase, lowercase or titlecase), as `title()` uses it.
fn is_cased(c: char) -> bool {
    c.is_lowercase()
        || c.is_uppercase()
        || matches!(c, '\u{1c5}' | '\u{1c8}' | '\u{1cb}' | '\u{1f2}')
}

/// Appends the titlecase form of `c`: its uppercase, except for the letters
/// whose titlecase differs (digraphs like 'ǆ', and 'ß' and ligatures that
/// become a capital and small letters).
fn push_title(c: char, out: &mut String) {
    let special = match c {
        '\u{1c4}'..='\u{1c6}' => "\u{1c5}",
        '\u{1c7}'..='\u{1c9}' => "\u{1c8}",
        '\u{1ca}'..='\u{1cc}' => "\u{1cb}",
        '\u{1f1}'..='\u{1f3}' => "\u{1f2}",
        'ß' => "Ss",
        'ﬀ' => "Ff",
        'ﬁ' => "Fi",
        'ﬂ' => "Fl",
        'ﬃ' => "Ffi",
        'ﬄ' => "Ffl",
        'ﬅ' | 'ﬆ' => "St",
        'և' => "Եւ",
        'ﬓ' => "Մն",
        'ﬔ' => "Մե",
        'ﬕ' => "Մի",
        'ﬖ' => "Վն",
        'ﬗ' => "Մխ",
        _ => {
            out.extend(c.to_uppercase());
            return;
        }
    };
    out.push_str(special);
}

/// Appends the lowercase form of `chars[i]`, with the final-sigma rule:
/// 'Σ' after a cased letter and not before one becomes 'ς'.
fn push_lower(chars: &[char], i: usize, out: &mut String) {
    let c = chars[i];
    if c == 'Σ'
        && i > 0
        && is_cased(chars[i - 1])
        && !chars.get(i + 1).is_some_and(|n| is_cased(*n))
    {
        out.push('ς');
    } else {
        out.extend(c.to_lowercase());
    }
}

pub(crate) fn capitalize(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "str.capitalize", kwargs)?;
    let (s, rest) = this(vm, args, "capitalize")?;
    no_args("capitalize", rest)?;
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for i in 0..chars.len() {
        if i == 0 {
            push_title(chars[0], &mut out);
        } else {
            push_lower(&chars, i, &mut out);
        }
    }
    new_str(vm, out)
}

pub(crate) fn title(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "str.title", kwargs)?;
    let (s, rest) = this(vm, args, "title")?;
    no_args("title", rest)?;
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for i in 0..chars.len() {
        if prev_cased {
            push_lower(&chars, i, &mut out);
        } else {
            push_title(chars[i], &mut out);
        }
        prev_cased = is_cased(chars[i]);
    }
    new_str(vm, out)
}

fn justify(vm: &mut Vm, args: &[Value], name: &str, align: char) -> R<Value> {
    let (s, rest) = this(vm, args, name)?;
    arity(name, rest, 1, 2)?;
    let width = ops::to_index(&vm.heap, rest[0])?.max(0) as usize;
    let fill = match rest.get(1) {
        Some(v) => {
            let f = str_arg(vm, *v, "The fill character must be a unicode character")?;
            let mut it = f.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(Raise::type_error(
                        "The fill character must be exactly one character long",
                    ))
                }
            }
        }
        None => ' ',
    };
    let len = s.chars().count();
    if len >= width {
        return Ok(args[0]);
    }
    let n = width - len;
    ops::check_size(
        &vm.heap,
        n as u128 * fill.len_utf8() as u128 + s.len() as u128,
    )?;
    let fills = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
    let out = match align {
        '<' => format!("{s}{}", fills(n)),
        '>' => format!("{}{s}", fills(n)),
        _ => {
            // CPython's centering puts the extra character on the left when the width is odd.
            let left = n / 2 + (n & width & 1);
            format!("{}{s}{}", fills(left), fills(n - left))
        }
    };
    new_str(vm, out)
}

pub(crate) fn center(vm: &mut Vm, args: &[Value], _kwargs: &[(Value, Value)]) -> R<Value> {
    justify(vm, args, "center", '^')
}

pub(crate) fn ljust(vm: &mut Vm, args: &[Value], _kwargs: &[(Value, Value)]) -> R<Value> {
    justify(vm, args, "ljust", '<')
}

pub(crate) fn rjust(vm: &mut Vm, args: &[Value], _kwargs: &[(Value, Value)]) -> R<Value> {
    justify(vm, args, "rjust", '>')
}

pub(crate) fn zfill(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "str.zfill", kwargs)?;
    let (s, rest) = this(vm, args, "zfill")?;
    arity("str.zfill", rest, 1, 1)?;
    let width = ops::to_index(&vm.heap, rest[0])?.max(0) as usize;
    let len = s.chars().count();
    if len >= width {
        return Ok(args[0]);
    }
    ops::check_size(&vm.heap, width as u128 + s.len() as u128)?;
    let (sign, digits) = match s.chars().next() {
        Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
        _ => (String::new(), s),
    };
    let out = format!("{sign}{}{digits}", "0".repeat(width - len));
    new_str(vm, out)
}

pub(crate) fn splitlines(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    let (s, rest) = this(vm, args, "splitlines")?;
    let kw = take_kwargs(vm, "splitlines", kwargs, &["keepends"])?;
    if rest.len() > 1 {
        return Err(Raise::type_error(format!(
            "splitlines() takes at most 1 argument ({} given)",
            rest.len()
        )));
    }
    let keep = rest
        .first()
        .copied()
        .or(kw[0])
        .is_some_and(|v| ops::truthy(&vm.heap, v));
    let mut parts = Vec::new();
    let mut start = 0;
    let bytes: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < bytes.len() {
        let (b, c) = bytes[i];
        let is_break = matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if is_break {
            let mut end = b + c.len_utf8();
            if c == '\r' && i + 1 < bytes.len() && bytes[i + 1].1 == '\n' {
                end += 1;
                i += 1;
            }
            parts.push(if keep { &s[start..end] } else { &s[start..b] }.to_string());
            start = end;
        }
        i += 1;
    }
    if start < s.len() {
        parts.push(s[start..].to_string());
    }
    let items: Vec<Value> = parts.into_iter().map(|p| vm.heap.str(p)).collect();
    Ok(vm.heap.list(items))
}

/// `str.format(*args, **kwargs)`.
pub(crate) fn format(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    let (template, pos) = this(vm, args, "format")?;
    let (template, pos) = (template.to_string(), pos.to_vec());
    let mut numbering = Numbering::default();
    let out = format_template(vm, &template, &pos, kwargs, 0, &mut numbering)?;
    new_str(vm, out)
}

/// Field numbering state of one `str.format` call, shared with nested specs
/// (`'{:>{}}'` takes both fields from the same automatic counter).
#[derive(Default)]
struct Numbering {
    auto: usize,
    manual: bool,
    used_auto: bool,
}

/// Applies the `[key]` lookups that follow a field's first name (`{0[1][k]}`).
fn field_items(vm: &mut Vm, mut value: Value, rest: &str) -> R<Value> {
    let mut rest = rest;
    while !rest.is_empty() {
        let Some(inner) = rest.strip_prefix('[') else {
            return Err(Raise::value_error(
                "attribute lookups in format fields are not supported",
            ));
        };
        let Some(end) = inner.find(']') else {
            return Err(Raise::value_error("expected '}' before end of string"));
        };
        let key = &inner[..end];
        if key.is_empty() {
            return Err(Raise::value_error("Empty attribute in format string"));
        }
        let key = match key.parse::<i64>() {
            Ok(n) if key.bytes().all(|b| b.is_ascii_digit()) => Value::Int(n),
            _ => vm.heap.str(key),
        };
        value = ops::get_item(&mut vm.heap, value, key)?;
        rest = &inner[end + 1..];
    }
    Ok(value)
}

fn format_template(
    vm: &mut Vm,
    template: &str,
    pos: &[Value],
    kwargs: &[(Value, Value)],
    depth: usize,
    numbering: &mut Numbering,
) -> R<String> {
    // CPython allows a spec to nest fields one level deep, no further.
    if depth > 1 {
        return Err(Raise::value_error("Max string recursion exceeded"));
    }
    let chars: Vec<char> = template.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' {
            if chars.get(i + 1) == Some(&'{') {
                out.push('{');
                i += 2;
                continue;
            }
            if i + 1 == chars.len() {
                return Err(Raise::value_error(
                    "Single '{' encountered in format string",
                ));
            }
            // Find the matching close brace, allowing one level of nesting in the spec.
            let mut level = 1;
            let mut j = i + 1;
            while j < chars.len() && level > 0 {
                match chars[j] {
                    '{' => level += 1,
                    '}' => level -= 1,
                    _ => {}
                }
                j += 1;
            }
            if level != 0 {
                return Err(Raise::value_error("expected '}' before end of string"));
            }
            let field: String = chars[i + 1..j - 1].iter().collect();
            let (name_conv, spec) = match field.find(':') {
                Some(k) => (&field[..k], &field[k + 1..]),
                None => (field.as_str(), ""),
            };
            let (name, conv) = match name_conv.find('!') {
                Some(k) => (&name_conv[..k], Some(&name_conv[k + 1..])),
                None => (name_conv, None),
            };
            let (name, items) = match name.find(['[', '.']) {
                Some(k) => (&name[..k], &name[k..]),
                None => (name, ""),
            };
            let value = if name.is_empty() {
                if numbering.manual {
                    return Err(Raise::value_error(
                        "cannot switch from manual field specification to automatic field numbering",
                    ));
                }
                numbering.used_auto = true;
                let auto = numbering.auto;
                let v = pos.get(auto).copied().ok_or_else(|| {
                    Raise::index_error(format!(
                        "Replacement index {auto} out of range for positional args tuple"
                    ))
                })?;
                numbering.auto += 1;
                v
            } else if let Ok(n) = name.parse::<usize>() {
                if numbering.used_auto {
                    return Err(Raise::value_error(
                        "cannot switch from automatic field numbering to manual field specification",
                    ));
                }
                numbering.manual = true;
                pos.get(n).copied().ok_or_else(|| {
                    Raise::index_error(format!(
                        "Replacement index {n} out of range for positional args tuple"
                    ))
                })?
            } else {
                kwargs
                    .iter()
                    .find(|(k, _)| vm.heap.as_str(k) == Some(name))
                    .map(|(_, v)| *v)
                    .ok_or_else(|| Raise::key_error(vm.heap.str(name)))?
            };
            let value = field_items(vm, value, items)?;
            let value = match conv {
                None => value,
                Some("r") => {
                    let s = ops::repr(&vm.heap, value)?;
                    vm.heap.str(s)
                }
                Some("s") => {
                    let s = ops::str_of(&vm.heap, value)?;
                    vm.heap.str(s)
                }
                Some("a") => {
                    let s = ops::repr(&vm.heap, value)?;
                    let ascii: String = s
                        .chars()
                        .map(|c| {
                            if c.is_ascii() {
                                c.to_string()
                            } else if (c as u32) <= 0xff {
                                format!("\\x{:02x}", c as u32)
                            } else if (c as u32) <= 0xffff {
                                format!("\\u{:04x}", c as u32)
                            } else {
                                format!("\\U{:08x}", c as u32)
                            }
                        })
                        .collect();
                    vm.heap.str(ascii)
                }
                Some(other) => {
                    return Err(Raise::value_error(format!(
                        "Unknown conversion specifier {other}"
                    )))
                }
            };
            let spec = if spec.contains('{') {
                format_template(vm, spec, pos, kwargs, depth + 1, numbering)?
            } else {
                spec.to_string()
            };
            out.push_str(&crate::format::format_value(&vm.heap, value, &spec)?);
            i = j;
        } else if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(Raise::value_error(
                "Single '}' encountered in format string",
            ));
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(out)
}

/// `partition` and `rpartition`: a 3-tuple around the first (last) `sep`.
fn partition_impl(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
    name: &str,
    right: bool,
) -> R<Value> {
    no_kwargs(vm, &format!("str.{name}"), kwargs)?;
    let (s, rest) = this(vm, args, name)?;
    arity(&format!("str.{name}"), rest, 1, 1)?;
    let sep = str_ref(vm, &rest[0], "must be str")?;
    if sep.is_empty() {
        return Err(Raise::value_error("empty separator"));
    }
    let found = if right { s.rfind(sep) } else { s.find(sep) };
    let parts = match found {
        Some(i) => [
            s[..i].to_string(),
            sep.to_string(),
            s[i + sep.len()..].to_string(),
        ],
        // Not found: the whole text on the side the search started from.
        None if right => [String::new(), String::new(), s.to_string()],
        None => [s.to_string(), String::new(), String::new()],
    };
    let items: Vec<Value> = parts.into_iter().map(|p| vm.heap.str(p)).collect();
    Ok(vm.heap.tuple(items))
}

pub(crate) fn partition(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    partition_impl(vm, args, kwargs, "partition", false)
}

pub(crate) fn rpartition(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    partition_impl(vm, args, kwargs, "rpartition", true)
}

pub(crate) fn swapcase(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "str.swapcase", kwargs)?;
    let (s, rest) = this(vm, args, "swapcase")?;
    no_args("swapcase", rest)?;
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            // Lowercasing keeps the final-sigma rule, as CPython's swapcase does.
            push_lower(&chars, i, &mut out);
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(*c);
        }
    }
    new_str(vm, out)
}

pub(crate) fn casefold(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    no_kwargs(vm, "str.casefold", kwargs)?;
    let (s, rest) = this(vm, args, "casefold")?;
    no_args("casefold", rest)?;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // Full case folding differs from lowercasing only for these letters
        // among the commonly used scripts.
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ς' => out.push('σ'),
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            'ŉ' => out.push_str("ʼn"),
            'µ' => out.push('μ'),
            'ſ' => out.push('s'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    new_str(vm, out)
}

/// Whether `c` is a decimal digit (Unicode category Nd), approximated from
/// Rust's properties: numeric, not a letter, and not one of the No-category
/// digits (superscripts, subscripts, circled and parenthesised numbers).
fn is_decimal(c: char) -> bool {
    c.is_ascii_digit()
        || (!c.is_ascii()
            && c.is_numeric()
            && !c.is_alphabetic()
            && !matches!(
                c,
                '\u{b2}' | '\u{b3}' | '\u{b9}' | '\u{bc}'..='\u{be}'
                    | '\u{1369}'..='\u{137c}'
                    | '\u{2070}'..='\u{209f}'
                    | '\u{2150}'..='\u{218f}'
                    | '\u{2460}'..='\u{24ff}'
                    | '\u{2776}'..='\u{2793}'
                    | '\u{3192}'..='\u{3195}'
                    | '\u{3220}'..='\u{3229}'
                    | '\u{3248}'..='\u{325f}'
                    | '\u{3280}'..='\u{3289}'
                    | '\u{32b1}'..='\u{32bf}'
                    | '\u{1f100}'..='\u{1f10c}'
            ))
}

pub(crate) fn isdecimal(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    predicate(vm, args, kwargs, "isdecimal", |s| {
        !s.is_empty() && s.chars().all(is_decimal)
    })
}

pub(crate) fn isnumeric(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    predicate(vm, args, kwargs, "isnumeric", |s| {
        // Python also counts the CJK numeral ideographs, which are letters (Lo).
        !s.is_empty()
            && s.chars().all(|c| {
                c.is_numeric()
                    || "〇一二三四五六七八九十百千万萬億兆零壹貳參肆伍陸柒捌玖拾佰仟".contains(c)
            })
    })
}

pub(crate) fn isascii(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    predicate(vm, args, kwargs, "isascii", str::is_ascii)
}

/// `removeprefix` and `removesuffix`.
fn remove_affix(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
    name: &str,
    suffix: bool,
) -> R<Value> {
    no_kwargs(vm, &format!("str.{name}"), kwargs)?;
    let (s, rest) = this(vm, args, name)?;
    arity(&format!("str.{name}"), rest, 1, 1)?;
    let Some(affix) = vm.heap.as_str(&rest[0]) else {
        // Argument Clinic names None by its value, other objects by their type.
        let shown = match rest[0] {
            Value::None => "None",
            v => vm.heap.type_name(v),
        };
        return Err(Raise::type_error(format!(
            "{name}() argument must be str, not {shown}"
        )));
    };
    let kept = if suffix {
        s.strip_suffix(affix)
    } else {
        s.strip_prefix(affix)
    };
    match kept {
        Some(t) if !affix.is_empty() => {
            let t = t.to_string();
            new_str(vm, t)
        }
        _ => Ok(args[0]),
    }
}

pub(crate) fn removeprefix(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    remove_affix(vm, args, kwargs, "removeprefix", false)
}

pub(crate) fn removesuffix(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    remove_affix(vm, args, kwargs, "removesuffix", true)
}

pub(crate) fn expandtabs(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> R<Value> {
    let kw = take_kwargs(vm, "expandtabs", kwargs, &["tabsize"])?;
    let (s, rest) = this(vm, args, "expandtabs")?;
    if rest.len() > 1 {
        return Err(Raise::type_error(format!(
            "expandtabs() takes at most 1 argument ({} given)",
            rest.len() + kwargs.len()
        )));
    }
    if let (Some(_), Some(_)) = (rest.first(), kw[0]) {
        return Err(Raise::type_error(
            "argument for expandtabs() given by name ('tabsize') and position (1)",
        ));
    }
    let tabsize = match rest.first().copied().or(kw[0]) {
        Some(v) => ops::to_index(&vm.heap, v)?,
        None => 8,
    };
    let tabs = s.matches('\t').count() as u128;
    if tabsize > 0 && tabs * tabsize as u128 > (1 << 32) {
        return Err(Raise::overflow("new string is too long"));
    }
    let mut out = String::with_capacity(s.len());
    let mut col: i64 = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                if tabsize > 0 {
                    let n = tabsize - col % tabsize;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    new_str(vm, out)
}
