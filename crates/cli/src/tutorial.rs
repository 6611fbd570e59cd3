//! `--dump-registers`: the register files of a tutorial program (.iasm) after it stops.

use vm::{Value, Vm};

/// Why the registers cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DumpError {
    /// The program is not a tutorial program.
    #[error(
        "--dump-registers applies only to tutorial programs (.iasm, or a .rbc assembled from one)"
    )]
    NotTutorial,
    /// The program finished without returning the register files (a hand-written module).
    #[error(
        "the program did not return the tutorial register files (32 integers, then 32 floats)"
    )]
    NoRegisterFiles,
}

/// The dump of the tuple a tutorial program's `main` returns: `$N = VALUE` for
/// the 32 integer registers, then `$fN = VALUE` (Python's float repr) for each
/// float register that is not zero.
pub fn dump(machine: &Vm, result: Value) -> Result<String, DumpError> {
    let items = machine
        .heap()
        .as_seq(result)
        .filter(|items| items.len() == 64)
        .ok_or(DumpError::NoRegisterFiles)?;
    let mut out = String::new();
    for (i, v) in items[..32].iter().enumerate() {
        match v {
            Value::Int(x) => out.push_str(&format!("${i} = {x}\n")),
            _ => return Err(DumpError::NoRegisterFiles),
        }
    }
    for (i, v) in items[32..].iter().enumerate() {
        match v {
            Value::Float(x) if *x == 0.0 => {}
            Value::Float(_) => out.push_str(&format!("$f{i} = {}\n", machine.repr(*v))),
            _ => return Err(DumpError::NoRegisterFiles),
        }
    }
    Ok(out)
}
