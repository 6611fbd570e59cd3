//! Python's format-specification mini-language (`format()`, f-string `{x:spec}`,
//! `str.format`): `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.

use crate::error::{Raise, R};
use crate::heap::Heap;
use crate::num;
use crate::ops;
use crate::value::Value;
use num_bigint::BigInt;
use num_traits::{Signed, Zero};

#[derive(Debug, Default, Clone)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    alternate: bool,
    zero: bool,
    width: Option<usize>,
    grouping: Option<char>,
    precision: Option<usize>,
    kind: Option<char>,
}

fn invalid(spec: &str) -> Raise {
    Raise::value_error(format!("Invalid format specifier '{spec}'"))
}

fn parse(spec: &str) -> R<Spec> {
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
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        s.grouping = Some(chars[i]);
        i += 1;
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
    if i < chars.len() {
        s.kind = Some(chars[i]);
        i += 1;
    }
    if i != chars.len() {
        return Err(invalid(spec));
    }
    Ok(s)
}

/// `format(value, spec)`.
pub fn format_value(heap: &Heap, v: Value, spec: &str) -> R<String> {
    let s = parse(spec)?;
    match v {
        Value::Bool(_) if s.kind.is_none() => {
            let text = ops::str_of(heap, v)?;
            pad(&text, &s, '<')
        }
        Value::Int(_) | Value::Bool(_) => format_int(
            &ops::to_int(heap, v).map(|i| i.to_big()).unwrap_or_default(),
            &s,
            spec,
        ),
        Value::Float(f) => format_float(f, &s, spec),
        Value::Obj(_) if heap.as_bigint(v).is_some() => format_int(
            heap.as_bigint(v)
                .cloned()
                .as_ref()
                .unwrap_or(&BigInt::zero()),
            &s,
            spec,
        ),
        _ => {
            if let Some(text) = heap.as_str(v) {
                if let Some(k) = s.kind {
                    if k != 's' {
                        return Err(Raise::value_error(format!(
                            "Unknown format code '{k}' for object of type 'str'"
                        )));
                    }
                }
                if s.sign.is_some() {
                    return Err(Raise::value_error(
                        "Sign not allowed in string format specifier",
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
    let fill = s.fill.unwrap_or(' ');
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
    let zero_pad = s.zero && s.align.is_none() && s.fill.is_none();
    if zero_pad || s.align == Some('=') {
        let fill = if zero_pad { '0' } else { s.fill.unwrap_or(' ') };
        let len = sign.chars().count() + digits.chars().count();
        let n = width.saturating_sub(len);
        let mut body = digits.to_string();
        if zero_pad && s.grouping.is_some() && n > 0 {
            // Zero padding participates in digit grouping, as in CPython.
            let sep = s.grouping.unwrap_or(',');
            let (int_part, rest) = split_int_part(digits);
            let raw: String = int_part.chars().filter(|c| *c != sep).collect();
            let mut target = width.saturating_sub(sign.len() + rest.chars().count());
            let mut padded = raw.clone();
            loop {
                let grouped = group(&padded, sep, 3);
                if grouped.chars().count() >= target {
                    body = format!("{grouped}{rest}");
                    break;
                }
                padded.insert(0, '0');
                target = target.max(1);
            }
            return Ok(format!("{sign}{body}"));
        }
        body = format!("{}{body}", std::iter::repeat_n(fill, n).collect::<String>());
        return Ok(format!("{sign}{body}"));
    }
    pad(&format!("{sign}{digits}"), s, '>')
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

fn format_int(v: &BigInt, s: &Spec, spec: &str) -> R<String> {
    let kind = s.kind.unwrap_or('d');
    if matches!(kind, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        let f = num::big_to_f64(v)?;
        return format_float(f, s, spec);
    }
    if s.precision.is_some() {
        return Err(Raise::value_error(
            "Precision not allowed in integer format specifier",
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
            let c = v
                .try_into()
                .ok()
                .and_then(|u: u32| char::from_u32(u))
                .ok_or_else(|| Raise::overflow("%c arg not in range(0x110000)"))?;
            return pad(&c.to_string(), s, '<');
        }
        k => {
            return Err(Raise::value_error(format!(
                "Unknown format code '{k}' for object of type 'int'"
            )))
        }
    };
    if let Some(sep) = s.grouping {
        let every = if matches!(kind, 'd' | 'n') { 3 } else { 4 };
        if sep == ',' && every == 4 {
            return Err(Raise::value_error(format!(
                "Cannot specify ',' with '{kind}'."
            )));
        }
        digits = group(&digits, sep, every);
    }
    let sign = format!(
        "{}{}",
        sign_str(v.is_negative(), s),
        if s.alternate { prefix } else { "" }
    );
    pad_number(&sign, &digits, s)
}

fn format_float(f: f64, s: &Spec, spec: &str) -> R<String> {
    let _ = spec;
    let negative = f.is_sign_negative() && !(f.is_nan());
    let a = f.abs();
    let upper = matches!(s.kind, Some('E' | 'F' | 'G'));
    let mut body = if !a.is_finite() {
        let t = if a.is_nan() { "nan" } else { "inf" };
        if upper {
            t.to_uppercase()
        } else {
            t.to_string()
        }
    } else {
        match s.kind {
            Some('f' | 'F') => format!("{:.*}", s.precision.unwrap_or(6), a),
            Some('%') => format!("{:.*}%", s.precision.unwrap_or(6), a * 100.0),
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
                Some(p) => {
                    let t = general(a, p.max(1), s.alternate);
                    if t.contains(['.', 'e', 'n', 'i']) {
                        t
                    } else {
                        format!("{t}.0")
                    }
                }
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
        && matches!(s.kind, Some('f' | 'F' | 'e' | 'E'))
        && !body.contains('.')
        && a.is_finite()
    {
        match body.find(['e', 'E']) {
            Some(i) => body.insert(i, '.'),
            None => body.push('.'),
        }
    }
    if let Some(sep) = s.grouping {
        let (int_part, rest) = split_int_part(&body);
        body = format!("{}{}", group(int_part, sep, 3), rest);
    }
    pad_number(sign_str(negative, s), &body, s)
}

/// `%e`-style: one digit, a point, `prec` digits, and a two-digit signed exponent.
fn sci(a: f64, prec: usize) -> String {
    let t = format!("{:.*e}", prec, a);
    let (m, e) = t.split_once('e').unwrap_or((&t, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// `%g`-style: `prec` significant digits, fixed or scientific by the exponent,
/// trailing zeros removed unless `alternate`.
fn general(a: f64, prec: usize, alternate: bool) -> String {
    let p = prec.max(1);
    if a == 0.0 {
        return if alternate {
            format!("{:.*}", p - 1, 0.0)
        } else {
            "0".into()
        };
    }
    let t = format!("{:.*e}", p - 1, a);
    let exp: i32 = t
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let mut out = if exp < -4 || exp >= p as i32 {
        sci(a, p - 1)
    } else {
        format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, a)
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
