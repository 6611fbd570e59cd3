//! Python's numeric semantics: int (64-bit fast path, arbitrary precision
//! otherwise), float, their mixing, exact comparison, hashing and `repr`.

use crate::error::{Raise, R};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{FromPrimitive, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

/// A number taken out of a value (bools count as ints).
#[derive(Debug, Clone)]
pub enum Num {
    /// An int that fits in 64 bits.
    I(i64),
    /// A larger int.
    B(BigInt),
    /// A float.
    F(f64),
}

/// An integer taken out of a value.
#[derive(Debug, Clone)]
pub enum Int {
    /// Fits in 64 bits.
    I(i64),
    /// Larger.
    B(BigInt),
}

impl Int {
    /// The value as a big integer.
    pub fn to_big(&self) -> BigInt {
        match self {
            Int::I(i) => BigInt::from(*i),
            Int::B(b) => b.clone(),
        }
    }
    /// The int's sign: -1, 0 or 1.
    pub fn signum(&self) -> i32 {
        match self {
            Int::I(i) => i.signum() as i32,
            Int::B(b) => {
                if b.is_negative() {
                    -1
                } else if b.is_zero() {
                    0
                } else {
                    1
                }
            }
        }
    }
    /// Converts to float, raising OverflowError when too large.
    pub fn to_f64(&self) -> R<f64> {
        match self {
            Int::I(i) => Ok(*i as f64),
            Int::B(b) => big_to_f64(b),
        }
    }
}

/// Converts a big integer to the nearest float, raising OverflowError when it is too large.
pub fn big_to_f64(b: &BigInt) -> R<f64> {
    match b.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(Raise::overflow("int too large to convert to float")),
    }
}

/// The arithmetic and bitwise binary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    TrueDiv,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `&`
    And,
    /// `|`
    Or,
    /// `^`
    Xor,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
}

impl BinOp {
    /// The augmented-assignment form as CPython names it in error messages (`+=`).
    pub fn inplace_symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+=",
            BinOp::Sub => "-=",
            BinOp::Mul => "*=",
            BinOp::TrueDiv => "/=",
            BinOp::FloorDiv => "//=",
            BinOp::Mod => "%=",
            BinOp::Pow => "**=",
            BinOp::And => "&=",
            BinOp::Or => "|=",
            BinOp::Xor => "^=",
            BinOp::Shl => "<<=",
            BinOp::Shr => ">>=",
        }
    }

    /// The operator as CPython names it in error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
        }
    }
}

/// Largest result, in bits, an int operation may produce before MemoryError.
const MAX_INT_BITS: u64 = 1 << 32;

/// Integer arithmetic with Python semantics.
pub fn int_op(op: BinOp, a: &Int, b: &Int) -> R<Num> {
    if let (Int::I(x), Int::I(y)) = (a, b) {
        if let Some(r) = small_int_op(op, *x, *y)? {
            return Ok(r);
        }
    }
    if op == BinOp::TrueDiv {
        return int_truediv(a, b).map(Num::F);
    }
    let (x, y) = (a.to_big(), b.to_big());
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::FloorDiv => {
            if y.is_zero() {
                return Err(Raise::zero_division("integer division or modulo by zero"));
            }
            x.div_floor(&y)
        }
        BinOp::Mod => {
            if y.is_zero() {
                return Err(Raise::zero_division("integer modulo by zero"));
            }
            x.mod_floor(&y)
        }
        BinOp::Pow => return int_pow(&x, &y),
        BinOp::And => x & y,
        BinOp::Or => x | y,
        BinOp::Xor => x ^ y,
        BinOp::Shl | BinOp::Shr => {
            if y.is_negative() {
                return Err(Raise::value_error("negative shift count"));
            }
            if op == BinOp::Shr {
                match y.to_u64() {
                    Some(s) if s < x.bits() + 1 => x >> s,
                    _ => BigInt::from(if x.is_negative() { -1 } else { 0 }),
                }
            } else {
                if x.is_zero() {
                    return Ok(Num::I(0));
                }
                match y.to_u64() {
                    Some(s) if s + x.bits() <= MAX_INT_BITS => x << s,
                    _ => return Err(huge_shift(&x, &y)),
                }
            }
        }
        BinOp::TrueDiv => unreachable!("handled above"),
    };
    Ok(normalize(r))
}

/// The error for `x << y` too large to build: CPython raises OverflowError
/// when the result's 30-bit digit count exceeds what its size field can hold
/// (MAX_LONG_DIGITS on 64-bit builds), and MemoryError below that.
fn huge_shift(x: &BigInt, y: &BigInt) -> Raise {
    const MAX_LONG_DIGITS: i128 = (i64::MAX as i128 - 24) / 4;
    let word_shift = (y / 30u32).to_i128().unwrap_or(i128::MAX);
    let extra = i128::from(!(y % 30u32).is_zero());
    let old = i128::from(x.bits().div_ceil(30));
    if word_shift > i64::MAX as i128 || old + word_shift + extra > MAX_LONG_DIGITS {
        Raise::overflow("too many digits in integer")
    } else {
        Raise::memory()
    }
}

/// The 64-bit fast path; `None` when the result needs a big int.
#[inline]
pub fn small_int_op(op: BinOp, x: i64, y: i64) -> R<Option<Num>> {
    Ok(Some(Num::I(match op {
        BinOp::Add => match x.checked_add(y) {
            Some(v) => v,
            None => return Ok(None),
        },
        BinOp::Sub => match x.checked_sub(y) {
            Some(v) => v,
            None => return Ok(None),
        },
        BinOp::Mul => match x.checked_mul(y) {
            Some(v) => v,
            None => return Ok(None),
        },
        BinOp::FloorDiv => {
            if y == 0 {
                return Err(Raise::zero_division("integer division or modulo by zero"));
            }
            if x == i64::MIN && y == -1 {
                return Ok(None);
            }
            floordiv_i64(x, y)
        }
        BinOp::Mod => {
            if y == 0 {
                return Err(Raise::zero_division("integer modulo by zero"));
            }
            mod_i64(x, y)
        }
        BinOp::TrueDiv => {
            if y == 0 {
                return Err(Raise::zero_division("division by zero"));
            }
            const EXACT: i64 = 1 << 53;
            if x.unsigned_abs() <= EXACT as u64 && y.unsigned_abs() <= EXACT as u64 {
                return Ok(Some(Num::F(x as f64 / y as f64)));
            }
            return Ok(None);
        }
        BinOp::Pow => {
            if y < 0 {
                return Ok(None);
            }
            match u32::try_from(y).ok().and_then(|e| x.checked_pow(e)) {
                Some(v) => v,
                None => return Ok(None),
            }
        }
        BinOp::And => x & y,
        BinOp::Or => x | y,
        BinOp::Xor => x ^ y,
        BinOp::Shl => {
            if y < 0 {
                return Err(Raise::value_error("negative shift count"));
            }
            if y < 63 && (x << y) >> y == x {
                x << y
            } else {
                return Ok(None);
            }
        }
        BinOp::Shr => {
            if y < 0 {
                return Err(Raise::value_error("negative shift count"));
            }
            x >> y.min(63)
        }
    })))
}

/// Python's floor division for i64 (y != 0, no overflow).
#[inline]
pub fn floordiv_i64(x: i64, y: i64) -> i64 {
    let q = x / y;
    if (x % y != 0) && ((x < 0) != (y < 0)) {
        q - 1
    } else {
        q
    }
}

/// Python's modulo for i64 (y != 0).
#[inline]
pub fn mod_i64(x: i64, y: i64) -> i64 {
    let r = x.wrapping_rem(y);
    if r != 0 && ((r < 0) != (y < 0)) {
        r + y
    } else {
        r
    }
}

fn int_pow(x: &BigInt, y: &BigInt) -> R<Num> {
    if y.is_negative() {
        if x.is_zero() {
            return Err(Raise::zero_division(
                "0.0 cannot be raised to a negative power",
            ));
        }
        let fx = big_to_f64(x)?;
        let fy = big_to_f64(y)?;
        return float_pow(fx, fy).map(Num::F);
    }
    if x.is_zero() || x == &BigInt::from(1) {
        return Ok(normalize(if y.is_zero() {
            BigInt::from(1)
        } else {
            x.clone()
        }));
    }
    if x == &BigInt::from(-1) {
        return Ok(Num::I(if y.is_even() { 1 } else { -1 }));
    }
    let e = match y.to_u64() {
        Some(e) if e.saturating_mul(x.bits()) <= MAX_INT_BITS => e,
        _ => return Err(Raise::memory()),
    };
    Ok(normalize(num_traits::pow::Pow::pow(x, e)))
}

/// `pow(x, y, m)` for ints.
pub fn int_modpow(x: &Int, y: &Int, m: &Int) -> R<Num> {
    let (x, y, m) = (x.to_big(), y.to_big(), m.to_big());
    if m.is_zero() {
        return Err(Raise::value_error("pow() 3rd argument cannot be 0"));
    }
    let base = if y.is_negative() {
        match mod_inverse(&x, &m) {
            Some(inv) => inv,
            None => {
                return Err(Raise::value_error(
                    "base is not invertible for the given modulus",
                ))
            }
        }
    } else {
        x
    };
    let e = y.abs();
    let mabs = m.abs();
    let mut r = base.mod_floor(&mabs).modpow(&e, &mabs);
    // Python's result takes the sign of the modulus.
    if m.is_negative() && !r.is_zero() {
        r += &m;
    }
    Ok(normalize(r))
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let m = m.abs();
    let g = a.mod_floor(&m).extended_gcd(&m);
    if g.gcd != BigInt::from(1) {
        return None;
    }
    Some(g.x.mod_floor(&m))
}

/// Narrows a big integer back to the 64-bit form when it fits.
pub fn normalize(b: BigInt) -> Num {
    match b.to_i64() {
        Some(i) => Num::I(i),
        None => Num::B(b),
    }
}

/// Correctly rounded `a / b` for ints.
pub fn int_truediv(a: &Int, b: &Int) -> R<f64> {
    if b.signum() == 0 {
        return Err(Raise::zero_division("division by zero"));
    }
    if let (Int::I(x), Int::I(y)) = (a, b) {
        const EXACT: i64 = 1 << 53;
        if x.unsigned_abs() <= EXACT as u64 && y.unsigned_abs() <= EXACT as u64 {
            return Ok(*x as f64 / *y as f64);
        }
    }
    let (x, y) = (a.to_big(), b.to_big());
    let negative = x.is_negative() != y.is_negative();
    let (x, y) = (x.abs(), y.abs());
    if x.is_zero() {
        return Ok(if negative { -0.0 } else { 0.0 });
    }
    // Scale so the quotient has at least 55 significant bits, divide, and let the
    // remainder act as a sticky bit; the final conversion then rounds once, correctly.
    let shift: i64 = 55 - (x.bits() as i64 - y.bits() as i64);
    let (num, den) = if shift >= 0 {
        (x << (shift as u64), y)
    } else {
        (x, y << ((-shift) as u64))
    };
    let (q, r) = num.div_rem(&den);
    let mut q = q;
    if !r.is_zero() {
        q = (q << 1u32) | BigInt::from(1);
    } else {
        q <<= 1u32;
    }
    let total_shift = shift + 1;
    let qf = q.to_f64().unwrap_or(f64::INFINITY);
    let result = scale_pow2(qf, -total_shift);
    if result.is_infinite() {
        return Err(Raise::overflow(
            "integer division result too large for a float",
        ));
    }
    Ok(if negative { -result } else { result })
}

/// `x * 2**e` with a single rounding even for subnormal results.
fn scale_pow2(x: f64, e: i64) -> f64 {
    if x == 0.0 {
        return x;
    }
    let e = e.clamp(-2200, 2200) as i32;
    // Split the scaling so intermediate values neither overflow nor lose bits early.
    let mut r = x;
    let mut rem = e;
    while rem > 1000 {
        r *= 2f64.powi(1000);
        rem -= 1000;
    }
    while rem < -1000 {
        // Stay exact until the last step: x has at most 57 significant bits.
        if r.abs() < f64::MIN_POSITIVE * 2f64.powi(1100) {
            break;
        }
        r *= 2f64.powi(-1000);
        rem += 1000;
    }
    if rem < -1022 {
        // Final step into the subnormal range: round once via integer arithmetic.
        let bits = r.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
        let mant = (bits & ((1 << 52) - 1)) | (1 << 52);
        let total = exp + rem as i64; // value = mant * 2**total
        let target = -1074i64;
        let drop = target - total;
        if drop <= 0 {
            return r * 2f64.powi(rem);
        }
        if drop > 60 {
            return 0.0 * r.signum();
        }
        let kept = mant >> drop;
        let rest = mant & ((1u64 << drop) - 1);
        let half = 1u64 << (drop - 1);
        let rounded = if rest > half || (rest == half && kept & 1 == 1) {
            kept + 1
        } else {
            kept
        };
        return (rounded as f64) * 2f64.powi(-1074) * r.signum();
    }
    r * 2f64.powi(rem)
}

/// Float arithmetic with Python semantics (division by zero raises).
pub fn float_op(op: BinOp, x: f64, y: f64) -> R<f64> {
    Ok(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::TrueDiv => {
            if y == 0.0 {
                return Err(Raise::zero_division("float division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Err(Raise::zero_division("float floor division by zero"));
            }
            float_divmod(x, y).0
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Err(Raise::zero_division("float modulo"));
            }
            float_divmod(x, y).1
        }
        BinOp::Pow => return float_pow(x, y),
        _ => unreachable!("bitwise operators are rejected before float_op"),
    })
}

/// CPython's float divmod (y != 0): floor quotient and a remainder with y's sign.
pub fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// `x ** y` for floats, following CPython's special cases.
pub fn float_pow(x: f64, y: f64) -> R<f64> {
    if y == 0.0 {
        return Ok(1.0);
    }
    if x.is_nan() {
        return Ok(if y == 0.0 { 1.0 } else { x });
    }
    if y.is_nan() {
        return Ok(if x == 1.0 { 1.0 } else { y });
    }
    if x == 0.0 && y < 0.0 && y.is_finite() {
        return Err(Raise::zero_division(
            "0.0 cannot be raised to a negative power",
        ));
    }
    if x < 0.0 && x.is_finite() && y.is_finite() && y.fract() != 0.0 {
        return Err(Raise::unsupported(
            "complex numbers are not supported: a negative number raised to a fractional power",
        ));
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        // CPython raises OverflowError(errno.ERANGE, ...): two arguments.
        return Err(Raise::New(
            crate::class::ClassId::OVERFLOW_ERROR,
            crate::error::ExcArg::Errno(34, "Numerical result out of range"),
        ));
    }
    Ok(r)
}

/// Compares two numbers exactly (ints against floats included); `None` when a NaN is involved.
pub fn num_cmp(a: &Num, b: &Num) -> Option<Ordering> {
    match (a, b) {
        (Num::I(x), Num::I(y)) => Some(x.cmp(y)),
        (Num::F(x), Num::F(y)) => x.partial_cmp(y),
        (Num::F(x), other) => int_float_cmp(&num_to_int(other), *x).map(Ordering::reverse),
        (other, Num::F(y)) => int_float_cmp(&num_to_int(other), *y),
        (x, y) => Some(num_to_int(x).to_big().cmp(&num_to_int(y).to_big())),
    }
}

fn num_to_int(n: &Num) -> Int {
    match n {
        Num::I(i) => Int::I(*i),
        Num::B(b) => Int::B(b.clone()),
        Num::F(_) => Int::I(0),
    }
}

/// Compares an int with a float exactly.
pub fn int_float_cmp(i: &Int, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    if let Int::I(x) = i {
        if x.unsigned_abs() <= 1 << 53 {
            return (*x as f64).partial_cmp(&f);
        }
    }
    let fl = f.floor();
    let big = BigInt::from_f64(fl)?;
    match i.to_big().cmp(&big) {
        Ordering::Equal if f > fl => Some(Ordering::Less),
        ord => Some(ord),
    }
}

// ---- hashing, as CPython does it, so that equal numbers hash equal ----

const HASH_BITS: u32 = 61;
const HASH_MODULUS: u64 = (1 << HASH_BITS) - 1;
/// CPython's hash of positive infinity.
pub const HASH_INF: i64 = 314159;

/// Python's `hash()` of a 64-bit int.
#[inline]
pub fn hash_i64(v: i64) -> i64 {
    let a = v.unsigned_abs();
    // Nearly every int is below the modulus, and is its own hash: skip the division.
    let m = if a < HASH_MODULUS {
        a
    } else {
        a % HASH_MODULUS
    } as i64;
    let h = if v < 0 { -m } else { m };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Python's `hash()` of a big int.
pub fn hash_big(v: &BigInt) -> i64 {
    let m = (v.abs() % BigInt::from(HASH_MODULUS)).to_i64().unwrap_or(0);
    let h = if v.is_negative() { -m } else { m };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Python's `hash()` of a float.
pub fn hash_f64(v: f64) -> i64 {
    if v.is_infinite() {
        return if v > 0.0 { HASH_INF } else { -HASH_INF };
    }
    if v.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(v);
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | x >> (HASH_BITS - 28);
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    let e = if e >= 0 {
        e % HASH_BITS as i32
    } else {
        HASH_BITS as i32 - 1 - ((-1 - e) % HASH_BITS as i32)
    } as u32;
    x = ((x << e) & HASH_MODULUS) | x >> (HASH_BITS - e);
    let h = (x as i64).wrapping_mul(sign);
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Splits a finite nonzero float into a mantissa in [0.5, 1) and a power of two.
pub fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: normalize first.
        let (m, e) = frexp(v * 2f64.powi(64));
        return (m, e - 64);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, e)
}

// ---- text ----

/// The shortest decimal digits that round-trip to `x` (finite, nonzero, positive),
/// and the position of the decimal point relative to them. Ties between two
/// shortest candidates go to the even one, as CPython's dtoa does (Ryu).
fn shortest_digits(x: f64) -> (String, i32) {
    let mut buf = ryu::Buffer::new();
    let text = buf.format_finite(x);
    let (mantissa, exp) = match text.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits = format!("{int_part}{frac_part}");
    let mut decpt = int_part.len() as i32 + exp;
    while digits.starts_with('0') && digits.len() > 1 {
        digits.remove(0);
        decpt -= 1;
    }
    while digits.ends_with('0') && digits.len() > 1 {
        digits.pop();
    }
    (digits, decpt)
}

/// Python's `repr()` of a float: the shortest string that round-trips, in
/// fixed notation when the decimal exponent is in -4..16, scientific otherwise.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    let (digits, decpt) = shortest_digits(x.abs());
    let mut out = String::new();
    if x < 0.0 {
        out.push('-');
    }
    if -4 < decpt && decpt <= 16 {
        if decpt <= 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-decpt) as usize));
            out.push_str(&digits);
        } else if decpt as usize >= digits.len() {
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', decpt as usize - digits.len()));
            out.push_str(".0");
        } else {
            out.push_str(&digits[..decpt as usize]);
            out.push('.');
            out.push_str(&digits[decpt as usize..]);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let e = decpt - 1;
        out.push_str(&format!("e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs()));
    }
    out
}

/// CPython 3.11's limit on digits in int/str conversions.
pub const MAX_STR_DIGITS: usize = 4300;

/// Python's `str()` of a big int, enforcing the 4300-digit limit.
pub fn big_to_string(b: &BigInt) -> R<String> {
    // Cheap pre-check: 4300 decimal digits is about 14284 bits.
    if b.bits() > 14_300 {
        return Err(digits_limit_error());
    }
    let s = b.to_string();
    let digits = s.trim_start_matches('-').len();
    if digits > MAX_STR_DIGITS {
        return Err(digits_limit_error());
    }
    Ok(s)
}

fn digits_limit_error() -> Raise {
    Raise::value_error(
        "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
    )
}

/// Rounds a float to an integer-valued float, ties to even (Python's `round(x)`).
pub fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        r
    }
}

/// Converts an integral float to an int, raising for infinities and NaN.
pub fn float_to_int(f: f64) -> R<Num> {
    if f.is_nan() {
        return Err(Raise::value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(Raise::overflow("cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.2e18 {
        return Ok(Num::I(t as i64));
    }
    Ok(normalize(BigInt::from_f64(t).unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr_matches_cpython() {
        let cases = [
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1.0, "1.0"),
            (-0.0, "-0.0"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (1.5e300, "1.5e+300"),
            (f64::INFINITY, "inf"),
            (2.5, "2.5"),
            (1e22, "1e+22"),
            (5e-324, "5e-324"),
            (8.986652458200534e+17 / -878.2, "-1023303627670295.2"),
            (1e-4, "0.0001"),
            (123.456, "123.456"),
            (1e100, "1e+100"),
        ];
        for (x, want) in cases {
            assert_eq!(float_repr(x), want);
        }
    }

    #[test]
    fn hashes_agree_across_int_and_float() {
        assert_eq!(hash_i64(1), hash_f64(1.0));
        assert_eq!(hash_i64(-1), -2);
        assert_eq!(hash_f64(0.5), 1152921504606846976);
        assert_eq!(hash_f64(-2.5), -1152921504606846978);
        assert_eq!(hash_i64(1 << 61), 1);
        assert_eq!(
            hash_big(&(BigInt::from(1) << 100u32)),
            hash_f64(2f64.powi(100))
        );
    }

    #[test]
    fn floor_semantics() {
        assert_eq!(floordiv_i64(-7, 2), -4);
        assert_eq!(mod_i64(-7, 2), 1);
        assert_eq!(mod_i64(7, -2), -1);
        assert_eq!(float_divmod(-7.0, 2.0), (-4.0, 1.0));
        assert_eq!(float_divmod(7.0, -2.0), (-4.0, -1.0));
    }

    #[test]
    fn true_division_is_correctly_rounded() {
        let a = Int::B(BigInt::from(10).pow(30u32));
        let b = Int::I(3);
        assert_eq!(int_truediv(&a, &b).unwrap(), 1e30 / 3.0);
        let big = Int::B(BigInt::from(1) << 2000u32);
        let big2 = Int::B((BigInt::from(1) << 2000u32) * 3);
        assert_eq!(int_truediv(&big, &big2).unwrap(), 1.0 / 3.0);
    }
}
