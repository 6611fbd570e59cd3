//! Lightweight processes for Rhodium, after Erlang's BEAM.
//!
//! [`run`] runs a program as its main process on a pool of worker threads.
//! Every process is a VM of its own (its own registers and heap) and talks
//! to others only by messages, which are deep-copied into the receiver's
//! heap. A process runs a slice of instructions and then makes way for the
//! others, so a busy loop never starves anyone; waiting for a message or
//! sleeping parks it without using CPU. Links, monitors and `trap_exits`
//! follow BEAM's meaning; limits (heap, instructions, mailbox) end only the
//! process that exceeds them; a Rust panic inside a VM ends only its
//! process. The program ends when its main process ends.
//! See `docs/processes.md` for the model as programs see it.

mod ending;
mod handle;
mod loader;
mod proc;
mod scheduler;

pub use ending::{describe, repr, Ending, LimitHit};
pub use loader::{embedded_source, Loader, SUPERVISOR_FILE};

use proc::{Proc, Task};
use scheduler::{Settings, Shared};
use std::sync::Arc;
use std::time::{Duration, Instant};
use vm::process::ProcessLimits;
use vm::{Config, Host, Vm};

/// Makes the output host of each new process (all share the program's output).
pub type HostFactory = Arc<dyn Fn() -> Box<dyn Host> + Send + Sync>;

/// Instructions a process runs before it makes way for others (BEAM uses
/// 4000 reductions).
pub const DEFAULT_SLICE: u64 = 4000;

/// How to run a program.
#[derive(Debug, Clone)]
pub struct Options {
    /// Worker threads (0: one per core).
    pub workers: usize,
    /// Instructions per time slice.
    pub slice: u64,
    /// Maximum call depth of every process.
    pub max_depth: usize,
    /// `sys.argv` of every process.
    pub argv: Vec<String>,
    /// Enables test-only built-ins (`process._panic`) in every process.
    pub test_hooks: bool,
    /// Limits of the main process.
    pub main_limits: ProcessLimits,
    /// Ends the program when the main process runs longer than this.
    pub timeout: Option<Duration>,
    /// Writes a trace line to stderr for every instruction the main process executes.
    pub trace_main: bool,
    /// Frees the main process's memory when it ends. A caller that exits
    /// right after the run (the command line) turns this off: tearing down a
    /// heap of millions of objects one by one costs time and frees nothing
    /// the operating system would not take back anyway.
    pub free_main_at_exit: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            workers: 0,
            slice: DEFAULT_SLICE,
            max_depth: Config::default().max_depth,
            argv: Vec::new(),
            test_hooks: false,
            main_limits: ProcessLimits::default(),
            timeout: None,
            trace_main: false,
            free_main_at_exit: true,
        }
    }
}

/// How the main process (and so the program) ended.
#[derive(Debug, Clone)]
pub struct MainResult {
    /// Why it ended.
    pub ending: Ending,
    /// Instructions the main process executed (0 when unknown: a deadlock or timeout).
    pub instructions: u64,
}

/// Why a program could not be run at all.
#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    /// The module has no entry function.
    #[error("the module has no entry function")]
    NoEntry,
    /// A thread could not be started.
    #[error("cannot start a runtime thread: {0}")]
    Thread(#[from] std::io::Error),
}

/// Worker threads get the main thread's stack size: printing deeply nested
/// values recurses on the native stack.
const STACK: usize = 8 << 20;

/// Runs a program as the main process and returns when it ends; processes
/// still running then are stopped.
pub fn run(
    module: bytecode::VerifiedModule,
    host: HostFactory,
    options: Options,
) -> Result<MainResult, RuntimeError> {
    let workers = match options.workers {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let settings = Settings {
        slice: options.slice.max(1),
        max_depth: options.max_depth,
        argv: options.argv.clone(),
        test_hooks: options.test_hooks,
        free_main_at_exit: options.free_main_at_exit,
        host: host.clone(),
        loader: Arc::new(Loader),
    };
    let (shared, locals) = Shared::new(settings, workers);

    let config = Config {
        max_depth: options.max_depth,
        max_heap: options.main_limits.max_heap,
        argv: options.argv.clone(),
        test_hooks: options.test_hooks,
    };
    let mut vm = Box::new(Vm::new(host(), config));
    let unit = vm.load(module);
    vm.start(unit).map_err(|_| RuntimeError::NoEntry)?;
    let pid = shared.new_pid();
    let proc = Arc::new(Proc::new(pid, options.main_limits.max_mailbox));
    vm.set_process_api(Box::new(handle::Handle::new(shared.clone(), proc.clone())));
    vm.set_module_loader(Arc::new(Loader));
    shared.insert(proc.clone());
    let task = Box::new(Task {
        proc,
        vm: Some(vm),
        start: None,
        max_instructions: options.main_limits.max_instructions,
        main: true,
        trace: options.trace_main.then(|| host()),
        blocked: false,
    });
    shared.add_work();
    shared.inject(task);

    let started = Instant::now();
    let mut threads = Vec::with_capacity(workers + 1);
    let mut failure = None;
    for (index, (queue, parker)) in locals.into_iter().enumerate() {
        let s = shared.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("rhodium-worker-{index}"))
            .stack_size(STACK)
            .spawn(move || {
                let worker = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    s.worker(index, queue, parker)
                }));
                if worker.is_err() {
                    // A bug in the scheduler itself (a VM's panics are caught per
                    // process): end the program rather than hang without a worker.
                    s.finish_main(MainResult {
                        ending: Ending::Panic,
                        instructions: 0,
                    });
                }
            });
        match spawned {
            Ok(t) => threads.push(t),
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    if failure.is_none() {
        let s = shared.clone();
        match std::thread::Builder::new()
            .name("rhodium-timers".into())
            .spawn(move || s.timer_loop())
        {
            Ok(t) => threads.push(t),
            Err(e) => failure = Some(e),
        }
    }
    let result = match failure {
        Some(_) => None,
        None => shared.wait_main(options.timeout.map(|t| started + t)),
    };
    shared.begin_shutdown();
    for t in threads {
        let _ = t.join();
    }
    shared.clear();
    if let Some(e) = failure {
        return Err(RuntimeError::Thread(e));
    }
    Ok(result.unwrap_or(MainResult {
        ending: Ending::Timeout(options.timeout.unwrap_or_default()),
        instructions: 0,
    }))
}
