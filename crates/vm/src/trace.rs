//! Tracing: one instruction at a time, described with the registers it wrote
//! (`rhodium run --trace`, the REPL's `.trace on`).

use crate::vm::{Outcome, Vm};

/// Executes one instruction and describes it on one line (ending in a
/// newline): `[function pc] instruction    ; rN = repr, ...`, listing the
/// destination registers as they are after the step when the step stayed in
/// the same frame. Without a running program nothing executes and the
/// outcome is `OutOfFuel` with an empty line.
pub fn step(machine: &mut Vm) -> (Outcome, String) {
    let Some((unit, func, pc)) = machine.position() else {
        return (Outcome::OutOfFuel, String::new());
    };
    let (name, instr) = match machine
        .module(unit)
        .and_then(|m| m.functions.get(func as usize))
    {
        Some(f) => (f.name.clone(), f.code.get(pc as usize).copied()),
        None => ("?".into(), None),
    };
    let depth = machine.depth();
    let outcome = machine.step();
    let mut line = format!("[{name} {pc:04}] ");
    if let Some(i) = instr {
        line.push_str(&i.to_string());
        // Registers written, read in the same frame after the step.
        if machine.depth() == depth && machine.position().map(|p| p.1) == Some(func) {
            if let Ok((op, operands)) = i.decode() {
                let regs = machine.registers();
                let mut written = Vec::new();
                for (kind, v) in op.operands().iter().zip(operands) {
                    if *kind == isa::OperandKind::Dst {
                        if let Some(val) = regs.get(v as usize) {
                            written.push(format!("r{v} = {}", machine.repr(*val)));
                        }
                    }
                }
                if !written.is_empty() {
                    line.push_str("    ; ");
                    line.push_str(&written.join(", "));
                }
            }
        }
    }
    line.push('\n');
    (outcome, line)
}
