//! The VM's side of lightweight processes: what a process runtime (a
//! scheduler) provides to the `process` module, program images from which a
//! spawned process starts, and loading modules compiled from source.
//!
//! A VM never waits. When a program calls `process.receive()` with an empty
//! mailbox (or `process.sleep`), the call returns `Outcome::Blocked` with the
//! call instruction still current; the runtime parks the process and runs it
//! again when it can proceed, which repeats the call.

use crate::message::{Copyable, Message};
use crate::value::Value;
use crate::vm::{Config, Host, Vm};
use bytecode::Module;
use std::sync::Arc;

/// What a blocked process waits for (the runtime keeps the deadlines).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Block {
    /// A message, for at most this many seconds (`None`: forever).
    Receive(Option<f64>),
    /// Time to pass.
    Sleep(f64),
}

/// The answer to `receive`.
#[derive(Debug, Clone, PartialEq)]
pub enum Received {
    /// The next message.
    Message(Message),
    /// The timeout of this receive passed with no message.
    TimedOut,
    /// Nothing yet: block.
    Wait,
}

/// Limits of a spawned process.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProcessLimits {
    /// Maximum heap bytes.
    pub max_heap: Option<usize>,
    /// Maximum instructions executed.
    pub max_instructions: Option<u64>,
    /// Maximum messages waiting in the mailbox.
    pub max_mailbox: Option<usize>,
}

/// A request to start a process.
#[derive(Debug, Clone)]
pub struct SpawnRequest {
    /// The program the process runs (code, loaded modules, copied globals).
    pub image: ProgramImage,
    /// The function to call.
    pub func: Message,
    /// Its arguments.
    pub args: Vec<Message>,
    /// Link the new process to its parent.
    pub link: bool,
    /// Monitor the new process from its parent.
    pub monitor: bool,
    /// Its limits.
    pub limits: ProcessLimits,
}

/// What the `process` module needs from a process runtime.
pub trait ProcessApi: Send {
    /// The calling process's pid.
    fn self_pid(&self) -> u64;
    /// Starts a process; returns its pid (and the monitor reference, when asked to monitor).
    fn spawn(&mut self, request: SpawnRequest) -> Result<(u64, Option<u64>), String>;
    /// Sends a message (silently dropped when the receiver has ended).
    fn send(&mut self, to: u64, message: Message);
    /// Takes the next message, or says the timeout passed, or asks to block.
    fn receive(&mut self, timeout: Option<f64>) -> Received;
    /// Whether a sleep of `seconds` started by this call is over (else block).
    fn sleep(&mut self, seconds: f64) -> bool;
    /// Links the caller and `pid`.
    fn link(&mut self, pid: u64);
    /// Removes a link.
    fn unlink(&mut self, pid: u64);
    /// Monitors `pid`; returns the reference its DOWN message will carry.
    fn monitor(&mut self, pid: u64) -> u64;
    /// Sets whether exit signals become messages; returns the previous setting.
    fn trap_exits(&mut self, on: bool) -> bool;
    /// Sends an exit signal with `reason` to `pid`.
    fn kill(&mut self, pid: u64, reason: Message);
    /// Whether `pid` is still running.
    fn alive(&self, pid: u64) -> bool;
}

/// Finds modules that are compiled from source when a program imports them
/// (such as `supervisor`, written in Rhodium's Python).
pub trait ModuleLoader: Send + Sync {
    /// The module named `name`: `None` when there is none, `Err` when it fails to compile.
    fn load(&self, name: &str) -> Option<Result<Module, String>>;
}

/// Everything a new process needs to run a function of its parent's program:
/// the loaded modules, and copies of the global namespaces taken at spawn time
/// (globals that cannot be copied, such as generators, are left unbound).
/// The modules and the names are shared, not copied, so spawning costs what
/// the globals' values cost to copy, not what the program's size would.
#[derive(Debug, Clone)]
pub struct ProgramImage {
    /// The loaded modules in load order, each with its namespace index.
    pub units: Vec<(Arc<Module>, usize)>,
    /// For each unit, the namespace slot of each of its globals.
    pub slots: Vec<Vec<usize>>,
    /// Each namespace's names and copied values.
    pub namespaces: Vec<NamespaceImage>,
    /// Modules loaded from source, by name, with their namespace.
    pub loaded: Vec<(String, u32)>,
}

/// A global namespace in a [`ProgramImage`].
#[derive(Debug, Clone)]
pub struct NamespaceImage {
    /// The names, shared with the VM the image was taken from.
    pub names: Arc<Vec<String>>,
    /// A copy of each name's value (`None`: unbound, or not copyable).
    pub values: Vec<Option<Message>>,
}

impl Vm {
    /// Connects the VM to a process runtime.
    pub fn set_process_api(&mut self, api: Box<dyn ProcessApi>) {
        self.processes = Some(api);
    }

    /// Sets where `import` finds modules compiled from source.
    pub fn set_module_loader(&mut self, loader: Arc<dyn ModuleLoader>) {
        self.loader = Some(loader);
    }

    /// A snapshot of the program for spawning a process.
    pub fn image(&self) -> ProgramImage {
        let units = self
            .units
            .iter()
            .map(|u| (u.module.clone(), u.namespace))
            .collect();
        let slots = self.units.iter().map(|u| u.global_slots.clone()).collect();
        let namespaces = self
            .namespaces
            .iter()
            .map(|ns| NamespaceImage {
                names: ns.names.clone(),
                values: ns
                    .values
                    .iter()
                    .map(|v| match v {
                        Value::Undef => None,
                        v => self.export(*v, Copyable::WithFunctions).ok(),
                    })
                    .collect(),
            })
            .collect();
        ProgramImage {
            units,
            slots,
            namespaces,
            loaded: self.loaded.clone(),
        }
    }

    /// A new VM running the program of an image (for a spawned process).
    pub fn from_image(image: &ProgramImage, host: Box<dyn Host>, config: Config) -> Vm {
        let mut vm = Vm::new(host, config);
        for ns in &image.namespaces {
            vm.namespaces.push(crate::vm::Namespace {
                names: ns.names.clone(),
                values: vec![Value::Undef; ns.names.len()],
            });
        }
        for (i, (module, ns)) in image.units.iter().enumerate() {
            while vm.namespaces.len() <= *ns {
                vm.namespaces.push(crate::vm::Namespace::default());
            }
            let size = vm.namespaces[*ns].names.len();
            match image.slots.get(i) {
                // The parent's slots fit the copied namespace: no need to look names up again.
                Some(slots)
                    if slots.len() == module.globals.len() && slots.iter().all(|s| *s < size) =>
                {
                    vm.load_with_slots(module.clone(), *ns, slots.clone());
                }
                _ => {
                    vm.load_arc_into(module.clone(), *ns);
                }
            }
        }
        vm.loaded = image.loaded.clone();
        for (name, ns) in &image.loaded {
            vm.heap.set_module_name(*ns, name);
        }
        for (i, ns) in image.namespaces.iter().enumerate() {
            for (j, m) in ns.values.iter().enumerate() {
                if let Some(m) = m {
                    if let Ok(v) = vm.import(m) {
                        if let Some(slot) = vm.namespaces[i].values.get_mut(j) {
                            *slot = v;
                        }
                    }
                }
            }
        }
        vm
    }
}
