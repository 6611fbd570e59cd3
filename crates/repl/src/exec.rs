//! Running one input on a VM: in slices of fuel, so that Ctrl-C (an atomic
//! flag set by a signal handler) is noticed between slices, within the
//! session's budget, tracing each instruction when asked.

use crate::console::Console;
use std::sync::atomic::{AtomicBool, Ordering};
use vm::{Outcome, RunError, Value, Vm};

/// Instructions run between two looks at the interrupt flag: small enough
/// that Ctrl-C answers at once, large enough to cost nothing.
pub const SLICE: u64 = 10_000;

/// The settings every mode shares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Settings {
    /// Instructions one input may execute (`None`: no limit).
    pub fuel: Option<u64>,
    /// Print each executed instruction on stderr.
    pub trace: bool,
}

/// How the run of one input ended.
#[derive(Debug)]
pub enum RunEnd {
    /// The entry function returned this value.
    Finished(Value),
    /// An uncaught exception or a resource limit.
    Error(RunError),
    /// `sys.exit(code)`.
    Exit(i32),
    /// Ctrl-C; the VM is left where it stopped.
    Interrupted,
    /// The input used up its fuel; the VM is left where it stopped.
    OutOfFuel {
        /// Instructions the input executed.
        executed: u64,
    },
    /// A way of stopping the REPL cannot continue from (such as waiting for a message).
    Stopped(String),
}

/// Runs the started program in `machine` until it ends, is interrupted, or
/// has used the fuel budget.
pub fn run(
    machine: &mut Vm,
    settings: Settings,
    interrupt: &AtomicBool,
    console: &Console,
) -> RunEnd {
    let start = machine.instructions_executed();
    loop {
        if interrupt.swap(false, Ordering::SeqCst) {
            return RunEnd::Interrupted;
        }
        let used = machine.instructions_executed().saturating_sub(start);
        let left = settings.fuel.map_or(u64::MAX, |f| f.saturating_sub(used));
        if left == 0 {
            return RunEnd::OutOfFuel { executed: used };
        }
        if !machine.is_running() {
            return RunEnd::Stopped("the program is not running".into());
        }
        let outcome = if settings.trace {
            let (outcome, line) = vm::trace::step(machine);
            console.err(&line);
            outcome
        } else {
            machine.run(Some(left.min(SLICE)))
        };
        match outcome {
            Outcome::OutOfFuel => continue,
            Outcome::Finished(v) => return RunEnd::Finished(v),
            Outcome::Error(e) => return RunEnd::Error(e),
            Outcome::Exit(code) => return RunEnd::Exit(code),
            #[allow(unreachable_patterns)]
            other => {
                return RunEnd::Stopped(format!(
                    "the program stopped in a way the REPL cannot continue from: {other:?}"
                ))
            }
        }
    }
}

/// The message for an input that ran out of fuel.
pub fn fuel_message(executed: u64) -> String {
    format!(
        "error: fuel exhausted after {executed} instructions (`.fuel` sets the budget of an input)\n"
    )
}
