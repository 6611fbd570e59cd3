//! `tdiv` and `tmod`: truncating division and the remainder with the
//! dividend's sign, on 64-bit ints (the fast path), at the 64-bit edges, and
//! on big ints, checked against 128-bit arithmetic.

use bytecode::{verifier, Constant, Function, Language, Module};
use isa::{Instr, Opcode};
use num_bigint::BigInt;
use vm::{CaptureHost, Config, Outcome, RunError, Vm};

/// Runs `R0 := K0 op K1; return R0` and gives the result as text, or the exception class.
fn run(op: Opcode, p: i128, q: i128) -> Result<String, String> {
    let mut f = Function {
        name: "main".into(),
        num_registers: 3,
        constants: vec![
            Constant::int(BigInt::from(p)),
            Constant::int(BigInt::from(q)),
        ],
        ..Function::default()
    };
    let code = [
        Instr::encode(Opcode::LoadK, [1, 0, 0]),
        Instr::encode(Opcode::LoadK, [2, 1, 0]),
        Instr::encode(op, [0, 1, 2]),
        Instr::encode(Opcode::Return, [0, 0, 0]),
    ];
    f.code = code.into_iter().map(|i| i.unwrap()).collect();
    f.locs = vec![Default::default(); f.code.len()];
    let mut module = Module::new("t", Language::Assembly);
    module.functions.push(f);
    let mut machine = Vm::new(Box::new(CaptureHost::default()), Config::default());
    let unit = machine.load(verifier::verify(module).unwrap());
    machine.start(unit).unwrap();
    match machine.run(None) {
        Outcome::Finished(v) => Ok(machine.repr(v)),
        Outcome::Error(RunError::Exception(report)) => Err(report.class),
        other => panic!("unexpected outcome {other:?}"),
    }
}

#[test]
fn truncating_division_matches_128_bit_arithmetic() {
    let edges: [i128; 13] = [
        0,
        1,
        -1,
        2,
        -2,
        7,
        -7,
        i64::MAX as i128,
        i64::MIN as i128,
        i64::MIN as i128 + 1,
        1 << 64,
        -(1 << 70),
        (1 << 63) + 5,
    ];
    for p in edges {
        for q in edges {
            let (div, rem) = (run(Opcode::TDiv, p, q), run(Opcode::TMod, p, q));
            if q == 0 {
                assert_eq!(div, Err("ZeroDivisionError".into()), "{p} / {q}");
                assert_eq!(rem, Err("ZeroDivisionError".into()), "{p} % {q}");
            } else {
                assert_eq!(div, Ok((p / q).to_string()), "{p} / {q}");
                assert_eq!(rem, Ok((p % q).to_string()), "{p} % {q}");
            }
        }
    }
    // A result that fits stays a 64-bit int, and i64::MIN / -1 does not wrap.
    assert_eq!(
        run(Opcode::TDiv, i64::MIN as i128, -1),
        Ok("9223372036854775808".into())
    );
}
