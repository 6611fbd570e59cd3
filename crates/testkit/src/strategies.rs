//! Proptest strategies for the in-memory module, covering every field the
//! `.rbc` format stores: big integers, floats of every bit pattern (`-0.0`,
//! NaNs with payloads, infinities), Unicode strings, nested tuples, jump
//! tables, captures and handlers. The modules have any shape; they are not
//! meant to pass the verifier.

use bytecode::{
    Capture, CaptureSource, Constant, Function, FunctionFlags, Handler, Language, Loc, Module,
};
use isa::Instr;
use num_bigint::{BigInt, Sign};
use proptest::collection::vec;
use proptest::prelude::*;

/// An integer outside the 64-bit range (the only kind `Constant::BigInt` holds).
pub fn big_int() -> impl Strategy<Value = BigInt> {
    (any::<bool>(), vec(any::<u8>(), 9..48)).prop_map(|(neg, mut mag)| {
        // At least 9 bytes with a non-zero top byte: |n| >= 2**64.
        if let Some(top) = mag.last_mut() {
            *top |= 1;
        }
        let sign = if neg { Sign::Minus } else { Sign::Plus };
        BigInt::from_bytes_le(sign, &mag)
    })
}

/// Floats, with the special values and arbitrary bit patterns well represented.
pub fn float() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        any::<u64>().prop_map(f64::from_bits),
        Just(0.0),
        Just(-0.0),
        Just(f64::NAN),
        Just(-f64::NAN),
        Just(f64::from_bits(0x7ff0_0000_0000_0001)),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(f64::MIN_POSITIVE),
        Just(5e-324),
    ]
}

/// A string of any Unicode characters, control characters and quotes included.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z_]{0,8}",
        "[\"'\\\\\n\t\r\0 éあ😀\u{7f}\u{200b}]{0,6}",
    ]
}

/// A constant that is not a tuple.
pub fn leaf_constant() -> impl Strategy<Value = Constant> {
    prop_oneof![
        Just(Constant::None),
        any::<bool>().prop_map(Constant::Bool),
        any::<i64>().prop_map(Constant::Int),
        prop_oneof![Just(i64::MIN), Just(i64::MAX), Just(0), Just(-1)].prop_map(Constant::Int),
        big_int().prop_map(Constant::BigInt),
        float().prop_map(Constant::Float),
        text().prop_map(Constant::Str),
        vec(any::<u32>(), 0..6).prop_map(Constant::Table),
    ]
}

/// Any constant, tuples nested a few levels deep.
pub fn constant() -> impl Strategy<Value = Constant> {
    leaf_constant().prop_recursive(4, 24, 5, |inner| vec(inner, 0..5).prop_map(Constant::Tuple))
}

fn capture() -> impl Strategy<Value = Capture> {
    (any::<bool>(), any::<u8>(), text()).prop_map(|(reg, i, name)| Capture {
        source: if reg {
            CaptureSource::Register(i)
        } else {
            CaptureSource::Upval(i)
        },
        name,
    })
}

/// A function of any shape the file format can hold.
pub fn function() -> impl Strategy<Value = Function> {
    (
        (
            text(),
            any::<u8>(),
            any::<u8>(),
            any::<(bool, bool)>(),
            0u16..=256,
        ),
        vec(text(), 0..5),
        vec(capture(), 0..3),
        vec(constant(), 0..6),
        vec((any::<u32>(), any::<u32>(), any::<u32>()), 0..16),
        vec((any::<u32>(), any::<u32>(), any::<u32>()), 0..3),
    )
        .prop_map(
            |((name, np, nk, (va, vk), nregs), names, captures, constants, code, handlers)| {
                Function {
                    name,
                    num_params: np,
                    num_kwonly: nk,
                    flags: FunctionFlags {
                        varargs: va,
                        varkw: vk,
                        generator: va && vk,
                    },
                    num_registers: nregs,
                    names,
                    captures,
                    constants,
                    locs: code
                        .iter()
                        .map(|(_, line, col)| Loc {
                            line: *line,
                            col: *col,
                        })
                        .collect(),
                    code: code.iter().map(|(w, _, _)| Instr(*w)).collect(),
                    handlers: handlers
                        .into_iter()
                        .map(|(start, end, target)| Handler { start, end, target })
                        .collect(),
                }
            },
        )
}

/// A language tag.
pub fn language() -> impl Strategy<Value = Language> {
    prop_oneof![
        Just(Language::Assembly),
        Just(Language::Tutorial),
        Just(Language::Python),
        Just(Language::Calc),
    ]
}

/// A module of any shape the file format can hold.
pub fn module() -> impl Strategy<Value = Module> {
    (text(), language(), vec(text(), 0..5), vec(function(), 0..4)).prop_map(
        |(name, language, globals, functions)| Module {
            name,
            language,
            globals,
            functions,
        },
    )
}
