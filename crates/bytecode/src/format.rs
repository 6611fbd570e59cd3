//! The `.rbc` file format: a versioned, little-endian binary encoding of a [`Module`].
//!
//! ```text
//! file      := magic "RHBC" | version u16 | reserved u16 (0) | module | checksum u32
//! module    := name str | language u8 | globals list<str> | functions list<function>
//! function  := name str | num_params u8 | num_kwonly u8 | flags u8 | num_registers u16
//!              | names list<str> | captures list<capture> | constants list<const>
//!              | code list<u32> | locs (line u32, col u32) x len(code) | handlers list<handler>
//! capture   := kind u8 (0 register, 1 upval) | index u8 | name str
//! handler   := start u32 | end u32 | target u32
//! const     := tag u8 | payload   (0 None, 1 False, 2 True, 3 int i64, 4 bigint: sign u8 +
//!              magnitude list<u8> little-endian, 5 float f64 bits, 6 str, 7 tuple list<const>,
//!              8 table list<u32>)
//! list<T>   := count u32 | T x count
//! str       := list<u8> holding UTF-8
//! checksum  := CRC-32 (IEEE) of every byte before it
//! ```
//!
//! Reading never panics: every read is bounds-checked, counts are checked
//! against the bytes that remain before anything is allocated, and each kind of
//! damage has its own [`ReadError`]. The structure is read first, so a cut or
//! mangled file is reported for what is wrong with it; the checksum then
//! catches damage that leaves the structure readable (a changed operand, a
//! flipped bit in a string), so no accidentally damaged file is ever run.

use crate::module::{
    Capture, CaptureSource, Constant, Function, FunctionFlags, Handler, Language, Loc, Module,
};
use isa::Instr;
use num_bigint::{BigInt, Sign};

/// The four bytes every `.rbc` file starts with.
pub const MAGIC: &[u8; 4] = b"RHBC";
/// The format version this build reads and writes (2 added the checksum).
pub const VERSION: u16 = 2;

/// Nesting limit for tuple constants, so hostile input cannot exhaust the native stack.
const MAX_CONST_DEPTH: u32 = 64;

/// Why bytes are not a readable module.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// The file does not start with `RHBC`.
    #[error("not a Rhodium bytecode file (bad magic number)")]
    BadMagic,
    /// The file was written by an incompatible version.
    #[error("unsupported bytecode format version {found} (this build reads version {expected})")]
    UnsupportedVersion {
        /// The version in the file.
        found: u16,
        /// The version this build reads.
        expected: u16,
    },
    /// The file ends in the middle of something, or before all the entries
    /// a count promises (checked before anything is allocated).
    #[error("truncated file: {what} at byte {offset} runs past the end")]
    Truncated {
        /// What was being read.
        what: &'static str,
        /// Where it starts.
        offset: usize,
    },
    /// A string is not UTF-8.
    #[error("corrupt file: string at byte {offset} is not valid UTF-8")]
    BadUtf8 {
        /// Where the string starts.
        offset: usize,
    },
    /// A tag byte names nothing.
    #[error("corrupt file: unknown {what} tag {tag} at byte {offset}")]
    BadTag {
        /// What kind of tag.
        what: &'static str,
        /// The tag found.
        tag: u8,
        /// Where it is.
        offset: usize,
    },
    /// A value is outside its allowed range.
    #[error("corrupt file: {what} at byte {offset} is {value}, outside its range")]
    OutOfRange {
        /// What was being read.
        what: &'static str,
        /// Where it is.
        offset: usize,
        /// The value found.
        value: u64,
    },
    /// The checksum does not match the contents: the file was damaged.
    #[error("corrupt file: checksum {found:#010x} does not match the contents ({computed:#010x})")]
    BadChecksum {
        /// The checksum stored in the file.
        found: u32,
        /// The checksum of the bytes before it.
        computed: u32,
    },
    /// Bytes follow the module.
    #[error("corrupt file: {count} unexpected bytes after the module at byte {offset}")]
    TrailingBytes {
        /// Where the extra bytes start.
        offset: usize,
        /// How many there are.
        count: usize,
    },
}

/// Serializes a module to `.rbc` bytes.
pub fn write(module: &Module) -> Vec<u8> {
    let mut w = Writer { out: Vec::new() };
    w.out.extend_from_slice(MAGIC);
    w.u16(VERSION);
    w.u16(0);
    w.str(&module.name);
    w.u8(module.language.to_byte());
    w.u32(module.globals.len() as u32);
    for g in &module.globals {
        w.str(g);
    }
    w.u32(module.functions.len() as u32);
    for f in &module.functions {
        w.function(f);
    }
    let sum = checksum(&w.out);
    w.u32(sum);
    w.out
}

/// The CRC-32 (IEEE 802.3) of `bytes`, as stored at the end of a `.rbc` file.
pub fn checksum(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut t = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            t[i] = c;
            i += 1;
        }
        t
    };
    let mut crc = !0u32;
    for b in bytes {
        crc = TABLE[((crc ^ *b as u32) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

/// Parses `.rbc` bytes into a module (structure only; run the verifier next).
pub fn read(bytes: &[u8]) -> Result<Module, ReadError> {
    let mut r = Reader { bytes, pos: 0 };
    if bytes.len() < 4 && MAGIC.starts_with(bytes) {
        // A prefix of the magic number: the file was cut short.
        return Err(ReadError::Truncated {
            what: "magic number",
            offset: 0,
        });
    }
    if bytes.len() < 4 || &bytes[..4] != MAGIC {
        return Err(ReadError::BadMagic);
    }
    r.pos = 4;
    let version = r.u16("format version")?;
    if version != VERSION {
        return Err(ReadError::UnsupportedVersion {
            found: version,
            expected: VERSION,
        });
    }
    let at = r.pos;
    let reserved = r.u16("reserved field")?;
    if reserved != 0 {
        return Err(ReadError::OutOfRange {
            what: "reserved field",
            offset: at,
            value: reserved as u64,
        });
    }
    let name = r.str("module name")?;
    let at = r.pos;
    let lang = r.u8("language")?;
    let language = Language::from_byte(lang).ok_or(ReadError::BadTag {
        what: "language",
        tag: lang,
        offset: at,
    })?;
    let n = r.count("global table", 4)?;
    let mut globals = Vec::with_capacity(n);
    for _ in 0..n {
        globals.push(r.str("global name")?);
    }
    let n = r.count("function table", 16)?;
    let mut functions = Vec::with_capacity(n);
    for _ in 0..n {
        functions.push(r.function()?);
    }
    let end = r.pos;
    let found = r.u32("checksum")?;
    if r.pos != bytes.len() {
        return Err(ReadError::TrailingBytes {
            offset: r.pos,
            count: bytes.len() - r.pos,
        });
    }
    let computed = checksum(&bytes[..end]);
    if found != computed {
        return Err(ReadError::BadChecksum { found, computed });
    }
    Ok(Module {
        name,
        language,
        globals,
        functions,
    })
}

struct Writer {
    out: Vec<u8>,
}

impl Writer {
    fn u8(&mut self, v: u8) {
        self.out.push(v);
    }
    fn u16(&mut self, v: u16) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.out.extend_from_slice(b);
    }
    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    fn function(&mut self, f: &Function) {
        self.str(&f.name);
        self.u8(f.num_params);
        self.u8(f.num_kwonly);
        self.u8(f.flags.to_byte());
        self.u16(f.num_registers);
        self.u32(f.names.len() as u32);
        for n in &f.names {
            self.str(n);
        }
        self.u32(f.captures.len() as u32);
        for c in &f.captures {
            match c.source {
                CaptureSource::Register(r) => {
                    self.u8(0);
                    self.u8(r);
                }
                CaptureSource::Upval(u) => {
                    self.u8(1);
                    self.u8(u);
                }
            }
            self.str(&c.name);
        }
        self.u32(f.constants.len() as u32);
        for k in &f.constants {
            self.constant(k);
        }
        self.u32(f.code.len() as u32);
        for i in &f.code {
            self.u32(i.0);
        }
        for i in 0..f.code.len() {
            let loc = f.loc(i);
            self.u32(loc.line);
            self.u32(loc.col);
        }
        self.u32(f.handlers.len() as u32);
        for h in &f.handlers {
            self.u32(h.start);
            self.u32(h.end);
            self.u32(h.target);
        }
    }

    fn constant(&mut self, k: &Constant) {
        match k {
            Constant::None => self.u8(0),
            Constant::Bool(false) => self.u8(1),
            Constant::Bool(true) => self.u8(2),
            Constant::Int(v) => {
                self.u8(3);
                self.out.extend_from_slice(&v.to_le_bytes());
            }
            Constant::BigInt(v) => {
                self.u8(4);
                let (sign, mag) = v.to_bytes_le();
                self.u8((sign == Sign::Minus) as u8);
                self.bytes(&mag);
            }
            Constant::Float(v) => {
                self.u8(5);
                self.out.extend_from_slice(&v.to_bits().to_le_bytes());
            }
            Constant::Str(s) => {
                self.u8(6);
                self.str(s);
            }
            Constant::Tuple(items) => {
                self.u8(7);
                self.u32(items.len() as u32);
                for item in items {
                    self.constant(item);
                }
            }
            Constant::Table(targets) => {
                self.u8(8);
                self.u32(targets.len() as u32);
                for t in targets {
                    self.u32(*t);
                }
            }
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], ReadError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(ReadError::Truncated {
                what,
                offset: self.pos,
            })?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self, what: &'static str) -> Result<u8, ReadError> {
        Ok(self.take(1, what)?[0])
    }
    fn u16(&mut self, what: &'static str) -> Result<u16, ReadError> {
        let b = self.take(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self, what: &'static str) -> Result<u32, ReadError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self, what: &'static str) -> Result<u64, ReadError> {
        let b = self.take(8, what)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
    /// Reads an element count and checks that `count * min_size` bytes remain,
    /// so a damaged count cannot make the reader allocate more than the file holds.
    fn count(&mut self, what: &'static str, min_size: usize) -> Result<usize, ReadError> {
        let offset = self.pos;
        let count = self.u32(what)? as usize;
        let remaining = self.bytes.len() - self.pos;
        if count.saturating_mul(min_size) > remaining {
            return Err(ReadError::Truncated { what, offset });
        }
        Ok(count)
    }
    fn byte_list(&mut self, what: &'static str) -> Result<&'a [u8], ReadError> {
        let n = self.count(what, 1)?;
        self.take(n, what)
    }
    fn str(&mut self, what: &'static str) -> Result<String, ReadError> {
        let offset = self.pos;
        let b = self.byte_list(what)?;
        std::str::from_utf8(b)
            .map(str::to_owned)
            .map_err(|_| ReadError::BadUtf8 { offset })
    }

    fn function(&mut self) -> Result<Function, ReadError> {
        let name = self.str("function name")?;
        let num_params = self.u8("parameter count")?;
        let num_kwonly = self.u8("keyword-only parameter count")?;
        let at = self.pos;
        let fl = self.u8("function flags")?;
        let flags = FunctionFlags::from_byte(fl).ok_or(ReadError::BadTag {
            what: "function flags",
            tag: fl,
            offset: at,
        })?;
        let at = self.pos;
        let num_registers = self.u16("register count")?;
        if num_registers > 256 {
            return Err(ReadError::OutOfRange {
                what: "register count",
                offset: at,
                value: num_registers as u64,
            });
        }
        let n = self.count("register names", 4)?;
        let mut names = Vec::with_capacity(n);
        for _ in 0..n {
            names.push(self.str("register name")?);
        }
        let n = self.count("capture table", 6)?;
        let mut captures = Vec::with_capacity(n);
        for _ in 0..n {
            let at = self.pos;
            let kind = self.u8("capture kind")?;
            let index = self.u8("capture index")?;
            let source = match kind {
                0 => CaptureSource::Register(index),
                1 => CaptureSource::Upval(index),
                tag => {
                    return Err(ReadError::BadTag {
                        what: "capture kind",
                        tag,
                        offset: at,
                    })
                }
            };
            let name = self.str("capture name")?;
            captures.push(Capture { source, name });
        }
        let n = self.count("constant pool", 1)?;
        let mut constants = Vec::with_capacity(n);
        for _ in 0..n {
            constants.push(self.constant(0)?);
        }
        // Each instruction also owns 8 bytes of location, so count 12 per entry.
        let n = self.count("code", 12)?;
        let mut code = Vec::with_capacity(n);
        for _ in 0..n {
            code.push(Instr(self.u32("instruction")?));
        }
        let mut locs = Vec::with_capacity(n);
        for _ in 0..n {
            let line = self.u32("line number")?;
            let col = self.u32("column number")?;
            locs.push(Loc { line, col });
        }
        let n = self.count("handler table", 12)?;
        let mut handlers = Vec::with_capacity(n);
        for _ in 0..n {
            let start = self.u32("handler start")?;
            let end = self.u32("handler end")?;
            let target = self.u32("handler target")?;
            handlers.push(Handler { start, end, target });
        }
        Ok(Function {
            name,
            num_params,
            num_kwonly,
            flags,
            num_registers,
            names,
            captures,
            constants,
            code,
            locs,
            handlers,
        })
    }

    fn constant(&mut self, depth: u32) -> Result<Constant, ReadError> {
        let at = self.pos;
        let tag = self.u8("constant tag")?;
        Ok(match tag {
            0 => Constant::None,
            1 => Constant::Bool(false),
            2 => Constant::Bool(true),
            3 => Constant::Int(self.u64("integer constant")? as i64),
            4 => {
                let sign_at = self.pos;
                let sign = self.u8("big integer sign")?;
                if sign > 1 {
                    return Err(ReadError::BadTag {
                        what: "big integer sign",
                        tag: sign,
                        offset: sign_at,
                    });
                }
                let mag = self.byte_list("big integer digits")?;
                let sign = if sign == 1 { Sign::Minus } else { Sign::Plus };
                Constant::int(BigInt::from_bytes_le(sign, mag))
            }
            5 => Constant::Float(f64::from_bits(self.u64("float constant")?)),
            6 => Constant::Str(self.str("string constant")?),
            7 => {
                if depth >= MAX_CONST_DEPTH {
                    return Err(ReadError::OutOfRange {
                        what: "tuple constant nesting",
                        offset: at,
                        value: depth as u64,
                    });
                }
                let n = self.count("tuple constant", 1)?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.constant(depth + 1)?);
                }
                Constant::Tuple(items)
            }
            8 => {
                let n = self.count("jump table", 4)?;
                let mut targets = Vec::with_capacity(n);
                for _ in 0..n {
                    targets.push(self.u32("jump table entry")?);
                }
                Constant::Table(targets)
            }
            tag => {
                return Err(ReadError::BadTag {
                    what: "constant",
                    tag,
                    offset: at,
                })
            }
        })
    }
}
