//! The dynamically typed value every register holds.

use crate::builtins::NativeId;
use crate::class::ClassId;

/// A handle to an object in the VM's heap (an index into its slot table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ObjRef(pub(crate) u32);

impl ObjRef {
    /// The slot index, for identity comparisons and `id()`.
    pub fn index(self) -> u32 {
        self.0
    }
}

/// A module: a built-in one (`sys`, `math`, `process`), or one compiled from
/// source and loaded into a global namespace of the VM (`supervisor`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ModuleId {
    /// `sys`
    Sys,
    /// `math`
    Math,
    /// `process`: lightweight processes (needs a process runtime).
    Process,
    /// A module loaded from source: the index of its global namespace.
    Loaded(u32),
}

impl ModuleId {
    /// The name of a built-in module (loaded modules are named by the VM).
    pub fn name(self) -> &'static str {
        match self {
            ModuleId::Sys => "sys",
            ModuleId::Math => "math",
            ModuleId::Process => "process",
            ModuleId::Loaded(_) => "?",
        }
    }
    /// The built-in module with this name.
    pub fn from_name(name: &str) -> Option<ModuleId> {
        match name {
            "sys" => Some(ModuleId::Sys),
            "math" => Some(ModuleId::Math),
            "process" => Some(ModuleId::Process),
            _ => None,
        }
    }
}

/// A Rhodium value: immediates inline, everything else a heap reference.
/// `Copy` and 16 bytes (a test guards the size). `repr(u8)` fixes the layout
/// [`ShortStr::store`] writes: the tag byte first, a short string's 15 bytes
/// after it.
#[derive(Clone, Copy, Debug)]
#[repr(u8)]
pub enum Value {
    /// An unbound local (never visible to programs; reading one raises).
    Undef,
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An integer that fits in 64 bits; larger ones live on the heap.
    Int(i64),
    /// A 64-bit float.
    Float(f64),
    /// A heap object.
    Obj(ObjRef),
    /// A built-in function or method.
    Native(NativeId),
    /// A built-in class (a type or an exception class).
    Class(ClassId),
    /// A built-in module.
    Module(ModuleId),
    /// A process identifier (see the `process` module).
    Pid(u64),
    /// A monitor reference (see `process.monitor`).
    Ref(u64),
    /// A `str` of at most [`SHORT_STR_MAX`] bytes, held in the value itself.
    /// Every string that short is one of these (never a heap object), so
    /// equal short strings have equal bytes.
    Short(ShortStr),
}

/// The longest string (in UTF-8 bytes) a [`Value`] holds without the heap.
pub const SHORT_STR_MAX: usize = 14;

/// The tag byte of `Value::Short`, read from such a value when the crate
/// compiles (so it follows any reordering of the variants).
const SHORT_TAG: u8 = {
    let v = Value::Short(ShortStr::EMPTY);
    // SAFETY: `Value` is `repr(u8)`: its first byte is the tag, always
    // initialised.
    unsafe { *(&v as *const Value).cast::<u8>() }
};

/// Set in [`ShortStr`]'s length byte when the text is not all ASCII.
const NON_ASCII: u8 = 0x80;

/// A string short enough to live inside a value: no allocation to make it,
/// nothing for the collector to trace, and a one-byte-compare equality.
/// Most strings programs build (words, keys, digits, characters) fit.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct ShortStr {
    /// UTF-8 text in `bytes[..len]`, zeros after (so equal texts are equal
    /// structs).
    bytes: [u8; SHORT_STR_MAX],
    /// The byte length, with [`NON_ASCII`] set unless every byte is ASCII.
    len: u8,
}

impl ShortStr {
    /// The empty string.
    pub const EMPTY: ShortStr = ShortStr {
        bytes: [0; SHORT_STR_MAX],
        len: 0,
    };

    /// `s` as a short string, if it fits.
    #[inline]
    pub fn new(s: &str) -> Option<ShortStr> {
        let n = s.len();
        if n > SHORT_STR_MAX {
            return None;
        }
        let mut bytes = [0; SHORT_STR_MAX];
        copy_small(&mut bytes, s.as_bytes());
        let flag = if s.is_ascii() { 0 } else { NON_ASCII };
        Some(ShortStr {
            bytes,
            len: n as u8 | flag,
        })
    }

    /// A one-character string.
    #[inline(always)]
    pub fn from_char(c: char) -> ShortStr {
        if c.is_ascii() {
            let mut bytes = [0; SHORT_STR_MAX];
            bytes[0] = c as u8;
            return ShortStr { bytes, len: 1 };
        }
        ShortStr::from_wide_char(c)
    }

    /// `from_char` for a character beyond ASCII: out of line, so that the
    /// interpreter's handlers that make characters keep no buffer of their
    /// own for the encoder to write to (which would cost them their tail call).
    #[inline(never)]
    fn from_wide_char(c: char) -> ShortStr {
        let mut bytes = [0; SHORT_STR_MAX];
        let n = c.encode_utf8(&mut bytes[..4]).len();
        ShortStr {
            bytes,
            len: n as u8 | NON_ASCII,
        }
    }

    /// Bytes 0..8 of the text as a little-endian number: one load from
    /// wherever the string is (no copy to a buffer first, whose reload in
    /// other widths would stall on the stores that filled it).
    #[inline(always)]
    fn lo(&self) -> u64 {
        let mut w = [0; 8];
        w.copy_from_slice(&self.bytes[..8]);
        u64::from_le_bytes(w)
    }

    /// Bytes 8..14 of the text as a little-endian number, by one load of
    /// bytes 6..14 shifted down.
    #[inline(always)]
    fn hi(&self) -> u64 {
        let mut w = [0; 8];
        w.copy_from_slice(&self.bytes[SHORT_STR_MAX - 8..]);
        u64::from_le_bytes(w) >> 16
    }

    /// The bytes as one little-endian number (zero above the text).
    #[inline(always)]
    fn bits(&self) -> u128 {
        self.lo() as u128 | (self.hi() as u128) << 64
    }

    /// The short string whose bytes are `bits`, of byte length `len` (flags included).
    #[inline(always)]
    fn from_bits(bits: u128, len: u8) -> ShortStr {
        let mut bytes = [0; SHORT_STR_MAX];
        bytes[..8].copy_from_slice(&(bits as u64).to_le_bytes());
        bytes[8..].copy_from_slice(&((bits >> 64) as u64).to_le_bytes()[..SHORT_STR_MAX - 8]);
        ShortStr { bytes, len }
    }

    /// Writes `Value::Short(self)` to `dst` as one 16-byte store. A value
    /// written in pieces (the tag, then the text in the widths the compiler
    /// picks) stalls the next 16-byte read of it on store forwarding, and
    /// the next instruction usually reads what this one made.
    ///
    /// # Safety
    /// `dst` is valid for writing one `Value`.
    #[inline(always)]
    pub unsafe fn store(self, dst: *mut Value) {
        // The layout `repr(u8)` gives `Value`: the tag byte, then the
        // variant's fields as a `repr(C)` struct (`bytes` then `len`).
        let lo = SHORT_TAG as u64 | self.lo() << 8;
        let hi = self.lo() >> 56 | self.hi() << 8 | (self.len as u64) << 56;
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{_mm_set_epi64x, _mm_storeu_si128};
            // SAFETY: SSE2 is part of x86_64; `dst` is valid for 16 bytes
            // (the caller's contract) and the store is unaligned.
            unsafe { _mm_storeu_si128(dst.cast(), _mm_set_epi64x(hi as i64, lo as i64)) };
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = (lo, hi);
            // SAFETY: the caller's contract.
            unsafe { dst.write(Value::Short(self)) };
        }
    }

    /// The decimal digits of `i` (Python's `str(i)`), if they fit: made in
    /// a register, a digit at a time from the lowest, each shifted in below
    /// the ones after it (no digit buffer to copy from).
    #[inline]
    pub fn from_int(i: i64) -> Option<ShortStr> {
        let mut m = i.unsigned_abs();
        // A sign and 13 digits at most.
        if m >= 10_000_000_000_000 {
            return None;
        }
        let (mut bits, mut n) = (0u128, 0u8);
        loop {
            bits = bits << 8 | u128::from(b'0' + (m % 10) as u8);
            n += 1;
            m /= 10;
            if m == 0 {
                break;
            }
        }
        if i < 0 {
            bits = bits << 8 | u128::from(b'-');
            n += 1;
        }
        Some(ShortStr::from_bits(bits, n))
    }

    /// The concatenation `a + b`, if it fits.
    #[inline(always)]
    pub fn concat(a: &ShortStr, b: &ShortStr) -> Option<ShortStr> {
        let (n, m) = (a.len(), b.len());
        if n + m > SHORT_STR_MAX {
            return None;
        }
        // Zero padding makes the concatenation an OR of shifted bytes.
        let bits = a.bits() | b.bits() << (8 * n);
        let len = (n + m) as u8 | ((a.len | b.len) & NON_ASCII);
        Some(ShortStr::from_bits(bits, len))
    }

    /// A hash of the text: two word loads, no loop (see `ops::str_hash`,
    /// which gives every text this short the same hash).
    #[inline(always)]
    pub fn hash(&self) -> u64 {
        ShortStr::hash_words(self.lo(), self.hi() | (self.len as u64) << 48)
    }

    /// `hash` of text bytes 0..8 (`lo`) and 8..14 with the length byte above them (`hi`).
    #[inline(always)]
    fn hash_words(lo: u64, hi: u64) -> u64 {
        const K: u64 = 0xf135_7aea_2e62_a9c5;
        let h = (lo.wrapping_mul(K) ^ hi).wrapping_mul(K);
        // The table indexes by the low bits: bring the well-mixed high ones down.
        h.rotate_left(26)
    }

    /// The text repeated `n` times, if it fits.
    #[inline(always)]
    pub fn repeat(&self, n: usize) -> Option<ShortStr> {
        let len = self.len();
        let total = len.checked_mul(n).filter(|&t| t <= SHORT_STR_MAX)?;
        if total == 0 {
            // Also keeps `"" * 10**9` from looping.
            return Some(ShortStr::EMPTY);
        }
        let bits = if len == 1 {
            // `"x" * k`, the common case: one byte splat, cut to length.
            u128::from_le_bytes([self.bytes[0]; 16]) & (u128::MAX >> (128 - 8 * total))
        } else {
            repeat_bits(self.bits(), len, n)
        };
        Some(ShortStr::from_bits(
            bits,
            total as u8 | (self.len & NON_ASCII),
        ))
    }

    /// The text.
    #[inline(always)]
    pub fn as_str(&self) -> &str {
        let n = self.len();
        // SAFETY: invariant of the type (its fields are private): `bytes[..len]`
        // is always a whole `&str` copied by `new`, or the concatenation of
        // two such texts by `concat`, so it is valid UTF-8.
        unsafe { std::str::from_utf8_unchecked(self.bytes.get_unchecked(..n)) }
    }

    /// The length in bytes.
    #[inline(always)]
    pub fn len(&self) -> usize {
        (self.len & !NON_ASCII) as usize
    }

    /// Whether the string is empty.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether every character is ASCII (so byte and character indexes agree).
    #[inline(always)]
    pub fn is_ascii(&self) -> bool {
        self.len & NON_ASCII == 0
    }

    /// The length in code points.
    #[inline]
    pub fn char_count(&self) -> usize {
        if self.is_ascii() {
            self.len()
        } else {
            self.as_str().chars().count()
        }
    }
}

/// `n` copies of the `len` bytes of `one`, end to end (for
/// [`ShortStr::repeat`]; out of line, and by value in registers).
#[inline(never)]
fn repeat_bits(one: u128, len: usize, n: usize) -> u128 {
    (0..n).fold(0, |bits, k| bits | one << (8 * k * len))
}

/// Copies `src` (at most [`SHORT_STR_MAX`] bytes) to the start of `dst` in
/// a few fixed-size moves: a call to `memcpy` costs more than such a copy.
#[inline(always)]
fn copy_small(dst: &mut [u8; SHORT_STR_MAX], src: &[u8]) {
    let n = src.len();
    if n >= 8 {
        dst[..8].copy_from_slice(&src[..8]);
        dst[n - 8..n].copy_from_slice(&src[n - 8..]);
    } else if n >= 4 {
        dst[..4].copy_from_slice(&src[..4]);
        dst[n - 4..n].copy_from_slice(&src[n - 4..]);
    } else if n > 0 {
        dst[0] = src[0];
        dst[n / 2] = src[n / 2];
        dst[n - 1] = src[n - 1];
    }
}

impl PartialOrd for ShortStr {
    #[inline(always)]
    fn partial_cmp(&self, other: &ShortStr) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ShortStr {
    /// Code-point order, as Python's: UTF-8 bytes compare in that order, and
    /// zero padding makes a prefix compare below what extends it.
    #[inline(always)]
    fn cmp(&self, other: &ShortStr) -> std::cmp::Ordering {
        (self.bits().swap_bytes(), self.len()).cmp(&(other.bits().swap_bytes(), other.len()))
    }
}

impl std::fmt::Debug for ShortStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl Value {
    /// The heap reference, if the value is a heap object.
    #[inline]
    pub fn as_obj(self) -> Option<ObjRef> {
        match self {
            Value::Obj(r) => Some(r),
            _ => None,
        }
    }

    /// A one-character string (a short string: no allocation).
    #[inline(always)]
    pub fn char(c: char) -> Value {
        Value::Short(ShortStr::from_char(c))
    }

    /// A short string value's 16 bytes as two aligned words (the tag and
    /// text bytes 0..7; text bytes 7..14 and the length), or `None` for any
    /// other value. Two aligned loads: a load across the middle of a value
    /// just written by one 16-byte store (see [`ShortStr::store`]) or copied
    /// by one would stall on store forwarding.
    #[inline(always)]
    pub fn short_words(&self) -> Option<[u64; 2]> {
        match self {
            // SAFETY: `Value` is `repr(u8)`, 16 bytes and 8-aligned, and its
            // `Short` variant (the tag byte, then `ShortStr`'s 15 bytes, all
            // initialized) has no padding, so its bytes are two `u64`s.
            Value::Short(_) => Some(unsafe { *(self as *const Value).cast::<[u64; 2]>() }),
            _ => None,
        }
    }

    /// [`ShortStr::hash`] of a short string value, from [`Value::short_words`].
    #[inline(always)]
    pub fn short_hash(words: [u64; 2]) -> u64 {
        let [w0, w1] = words;
        ShortStr::hash_words(w0 >> 8 | w1 << 56, w1 >> 8)
    }

    /// Whether the value is `None`.
    #[inline]
    pub fn is_none(self) -> bool {
        matches!(self, Value::None)
    }

    /// Identity (`is`): same immediate or same heap object.
    pub fn is(self, other: Value) -> bool {
        match (self, other) {
            (Value::Undef, Value::Undef) | (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // CPython caches small ints; larger equal ints are distinct objects
            // there, but a program cannot rely on that, so equal ints are the same.
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Obj(a), Value::Obj(b)) => a == b,
            (Value::Native(a), Value::Native(b)) => a == b,
            (Value::Class(a), Value::Class(b)) => a == b,
            (Value::Module(a), Value::Module(b)) => a == b,
            (Value::Pid(a), Value::Pid(b)) => a == b,
            (Value::Ref(a), Value::Ref(b)) => a == b,
            // Python lets equal immutable values be one object; short strings
            // have no other identity than their text.
            (Value::Short(a), Value::Short(b)) => a == b,

            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_value_is_at_most_16_bytes() {
        assert_eq!(std::mem::size_of::<super::Value>(), 16);
    }

    #[test]
    fn a_stored_short_string_is_that_value() {
        use super::{ShortStr, Value};
        for t in ["", "a", "héllo", "zzzzzzzzzzzzzz", "0123456789abcd"] {
            let s = ShortStr::new(t).unwrap();
            let mut v = Value::None;
            // SAFETY: `v` is a `Value`.
            unsafe { s.store(&mut v) };
            assert!(matches!(v, Value::Short(u) if u == s && u.as_str() == t));
            assert_eq!(v.short_words().map(Value::short_hash), Some(s.hash()));
        }
        assert_eq!(std::mem::size_of::<Option<Value>>(), 16);
    }

    #[test]
    fn short_strings_keep_their_text() {
        use super::{ShortStr, SHORT_STR_MAX};
        for s in ["", "a", "héllo", "€€€€", &"z".repeat(SHORT_STR_MAX)] {
            let short = ShortStr::new(s).unwrap();
            assert_eq!(short.as_str(), s);
            assert_eq!(short.len(), s.len());
            assert_eq!(short.char_count(), s.chars().count());
            assert_eq!(short.is_ascii(), s.is_ascii());
        }
        assert!(ShortStr::new(&"z".repeat(SHORT_STR_MAX + 1)).is_none());
        let ab = ShortStr::concat(&ShortStr::new("a").unwrap(), &ShortStr::new("é").unwrap());
        assert_eq!(ab, ShortStr::new("aé"));
        let long = ShortStr::new(&"y".repeat(SHORT_STR_MAX)).unwrap();
        assert!(ShortStr::concat(&long, &ShortStr::new("y").unwrap()).is_none());
        assert_eq!(ShortStr::concat(&long, &ShortStr::EMPTY), Some(long));
        assert_eq!(
            ShortStr::new("ab").unwrap().repeat(3),
            ShortStr::new("ababab")
        );
        assert_eq!(ShortStr::new("é").unwrap().repeat(0), Some(ShortStr::EMPTY));
        assert_eq!(ShortStr::EMPTY.repeat(usize::MAX), Some(ShortStr::EMPTY));
        for i in [
            0,
            7,
            -7,
            10,
            996,
            -1000,
            9_999_999_999_999,
            -9_999_999_999_999,
        ] {
            assert_eq!(ShortStr::from_int(i), ShortStr::new(&i.to_string()));
        }
        for i in [10_000_000_000_000, -10_000_000_000_000, i64::MIN, i64::MAX] {
            assert!(ShortStr::from_int(i).is_none());
        }
        for c in ['a', 'é', '€', '😀', '\0'] {
            assert_eq!(
                Some(ShortStr::from_char(c)),
                ShortStr::new(c.encode_utf8(&mut [0; 4]))
            );
        }
    }

    #[test]
    fn short_strings_order_as_python_strings() {
        use super::ShortStr;
        let words = [
            "",
            "\0",
            "a",
            "a\0",
            "ab",
            "b",
            "z",
            "é",
            "€",
            "😀",
            "zzzzzzzzzzzzzz",
        ];
        for x in words {
            for y in words {
                let (p, q) = (ShortStr::new(x).unwrap(), ShortStr::new(y).unwrap());
                assert_eq!(p.cmp(&q), x.cmp(y), "{x:?} vs {y:?}");
                assert_eq!(p == q, x == y);
            }
        }
    }
}
