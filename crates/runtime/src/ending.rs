//! How a process ends, the exit reason other processes see, and rendering
//! reasons (which are messages) as text for crash reports and the CLI.

use std::fmt::Write;
use std::time::Duration;
use vm::message::Message;
use vm::ErrorReport;

/// A per-process limit that was exceeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitHit {
    /// The heap grew past `max_heap` bytes.
    Heap(usize),
    /// The process executed `max_instructions` instructions.
    Instructions(u64),
    /// A message arrived while `max_mailbox` messages were waiting.
    Mailbox(usize),
}

impl LimitHit {
    /// The exit reason: the name of the limit, as `spawn_opt` spells it.
    pub fn reason(&self) -> &'static str {
        match self {
            LimitHit::Heap(_) => "max_heap exceeded",
            LimitHit::Instructions(_) => "max_instructions exceeded",
            LimitHit::Mailbox(_) => "max_mailbox exceeded",
        }
    }
}

/// Why a process ended.
#[derive(Debug, Clone)]
pub enum Ending {
    /// Its function returned, or it called `process.exit("normal")`.
    Normal,
    /// An exception nobody caught.
    Exception(ErrorReport),
    /// `sys.exit(code)`.
    SysExit(i32),
    /// `process.exit(reason)` with a reason other than `"normal"`.
    Exited(Message),
    /// An exit signal from another process (through a link, or `process.kill`).
    Signal {
        /// The reason the signal carried (`"killed"` for an untrappable `"kill"`).
        reason: Message,
        /// The process that sent it.
        from: u64,
    },
    /// A limit set at spawn was exceeded.
    Limit(LimitHit),
    /// A Rust panic inside the VM (a bug), caught at the process boundary.
    Panic,
    /// The process could not start (its function or arguments could not be set up).
    StartFailed(String),
    /// Every process was waiting and nothing could wake any of them (main process only).
    Deadlock,
    /// The main process ran longer than the program's timeout.
    Timeout(Duration),
}

impl Ending {
    /// The exit reason that links and monitors deliver.
    pub fn reason(&self) -> Message {
        match self {
            Ending::Normal | Ending::SysExit(0) => Message::str("normal"),
            Ending::Exception(report) => Message::Str(report.exception_line()),
            Ending::SysExit(code) => Message::Str(format!("SystemExit: {code}")),
            Ending::Exited(reason) | Ending::Signal { reason, .. } => reason.clone(),
            Ending::Limit(limit) => Message::str(limit.reason()),
            Ending::Panic => Message::str("internal error"),
            Ending::StartFailed(why) => Message::Str(why.clone()),
            Ending::Deadlock => Message::str("deadlock"),
            Ending::Timeout(_) => Message::str("timeout"),
        }
    }

    /// Whether the process failed by itself (and so deserves a crash report
    /// when nobody links to or monitors it). Ending on request (`process.exit`,
    /// `sys.exit`) or by another process's signal is not a failure of its own.
    pub fn is_failure(&self) -> bool {
        matches!(
            self,
            Ending::Exception(_) | Ending::Limit(_) | Ending::Panic | Ending::StartFailed(_)
        )
    }
}

/// Whether a reason is `"normal"`.
pub fn is_normal(reason: &Message) -> bool {
    matches!(reason, Message::Str(s) if s == "normal")
}

/// Whether a reason is the string `s`.
pub fn reason_is(reason: &Message, s: &str) -> bool {
    matches!(reason, Message::Str(r) if r == s)
}

/// A reason as a person reads it: strings as they are, anything else as Python's `repr`.
pub fn describe(reason: &Message) -> String {
    match reason {
        Message::Str(s) => s.clone(),
        other => repr(other),
    }
}

/// Python's `repr` of a message (for reasons that are not strings).
pub fn repr(m: &Message) -> String {
    let mut out = String::new();
    write_repr(&mut out, m);
    out
}

fn write_seq(out: &mut String, items: &[Message], open: &str, close: &str) {
    out.push_str(open);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_repr(out, item);
    }
    out.push_str(close);
}

fn write_repr(out: &mut String, m: &Message) {
    match m {
        Message::None => out.push_str("None"),
        Message::Bool(true) => out.push_str("True"),
        Message::Bool(false) => out.push_str("False"),
        Message::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Message::BigInt(b) => {
            let _ = write!(out, "{b}");
        }
        Message::Float(f) => out.push_str(&vm::num::float_repr(*f)),
        Message::Str(s) => vm::ops::quote_str(s, out),
        Message::Tuple(items) if items.len() == 1 => write_seq(out, items, "(", ",)"),
        Message::Tuple(items) => write_seq(out, items, "(", ")"),
        Message::List(items) => write_seq(out, items, "[", "]"),
        Message::Set(items) if items.is_empty() => out.push_str("set()"),
        Message::Set(items) => write_seq(out, items, "{", "}"),
        Message::Dict(pairs) => {
            out.push('{');
            for (i, (k, v)) in pairs.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(out, k);
                out.push_str(": ");
                write_repr(out, v);
            }
            out.push('}');
        }
        Message::Pid(p) => {
            let _ = write!(out, "<pid {p}>");
        }
        Message::Ref(r) => {
            let _ = write!(out, "<ref {r}>");
        }
        Message::Class(_) => out.push_str("<class>"),
        Message::Native(_) => out.push_str("<built-in function>"),
        Message::Module(_) => out.push_str("<module>"),
        Message::Function { .. } => out.push_str("<function>"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reprs_follow_python() {
        let m = Message::Tuple(vec![
            Message::str("EXIT"),
            Message::Pid(3),
            Message::str("it's"),
            Message::Float(2.0),
            Message::Tuple(vec![Message::Int(1)]),
            Message::List(vec![]),
            Message::Set(vec![]),
            Message::None,
        ]);
        assert_eq!(
            repr(&m),
            "('EXIT', <pid 3>, \"it's\", 2.0, (1,), [], set(), None)"
        );
        assert_eq!(describe(&Message::str("boom")), "boom");
        assert_eq!(describe(&Message::Int(7)), "7");
    }

    #[test]
    fn floats_and_strings_render_as_the_vm_renders_them() {
        let m = Message::List(vec![
            Message::Float(1e16),
            Message::Float(1e-7),
            Message::str("tab\there\u{200b}"),
        ]);
        assert_eq!(repr(&m), "[1e+16, 1e-07, 'tab\\there\\u200b']");
    }

    #[test]
    fn reasons() {
        assert!(is_normal(&Ending::Normal.reason()));
        assert!(is_normal(&Ending::SysExit(0).reason()));
        assert_eq!(describe(&Ending::SysExit(2).reason()), "SystemExit: 2");
        assert_eq!(
            describe(&Ending::Limit(LimitHit::Heap(10)).reason()),
            "max_heap exceeded"
        );
        assert_eq!(describe(&Ending::Panic.reason()), "internal error");
        assert!(Ending::Panic.is_failure());
        assert!(!Ending::Signal {
            reason: Message::str("x"),
            from: 1
        }
        .is_failure());
    }
}
