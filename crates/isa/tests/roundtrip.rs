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
