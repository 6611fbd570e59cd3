//! Facts about verified functions that the VM uses to skip work at run time.

use crate::module::{CaptureSource, Constant, Function, Module};
use isa::{Flow, Opcode, OperandKind};

/// A set of registers (a frame has at most 256).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Regs([u64; 4]);

impl Regs {
    const NONE: Regs = Regs([0; 4]);

    fn insert(&mut self, r: usize) {
        if r < 256 {
            self.0[r / 64] |= 1 << (r % 64);
        }
    }

    fn remove_above(&mut self, r: usize) {
        for (w, word) in self.0.iter_mut().enumerate() {
            // Bits of this word at or below `r` stay.
            let keep = match (r + 1).saturating_sub(w * 64) {
                0 => 0,
                k if k >= 64 => u64::MAX,
                k => (1 << k) - 1,
            };
            *word &= keep;
        }
    }

    fn contains(&self, r: usize) -> bool {
        r < 256 && self.0[r / 64] & (1 << (r % 64)) != 0
    }

    fn intersect(&self, other: &Regs) -> Regs {
        let mut out = *self;
        for (o, w) in out.0.iter_mut().zip(other.0) {
            *o &= w;
        }
        out
    }

    fn minus(&self, other: &Regs) -> Regs {
        let mut out = *self;
        for (o, w) in out.0.iter_mut().zip(other.0) {
            *o &= !w;
        }
        out
    }

    fn union(&self, other: &Regs) -> Regs {
        let mut out = *self;
        for (o, w) in out.0.iter_mut().zip(other.0) {
            *o |= w;
        }
        out
    }
}

/// What is known about the registers of a function's frames: which must
/// start unbound, and which hold a value the frame may still read.
#[derive(Debug, Clone)]
pub struct RegisterFlow {
    clear: usize,
    /// Per instruction: the registers written on every path from the entry
    /// to it (exception edges included); `None` where no path reaches it.
    written: Vec<Option<Regs>>,
}

impl RegisterFlow {
    /// Analyses `f`, a function of `module`. Code that cannot be analysed
    /// (verified code always can) gets the answers that assume nothing.
    pub fn of(module: &Module, f: &Function) -> RegisterFlow {
        analyse(module, f).unwrap_or(RegisterFlow {
            clear: f.num_registers as usize,
            written: Vec::new(),
        })
    }

    /// How many leading registers must start unbound when a frame is entered
    /// with its arguments in place: every register at or above it is written
    /// before it is read on every path through the function (exception
    /// handlers included), so its initial contents are never observed and a
    /// call may leave whatever the stack held there. A named local counts
    /// only when it may be read unwritten: `chkbound`, which reports an
    /// unbound one, reads it, and a local written on every path before any
    /// read (a loop variable, `left, right = node`) can never be seen unbound.
    pub fn clear(&self) -> usize {
        self.clear
    }

    /// Whether register `r` may hold a value that a frame about to run
    /// instruction `pc` will still read. A register at or above
    /// [`RegisterFlow::clear`] that is not written on every path to `pc` is
    /// dead there: were a later read reachable from `pc` without a write,
    /// the path through the unwritten way in would read it unwritten. Answers
    /// `true` whenever it cannot tell.
    pub fn may_be_read(&self, pc: usize, r: usize) -> bool {
        r < self.clear
            || match self.written.get(pc) {
                Some(Some(w)) => w.contains(r),
                // Unreachable, or not analysed.
                _ => true,
            }
    }
}

fn analyse(module: &Module, f: &Function) -> Option<RegisterFlow> {
    let nregs = f.num_registers as usize;
    let n = f.code.len();
    if n == 0 || nregs > 256 {
        return None;
    }
    let mut accesses = Vec::with_capacity(n);
    for pc in 0..n {
        accesses.push(Access::of(module, f, pc)?);
    }
    // Forward must-analysis: registers written on every path to each
    // instruction. `None` marks instructions not reached yet. Sweeps in
    // code order until nothing changes (a loop needs a sweep or two more).
    let mut written: Vec<Option<Regs>> = vec![None; n];
    let mut entry = Regs::NONE;
    for r in 0..f.arg_registers() {
        entry.insert(r);
    }
    written[0] = Some(entry);
    let mut changed = true;
    // Merges `state` into what is known at instruction `s`.
    let merge = |written: &mut Vec<Option<Regs>>, changed: &mut bool, s: usize, state: Regs| {
        let slot = written.get_mut(s)?;
        let merged = match slot {
            Some(old) => old.intersect(&state),
            None => state,
        };
        if *slot != Some(merged) {
            *slot = Some(merged);
            *changed = true;
        }
        Some(())
    };
    while changed {
        changed = false;
        for (pc, access) in accesses.iter().enumerate() {
            let Some(before) = written[pc] else { continue };
            let mut after = before.union(&access.writes);
            if let Some(a) = access.clobbers_above {
                // The callee's frame starts at R[A+1]: whatever the caller
                // held there is gone when the call returns.
                after.remove_above(a);
            }
            match access.flow {
                Flow::Next => merge(&mut written, &mut changed, pc + 1, after)?,
                Flow::Branch => {
                    merge(&mut written, &mut changed, pc + 1, after)?;
                    merge(&mut written, &mut changed, pc + 2, after)?;
                }
                Flow::Jump => merge(
                    &mut written,
                    &mut changed,
                    jump_target(pc, access.offset)?,
                    after,
                )?,
                Flow::Indirect => match f.constants.get(access.table) {
                    Some(Constant::Table(targets)) => {
                        for &t in targets {
                            merge(&mut written, &mut changed, t as usize, after)?;
                        }
                    }
                    _ => return None,
                },
                Flow::Stop => {}
            }
            // A raise inside a handler's range continues at its target with
            // the registers as they were before the instruction.
            for h in &f.handlers {
                if (h.start as usize..h.end as usize).contains(&pc) {
                    merge(&mut written, &mut changed, h.target as usize, before)?;
                }
            }
        }
    }
    let mut read_unwritten = Regs::NONE;
    for (state, access) in written.iter().zip(&accesses) {
        if let Some(before) = state {
            read_unwritten = read_unwritten.union(&access.reads.minus(before));
        }
    }
    let highest = (0..nregs).rev().find(|&r| read_unwritten.contains(r));
    let clear = highest
        .map_or(0, |r| r + 1)
        .max(f.arg_registers())
        .min(nregs);
    Some(RegisterFlow { clear, written })
}

fn jump_target(pc: usize, offset: i64) -> Option<usize> {
    usize::try_from(pc as i64 + 1 + offset).ok()
}

/// The registers one instruction reads and surely writes, and where it goes.
struct Access {
    reads: Regs,
    writes: Regs,
    flow: Flow,
    /// The jump offset of a `jmp`.
    offset: i64,
    /// The jump table constant of an indirect jump.
    table: usize,
    /// For a call, its register A: the callee's frame overwrites the
    /// registers above it.
    clobbers_above: Option<usize>,
}

impl Access {
    fn of(module: &Module, f: &Function, pc: usize) -> Option<Access> {
        let (op, operands) = f.code.get(pc)?.decode().ok()?;
        let mut a = Access {
            reads: Regs::NONE,
            writes: Regs::NONE,
            flow: op.flow(),
            offset: 0,
            table: 0,
            clobbers_above: None,
        };
        let value = |i: usize| operands[i].max(0) as usize;
        // Instructions that read their destination (a callee, a cell's
        // initial value, a loop counter) or write it only on one branch.
        let call = matches!(op, Opcode::Call | Opcode::CallKw | Opcode::CallEx);
        if call || matches!(op, Opcode::CallG | Opcode::CallG1) {
            a.clobbers_above = Some(value(0));
        }
        // (`callg` and `callg1` load their callee themselves: R[A] is written.)
        let reads_a = call || op == Opcode::MkCell;
        let conditional = matches!(
            op,
            Opcode::ForIter | Opcode::ForPrep | Opcode::ForLoop | Opcode::ForLoop1
        );
        for (i, kind) in op.operands().iter().enumerate() {
            match kind {
                OperandKind::Reg => a.reads.insert(value(i)),
                // The loop counter is read; the loop variable is written
                // only when the loop goes on, so it counts as neither.
                OperandKind::Dst if conditional && i == 0 => a.reads.insert(value(i)),
                OperandKind::Dst if conditional => {}
                OperandKind::Dst => {
                    if reads_a {
                        a.reads.insert(value(i));
                    }
                    a.writes.insert(value(i));
                }
                OperandKind::Jump => a.offset = operands[i],
                OperandKind::Table => a.table = value(i),
                _ => {}
            }
        }
        let (x, y, z) = (value(0) as u32, value(1) as u32, value(2) as u32);
        if let Some((lo, hi)) = op.span().range(x, y, z) {
            // Spans are read, except the results of an unpack, the method
            // and receiver `getmethod` stores, and the callee and argument
            // `callg1` stores.
            let written = matches!(
                op,
                Opcode::Unpack | Opcode::UnpackEx | Opcode::GetMethod | Opcode::CallG1
            );
            for r in lo..=hi.min(255) {
                if written {
                    a.writes.insert(r as usize);
                } else {
                    a.reads.insert(r as usize);
                }
            }
        }
        if op == Opcode::Closure {
            // The new closure captures cells from this frame's registers.
            for c in &module.functions.get(value(1))?.captures {
                if let CaptureSource::Register(r) = c.source {
                    a.reads.insert(r as usize);
                }
            }
        }
        Some(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use isa::Instr;

    fn func(code: Vec<Instr>, nregs: u16, names: &[&str]) -> Function {
        Function {
            name: "f".into(),
            num_params: 1,
            num_registers: nregs,
            names: names.iter().map(|s| s.to_string()).collect(),
            locs: vec![Default::default(); code.len()],
            code,
            ..Default::default()
        }
    }

    fn clear(f: Function) -> usize {
        let mut module = Module::new("m", crate::Language::Assembly);
        module.functions.push(f);
        RegisterFlow::of(&module, &module.functions[0]).clear()
    }

    #[test]
    fn temporaries_written_first_need_no_clearing() {
        // r1 := r0 + 1; return r1
        let code = vec![
            Instr::abc(Opcode::AddI, 1, 0, 1),
            Instr::abc(Opcode::Return, 1, 0, 0),
        ];
        assert_eq!(clear(func(code.clone(), 4, &["n"])), 1);
        // r1 is dead before the add writes it, and may be read after.
        let mut module = Module::new("m", crate::Language::Assembly);
        module.functions.push(func(code, 4, &["n"]));
        let flow = RegisterFlow::of(&module, &module.functions[0]);
        assert!(!flow.may_be_read(0, 1));
        assert!(flow.may_be_read(1, 1));
        assert!(flow.may_be_read(0, 0));
        assert!(flow.may_be_read(7, 3), "beyond the code nothing is known");
    }

    #[test]
    fn removing_registers_above_one_keeps_it() {
        for r in [0, 5, 63, 64, 100, 200, 255] {
            let mut all = Regs([u64::MAX; 4]);
            all.remove_above(r);
            assert!((0..256).all(|k| all.contains(k) == (k <= r)), "r{r}");
        }
    }

    #[test]
    fn code_that_cannot_be_analysed_assumes_nothing() {
        // A jump past the end, then an undecodable word: never a panic, and
        // every register counts as read (not verified code, but no panic).
        for code in [
            vec![Instr::encode(Opcode::Jmp, [100, 0, 0]).unwrap()],
            vec![Instr(0xffff_ffff)],
        ] {
            let mut module = Module::new("m", crate::Language::Assembly);
            module.functions.push(func(code, 6, &["n"]));
            let flow = RegisterFlow::of(&module, &module.functions[0]);
            assert_eq!(flow.clear(), 6);
            assert!(flow.may_be_read(0, 5));
        }
    }

    #[test]
    fn named_locals_count_only_when_they_may_be_read_unwritten() {
        // x := n; return x: the local x is written first, y never read.
        let code = vec![
            Instr::abc(Opcode::Move, 1, 0, 0),
            Instr::abc(Opcode::Return, 1, 0, 0),
        ];
        assert_eq!(clear(func(code, 5, &["n", "x", "y"])), 1);
        // chkbound y (a read) must see it unbound.
        let code = vec![
            Instr::encode(Opcode::ChkBound, [2, 0, 0]).unwrap(),
            Instr::abc(Opcode::Return, 2, 0, 0),
        ];
        assert_eq!(clear(func(code, 5, &["n", "x", "y"])), 3);
    }

    #[test]
    fn a_read_before_a_write_on_one_path_counts() {
        // if r0: r2 := 1; return r2 (r2 is unwritten on the other path)
        let code = vec![
            Instr::abc(Opcode::BrTrue, 0, 0, 0),
            Instr::encode(Opcode::Jmp, [1, 0, 0]).unwrap(),
            Instr::encode(Opcode::LoadI, [2, 1, 0]).unwrap(),
            Instr::abc(Opcode::Return, 2, 0, 0),
        ];
        assert_eq!(clear(func(code, 4, &["n"])), 3);
    }

    #[test]
    fn a_call_reads_its_window_and_a_handler_sees_the_state_before() {
        // r3 := r0; call r2(r3) reads an unwritten callee register r2.
        let code = vec![
            Instr::abc(Opcode::Move, 3, 0, 0),
            Instr::abc(Opcode::Call, 2, 1, 0),
            Instr::abc(Opcode::Return, 2, 0, 0),
        ];
        assert_eq!(clear(func(code, 4, &["n"])), 3);
        // r1 is written in the protected range, but the handler reads it.
        let code = vec![
            Instr::abc(Opcode::Move, 1, 0, 0),
            Instr::abc(Opcode::Return, 1, 0, 0),
            Instr::abc(Opcode::Return, 1, 0, 0),
        ];
        let mut f = func(code, 3, &["n"]);
        f.handlers.push(crate::Handler {
            start: 0,
            end: 1,
            target: 2,
        });
        assert_eq!(clear(f), 2);
    }
}
