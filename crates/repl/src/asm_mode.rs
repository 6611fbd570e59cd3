//! Assembly mode: the tutorial's dialect on a persistent machine.
//!
//! The lines accepted so far form the program. Typing an instruction appends
//! it and runs the machine from that instruction until it reaches the end of
//! the program or `HLT`; a jump back to a label therefore runs the earlier
//! instructions again (a typed loop runs), and a label can only be used once
//! it is defined. The machine (registers, flag, loop counter, stack, heap)
//! lives in the VM as a global between inputs: each input is the whole
//! program compiled by [`iasm::compile_resumable`] and loaded into the
//! namespace of the first, which reads the machine, runs, and stores it back.

use crate::console::Console;
use crate::error::CommandError;
use crate::exec::{self, RunEnd, Settings};
use bytecode::Loc;
use diagnostics::{Diagnostic, Span};
use iasm::{LabelValue, STATE_GLOBAL, STATE_LEN};
use std::fmt::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use vm::heap::Object;
use vm::{Config, Outcome, RunError, UnitId, Value, Vm};

/// The name traps give the program: their line numbers are those `.program` shows.
pub const FILE: &str = "<program>";

/// The name errors in a typed line give it.
const TYPED: &str = "<stdin>";

/// At most this many instructions finish the tutorial instruction that
/// Ctrl-C or the fuel budget cut in two (the longest lowering is a handful).
const SETTLE_STEPS: usize = 256;

/// The persistent machine and the program typed so far.
pub struct AsmMode {
    machine: Vm,
    /// The unit whose namespace holds the machine state (`None` if it could not be built).
    anchor: Option<UnitId>,
    /// The program's lines, as `.program` lists them.
    lines: Vec<String>,
    /// How many instructions the program has.
    instructions: usize,
}

impl std::fmt::Debug for AsmMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AsmMode")
            .field("lines", &self.lines.len())
            .field("instructions", &self.instructions)
            .finish_non_exhaustive()
    }
}

/// Where new program lines come from, for error messages.
enum Origin<'a> {
    /// One typed line.
    Typed,
    /// A file loaded with `.load_file`.
    File(&'a Path),
}

impl AsmMode {
    /// A fresh machine and an empty program; programs write to `console`.
    pub fn new(console: &Console) -> AsmMode {
        let mut machine = Vm::new(Box::new(console.clone()), Config::default());
        // An empty program gives the namespace every later input shares.
        let anchor = iasm::parse("")
            .ok()
            .and_then(|p| iasm::compile_resumable(&p, 0, FILE).ok())
            .and_then(|m| bytecode::verifier::verify(m).ok())
            .map(|m| machine.load(m));
        let mut mode = AsmMode {
            machine,
            anchor,
            lines: Vec::new(),
            instructions: 0,
        };
        mode.reset_machine();
        mode
    }

    /// `.clear_registers`: every register zero, the flag false, the loop
    /// counter zero, the stack and the heap empty.
    pub fn reset_machine(&mut self) {
        let Some(anchor) = self.anchor else { return };
        let heap = self.machine.heap_mut();
        let mut items = Vec::with_capacity(STATE_LEN);
        items.extend((0..32).map(|_| Value::Int(0)));
        items.extend((0..32).map(|_| Value::Float(0.0)));
        items.push(Value::Bool(false));
        items.push(Value::Int(0));
        items.push(heap.list(Vec::new()));
        items.push(Value::Obj(heap.alloc(Object::Memory(Vec::new()))));
        let state = heap.tuple(items);
        // The anchor was loaded into this VM, so binding cannot fail.
        let _ = self.machine.set_global(anchor, STATE_GLOBAL, state);
    }

    /// `.clear_program`: the machine keeps its state.
    pub fn clear_program(&mut self) {
        self.lines.clear();
        self.instructions = 0;
    }

    /// Assembles one typed line into the program and runs what it added.
    /// Returns the disassembly of what it compiled to, if it ran anything.
    pub fn execute_line(
        &mut self,
        line: &str,
        settings: Settings,
        interrupt: &AtomicBool,
        console: &Console,
    ) -> Option<String> {
        // Blank and comment-only lines change nothing.
        if iasm::lexer::lex_line(line, 1).is_ok_and(|t| t.is_empty()) {
            return None;
        }
        self.append(
            &[line.to_string()],
            Origin::Typed,
            line,
            settings,
            interrupt,
            console,
        )
    }

    /// `.load_file PATH`: appends the file's lines to the program and runs
    /// them from the file's first instruction.
    pub fn load_file(
        &mut self,
        path: &Path,
        settings: Settings,
        interrupt: &AtomicBool,
        console: &Console,
    ) -> Result<Option<String>, CommandError> {
        let text = std::fs::read_to_string(path).map_err(|error| CommandError::Read {
            path: path.to_path_buf(),
            error,
        })?;
        let new: Vec<String> = text.lines().map(str::to_string).collect();
        Ok(self.append(
            &new,
            Origin::File(path),
            &text,
            settings,
            interrupt,
            console,
        ))
    }

    fn append(
        &mut self,
        new: &[String],
        origin: Origin<'_>,
        origin_text: &str,
        settings: Settings,
        interrupt: &AtomicBool,
        console: &Console,
    ) -> Option<String> {
        let Some(anchor) = self.anchor else {
            console.err("error: internal error: the assembly machine could not be built\n");
            return None;
        };
        let offset = self.lines.len();
        let text = self
            .lines
            .iter()
            .chain(new)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("\n");
        let program = match iasm::parse(&text) {
            Ok(p) => p,
            Err(errors) => {
                for e in errors {
                    console.err(&render_error(
                        e.to_diagnostic(),
                        offset,
                        &origin,
                        origin_text,
                        &text,
                    ));
                }
                return None;
            }
        };
        let entry = self.instructions;
        if entry == program.instructions.len() {
            // Labels, data and section headers: nothing to run.
            self.lines.extend(new.iter().cloned());
            return None;
        }
        let module = match iasm::compile_resumable(&program, entry, FILE) {
            Ok(m) => m,
            Err(e) => {
                // The program would not fit the bytecode's limits: the lines are not kept.
                console.err(&e.to_diagnostic().render(FILE, &text));
                return None;
            }
        };
        self.lines.extend(new.iter().cloned());
        self.instructions = program.instructions.len();
        let listing = asm::disassemble(&module);
        let unit = match bytecode::verifier::verify(module)
            .map_err(|e| e.to_string())
            .and_then(|m| {
                self.machine
                    .load_shared(m, anchor)
                    .map_err(|e| e.to_string())
            }) {
            Ok(u) => u,
            Err(e) => {
                console.err(&format!("error: internal error: {e}\n"));
                return Some(listing);
            }
        };
        if let Err(e) = self.machine.start(unit) {
            console.err(&format!("error: internal error: {e}\n"));
            return Some(listing);
        }
        let end = exec::run(&mut self.machine, settings, interrupt, console);
        self.report(end, anchor, console);
        Some(listing)
    }

    fn report(&mut self, end: RunEnd, anchor: UnitId, console: &Console) {
        match end {
            RunEnd::Finished(_) => {}
            RunEnd::Error(RunError::Exception(report)) => console.err(&report.render_trap()),
            RunEnd::Error(RunError::Limit(limit)) => console.err(&format!("error: {limit}\n")),
            RunEnd::Exit(code) => {
                console.err(&format!("error: the program exited with code {code}\n"))
            }
            RunEnd::Interrupted => {
                if let Some(other) = self.stop_between_instructions(anchor) {
                    self.report(other, anchor, console);
                }
                console.err("KeyboardInterrupt\n");
            }
            RunEnd::OutOfFuel { executed } => {
                if let Some(other) = self.stop_between_instructions(anchor) {
                    self.report(other, anchor, console);
                }
                console.err(&exec::fuel_message(executed));
            }
            RunEnd::Stopped(why) => console.err(&format!("error: {why}\n")),
        }
    }

    /// After a run was cut short, finishes the tutorial instruction under way
    /// and keeps the machine as it is then: the next input starts from it.
    /// Returns how the run ended if it ended while finishing.
    fn stop_between_instructions(&mut self, anchor: UnitId) -> Option<RunEnd> {
        for _ in 0..SETTLE_STEPS {
            if self.at_instruction_start() {
                break;
            }
            match self.machine.step() {
                Outcome::OutOfFuel => {}
                Outcome::Finished(v) => return Some(RunEnd::Finished(v)),
                Outcome::Error(e) => return Some(RunEnd::Error(e)),
                Outcome::Exit(c) => return Some(RunEnd::Exit(c)),
                #[allow(unreachable_patterns)]
                other => return Some(RunEnd::Stopped(format!("{other:?}"))),
            }
        }
        let registers = self.machine.registers();
        let state = registers.get(..STATE_LEN)?;
        // Before the prologue has read the machine, the frame holds nothing worth keeping.
        if state.iter().any(|v| matches!(v, Value::Undef)) || self.machine.depth() != 1 {
            return None;
        }
        let state = state.to_vec();
        let tuple = self.machine.heap_mut().tuple(state);
        let _ = self.machine.set_global(anchor, STATE_GLOBAL, tuple);
        None
    }

    /// Whether the next native instruction starts a tutorial instruction:
    /// each one's native run shares its source position, and the prologue,
    /// epilogue and trap handler have none.
    fn at_instruction_start(&self) -> bool {
        let Some((unit, func, pc)) = self.machine.position() else {
            return true;
        };
        let Some(f) = self
            .machine
            .module(unit)
            .and_then(|m| m.functions.get(func as usize))
        else {
            return true;
        };
        let here = f.loc(pc as usize);
        let before = match pc.checked_sub(1) {
            Some(p) => f.loc(p as usize),
            None => Loc::default(),
        };
        here.line != 0 && here != before
    }

    /// `.program`: the lines with the numbers traps refer to.
    pub fn program(&self) -> String {
        if self.lines.is_empty() {
            return "(the program is empty)\n".into();
        }
        let mut out = String::new();
        for (i, line) in self.lines.iter().enumerate() {
            let _ = writeln!(out, "{:>4}  {line}", i + 1);
        }
        out
    }

    /// `.symbols`: each label and data name with what it stands for.
    pub fn symbols(&self) -> String {
        let labels = iasm::parse(&self.lines.join("\n"))
            .map(|p| p.labels)
            .unwrap_or_default();
        if labels.is_empty() {
            return "(no labels)\n".into();
        }
        let width = labels.iter().map(|l| l.name.len()).max().unwrap_or(0);
        let mut out = String::new();
        for l in labels {
            let what = match l.value {
                LabelValue::Code(k) if k == self.instructions => {
                    format!("the end of the code (byte offset {})", k.saturating_mul(4))
                }
                LabelValue::Code(k) => {
                    format!("instruction {k} (byte offset {})", k.saturating_mul(4))
                }
                LabelValue::Str(s) => format!(".asciiz '{}'", escape(&s)),
                LabelValue::Int(v) => format!(".integer #{v}"),
            };
            let _ = writeln!(out, "{:<width$}  line {:<4} {what}", l.name, l.line);
        }
        out
    }

    /// `.registers`: the 32 integer registers as `$N = VALUE`, each float
    /// register that is not zero as `$fN = VALUE` (as `--dump-registers`
    /// prints them), then the flag, the loop counter, the stack and the heap.
    pub fn registers(&self) -> String {
        let state = self
            .anchor
            .and_then(|a| self.machine.global(a, STATE_GLOBAL))
            .and_then(|s| self.machine.heap().as_seq(s))
            .filter(|items| items.len() == STATE_LEN);
        let Some(items) = state else {
            return "error: internal error: the machine state is missing\n".into();
        };
        let mut out = String::new();
        for (i, v) in items[..32].iter().enumerate() {
            let _ = writeln!(out, "${i} = {}", self.machine.repr(*v));
        }
        for (i, v) in items[32..64].iter().enumerate() {
            if !matches!(v, Value::Float(x) if *x == 0.0) {
                let _ = writeln!(out, "$f{i} = {}", self.machine.repr(*v));
            }
        }
        let flag = matches!(items[64], Value::Bool(true));
        let _ = writeln!(out, "flag = {flag}");
        let _ = writeln!(out, "loop counter = {}", self.machine.repr(items[65]));
        let _ = writeln!(out, "stack = {}", self.machine.repr(items[66]));
        let heap = match items[67] {
            Value::Obj(r) => match self.machine.heap().get(r) {
                Object::Memory(bytes) => bytes.len(),
                _ => 0,
            },
            _ => 0,
        };
        let _ = writeln!(out, "heap = {heap} bytes");
        out
    }
}

/// Renders an assembly error where the user wrote it: in the typed line, or
/// in the loaded file; anything else (not expected: earlier lines were
/// accepted) in the program's own numbering.
fn render_error(
    mut d: Diagnostic,
    offset: usize,
    origin: &Origin<'_>,
    origin_text: &str,
    program: &str,
) -> String {
    let line = d.span.line as usize;
    if line > offset {
        d.span = Span::new((line - offset) as u32, d.span.col, d.span.len);
        match origin {
            Origin::Typed => d.render(TYPED, origin_text),
            Origin::File(path) => d.render(&path.display().to_string(), origin_text),
        }
    } else {
        d.render(FILE, program)
    }
}

/// A string as the dialect writes it between single quotes.
fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            c => out.push(c),
        }
    }
    out
}
