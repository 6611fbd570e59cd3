//! Calculator mode: each line is a `rhodium calc` expression, evaluated on
//! the register VM or on the seed's stack machine.

use crate::command::CalcMachine;
use crate::console::Console;
use crate::exec::{self, RunEnd, Settings};
use stackvm::machine::Machine;
use stackvm::{codegen_register, codegen_stack, trace, CalcError};
use std::sync::atomic::AtomicBool;
use vm::Outcome;

/// The name errors give the typed expression.
const FILE: &str = "<stdin>";

/// The calculator and the machine it uses.
#[derive(Debug)]
pub struct CalcMode {
    /// The machine `.vm` chose.
    pub machine: CalcMachine,
    stack: Machine,
}

impl CalcMode {
    /// A calculator on the register VM.
    pub fn new() -> CalcMode {
        CalcMode {
            machine: CalcMachine::Register,
            stack: Machine::new(),
        }
    }

    /// Evaluates one line; prints the value, or the error with a caret under
    /// its place. With tracing on, the run's transcript goes to stderr first.
    /// Returns the listing of the instructions generated.
    pub fn execute_line(
        &mut self,
        line: &str,
        settings: Settings,
        interrupt: &AtomicBool,
        console: &Console,
    ) -> Option<String> {
        if line.trim().is_empty() {
            return None;
        }
        let expr = match stackvm::parse(line) {
            Ok(e) => e,
            Err(e) => {
                report(&CalcError::Syntax(e), line, console);
                return None;
            }
        };
        let (listing, result) = match self.machine {
            CalcMachine::Stack => {
                let program = match codegen_stack::compile(&expr) {
                    Ok(p) => p,
                    Err(e) => {
                        report(&e.into(), line, console);
                        return None;
                    }
                };
                let result = if settings.trace {
                    let t = trace::stack(&program, &mut self.stack);
                    console.err(&t.text);
                    t.result
                } else {
                    match settings.fuel {
                        // The stack machine's code is straight-line: a run
                        // executes every instruction once, so it fits the
                        // budget exactly when the program does.
                        Some(fuel) if program.len() as u64 > fuel => {
                            console.err(&exec::fuel_message(fuel));
                            return Some(program.listing());
                        }
                        _ => program.run(&mut self.stack),
                    }
                };
                (program.listing(), result)
            }
            CalcMachine::Register => {
                let program = match codegen_register::compile(&expr) {
                    Ok(p) => p,
                    Err(e) => {
                        report(&e.into(), line, console);
                        return None;
                    }
                };
                let result = if settings.trace {
                    let t = trace::register(&program);
                    console.err(&t.text);
                    t.result
                } else {
                    let mut machine = program.start();
                    let plain = Settings {
                        trace: false,
                        ..settings
                    };
                    match exec::run(&mut machine, plain, interrupt, console) {
                        RunEnd::Finished(v) => program.result(Outcome::Finished(v)),
                        RunEnd::Error(e) => program.result(Outcome::Error(e)),
                        RunEnd::Exit(code) => program.result(Outcome::Exit(code)),
                        RunEnd::Interrupted => {
                            console.err("KeyboardInterrupt\n");
                            return Some(program.listing());
                        }
                        RunEnd::OutOfFuel { executed } => {
                            console.err(&exec::fuel_message(executed));
                            return Some(program.listing());
                        }
                        RunEnd::Stopped(why) => Err(CalcError::RegisterVm(why)),
                    }
                };
                (program.listing(), result)
            }
        };
        match result {
            Ok(v) => console.out(&format!("{v}\n")),
            Err(e) => report(&e, line, console),
        }
        Some(listing)
    }
}

impl Default for CalcMode {
    fn default() -> Self {
        CalcMode::new()
    }
}

/// An error with a caret under its place in the expression, when it has one.
fn report(error: &CalcError, line: &str, console: &Console) {
    let text = match error.diagnostic() {
        Some(d) => d.render(FILE, line),
        None => format!("error: {error}\n"),
    };
    console.err(&text);
}
