//! Code generation for the register VM: the same tree compiled into a
//! [`bytecode::Module`] that `vm::Vm` runs.
//!
//! Evaluation order is left to right, as on the stack machine, so that the
//! first failing operation (and hence the error) is the same on both. Values
//! live in a stack of registers: an operation's result goes to the first free
//! register `t`, its left operand is computed into `t`, its right one into
//! `t + 1`. Two refinements keep instructions and registers down without
//! changing which error is reported:
//!
//! - a literal right operand is folded into the instruction when it fits
//!   (`addi`, `subi`, `muli` with -128..=127; `addk`, `subk`, `mulk` with a
//!   constant among the first 256);
//! - a literal left operand is loaded after the right operand is computed
//!   (`5 - x`), or folded for `+` and `*`; a literal cannot fail, so moving
//!   it is not observable.
//!
//! The VM's `add`, `sub`, `mul`, `neg` and `tdiv` promote to big integers
//! instead of failing; `chki64` after them turns a result outside 64 bits
//! into an OverflowError. An interval analysis of every subtree's possible
//! values leaves the check out where the result provably fits.
//!
//! A frame has 256 registers and 65536 constants. When a subtree needs more
//! registers than are left (deeply nested right operands), or more wide
//! literals than the pool holds, it becomes a helper function of its own,
//! called with `closure` and `call`: a fresh frame and a fresh pool. Helpers
//! nest as deep as needed; the VM keeps frames on its own stack, not the
//! native one.

use crate::arith::{ArithError, BinOp};
use crate::ast::{Expr, Node, NodeId};
use crate::error::{CalcError, RuntimeError};
use bytecode::{verifier, Constant, Function, Language, Loc, Module, VerifiedModule, VerifyError};
use diagnostics::Span;
use isa::{EncodeError, Instr, Opcode};
use std::collections::HashMap;
use std::fmt::Write;
use vm::{CaptureHost, Config, Outcome, RunError, UnitId, Value, Vm};

/// Registers in a frame.
const REGISTERS: u32 = 256;
/// Constants a `loadk` can index.
const POOL: usize = 1 << 16;
/// Constants an `addk`/`subk`/`mulk` can index (its 8-bit C field).
const POOL_ABC: usize = 256;
/// Functions a `closure` can name.
const FUNCTIONS: usize = 1 << 16;

/// Why an expression cannot be compiled for the register VM.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RegisterCompileError {
    /// Splitting the expression would need more helper functions than `closure` can name.
    #[error("the expression is too large for the register VM: it would need more than {FUNCTIONS} functions")]
    TooManyFunctions,
    /// The code generator produced an operand that does not fit (a bug).
    #[error("the register code generator produced a bad instruction: {0}")]
    Encode(#[from] EncodeError),
    /// The verifier refused the generated module (a bug).
    #[error("the register code generator produced a module the verifier refuses: {0}")]
    Verify(#[from] VerifyError),
}

/// A compiled module and, for each instruction, the place in the expression it computes.
#[derive(Clone, Debug)]
pub struct RegisterProgram {
    module: VerifiedModule,
    spans: Vec<Vec<Span>>,
    depth: usize,
}

/// What the analysis knows about a subtree.
#[derive(Clone, Copy, Debug)]
struct Info {
    /// The smallest value the subtree can have, if it succeeds.
    lo: i64,
    /// The largest value the subtree can have, if it succeeds.
    hi: i64,
    /// Whether the node's own operation can leave the 64-bit range (needs `chki64`).
    check: bool,
    /// Registers needed to compute it into the first free one.
    need: u32,
    /// Literals in it that need the constant pool (outside 16 bits).
    wide: usize,
}

fn fits_i8(v: i64) -> bool {
    (-128..=127).contains(&v)
}

fn fits_i16(v: i64) -> bool {
    (-32768..=32767).contains(&v)
}

/// How a literal operand combines with a register without occupying one.
fn folds(op: BinOp, v: i64) -> bool {
    matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul) && fits_i8(v)
}

/// The range of exact results, clamped to 64 bits, and whether it exceeds them.
fn clamp(lo: i128, hi: i128) -> (i64, i64, bool) {
    let over = lo < i128::from(i64::MIN) || hi > i128::from(i64::MAX);
    let c = |v: i128| v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64;
    (c(lo), c(hi), over)
}

fn magnitude(lo: i64, hi: i64) -> i128 {
    i128::from(lo).abs().max(i128::from(hi).abs())
}

/// The interval of a binary operation's results and whether it can overflow.
fn interval(op: BinOp, a: &Info, b: &Info) -> (i64, i64, bool) {
    let (alo, ahi, blo, bhi) = (
        i128::from(a.lo),
        i128::from(a.hi),
        i128::from(b.lo),
        i128::from(b.hi),
    );
    match op {
        BinOp::Add => clamp(alo + blo, ahi + bhi),
        BinOp::Sub => clamp(alo - bhi, ahi - blo),
        BinOp::Mul => {
            let corners = [alo * blo, alo * bhi, ahi * blo, ahi * bhi];
            let lo = corners.iter().copied().min().unwrap_or(0);
            let hi = corners.iter().copied().max().unwrap_or(0);
            clamp(lo, hi)
        }
        BinOp::Div => {
            // |a / b| <= |a|; only i64::MIN / -1 leaves the range.
            let m = magnitude(a.lo, a.hi);
            let (lo, hi, _) = clamp(-m, m);
            (lo, hi, a.lo == i64::MIN && blo <= -1 && bhi >= -1)
        }
        BinOp::Mod => {
            // |a % b| < |b| and <= |a|, with the sign of a.
            let m = magnitude(a.lo, a.hi).min((magnitude(b.lo, b.hi) - 1).max(0));
            let lo = if a.lo >= 0 { 0 } else { -m };
            let hi = if a.hi <= 0 { 0 } else { m };
            let (lo, hi, _) = clamp(lo, hi);
            (lo, hi, false)
        }
    }
}

fn analyse(expr: &Expr) -> Vec<Info> {
    let mut info: Vec<Info> = Vec::with_capacity(expr.nodes().len());
    for node in expr.nodes() {
        let i = match *node {
            Node::Num(v) => Info {
                lo: v,
                hi: v,
                check: false,
                need: 1,
                wide: usize::from(!fits_i16(v)),
            },
            Node::Neg(x) => {
                let x = info[x as usize];
                let (lo, hi, check) = clamp(-i128::from(x.hi), -i128::from(x.lo));
                Info { lo, hi, check, ..x }
            }
            Node::Bin(op, l, r) => {
                let (a, b) = (info[l as usize], info[r as usize]);
                let (lo, hi, check) = interval(op, &a, &b);
                let need = match form(expr, l, r) {
                    Form::RightLiteral(v) if folds(op, v) => a.need,
                    Form::RightLiteral(_) => a.need.max(2),
                    Form::LeftLiteral(v) if op.commutes() && fits_i8(v) => b.need,
                    Form::LeftLiteral(_) => b.need.max(2),
                    Form::Registers => a.need.max(b.need.saturating_add(1)),
                };
                Info {
                    lo,
                    hi,
                    check,
                    need,
                    wide: a.wide.saturating_add(b.wide),
                }
            }
        };
        info.push(i);
    }
    info
}

/// How a binary operation gets its operands.
#[derive(Clone, Copy, Debug)]
enum Form {
    /// The right operand is a 16-bit literal.
    RightLiteral(i64),
    /// The left operand is a 16-bit literal (and the right one is not a literal).
    LeftLiteral(i64),
    /// Both operands are computed into registers.
    Registers,
}

fn form(expr: &Expr, l: NodeId, r: NodeId) -> Form {
    match (expr.literal(l), expr.literal(r)) {
        (_, Some(v)) if fits_i16(v) => Form::RightLiteral(v),
        (Some(v), None) if fits_i16(v) => Form::LeftLiteral(v),
        _ => Form::Registers,
    }
}

/// One function under construction.
struct Builder {
    /// Its index in the module.
    index: usize,
    code: Vec<Instr>,
    locs: Vec<Loc>,
    spans: Vec<Span>,
    constants: Vec<Constant>,
    pool: HashMap<i64, usize>,
    /// One past the highest register written.
    registers: u32,
}

impl Builder {
    fn new(index: usize) -> Builder {
        Builder {
            index,
            code: Vec::new(),
            locs: Vec::new(),
            spans: Vec::new(),
            constants: Vec::new(),
            pool: HashMap::new(),
            registers: 1,
        }
    }

    fn emit(&mut self, op: Opcode, operands: [i64; 3], span: Span) -> Result<(), EncodeError> {
        self.code.push(Instr::encode(op, operands)?);
        self.locs.push(Loc {
            line: span.line,
            col: span.col,
        });
        self.spans.push(span);
        Ok(())
    }

    /// The pool index of a constant, adding it when there is room below `limit`.
    fn constant(&mut self, value: i64, limit: usize) -> Option<usize> {
        if let Some(&k) = self.pool.get(&value) {
            return (k < limit).then_some(k);
        }
        if self.constants.len() >= limit {
            return None;
        }
        self.constants.push(Constant::Int(value));
        self.pool.insert(value, self.constants.len() - 1);
        Some(self.constants.len() - 1)
    }

    fn use_register(&mut self, r: u32) {
        self.registers = self.registers.max(r + 1);
    }

    /// `R[t] := value`.
    fn load(&mut self, t: u32, value: i64, span: Span) -> Result<(), EncodeError> {
        self.use_register(t);
        if fits_i16(value) {
            return self.emit(Opcode::LoadI, [t.into(), value, 0], span);
        }
        // The split rule keeps the pool from filling up (see `compile`).
        let k = self.constant(value, POOL).unwrap_or(POOL);
        self.emit(Opcode::LoadK, [t.into(), k as i64, 0], span)
    }

    fn finish(mut self, name: String) -> Result<(usize, Function, Vec<Span>), EncodeError> {
        let span = self.spans.last().copied().unwrap_or_default();
        self.emit(Opcode::Return, [0, 0, 0], span)?;
        let function = Function {
            name,
            num_registers: self.registers as u16,
            constants: self.constants,
            code: self.code,
            locs: self.locs,
            ..Function::default()
        };
        Ok((self.index, function, self.spans))
    }
}

/// A step of the iterative code generator.
#[derive(Clone, Copy, Debug)]
enum Task {
    /// Compute node `id` into register `t`.
    Compile { id: NodeId, t: u32 },
    /// The operands of node `id` are ready: emit its operation into `t`.
    Operate { id: NodeId, t: u32 },
    /// The helper function on top is complete: return from it, and call it into `t` of the caller.
    EndHelper { id: NodeId, t: u32 },
}

fn arith_opcode(op: BinOp) -> Opcode {
    match op {
        BinOp::Add => Opcode::Add,
        BinOp::Sub => Opcode::Sub,
        BinOp::Mul => Opcode::Mul,
        BinOp::Div => Opcode::TDiv,
        BinOp::Mod => Opcode::TMod,
    }
}

fn immediate_opcode(op: BinOp) -> Option<(Opcode, Opcode)> {
    match op {
        BinOp::Add => Some((Opcode::AddI, Opcode::AddK)),
        BinOp::Sub => Some((Opcode::SubI, Opcode::SubK)),
        BinOp::Mul => Some((Opcode::MulI, Opcode::MulK)),
        BinOp::Div | BinOp::Mod => None,
    }
}

/// Compiles an expression into a verified module for the register VM.
pub fn compile(expr: &Expr) -> Result<RegisterProgram, RegisterCompileError> {
    let info = analyse(expr);
    let mut functions: Vec<Option<(Function, Vec<Span>)>> = vec![None];
    let mut builders = vec![Builder::new(0)];
    let mut depth = 1;
    let mut tasks = vec![Task::Compile {
        id: expr.root(),
        t: 0,
    }];
    while let Some(task) = tasks.pop() {
        let Some(b) = builders.last_mut() else {
            break;
        };
        match task {
            Task::Compile { id, t } => {
                let i = info[id as usize];
                // A subtree that cannot fit what is left of this frame gets a
                // frame of its own. Registers: only once the frame is nearly
                // full, so each helper holds ~254 live values. Constants: a
                // margin of 256 for the addk/subk/mulk constants.
                let out_of_registers = t + i.need > REGISTERS && t + 2 >= REGISTERS;
                let out_of_constants =
                    b.constants.len() + i.wide > POOL - POOL_ABC && i.wide <= POOL - POOL_ABC;
                if out_of_registers || out_of_constants {
                    if functions.len() >= FUNCTIONS {
                        return Err(RegisterCompileError::TooManyFunctions);
                    }
                    builders.push(Builder::new(functions.len()));
                    functions.push(None);
                    depth = depth.max(builders.len());
                    tasks.push(Task::EndHelper { id, t });
                    tasks.push(Task::Compile { id, t: 0 });
                    continue;
                }
                match expr.node(id) {
                    Node::Num(v) => b.load(t, v, expr.span(id))?,
                    Node::Neg(x) => {
                        tasks.push(Task::Operate { id, t });
                        tasks.push(Task::Compile { id: x, t });
                    }
                    Node::Bin(_, l, r) => {
                        tasks.push(Task::Operate { id, t });
                        match form(expr, l, r) {
                            Form::RightLiteral(_) => tasks.push(Task::Compile { id: l, t }),
                            Form::LeftLiteral(_) => tasks.push(Task::Compile { id: r, t }),
                            Form::Registers => {
                                tasks.push(Task::Compile { id: r, t: t + 1 });
                                tasks.push(Task::Compile { id: l, t });
                            }
                        }
                    }
                }
            }
            Task::Operate { id, t } => {
                let span = expr.span(id);
                let rt = i64::from(t);
                match expr.node(id) {
                    Node::Num(_) => {}
                    Node::Neg(_) => b.emit(Opcode::Neg, [rt, rt, 0], span)?,
                    Node::Bin(op, l, r) => match form(expr, l, r) {
                        Form::RightLiteral(v) => {
                            operate_literal(b, op, t, v, false, span)?;
                        }
                        Form::LeftLiteral(v) => {
                            operate_literal(b, op, t, v, true, span)?;
                        }
                        Form::Registers => {
                            b.use_register(t + 1);
                            b.emit(arith_opcode(op), [rt, rt, rt + 1], span)?;
                        }
                    },
                }
                if info[id as usize].check {
                    b.emit(Opcode::ChkI64, [rt, 0, 0], span)?;
                }
            }
            Task::EndHelper { id, t } => {
                let Some(helper) = builders.pop() else {
                    break;
                };
                let name = format!("helper{}", helper.index);
                let (index, function, spans) = helper.finish(name)?;
                functions[index] = Some((function, spans));
                let Some(caller) = builders.last_mut() else {
                    break;
                };
                let span = expr.span(id);
                caller.use_register(t);
                caller.emit(Opcode::Closure, [i64::from(t), index as i64, 0], span)?;
                caller.emit(Opcode::Call, [i64::from(t), 0, 0], span)?;
            }
        }
    }
    for b in builders.drain(..).rev() {
        let (index, function, spans) = b.finish("main".to_string())?;
        functions[index] = Some((function, spans));
    }
    let mut module = Module::new("<expression>", Language::Calc);
    let mut all_spans = Vec::with_capacity(functions.len());
    for (function, spans) in functions.into_iter().flatten() {
        module.functions.push(function);
        all_spans.push(spans);
    }
    Ok(RegisterProgram {
        module: verifier::verify(module)?,
        spans: all_spans,
        depth,
    })
}

/// `R[t] := R[t] op v` (or `v op R[t]` when `swapped`), for a 16-bit literal `v`.
fn operate_literal(
    b: &mut Builder,
    op: BinOp,
    t: u32,
    v: i64,
    swapped: bool,
    span: Span,
) -> Result<(), EncodeError> {
    let rt = i64::from(t);
    if let Some((imm, konst)) = immediate_opcode(op) {
        if !swapped || op.commutes() {
            if fits_i8(v) {
                return b.emit(imm, [rt, rt, v], span);
            }
            if let Some(k) = b.constant(v, POOL_ABC) {
                return b.emit(konst, [rt, rt, k as i64], span);
            }
        }
    }
    b.load(t + 1, v, span)?;
    let operands = if swapped {
        [rt, rt + 1, rt]
    } else {
        [rt, rt, rt + 1]
    };
    b.emit(arith_opcode(op), operands, span)
}

impl RegisterProgram {
    /// The compiled module (function 0 is the entry point).
    pub fn module(&self) -> &Module {
        self.module.module()
    }

    /// Instructions generated, over all functions.
    pub fn len(&self) -> usize {
        self.module().functions.iter().map(|f| f.code.len()).sum()
    }

    /// Whether no instruction was generated (never true for a compiled expression).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The most registers any function uses.
    pub fn registers(&self) -> usize {
        self.module()
            .functions
            .iter()
            .map(|f| usize::from(f.num_registers))
            .max()
            .unwrap_or(0)
    }

    /// A fresh VM with the program loaded; `Vm::start(unit)` runs it from
    /// the beginning, as often as wanted.
    pub fn load(&self) -> (Vm, UnitId) {
        let config = Config {
            // Helpers nest at most `depth` deep; nothing recurses.
            max_depth: self.depth + 1,
            ..Config::default()
        };
        let mut machine = Vm::new(Box::new(CaptureHost::default()), config);
        let unit = machine.load(self.module.clone());
        (machine, unit)
    }

    /// A VM with the program loaded and started, ready for `run` or `step`.
    pub fn start(&self) -> Vm {
        let (mut machine, unit) = self.load();
        // The unit was just loaded, so starting it cannot fail.
        let _ = machine.start(unit);
        machine
    }

    /// Runs the program on a fresh VM; also returns the instructions executed.
    pub fn run(&self) -> (Result<i64, CalcError>, u64) {
        let mut machine = self.start();
        let outcome = machine.run(None);
        (self.result(outcome), machine.instructions_executed())
    }

    /// The calculator's result for how a run ended: the VM's ZeroDivisionError
    /// and OverflowError become runtime errors at the operator that raised them.
    pub fn result(&self, outcome: Outcome) -> Result<i64, CalcError> {
        match outcome {
            Outcome::Finished(Value::Int(v)) => Ok(v),
            Outcome::Finished(other) => Err(CalcError::RegisterVm(format!(
                "the program returned {other:?} instead of a 64-bit integer"
            ))),
            Outcome::Error(RunError::Exception(report)) => {
                let place = report.innermost().and_then(|f| {
                    let function = self.module().functions.get(f.function_index as usize)?;
                    let opcode = function.code.get(f.pc as usize)?.opcode()?;
                    let span = *self
                        .spans
                        .get(f.function_index as usize)?
                        .get(f.pc as usize)?;
                    Some((opcode, span))
                });
                let kind = match (report.class.as_str(), place) {
                    ("ZeroDivisionError", Some((Opcode::TDiv, _))) => ArithError::DivisionByZero,
                    ("ZeroDivisionError", Some((Opcode::TMod, _))) => ArithError::ModulusByZero,
                    ("OverflowError", Some(_)) => ArithError::Overflow,
                    _ => return Err(CalcError::RegisterVm(report.exception_line())),
                };
                let span = place.map(|p| p.1).unwrap_or_default();
                Err(CalcError::Runtime(RuntimeError { kind, span }))
            }
            Outcome::Error(RunError::Limit(limit)) => Err(CalcError::RegisterVm(limit.to_string())),
            // The generated code neither runs out of fuel (it has none) nor
            // exits, blocks or yields; should it ever, that is reported, not hidden.
            other => Err(CalcError::RegisterVm(format!(
                "the run ended unexpectedly: {other:?}"
            ))),
        }
    }

    /// One line per instruction, function by function: index, hex word,
    /// mnemonic and operands, and the value of a constant operand.
    pub fn listing(&self) -> String {
        let mut out = String::new();
        for (index, f) in self.module().functions.iter().enumerate() {
            let _ = writeln!(
                out,
                "; f{index} {}: {} instructions, {} registers",
                f.name,
                f.code.len(),
                f.num_registers
            );
            for (pc, instr) in f.code.iter().enumerate() {
                let _ = write!(out, "{pc:04}  0x{:08x}  {instr}", instr.0);
                if let Some(k) = constant_operand(f, *instr) {
                    let _ = write!(out, "    ; {k}");
                }
                out.push('\n');
            }
        }
        out
    }
}

/// The value of an instruction's constant operand, if it has one.
pub(crate) fn constant_operand(f: &Function, instr: Instr) -> Option<i64> {
    let index = match instr.opcode()? {
        Opcode::LoadK => instr.bx(),
        Opcode::AddK | Opcode::SubK | Opcode::MulK => instr.c(),
        _ => return None,
    };
    match f.constants.get(index)? {
        Constant::Int(v) => Some(*v),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::parse;

    fn program(src: &str) -> RegisterProgram {
        compile(&parse(src).unwrap()).unwrap()
    }

    fn run(src: &str) -> Result<i64, CalcError> {
        program(src).run().0
    }

    fn code(src: &str) -> Vec<String> {
        program(src).module().functions[0]
            .code
            .iter()
            .map(|i| i.to_string())
            .collect()
    }

    #[test]
    fn the_seed_examples() {
        assert_eq!(run("1234+123"), Ok(1357));
        assert_eq!(
            code("1234+123"),
            ["loadi r0, 1234", "addi r0, r0, 123", "return r0"]
        );
        assert_eq!(run("( 4 + 5) / (6*4 / (4-2)) * (7*4) + 3"), Ok(3));
    }

    #[test]
    fn literal_operands_fold_and_left_literals_wait() {
        assert_eq!(
            code("100 - (2*x)".replace('x', "3").as_str()),
            [
                "loadi r0, 2",
                "muli r0, r0, 3",
                "loadi r1, 100",
                "sub r0, r1, r0",
                "return r0"
            ]
        );
        assert_eq!(
            code("1000 * (7 % 3) + 30000"),
            [
                "loadi r0, 7",
                "loadi r1, 3",
                "tmod r0, r0, r1",
                "mulk r0, r0, k0",
                "addk r0, r0, k1",
                "return r0"
            ]
        );
        assert_eq!(run("1000 * (7 % 3) + 30000"), Ok(31000));
        assert_eq!(run("100000 - 99999"), Ok(1));
    }

    #[test]
    fn overflow_checks_only_where_the_range_can_overflow() {
        assert!(!code("8191*8191*8191*8191")
            .iter()
            .any(|i| i.starts_with("chki64")));
        let c = code("8191*8191*8191*8191*8191");
        assert_eq!(
            c.iter().filter(|i| i.starts_with("chki64")).count(),
            1,
            "{c:?}"
        );
        assert_eq!(
            run("8191*8191*8191*8191*8191").unwrap_err().to_string(),
            ArithError::Overflow.to_string()
        );
        assert_eq!(
            run("-(-9223372036854775807-1)").unwrap_err().to_string(),
            ArithError::Overflow.to_string()
        );
        assert_eq!(
            run("(-9223372036854775807-1)/-1").unwrap_err().to_string(),
            ArithError::Overflow.to_string()
        );
        assert_eq!(run("(-9223372036854775807-1)%-1"), Ok(0));
        assert_eq!(
            run("9223372036854775807 + 1 - 1").unwrap_err().to_string(),
            ArithError::Overflow.to_string()
        );
    }

    #[test]
    fn errors_point_at_the_operator() {
        assert_eq!(
            run("7 - 2 % (1 - 1)"),
            Err(CalcError::Runtime(RuntimeError {
                kind: ArithError::ModulusByZero,
                span: Span::new(1, 7, 1)
            }))
        );
        assert_eq!(
            run("1 + 8/0"),
            Err(CalcError::Runtime(RuntimeError {
                kind: ArithError::DivisionByZero,
                span: Span::new(1, 6, 1)
            }))
        );
    }

    #[test]
    fn deep_right_nesting_spills_into_helper_functions() {
        // Every level keeps a computed left operand alive while the right one is computed.
        let depth = 2000;
        let src = format!("{}1{}", "(2*3) - (".repeat(depth), ")".repeat(depth));
        let p = program(&src);
        let names: Vec<&str> = p
            .module()
            .functions
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(names[..3], ["main", "helper1", "helper2"]);
        assert!(p.registers() <= 256);
        let expected = crate::eval::evaluate(&parse(&src).unwrap());
        assert_eq!(p.run().0, expected.map_err(CalcError::from));
        // An error deep inside a helper still points at its operator.
        let src = format!("{}1/0{}", "(2*3) - (".repeat(depth), ")".repeat(depth));
        let e = program(&src).run().0.unwrap_err();
        assert_eq!(
            e,
            CalcError::Runtime(RuntimeError {
                kind: ArithError::DivisionByZero,
                span: Span::new(1, 9 * depth as u32 + 2, 1)
            })
        );
    }

    #[test]
    fn more_wide_literals_than_a_pool_holds() {
        let n = 70_000;
        let mut src = String::from("0");
        for i in 0..n {
            src.push_str(&format!("+{}", 1_000_000 + i));
        }
        let p = program(&src);
        assert!(p.module().functions.len() > 1);
        let expected: i64 = (0..n).map(|i| 1_000_000 + i).sum();
        assert_eq!(p.run().0, Ok(expected));
        // Left-nested wide literals: the pool fills inside one chain.
        let mut src = String::new();
        for i in 0..n {
            src.push_str(&format!("({}+", 1_000_000 + i));
        }
        src.push('0');
        src.push_str(&")".repeat(n as usize));
        assert_eq!(program(&src).run().0, Ok(expected));
    }

    #[test]
    fn too_many_helpers_is_an_error_not_a_panic() {
        // A left chain holds 65280 wide literals in its frame, then needs a
        // helper per literal: past 65536 functions it cannot be compiled.
        let mut src = String::from("0");
        for i in 0..135_000 {
            src.push_str(&format!("+{}", 1_000_000 + i));
        }
        assert_eq!(
            compile(&parse(&src).unwrap()).unwrap_err(),
            RegisterCompileError::TooManyFunctions
        );
    }
}
