//! Property tests: every encodable instruction decodes back to itself.

use isa::{Instr, Opcode};
use proptest::prelude::*;

fn any_opcode() -> impl Strategy<Value = Opcode> {
    (0..Opcode::COUNT).prop_map(|i| Opcode::ALL[i])
}

proptest! {
    #[test]
    fn encode_then_decode_is_identity(op in any_opcode(), a in any::<i64>(), b in any::<i64>(), c in any::<i64>()) {
        // Clamp the random operands into each field's legal range.
        let mut operands = [a, b, c];
        for (i, v) in operands.iter_mut().enumerate() {
            let probe = Instr::encode(op, {
                let mut o = [0; 3];
                o[i] = i64::MIN;
                o
            });
            let (min, max) = match probe {
                Err(isa::EncodeError::OutOfRange { min, max, .. }) => (min, max),
                _ => (0, 0),
            };
            *v = min + (v.rem_euclid(max - min + 1));
        }
        let word = Instr::encode(op, operands).unwrap();
        prop_assert_eq!(word.decode().unwrap(), (op, operands));
    }

    #[test]
    fn decode_never_panics_and_reencodes(word in any::<u32>()) {
        if let Ok((op, operands)) = Instr(word).decode() {
            prop_assert_eq!(Instr::encode(op, operands).unwrap(), Instr(word));
        }
        let _ = Instr(word).to_string();
    }
}

/// The inclusive range each operand of `op` accepts, found by asking the encoder.
fn ranges(op: Opcode) -> [(i64, i64); 3] {
    let mut out = [(0, 0); 3];
    for (i, r) in out.iter_mut().enumerate() {
        let mut probe = [0i64; 3];
        probe[i] = i64::MIN;
        *r = match Instr::encode(op, probe) {
            Err(isa::EncodeError::OutOfRange { min, max, .. }) => (min, max),
            Ok(_) => panic!("{op:?} accepted i64::MIN in operand {i}"),
        };
    }
    out
}

/// Every opcode, with every operand at its minimum, zero and maximum (all
/// combinations): the word decodes to the same operands, and one past either
/// end of a field is refused.
#[test]
fn field_boundaries_round_trip_for_every_opcode() {
    for op in Opcode::ALL {
        let r = ranges(*op);
        let edges = |(lo, hi): (i64, i64)| {
            let mut v = vec![lo, hi];
            if lo < 0 && hi > 0 {
                v.push(0);
            }
            v
        };
        for a in edges(r[0]) {
            for b in edges(r[1]) {
                for c in edges(r[2]) {
                    let word = Instr::encode(*op, [a, b, c]).expect("in range");
                    assert_eq!(word.decode(), Ok((*op, [a, b, c])), "{op:?}");
                    assert_eq!(word.opcode(), Some(*op));
                }
            }
        }
        for (i, (lo, hi)) in r.iter().enumerate() {
            for bad in [lo - 1, hi + 1] {
                let mut o = [0i64; 3];
                o[i] = bad;
                assert!(
                    Instr::encode(*op, o).is_err(),
                    "{op:?} operand {i} accepted {bad}"
                );
            }
        }
        assert_eq!(Opcode::from_mnemonic(op.mnemonic()), Some(*op));
    }
}

proptest! {
    /// Out-of-range operands are refused, never silently truncated.
    #[test]
    fn out_of_range_operands_are_refused(op in any_opcode(), i in 0usize..3, v in any::<i64>()) {
        let (lo, hi) = ranges(op)[i];
        let mut o = [0i64; 3];
        o[i] = v;
        prop_assert_eq!(Instr::encode(op, o).is_ok(), (lo..=hi).contains(&v));
    }

    /// A decoded word's text names its opcode and is stable.
    #[test]
    fn display_of_valid_words_names_the_opcode(word in any::<u32>()) {
        let i = Instr(word);
        let text = i.to_string();
        match i.decode() {
            Ok((op, _)) => prop_assert!(text.starts_with(op.mnemonic()), "{}", text),
            Err(_) => prop_assert!(text.starts_with(".word"), "{}", text),
        }
    }
}
