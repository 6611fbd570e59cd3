//! The verifier: every function is checked before anything runs.
//!
//! Each rule has a name (see [`Rule`]); a refusal names the function, the
//! instruction index and the rule broken. The interpreter relies on these
//! rules for its unchecked register and code accesses:
//!
//! - `register-in-frame`: every register operand, and every register window an
//!   instruction touches, lies below the function's `num_registers` (at most 256).
//! - `control-in-function`: every jump target and handler target is an
//!   instruction of the same function, and no path runs past the last
//!   instruction (the last instruction never falls through, and every branch is
//!   followed by a `jmp` and then by at least one more instruction, where
//!   execution continues when the branch is not taken).
//! - `constant-index` / `constant-kind`: constant operands index the pool and
//!   have the kind the opcode needs (a string for names, a valid jump table for
//!   `jmptab`); every jump table in the pool targets instructions of its
//!   function, and no tuple holds a jump table.
//! - `frame-shape`: the frame holds the arguments and every parameter has a name.
//! - `global-index`, `function-index`, `upval-index`, `capture-source`,
//!   `exception-class`: the remaining indexes are in range (and each global
//!   name appears once in the module's global table).

use crate::module::{CaptureSource, Constant, Function, Module};
use isa::{Flow, Instr, Opcode, OperandKind};
use std::fmt;

/// A module that passed verification; only [`verify`] makes one.
#[derive(Debug, Clone)]
pub struct VerifiedModule(Module);

impl VerifiedModule {
    /// The verified module.
    pub fn module(&self) -> &Module {
        &self.0
    }
    /// Gives the module back, dropping the proof.
    pub fn into_inner(self) -> Module {
        self.0
    }
}

/// The verifier rules, named in refusals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// The module has an entry function taking no arguments.
    Entry,
    /// The instruction word decodes.
    Decode,
    /// Register operands and windows lie inside the frame.
    RegisterInFrame,
    /// Frame shape: register count, parameters and names fit.
    FrameShape,
    /// Control stays inside the function.
    ControlInFunction,
    /// A branch is followed by a `jmp`.
    BranchThenJump,
    /// Constant operands index the pool.
    ConstantIndex,
    /// Constant operands have the required kind.
    ConstantKind,
    /// Global operands index the module's global table.
    GlobalIndex,
    /// Function operands index the module's function table.
    FunctionIndex,
    /// Upvalue operands index the function's captures.
    UpvalIndex,
    /// A closure's captures refer to registers or cells the creator has.
    CaptureSource,
    /// Exception class numbers name a built-in class.
    ExceptionClass,
    /// The debug table has one entry per instruction.
    DebugTable,
}

impl Rule {
    /// The rule's name as documented.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Entry => "entry",
            Rule::Decode => "decode",
            Rule::RegisterInFrame => "register-in-frame",
            Rule::FrameShape => "frame-shape",
            Rule::ControlInFunction => "control-in-function",
            Rule::BranchThenJump => "branch-then-jump",
            Rule::ConstantIndex => "constant-index",
            Rule::ConstantKind => "constant-kind",
            Rule::GlobalIndex => "global-index",
            Rule::FunctionIndex => "function-index",
            Rule::UpvalIndex => "upval-index",
            Rule::CaptureSource => "capture-source",
            Rule::ExceptionClass => "exception-class",
            Rule::DebugTable => "debug-table",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A verification refusal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("verification failed in function {function} `{name}`{}: {message} (rule {rule})",
    .pc.map(|p| format!(" at instruction {p}")).unwrap_or_default())]
pub struct VerifyError {
    /// The function's index.
    pub function: usize,
    /// The function's name.
    pub name: String,
    /// The instruction index, when the problem is in one instruction.
    pub pc: Option<usize>,
    /// The rule broken.
    pub rule: Rule,
    /// What is wrong.
    pub message: String,
}

/// Checks every function of the module.
pub fn verify(module: Module) -> Result<VerifiedModule, VerifyError> {
    match module.functions.first() {
        None => {
            return Err(VerifyError {
                function: 0,
                name: String::new(),
                pc: None,
                rule: Rule::Entry,
                message: "the module has no functions".into(),
            })
        }
        Some(f) if f.arg_registers() != 0 => {
            return Err(VerifyError {
                function: 0,
                name: f.name.clone(),
                pc: None,
                rule: Rule::Entry,
                message: "the entry function must take no parameters".into(),
            })
        }
        Some(_) => {}
    }
    // Globals are referred to by name (in listings and when modules share a
    // namespace), so each name may appear once.
    let mut seen = std::collections::HashSet::new();
    for g in &module.globals {
        if !seen.insert(g.as_str()) {
            return Err(VerifyError {
                function: 0,
                name: module.functions[0].name.clone(),
                pc: None,
                rule: Rule::GlobalIndex,
                message: format!("the module's global table names `{g}` twice"),
            });
        }
    }
    for (index, function) in module.functions.iter().enumerate() {
        Checker {
            module: &module,
            index,
            f: function,
        }
        .check()?;
    }
    Ok(VerifiedModule(module))
}

struct Checker<'a> {
    module: &'a Module,
    index: usize,
    f: &'a Function,
}

impl Checker<'_> {
    fn fail(&self, pc: Option<usize>, rule: Rule, message: String) -> VerifyError {
        VerifyError {
            function: self.index,
            name: self.f.name.clone(),
            pc,
            rule,
            message,
        }
    }

    fn check(&self) -> Result<(), VerifyError> {
        let f = self.f;
        let nregs = f.num_registers as usize;
        if nregs > 256 {
            return Err(self.fail(
                None,
                Rule::FrameShape,
                format!("{nregs} registers, at most 256 allowed"),
            ));
        }
        if f.arg_registers() > nregs {
            return Err(self.fail(
                None,
                Rule::FrameShape,
                format!(
                    "{} argument registers but only {nregs} registers",
                    f.arg_registers()
                ),
            ));
        }
        if f.names.len() > nregs {
            return Err(self.fail(
                None,
                Rule::FrameShape,
                format!(
                    "{} register names but only {nregs} registers",
                    f.names.len()
                ),
            ));
        }
        if f.names.len() < f.arg_registers() {
            // Keyword arguments bind by parameter name.
            return Err(self.fail(
                None,
                Rule::FrameShape,
                format!(
                    "{} parameters but only {} register names (every parameter needs a name)",
                    f.arg_registers(),
                    f.names.len()
                ),
            ));
        }
        if f.code.is_empty() {
            return Err(self.fail(
                None,
                Rule::ControlInFunction,
                "the function has no instructions".into(),
            ));
        }
        if f.locs.len() != f.code.len() {
            return Err(self.fail(
                None,
                Rule::DebugTable,
                format!(
                    "{} source locations for {} instructions",
                    f.locs.len(),
                    f.code.len()
                ),
            ));
        }
        self.check_pool()?;
        for (pc, instr) in f.code.iter().enumerate() {
            self.check_instr(pc, *instr)?;
        }
        let last = f.code.len() - 1;
        let last_op = f.code[last].opcode();
        if matches!(last_op.map(Opcode::flow), Some(Flow::Next | Flow::Branch)) {
            return Err(self.fail(
                Some(last),
                Rule::ControlInFunction,
                "execution can run past the last instruction (end the function with return, jmp or raise)".into(),
            ));
        }
        for (i, h) in f.handlers.iter().enumerate() {
            let len = f.code.len() as u32;
            if h.start >= h.end || h.end > len || h.target >= len {
                return Err(self.fail(
                    None,
                    Rule::ControlInFunction,
                    format!(
                        "handler {i} covers {}..{} and targets {}, outside the {len} instructions",
                        h.start, h.end, h.target
                    ),
                ));
            }
        }
        Ok(())
    }

    fn check_instr(&self, pc: usize, instr: Instr) -> Result<(), VerifyError> {
        let f = self.f;
        let (op, operands) = instr
            .decode()
            .map_err(|e| self.fail(Some(pc), Rule::Decode, e.to_string()))?;
        let nregs = f.num_registers as u32;
        for (i, (kind, &value)) in op.operands().iter().zip(operands.iter()).enumerate() {
            let field = ["A", "B", "C"][i];
            match kind {
                OperandKind::Reg | OperandKind::Dst => {
                    if value as u32 >= nregs {
                        return Err(self.fail(
                            Some(pc),
                            Rule::RegisterInFrame,
                            format!("`{}` uses register r{value} (operand {field}) but the frame has {nregs} registers", op.mnemonic()),
                        ));
                    }
                }
                OperandKind::Const | OperandKind::Name | OperandKind::Table => {
                    let k = f.constants.get(value as usize).ok_or_else(|| {
                        self.fail(
                            Some(pc),
                            Rule::ConstantIndex,
                            format!(
                                "constant k{value} does not exist (the pool has {})",
                                f.constants.len()
                            ),
                        )
                    })?;
                    self.check_const_kind(pc, *kind, value, k)?;
                }
                OperandKind::Global => {
                    if value as usize >= self.module.globals.len() {
                        return Err(self.fail(
                            Some(pc),
                            Rule::GlobalIndex,
                            format!(
                                "global g{value} does not exist (the module has {})",
                                self.module.globals.len()
                            ),
                        ));
                    }
                }
                OperandKind::Upval => {
                    if value as usize >= f.captures.len() {
                        return Err(self.fail(
                            Some(pc),
                            Rule::UpvalIndex,
                            format!(
                                "upvalue u{value} does not exist (the function captures {})",
                                f.captures.len()
                            ),
                        ));
                    }
                }
                OperandKind::Func => self.check_closure(pc, value as usize)?,
                OperandKind::Exc => {
                    if value as usize >= isa::docs::EXCEPTIONS.len() {
                        return Err(self.fail(
                            Some(pc),
                            Rule::ExceptionClass,
                            format!("exception class {value} is not a built-in class"),
                        ));
                    }
                }
                OperandKind::Jump => self.check_target(pc, pc as i64 + 1 + value)?,
                OperandKind::Unused | OperandKind::Imm | OperandKind::SImm | OperandKind::Flag => {}
            }
        }
        let [a, b, c] = operands.map(|v| v as u32);
        if let Some((lo, hi)) = op.span().range(a, b, c) {
            if hi >= nregs {
                return Err(self.fail(
                    Some(pc),
                    Rule::RegisterInFrame,
                    format!(
                        "`{}` touches registers r{lo}..=r{hi} but the frame has {nregs} registers",
                        op.mnemonic()
                    ),
                ));
            }
        }
        if op.flow() == Flow::Branch {
            let next = f.code.get(pc + 1).and_then(|i| i.opcode());
            if next != Some(Opcode::Jmp) {
                return Err(self.fail(
                    Some(pc),
                    Rule::BranchThenJump,
                    format!("`{}` must be followed by a `jmp`", op.mnemonic()),
                ));
            }
            // When the test fails, execution skips the `jmp` and continues
            // after it, so something must follow it.
            if pc + 2 >= f.code.len() {
                return Err(self.fail(
                    Some(pc),
                    Rule::ControlInFunction,
                    format!(
                        "when `{}` does not jump, execution runs past the last instruction (put an instruction after its `jmp`)",
                        op.mnemonic()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Every jump table in the pool, used or not, targets instructions of
    /// this function, and tables are not nested in tuples (they are not values).
    fn check_pool(&self) -> Result<(), VerifyError> {
        let len = self.f.code.len();
        for (i, k) in self.f.constants.iter().enumerate() {
            match k {
                Constant::Table(targets) => {
                    if let Some(t) = targets.iter().find(|t| **t as usize >= len) {
                        return Err(self.fail(
                            None,
                            Rule::ControlInFunction,
                            format!("jump table k{i} targets {t}, outside the function's {len} instructions"),
                        ));
                    }
                }
                Constant::Tuple(items) => {
                    let mut stack: Vec<&Constant> = items.iter().collect();
                    while let Some(item) = stack.pop() {
                        match item {
                            Constant::Table(_) => {
                                return Err(self.fail(
                                    None,
                                    Rule::ConstantKind,
                                    format!("constant k{i} holds a jump table inside a tuple"),
                                ))
                            }
                            Constant::Tuple(inner) => stack.extend(inner.iter()),
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn check_target(&self, pc: usize, target: i64) -> Result<(), VerifyError> {
        if target < 0 || target >= self.f.code.len() as i64 {
            return Err(self.fail(
                Some(pc),
                Rule::ControlInFunction,
                format!(
                    "jump target {target} is outside the function's {} instructions",
                    self.f.code.len()
                ),
            ));
        }
        Ok(())
    }

    fn check_const_kind(
        &self,
        pc: usize,
        kind: OperandKind,
        index: i64,
        k: &Constant,
    ) -> Result<(), VerifyError> {
        match (kind, k) {
            (OperandKind::Name, Constant::Str(_)) => Ok(()),
            (OperandKind::Name, _) => Err(self.fail(
                Some(pc),
                Rule::ConstantKind,
                format!("constant k{index} must be a string"),
            )),
            (OperandKind::Table, Constant::Table(targets)) => {
                for t in targets {
                    self.check_target(pc, *t as i64)?;
                }
                Ok(())
            }
            (OperandKind::Table, _) => Err(self.fail(
                Some(pc),
                Rule::ConstantKind,
                format!("constant k{index} must be a jump table"),
            )),
            (_, Constant::Table(_)) => Err(self.fail(
                Some(pc),
                Rule::ConstantKind,
                format!("constant k{index} is a jump table and cannot be used as a value"),
            )),
            _ => Ok(()),
        }
    }

    /// `closure F[x]` in this function: the new function's captures must name
    /// registers of this frame or cells this function itself captured.
    fn check_closure(&self, pc: usize, target: usize) -> Result<(), VerifyError> {
        let callee = self.module.functions.get(target).ok_or_else(|| {
            self.fail(
                Some(pc),
                Rule::FunctionIndex,
                format!(
                    "function f{target} does not exist (the module has {})",
                    self.module.functions.len()
                ),
            )
        })?;
        if target == 0 {
            return Err(self.fail(
                Some(pc),
                Rule::FunctionIndex,
                "the entry function f0 cannot be made into a closure".into(),
            ));
        }
        for cap in &callee.captures {
            let ok = match cap.source {
                CaptureSource::Register(r) => (r as u16) < self.f.num_registers,
                CaptureSource::Upval(u) => (u as usize) < self.f.captures.len(),
            };
            if !ok {
                return Err(self.fail(
                    Some(pc),
                    Rule::CaptureSource,
                    format!(
                        "function f{target} captures `{}` from {:?}, which this function does not have",
                        cap.name, cap.source
                    ),
                ));
            }
        }
        Ok(())
    }
}
