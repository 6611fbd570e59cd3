//! Where a session's text goes. The session, and every VM it runs, write
//! through one [`Console`], so program output, results and errors stay in
//! the order they happened.

use std::sync::{Arc, Mutex, MutexGuard};

/// A destination for a session's text: program output and results on
/// standard output; errors, tracebacks and traces on standard error.
pub trait Output: Send {
    /// Writes to standard output.
    fn out(&mut self, text: &str);
    /// Writes to standard error.
    fn err(&mut self, text: &str);
    /// Makes everything written so far visible (before a prompt, at the end of an input).
    fn flush(&mut self) {}
}

/// A shared handle on an [`Output`]; clones write to the same place. It is
/// also the [`vm::Host`] of the VMs a session runs.
#[derive(Clone)]
pub struct Console(Arc<Mutex<Box<dyn Output>>>);

impl std::fmt::Debug for Console {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Console")
    }
}

impl Console {
    /// A console writing to `output`.
    pub fn new(output: impl Output + 'static) -> Console {
        Console(Arc::new(Mutex::new(Box::new(output))))
    }

    fn lock(&self) -> MutexGuard<'_, Box<dyn Output>> {
        // A panic while writing cannot leave the output half-changed in a way
        // that matters; keep writing rather than lose the session's text.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Writes to standard output.
    pub fn out(&self, text: &str) {
        self.lock().out(text);
    }

    /// Writes to standard error.
    pub fn err(&self, text: &str) {
        self.lock().err(text);
    }

    /// Makes everything written so far visible.
    pub fn flush(&self) {
        self.lock().flush();
    }
}

impl vm::Host for Console {
    fn write_stdout(&mut self, text: &str) -> std::io::Result<()> {
        self.out(text);
        Ok(())
    }
    fn write_stderr(&mut self, text: &str) -> std::io::Result<()> {
        self.err(text);
        Ok(())
    }
}

/// Output kept in memory (tests, embedders). Clones share the text.
#[derive(Debug, Clone, Default)]
pub struct Capture(Arc<Mutex<(String, String)>>);

impl Capture {
    fn lock(&self) -> MutexGuard<'_, (String, String)> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Everything written to standard output so far.
    pub fn stdout(&self) -> String {
        self.lock().0.clone()
    }

    /// Everything written to standard error so far.
    pub fn stderr(&self) -> String {
        self.lock().1.clone()
    }

    /// Takes both texts (stdout, stderr), leaving them empty.
    pub fn take(&self) -> (String, String) {
        std::mem::take(&mut *self.lock())
    }
}

impl Output for Capture {
    fn out(&mut self, text: &str) {
        self.lock().0.push_str(text);
    }
    fn err(&mut self, text: &str) {
        self.lock().1.push_str(text);
    }
}
