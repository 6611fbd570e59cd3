//! The host that connects a VM's output to this process's stdout and stderr.

use std::io::{self, BufWriter, Stdout, Write};

/// Buffered standard output; standard error is written unbuffered, after
/// flushing stdout so the two stay in order on a terminal.
pub struct StdHost {
    out: BufWriter<Stdout>,
    /// Whether a write to stdout failed (for example a closed pipe).
    pub broken: bool,
}

impl Default for StdHost {
    fn default() -> Self {
        StdHost {
            out: BufWriter::with_capacity(1 << 16, io::stdout()),
            broken: false,
        }
    }
}

impl StdHost {
    /// Flushes buffered output.
    pub fn flush(&mut self) {
        if self.out.flush().is_err() {
            self.broken = true;
        }
    }
}

impl Drop for StdHost {
    fn drop(&mut self) {
        let _ = self.out.flush();
    }
}

impl vm::Host for StdHost {
    fn write_stdout(&mut self, text: &str) -> io::Result<()> {
        self.out
            .write_all(text.as_bytes())
            .inspect_err(|_| self.broken = true)
    }
    fn write_stderr(&mut self, text: &str) -> io::Result<()> {
        self.flush();
        io::stderr().write_all(text.as_bytes())
    }
}

/// A host handle the CLI keeps while the VM owns the host, so it can flush at exit.
#[derive(Clone, Default)]
pub struct SharedHost(pub std::sync::Arc<std::sync::Mutex<StdHost>>);

impl SharedHost {
    /// Flushes buffered output.
    pub fn flush(&self) {
        if let Ok(mut h) = self.0.lock() {
            h.flush();
        }
    }
}

impl vm::Host for SharedHost {
    fn write_stdout(&mut self, text: &str) -> io::Result<()> {
        match self.0.lock() {
            Ok(mut h) => h.write_stdout(text),
            Err(_) => Err(io::Error::other("output lock poisoned")),
        }
    }
    fn write_stderr(&mut self, text: &str) -> io::Result<()> {
        match self.0.lock() {
            Ok(mut h) => h.write_stderr(text),
            Err(_) => Err(io::Error::other("output lock poisoned")),
        }
    }
}
