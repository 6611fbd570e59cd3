//! The session's own errors: commands that cannot be carried out. Errors of
//! the programs typed (syntax errors, exceptions, traps) belong to their
//! front ends and the VM, and are rendered in their own styles.

use std::path::PathBuf;

/// Why a command was refused.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// No command has this name.
    #[error("unknown command `{name}` (`.help` lists the commands)")]
    Unknown {
        /// The name as typed, with its prefix.
        name: String,
    },
    /// The command's argument is missing or not one it takes.
    #[error("`.{command}` expects {expected}{}", found_text(found))]
    BadArgument {
        /// The command.
        command: &'static str,
        /// What it takes.
        expected: &'static str,
        /// What was typed instead (`None` when nothing was).
        found: Option<String>,
    },
    /// The command belongs to another mode.
    #[error("`.{command}` works in {mode} mode (`.mode {switch}` switches to it)")]
    WrongMode {
        /// The command.
        command: &'static str,
        /// The mode it works in, as prose.
        mode: &'static str,
        /// The mode's name for `.mode`.
        switch: &'static str,
    },
    /// A file named by `.load_file` could not be read.
    #[error("cannot read {}: {error}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        error: std::io::Error,
    },
    /// `.dis` before anything was compiled.
    #[error("nothing has been compiled yet in this session")]
    NothingCompiled,
}

fn found_text(found: &Option<String>) -> String {
    match found {
        Some(f) => format!(", not `{f}`"),
        None => String::new(),
    }
}
