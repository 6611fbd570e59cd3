//! The `.rbc` format: write/read round trips of modules of any shape, reading
//! arbitrary and damaged bytes without panicking, and a distinct error for
//! each kind of damage.

use bytecode::format::{self, ReadError, MAGIC, VERSION};
use bytecode::verifier::{self, Rule};
use bytecode::{
    Capture, CaptureSource, Constant, Function, FunctionFlags, Handler, Language, Loc, Module,
};
use isa::{Instr, Opcode};
use num_bigint::BigInt;
use proptest::prelude::*;
use testkit::Rng;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// `read(write(m)) == m`, and writing again gives the same bytes.
    #[test]
    fn write_then_read_is_identity(m in testkit::strategies::module()) {
        let bytes = format::write(&m);
        let back = format::read(&bytes);
        prop_assert_eq!(back.as_ref(), Ok(&m));
        prop_assert_eq!(format::write(&back.unwrap()), bytes);
    }

    /// Constants survive alone too, with the float bit patterns exact.
    #[test]
    fn constants_round_trip_bit_exactly(k in testkit::strategies::constant()) {
        let mut m = Module::new("k", Language::Assembly);
        m.functions.push(Function { constants: vec![k.clone()], ..Function::default() });
        let back = format::read(&format::write(&m)).expect("a written module reads back");
        prop_assert_eq!(&back.functions[0].constants[0], &k);
    }

    /// Any bytes at all: an error or a module, never a panic.
    #[test]
    fn reading_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = format::read(&bytes);
    }

    /// Arbitrary bytes after a valid header (and before a valid checksum) get
    /// past the magic, version and checksum checks to the structural ones.
    #[test]
    fn reading_arbitrary_bodies_never_panics(body in proptest::collection::vec(any::<u8>(), 0..600)) {
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&VERSION.to_le_bytes());
        bytes.extend_from_slice(&[0, 0]);
        bytes.extend_from_slice(&body);
        testkit::mutate::seal(&mut bytes);
        if let Ok(m) = format::read(&bytes) {
            let _ = verifier::verify(m);
        }
    }
}

/// Thousands of damaged copies of written modules go through the reader and
/// the verifier without a panic. Accidental damage is always refused; damage
/// with a recomputed checksum (a forged file) reaches the structural checks
/// and the verifier, and what reads back writes back identically.
#[test]
fn damaged_modules_never_panic() {
    let opts = testkit::program::Options::default();
    let mut rng = Rng::new(0x5eed);
    let mut read_ok = 0;
    for seed in 0..400 {
        let original = format::write(&testkit::program::random(seed, &opts));
        for _ in 0..10 {
            let mut damaged = testkit::mutate::bytes(&mut rng, &original);
            if damaged != original {
                assert!(format::read(&damaged).is_err(), "damage went unnoticed");
            }
            testkit::mutate::reseal(&mut damaged);
            if let Ok(m) = format::read(&damaged) {
                read_ok += 1;
                let again = format::write(&m);
                assert_eq!(format::read(&again).as_ref(), Ok(&m));
                let _ = verifier::verify(m);
            }
        }
    }
    // Some forged damage (a flipped operand bit, a changed float) reads.
    assert!(read_ok > 100, "only {read_ok} damaged modules read");
}

#[test]
fn the_checksum_is_crc32() {
    assert_eq!(format::checksum(b""), 0);
    assert_eq!(format::checksum(b"123456789"), 0xCBF4_3926);
}

/// No single flipped bit anywhere in a file goes unnoticed.
#[test]
fn every_flipped_bit_is_refused() {
    let good = format::write(&sample());
    for i in 0..good.len() {
        for bit in 0..8 {
            let mut bad = good.clone();
            bad[i] ^= 1 << bit;
            assert!(
                format::read(&bad).is_err(),
                "flipping bit {bit} of byte {i} was not noticed"
            );
        }
    }
    // A flip that leaves the structure intact is caught by the checksum.
    let at = good
        .windows(2)
        .position(|w| w == b"hi")
        .expect("the string constant is in the file");
    let mut bad = good.clone();
    bad[at] = b'H';
    assert!(matches!(
        format::read(&bad),
        Err(ReadError::BadChecksum { .. })
    ));
}

/// A small valid module: two functions, constants of several kinds, a
/// capture, a handler, and a global.
fn sample() -> Module {
    let enc = |op, a, b, c| Instr::encode(op, [a, b, c]).expect("operands fit");
    let main = Function {
        name: "main".into(),
        num_registers: 4,
        names: vec!["x".into()],
        constants: vec![
            Constant::Str("hi".into()),
            Constant::BigInt(BigInt::from(1u8) << 70),
            Constant::Float(-0.0),
            Constant::Tuple(vec![Constant::Int(1), Constant::None]),
            Constant::Table(vec![0, 1]),
        ],
        code: vec![
            enc(Opcode::LoadK, 0, 0, 0),     // 0
            enc(Opcode::MkCell, 0, 0, 0),    // 1
            enc(Opcode::Closure, 1, 1, 0),   // 2
            enc(Opcode::GetGlobal, 2, 0, 0), // 3
            enc(Opcode::BrTrue, 2, 0, 1),    // 4
            enc(Opcode::Jmp, 1, 0, 0),       // 5: to 7
            enc(Opcode::Error, 8, 0, 0),     // 6
            enc(Opcode::JmpTab, 3, 4, 0),    // 7
        ],
        locs: (1..=8).map(|l| Loc { line: l, col: 1 }).collect(),
        handlers: vec![Handler {
            start: 0,
            end: 2,
            target: 6,
        }],
        ..Function::default()
    };
    let inner = Function {
        name: "inner".into(),
        num_params: 1,
        num_registers: 2,
        names: vec!["a".into()],
        captures: vec![Capture {
            source: CaptureSource::Register(0),
            name: "x".into(),
        }],
        code: vec![enc(Opcode::GetUpval, 1, 0, 0), enc(Opcode::Return, 1, 0, 0)],
        locs: vec![Loc::default(); 2],
        ..Function::default()
    };
    Module {
        name: "sample.asm".into(),
        language: Language::Assembly,
        globals: vec!["print".into()],
        functions: vec![main, inner],
    }
}

#[test]
fn the_sample_is_valid() {
    let m = sample();
    assert_eq!(format::read(&format::write(&m)), Ok(m.clone()));
    verifier::verify(m).expect("the sample verifies");
}

#[test]
fn every_truncation_is_reported_as_truncated() {
    let bytes = format::write(&sample());
    for len in 0..bytes.len() {
        match format::read(&bytes[..len]) {
            Err(ReadError::Truncated { .. }) => {}
            other => panic!("a file cut to {len} bytes gave {other:?}"),
        }
    }
}

#[test]
fn each_kind_of_damage_has_its_own_error() {
    let good = format::write(&sample());
    let with = |at: usize, b: &[u8]| {
        let mut v = good.clone();
        v[at..at + b.len()].copy_from_slice(b);
        v
    };
    // Bad magic, whatever the rest.
    assert_eq!(format::read(&with(0, b"RHBD")), Err(ReadError::BadMagic));
    assert_eq!(format::read(b"\x7fELF\x02\x01"), Err(ReadError::BadMagic));
    assert_eq!(format::read(b"X"), Err(ReadError::BadMagic));
    // Another format version.
    for v in [0u16, VERSION + 1, u16::MAX] {
        assert_eq!(
            format::read(&with(4, &v.to_le_bytes())),
            Err(ReadError::UnsupportedVersion {
                found: v,
                expected: VERSION
            })
        );
    }
    // The reserved field must be zero.
    assert!(matches!(
        format::read(&with(6, &[1, 0])),
        Err(ReadError::OutOfRange {
            what: "reserved field",
            ..
        })
    ));
    // Extra bytes after the module.
    let mut long = good.clone();
    long.push(0);
    assert_eq!(
        format::read(&long),
        Err(ReadError::TrailingBytes {
            offset: good.len(),
            count: 1
        })
    );
    // The module name "sample.asm" starts at byte 12; its language tag follows.
    let lang_at = 12 + "sample.asm".len();
    assert!(matches!(
        format::read(&with(lang_at, &[9])),
        Err(ReadError::BadTag {
            what: "language",
            tag: 9,
            ..
        })
    ));
    // A string that is not UTF-8.
    assert_eq!(
        format::read(&with(12, &[0xff])),
        Err(ReadError::BadUtf8 { offset: 8 })
    );
    // A huge count is a truncation found before anything is allocated.
    assert!(matches!(
        format::read(&with(8, &u32::MAX.to_le_bytes())),
        Err(ReadError::Truncated {
            what: "module name",
            offset: 8
        })
    ));
}

#[test]
fn bad_constant_and_flag_encodings_are_refused() {
    let mut m = sample();
    m.functions[0].constants = vec![Constant::Int(5)];
    m.functions[0].code = vec![Instr::abc(Opcode::ReturnNone, 0, 0, 0)];
    m.functions[0].locs = vec![Loc::default()];
    m.functions[0].handlers.clear();
    let bytes = format::write(&m);
    // The constant tag 3 (int) is followed by 8 bytes; find it by its value.
    let at = bytes
        .windows(9)
        .position(|w| w == [3, 5, 0, 0, 0, 0, 0, 0, 0])
        .expect("the int constant is in the file");
    let mut bad = bytes.clone();
    bad[at] = 42;
    testkit::mutate::reseal(&mut bad);
    assert!(matches!(
        format::read(&bad),
        Err(ReadError::BadTag {
            what: "constant",
            tag: 42,
            ..
        })
    ));
    // A register count above 256.
    let mut m2 = m.clone();
    m2.functions[0].num_registers = 300;
    assert!(matches!(
        format::read(&format::write(&m2)),
        Err(ReadError::OutOfRange {
            what: "register count",
            value: 300,
            ..
        })
    ));
    // Unknown function flag bits.
    let mut m3 = m.clone();
    m3.functions[0].flags = FunctionFlags {
        varargs: true,
        varkw: false,
        generator: false,
    };

    let mut bytes3 = format::write(&m3);
    let flag_at =
        12 + "sample.asm".len() + 1 + 4 + (4 + "print".len()) + 4 + (4 + "main".len()) + 2;
    assert_eq!(
        bytes3[flag_at], 1,
        "the flags byte is where the format says"
    );
    bytes3[flag_at] = 8;
    testkit::mutate::reseal(&mut bytes3);
    assert!(matches!(
        format::read(&bytes3),
        Err(ReadError::BadTag {
            what: "function flags",
            tag: 8,

            ..
        })
    ));
}

/// Out-of-range indexes read fine (the format does not know what they mean)
/// and are refused by the verifier, each under its own rule.
#[test]
fn out_of_range_indexes_are_refused_by_the_verifier() {
    let enc = |op, a, b, c| Instr::encode(op, [a, b, c]).expect("operands fit");
    type Edit = Box<dyn Fn(&mut Module)>;
    let cases: Vec<(&str, Edit, Rule)> = vec![
        (
            "register",
            Box::new(move |m| m.functions[0].code[0] = enc(Opcode::LoadK, 4, 0, 0)),
            Rule::RegisterInFrame,
        ),
        (
            "constant",
            Box::new(move |m| m.functions[0].code[0] = enc(Opcode::LoadK, 0, 5, 0)),
            Rule::ConstantIndex,
        ),
        (
            "constant kind",
            Box::new(move |m| m.functions[0].code[0] = enc(Opcode::LoadK, 0, 4, 0)),
            Rule::ConstantKind,
        ),
        (
            "name kind",
            Box::new(move |m| m.functions[0].code[0] = enc(Opcode::GetAttr, 0, 0, 1)),
            Rule::ConstantKind,
        ),
        (
            "global",
            Box::new(move |m| m.functions[0].code[3] = enc(Opcode::GetGlobal, 2, 1, 0)),
            Rule::GlobalIndex,
        ),
        (
            "function",
            Box::new(move |m| m.functions[0].code[2] = enc(Opcode::Closure, 1, 2, 0)),
            Rule::FunctionIndex,
        ),
        (
            "entry closure",
            Box::new(move |m| m.functions[0].code[2] = enc(Opcode::Closure, 1, 0, 0)),
            Rule::FunctionIndex,
        ),
        (
            "upvalue",
            Box::new(move |m| m.functions[1].code[0] = enc(Opcode::GetUpval, 1, 1, 0)),
            Rule::UpvalIndex,
        ),
        (
            "capture source",
            Box::new(|m| m.functions[1].captures[0].source = CaptureSource::Register(9)),
            Rule::CaptureSource,
        ),
        (
            "exception class",
            Box::new(move |m| m.functions[0].code[6] = enc(Opcode::Error, 200, 0, 0)),
            Rule::ExceptionClass,
        ),
        (
            "jump target",
            Box::new(move |m| m.functions[0].code[5] = enc(Opcode::Jmp, 50, 0, 0)),
            Rule::ControlInFunction,
        ),
        (
            "jump backwards",
            Box::new(move |m| m.functions[0].code[5] = enc(Opcode::Jmp, -7, 0, 0)),
            Rule::ControlInFunction,
        ),
        (
            "table target",
            Box::new(|m| m.functions[0].constants[4] = Constant::Table(vec![0, 8])),
            Rule::ControlInFunction,
        ),
        // Regressions: modules that verified but whose listings could not be
        // assembled back (see crates/asm/tests/robustness.rs).
        (
            "unused table target",
            Box::new(|m| m.functions[0].constants.push(Constant::Table(vec![8]))),
            Rule::ControlInFunction,
        ),
        (
            "table in a tuple",
            Box::new(|m| {
                m.functions[0]
                    .constants
                    .push(Constant::Tuple(vec![Constant::Tuple(vec![
                        Constant::Table(vec![0]),
                    ])]))
            }),
            Rule::ConstantKind,
        ),
        (
            "duplicate global",
            Box::new(|m| m.globals.push("print".into())),
            Rule::GlobalIndex,
        ),
        (
            "unnamed parameter",
            Box::new(|m| m.functions[1].names.clear()),
            Rule::FrameShape,
        ),
        (
            "handler target",
            Box::new(|m| m.functions[0].handlers[0].target = 8),
            Rule::ControlInFunction,
        ),
        (
            "handler range",
            Box::new(|m| m.functions[0].handlers[0].end = 9),
            Rule::ControlInFunction,
        ),
        (
            "empty handler",
            Box::new(|m| m.functions[0].handlers[0].end = 0),
            Rule::ControlInFunction,
        ),
        (
            "branch without jmp",
            Box::new(move |m| m.functions[0].code[5] = enc(Opcode::Nop, 0, 0, 0)),
            Rule::BranchThenJump,
        ),
        // Regression: a branch whose `jmp` is the last instruction falls off
        // the end when the branch is not taken (the interpreter indexed past
        // the code).
        (
            "branch at the end",
            Box::new(move |m| {
                let f = &mut m.functions[0];
                f.code.truncate(6);
                f.locs.truncate(6);
                f.code[5] = enc(Opcode::Jmp, -2, 0, 0);
                f.handlers.clear();
            }),
            Rule::ControlInFunction,
        ),
        (
            "fall off the end",
            Box::new(move |m| m.functions[0].code[7] = enc(Opcode::Nop, 0, 0, 0)),
            Rule::ControlInFunction,
        ),
        (
            "window",
            Box::new(move |m| m.functions[0].code[0] = enc(Opcode::Call, 2, 5, 0)),
            Rule::RegisterInFrame,
        ),
        (
            "undecodable",
            Box::new(|m| m.functions[0].code[0] = Instr(0xff)),
            Rule::Decode,
        ),
        (
            "unused bits",
            Box::new(|m| m.functions[0].code[0] = Instr(Opcode::ReturnNone as u32 | 1 << 8)),
            Rule::Decode,
        ),
        (
            "debug table",
            Box::new(|m| {
                m.functions[0].locs.pop();
            }),
            Rule::DebugTable,
        ),
        (
            "frame size",
            Box::new(|m| m.functions[1].num_params = 3),
            Rule::FrameShape,
        ),
        (
            "names",
            Box::new(|m| m.functions[1].names = vec!["a".into(); 3]),
            Rule::FrameShape,
        ),
        (
            "empty function",
            Box::new(|m| {
                m.functions[1].code.clear();
                m.functions[1].locs.clear();
            }),
            Rule::ControlInFunction,
        ),
        (
            "entry parameters",
            Box::new(|m| {
                m.functions[0].num_params = 1;
            }),
            Rule::Entry,
        ),
        (
            "no functions",
            Box::new(|m| m.functions.clear()),
            Rule::Entry,
        ),
    ];
    for (what, edit, rule) in cases {
        let mut m = sample();
        edit(&mut m);
        // Whatever the verifier thinks, the file format carries it unchanged
        // (except a shortened debug table, which the writer pads).
        let bytes = format::write(&m);
        let read = format::read(&bytes).expect("an index error is not a format error");
        if what != "debug table" {
            assert_eq!(read, m, "{what}");
        }
        match verifier::verify(m) {
            Err(e) => assert_eq!(e.rule, rule, "{what}: {e}"),
            Ok(_) => panic!("{what}: the verifier accepted it"),
        }
    }
}
