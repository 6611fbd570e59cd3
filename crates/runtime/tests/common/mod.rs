//! Running Python source under the runtime and capturing what it prints.

#![allow(dead_code)]

use runtime::{Ending, MainResult, Options};
use std::sync::Arc;
use vm::SharedCapture;

/// What a run produced.
pub struct Ran {
    pub result: MainResult,
    pub stdout: String,
    pub stderr: String,
}

impl Ran {
    /// Whether the main process ended normally.
    pub fn ok(&self) -> bool {
        matches!(self.result.ending, Ending::Normal)
    }
}

/// Runs `source` as the main process with `workers` worker threads.
pub fn run_with(source: &str, options: Options) -> Ran {
    let module = python::compile(source, "test.py").expect("the test program compiles");
    let module = bytecode::verifier::verify(module).expect("the compiled program verifies");
    let capture = SharedCapture::default();
    let host = capture.clone();
    let factory: runtime::HostFactory = Arc::new(move || Box::new(host.clone()));
    let result = runtime::run(module, factory, options).expect("the runtime starts");
    Ran {
        result,
        stdout: capture.stdout(),
        stderr: capture.stderr(),
    }
}

/// Runs `source` with `workers` worker threads and default settings otherwise.
pub fn run(source: &str, workers: usize) -> Ran {
    run_with(
        source,
        Options {
            workers,
            // A generous bound so that a bug hangs no test forever.
            timeout: Some(std::time::Duration::from_secs(60)),
            ..Options::default()
        },
    )
}
