//! Transcripts of a run in the seed's style: the instructions as they are
//! loaded, then for each executed one its opcode, what it does and the value
//! it leaves, and finally the output.
//!
//! ```text
//! [*] Pushing instruction : 0x0134807b ADD 1234, 123 onto program stack.
//! [*] Sending HALT instruction now
//! [*] Executing OPCODE : 0
//! [*] Adding 1234 and 123 and storing on TOS
//! [*] Current TOS : 1357
//! [*] Executing OPCODE : 5
//! [*] Halting
//! [*] Current TOS : 1357
//! [*] Output : 1357
//! ```

use crate::arith::BinOp;
use crate::codegen_register::{constant_operand, RegisterProgram};
use crate::codegen_stack::StackProgram;
use crate::error::CalcError;
use crate::machine::{Effect, Instruction, Machine, Op};
use isa::{Instr, Opcode};
use std::fmt::Write;
use vm::{Outcome, Vm};

/// A transcript and the result of the run it describes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transcript {
    /// The transcript, one `[*] ...` line each.
    pub text: String,
    /// The value, or why the run failed (the transcript stops there).
    pub result: Result<i64, CalcError>,
}

/// Runs a stack program on `machine`, recording a transcript.
pub fn stack(program: &StackProgram, machine: &mut Machine) -> Transcript {
    let mut text = String::new();
    let words = program.words();
    for (index, &word) in words.iter().enumerate() {
        match Instruction::decode(word) {
            Ok(i) if i.op == Op::Halt && index + 1 == words.len() => {
                text.push_str("[*] Sending HALT instruction now\n");
            }
            Ok(i) => {
                let _ = writeln!(
                    text,
                    "[*] Pushing instruction : 0x{word:08x} {i} onto program stack."
                );
            }
            Err(code) => {
                let _ = writeln!(
                    text,
                    "[*] Pushing instruction : 0x{word:08x} <opcode {code}> onto program stack."
                );
            }
        }
    }
    machine.load_program(words);
    let result = loop {
        let step = match machine.step() {
            Ok(step) => step,
            Err(e) => break Err(program.error(e)),
        };
        let _ = writeln!(
            text,
            "[*] Executing OPCODE : {}",
            step.instruction.op.code()
        );
        let _ = match step.effect {
            Effect::Pushed(v) => writeln!(text, "[*] Pushing {v} on TOS"),
            Effect::Combined { op, lhs, rhs, .. } => {
                writeln!(text, "[*] {} and storing on TOS", op.describe(lhs, rhs))
            }
            Effect::Negated { value, .. } => {
                writeln!(text, "[*] Negating {value} and storing on TOS")
            }
            Effect::Halted => writeln!(text, "[*] Halting"),
        };
        let _ = match machine.tos() {
            Some(v) => writeln!(text, "[*] Current TOS : {v}"),
            None => writeln!(text, "[*] Current TOS : (the stack is empty)"),
        };
        if step.effect == Effect::Halted {
            break program.run_result(machine.tos());
        }
    };
    if let Ok(v) = result {
        let _ = writeln!(text, "[*] Output : {v}");
    }
    Transcript { text, result }
}

/// Runs a register program on a fresh VM, recording a transcript.
pub fn register(program: &RegisterProgram) -> Transcript {
    let mut text = String::new();
    let module = program.module();
    for (index, f) in module.functions.iter().enumerate() {
        for instr in &f.code {
            let _ = writeln!(
                text,
                "[*] Pushing instruction : 0x{:08x} {instr} into function f{index} ({}).",
                instr.0, f.name
            );
        }
    }
    let mut machine = program.start();
    let result = loop {
        let Some((_, func, pc)) = machine.position() else {
            break program.result(Outcome::OutOfFuel);
        };
        let Some(f) = module.functions.get(func as usize) else {
            break program.result(Outcome::OutOfFuel);
        };
        let Some(&instr) = f.code.get(pc as usize) else {
            break program.result(Outcome::OutOfFuel);
        };
        let _ = writeln!(text, "[*] Executing OPCODE : {} ({instr})", instr.op_byte());
        let _ = writeln!(text, "[*] {}", describe(&machine, f, instr));
        let depth = machine.depth();
        match machine.step() {
            Outcome::OutOfFuel => {
                let writes = instr.opcode().is_some_and(|op| op.writes_a());
                if writes && machine.depth() == depth {
                    if let Some(v) = machine.registers().get(instr.a()) {
                        let _ = writeln!(text, "[*] r{} : {}", instr.a(), machine.repr(*v));
                    }
                }
            }
            outcome => break program.result(outcome),
        }
    };
    if let Ok(v) = result {
        let _ = writeln!(text, "[*] Output : {v}");
    }
    Transcript { text, result }
}

/// What a register instruction is about to do, with its operands' values.
fn describe(machine: &Vm, f: &bytecode::Function, instr: Instr) -> String {
    let reg = |i: usize| {
        machine
            .registers()
            .get(i)
            .map_or_else(|| "?".to_string(), |v| machine.repr(*v))
    };
    let konst = || constant_operand(f, instr).map_or_else(|| "?".to_string(), |v| v.to_string());
    let arith = |op: BinOp, rhs: String| {
        format!(
            "{} and storing in r{}",
            op.describe(reg(instr.b()), rhs),
            instr.a()
        )
    };
    match instr.opcode() {
        Some(Opcode::LoadI) => format!("Loading {} into r{}", instr.sbx(), instr.a()),
        Some(Opcode::LoadK) => format!("Loading {} into r{}", konst(), instr.a()),
        Some(Opcode::Add) => arith(BinOp::Add, reg(instr.c())),
        Some(Opcode::Sub) => arith(BinOp::Sub, reg(instr.c())),
        Some(Opcode::Mul) => arith(BinOp::Mul, reg(instr.c())),
        Some(Opcode::TDiv) => arith(BinOp::Div, reg(instr.c())),
        Some(Opcode::TMod) => arith(BinOp::Mod, reg(instr.c())),
        Some(Opcode::AddI) => arith(BinOp::Add, instr.sc().to_string()),
        Some(Opcode::SubI) => arith(BinOp::Sub, instr.sc().to_string()),
        Some(Opcode::MulI) => arith(BinOp::Mul, instr.sc().to_string()),
        Some(Opcode::AddK) => arith(BinOp::Add, konst()),
        Some(Opcode::SubK) => arith(BinOp::Sub, konst()),
        Some(Opcode::MulK) => arith(BinOp::Mul, konst()),
        Some(Opcode::Neg) => format!("Negating {} and storing in r{}", reg(instr.b()), instr.a()),
        Some(Opcode::ChkI64) => format!("Checking that {} fits in 64 bits", reg(instr.a())),
        Some(Opcode::Closure) => {
            format!("Making helper function f{} in r{}", instr.bx(), instr.a())
        }
        Some(Opcode::Call) => format!("Calling the helper function in r{}", instr.a()),
        Some(Opcode::Return) => format!("Returning {}", reg(instr.a())),
        _ => instr.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{codegen_register, codegen_stack, parser::parse};

    #[test]
    fn the_seed_transcript() {
        let expr = parse("1234+123").unwrap();
        let program = codegen_stack::compile(&expr).unwrap();
        let t = stack(&program, &mut Machine::new());
        assert_eq!(t.result, Ok(1357));
        assert_eq!(
            t.text,
            "[*] Pushing instruction : 0x0134807b ADD 1234, 123 onto program stack.\n\
             [*] Sending HALT instruction now\n\
             [*] Executing OPCODE : 0\n\
             [*] Adding 1234 and 123 and storing on TOS\n\
             [*] Current TOS : 1357\n\
             [*] Executing OPCODE : 5\n\
             [*] Halting\n\
             [*] Current TOS : 1357\n\
             [*] Output : 1357\n"
        );
    }

    #[test]
    fn a_stack_transcript_stops_at_the_error() {
        let expr = parse("-(7 - 7) - 4 / (2 - 2)").unwrap();
        let program = codegen_stack::compile(&expr).unwrap();
        let t = stack(&program, &mut Machine::new());
        assert!(matches!(t.result, Err(CalcError::Runtime(_))));
        assert!(t.text.contains("[*] Negating 0 and storing on TOS\n"));
        // The failing SDIVIDE is not reported as executed, and there is no output.
        assert!(t.text.ends_with("[*] Executing OPCODE : 1\n[*] Subtracting 2 from 2 and storing on TOS\n[*] Current TOS : 0\n"), "{}", t.text);
    }

    #[test]
    fn the_register_transcript() {
        let expr = parse("1234+123").unwrap();
        let program = codegen_register::compile(&expr).unwrap();
        let t = register(&program);
        assert_eq!(t.result, Ok(1357));
        assert_eq!(
            t.text,
            "[*] Pushing instruction : 0x04d20002 loadi r0, 1234 into function f0 (main).\n\
             [*] Pushing instruction : 0x7b00001f addi r0, r0, 123 into function f0 (main).\n\
             [*] Pushing instruction : 0x0000004f return r0 into function f0 (main).\n\
             [*] Executing OPCODE : 2 (loadi r0, 1234)\n\
             [*] Loading 1234 into r0\n\
             [*] r0 : 1234\n\
             [*] Executing OPCODE : 31 (addi r0, r0, 123)\n\
             [*] Adding 1234 and 123 and storing in r0\n\
             [*] r0 : 1357\n\
             [*] Executing OPCODE : 79 (return r0)\n\
             [*] Returning 1357\n\
             [*] Output : 1357\n"
        );
    }
}
