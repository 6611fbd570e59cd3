//! Building one function's bytecode: registers (locals, then a stack of
//! temporaries), the constant pool, instructions with source positions, and
//! jump patching.

use crate::error::CompileError;
use bytecode::{Capture, Constant, Function, FunctionFlags, Handler, Loc};
use diagnostics::Span;
use isa::{Flow, Instr, Opcode};

/// A register index.
pub type Reg = usize;

/// Most registers a frame may use.
pub const MAX_REGS: usize = 256;

/// Bytecode under construction for one function.
#[derive(Debug)]
pub struct FnBuilder {
    pub name: String,
    pub code: Vec<Instr>,
    pub locs: Vec<Loc>,
    pub constants: Vec<Constant>,
    pub handlers: Vec<Handler>,
    pub captures: Vec<Capture>,
    pub names: Vec<String>,
    pub num_params: u8,
    pub num_kwonly: u8,
    pub flags: FunctionFlags,
    /// Where instructions being emitted come from.
    pub loc: Loc,
    /// The span of the node being compiled (for errors).
    pub span: Span,
    /// Registers below this hold named locals.
    pub num_locals: usize,
    /// The next free temporary register.
    pub next_temp: usize,
    /// Temporaries below this stay reserved across statements (loop state).
    pub temp_floor: usize,
    /// The highest register count used.
    pub max_regs: usize,
}

impl FnBuilder {
    /// A builder for a function whose first `num_locals` registers are named.
    pub fn new(name: &str, names: Vec<String>) -> FnBuilder {
        let n = names.len();
        FnBuilder {
            name: name.to_string(),
            code: Vec::new(),
            locs: Vec::new(),
            constants: Vec::new(),
            handlers: Vec::new(),
            captures: Vec::new(),
            names,
            num_params: 0,
            num_kwonly: 0,
            flags: FunctionFlags::default(),
            loc: Loc::default(),
            span: Span::default(),
            num_locals: n,
            next_temp: n,
            temp_floor: n,
            max_regs: n,
        }
    }

    fn too_big(&self, what: &str) -> CompileError {
        CompileError::limit(self.span, format!("function `{}` needs {what}", self.name))
    }

    /// Allocates one temporary register.
    pub fn temp(&mut self) -> Result<Reg, CompileError> {
        self.temps(1)
    }

    /// Allocates `n` consecutive temporary registers; returns the first.
    pub fn temps(&mut self, n: usize) -> Result<Reg, CompileError> {
        let r = self.next_temp;
        if r + n > MAX_REGS {
            return Err(self.too_big(
                "more than 256 registers (simplify the expression or split the function)",
            ));
        }
        self.next_temp += n;
        self.max_regs = self.max_regs.max(self.next_temp);
        Ok(r)
    }

    /// Emits an instruction from raw operands, recording the current location.
    pub fn emit(&mut self, op: Opcode, a: i64, b: i64, c: i64) -> Result<usize, CompileError> {
        let word = Instr::encode(op, [a, b, c]).map_err(|e| {
            CompileError::limit(self.span, format!("cannot encode `{}`: {e}", op.mnemonic()))
        })?;
        self.code.push(word);
        self.locs.push(self.loc);
        Ok(self.code.len() - 1)
    }

    /// Emits an ABC instruction with register/immediate operands.
    pub fn op(&mut self, op: Opcode, a: usize, b: usize, c: usize) -> Result<usize, CompileError> {
        self.emit(op, a as i64, b as i64, c as i64)
    }

    /// Emits `move` unless source and destination are the same register.
    pub fn mov(&mut self, dst: Reg, src: Reg) -> Result<(), CompileError> {
        if dst != src {
            self.op(Opcode::Move, dst, src, 0)?;
        }
        Ok(())
    }

    /// Emits a `jmp` to be patched later; returns its index.
    pub fn jump(&mut self) -> Result<usize, CompileError> {
        self.emit(Opcode::Jmp, 0, 0, 0)
    }

    /// Emits a branch instruction and its `jmp`; returns the `jmp`'s index.
    pub fn branch(&mut self, op: Opcode, a: i64, b: i64, k: bool) -> Result<usize, CompileError> {
        self.emit(op, a, b, k as i64)?;
        self.jump()
    }

    /// Emits a loop-control branch (`forprep`, `forloop`, `foriter`) and its `jmp`.
    pub fn loop_branch(&mut self, op: Opcode, a: usize, b: usize) -> Result<usize, CompileError> {
        self.emit(op, a as i64, b as i64, 0)?;
        self.jump()
    }

    /// Points the `jmp` at `at` to the instruction index `target`.
    pub fn patch(&mut self, at: usize, target: usize) -> Result<(), CompileError> {
        let offset = target as i64 - (at as i64 + 1);
        let word = Instr::encode(Opcode::Jmp, [offset, 0, 0])
            .map_err(|_| self.too_big("a jump longer than the 24-bit offset allows"))?;
        self.code[at] = word;
        Ok(())
    }

    /// Points every listed `jmp` at the next instruction to be emitted.
    pub fn patch_here(&mut self, jumps: &[usize]) -> Result<(), CompileError> {
        let here = self.code.len();
        for j in jumps {
            self.patch(*j, here)?;
        }
        Ok(())
    }

    /// Emits a backward `jmp` to `target`.
    pub fn jump_to(&mut self, target: usize) -> Result<(), CompileError> {
        let at = self.jump()?;
        self.patch(at, target)
    }

    /// The index the next instruction will get.
    pub fn here(&self) -> usize {
        self.code.len()
    }

    /// The pool index of a constant, adding it if new.
    pub fn constant(&mut self, k: Constant) -> Result<usize, CompileError> {
        if let Some(i) = self.constants.iter().position(|c| *c == k) {
            return Ok(i);
        }
        if self.constants.len() >= 65536 {
            return Err(self.too_big("more than 65536 constants"));
        }
        self.constants.push(k);
        Ok(self.constants.len() - 1)
    }

    /// The pool index of a constant if it is (or can be made) below 256, for 8-bit operands.
    pub fn small_constant(&mut self, k: Constant) -> Option<usize> {
        if let Some(i) = self.constants.iter().position(|c| *c == k) {
            return (i < 256).then_some(i);
        }
        if self.constants.len() < 256 {
            self.constants.push(k);
            return Some(self.constants.len() - 1);
        }
        None
    }

    /// A `jmp` to a `return` becomes that `return`, and `move rA, rB` just
    /// before it, when it returns rA, returns rB at once: `return a if c
    /// else b` and early returns then leave in one dispatch instead of three.
    /// A `jmp` that completes a branch (its operand) stays as it is.
    fn thread_returns(&mut self) {
        for i in 0..self.code.len() {
            let ins = self.code[i];
            if ins.opcode() != Some(Opcode::Jmp)
                || i.checked_sub(1)
                    .and_then(|p| self.code[p].opcode())
                    .is_some_and(|op| op.flow() == Flow::Branch)
            {
                continue;
            }
            let Some(target) = usize::try_from(i as i64 + 1 + ins.sj()).ok() else {
                continue;
            };
            let Some(&ret) = self.code.get(target) else {
                continue;
            };
            if !matches!(ret.opcode(), Some(Opcode::Return | Opcode::ReturnNone)) {
                continue;
            }
            self.code[i] = ret;
            self.locs[i] = self.locs[target];
            let Some(p) = i.checked_sub(1) else { continue };
            let prev = self.code[p];
            if ret.opcode() == Some(Opcode::Return)
                && prev.opcode() == Some(Opcode::Move)
                && prev.a() == ret.a()
            {
                if let Ok(direct) = Instr::encode(Opcode::Return, [prev.b() as i64, 0, 0]) {
                    self.code[p] = direct;
                    self.locs[p] = self.locs[target];
                }
            }
        }
    }

    /// A constant loaded just to be returned (`loadi r1, 1; return r1`) is
    /// returned at once: the load becomes `returnk` (or `returnnone`). The
    /// `return` stays, so a jump to it still returns the register; nothing
    /// moves, so no jump or handler needs patching.
    fn return_constants(&mut self) {
        for p in 0..self.code.len().saturating_sub(1) {
            let (load, ret) = (self.code[p], self.code[p + 1]);
            if ret.opcode() != Some(Opcode::Return) || load.a() != ret.a() {
                continue;
            }
            // An immediate becomes a pool constant, returned as one.
            let k = match load.decode() {
                Ok((Opcode::LoadNone, _)) => {
                    self.code[p] = Instr::abc(Opcode::ReturnNone, 0, 0, 0);
                    continue;
                }
                Ok((Opcode::LoadK, [_, k, _])) => Ok(k as usize),
                Ok((Opcode::LoadI, [_, i, _])) => self.constant(Constant::Int(i)),
                Ok((Opcode::LoadF, [_, f, _])) => self.constant(Constant::Float(f as f64)),
                Ok((Opcode::LoadBool, [_, b, _])) => self.constant(Constant::Bool(b != 0)),
                _ => continue,
            };
            if let Ok(k) = k {
                self.code[p] = Instr::encode(Opcode::ReturnK, [0, k as i64, 0]).unwrap_or(load);
            }
        }
    }

    /// Finishes the function.
    pub fn finish(mut self) -> Function {
        self.thread_returns();
        self.return_constants();
        Function {
            name: self.name,
            num_params: self.num_params,
            num_kwonly: self.num_kwonly,
            flags: self.flags,
            num_registers: self.max_regs.max(1) as u16,
            names: self.names,
            captures: self.captures,
            constants: self.constants,
            code: self.code,
            locs: self.locs,
            handlers: self.handlers,
        }
    }
}
