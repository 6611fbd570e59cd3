//! A process: the part other processes reach (mailbox, links, monitors,
//! flags, behind one lock), and the task a worker runs (its VM).

use crate::ending::Ending;
use parking_lot::Mutex;
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Instant;
use vm::message::Message;
use vm::process::SpawnRequest;
use vm::{Host, Vm};

/// The shared half of a process, found through the process table by pid.
pub(crate) struct Proc {
    pub pid: u64,
    pub state: Mutex<State>,
}

impl Proc {
    pub fn new(pid: u64, max_mailbox: Option<usize>) -> Proc {
        Proc {
            pid,
            state: Mutex::new(State {
                mailbox: VecDeque::new(),
                status: Status::Active,
                links: Vec::new(),
                monitors: Vec::new(),
                trap_exits: false,
                signal: None,
                deadline: None,
                max_mailbox,
                timer_gen: 0,
            }),
        }
    }
}

/// What wakes a parked process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wait {
    /// A message (or its timer, or an exit signal).
    Message,
    /// Only its timer (or an exit signal): it sleeps.
    Timer,
}

/// Where a process's task is.
pub(crate) enum Status {
    /// Queued or running on a worker: whoever holds the task will look at the mailbox again.
    Active,
    /// Waiting; the task is parked here until something wakes it.
    Parked(Box<Task>, Wait),
    /// Ended: messages and signals to it are dropped.
    Dead,
}

/// Everything about a process that other processes touch.
pub(crate) struct State {
    pub mailbox: VecDeque<Message>,
    pub status: Status,
    /// Linked pids (links are symmetric: each side lists the other).
    pub links: Vec<u64>,
    /// Who monitors this process: (reference, watcher).
    pub monitors: Vec<(u64, u64)>,
    pub trap_exits: bool,
    /// An exit signal (or a limit) that ends the process when its worker next looks.
    pub signal: Option<Ending>,
    /// When the pending `receive(timeout)` or `sleep` ends.
    pub deadline: Option<Instant>,
    pub max_mailbox: Option<usize>,
    /// Bumped on every park, so a timer set for an earlier wait is ignored.
    pub timer_gen: u64,
}

impl State {
    /// Takes the parked task if it waits for what just happened: a message
    /// wakes only receivers, a signal or a timer (`any`) wakes every waiter.
    pub fn take_parked(&mut self, any: bool) -> Option<Box<Task>> {
        match &self.status {
            Status::Parked(_, wait) if any || *wait == Wait::Message => {}
            _ => return None,
        }
        match std::mem::replace(&mut self.status, Status::Active) {
            Status::Parked(task, _) => Some(task),
            other => {
                self.status = other;
                None
            }
        }
    }

    pub fn is_dead(&self) -> bool {
        matches!(self.status, Status::Dead)
    }
}

/// The half of a process only the worker running it touches.
pub(crate) struct Task {
    pub proc: Arc<Proc>,
    /// The running VM (`None` until the first run builds it from `start`).
    pub vm: Option<Box<Vm>>,
    /// What to build the VM from; building it on the first run keeps the
    /// spawning process fast and lets another worker do the work.
    pub start: Option<Box<SpawnRequest>>,
    pub max_instructions: Option<u64>,
    pub main: bool,
    /// Where instruction traces go (the main process under `--trace`).
    pub trace: Option<Box<dyn Host>>,
    /// The last slice ended blocked, so the pending call's deadline stands.
    pub blocked: bool,
}
