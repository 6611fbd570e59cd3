//! printf-style formatting, `str % values`, following CPython 3.11's
//! `PyUnicode_Format` step by step: the order in which it fetches arguments,
//! looks up keys and reports errors is observable, so it is kept.

use super::{check_size, get_item, repr, str_of, to_int};
use crate::class::ClassId;
use crate::error::{Raise, R};
use crate::heap::Heap;
use crate::num::{self, Int, Num};
use crate::value::Value;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

/// Widths and precisions past this are checked against the memory limit
/// before any padding is built.
const PAD_CHECK: usize = 1 << 16;

/// The argument cursor, with CPython's encoding: a tuple has `len >= 0`; a
/// single value (or the value a `%(key)` looked up) has `len == -1` and
/// `idx == -2` until it is used.
struct Args {
    items: Vec<Value>,
    current: Value,
    len: isize,
    idx: isize,
    mapping: Option<Value>,
}

impl Args {
    fn next(&mut self) -> R<Value> {
        if self.idx < self.len {
            self.idx += 1;
            if self.len < 0 {
                return Ok(self.current);
            }
            return Ok(self.items[(self.idx - 1) as usize]);
        }
        Err(Raise::type_error("not enough arguments for format string"))
    }
}

#[derive(Default)]
struct Conv {
    ljust: bool,
    sign: bool,
    blank: bool,
    alt: bool,
    zero: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

/// `fmt % args` for a string `fmt`.
pub fn printf(heap: &mut Heap, fmt: Value, args: Value) -> R<Value> {
    let fmt: Vec<char> = heap.as_str(&fmt).unwrap_or("").chars().collect();
    let class = heap.class_of(args);
    let mut a = match heap.as_seq(args) {
        Some(items) if class == ClassId::TUPLE => Args {
            len: items.len() as isize,
            items: items.to_vec(),
            current: args,
            idx: 0,
            mapping: None,
        },
        _ => Args {
            items: Vec::new(),
            current: args,
            len: -1,
            idx: -2,
            mapping: None,
        },
    };
    // CPython treats anything with `__getitem__` other than a tuple or str as
    // a mapping, which also silences the unused-arguments check.
    if matches!(class, ClassId::DICT | ClassId::LIST | ClassId::RANGE) {
        a.mapping = Some(args);
    }
    let mut out = String::with_capacity(fmt.len());
    let mut i = 0;
    while i < fmt.len() {
        let c = fmt[i];
        i += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        if fmt.get(i) == Some(&'%') {
            out.push('%');
            i += 1;
            continue;
        }
        conversion(heap, &fmt, &mut i, &mut a, &mut out)?;
    }
    if a.idx < a.len && a.mapping.is_none() {
        return Err(Raise::type_error(
            "not all arguments converted during string formatting",
        ));
    }
    Ok(heap.str(out))
}

fn incomplete() -> Raise {
    Raise::value_error("incomplete format")
}

/// A `*` width (`c_type` "ssize_t") or precision ("int") taken from the arguments.
fn star_arg(heap: &Heap, a: &mut Args, c_type: &str) -> R<i64> {
    let v = a.next()?;
    let too_large = || Raise::overflow(format!("Python int too large to convert to C {c_type}"));
    match to_int(heap, v) {
        Some(Int::I(n)) if c_type != "int" || i32::try_from(n).is_ok() => Ok(n),
        Some(_) => Err(too_large()),
        None => Err(Raise::type_error("* wants int")),
    }
}

/// Reads decimal digits at `i`, raising `too_big` past `isize::MAX` as CPython does.
fn digits(fmt: &[char], i: &mut usize, too_big: &str) -> R<usize> {
    let mut n: usize = 0;
    while let Some(d) = fmt.get(*i).and_then(|c| c.to_digit(10)) {
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(d as usize))
            .filter(|n| *n <= isize::MAX as usize)
            .ok_or_else(|| Raise::value_error(too_big))?;
        *i += 1;
    }
    Ok(n)
}

/// Parses and formats one conversion; `*i` is just past its `%`.
fn conversion(
    heap: &mut Heap,
    fmt: &[char],
    i: &mut usize,
    a: &mut Args,
    out: &mut String,
) -> R<()> {
    let mut c = Conv::default();
    if fmt.get(*i) == Some(&'(') {
        let Some(mapping) = a.mapping else {
            return Err(Raise::type_error("format requires a mapping"));
        };
        *i += 1;
        let start = *i;
        let mut depth = 1;
        while *i < fmt.len() {
            match fmt[*i] {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            *i += 1;
        }
        if *i >= fmt.len() {
            return Err(Raise::value_error("incomplete format key"));
        }
        let key: String = fmt[start..*i].iter().collect();
        *i += 1;
        let key = heap.str(key);
        a.current = get_item(heap, mapping, key)?;
        a.len = -1;
        a.idx = -2;
    }
    while let Some(f) = fmt.get(*i) {
        match f {
            '-' => c.ljust = true,
            '+' => c.sign = true,
            ' ' => c.blank = true,
            '#' => c.alt = true,
            '0' => c.zero = true,
            _ => break,
        }
        *i += 1;
    }
    if fmt.get(*i) == Some(&'*') {
        let w = star_arg(heap, a, "ssize_t")?;
        if w < 0 {
            c.ljust = true;
        }
        c.width = Some(w.unsigned_abs() as usize);
        *i += 1;
    } else if fmt.get(*i).is_some_and(char::is_ascii_digit) {
        c.width = Some(digits(fmt, i, "width too big")?);
    }
    if fmt.get(*i) == Some(&'.') {
        *i += 1;
        if fmt.get(*i) == Some(&'*') {
            c.prec = Some(star_arg(heap, a, "int")?.max(0) as usize);
            *i += 1;
        } else {
            c.prec = Some(digits(fmt, i, "precision too big")?);
        }
    }
    // Length modifiers are accepted and ignored, one of them.
    if matches!(fmt.get(*i), Some('h' | 'l' | 'L')) {
        *i += 1;
    }
    let Some(&kind) = fmt.get(*i) else {
        return Err(incomplete());
    };
    *i += 1;
    for n in [c.width, c.prec].into_iter().flatten() {
        if n > PAD_CHECK {
            // Past a terabyte no memory limit is needed to know it cannot be built.
            if n as u128 * 4 > 1 << 40 {
                return Err(Raise::memory());
            }
            check_size(heap, n as u128 * 4)?;
        }
    }
    let v = a.next()?;
    match kind {
        's' | 'r' | 'a' => {
            let mut text = match kind {
                's' => str_of(heap, v)?,
                'r' => repr(heap, v)?,
                _ => ascii(&repr(heap, v)?),
            };
            if let Some(p) = c.prec {
                if let Some((cut, _)) = text.char_indices().nth(p) {
                    text.truncate(cut);
                }
            }
            output(out, "", "", &text, &c, false);
        }
        'c' => {
            let ch = char_arg(heap, v)?;
            output(out, "", "", ch.encode_utf8(&mut [0; 4]), &c, false);
        }
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
            let n = int_arg(heap, v, kind)?;
            let mut digits = match kind {
                'o' => n.magnitude().to_str_radix(8),
                'x' => n.magnitude().to_str_radix(16),
                'X' => n.magnitude().to_str_radix(16).to_uppercase(),
                _ => num::big_to_string(&n.abs())?,
            };
            if let Some(p) = c.prec {
                let have = digits.len();
                if p > have {
                    digits.insert_str(0, &"0".repeat(p - have));
                }
            }
            let prefix = match (c.alt, kind) {
                (true, 'o') => "0o",
                (true, 'x') => "0x",
                (true, 'X') => "0X",
                _ => "",
            };
            let sign = sign_of(n.is_negative(), &c);
            output(out, sign, prefix, &digits, &c, true);
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let x = float_arg(heap, v)?;
            let spec = format!(
                "{}.{}{kind}",
                if c.alt { "#" } else { "" },
                c.prec.unwrap_or(6)
            );
            // Formatted without a sign, so the sign is placed as for ints.
            let body = crate::format::format_value(heap, Value::Float(x.abs()), &spec)?;
            let negative = x.is_sign_negative() && !x.is_nan();
            output(out, sign_of(negative, &c), "", &body, &c, true);
        }
        _ => {
            let shown = if (31..=126).contains(&(kind as u32)) {
                kind
            } else {
                '?'
            };
            return Err(Raise::value_error(format!(
                "unsupported format character '{shown}' (0x{:x}) at index {}",
                kind as u32,
                *i - 1
            )));
        }
    }
    Ok(())
}

fn sign_of(negative: bool, c: &Conv) -> &'static str {
    if negative {
        "-"
    } else if c.sign {
        "+"
    } else if c.blank {
        " "
    } else {
        ""
    }
}

/// Writes one converted value padded to its width: zero padding goes
/// between the sign (and `0x` prefix) and the digits, and only for numbers.
fn output(out: &mut String, sign: &str, prefix: &str, body: &str, c: &Conv, numeric: bool) {
    let len = sign.len() + prefix.len() + body.chars().count();
    let pad = c.width.unwrap_or(0).saturating_sub(len);
    if c.ljust {
        out.push_str(sign);
        out.push_str(prefix);
        out.push_str(body);
        out.extend(std::iter::repeat_n(' ', pad));
    } else if numeric && c.zero {
        out.push_str(sign);
        out.push_str(prefix);
        out.extend(std::iter::repeat_n('0', pad));
        out.push_str(body);
    } else {
        out.extend(std::iter::repeat_n(' ', pad));
        out.push_str(sign);
        out.push_str(prefix);
        out.push_str(body);
    }
}

/// The integer for `%d` (any real number, truncated) or `%o %x %X` (ints only).
fn int_arg(heap: &Heap, v: Value, kind: char) -> R<BigInt> {
    if let Some(n) = to_int(heap, v) {
        return Ok(n.to_big());
    }
    if let (Value::Float(f), 'd' | 'i' | 'u') = (v, kind) {
        return Ok(match num::float_to_int(f)? {
            Num::I(i) => BigInt::from(i),
            Num::B(b) => b,
            Num::F(_) => BigInt::default(),
        });
    }
    let wanted = if matches!(kind, 'o' | 'x' | 'X') {
        "an integer"
    } else {
        "a real number"
    };
    Err(Raise::type_error(format!(
        "%{kind} format: {wanted} is required, not {}",
        heap.type_name(v)
    )))
}

fn float_arg(heap: &Heap, v: Value) -> R<f64> {
    match v {
        Value::Float(f) => Ok(f),
        _ => match to_int(heap, v) {
            Some(Int::I(i)) => Ok(i as f64),
            Some(Int::B(b)) => num::big_to_f64(&b),
            None => Err(Raise::type_error(format!(
                "must be real number, not {}",
                heap.type_name(v)
            ))),
        },
    }
}

fn char_arg(heap: &Heap, v: Value) -> R<char> {
    if let Some(s) = heap.as_str(&v) {
        let mut it = s.chars();
        return match (it.next(), it.next()) {
            (Some(ch), None) => Ok(ch),
            _ => Err(Raise::type_error("%c requires int or char")),
        };
    }
    let Some(n) = to_int(heap, v) else {
        return Err(Raise::type_error("%c requires int or char"));
    };
    let range = || Raise::overflow("%c arg not in range(0x110000)");
    let code = n
        .to_big()
        .to_u32()
        .filter(|c| *c < 0x11_0000)
        .ok_or_else(range)?;
    // Lone surrogates are valid in CPython strings but not here.
    char::from_u32(code).ok_or_else(|| {
        Raise::unsupported("%c of a lone surrogate: strings cannot hold surrogates here")
    })
}

/// `ascii()` of a repr: non-ASCII characters as `\x`, `\u` or `\U` escapes.
fn ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        let c = ch as u32;
        if c < 0x80 {
            out.push(ch);
        } else if c < 0x100 {
            out.push_str(&format!("\\x{c:02x}"));
        } else if c < 0x1_0000 {
            out.push_str(&format!("\\u{c:04x}"));
        } else {
            out.push_str(&format!("\\U{c:08x}"));
        }
    }
    out
}
