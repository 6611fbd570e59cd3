//! Python's format-specification mini-language (`format()`, f-string `{x:spec}`,
//! `str.format`): `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.

use crate::error::{Raise, R};
use crate::heap::Heap;
use crate::num;
use crate::ops;
use crate::value::Value;
use num_bigint::BigInt;
use num_traits::Signed;

#[derive(Debug, Default, Clone)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    alternate: bool,
    zero: bool,
    no_negative_zero: bool,
    width: Option<usize>,
    grouping: Option<char>,
    precision: Option<usize>,
    kind: Option<char>,
}

/// A presentation type as CPython's errors show it (`'x'`, or `'\x1'` when not printable).
fn code(k: char) -> String {
    if (k as u32) > 32 && (k as u32) < 128 {
        k.to_string()
    } else {
        format!("\\x{:x}", k as u32)
    }
}

fn unknown_code(k: char, type_name: &str) -> Raise {
    Raise::value_error(format!(
        "Unknown format code '{}' for object of type '{type_name}'",
        code(k)
    ))
}

fn both_separators() -> Raise {
    Raise::value_error("Cannot specify both ',' and '_'.")
}

/// Parses a spec for an object of `type_name` whose presentation type
/// defaults to `default_kind`, with the checks CPython makes while parsing.
fn parse(spec: &str, type_name: &str, default_kind: Option<char>) -> R<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
    let mut i = 0;
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        s.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == 'z' {
        s.no_negative_zero = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        s.alternate = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        let w: String = chars[start..i].iter().collect();
        s.width = Some(
            w.parse()
                .map_err(|_| Raise::value_error("Too many decimal digits in format string"))?,
        );
    }
    if i < chars.len() && chars[i] == ',' {
        s.grouping = Some(',');
        i += 1;
    }
    if i < chars.len() && chars[i] == '_' {
        if s.grouping.is_some() {
            return Err(both_separators());
        }
        s.grouping = Some('_');
        i += 1;
    }
    if i < chars.len() && chars[i] == ',' && s.grouping == Some('_') {
        return Err(both_separators());
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return Err(Raise::value_error("Format specifier missing precision"));
        }
        let p: String = chars[start..i].iter().collect();
        s.precision = Some(
            p.parse()
                .map_err(|_| Raise::value_error("Too many decimal digits in format string"))?,
        );
    }
    if chars.len() - i > 1 {
        return Err(Raise::value_error(format!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        )));
    }
    s.kind = chars.get(i).copied().or(default_kind);
    if let Some(sep) = s.grouping {
        match s.kind {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => {}
            Some('b' | 'o' | 'x' | 'X') if sep == '_' => {}
            Some(k) => {
                return Err(Raise::value_error(format!(
                    "Cannot specify '{sep}' with '{}'.",
                    code(k)
                )))
            }
        }
    }
    // Padding to the width always builds a string that long: refuse what
    // the machine cannot hold, as CPython's failing allocation does.
    if s.width.is_some_and(|w| w as u128 > ops::machine_memory()) {
        return Err(Raise::memory());
    }
    Ok(s)
}

/// `format(value, spec)`.
pub fn format_value(heap: &Heap, v: Value, spec: &str) -> R<String> {
    match v {
        // bool inherits int.__format__, which prints str(self) only for an empty spec.
        Value::Bool(_) if spec.is_empty() => ops::str_of(heap, v),
        Value::Int(_) | Value::Bool(_) => {
            let s = parse(spec, heap.type_name(v), Some('d'))?;
            let i = ops::to_int(heap, v).map(|i| i.to_big()).unwrap_or_default();
            format_int(&i, &s, heap.type_name(v))
        }
        Value::Float(f) => format_float(f, &parse(spec, "float", None)?),
        Value::Obj(_) if heap.as_bigint(v).is_some() => {
            let s = parse(spec, "int", Some('d'))?;
            let i = heap.as_bigint(v).cloned().unwrap_or_default();
            format_int(&i, &s, "int")
        }
        _ => {
            if let Some(text) = heap.as_str(&v) {
                let s = parse(spec, "str", Some('s'))?;
                if let Some(k) = s.kind.filter(|k| *k != 's') {
                    return Err(unknown_code(k, "str"));
                }
                match s.sign {
                    Some(' ') => {
                        return Err(Raise::value_error(
                            "Space not allowed in string format specifier",
                        ))
                    }
                    Some(_) => {
                        return Err(Raise::value_error(
                            "Sign not allowed in string format specifier",
                        ))
                    }
                    None => {}
                }
                if s.no_negative_zero {
                    return Err(Raise::value_error(
                        "Negative zero coercion (z) not allowed in string format specifier",
                    ));
                }
                if s.alternate {
                    return Err(Raise::value_error(
                        "Alternate form (#) not allowed in string format specifier",
                    ));
                }
                if s.align == Some('=') {
                    return Err(Raise::value_error(
                        "'=' alignment not allowed in string format specifier",
                    ));
                }
                let mut t: String = text.to_string();
                if let Some(p) = s.precision {
                    t = t.chars().take(p).collect();
                }
                return pad(&t, &s, '<');
            }
            // object.__format__ accepts only an empty spec.
            if spec.is_empty() {
                return ops::str_of(heap, v);
            }
            Err(Raise::type_error(format!(
                "unsupported format string passed to {}.__format__",
                heap.type_name(v)
            )))
        }
    }
}

fn pad(text: &str, s: &Spec, default_align: char) -> R<String> {
    let width = s.width.unwrap_or(0);
    let len = text.chars().count();
    if len >= width {
        return Ok(text.to_string());
    }
    // The `0` flag is shorthand for a '0' fill unless a fill is given.
    let fill = s.fill.unwrap_or(if s.zero { '0' } else { ' ' });
    let n = width - len;
    let align = s.align.unwrap_or(default_align);
    let fills = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
    Ok(match align {
        '<' => format!("{text}{}", fills(n)),
        '^' => format!("{}{text}{}", fills(n / 2), fills(n - n / 2)),
        _ => format!("{}{text}", fills(n)),
    })
}

/// Pads a number whose sign (and prefix) is separate from its digits, honouring `=` and `0`.
fn pad_number(sign: &str, digits: &str, s: &Spec) -> R<String> {
    let width = s.width.unwrap_or(0);
    // The `0` flag supplies a '0' fill and '=' alignment where none is given.
    let fill = s.fill.unwrap_or(if s.zero { '0' } else { ' ' });
    let align = s.align.unwrap_or(if s.zero { '=' } else { '>' });
    let zero_pad = fill == '0' && align == '=';
    if align == '=' {
        let len = sign.chars().count() + digits.chars().count();
        let n = width.saturating_sub(len);
        let mut body = digits.to_string();
        let hex = matches!(s.kind, Some('x' | 'X'));
        let is_digit = |c: char| c.is_ascii_digit() || (hex && c.is_ascii_hexdigit());
        // nan and inf have no digits to group, so their zero fill is not grouped either.
        if zero_pad && n > 0 && digits.starts_with(is_digit) {
            if let Some(sep) = s.grouping {
                // Zero padding participates in digit grouping, as in CPython.
                let every = if matches!(s.kind, Some('b' | 'o' | 'x' | 'X')) {
                    4
                } else {
                    3
                };
                let split = digits
                    .find(|c: char| !(is_digit(c) || c == sep))
                    .unwrap_or(digits.len());
                let (int_part, rest) = digits.split_at(split);
                let raw: String = int_part.chars().filter(|c| *c != sep).collect();
                let target = width.saturating_sub(sign.chars().count() + rest.chars().count());
                let grouped_len = |k: usize| k + k.saturating_sub(1) / every;
                let mut k = raw.len();
                while grouped_len(k) < target {
                    k += 1;
                }
                let padded = "0".repeat(k - raw.len()) + &raw;
                return Ok(format!("{sign}{}{rest}", group(&padded, sep, every)));
            }
        }
        body = format!("{}{body}", std::iter::repeat_n(fill, n).collect::<String>());
        return Ok(format!("{sign}{body}"));
    }
    pad(&format!("{sign}{digits}"), s, align)
}

fn split_int_part(digits: &str) -> (&str, &str) {
    match digits.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '_')) {
        Some(i) => (&digits[..i], &digits[i..]),
        None => (digits, ""),
    }
}

fn group(digits: &str, sep: char, every: usize) -> String {
    let chars: Vec<char> = digits.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        if i > 0 && (chars.len() - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(*c);
    }
    out
}

fn sign_str(negative: bool, s: &Spec) -> &'static str {
    match (negative, s.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

fn format_int(v: &BigInt, s: &Spec, type_name: &str) -> R<String> {
    let kind = s.kind.unwrap_or('d');
    if matches!(kind, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        let f = num::big_to_f64(v)?;
        return format_float(f, s);
    }
    if !matches!(kind, 'd' | 'n' | 'b' | 'o' | 'x' | 'X' | 'c') {
        return Err(unknown_code(kind, type_name));
    }
    if s.precision.is_some() {
        return Err(Raise::value_error(
            "Precision not allowed in integer format specifier",
        ));
    }
    if s.no_negative_zero {
        return Err(Raise::value_error(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    let mag = v.abs();
    let (mut digits, prefix) = match kind {
        'd' | 'n' => (mag.to_string(), ""),
        'b' => (mag.to_str_radix(2), "0b"),
        'o' => (mag.to_str_radix(8), "0o"),
        'x' => (mag.to_str_radix(16), "0x"),
        'X' => (mag.to_str_radix(16).to_uppercase(), "0X"),
        'c' => {
            if s.sign.is_some() {
                return Err(Raise::value_error(
                    "Sign not allowed with integer format specifier 'c'",
                ));
            }
            if s.alternate {
                return Err(Raise::value_error(
                    "Alternate form (#) not allowed with integer format specifier 'c'",
                ));
            }
            let c = v
                .try_into()
                .ok()
                .and_then(|u: u32| char::from_u32(u))
                .ok_or_else(|| Raise::overflow("%c arg not in range(0x110000)"))?;
            return pad_number("", &c.to_string(), s);
        }
        k => return Err(unknown_code(k, type_name)),
    };
    if let Some(sep) = s.grouping {
        let every = if matches!(kind, 'd' | 'n') { 3 } else { 4 };
        digits = group(&digits, sep, every);
    }
    let sign = format!(
        "{}{}",
        sign_str(v.is_negative(), s),
        if s.alternate { prefix } else { "" }
    );
    pad_number(&sign, &digits, s)
}

fn format_float(f: f64, s: &Spec) -> R<String> {
    if let Some(k) = s.kind.filter(|k| !"eEfFgGn%".contains(*k)) {
        return Err(unknown_code(k, "float"));
    }
    // CPython keeps a float's precision in a C int.
    if s.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(Raise::value_error("precision too big"));
    }
    if s.precision
        .is_some_and(|p| p as u128 > ops::machine_memory())
    {
        return Err(Raise::memory());
    }
    let mut negative = f.is_sign_negative() && !(f.is_nan());
    let a = f.abs();
    let upper = matches!(s.kind, Some('E' | 'F' | 'G'));
    let mut body = if !a.is_finite() {
        let t = if a.is_nan() { "nan" } else { "inf" };
        let t = if upper {
            t.to_uppercase()
        } else {
            t.to_string()
        };
        if s.kind == Some('%') {
            format!("{t}%")
        } else {
            t
        }
    } else {
        match s.kind {
            Some('f' | 'F') => fixed(a, s.precision.unwrap_or(6)),
            Some('%') => fixed(a * 100.0, s.precision.unwrap_or(6)) + "%",
            Some('e' | 'E') => {
                let t = sci(a, s.precision.unwrap_or(6));
                if upper {
                    t.to_uppercase()
                } else {
                    t
                }
            }
            Some('g' | 'G') => {
                let t = general(a, s.precision.unwrap_or(6), s.alternate);
                if upper {
                    t.to_uppercase()
                } else {
                    t
                }
            }
            None => match s.precision {
                None => num::float_repr(a),
                Some(p) => general_dot0(a, p, s.alternate),
            },
            Some('n') => general(a, s.precision.unwrap_or(6), s.alternate),
            Some(k) => {
                return Err(Raise::value_error(format!(
                    "Unknown format code '{k}' for object of type 'float'"
                )))
            }
        }
    };
    if s.alternate
        && matches!(
            s.kind,
            None | Some('f' | 'F' | 'e' | 'E' | 'g' | 'G' | 'n' | '%')
        )
        && !body.contains('.')
        && !body.contains(['n', 'N'])
    {
        match body.find(['e', 'E', '%']) {
            Some(i) => body.insert(i, '.'),
            None => body.push('.'),
        }
    }
    if s.no_negative_zero && a.is_finite() && !body.chars().any(|c| matches!(c, '1'..='9')) {
        // `z` turns a result that rounded to zero into a positive zero.
        negative = false;
    }
    if let Some(sep) = s.grouping {
        let (int_part, rest) = split_int_part(&body);
        body = format!("{}{}", group(int_part, sep, 3), rest);
    }
    pad_number(sign_str(negative, s), &body, s)
}

/// Digits past this many after the point are zeros for every f64 (the
/// smallest subnormal has 1074), and Rust's formatter refuses precisions
/// beyond `u16::MAX`, so longer precisions are padded by hand.
const EXACT_DIGITS: usize = 1100;

/// `format!("{:.prec$}", a)` for any precision.
fn fixed(a: f64, prec: usize) -> String {
    if prec <= EXACT_DIGITS {
        return format!("{:.*}", prec, a);
    }
    let mut t = format!("{:.*}", EXACT_DIGITS, a);
    t.extend(std::iter::repeat_n('0', prec - EXACT_DIGITS));
    t
}

/// `format!("{:.prec$e}", a)` for any precision.
fn exp_form(a: f64, prec: usize) -> String {
    if prec <= EXACT_DIGITS {
        return format!("{:.*e}", prec, a);
    }
    let t = format!("{:.*e}", EXACT_DIGITS, a);
    let (m, e) = t.split_once('e').unwrap_or((&t, "0"));
    format!("{m}{}e{e}", "0".repeat(prec - EXACT_DIGITS))
}

/// `%e`-style: one digit, a point, `prec` digits, and a two-digit signed exponent.
fn sci(a: f64, prec: usize) -> String {
    let t = exp_form(a, prec);
    let (m, e) = t.split_once('e').unwrap_or((&t, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// A float with no presentation type but a precision: like `g`, except that
/// the exponent form starts one digit earlier and a bare integer gets `.0`
/// (CPython's `Py_DTSF_ADD_DOT_0`).
fn general_dot0(a: f64, prec: usize, alternate: bool) -> String {
    let p = prec.max(1);
    let t = exp_form(a, p - 1);
    let exp: i32 = t
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let mut out = if exp < -4 || exp as i64 >= p as i64 - 1 {
        sci(a, p - 1)
    } else {
        fixed(a, (p as i64 - 1 - exp as i64).max(0) as usize)
    };
    if !alternate {
        out = match out.find('e') {
            Some(epos) => {
                let (m, e) = out.split_at(epos);
                let m = if m.contains('.') {
                    m.trim_end_matches('0').trim_end_matches('.')
                } else {
                    m
                };
                format!("{m}{e}")
            }
            None if out.contains('.') => {
                out.trim_end_matches('0').trim_end_matches('.').to_string()
            }
            None => out,
        };
    }
    if !out.contains(['.', 'e']) {
        out.push_str(".0");
    }
    out
}

/// `%g`-style: `prec` significant digits, fixed or scientific by the exponent,
/// trailing zeros removed unless `alternate`.
fn general(a: f64, prec: usize, alternate: bool) -> String {
    let p = prec.max(1);
    if a == 0.0 {
        return if alternate {
            fixed(0.0, p - 1)
        } else {
            "0".into()
        };
    }
    let t = exp_form(a, p - 1);
    let exp: i32 = t
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let mut out = if exp < -4 || exp as i64 >= p as i64 {
        sci(a, p - 1)
    } else {
        fixed(a, (p as i64 - 1 - exp as i64).max(0) as usize)
    };
    if !alternate {
        if let Some(epos) = out.find('e') {
            let (m, e) = out.split_at(epos);
            let m = if m.contains('.') {
                m.trim_end_matches('0').trim_end_matches('.')
            } else {
                m
            };
            out = format!("{m}{e}");
        } else if out.contains('.') {
            out = out.trim_end_matches('0').trim_end_matches('.').to_string();
        }
    }
    out
}

/// Python's `round(x, ndigits)` for floats: the exact value rounded half-even
/// to `ndigits` decimal places, then converted back to the nearest float.
pub fn round_float(x: f64, ndigits: i64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    if ndigits > 320 {
        return x;
    }
    if ndigits >= 0 {
        // Formatting is exact and rounds half-even, as CPython's dtoa does.
        let t = format!("{:.*}", ndigits as usize, x);
        return t.parse().unwrap_or(x);
    }
    if ndigits < -330 {
        return 0.0 * x.signum();
    }
    use num_bigint::BigInt;
    use num_integer::Integer;
    use num_traits::{One, ToPrimitive, Zero};
    // x = mantissa * 2**exp exactly.
    let bits = x.abs().to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i64;
    let (mantissa, exp) = if raw_exp == 0 {
        ((bits & ((1 << 52) - 1)) as i64, -1074)
    } else {
        (
            ((bits & ((1 << 52) - 1)) | (1 << 52)) as i64,
            raw_exp - 1075,
        )
    };
    let unit = BigInt::from(10).pow((-ndigits) as u32);
    let (num, den) = if exp >= 0 {
        (BigInt::from(mantissa) << exp as usize, unit.clone())
    } else {
        (
            BigInt::from(mantissa),
            (BigInt::one() << (-exp) as usize) * &unit,
        )
    };
    let (q, r) = num.div_rem(&den);
    let twice: BigInt = r * 2;
    let q = if twice > den || (twice == den && q.is_odd()) {
        q + 1
    } else {
        q
    };
    let result = if q.is_zero() {
        0.0
    } else {
        (q * unit).to_f64().unwrap_or(f64::INFINITY)
    };
    if x.is_sign_negative() {
        -result
    } else {
        result
    }
}
