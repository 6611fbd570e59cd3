//! Damage to bytes and text, for robustness tests: each function applies one
//! to three random edits.

use crate::Rng;

/// Values that often hit boundaries when written over a count or an index.
const INTERESTING_U32: &[u32] = &[
    0,
    1,
    2,
    0x7f,
    0x80,
    0xff,
    0x100,
    0xffff,
    0x1_0000,
    0x7fff_ffff,
    0x8000_0000,
    0xffff_fffe,
    0xffff_ffff,
];

/// Applies one to three random edits to `bytes`.
pub fn bytes(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut b = input.to_vec();
    for _ in 0..1 + rng.below(3) {
        let len = b.len();
        match rng.below(8) {
            0 => b.truncate(rng.below(len + 1)),
            1 if len > 0 => {
                let i = rng.below(len);
                b[i] ^= 1 << rng.below(8);
            }
            2 if len > 0 => {
                let i = rng.below(len);
                let any = rng.next_u64() as u8;
                b[i] = *rng.pick(&[0, 1, 0x7f, 0x80, 0xff, any]);
            }
            3 => {
                let at = rng.below(len + 1);
                let n = 1 + rng.below(8);
                let extra: Vec<u8> = (0..n).map(|_| rng.next_u64() as u8).collect();
                b.splice(at..at, extra);
            }
            4 if len > 0 => {
                let at = rng.below(len);
                let n = 1 + rng.below((len - at).min(16));
                b.drain(at..at + n);
            }
            5 if len > 1 => {
                let from = rng.below(len);
                let n = 1 + rng.below((len - from).min(32));
                let chunk: Vec<u8> = b[from..from + n].to_vec();
                let at = rng.below(len + 1);
                b.splice(at..at, chunk);
            }
            6 if len >= 4 => {
                let at = rng.below(len - 3);
                let v = *rng.pick(INTERESTING_U32);
                b[at..at + 4].copy_from_slice(&v.to_le_bytes());
            }
            _ if len > 0 => {
                let i = rng.below(len);
                b[i] = b[i].wrapping_add(1 + rng.below(3) as u8);
            }
            _ => b.push(rng.next_u64() as u8),
        }
    }
    b
}

/// Characters likely to matter to an assembler, and some that should not.
const CHARS: &[char] = &[
    ' ', '\t', '\n', ',', ':', ';', '.', '(', ')', '"', '\'', '\\', '@', '=', '*', '-', '+', '[',
    ']', '0', '1', '9', 'r', 'k', 'u', 'f', 'L', 'x', 'e', '_', 'é', '日', '\u{0}', '\u{7f}',
    '\u{200b}', '😀', '{', '}',
];

/// Tokens of the assembly language, to splice into text.
const TOKENS: &[&str] = &[
    ".func",
    ".end",
    ".local",
    ".capture",
    ".const",
    ".handler",
    ".global",
    ".module",
    ".language",
    "main()",
    "r0",
    "r255",
    "r256",
    "k0",
    "k65535",
    "u0",
    "f0",
    "f1",
    "L0",
    "loop:",
    "jmp",
    "call",
    "callkw",
    "loadk",
    "loadi",
    "table(",
    "float(0x7ff8000000000001)",
    "nan",
    "-inf",
    "\"\\u{110000}\"",
    "\"\\x4",
    "123456789012345678901234567890",
    "-0.0",
    "1e400",
    "0x",
    "0b2",
    "(1, (2, (3,)))",
    "regs=",
    "regs=300",
    "*args",
    "**kw",
    "@1:2",
    "0007",
    "True",
    "None",
];

/// Applies one to three random edits to `text` (always valid UTF-8).
pub fn text(rng: &mut Rng, input: &str) -> String {
    let mut chars: Vec<char> = input.chars().collect();
    for _ in 0..1 + rng.below(3) {
        let len = chars.len();
        match rng.below(7) {
            0 if len > 0 => {
                let at = rng.below(len);
                let n = 1 + rng.below((len - at).min(12));
                chars.drain(at..at + n);
            }
            1 => {
                let at = rng.below(len + 1);
                chars.insert(at, *rng.pick(CHARS));
            }
            2 => {
                let at = rng.below(len + 1);
                let t: Vec<char> = rng.pick(TOKENS).chars().collect();
                chars.splice(at..at, t);
            }
            3 | 4 => {
                // Line edits: delete, duplicate or swap whole lines.
                let text: String = chars.iter().collect();
                let mut lines: Vec<&str> = text.split('\n').collect();
                let n = lines.len();
                let i = rng.below(n);
                match rng.below(3) {
                    0 if n > 1 => {
                        lines.remove(i);
                    }
                    1 => lines.insert(i, lines[i]),
                    _ => lines.swap(i, rng.below(n)),
                }
                chars = lines.join("\n").chars().collect();
            }
            5 if len > 0 => {
                let at = rng.below(len);
                chars[at] = *rng.pick(CHARS);
            }
            _ => {
                let at = rng.below(len + 1);
                let c = char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('?');
                chars.insert(at, c);
            }
        }
    }
    chars.into_iter().collect()
}

/// Random text made of assembly tokens, characters and newlines.
pub fn token_soup(rng: &mut Rng, max_tokens: usize) -> String {
    let mut s = String::new();
    for _ in 0..rng.below(max_tokens + 1) {
        match rng.below(4) {
            0 => {
                let t: &&str = rng.pick(TOKENS);
                s.push_str(t)
            }
            1 => s.push(*rng.pick(CHARS)),
            2 => s.push_str(rng.pick(isa::Opcode::ALL).mnemonic()),
            _ => {
                let t: &&str = rng.pick(&[" ", ", ", "\n", "\n    ", " r1", " 3"]);
                s.push_str(t)
            }
        }
    }
    s
}

/// Appends the checksum a `.rbc` file ends with, so that bytes made up by a
/// test get past the reader's integrity check to its structural checks.
pub fn seal(bytes: &mut Vec<u8>) {
    let sum = bytecode::format::checksum(bytes);
    bytes.extend_from_slice(&sum.to_le_bytes());
}

/// Replaces the last four bytes with the checksum of the rest: damage made
/// by a test then reaches the reader's structural checks and the verifier,
/// as a deliberately forged file would.
pub fn reseal(bytes: &mut Vec<u8>) {
    if bytes.len() >= 4 {
        bytes.truncate(bytes.len() - 4);
        seal(bytes);
    }
}
