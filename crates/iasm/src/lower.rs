//! Lowering: each tutorial instruction becomes a short run of native
//! instructions in one function. Tutorial state lives in fixed registers
//! (see [`crate::regs`]); computed jumps go through one jump table whose
//! entry k is where tutorial instruction k's run starts.

use crate::error::{Error, ErrorKind};
use crate::parser::{Arg, Instruction, Program};
use crate::regs;
use crate::syntax::Op;
use bytecode::{Constant, Function, Handler, Language, Loc, Module};
use diagnostics::Span;
use isa::{Instr, Opcode};
use std::collections::HashMap;

/// Constants compared by value (floats by bit pattern) to share pool slots.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Int(i64),
    Float(u64),
    Str(String),
    Other(usize),
}

/// Where a jump goes: the start of a tutorial instruction (the instruction
/// count means the halt epilogue right after the last one).
#[derive(Debug, Clone, Copy)]
struct Fixup {
    at: usize,
    target: usize,
}

struct Emitter {
    code: Vec<Instr>,
    locs: Vec<Loc>,
    constants: Vec<Constant>,
    interned: HashMap<Key, usize>,
    table: Option<usize>,
    starts: Vec<usize>,
    fixups: Vec<Fixup>,
    loc: Loc,
    count: usize,
}

type R<T> = Result<T, ErrorKind>;

/// The registers the state global holds: the integer and float files, the
/// flag, the loop counter, the stack and the heap (`INT..=HEAP`).
const STATE_LEN: u8 = regs::HEAP + 1;

fn too_large(e: impl std::fmt::Display) -> ErrorKind {
    ErrorKind::TooLarge {
        what: format!("the bytecode limit was exceeded ({e})"),
    }
}

/// How the lowered function gets its machine state and where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// A fresh machine (all zero, empty stack and heap), from the first instruction.
    Fresh,
    /// The machine in the global [`crate::STATE_GLOBAL`], from instruction `entry`;
    /// every way out (HLT, the end of the code, a trap) stores it back.
    Resume {
        /// The instruction to start at (the instruction count: run nothing).
        entry: usize,
    },
}

/// Builds the module: one function `main` holding the whole program.
pub fn lower(program: &Program, file: &str, start: Start) -> Result<Module, Error> {
    let n = program.instructions.len();
    let mut e = Emitter {
        code: Vec::new(),
        locs: Vec::new(),
        constants: Vec::new(),
        interned: HashMap::new(),
        table: None,
        starts: Vec::with_capacity(n + 1),
        fixups: Vec::new(),
        loc: Loc::default(),
        count: n,
    };
    let start_span = Span::new(1, 1, 1);
    match start {
        Start::Fresh => e.prologue(program),
        Start::Resume { entry } => e.resume_prologue(entry.min(n)),
    }
    .map_err(|k| Error::new(start_span, k))?;
    let body_start = e.code.len();
    for (k, ins) in program.instructions.iter().enumerate() {
        e.starts.push(e.code.len());
        e.loc = Loc {
            line: ins.line,
            col: ins.col,
        };
        let span = Span::new(ins.line, ins.col, ins.op.mnemonic().len() as u32);
        e.instruction(k, ins)
            .map_err(|kind| Error::new(span, kind))?;
    }
    e.starts.push(e.code.len());
    e.loc = Loc::default();
    let mut handlers = Vec::new();
    match start {
        Start::Fresh => e.epilogue(),
        Start::Resume { .. } => e.resume_epilogue(body_start).map(|h| handlers.extend(h)),
    }
    .map_err(|k| Error::new(start_span, k))?;
    e.finish().map_err(|k| Error::new(start_span, k))?;
    let mut names: Vec<String> = (0..32).map(|i| format!("${i}")).collect();
    names.extend((0..32).map(|i| format!("$f{i}")));
    names.extend(["flag", "counter", "stack", "heap", "end"].map(String::from));
    let main = Function {
        name: "main".into(),
        num_registers: regs::COUNT as u16,
        names,
        constants: e.constants,
        code: e.code,
        locs: e.locs,
        handlers,
        ..Function::default()
    };
    let mut module = Module::new(file, Language::Tutorial);
    if matches!(start, Start::Resume { .. }) {
        module.globals.push(crate::STATE_GLOBAL.to_string());
    }
    module.functions.push(main);
    Ok(module)
}

impl Emitter {
    fn emit(&mut self, op: Opcode, a: i64, b: i64, c: i64) -> R<usize> {
        let ins = Instr::encode(op, [a, b, c]).map_err(too_large)?;
        self.code.push(ins);
        self.locs.push(self.loc);
        Ok(self.code.len() - 1)
    }

    fn abc(&mut self, op: Opcode, a: u8, b: u8, c: u8) -> R<()> {
        self.emit(op, a.into(), b.into(), c.into()).map(drop)
    }

    fn konst(&mut self, key: Key, value: Constant) -> R<i64> {
        if let Some(i) = self.interned.get(&key) {
            return Ok(*i as i64);
        }
        let i = self.constants.len();
        self.constants.push(value);
        self.interned.insert(key, i);
        Ok(i as i64)
    }

    fn int_const(&mut self, v: i64) -> R<i64> {
        self.konst(Key::Int(v), Constant::Int(v))
    }

    fn str_const(&mut self, s: &str) -> R<i64> {
        self.konst(Key::Str(s.to_string()), Constant::Str(s.to_string()))
    }

    fn load_int(&mut self, dst: u8, v: i64) -> R<()> {
        if (i16::MIN as i64..=i16::MAX as i64).contains(&v) {
            self.emit(Opcode::LoadI, dst.into(), v, 0)?;
        } else {
            let k = self.int_const(v)?;
            self.emit(Opcode::LoadK, dst.into(), k, 0)?;
        }
        Ok(())
    }

    /// A `jmp` to the start of tutorial instruction `target` (or the epilogue).
    fn jump_to(&mut self, target: usize) -> R<()> {
        let at = self.emit(Opcode::Jmp, 0, 0, 0)?;
        self.fixups.push(Fixup { at, target });
        Ok(())
    }

    /// A jump to the byte offset held in `reg`: exactly the end of the code
    /// halts; anything else goes through the jump table, which traps on a
    /// negative, unaligned or too large offset.
    fn computed_jump(&mut self, reg: u8) -> R<()> {
        self.abc(Opcode::BrEq, reg, regs::END, 1)?;
        self.jump_to(self.count)?;
        let table = match self.table {
            Some(t) => t,
            None => {
                let t = self.konst(Key::Other(usize::MAX), Constant::Table(Vec::new()))?;
                self.table = Some(t as usize);
                t as usize
            }
        };
        self.emit(Opcode::JmpTab, reg.into(), table as i64, 0)?;
        Ok(())
    }

    /// Pops the shared stack into `T0`, trapping with `message` when it is empty.
    fn checked_pop(&mut self, message: &str) -> R<()> {
        self.abc(Opcode::Len, regs::T0, regs::STACK, 0)?;
        // breqi T0, 0, 0: when the length is not zero, take the jmp over the error.
        self.emit(Opcode::BrEqI, regs::T0.into(), 0, 0)?;
        self.emit(Opcode::Jmp, 1, 0, 0)?;
        let msg = self.str_const(message)?;
        let class = isa::docs::exception_number("IndexError").unwrap_or(0) as i64;
        self.emit(Opcode::Error, class, msg, 0)?;
        let pop = self.str_const("pop")?;
        self.emit(Opcode::GetMethod, regs::T0.into(), regs::STACK.into(), pop)?;
        self.abc(Opcode::Call, regs::T0, 1, 0)
    }

    fn prologue(&mut self, program: &Program) -> R<()> {
        let zeros = self.konst(Key::Other(0), Constant::Tuple(vec![Constant::Int(0); 32]))?;
        let fzeros = self.konst(
            Key::Other(1),
            Constant::Tuple(vec![Constant::Float(0.0); 32]),
        )?;
        // `getmethod` holds its name in an 8-bit field: claim the slot early.
        if program
            .instructions
            .iter()
            .any(|i| matches!(i.op, Op::Pop | Op::Ret))
        {
            self.str_const("pop")?;
        }
        self.emit(Opcode::LoadK, regs::T0.into(), zeros, 0)?;
        self.abc(Opcode::Unpack, regs::INT, regs::T0, 32)?;
        self.emit(Opcode::LoadK, regs::T0.into(), fzeros, 0)?;
        self.abc(Opcode::Unpack, regs::FLOAT, regs::T0, 32)?;
        self.abc(Opcode::LoadBool, regs::FLAG, 0, 0)?;
        self.load_int(regs::COUNTER, 0)?;
        self.abc(Opcode::NewList, regs::STACK, regs::T0, 0)?;
        self.abc(Opcode::NewMem, regs::HEAP, 0, 0)?;
        let end = i64::try_from(self.count)
            .ok()
            .and_then(|n| n.checked_mul(4))
            .ok_or_else(|| too_large("more than 2^61 instructions"))?;
        self.load_int(regs::END, end)
    }

    /// HLT and the end of the code: return the register files as one tuple
    /// (32 ints, then 32 floats) so the embedder can show them.
    fn epilogue(&mut self) -> R<()> {
        self.abc(Opcode::NewTuple, regs::T0, regs::INT, 64)?;
        self.abc(Opcode::Return, regs::T0, 0, 0)
    }

    /// Takes the machine from the state global, then jumps to instruction `entry`.
    fn resume_prologue(&mut self, entry: usize) -> R<()> {
        // Claimed first, for the same reason as in `prologue`.
        self.str_const("pop")?;
        self.emit(Opcode::GetGlobal, regs::T0.into(), 0, 0)?;
        self.abc(Opcode::Unpack, regs::INT, regs::T0, STATE_LEN)?;
        let end = i64::try_from(self.count)
            .ok()
            .and_then(|n| n.checked_mul(4))
            .ok_or_else(|| too_large("more than 2^61 instructions"))?;
        self.load_int(regs::END, end)?;
        self.jump_to(entry)
    }

    /// Stores the machine back into the state global and returns it; a trap
    /// anywhere in the body (from `body_start`) stores it too before it
    /// propagates, so the machine keeps what happened up to the trap.
    fn resume_epilogue(&mut self, body_start: usize) -> R<Option<Handler>> {
        self.abc(Opcode::NewTuple, regs::T0, regs::INT, STATE_LEN)?;
        self.emit(Opcode::SetGlobal, regs::T0.into(), 0, 0)?;
        self.abc(Opcode::Return, regs::T0, 0, 0)?;
        let body_end = self.starts[self.count];
        if body_end == body_start {
            return Ok(None);
        }
        let target = self.code.len();
        self.abc(Opcode::GetExc, regs::T1, 0, 0)?;
        self.abc(Opcode::NewTuple, regs::T0, regs::INT, STATE_LEN)?;
        self.emit(Opcode::SetGlobal, regs::T0.into(), 0, 0)?;
        self.abc(Opcode::Reraise, regs::T1, 0, 0)?;
        let index = |i: usize| u32::try_from(i).map_err(too_large);
        Ok(Some(Handler {
            start: index(body_start)?,
            end: index(body_end)?,
            target: index(target)?,
        }))
    }

    fn finish(&mut self) -> R<()> {
        for f in &self.fixups {
            let target = self.starts[f.target] as i64;
            let offset = target - (f.at as i64 + 1);
            self.code[f.at] = Instr::encode(Opcode::Jmp, [offset, 0, 0]).map_err(too_large)?;
        }
        if let Some(t) = self.table {
            let entries = self.starts[..self.count]
                .iter()
                .map(|s| u32::try_from(*s).map_err(too_large))
                .collect::<R<Vec<u32>>>()?;
            self.constants[t] = Constant::Table(entries);
        }
        Ok(())
    }

    fn instruction(&mut self, k: usize, ins: &Instruction) -> R<()> {
        let reg = |i: usize| match ins.args.get(i) {
            Some(Arg::Reg(r)) => *r,
            _ => 0,
        };
        let int = |i: usize| match ins.args.get(i) {
            Some(Arg::Int(v)) => *v,
            _ => 0,
        };
        let ireg = |i: usize| regs::INT + reg(i);
        let freg = |i: usize| regs::FLOAT + reg(i);
        let code = |i: usize| match ins.args.get(i) {
            Some(Arg::Code(c)) => *c,
            _ => 0,
        };
        // The byte offset of the next instruction (return addresses, JMPF/JMPB).
        let next = i64::try_from(k + 1)
            .ok()
            .and_then(|n| n.checked_mul(4))
            .ok_or_else(|| too_large("more than 2^61 instructions"))?;
        match ins.op {
            Op::Load => self.load_int(ireg(0), int(1))?,
            Op::Lui => {
                let r = ireg(0);
                self.load_int(regs::T0, 16)?;
                self.abc(Opcode::Shl, r, r, regs::T0)?;
                self.abc(Opcode::Wrap32, r, r, 0)?;
                self.load_int(regs::T0, int(1))?;
                self.abc(Opcode::BOr, r, r, regs::T0)?;
            }
            Op::Add | Op::Sub | Op::Mul | Op::Div => {
                let op = match ins.op {
                    Op::Add => Opcode::Add,
                    Op::Sub => Opcode::Sub,
                    Op::Mul => Opcode::Mul,
                    _ => Opcode::TDiv,
                };
                let d = ireg(2);
                self.abc(op, d, ireg(0), ireg(1))?;
                self.abc(Opcode::Wrap32, d, d, 0)?;
            }
            // Bitwise results of 32-bit operands stay 32-bit: no wrap needed.
            Op::And => self.abc(Opcode::BAnd, ireg(2), ireg(0), ireg(1))?,
            Op::Or => self.abc(Opcode::BOr, ireg(2), ireg(0), ireg(1))?,
            Op::Xor => self.abc(Opcode::BXor, ireg(2), ireg(0), ireg(1))?,
            Op::Not => self.abc(Opcode::Invert, ireg(1), ireg(0), 0)?,
            Op::Shl => {
                let r = ireg(0);
                self.load_int(regs::T0, int(1))?;
                self.abc(Opcode::Shl, r, r, regs::T0)?;
                self.abc(Opcode::Wrap32, r, r, 0)?;
            }
            Op::Shr => {
                let r = ireg(0);
                self.load_int(regs::T0, int(1))?;
                self.abc(Opcode::Shr, r, r, regs::T0)?;
            }
            Op::Inc | Op::Dec => {
                let r = ireg(0);
                let op = if ins.op == Op::Inc {
                    Opcode::AddI
                } else {
                    Opcode::SubI
                };
                self.emit(op, r.into(), r.into(), 1)?;
                self.abc(Opcode::Wrap32, r, r, 0)?;
            }
            Op::Nop => self.abc(Opcode::Nop, 0, 0, 0)?,
            Op::Hlt => self.jump_to(self.count)?,
            Op::Eq | Op::Neq | Op::Gt | Op::Lt | Op::Gte | Op::Lte => {
                self.abc(compare(ins.op), regs::FLAG, ireg(0), ireg(1))?
            }
            Op::Eqf64 | Op::Neqf64 | Op::Gtf64 | Op::Ltf64 | Op::Gtef64 | Op::Ltef64 => {
                self.abc(compare(ins.op), regs::FLAG, freg(0), freg(1))?
            }
            Op::Jmp => self.computed_jump(ireg(0))?,
            Op::Jmpf | Op::Jmpb => {
                self.load_int(regs::T0, next)?;
                let op = if ins.op == Op::Jmpf {
                    Opcode::Add
                } else {
                    Opcode::Sub
                };
                self.abc(op, regs::T0, regs::T0, ireg(0))?;
                self.computed_jump(regs::T0)?;
            }
            Op::Jmpe => {
                // brtrue FLAG, 0: when the flag is false, take the jmp to the next instruction.
                self.abc(Opcode::BrTrue, regs::FLAG, 0, 0)?;
                self.jump_to(k + 1)?;
                self.computed_jump(ireg(0))?;
            }
            Op::Djmpe => {
                self.abc(Opcode::BrTrue, regs::FLAG, 0, 1)?;
                self.jump_to(code(0))?;
            }
            Op::Cloop => self.load_int(regs::COUNTER, int(0))?,
            Op::Loop => {
                self.emit(Opcode::BrEqI, regs::COUNTER.into(), 0, 1)?;
                self.jump_to(k + 1)?;
                self.emit(Opcode::SubI, regs::COUNTER.into(), regs::COUNTER.into(), 1)?;
                self.jump_to(code(0))?;
            }
            Op::Call => {
                self.load_int(regs::T0, next)?;
                self.abc(Opcode::Append, regs::STACK, regs::T0, 0)?;
                self.jump_to(code(0))?;
            }
            Op::Ret => {
                self.checked_pop("RET with an empty stack: there is no return address")?;
                self.computed_jump(regs::T0)?;
            }
            Op::Push => self.abc(Opcode::Append, regs::STACK, ireg(0), 0)?,
            Op::Pop => {
                self.checked_pop("POP from an empty stack")?;
                self.abc(Opcode::Move, ireg(0), regs::T0, 0)?;
            }
            Op::Aloc => self.abc(Opcode::MemGrow, regs::HEAP, ireg(0), 0)?,
            Op::Setm => self.abc(Opcode::Store32, regs::HEAP, ireg(0), ireg(1))?,
            Op::Loadm => self.abc(Opcode::Load32, ireg(1), regs::HEAP, ireg(0))?,
            Op::Prts => {
                let text = match ins.args.first() {
                    Some(Arg::Str(s)) => s.as_str(),
                    _ => "",
                };
                let k = self.str_const(text)?;
                self.emit(Opcode::LoadK, regs::T0.into(), k, 0)?;
                self.abc(Opcode::Write, regs::T0, 0, 0)?;
            }
            Op::Loadf64 => {
                let x = match ins.args.get(1) {
                    Some(Arg::Float(f)) => *f,
                    _ => 0.0,
                };
                let k = self.konst(Key::Float(x.to_bits()), Constant::Float(x))?;
                self.emit(Opcode::LoadK, freg(0).into(), k, 0)?;
            }
            Op::Addf64 => self.abc(Opcode::Add, freg(2), freg(0), freg(1))?,
            Op::Subf64 => self.abc(Opcode::Sub, freg(2), freg(0), freg(1))?,
            Op::Mulf64 => self.abc(Opcode::Mul, freg(2), freg(0), freg(1))?,
            Op::Divf64 => self.abc(Opcode::FDiv, freg(2), freg(0), freg(1))?,
        }
        Ok(())
    }
}

fn compare(op: Op) -> Opcode {
    match op {
        Op::Eq | Op::Eqf64 => Opcode::Eq,
        Op::Neq | Op::Neqf64 => Opcode::Ne,
        Op::Gt | Op::Gtf64 => Opcode::Gt,
        Op::Lt | Op::Ltf64 => Opcode::Lt,
        Op::Gte | Op::Gtef64 => Opcode::Ge,
        _ => Opcode::Le,
    }
}
