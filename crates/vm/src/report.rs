//! Reports of uncaught exceptions: plain data taken out of the heap, rendered
//! at the edges (the CLI, the REPL, a server) in the style of the program's language.

use crate::heap::Object;
use crate::ops;
use crate::value::{ObjRef, Value};
use crate::vm::Vm;
use bytecode::Language;
use std::fmt::Write;

/// One frame of a traceback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameReport {
    /// The source file (the module's name).
    pub file: String,
    /// The function's name.
    pub function: String,
    /// The function's index in its module.
    pub function_index: u32,
    /// The instruction index.
    pub pc: u32,
    /// The source line (0 when unknown).
    pub line: u32,
    /// The source column (0 when unknown).
    pub col: u32,
}

/// How an earlier exception relates to the one reported after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chain {
    /// `raise ... from earlier`.
    Cause,
    /// Raised while handling the earlier one.
    Context,
}

/// An uncaught exception: its class, message and traceback (outermost frame first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorReport {
    /// The exception class name.
    pub class: String,
    /// `str()` of the exception.
    pub message: String,
    /// The frames it passed through, outermost first.
    pub frames: Vec<FrameReport>,
    /// The language of the module where it was raised.
    pub language: Language,
    /// An earlier exception printed before this one.
    pub earlier: Option<(Chain, Box<ErrorReport>)>,
}

impl ErrorReport {
    /// A report for a failure of the VM's own API.
    pub fn internal(message: &str) -> ErrorReport {
        ErrorReport {
            class: "RuntimeError".into(),
            message: message.into(),
            frames: Vec::new(),
            language: Language::Assembly,
            earlier: None,
        }
    }

    /// The exception line as Python prints it (`ZeroDivisionError: division by zero`).
    pub fn exception_line(&self) -> String {
        if self.message.is_empty() {
            self.class.clone()
        } else {
            format!("{}: {}", self.class, self.message)
        }
    }

    /// The innermost frame, where the exception was raised.
    pub fn innermost(&self) -> Option<&FrameReport> {
        self.frames.last()
    }

    /// A CPython-style traceback. `source_line(file, line)` supplies source text when available.
    pub fn render_python(&self, source_line: &dyn Fn(&str, u32) -> Option<String>) -> String {
        let mut out = String::new();
        if let Some((chain, earlier)) = &self.earlier {
            out.push_str(&earlier.render_python(source_line));
            out.push_str(match chain {
                Chain::Cause => {
                    "\nThe above exception was the direct cause of the following exception:\n\n"
                }
                Chain::Context => {
                    "\nDuring handling of the above exception, another exception occurred:\n\n"
                }
            });
        }
        if !self.frames.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
        }
        let mut i = 0;
        while i < self.frames.len() {
            let f = &self.frames[i];
            // CPython collapses runs of identical lines after three repetitions.
            let mut run = 1;
            while i + run < self.frames.len() && same_line(&self.frames[i + run], f) {
                run += 1;
            }
            for _ in 0..run.min(3) {
                write_frame(&mut out, f, source_line);
            }
            if run > 3 {
                let more = run - 3;
                let _ = writeln!(
                    out,
                    "  [Previous line repeated {more} more time{}]",
                    if more == 1 { "" } else { "s" }
                );
            }
            i += run;
        }
        out.push_str(&self.exception_line());
        out.push('\n');
        out
    }

    /// A trap report for assembly-level programs: the error, then where it happened.
    pub fn render_trap(&self) -> String {
        let mut out = format!("error: {}\n", self.exception_line());
        for f in self.frames.iter().rev() {
            let _ = write!(
                out,
                "  at {} (function {}, instruction {}",
                f.function, f.function_index, f.pc
            );
            if f.line > 0 {
                let _ = write!(out, ", {}:{}:{}", f.file, f.line, f.col);
            }
            out.push_str(")\n");
        }
        out
    }

    /// Renders in the style of the language the error was raised in.
    pub fn render(&self, source_line: &dyn Fn(&str, u32) -> Option<String>) -> String {
        match self.language {
            Language::Python => self.render_python(source_line),
            _ => self.render_trap(),
        }
    }
}

fn same_line(a: &FrameReport, b: &FrameReport) -> bool {
    a.file == b.file && a.line == b.line && a.function == b.function
}

fn write_frame(
    out: &mut String,
    f: &FrameReport,
    source_line: &dyn Fn(&str, u32) -> Option<String>,
) {
    let _ = writeln!(
        out,
        "  File \"{}\", line {}, in {}",
        f.file, f.line, f.function
    );
    if let Some(text) = source_line(&f.file, f.line) {
        let t = text.trim();
        if !t.is_empty() {
            let _ = writeln!(out, "    {t}");
        }
    }
}

/// Builds the report of an exception object, following its cause and context chain.
pub(crate) fn build(vm: &Vm, exc: ObjRef) -> ErrorReport {
    let mut seen = vec![exc];
    build_inner(vm, exc, &mut seen)
}

fn build_inner(vm: &Vm, exc: ObjRef, seen: &mut Vec<ObjRef>) -> ErrorReport {
    let heap = &vm.heap;
    let Object::Exception(e) = heap.get(exc) else {
        return ErrorReport::internal("a non-exception was raised");
    };
    let message = ops::text::exception_message(heap, e.class, e.args).unwrap_or_default();
    let mut frames: Vec<FrameReport> = e
        .traceback
        .iter()
        .map(|t| {
            let (function, file, line, col) = vm.locate(*t);
            FrameReport {
                file,
                function,
                function_index: t.func,
                pc: t.pc,
                line,
                col,
            }
        })
        .collect();
    frames.reverse();
    let language = e
        .traceback
        .first()
        .map_or(Language::Python, |t| vm.language(t.unit));
    let earlier = {
        let linked = if !e.cause.is_none() {
            Some((Chain::Cause, e.cause))
        } else if !e.suppress_context && !e.context.is_none() {
            Some((Chain::Context, e.context))
        } else {
            None
        };
        match linked {
            Some((chain, Value::Obj(r))) if !seen.contains(&r) && seen.len() < 100 => {
                seen.push(r);
                Some((chain, Box::new(build_inner(vm, r, seen))))
            }
            _ => None,
        }
    };
    ErrorReport {
        class: e.class.name().to_string(),
        message,
        frames,
        language,
        earlier,
    }
}
