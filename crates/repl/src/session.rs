//! The session: one complete input at a time in the current mode, the
//! commands, and the settings the modes share. Terminal I/O is elsewhere
//! ([`crate::terminal`]), so a session can be driven line by line from tests.

use crate::asm_mode::AsmMode;
use crate::calc_mode::CalcMode;
use crate::command::{self, Command, HELP};
use crate::console::Console;
use crate::error::CommandError;
use crate::exec::Settings;
use crate::python_mode::PythonMode;
use std::fmt::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The language the session reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Python statements in one persistent module.
    #[default]
    Python,
    /// The tutorial's assembly dialect, one instruction per line.
    Asm,
    /// Integer expressions, as `rhodium calc` evaluates them.
    Calc,
}

impl Mode {
    /// The mode's name for `.mode` and `--mode`.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Python => "python",
            Mode::Asm => "asm",
            Mode::Calc => "calc",
        }
    }

    /// The mode a name stands for, in any letter case.
    pub fn from_name(name: &str) -> Option<Mode> {
        match name.to_ascii_lowercase().as_str() {
            "python" | "py" => Some(Mode::Python),
            "asm" | "assembly" | "iasm" => Some(Mode::Asm),
            "calc" | "calculator" => Some(Mode::Calc),
            _ => None,
        }
    }

    fn prose(self) -> &'static str {
        match self {
            Mode::Python => "Python",
            Mode::Asm => "assembly",
            Mode::Calc => "calculator",
        }
    }
}

/// Whether the session goes on after an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Read the next line.
    Continue,
    /// Leave with this exit code (`.quit`, `sys.exit(n)`).
    Quit(i32),
}

/// An interactive session in one of three modes; each mode keeps its state
/// while another is in use.
#[derive(Debug)]
pub struct Session {
    mode: Mode,
    console: Console,
    settings: Settings,
    interrupt: Arc<AtomicBool>,
    /// Lines of a Python block still being typed.
    buffer: String,
    history: Vec<String>,
    /// The disassembly of what the last compiled input compiled to.
    last: Option<String>,
    python: PythonMode,
    asm: AsmMode,
    calc: CalcMode,
}

impl Session {
    /// A session starting in `mode`, writing everything to `console`.
    pub fn new(mode: Mode, console: Console) -> Session {
        Session {
            mode,
            settings: Settings::default(),
            interrupt: Arc::new(AtomicBool::new(false)),
            buffer: String::new(),
            history: Vec::new(),
            last: None,
            python: PythonMode::new(&console),
            asm: AsmMode::new(&console),
            calc: CalcMode::new(),
            console,
        }
    }

    /// The current mode.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The fuel and trace settings.
    pub fn settings(&self) -> Settings {
        self.settings
    }

    /// The flag a Ctrl-C handler sets to interrupt the running input.
    pub fn interrupt_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.interrupt)
    }

    /// Whether a Python block is waiting for more lines.
    pub fn is_pending(&self) -> bool {
        !self.buffer.is_empty()
    }

    /// The prompt for the next line: `>>> ` or, inside a block, `... ` in
    /// Python mode; `asm> ` and `calc> ` in the others.
    pub fn prompt(&self) -> &'static str {
        match self.mode {
            Mode::Python if self.is_pending() => "... ",
            Mode::Python => ">>> ",
            Mode::Asm => "asm> ",
            Mode::Calc => "calc> ",
        }
    }

    /// The greeting a terminal session starts with.
    pub fn banner(&self) -> String {
        format!(
            "Rhodium {} ({} mode). Type .help for the commands, .mode to switch modes, Ctrl-D to leave.\n",
            env!("CARGO_PKG_VERSION"),
            self.mode.prose()
        )
    }

    /// Takes one line (without its newline). Runs it when it completes an
    /// input; a Python block waits for the empty line that ends it.
    pub fn feed(&mut self, line: &str) -> Flow {
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.contains('\n') {
            // Pasted text: one line at a time, as if typed.
            for part in line.split('\n') {
                if let Flow::Quit(code) = self.feed(part) {
                    return Flow::Quit(code);
                }
            }
            return Flow::Continue;
        }
        if !line.trim().is_empty() {
            self.history.push(line.to_string());
        }
        let flow = self.feed_line(line);
        self.console.flush();
        flow
    }

    fn feed_line(&mut self, line: &str) -> Flow {
        if !self.is_pending() {
            match command::parse(line, self.mode) {
                Some(Ok(c)) => return self.command(c),
                Some(Err(e)) => {
                    self.error(&e);
                    return Flow::Continue;
                }
                None => {}
            }
        }
        self.interrupt.store(false, Ordering::SeqCst);
        match self.mode {
            Mode::Python => {
                if !self.is_pending() && line.trim().is_empty() {
                    return Flow::Continue;
                }
                self.buffer.push_str(line);
                self.buffer.push('\n');
                if crate::python_mode::needs_more(&self.buffer) {
                    return Flow::Continue;
                }
                self.run_python()
            }
            Mode::Asm => {
                let listing =
                    self.asm
                        .execute_line(line, self.settings, &self.interrupt, &self.console);
                self.remember(listing);
                Flow::Continue
            }
            Mode::Calc => {
                let listing =
                    self.calc
                        .execute_line(line, self.settings, &self.interrupt, &self.console);
                self.remember(listing);
                Flow::Continue
            }
        }
    }

    fn run_python(&mut self) -> Flow {
        let source = std::mem::take(&mut self.buffer);
        self.interrupt.store(false, Ordering::SeqCst);
        let (listing, flow) =
            self.python
                .execute(&source, self.settings, &self.interrupt, &self.console);
        self.remember(listing);
        flow
    }

    fn remember(&mut self, listing: Option<String>) {
        if listing.is_some() {
            self.last = listing;
        }
    }

    /// Ctrl-C at the prompt: the block being typed is dropped.
    pub fn cancel(&mut self) {
        self.buffer.clear();
    }

    /// The end of input: a Python block still open runs as it is.
    pub fn finish(&mut self) -> Flow {
        let flow = if self.is_pending() {
            self.run_python()
        } else {
            Flow::Continue
        };
        self.console.flush();
        flow
    }

    fn error(&self, e: &CommandError) {
        self.console.err(&format!("error: {e}\n"));
    }

    fn require(&self, mode: Mode, command: &'static str) -> Result<(), CommandError> {
        if self.mode == mode {
            Ok(())
        } else {
            Err(CommandError::WrongMode {
                command,
                mode: mode.prose(),
                switch: mode.name(),
            })
        }
    }

    fn command(&mut self, command: Command) -> Flow {
        match self.try_command(command) {
            Ok(flow) => flow,
            Err(e) => {
                self.error(&e);
                Flow::Continue
            }
        }
    }

    fn try_command(&mut self, command: Command) -> Result<Flow, CommandError> {
        match command {
            Command::Help => self.console.out(HELP),
            Command::Quit => return Ok(Flow::Quit(0)),
            Command::Mode(None) => self.console.out(&format!("{}\n", self.mode.name())),
            Command::Mode(Some(m)) => self.mode = m,
            Command::Dis => match &self.last {
                Some(listing) => self.console.out(listing),
                None => return Err(CommandError::NothingCompiled),
            },
            Command::Trace(None) => self.console.out(if self.settings.trace {
                "trace is on\n"
            } else {
                "trace is off\n"
            }),
            Command::Trace(Some(on)) => self.settings.trace = on,
            Command::Fuel(None) => self.console.out(&match self.settings.fuel {
                Some(n) => format!("fuel: {n} instructions per input\n"),
                None => "fuel: no limit\n".to_string(),
            }),
            Command::Fuel(Some(fuel)) => self.settings.fuel = fuel,
            Command::History => {
                let mut text = String::new();
                for (i, line) in self.history.iter().enumerate() {
                    let _ = writeln!(text, "{:>4}  {line}", i + 1);
                }
                self.console.out(&text);
            }
            Command::Program => {
                self.require(Mode::Asm, "program")?;
                self.console.out(&self.asm.program());
            }
            Command::Registers => {
                self.require(Mode::Asm, "registers")?;
                self.console.out(&self.asm.registers());
            }
            Command::Symbols => {
                self.require(Mode::Asm, "symbols")?;
                self.console.out(&self.asm.symbols());
            }
            Command::ClearProgram => {
                self.require(Mode::Asm, "clear_program")?;
                self.asm.clear_program();
            }
            Command::ClearRegisters => {
                self.require(Mode::Asm, "clear_registers")?;
                self.asm.reset_machine();
            }
            Command::LoadFile(path) => {
                self.require(Mode::Asm, "load_file")?;
                self.interrupt.store(false, Ordering::SeqCst);
                let listing =
                    self.asm
                        .load_file(&path, self.settings, &self.interrupt, &self.console)?;
                self.remember(listing);
            }
            Command::Vm(None) => {
                self.require(Mode::Calc, "vm")?;
                self.console.out(&format!("{}\n", self.calc.machine.name()));
            }
            Command::Vm(Some(machine)) => {
                self.require(Mode::Calc, "vm")?;
                self.calc.machine = machine;
            }
        }
        Ok(Flow::Continue)
    }
}
