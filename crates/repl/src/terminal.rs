//! Where lines come from. On a terminal: rustyline's line editing, history
//! kept in a file, prompts and a banner, and Ctrl-C interrupting a running
//! input. Otherwise: plain lines from standard input, with no prompt and no
//! banner, so the session can be scripted.

use crate::console::{Console, Output};
use crate::session::{Flow, Mode, Session};
use rustyline::error::ReadlineError;
use rustyline::DefaultEditor;
use std::io::{self, BufRead, BufWriter, IsTerminal, Stdout, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

/// The environment variable that names the history file; set but empty, no
/// history is kept.
pub const HISTORY_ENV: &str = "RHODIUM_HISTORY";

/// The history file: `$RHODIUM_HISTORY`, or `rhodium/history` in the user's
/// data directory (`$XDG_DATA_HOME`, `~/.local/share` on Linux). `None` when
/// history is switched off or there is no data directory.
pub fn history_path() -> Option<PathBuf> {
    match std::env::var_os(HISTORY_ENV) {
        Some(p) if p.is_empty() => None,
        Some(p) => Some(PathBuf::from(p)),
        None => dirs::data_dir().map(|d| d.join("rhodium").join("history")),
    }
}

/// Standard output, buffered (line by line on a terminal, so a long-running
/// program's output shows as it comes), and standard error, written after
/// flushing standard output so the two stay in order.
struct StdOutput {
    out: BufWriter<Stdout>,
    line_buffered: bool,
}

impl StdOutput {
    fn new(line_buffered: bool) -> StdOutput {
        StdOutput {
            out: BufWriter::with_capacity(1 << 16, io::stdout()),
            line_buffered,
        }
    }
}

impl Output for StdOutput {
    fn out(&mut self, text: &str) {
        // A closed stdout (a pipe whose reader left) is not worth stopping the session for.
        let _ = self.out.write_all(text.as_bytes());
        if self.line_buffered && text.contains('\n') {
            let _ = self.out.flush();
        }
    }
    fn err(&mut self, text: &str) {
        let _ = self.out.flush();
        let _ = io::stderr().lock().write_all(text.as_bytes());
    }
    fn flush(&mut self) {
        let _ = self.out.flush();
    }
}

/// Runs a session on this process's standard streams and returns the exit
/// code: interactive when standard input is a terminal, scripted otherwise.
pub fn run(mode: Mode) -> i32 {
    if io::stdin().is_terminal() {
        interactive(mode)
    } else {
        let console = Console::new(StdOutput::new(false));
        let mut session = Session::new(mode, console.clone());
        scripted(&mut session, io::stdin().lock(), &console)
    }
}

/// Feeds `input` to `session` line by line until its end or a quit; returns
/// the exit code (0 at the end of input).
pub fn scripted(session: &mut Session, mut input: impl BufRead, console: &Console) -> i32 {
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match input.read_until(b'\n', &mut buf) {
            Ok(0) => {
                return match session.finish() {
                    Flow::Quit(code) => code,
                    Flow::Continue => 0,
                }
            }
            Ok(_) => {
                // Bytes that are not UTF-8 become U+FFFD, which every front end refuses with a caret.
                let line = String::from_utf8_lossy(&buf);
                if let Flow::Quit(code) = session.feed(&line) {
                    return code;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                console.err(&format!("error: cannot read standard input: {e}\n"));
                return 1;
            }
        }
    }
}

fn interactive(mode: Mode) -> i32 {
    let console = Console::new(StdOutput::new(true));
    let mut session = Session::new(mode, console.clone());
    let editor = DefaultEditor::new();
    // At the prompt the terminal is in raw mode and rustyline reads Ctrl-C as
    // a key; while an input runs, Ctrl-C is a signal and this flag asks the
    // run to stop at its next slice. Installed after the editor, which sets a
    // SIGINT handler of its own when it is created.
    let flag = session.interrupt_flag();
    if let Err(e) = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)) {
        console.err(&format!(
            "warning: Ctrl-C will not interrupt running programs: {e}\n"
        ));
    }
    let mut editor = match editor {
        Ok(editor) => editor,
        Err(e) => {
            console.err(&format!("warning: line editing is not available: {e}\n"));
            console.out(&session.banner());
            return scripted(&mut session, io::stdin().lock(), &console);
        }
    };
    let mut history = history_path();
    if let Some(path) = &history {
        match editor.load_history(path) {
            Ok(()) => {}
            Err(ReadlineError::Io(e)) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => console.err(&format!(
                "warning: cannot read the history file {}: {e}\n",
                path.display()
            )),
        }
    }
    console.out(&session.banner());
    loop {
        console.flush();
        match editor.readline(session.prompt()) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = editor.add_history_entry(line.as_str());
                    if let Some(path) = &history {
                        // Saved at once, so that a session that is killed keeps its history.
                        if let Err(e) = save_history(&mut editor, path) {
                            console.err(&format!(
                                "warning: cannot save the history to {}: {e}\n",
                                path.display()
                            ));
                            history = None;
                        }
                    }
                }
                if let Flow::Quit(code) = session.feed(&line) {
                    return code;
                }
            }
            Err(ReadlineError::Interrupted) => {
                console.err("KeyboardInterrupt\n");
                session.cancel();
            }
            Err(ReadlineError::Eof) => {
                return match session.finish() {
                    Flow::Quit(code) => code,
                    Flow::Continue => 0,
                };
            }
            Err(e) => {
                console.err(&format!("error: cannot read the terminal: {e}\n"));
                return 1;
            }
        }
    }
}

fn save_history(editor: &mut DefaultEditor, path: &Path) -> Result<(), ReadlineError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    editor.append_history(path)
}
