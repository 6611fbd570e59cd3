//! Python mode: every input is compiled on its own and loaded into the
//! namespace of the first, so the session is one module that grows.

use crate::console::Console;
use crate::exec::{self, RunEnd, Settings};
use crate::Flow;
use std::sync::atomic::AtomicBool;
use vm::{Config, RunError, UnitId, Vm};

/// The name tracebacks and syntax errors give the session's inputs, as CPython's REPL does.
pub const FILE: &str = "<stdin>";

/// The persistent Python module.
pub struct PythonMode {
    machine: Vm,
    /// The first input loaded: its namespace is the session's.
    first: Option<UnitId>,
}

impl std::fmt::Debug for PythonMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PythonMode")
            .field("inputs", &self.first.is_some())
            .finish_non_exhaustive()
    }
}

impl PythonMode {
    /// An empty module whose programs write to `console`.
    pub fn new(console: &Console) -> PythonMode {
        PythonMode {
            machine: Vm::new(Box::new(console.clone()), Config::default()),
            first: None,
        }
    }

    /// Compiles and runs one complete input; returns its disassembly (when
    /// it compiled) and whether the session goes on.
    pub fn execute(
        &mut self,
        source: &str,
        settings: Settings,
        interrupt: &AtomicBool,
        console: &Console,
    ) -> (Option<String>, Flow) {
        let module = match python::compile_interactive(source, FILE) {
            Ok(m) => m,
            Err(e) => {
                console.err(&e.diagnostic().render(FILE, source));
                return (None, Flow::Continue);
            }
        };
        let listing = asm::disassemble(&module);
        let module = match bytecode::verifier::verify(module) {
            Ok(m) => m,
            Err(e) => {
                console.err(&format!(
                    "error: internal error: the compiled input was refused by the verifier: {e}\n"
                ));
                return (Some(listing), Flow::Continue);
            }
        };
        let unit = match self.first {
            None => {
                let unit = self.machine.load(module);
                self.first = Some(unit);
                unit
            }
            Some(first) => match self.machine.load_shared(module, first) {
                Ok(unit) => unit,
                Err(e) => {
                    console.err(&format!("error: internal error: {e}\n"));
                    return (Some(listing), Flow::Continue);
                }
            },
        };
        if let Err(e) = self.machine.start(unit) {
            console.err(&format!("error: internal error: {e}\n"));
            return (Some(listing), Flow::Continue);
        }
        let flow = match exec::run(&mut self.machine, settings, interrupt, console) {
            RunEnd::Finished(_) => Flow::Continue,
            RunEnd::Exit(code) => Flow::Quit(code),
            RunEnd::Error(RunError::Exception(report)) => {
                // CPython's REPL cannot show source lines of `<stdin>` either.
                console.err(&report.render_python(&|_, _| None));
                Flow::Continue
            }
            RunEnd::Error(RunError::Limit(limit)) => {
                console.err(&format!("error: {limit}\n"));
                Flow::Continue
            }
            RunEnd::Interrupted => {
                console.err("KeyboardInterrupt\n");
                Flow::Continue
            }
            RunEnd::OutOfFuel { executed } => {
                console.err(&exec::fuel_message(executed));
                Flow::Continue
            }
            RunEnd::Stopped(why) => {
                console.err(&format!("error: {why}\n"));
                Flow::Continue
            }
        };
        (Some(listing), flow)
    }
}
