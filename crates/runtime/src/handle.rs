//! A process's connection to the runtime: the `ProcessApi` that the
//! `process` module's natives call, owned by the process's VM.

use crate::proc::{Proc, Task};
use crate::scheduler::{Shared, Via};
use std::sync::Arc;
use std::time::{Duration, Instant};
use vm::message::Message;
use vm::process::{ProcessApi, Received, SpawnRequest};

/// The runtime as one process sees it.
pub(crate) struct Handle {
    rt: Arc<Shared>,
    me: Arc<Proc>,
    /// The process this one last sent to: most processes send to the same
    /// few over and over (a ring's next node, a server), so this saves the
    /// table lookup. A process that has ended stays here, marked dead.
    last: Option<Arc<Proc>>,
}

impl Handle {
    pub fn new(rt: Arc<Shared>, me: Arc<Proc>) -> Handle {
        Handle { rt, me, last: None }
    }
}

/// The moment `seconds` from now (far in the future when it does not fit).
fn after(seconds: f64) -> Instant {
    let now = Instant::now();
    Duration::try_from_secs_f64(seconds)
        .ok()
        .and_then(|d| now.checked_add(d))
        .unwrap_or_else(|| now + Duration::from_secs(100 * 365 * 24 * 3600))
}

impl ProcessApi for Handle {
    fn self_pid(&self) -> u64 {
        self.me.pid
    }

    fn spawn(&mut self, request: SpawnRequest) -> Result<(u64, Option<u64>), String> {
        let pid = self.rt.new_pid();
        let proc = Arc::new(Proc::new(pid, request.limits.max_mailbox));
        let me = self.me.pid;
        let mut monitor = None;
        {
            let mut st = proc.state.lock();
            if request.link {
                st.links.push(me);
            }
            if request.monitor {
                let r = self.rt.new_ref();
                st.monitors.push((r, me));
                monitor = Some(r);
            }
        }
        if request.link {
            self.me.state.lock().links.push(pid);
        }
        self.rt.insert(proc.clone());
        let task = Box::new(Task {
            proc,
            vm: None,
            max_instructions: request.limits.max_instructions,
            start: Some(Box::new(request)),
            main: false,
            trace: None,
            blocked: false,
        });
        self.rt.add_work();
        self.rt.schedule(task);
        Ok((pid, monitor))
    }

    fn send(&mut self, to: u64, message: Message) {
        if to == self.me.pid {
            self.rt.deliver(&self.me, message);
            return;
        }
        match &self.last {
            Some(p) if p.pid == to => self.rt.deliver(p, message),
            _ => {
                if let Some(p) = self.rt.lookup(to) {
                    self.rt.deliver(&p, message);
                    self.last = Some(p);
                }
            }
        }
    }

    fn receive(&mut self, timeout: Option<f64>) -> Received {
        let mut st = self.me.state.lock();
        if st.signal.is_some() {
            // Block, so the worker ends the process now rather than after the slice.
            return Received::Wait;
        }
        if let Some(m) = st.mailbox.pop_front() {
            st.deadline = None;
            return Received::Message(m);
        }
        match timeout {
            None => {
                st.deadline = None;
                Received::Wait
            }
            Some(seconds) => match st.deadline {
                None => {
                    if seconds <= 0.0 {
                        return Received::TimedOut;
                    }
                    st.deadline = Some(after(seconds));
                    Received::Wait
                }
                Some(at) if Instant::now() >= at => {
                    st.deadline = None;
                    Received::TimedOut
                }
                Some(_) => Received::Wait,
            },
        }
    }

    fn sleep(&mut self, seconds: f64) -> bool {
        let mut st = self.me.state.lock();
        match st.deadline {
            None if seconds <= 0.0 => true,
            None => {
                st.deadline = Some(after(seconds));
                false
            }
            Some(at) if Instant::now() >= at => {
                st.deadline = None;
                true
            }
            Some(_) => false,
        }
    }

    fn link(&mut self, pid: u64) {
        let me = self.me.pid;
        if pid == me {
            return;
        }
        {
            let mut st = self.me.state.lock();
            if st.links.contains(&pid) {
                return;
            }
            st.links.push(pid);
        }
        let linked = match self.rt.lookup(pid) {
            Some(other) => {
                let mut st = other.state.lock();
                if st.is_dead() {
                    false
                } else {
                    if !st.links.contains(&me) {
                        st.links.push(me);
                    }
                    true
                }
            }
            None => false,
        };
        if !linked {
            // As in BEAM: linking to a process that is gone is an exit signal "noproc".
            self.rt
                .exit_signal(me, pid, &Message::str("noproc"), Via::Link);
        }
    }

    fn unlink(&mut self, pid: u64) {
        self.me.state.lock().links.retain(|l| *l != pid);
        if let Some(other) = self.rt.lookup(pid) {
            let me = self.me.pid;
            other.state.lock().links.retain(|l| *l != me);
        }
    }

    fn monitor(&mut self, pid: u64) -> u64 {
        let r = self.rt.new_ref();
        let me = self.me.pid;
        let watching = match self.rt.lookup(pid) {
            Some(other) => {
                let mut st = other.state.lock();
                if st.is_dead() {
                    false
                } else {
                    st.monitors.push((r, me));
                    true
                }
            }
            None => false,
        };
        if !watching {
            let down = Message::Tuple(vec![
                Message::str("DOWN"),
                Message::Ref(r),
                Message::Pid(pid),
                Message::str("noproc"),
            ]);
            self.rt.deliver(&self.me, down);
        }
        r
    }

    fn trap_exits(&mut self, on: bool) -> bool {
        std::mem::replace(&mut self.me.state.lock().trap_exits, on)
    }

    fn kill(&mut self, pid: u64, reason: Message) {
        self.rt.exit_signal(pid, self.me.pid, &reason, Via::Kill);
    }

    fn alive(&self, pid: u64) -> bool {
        self.rt.lookup(pid).is_some()
    }
}
