//! The scheduler: worker threads that run processes in slices of
//! instructions, the run queues between them, timers, and what happens when
//! a process ends (links, monitors, crash reports, the program's result).
//!
//! Run queues: each worker has a FIFO deque that idle workers steal from,
//! plus a *next* slot for the process it most recently woke (by a message);
//! threads that are not workers (the timer, the caller) use a shared
//! injector. Running a woken receiver next on the same thread makes a chain
//! of messages (a ring, a ping-pong) run like calls, without waking another
//! thread per message; the chain shares one time slice, after which the
//! next process goes to the back of the queue so others get their turn.
//!
//! Locking: each process has one lock over everything others touch (see
//! `proc`); no code holds two process locks at once. The process table is
//! sharded by pid. Idle workers park (no CPU) and are unparked one at a time
//! when work is queued where they can steal it.

use crate::ending::{describe, is_normal, reason_is, Ending, LimitHit};
use crate::handle::Handle;
use crate::proc::{Proc, Status, Task, Wait};
use crate::{HostFactory, MainResult};
use crossbeam_deque::{Injector, Steal, Stealer, Worker};
use crossbeam_utils::sync::{Parker, Unparker};
use parking_lot::{Condvar, Mutex};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{fence, AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;
use vm::message::Message;
use vm::process::{Block, ModuleLoader, SpawnRequest};
use vm::{Config, Host, Limit, Outcome, Raise, RunError, Vm};

const SHARDS: usize = 64;

/// One shard of the process table.
type Shard = Mutex<FxHashMap<u64, Arc<Proc>>>;

/// What a worker thread takes along: its queue and its parker.
pub(crate) type WorkerParts = (Worker<Box<Task>>, Parker);

/// A worker takes from the shared injector before its own queue once in this many picks.
const INJECTOR_EVERY: u32 = 16;

/// Settings every process of a run shares.
pub(crate) struct Settings {
    pub slice: u64,
    pub max_depth: usize,
    pub argv: Vec<String>,
    pub test_hooks: bool,
    pub free_main_at_exit: bool,
    pub host: HostFactory,
    pub loader: Arc<dyn ModuleLoader>,
}

/// How an exit signal travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Via {
    /// A linked process ended (ignored unless the link still exists).
    Link,
    /// `process.kill` (the reason `"kill"` cannot be trapped).
    Kill,
}

/// The state of one run, shared by the workers, the timer thread and every process's handle.
pub(crate) struct Shared {
    /// Distinguishes runs, so a worker thread's local queue is only used by its own run.
    id: usize,
    pub settings: Settings,
    table: Box<[Shard]>,
    next_pid: AtomicU64,
    next_ref: AtomicU64,
    injector: Injector<Box<Task>>,
    stealers: Vec<Stealer<Box<Task>>>,
    unparkers: Vec<Unparker>,
    idle: Mutex<Vec<usize>>,
    idle_count: AtomicUsize,
    /// Tasks queued or running, plus timers pending. When it falls to zero
    /// nothing can ever run again: if the main process is still there, the
    /// program is deadlocked.
    work: AtomicUsize,
    pub shutdown: AtomicBool,
    timers: Mutex<BinaryHeap<Reverse<(Instant, u64, u64)>>>,
    timer_cv: Condvar,
    main_ended: AtomicBool,
    main: Mutex<Option<MainResult>>,
    main_cv: Condvar,
}

/// A worker thread's own queues.
struct Local {
    run: usize,
    queue: Worker<Box<Task>>,
    next: Option<Box<Task>>,
    /// Instructions left in the time slice the current chain of woken processes shares.
    next_budget: u64,
    /// Counts picks, so the shared injector is looked at first now and then:
    /// a busy local queue must not starve processes woken by timers.
    ticks: u32,
}

thread_local! {
    static LOCAL: RefCell<Option<Local>> = const { RefCell::new(None) };
}

static RUNS: AtomicUsize = AtomicUsize::new(0);

impl Shared {
    /// The shared state of a run with `workers` workers; returns it with each worker's queue and parker.
    pub fn new(settings: Settings, workers: usize) -> (Arc<Shared>, Vec<WorkerParts>) {
        let locals: Vec<WorkerParts> = (0..workers)
            .map(|_| (Worker::new_fifo(), Parker::new()))
            .collect();
        let shared = Shared {
            id: RUNS.fetch_add(1, Ordering::Relaxed),
            settings,
            table: (0..SHARDS)
                .map(|_| Mutex::new(FxHashMap::default()))
                .collect(),
            next_pid: AtomicU64::new(1),
            next_ref: AtomicU64::new(1),
            injector: Injector::new(),
            stealers: locals.iter().map(|(w, _)| w.stealer()).collect(),
            unparkers: locals.iter().map(|(_, p)| p.unparker().clone()).collect(),
            idle: Mutex::new(Vec::with_capacity(workers)),
            idle_count: AtomicUsize::new(0),
            work: AtomicUsize::new(0),
            shutdown: AtomicBool::new(false),
            timers: Mutex::new(BinaryHeap::new()),
            timer_cv: Condvar::new(),
            main_ended: AtomicBool::new(false),
            main: Mutex::new(None),
            main_cv: Condvar::new(),
        };
        (Arc::new(shared), locals)
    }

    // ---- the process table ----

    pub fn new_pid(&self) -> u64 {
        self.next_pid.fetch_add(1, Ordering::Relaxed)
    }

    pub fn new_ref(&self) -> u64 {
        self.next_ref.fetch_add(1, Ordering::Relaxed)
    }

    fn shard(&self, pid: u64) -> &Shard {
        &self.table[(pid as usize) % SHARDS]
    }

    pub fn insert(&self, proc: Arc<Proc>) {
        self.shard(proc.pid).lock().insert(proc.pid, proc);
    }

    pub fn lookup(&self, pid: u64) -> Option<Arc<Proc>> {
        self.shard(pid).lock().get(&pid).cloned()
    }

    fn remove(&self, pid: u64) {
        self.shard(pid).lock().remove(&pid);
    }

    /// Drops every process left at the end of a run (parked tasks hold
    /// their process, so they must be taken out to be freed).
    pub fn clear(&self) {
        let mut tasks = Vec::new();
        for shard in self.table.iter() {
            let procs: Vec<Arc<Proc>> = shard.lock().drain().map(|(_, p)| p).collect();
            for p in procs {
                let mut st = p.state.lock();
                if let Status::Parked(task, _) = std::mem::replace(&mut st.status, Status::Dead) {
                    tasks.push(task);
                }
            }
        }
        loop {
            match self.injector.steal() {
                Steal::Success(t) => tasks.push(t),
                Steal::Retry => continue,
                Steal::Empty => break,
            }
        }
        drop(tasks);
    }

    // ---- queues and wakeups ----

    /// Counts a task that becomes runnable.
    pub fn add_work(&self) {
        self.work.fetch_add(1, Ordering::AcqRel);
    }

    /// A task parked or ended, or a timer was handled.
    pub fn work_done(&self) {
        if self.work.fetch_sub(1, Ordering::AcqRel) == 1 && !self.main_ended.load(Ordering::Acquire)
        {
            self.finish_main(MainResult {
                ending: Ending::Deadlock,
                instructions: 0,
            });
        }
    }

    fn with_local<T>(&self, f: impl FnOnce(&mut Local) -> T) -> Option<T> {
        LOCAL.with(|l| match l.try_borrow_mut() {
            Ok(mut l) => match l.as_mut() {
                Some(local) if local.run == self.id => Some(f(local)),
                _ => None,
            },
            Err(_) => None,
        })
    }

    /// Queues a new or preempted task at the back.
    pub fn schedule(&self, task: Box<Task>) {
        let mut slot = Some(task);
        self.with_local(|l| {
            if let Some(t) = slot.take() {
                l.queue.push(t);
            }
        });
        match slot {
            Some(task) => self.inject(task),
            None => self.notify_one(),
        }
    }

    /// Queues a task from a thread that is not one of this run's workers.
    pub fn inject(&self, task: Box<Task>) {
        self.injector.push(task);
        self.notify_one();
    }

    /// Queues a task that a message or signal woke: on a worker it runs
    /// next, on the same thread.
    pub fn wake(&self, task: Box<Task>) {
        self.add_work();
        let mut slot = Some(task);
        let displaced = self.with_local(|l| {
            let t = slot.take()?;
            let old = l.next.replace(t)?;
            l.queue.push(old);
            Some(())
        });
        match (slot, displaced) {
            (Some(task), _) => self.inject(task),
            (None, Some(Some(()))) => self.notify_one(),
            _ => {}
        }
    }

    fn notify_one(&self) {
        // Pairs with the fence in `idle`: either this sees the idle worker, or it sees the task.
        fence(Ordering::SeqCst);
        if self.idle_count.load(Ordering::SeqCst) == 0 {
            return;
        }
        let mut idle = self.idle.lock();
        if let Some(i) = idle.pop() {
            self.idle_count.fetch_sub(1, Ordering::SeqCst);
            drop(idle);
            self.unparkers[i].unpark();
        }
    }

    fn has_stealable_work(&self) -> bool {
        !self.injector.is_empty() || self.stealers.iter().any(|s| !s.is_empty())
    }

    fn others_waiting(&self) -> bool {
        !self.injector.is_empty()
            || self
                .with_local(|l| l.next.is_some() || !l.queue.is_empty())
                .unwrap_or(false)
    }

    fn find_task(&self, index: usize) -> Option<Box<Task>> {
        let (task, more) = self.with_local(|l| {
            if let Some(t) = l.next.take() {
                if l.next_budget > 0 {
                    return (Some(t), false);
                }
                l.queue.push(t);
            }
            l.next_budget = self.settings.slice;
            l.ticks = l.ticks.wrapping_add(1);
            if l.ticks % INJECTOR_EVERY == 0 {
                if let Steal::Success(t) = self.injector.steal() {
                    return (Some(t), false);
                }
            }
            if let Some(t) = l.queue.pop() {
                return (Some(t), false);
            }
            loop {
                match self.injector.steal_batch_and_pop(&l.queue) {
                    Steal::Success(t) => return (Some(t), !l.queue.is_empty()),
                    Steal::Retry => continue,
                    Steal::Empty => break,
                }
            }
            let n = self.stealers.len();
            for k in 1..n {
                let victim = &self.stealers[(index + k) % n];
                loop {
                    match victim.steal_batch_and_pop(&l.queue) {
                        Steal::Success(t) => return (Some(t), !l.queue.is_empty()),
                        Steal::Retry => continue,
                        Steal::Empty => break,
                    }
                }
            }
            (None, false)
        })?;
        if more {
            // Took a batch: let another idle worker share it.
            self.notify_one();
        }
        task
    }

    fn idle(&self, index: usize, parker: &Parker) {
        {
            let mut idle = self.idle.lock();
            idle.push(index);
            self.idle_count.fetch_add(1, Ordering::SeqCst);
        }
        fence(Ordering::SeqCst);
        if !self.shutdown.load(Ordering::SeqCst) && !self.has_stealable_work() {
            parker.park();
        }
        let mut idle = self.idle.lock();
        if let Some(p) = idle.iter().position(|i| *i == index) {
            idle.swap_remove(p);
            self.idle_count.fetch_sub(1, Ordering::SeqCst);
        }
    }

    /// The loop of one worker thread.
    pub fn worker(self: &Arc<Self>, index: usize, queue: Worker<Box<Task>>, parker: Parker) {
        LOCAL.with(|l| {
            *l.borrow_mut() = Some(Local {
                run: self.id,
                queue,
                next: None,
                next_budget: self.settings.slice,
                ticks: 0,
            });
        });
        while !self.shutdown.load(Ordering::Acquire) {
            match self.find_task(index) {
                Some(task) => {
                    let used = self.run_task(task);
                    self.with_local(|l| l.next_budget = l.next_budget.saturating_sub(used.max(1)));
                }
                None => self.idle(index, &parker),
            }
        }
        // Drop the tasks left here now: the queue's buffer is shared with its
        // stealer in `Shared`, and their VMs hold `Shared`, a cycle that would
        // otherwise keep every one of them alive.
        if let Some(mut local) = LOCAL.with(|l| l.borrow_mut().take()) {
            let mut left: Vec<Box<Task>> = local.next.take().into_iter().collect();
            while let Some(t) = local.queue.pop() {
                left.push(t);
            }
            drop(left);
        }
    }

    pub fn begin_shutdown(&self) {
        self.shutdown.store(true, Ordering::SeqCst);
        for u in &self.unparkers {
            u.unpark();
        }
        let _timers = self.timers.lock();
        self.timer_cv.notify_all();
    }

    // ---- the main process ----

    pub fn finish_main(&self, result: MainResult) {
        self.main_ended.store(true, Ordering::Release);
        let mut main = self.main.lock();
        if main.is_none() {
            *main = Some(result);
        }
        self.main_cv.notify_all();
    }

    /// Waits for the main process to end, or for the deadline.
    pub fn wait_main(&self, deadline: Option<Instant>) -> Option<MainResult> {
        let mut main = self.main.lock();
        loop {
            if let Some(r) = main.take() {
                return Some(r);
            }
            match deadline {
                Some(d) => {
                    if self.main_cv.wait_until(&mut main, d).timed_out() {
                        return main.take();
                    }
                }
                None => self.main_cv.wait(&mut main),
            }
        }
    }

    // ---- timers ----

    fn add_timer(&self, at: Instant, pid: u64, gen: u64) {
        self.add_work();
        let mut timers = self.timers.lock();
        let earliest = timers.peek().is_none_or(|Reverse((t, _, _))| at < *t);
        timers.push(Reverse((at, pid, gen)));
        if earliest {
            self.timer_cv.notify_one();
        }
    }

    /// The timer thread: wakes processes whose receive timeout or sleep has passed.
    pub fn timer_loop(&self) {
        let mut timers = self.timers.lock();
        loop {
            if self.shutdown.load(Ordering::SeqCst) {
                return;
            }
            let now = Instant::now();
            let mut due = Vec::new();
            while let Some(Reverse((at, _, _))) = timers.peek() {
                if *at > now {
                    break;
                }
                if let Some(Reverse(t)) = timers.pop() {
                    due.push(t);
                }
            }
            if !due.is_empty() {
                drop(timers);
                for (_, pid, gen) in due {
                    self.fire(pid, gen);
                }
                timers = self.timers.lock();
                continue;
            }
            match timers.peek() {
                Some(Reverse((at, _, _))) => {
                    let at = *at;
                    self.timer_cv.wait_until(&mut timers, at);
                }
                None => self.timer_cv.wait(&mut timers),
            }
        }
    }

    fn fire(&self, pid: u64, gen: u64) {
        if let Some(p) = self.lookup(pid) {
            let task = {
                let mut st = p.state.lock();
                if st.timer_gen == gen {
                    st.take_parked(true)
                } else {
                    None
                }
            };
            if let Some(task) = task {
                self.wake(task);
            }
        }
        self.work_done();
    }

    // ---- running ----

    fn build(self: &Arc<Self>, proc: &Arc<Proc>, request: SpawnRequest) -> Result<Box<Vm>, String> {
        let s = &self.settings;
        let config = Config {
            max_depth: s.max_depth,
            max_heap: request.limits.max_heap,
            argv: s.argv.clone(),
            test_hooks: s.test_hooks,
        };
        let mut vm = Box::new(Vm::from_image(&request.image, (s.host)(), config));
        vm.set_process_api(Box::new(Handle::new(self.clone(), proc.clone())));
        vm.set_module_loader(s.loader.clone());
        let func = vm.import(&request.func).map_err(raise_text)?;
        let mut args = Vec::with_capacity(request.args.len());
        for a in &request.args {
            args.push(vm.import(a).map_err(raise_text)?);
        }
        vm.start_call(func, args).map_err(raise_text)?;
        Ok(vm)
    }

    /// Runs a task until it blocks, ends, or must make way for others;
    /// returns the instructions it executed.
    fn run_task(self: &Arc<Self>, mut task: Box<Task>) -> u64 {
        if let Some(request) = task.start.take() {
            match self.build(&task.proc, *request) {
                Ok(vm) => task.vm = Some(vm),
                Err(why) => {
                    self.end(task, Ending::StartFailed(why));
                    return 0;
                }
            }
        }
        let mut used = 0;
        loop {
            {
                let mut st = task.proc.state.lock();
                if let Some(ending) = st.signal.take() {
                    drop(st);
                    self.end(task, ending);
                    return used;
                }
                if !task.blocked {
                    // No blocking call is pending, so no deadline either.
                    st.deadline = None;
                }
            }
            let Some(vm) = task.vm.as_mut() else {
                self.end(
                    task,
                    Ending::StartFailed("the process has no program".into()),
                );
                return used;
            };
            let before = vm.instructions_executed();
            let budget = match task.max_instructions {
                Some(max) if before >= max => {
                    self.end(task, Ending::Limit(LimitHit::Instructions(max)));
                    return used;
                }
                Some(max) => (max - before).min(self.settings.slice),
                None => self.settings.slice,
            };
            let trace = &mut task.trace;
            let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| match trace {
                Some(out) => trace_slice(vm, budget, out.as_mut()),
                None => vm.run(Some(budget)),
            }));
            used += vm.instructions_executed().saturating_sub(before);
            task.blocked = false;
            let ending = match outcome {
                Err(_) => Ending::Panic,
                Ok(Outcome::OutOfFuel) => {
                    if self.shutdown.load(Ordering::Relaxed) || self.others_waiting() {
                        self.schedule(task);
                        return used;
                    }
                    continue;
                }
                Ok(Outcome::Blocked(block)) => {
                    task.blocked = true;
                    match self.park(task, block) {
                        Some(t) => {
                            task = t;
                            continue;
                        }
                        None => return used,
                    }
                }
                Ok(Outcome::Finished(_)) => Ending::Normal,
                Ok(Outcome::Exit(code)) => Ending::SysExit(code),
                Ok(Outcome::Exited(reason)) if is_normal(&reason) => Ending::Normal,
                Ok(Outcome::Exited(reason)) => Ending::Exited(reason),
                Ok(Outcome::Error(RunError::Exception(report))) => Ending::Exception(report),
                Ok(Outcome::Error(RunError::Limit(Limit::Memory { limit }))) => {
                    Ending::Limit(LimitHit::Heap(limit))
                }
            };
            self.end(task, ending);
            return used;
        }
    }

    /// Parks a blocked task; gives it back when it can go on at once.
    fn park(&self, task: Box<Task>, block: Block) -> Option<Box<Task>> {
        let proc = task.proc.clone();
        let mut st = proc.state.lock();
        if st.signal.is_some() {
            return Some(task);
        }
        let wait = match block {
            Block::Receive(_) if !st.mailbox.is_empty() => return Some(task),
            Block::Receive(_) => Wait::Message,
            Block::Sleep(_) if st.deadline.is_none() => return Some(task),
            Block::Sleep(_) => Wait::Timer,
        };
        st.timer_gen += 1;
        if let Some(at) = st.deadline {
            self.add_timer(at, proc.pid, st.timer_gen);
        }
        st.status = Status::Parked(task, wait);
        drop(st);
        self.work_done();
        None
    }

    /// Ends a process: tells its links and monitors, reports a crash nobody
    /// watches, and ends the program when it is the main process.
    pub fn end(&self, task: Box<Task>, ending: Ending) {
        let proc = task.proc.clone();
        let pid = proc.pid;
        let (links, monitors) = {
            let mut st = proc.state.lock();
            st.status = Status::Dead;
            st.signal = None;
            st.mailbox.clear();
            (
                std::mem::take(&mut st.links),
                std::mem::take(&mut st.monitors),
            )
        };
        let instructions = task.vm.as_ref().map_or(0, |vm| vm.instructions_executed());
        let main = task.main;
        if main && !self.settings.free_main_at_exit {
            // The program ends with its main process: the operating system
            // takes the memory back at once, without visiting every object.
            std::mem::forget(task);
        } else {
            drop(task);
        }
        if !main && ending.is_failure() && links.is_empty() && monitors.is_empty() {
            self.crash_report(pid, &ending);
        }
        // Only now does `alive` answer False, so a crash report is out before anyone can see the process gone.
        self.remove(pid);
        let reason = ending.reason();
        for l in links {
            self.exit_signal(l, pid, &reason, Via::Link);
        }
        for (r, watcher) in monitors {
            let down = Message::Tuple(vec![
                Message::str("DOWN"),
                Message::Ref(r),
                Message::Pid(pid),
                reason.clone(),
            ]);
            self.send(watcher, down);
        }
        if main {
            self.finish_main(MainResult {
                ending,
                instructions,
            });
        }
        self.work_done();
    }

    fn crash_report(&self, pid: u64, ending: &Ending) {
        let mut line = format!(
            "error: process <pid {pid}> crashed: {}",
            describe(&ending.reason())
        );
        if let Ending::Exception(report) = ending {
            if let Some(f) = report.innermost() {
                line.push_str(&format!(" (at {}:{} in {})", f.file, f.line, f.function));
            }
        }
        line.push('\n');
        let _ = (self.settings.host)().write_stderr(&line);
    }

    // ---- messages and signals ----

    /// Appends a message (or, when the mailbox is full, ends the process);
    /// returns the task to wake, if any.
    fn push_message(st: &mut crate::proc::State, message: Message) -> Option<Box<Task>> {
        if let Some(max) = st.max_mailbox {
            if st.mailbox.len() >= max {
                if st.signal.is_none() {
                    st.signal = Some(Ending::Limit(LimitHit::Mailbox(max)));
                }
                return st.take_parked(true);
            }
        }
        st.mailbox.push_back(message);
        st.take_parked(false)
    }

    /// Delivers a message; dropped when the receiver has ended.
    pub fn send(&self, to: u64, message: Message) {
        let Some(p) = self.lookup(to) else {
            return;
        };
        self.deliver(&p, message);
    }

    /// Delivers a message to a known process.
    pub fn deliver(&self, p: &Proc, message: Message) {
        let task = {
            let mut st = p.state.lock();
            if st.is_dead() {
                return;
            }
            Self::push_message(&mut st, message)
        };
        if let Some(task) = task {
            self.wake(task);
        }
    }

    /// Sends an exit signal with BEAM's meaning: a process that traps exits
    /// gets `("EXIT", from, reason)`; otherwise `"normal"` is ignored and any
    /// other reason ends it. `"kill"` from `process.kill` cannot be trapped
    /// and ends the process with reason `"killed"`.
    pub fn exit_signal(&self, target: u64, from: u64, reason: &Message, via: Via) {
        let Some(p) = self.lookup(target) else {
            return;
        };
        let task = {
            let mut st = p.state.lock();
            if st.is_dead() {
                return;
            }
            if via == Via::Link {
                match st.links.iter().position(|l| *l == from) {
                    Some(i) => {
                        st.links.swap_remove(i);
                    }
                    // Unlinked meanwhile: the signal no longer applies.
                    None => return,
                }
            }
            let kill = via == Via::Kill && reason_is(reason, "kill");
            if st.trap_exits && !kill {
                let exit = Message::Tuple(vec![
                    Message::str("EXIT"),
                    Message::Pid(from),
                    reason.clone(),
                ]);
                Self::push_message(&mut st, exit)
            } else if is_normal(reason) {
                // A normal exit kills no one, except a process that asks it of itself.
                if via == Via::Kill && from == target && st.signal.is_none() {
                    st.signal = Some(Ending::Normal);
                    st.take_parked(true)
                } else {
                    None
                }
            } else {
                if st.signal.is_none() {
                    let reason = if kill {
                        Message::str("killed")
                    } else {
                        reason.clone()
                    };
                    st.signal = Some(Ending::Signal { reason, from });
                }
                st.take_parked(true)
            }
        };
        if let Some(task) = task {
            self.wake(task);
        }
    }
}

/// Runs up to `budget` instructions one at a time, writing a trace line for each.
fn trace_slice(vm: &mut Vm, budget: u64, out: &mut dyn Host) -> Outcome {
    for _ in 0..budget {
        let (outcome, line) = vm::trace::step(vm);
        let _ = out.write_stderr(&line);
        match outcome {
            Outcome::OutOfFuel => continue,
            other => return other,
        }
    }
    Outcome::OutOfFuel
}

/// A raise that stopped a process from starting, as an exit reason.
fn raise_text(r: Raise) -> String {
    match r {
        Raise::New(class, vm::error::ExcArg::Msg(m)) => format!("{}: {m}", class.name()),
        Raise::New(class, _) => class.name().to_string(),
        Raise::Limit(l) => l.to_string(),
        _ => "RuntimeError: the process could not start".into(),
    }
}
