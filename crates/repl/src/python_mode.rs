//! Python mode: every input is compiled on its own and loaded into the
//! namespace of the first, so the session is one module that grows.

use crate::console::Console;
use crate::exec::{self, RunEnd, Settings};
use crate::Flow;
use std::sync::atomic::AtomicBool;
use vm::{Config, RunError, UnitId, Vm};

/// The name tracebacks and syntax errors give the session's inputs, as CPython's REPL does.
pub const FILE: &str = "<stdin>";

/// Whether `buffer` needs more lines before it runs, as CPython's REPL
/// decides: a compound statement (`def`, `if`, a decorator, ...) waits for the
/// empty line that ends it; anything else waits only while a bracket, a
/// triple-quoted string or a backslash continuation is open. A statement that
/// merely fails to parse at its end (`1 +`) is complete, and its syntax error
/// is reported at once instead of swallowing the lines that follow.
pub fn needs_more(buffer: &str) -> bool {
    let continued = buffer.trim_end_matches(['\n', '\r']).ends_with('\\');
    continued
        || ((is_compound(buffer) || open_construct(buffer)) && python::input_is_incomplete(buffer))
}

fn is_compound(source: &str) -> bool {
    let Some(first) = source
        .lines()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
    else {
        return false;
    };
    let head = first.split('#').next().unwrap_or("").trim_end();
    head.ends_with(':') || first.trim_start().starts_with('@')
}

/// Whether the source ends inside brackets or a triple-quoted string.
fn open_construct(source: &str) -> bool {
    let chars: Vec<char> = source.chars().collect();
    let mut depth = 0i64;
    // The quote character and whether the string is triple-quoted.
    let mut string: Option<(char, bool)> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some((q, triple)) = string {
            if c == '\\' {
                i += 2;
                continue;
            }
            if triple && chars[i..].starts_with(&[q, q, q]) {
                string = None;
                i += 3;
                continue;
            }
            if !triple && (c == q || c == '\n') {
                // A one-line string ends at its quote; at a newline it is an error, not open.
                string = None;
            }
            i += 1;
            continue;
        }
        match c {
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '"' | '\'' => {
                let triple = chars[i..].starts_with(&[c, c, c]);
                string = Some((c, triple));
                i += if triple { 3 } else { 1 };
                continue;
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    depth > 0 || matches!(string, Some((_, true)))
}

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
    /// A module holding only `exit` and `quit`; its programs write to `console`.
    pub fn new(console: &Console) -> PythonMode {
        let mut mode = PythonMode {
            machine: Vm::new(Box::new(console.clone()), Config::default()),
            first: None,
        };
        mode.prelude();
        mode
    }

    /// Defines `exit()` and `quit()`, which CPython's `site` module gives an
    /// interactive session. Without them the session still works (`.quit`,
    /// Ctrl-D), so a failure here is not reported.
    fn prelude(&mut self) {
        const PRELUDE: &str =
            "def exit(code=None):\n    import sys\n    sys.exit(code)\n\nquit = exit\n";
        let Ok(module) = python::compile(PRELUDE, "<prelude>") else {
            return;
        };
        let Ok(module) = bytecode::verifier::verify(module) else {
            return;
        };
        let unit = self.machine.load(module);
        if self.machine.start(unit).is_ok() {
            let _ = self.machine.run(Some(exec::SLICE));
            self.first = Some(unit);
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

#[cfg(test)]
mod tests {
    use super::needs_more;

    #[test]
    fn open_brackets_strings_and_blocks_wait_for_more() {
        assert!(needs_more("xs = [1,\n"));
        assert!(needs_more("f(a,\n  (b\n"));
        assert!(needs_more("s = '''abc\n"));
        assert!(needs_more("x = 1 + \\\n"));
        assert!(needs_more("def f():\n"));
        assert!(needs_more("def f():\n    return 1\n"));
        assert!(needs_more("@decorator\n"));
        assert!(needs_more("if x:  # comment\n"));
    }

    #[test]
    fn complete_or_broken_statements_run_at_once() {
        assert!(!needs_more("x = 1\n"));
        assert!(!needs_more("1 +\n"), "CPython reports this at once");
        assert!(!needs_more("print(')')\n"));
        assert!(!needs_more("s = '#('\n"));
        assert!(!needs_more("x = [1]  # (\n"));
        assert!(!needs_more("xs = [1,\n 2]\n"));
        assert!(!needs_more("def f():\n    return 1\n\n"));
        assert!(!needs_more("s = '''a\nb'''\n"));
        assert!(!needs_more("\n"));
    }
}
