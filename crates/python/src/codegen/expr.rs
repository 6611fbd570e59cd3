//! Expressions.

use super::builder::{Reg, MAX_REGS};
use super::{comp_key, lambda_key, CompKind, Compiler, Comprehension, FnBody, R};
use crate::error::CompileError;
use crate::lines::LineIndex;
use crate::scope::Symbol;
use bytecode::Constant;
use isa::Opcode;
use num_bigint::BigInt;
use num_traits::Num;
use ruff_python_ast::{self as ast, CmpOp, Expr, Operator, UnaryOp};
use ruff_text_size::{Ranged, TextRange};

/// The value of an int literal.
pub(super) fn int_literal(i: &ast::Int) -> BigInt {
    if let Some(v) = i.as_i64() {
        return BigInt::from(v);
    }
    if let Some(v) = i.as_u64() {
        return BigInt::from(v);
    }
    let text: String = i.to_string().chars().filter(|c| *c != '_').collect();
    let lower = text.to_ascii_lowercase();
    let parsed = if let Some(h) = lower.strip_prefix("0x") {
        BigInt::from_str_radix(h, 16)
    } else if let Some(o) = lower.strip_prefix("0o") {
        BigInt::from_str_radix(o, 8)
    } else if let Some(b) = lower.strip_prefix("0b") {
        BigInt::from_str_radix(b, 2)
    } else {
        BigInt::from_str_radix(&lower, 10)
    };
    parsed.unwrap_or_default()
}

/// The constant an expression denotes, if it is a literal (or a tuple of literals).
pub(super) fn literal(e: &Expr) -> Option<Constant> {
    Some(match e {
        Expr::NoneLiteral(_) => Constant::None,
        Expr::BooleanLiteral(b) => Constant::Bool(b.value),
        Expr::NumberLiteral(n) => match &n.value {
            ast::Number::Int(i) => Constant::int(int_literal(i)),
            ast::Number::Float(f) => Constant::Float(*f),
            ast::Number::Complex { .. } => return None,
        },
        Expr::StringLiteral(s) => Constant::Str(s.value.to_str().to_string()),
        Expr::UnaryOp(u) if u.op == UnaryOp::USub => match literal(&u.operand)? {
            Constant::Int(i) => Constant::int(-BigInt::from(i)),
            Constant::BigInt(b) => Constant::int(-b),
            Constant::Float(f) => Constant::Float(-f),
            _ => return None,
        },
        Expr::Tuple(t) => {
            let items: Option<Vec<Constant>> = t.elts.iter().map(literal).collect();
            Constant::Tuple(items?)
        }
        _ => return None,
    })
}

/// A small int literal usable as an 8-bit signed immediate.
fn small_int(e: &Expr) -> Option<i64> {
    match literal(e)? {
        Constant::Int(i) if (-128..=127).contains(&i) => Some(i),
        _ => None,
    }
}

/// The form of `op` with a literal folded in: the immediate (`sC`) or the
/// constant (`K[C]`) form, with the literal on the right or (the reversed
/// forms) on the left.
fn folded_opcode(op: Operator, left: bool, immediate: bool) -> Option<Opcode> {
    Some(match (op, left, immediate) {
        (Operator::Add, false, true) => Opcode::AddI,
        (Operator::Sub, false, true) => Opcode::SubI,
        (Operator::Mult, false, true) => Opcode::MulI,
        (Operator::FloorDiv, false, true) => Opcode::IDivI,
        (Operator::Mod, false, true) => Opcode::ModI,
        (Operator::Add, false, false) => Opcode::AddK,
        (Operator::Sub, false, false) => Opcode::SubK,
        (Operator::Mult, false, false) => Opcode::MulK,
        (Operator::Div, false, false) => Opcode::DivK,
        (Operator::FloorDiv, false, false) => Opcode::IDivK,
        (Operator::Mod, false, false) => Opcode::ModK,
        (Operator::Add, true, true) => Opcode::RAddI,
        (Operator::Sub, true, true) => Opcode::RSubI,
        (Operator::Mult, true, true) => Opcode::RMulI,
        (Operator::Add, true, false) => Opcode::RAddK,
        (Operator::Sub, true, false) => Opcode::RSubK,
        (Operator::Mult, true, false) => Opcode::RMulK,
        (Operator::Div, true, false) => Opcode::RDivK,
        _ => return None,
    })
}

fn binop_opcode(op: Operator) -> Opcode {
    match op {
        Operator::Add => Opcode::Add,
        Operator::Sub => Opcode::Sub,
        Operator::Mult => Opcode::Mul,
        Operator::Div => Opcode::Div,
        Operator::FloorDiv => Opcode::IDiv,
        Operator::Mod => Opcode::Mod,
        Operator::Pow => Opcode::Pow,
        Operator::BitAnd => Opcode::BAnd,
        Operator::BitOr => Opcode::BOr,
        Operator::BitXor => Opcode::BXor,
        Operator::LShift => Opcode::Shl,
        Operator::RShift => Opcode::Shr,
        Operator::MatMult => Opcode::Nop,
    }
}

/// The in-place opcode for an augmented assignment, where one exists.
pub(super) fn inplace_opcode(op: Operator) -> Opcode {
    match op {
        Operator::Add => Opcode::IAdd,
        Operator::Sub => Opcode::ISub,
        Operator::Mult => Opcode::IMul,
        Operator::BitAnd => Opcode::IAnd,
        Operator::BitOr => Opcode::IOr,
        Operator::BitXor => Opcode::IXor,
        other => binop_opcode(other),
    }
}

fn compare_opcode(op: CmpOp) -> Opcode {
    match op {
        CmpOp::Eq => Opcode::Eq,
        CmpOp::NotEq => Opcode::Ne,
        CmpOp::Lt => Opcode::Lt,
        CmpOp::LtE => Opcode::Le,
        CmpOp::Gt => Opcode::Gt,
        CmpOp::GtE => Opcode::Ge,
        CmpOp::Is => Opcode::Is,
        CmpOp::IsNot => Opcode::IsNot,
        CmpOp::In => Opcode::In,
        CmpOp::NotIn => Opcode::NotIn,
    }
}

impl<'a> Compiler<'a> {
    /// Whether a register holds a named local (so multi-step code must not write it early).
    fn is_named(&self, r: Reg) -> bool {
        r < self.fr().b.num_locals
    }

    /// Resets the temporaries after an expression: keeps `result` when it is a new temporary.
    fn release(&mut self, mark: usize, dst: Option<Reg>, result: Reg) -> Reg {
        self.f().b.next_temp = if dst.is_none() && result >= mark {
            result + 1
        } else {
            mark
        };
        result
    }

    /// Compiles `e`; the value ends up in `dst` if given, otherwise in the returned register
    /// (a local's own register, or a new temporary left allocated).
    pub(super) fn expr(&mut self, e: &'a Expr, dst: Option<Reg>) -> R<Reg> {
        self.set_loc(e.range());
        if let Some(k) = literal(e) {
            let mark = self.fr().b.next_temp;
            let r = self.load_const(k, dst)?;
            return Ok(self.release(mark, dst, r));
        }
        match e {
            Expr::Name(n) => self.load_name(&n.id, n.range, dst),
            Expr::BinOp(b) => self.binop(b, dst),
            Expr::UnaryOp(u) => {
                let mark = self.fr().b.next_temp;
                let d = self.dest(dst)?;
                let v = self.expr(&u.operand, None)?;
                self.set_loc(u.range);
                let op = match u.op {
                    UnaryOp::Not => Opcode::Not,
                    UnaryOp::USub => Opcode::Neg,
                    UnaryOp::UAdd => Opcode::Pos,
                    UnaryOp::Invert => Opcode::Invert,
                };
                self.emit(op, d, v, 0)?;
                Ok(self.release(mark, dst, d))
            }
            Expr::BoolOp(b) => self.boolop(b, dst),
            Expr::Compare(c) => self.compare(c, dst),
            Expr::If(i) => {
                let mark = self.fr().b.next_temp;
                let d = self.fresh(dst)?;
                let to_else = self.cond_jump(&i.test, false)?;
                let before = self.fr().assigned.clone();
                self.expr(&i.body, Some(d))?;
                let after_body = std::mem::replace(&mut self.f().assigned, before);
                let end = self.f().b.jump()?;
                self.f().b.patch_here(&to_else)?;
                self.expr(&i.orelse, Some(d))?;
                let after_else = self.fr().assigned.clone();
                self.f().assigned = after_body.intersection(&after_else).cloned().collect();
                self.f().b.patch_here(&[end])?;
                self.finish_fresh(mark, dst, d)
            }
            Expr::Call(c) => self.call(c, dst),
            Expr::Attribute(a) => {
                let mark = self.fr().b.next_temp;
                let d = self.dest(dst)?;
                let obj = self.expr(&a.value, None)?;
                let k = self.small_name(&a.attr.id, a.attr.range)?;
                self.set_loc(a.range);
                self.emit(Opcode::GetAttr, d, obj, k)?;
                Ok(self.release(mark, dst, d))
            }
            Expr::Subscript(s) => self.subscript(s, dst),
            Expr::List(l) => self.display(Opcode::NewList, &l.elts, l.range, dst),
            Expr::Tuple(t) => self.display(Opcode::NewTuple, &t.elts, t.range, dst),
            Expr::Set(s) => self.display(Opcode::NewSet, &s.elts, s.range, dst),
            Expr::Dict(d) => self.dict_display(d, dst),
            Expr::FString(f) => self.fstring(f, dst),
            Expr::Lambda(l) => {
                let mark = self.fr().b.next_temp;
                let d = self.dest(dst)?;
                let body = FnBody::Expr(&l.body);
                self.function(
                    "<lambda>",
                    lambda_key(l),
                    l.parameters.as_deref(),
                    body,
                    l.range,
                    d,
                )?;
                Ok(self.release(mark, dst, d))
            }
            Expr::Named(n) => {
                let mark = self.fr().b.next_temp;
                let d = self.fresh(dst)?;
                self.expr(&n.value, Some(d))?;
                if let Expr::Name(t) = &*n.target {
                    self.store_name(&t.id, t.range, d)?;
                }
                self.finish_fresh(mark, dst, d)
            }
            Expr::ListComp(c) => self.comprehension(
                Comprehension {
                    kind: CompKind::List,
                    elt: &c.elt,
                    value: None,
                    generators: &c.generators,
                },
                "<listcomp>",
                c.range,
                dst,
            ),
            Expr::SetComp(c) => self.comprehension(
                Comprehension {
                    kind: CompKind::Set,
                    elt: &c.elt,
                    value: None,
                    generators: &c.generators,
                },
                "<setcomp>",
                c.range,
                dst,
            ),
            Expr::DictComp(c) => {
                let Some(key) = &c.key else {
                    return Err(self.unsupported(c.range, "dict comprehensions with ** unpacking"));
                };
                self.comprehension(
                    Comprehension {
                        kind: CompKind::Dict,
                        elt: key,
                        value: Some(&c.value),
                        generators: &c.generators,
                    },
                    "<dictcomp>",
                    c.range,
                    dst,
                )
            }
            Expr::Generator(g) => self.comprehension(
                Comprehension {
                    kind: CompKind::Generator,
                    elt: &g.elt,
                    value: None,
                    generators: &g.generators,
                },
                "<genexpr>",
                g.range,
                dst,
            ),
            Expr::Starred(s) => Err(CompileError::syntax(
                self.span(s.range),
                "can't use starred expression here",
            )),
            Expr::Slice(s) => Err(self.unsupported(s.range, "slice objects outside subscripts")),
            Expr::Await(a) => Err(self.unsupported(a.range, "await expressions")),
            Expr::Yield(y) => {
                self.require_function(y.range, "yield")?;
                let mark = self.fr().b.next_temp;
                let d = self.dest(dst)?;
                let v = match &y.value {
                    Some(v) => self.expr(v, None)?,
                    None => self.load_const(Constant::None, None)?,
                };
                self.set_loc(y.range);
                self.emit(Opcode::Yield, v, 0, 0)?;
                // Values sent into generators are not supported: `yield` evaluates to None.
                self.emit(Opcode::LoadNone, d, 0, 0)?;
                Ok(self.release(mark, dst, d))
            }
            Expr::YieldFrom(y) => {
                self.require_function(y.range, "yield")?;
                // Delegation without send/throw: yield each item of the iterable.
                let mark = self.fr().b.next_temp;
                let d = self.dest(dst)?;
                let it = self.temp()?;
                let item = self.temp()?;
                let v = self.expr(&y.value, None)?;
                self.set_loc(y.range);
                self.emit(Opcode::GetIter, it, v, 0)?;
                let to_test = self.f().b.jump()?;
                let body = self.f().b.here();
                self.emit(Opcode::Yield, item, 0, 0)?;
                self.f().b.patch_here(&[to_test])?;
                let back = self.f().b.loop_branch(Opcode::ForIter, it, item)?;
                self.f().b.patch(back, body)?;
                self.emit(Opcode::LoadNone, d, 0, 0)?;
                Ok(self.release(mark, dst, d))
            }
            Expr::TString(t) => Err(self.unsupported(t.range, "template strings")),
            Expr::BytesLiteral(b) => Err(self.unsupported(b.range, "bytes literals")),
            Expr::EllipsisLiteral(x) => Err(self.unsupported(x.range, "Ellipsis literals")),
            Expr::NumberLiteral(n) => Err(self.unsupported(n.range, "complex numbers")),
            Expr::IpyEscapeCommand(x) => Err(CompileError::syntax(
                self.span(x.range),
                "IPython escape commands are not Python",
            )),
            Expr::StringLiteral(_) | Expr::BooleanLiteral(_) | Expr::NoneLiteral(_) => {
                unreachable!("literals are handled above")
            }
        }
    }

    /// A destination a multi-step computation may write before it is done:
    /// never a named local (its old value may still be needed).
    fn fresh(&mut self, dst: Option<Reg>) -> R<Reg> {
        match dst {
            Some(d) if !self.is_named(d) => Ok(d),
            _ => self.temp(),
        }
    }

    /// Moves a value computed by [`Compiler::fresh`] into place and releases temporaries.
    fn finish_fresh(&mut self, mark: usize, dst: Option<Reg>, d: Reg) -> R<Reg> {
        if let Some(target) = dst {
            self.f().b.mov(target, d)?;
            self.f().b.next_temp = mark;
            return Ok(target);
        }
        Ok(self.release(mark, dst, d))
    }

    fn binop(&mut self, b: &'a ast::ExprBinOp, dst: Option<Reg>) -> R<Reg> {
        if b.op == Operator::MatMult {
            return Err(self.unsupported(b.range, "matrix multiplications (@)"));
        }
        let mark = self.fr().b.next_temp;
        let d = self.dest(dst)?;
        // A literal left operand (`1 + f(x)`, `3 * x`, `1.0 / d`) folds into
        // a reversed form. Evaluating the literal has no effect, so evaluating
        // only the right operand keeps Python's order.
        if literal(&b.right).is_none() {
            if let Some((op, c)) = self.folded(b.op, &b.left, true) {
                let right = self.expr(&b.right, None)?;
                self.set_loc(b.range);
                self.f().b.emit(op, d as i64, right as i64, c)?;
                return Ok(self.release(mark, dst, d));
            }
        }
        let left = self.expr(&b.left, None)?;
        let (op, c) = match self.folded(b.op, &b.right, false) {
            Some(form) => form,
            None => (binop_opcode(b.op), self.expr(&b.right, None)? as i64),
        };
        self.set_loc(b.range);
        self.f().b.emit(op, d as i64, left as i64, c)?;
        Ok(self.release(mark, dst, d))
    }

    /// The instruction and C operand that fold the literal `e` into `op`
    /// (on the left when `left`): a small int as the immediate, other ints
    /// and floats as a constant; `None` when `e` is no such literal or the
    /// operator has no such form.
    fn folded(&mut self, op: Operator, e: &Expr, left: bool) -> Option<(Opcode, i64)> {
        if let Some(i) = small_int(e) {
            if let Some(code) = folded_opcode(op, left, true) {
                return Some((code, i));
            }
        }
        let k @ (Constant::Float(_) | Constant::Int(_)) = literal(e)? else {
            return None;
        };
        let code = folded_opcode(op, left, false)?;
        let ki = self.f().b.small_constant(k)?;
        Some((code, ki as i64))
    }

    fn boolop(&mut self, b: &'a ast::ExprBoolOp, dst: Option<Reg>) -> R<Reg> {
        let mark = self.fr().b.next_temp;
        let d = self.fresh(dst)?;
        let mut ends = Vec::new();
        let mut after_first = None;
        let last = b.values.len() - 1;
        for (i, v) in b.values.iter().enumerate() {
            self.expr(v, Some(d))?;
            if i == 0 {
                // Only the first operand is certain to run.
                after_first = Some(self.fr().assigned.clone());
            }
            if i < last {
                // `and` stops at the first falsy operand, `or` at the first truthy one.
                let stop_when = b.op == ast::BoolOp::Or;
                self.set_loc(b.range);
                let j = self.f().b.branch(Opcode::BrTrue, d as i64, 0, stop_when)?;
                ends.push(j);
            }
        }
        if let Some(s) = after_first {
            self.f().assigned = s;
        }
        self.f().b.patch_here(&ends)?;
        self.finish_fresh(mark, dst, d)
    }

    fn compare(&mut self, c: &'a ast::ExprCompare, dst: Option<Reg>) -> R<Reg> {
        let mark = self.fr().b.next_temp;
        if c.ops.len() == 1 {
            let d = self.dest(dst)?;
            let l = self.expr(&c.left, None)?;
            let r = self.expr(&c.comparators[0], None)?;
            self.set_loc(c.range);
            match c.ops[0] {
                // `in` tests membership of the left operand in the right one.
                op @ (CmpOp::In | CmpOp::NotIn) => self.emit(compare_opcode(op), d, l, r)?,
                op => self.emit(compare_opcode(op), d, l, r)?,
            };
            return Ok(self.release(mark, dst, d));
        }
        // a < b < c: each middle operand is evaluated once; stop at the first false.
        let d = self.fresh(dst)?;
        let mut ends = Vec::new();
        let mut left = self.expr(&c.left, None)?;
        let assigned_before = self.fr().assigned.clone();
        for (i, (op, right)) in c.ops.iter().zip(c.comparators.iter()).enumerate() {
            let r = self.expr(right, None)?;
            // Keep the right operand alive for the next comparison.
            let r = if self.is_named(r) && i + 1 < c.ops.len() {
                let t = self.temp()?;
                self.f().b.mov(t, r)?;
                t
            } else {
                r
            };
            self.set_loc(c.range);
            self.emit(compare_opcode(*op), d, left, r)?;
            if i + 1 < c.ops.len() {
                let j = self.f().b.branch(Opcode::BrTrue, d as i64, 0, false)?;
                ends.push(j);
                if i == 0 {
                    self.f().assigned = assigned_before.clone();
                }
            }
            left = r;
        }
        self.f().b.patch_here(&ends)?;
        self.finish_fresh(mark, dst, d)
    }

    /// Emits code that jumps when `e`'s truth equals `jump_if` and falls through
    /// otherwise; returns the `jmp`s to patch to the target.
    pub(super) fn cond_jump(&mut self, e: &'a Expr, jump_if: bool) -> R<Vec<usize>> {
        self.set_loc(e.range());
        let mark = self.fr().b.next_temp;
        let result = self.cond_jump_inner(e, jump_if);
        self.f().b.next_temp = mark;
        result
    }

    fn cond_jump_inner(&mut self, e: &'a Expr, jump_if: bool) -> R<Vec<usize>> {
        match e {
            Expr::UnaryOp(u) if u.op == UnaryOp::Not => self.cond_jump(&u.operand, !jump_if),
            Expr::BooleanLiteral(b) => {
                if b.value == jump_if {
                    Ok(vec![self.f().b.jump()?])
                } else {
                    Ok(vec![])
                }
            }
            Expr::BoolOp(b) => {
                let is_and = b.op == ast::BoolOp::And;
                let mut after_first = None;
                let result = if is_and != jump_if {
                    // `and` jumping on false / `or` jumping on true: any operand decides.
                    let mut jumps = Vec::new();
                    for v in b.values.iter() {
                        jumps.extend(self.cond_jump(v, jump_if)?);
                        after_first.get_or_insert_with(|| self.fr().assigned.clone());
                    }
                    jumps
                } else {
                    // All operands must agree to jump; the first that disagrees falls through.
                    let mut skip = Vec::new();
                    let last = b.values.len() - 1;
                    let mut jumps = Vec::new();
                    for (i, v) in b.values.iter().enumerate() {
                        if i < last {
                            skip.extend(self.cond_jump(v, !jump_if)?);
                        } else {
                            jumps = self.cond_jump(v, jump_if)?;
                        }
                        after_first.get_or_insert_with(|| self.fr().assigned.clone());
                    }
                    self.f().b.patch_here(&skip)?;
                    jumps
                };
                // Later operands may not run.
                if let Some(s) = after_first {
                    self.f().assigned = s;
                }
                Ok(result)
            }
            Expr::Compare(c) if c.ops.len() == 1 => {
                let op = c.ops[0];
                let right = &c.comparators[0];
                let k = jump_if;
                // `x is None` / `x is not None`
                if matches!(op, CmpOp::Is | CmpOp::IsNot) && matches!(right, Expr::NoneLiteral(_)) {
                    let l = self.expr(&c.left, None)?;
                    self.set_loc(c.range);
                    let want = if op == CmpOp::Is { k } else { !k };
                    return Ok(vec![self.f().b.branch(
                        Opcode::BrNone,
                        l as i64,
                        0,
                        want,
                    )?]);
                }
                let l = self.expr(&c.left, None)?;
                if let Some(i) = small_int(right) {
                    let (bop, want) = match op {
                        CmpOp::Eq => (Some(Opcode::BrEqI), k),
                        CmpOp::NotEq => (Some(Opcode::BrEqI), !k),
                        CmpOp::Lt => (Some(Opcode::BrLtI), k),
                        CmpOp::LtE => (Some(Opcode::BrLeI), k),
                        CmpOp::Gt => (Some(Opcode::BrGtI), k),
                        CmpOp::GtE => (Some(Opcode::BrGeI), k),
                        _ => (None, k),
                    };
                    if let Some(bop) = bop {
                        self.set_loc(c.range);
                        return Ok(vec![self.f().b.branch(bop, l as i64, i, want)?]);
                    }
                }
                // An ordering against a float literal (`x > 4.0`) reads the
                // constant itself: no register load before the branch.
                if let Some(f @ Constant::Float(_)) = literal(right) {
                    let bop = match op {
                        CmpOp::Lt => Some(Opcode::BrLtK),
                        CmpOp::LtE => Some(Opcode::BrLeK),
                        CmpOp::Gt => Some(Opcode::BrGtK),
                        CmpOp::GtE => Some(Opcode::BrGeK),
                        _ => None,
                    };
                    if let Some(bop) = bop {
                        if let Some(ki) = self.f().b.small_constant(f) {
                            self.set_loc(c.range);
                            return Ok(vec![self.f().b.branch(bop, l as i64, ki as i64, k)?]);
                        }
                    }
                }
                let r = self.expr(right, None)?;
                self.set_loc(c.range);
                let (bop, want) = match op {
                    CmpOp::Eq => (Opcode::BrEq, k),
                    CmpOp::NotEq => (Opcode::BrEq, !k),
                    CmpOp::Lt => (Opcode::BrLt, k),
                    CmpOp::LtE => (Opcode::BrLe, k),
                    CmpOp::Gt => (Opcode::BrGt, k),
                    CmpOp::GtE => (Opcode::BrGe, k),
                    CmpOp::Is => (Opcode::BrIs, k),
                    CmpOp::IsNot => (Opcode::BrIs, !k),
                    CmpOp::In | CmpOp::NotIn => {
                        let t = self.temp()?;
                        self.emit(compare_opcode(op), t, l, r)?;
                        return Ok(vec![self.f().b.branch(Opcode::BrTrue, t as i64, 0, k)?]);
                    }
                };
                Ok(vec![self.f().b.branch(bop, l as i64, r as i64, want)?])
            }
            _ => {
                let r = self.expr(e, None)?;
                self.set_loc(e.range());
                Ok(vec![self.f().b.branch(
                    Opcode::BrTrue,
                    r as i64,
                    0,
                    jump_if,
                )?])
            }
        }
    }

    fn subscript(&mut self, s: &'a ast::ExprSubscript, dst: Option<Reg>) -> R<Reg> {
        let mark = self.fr().b.next_temp;
        let d = self.dest(dst)?;
        let obj = self.expr(&s.value, None)?;
        if let Expr::Slice(sl) = &*s.slice {
            let base = self.slice_parts(sl)?;
            self.set_loc(s.range);
            self.emit(Opcode::GetSlice, d, obj, base)?;
            return Ok(self.release(mark, dst, d));
        }
        if let Some(i) = super::stmt::small_index(&s.slice) {
            self.set_loc(s.range);
            self.emit(Opcode::GetIndexI, d, obj, i)?;
            return Ok(self.release(mark, dst, d));
        }

        let key = self.expr(&s.slice, None)?;
        self.set_loc(s.range);
        self.emit(Opcode::GetIndex, d, obj, key)?;
        Ok(self.release(mark, dst, d))
    }

    /// Puts a slice's lower, upper and step (None when absent) in three consecutive registers.
    pub(super) fn slice_parts(&mut self, sl: &'a ast::ExprSlice) -> R<Reg> {
        let base = self.temps(3)?;
        for (i, part) in [&sl.lower, &sl.upper, &sl.step].into_iter().enumerate() {
            match part {
                Some(e) => {
                    self.expr(e, Some(base + i))?;
                }
                None => {
                    self.emit(Opcode::LoadNone, base + i, 0, 0)?;
                }
            }
        }
        Ok(base)
    }

    fn display(
        &mut self,
        op: Opcode,
        elts: &'a [Expr],
        range: TextRange,
        dst: Option<Reg>,
    ) -> R<Reg> {
        if let Some(s) = elts.iter().find(|e| matches!(e, Expr::Starred(_))) {
            return Err(self.unsupported(s.range(), "starred expressions in displays"));
        }
        let mark = self.fr().b.next_temp;
        let d = self.fresh(dst)?;
        if elts.len() > 255 {
            if op != Opcode::NewList {
                return Err(CompileError::limit(
                    self.span(range),
                    "more than 255 items in one display",
                ));
            }
            self.emit(Opcode::NewList, d, 0, 0)?;
            let t = self.temp()?;
            for e in elts {
                self.expr(e, Some(t))?;
                self.emit(Opcode::Append, d, t, 0)?;
            }
            return self.finish_fresh(mark, dst, d);
        }
        // Items are computed into registers taken one by one, so that a
        // call among them lands in place (see `call`).
        let base = self.fr().b.next_temp;
        for e in elts {
            let r = self.temp()?;
            self.expr(e, Some(r))?;
            self.f().b.next_temp = r + 1;
        }
        if elts.is_empty() {
            self.temp()?;
        }
        self.set_loc(range);
        self.emit(op, d, base, elts.len())?;
        self.finish_fresh(mark, dst, d)
    }

    fn dict_display(&mut self, dict: &'a ast::ExprDict, dst: Option<Reg>) -> R<Reg> {
        if let Some(item) = dict.items.iter().find(|i| i.key.is_none()) {
            return Err(self.unsupported(item.value.range(), "dict displays with ** unpacking"));
        }
        if dict.items.len() > 127 {
            return Err(CompileError::limit(
                self.span(dict.range),
                "more than 127 items in one dict display",
            ));
        }
        let mark = self.fr().b.next_temp;
        let d = self.fresh(dst)?;
        let n = dict.items.len();
        let base = self.temps((2 * n).max(1))?;
        for (i, item) in dict.items.iter().enumerate() {
            if let Some(k) = &item.key {
                self.expr(k, Some(base + 2 * i))?;
            }
            self.expr(&item.value, Some(base + 2 * i + 1))?;
        }
        self.set_loc(dict.range);
        self.emit(Opcode::NewDict, d, base, n)?;
        self.finish_fresh(mark, dst, d)
    }

    fn fstring(&mut self, f: &'a ast::ExprFString, dst: Option<Reg>) -> R<Reg> {
        let mark = self.fr().b.next_temp;
        let d = self.fresh(dst)?;
        // Collect the pieces: literal text and interpolations, across implicit concatenation.
        let mut pieces: Vec<Piece<'a>> = Vec::new();
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(l) => pieces.push(Piece::Text(l.value.to_string())),
                ast::FStringPart::FString(fs) => {
                    collect_pieces(&fs.elements, self.lines, &mut pieces)
                }
            }
        }
        let pieces = merge_text(pieces);
        if pieces.len() > 255 {
            return Err(CompileError::limit(
                self.span(f.range),
                "more than 255 parts in one f-string",
            ));
        }
        let base = self.temps(pieces.len().max(1))?;
        for (i, p) in pieces.iter().enumerate() {
            match p {
                Piece::Text(t) => {
                    self.load_const(Constant::Str(t.clone()), Some(base + i))?;
                }
                Piece::Value(el) => self.interpolation(el, base + i)?,
            }
        }
        self.set_loc(f.range);
        if pieces.is_empty() {
            self.load_const(Constant::Str(String::new()), Some(d))?;
        } else {
            self.emit(Opcode::BuildStr, d, base, pieces.len())?;
        }
        self.finish_fresh(mark, dst, d)
    }

    /// One `{expr!conv:spec}` of an f-string, formatted into `dst`.
    fn interpolation(&mut self, el: &'a ast::InterpolatedElement, dst: Reg) -> R<()> {
        let mark = self.fr().b.next_temp;
        let v = self.expr(&el.expression, None)?;
        self.set_loc(el.range);
        // `{x=}` defaults to repr unless a format spec is given.
        let conversion = match (el.conversion, &el.debug_text, &el.format_spec) {
            (ast::ConversionFlag::None, Some(_), None) => ast::ConversionFlag::Repr,
            (c, _, _) => c,
        };
        let converted = match conversion {
            ast::ConversionFlag::None => v,
            ast::ConversionFlag::Str => {
                let t = self.temp()?;
                self.emit(Opcode::Str, t, v, 0)?;
                t
            }
            ast::ConversionFlag::Repr => {
                let t = self.temp()?;
                self.emit(Opcode::Repr, t, v, 0)?;
                t
            }
            ast::ConversionFlag::Ascii => return Err(self.unsupported(el.range, "!a conversions")),
        };
        match &el.format_spec {
            None => {
                self.emit(Opcode::Str, dst, converted, 0)?;
            }
            Some(spec) => {
                let mut pieces = Vec::new();
                collect_pieces(&spec.elements, self.lines, &mut pieces);
                let pieces = merge_text(pieces);
                let spec_reg = if let [Piece::Text(t)] = pieces.as_slice() {
                    self.load_const(Constant::Str(t.clone()), None)?
                } else if pieces.is_empty() {
                    self.load_const(Constant::Str(String::new()), None)?
                } else {
                    let base = self.temps(pieces.len())?;
                    for (i, p) in pieces.iter().enumerate() {
                        match p {
                            Piece::Text(t) => {
                                self.load_const(Constant::Str(t.clone()), Some(base + i))?;
                            }
                            Piece::Value(inner) => self.interpolation(inner, base + i)?,
                        }
                    }
                    let t = self.temp()?;
                    self.emit(Opcode::BuildStr, t, base, pieces.len())?;
                    t
                };
                self.set_loc(el.range);
                self.emit(Opcode::Format, dst, converted, spec_reg)?;
            }
        }
        self.f().b.next_temp = mark;
        Ok(())
    }

    fn call(&mut self, c: &'a ast::ExprCall, dst: Option<Reg>) -> R<Reg> {
        let args = &c.arguments.args;
        let keywords = &c.arguments.keywords;
        let mark = self.fr().b.next_temp;
        // len(x) with the built-in len: one instruction.
        if let Expr::Name(n) = &*c.func {
            if n.id.as_str() == "len"
                && args.len() == 1
                && keywords.is_empty()
                && !matches!(args[0], Expr::Starred(_))
                && self.is_builtin("len")
            {
                let d = self.dest(dst)?;
                let v = self.expr(&args[0], None)?;
                self.set_loc(c.range());
                self.emit(Opcode::Len, d, v, 0)?;
                return Ok(self.release(mark, dst, d));
            }
        }
        let starred = args.iter().any(|a| matches!(a, Expr::Starred(_)))
            || keywords.iter().any(|k| k.arg.is_none());
        if starred {
            return self.call_star(c, dst);
        }
        let method = matches!(&*c.func, Expr::Attribute(_));
        let extra = method as usize;
        let npos = args.len() + extra;
        let nkw = keywords.len();
        if npos > 255 || nkw > 255 {
            return Err(CompileError::limit(
                self.span(c.range()),
                "more than 255 arguments in one call",
            ));
        }
        let total = 1 + npos + nkw + usize::from(nkw > 0);
        if mark + total > MAX_REGS {
            return Err(CompileError::limit(
                self.span(c.range()),
                "a call needs more than 256 registers",
            ));
        }
        // A call computed into the newest temporary uses it as the window
        // base, so the result needs no move (`(f(x), f(y))`, `[g(i)]`).
        // The window's registers are taken one by one as they are computed,
        // so that a call among the arguments lands in place as well.
        let base = match dst {
            Some(d) if d >= self.fr().b.temp_floor && d + 1 == mark => d,
            _ => self.temp()?,
        };
        self.f().b.next_temp = base + 1;
        let func_start = self.fr().b.code.len();
        if let Expr::Attribute(a) = &*c.func {
            self.temps(extra)?;
            let obj = self.expr(&a.value, None)?;
            let k = self.small_name(&a.attr.id, a.attr.range)?;
            self.set_loc(a.range);
            self.emit(Opcode::GetMethod, base, obj, k)?;
        } else {
            self.expr(&c.func, Some(base))?;
        }
        self.f().b.next_temp = base + 1 + extra;
        let args_start = self.fr().b.code.len();
        for a in args {
            let r = self.temp()?;
            self.expr(a, Some(r))?;
            self.f().b.next_temp = r + 1;
        }
        // Keyword values and their names tuple: the rest of the window.
        self.temps(total - 1 - npos)?;
        let mut names = Vec::with_capacity(nkw);
        for (j, k) in keywords.iter().enumerate() {
            let Some(name) = &k.arg else {
                unreachable!("** is handled by call_star")
            };
            if names
                .iter()
                .any(|n: &Constant| matches!(n, Constant::Str(s) if s == name.id.as_str()))
            {
                return Err(CompileError::syntax(
                    self.span(k.range),
                    format!("keyword argument repeated: {}", name.id),
                ));
            }
            names.push(Constant::Str(name.id.to_string()));
            self.expr(&k.value, Some(base + 1 + npos + j))?;
        }
        self.set_loc(c.range());
        if nkw > 0 {
            self.load_const(Constant::Tuple(names), Some(base + 1 + npos + nkw))?;
            self.set_loc(c.range());
            self.emit(Opcode::CallKw, base, npos, nkw)?;
        } else if !self.global_call(func_start, args_start, base, npos)? {
            self.emit(Opcode::Call, base, npos, 0)?;
        }
        if let Some(d) = dst {
            self.f().b.mov(d, base)?;
            self.f().b.next_temp = mark;
            return Ok(d);
        }
        self.f().b.next_temp = base + 1;
        Ok(base)
    }

    /// Ends a call of a global function whose arguments are plain copies
    /// (`f(x, 1)`: only moves and constant loads since the `getglobal` at
    /// `start`) with `callg`, which loads the callee itself: copies can
    /// neither raise nor run code, so loading the callee after them instead
    /// of before is unobservable (its NameError still comes first). One
    /// argument copied from a register becomes `callg1`, which copies it
    /// too. Returns whether it did (the call is then emitted).
    fn global_call(&mut self, start: usize, args: usize, base: Reg, npos: usize) -> R<bool> {
        let b = &mut self.f().b;
        if args != start + 1 {
            return Ok(false);
        }
        let g = match b.code[start].decode() {
            Ok((Opcode::GetGlobal, [a, g, _])) if a as usize == base && g <= 255 => g as usize,
            _ => return Ok(false),
        };
        let plain = b.code[args..].iter().all(|i| {
            matches!(
                i.opcode(),
                Some(
                    Opcode::Move
                        | Opcode::LoadI
                        | Opcode::LoadF
                        | Opcode::LoadK
                        | Opcode::LoadNone
                        | Opcode::LoadBool
                )
            ) && i.a() > base
        });
        if !plain {
            return Ok(false);
        }
        b.code.remove(start);
        b.locs.remove(start);
        if npos == 1 && b.code.len() == start + 1 {
            if let Ok((Opcode::Move, [d, src, _])) = b.code[start].decode() {
                if d as usize == base + 1 {
                    b.code.truncate(start);
                    b.locs.truncate(start);
                    b.op(Opcode::CallG1, base, src as usize, g)?;
                    return Ok(true);
                }
            }
        }
        b.op(Opcode::CallG, base, npos, g)?;
        Ok(true)
    }

    /// A call with `*args` or `**kwargs` at the call site: the arguments are
    /// collected into a list and a dict and passed with `callex`.
    fn call_star(&mut self, c: &'a ast::ExprCall, dst: Option<Reg>) -> R<Reg> {
        let mark = self.fr().b.next_temp;
        let base = self.temps(3)?;
        let method_recv = if let Expr::Attribute(a) = &*c.func {
            // Bind the method to its receiver as a value (`getattr`), then call it.
            let obj = self.expr(&a.value, None)?;
            let k = self.small_name(&a.attr.id, a.attr.range)?;
            self.set_loc(a.range);
            self.emit(Opcode::GetAttr, base, obj, k)?;
            self.f().b.next_temp = base + 3;
            true
        } else {
            self.expr(&c.func, Some(base))?;
            false
        };
        let _ = method_recv;
        let args = &c.arguments.args;
        if let [Expr::Starred(s)] = &args[..] {
            // Collected like the others (a generator must run first), but given
            // the callee so that a non-iterable is reported as CPython does for a lone `*`.
            self.emit(Opcode::NewList, base + 1, 0, 0)?;
            let v = self.expr(&s.value, None)?;
            self.set_loc(s.range);
            self.call_helper(base + 1, "<extend star>", &[v, base], s.range)?;
            self.f().b.next_temp = base + 3;
        } else {
            self.emit(Opcode::NewList, base + 1, 0, 0)?;
            for a in args.iter() {
                match a {
                    Expr::Starred(s) => {
                        let v = self.expr(&s.value, None)?;
                        self.set_loc(s.range);
                        self.call_helper(base + 1, "<extend star>", &[v], s.range)?;
                    }
                    other => {
                        let v = self.expr(other, None)?;
                        self.emit(Opcode::Append, base + 1, v, 0)?;
                    }
                }
                self.f().b.next_temp = base + 3;
            }
        }
        let has_kw = !c.arguments.keywords.is_empty();
        if has_kw {
            self.emit(Opcode::NewDict, base + 2, 0, 0)?;
            let mut names: Vec<&str> = Vec::new();
            // Until the first `**`, explicit names cannot collide at run time.
            let mut after_double_star = false;
            for k in c.arguments.keywords.iter() {
                match &k.arg {
                    Some(name) => {
                        if names.contains(&name.id.as_str()) {
                            return Err(CompileError::syntax(
                                self.span(k.range),
                                format!("keyword argument repeated: {}", name.id),
                            ));
                        }
                        names.push(name.id.as_str());
                        let key = self.load_const(Constant::Str(name.id.to_string()), None)?;
                        let v = self.expr(&k.value, None)?;
                        if after_double_star {
                            let one = self.temp()?;
                            self.emit(Opcode::NewDict, one, 0, 0)?;
                            self.emit(Opcode::SetIndex, one, key, v)?;
                            self.set_loc(k.range);
                            self.call_helper(base + 2, "<merge kwargs>", &[base, one], k.range)?;
                        } else {
                            self.emit(Opcode::SetIndex, base + 2, key, v)?;
                        }
                    }
                    None => {
                        after_double_star = true;
                        let v = self.expr(&k.value, None)?;
                        self.set_loc(k.range);
                        self.call_helper(base + 2, "<merge kwargs>", &[base, v], k.range)?;
                    }
                }
                self.f().b.next_temp = base + 3;
            }
        }
        self.set_loc(c.range());
        self.emit(Opcode::CallEx, base, has_kw as usize, 0)?;
        if let Some(d) = dst {
            self.f().b.mov(d, base)?;
            self.f().b.next_temp = mark;
            return Ok(d);
        }
        self.f().b.next_temp = base + 1;
        Ok(base)
    }

    /// Calls the compiler-only method `name` of the object in `obj` (one of the
    /// call-site helpers `list.<extend star>` and `dict.<merge kwargs>`) with
    /// `args`, discarding its result.
    fn call_helper(&mut self, obj: Reg, name: &str, args: &[Reg], range: TextRange) -> R<()> {
        let mark = self.fr().b.next_temp;
        let base = self.temps(2 + args.len())?;
        let k = self.small_name(name, range)?;
        self.emit(Opcode::GetMethod, base, obj, k)?;
        for (i, a) in args.iter().enumerate() {
            self.f().b.mov(base + 2 + i, *a)?;
        }
        self.emit(Opcode::Call, base, 1 + args.len(), 0)?;
        self.f().b.next_temp = mark;
        Ok(())
    }

    fn comprehension(
        &mut self,
        comp: Comprehension<'a>,
        name: &str,
        range: TextRange,
        dst: Option<Reg>,
    ) -> R<Reg> {
        if comp.generators.iter().any(|g| g.is_async) {
            return Err(self.unsupported(range, "asynchronous comprehensions"));
        }
        let mark = self.fr().b.next_temp;
        let base = self.temps(2)?;
        let first = &comp.generators[0];
        let it = self.expr(&first.iter, None)?;
        self.set_loc(first.iter.range());
        self.emit(Opcode::GetIter, base + 1, it, 0)?;
        self.f().b.next_temp = base + 2;
        let scope = self.scopes.get(comp_key(range)).ok_or_else(|| {
            CompileError::syntax(
                self.span(range),
                "internal error: comprehension scope missing",
            )
        })?;
        let index = self.build_function(name, scope, None, FnBody::Comprehension(comp), range)?;
        self.set_loc(range);
        self.f()
            .b
            .emit(Opcode::Closure, base as i64, index as i64, 0)?;
        self.emit(Opcode::Call, base, 1, 0)?;
        if let Some(d) = dst {
            self.f().b.mov(d, base)?;
            self.f().b.next_temp = mark;
            return Ok(d);
        }
        self.f().b.next_temp = base + 1;
        Ok(base)
    }

    /// The body of a comprehension function: its argument (register 0) is the
    /// first iterator; the result is built and returned.
    pub(super) fn comprehension_body(&mut self, comp: Comprehension<'a>) -> R<()> {
        let result = self.temp()?;
        let op = match comp.kind {
            CompKind::List => Opcode::NewList,
            CompKind::Set => Opcode::NewSet,
            CompKind::Dict => Opcode::NewDict,
            CompKind::Generator => Opcode::LoadNone,
        };
        self.emit(op, result, 0, 0)?;
        self.comp_loop(comp, 0, result)?;
        self.emit(Opcode::Return, result, 0, 0)?;
        Ok(())
    }

    fn comp_loop(&mut self, comp: Comprehension<'a>, level: usize, result: Reg) -> R<()> {
        let Some(g) = comp.generators.get(level) else {
            // Innermost: add the element.
            let mark = self.fr().b.next_temp;
            match comp.kind {
                CompKind::List => {
                    let v = self.expr(comp.elt, None)?;
                    self.emit(Opcode::Append, result, v, 0)?;
                }
                CompKind::Set => {
                    let v = self.expr(comp.elt, None)?;
                    self.emit(Opcode::SetAdd, result, v, 0)?;
                }
                CompKind::Generator => {
                    let v = self.expr(comp.elt, None)?;
                    self.emit(Opcode::Yield, v, 0, 0)?;
                }
                CompKind::Dict => {
                    let k = self.expr(comp.elt, None)?;
                    let k = if self.is_named(k) {
                        let t = self.temp()?;
                        self.f().b.mov(t, k)?;
                        t
                    } else {
                        k
                    };
                    let v = self.expr(comp.value.unwrap_or(comp.elt), None)?;
                    self.emit(Opcode::SetIndex, result, k, v)?;
                }
            }
            self.f().b.next_temp = mark;
            return Ok(());
        };
        let it = if level == 0 {
            0
        } else {
            let t = self.temp()?;
            let v = self.expr(&g.iter, None)?;
            self.set_loc(g.iter.range());
            self.emit(Opcode::GetIter, t, v, 0)?;
            self.f().b.next_temp = t + 1;
            t
        };
        let item = match self.local_reg(&g.target) {
            Some(r) => r,
            None => self.temp()?,
        };
        let floor = self.fr().b.next_temp;
        let to_test = self.f().b.jump()?;
        let body = self.f().b.here();
        let entry = self.fr().assigned.clone();
        if self.local_reg(&g.target).is_none() {
            self.assign(&g.target, item)?;
        } else if let Expr::Name(n) = &g.target {
            self.f().assigned.insert(n.id.to_string());
        }
        let mut skips = Vec::new();
        for cond in &g.ifs {
            skips.extend(self.cond_jump(cond, false)?);
        }
        self.comp_loop(comp, level + 1, result)?;
        self.f().b.next_temp = floor;
        self.f().b.patch_here(&skips)?;
        self.f().b.patch_here(&[to_test])?;
        self.f().assigned = entry;
        self.set_loc(g.range);
        let j = self.f().b.loop_branch(Opcode::ForIter, it, item)?;
        self.f().b.patch(j, body)?;
        Ok(())
    }

    /// Whether `name` is read as a plain local somewhere (used by statement code).
    pub(super) fn is_local(&self, name: &str) -> bool {
        self.symbol(name) == Symbol::Local
    }
}

/// A piece of an f-string.
enum Piece<'a> {
    Text(String),
    Value(&'a ast::InterpolatedElement),
}

fn collect_pieces<'a>(
    elements: &'a ast::InterpolatedStringElements,
    lines: &LineIndex,
    out: &mut Vec<Piece<'a>>,
) {
    for el in elements.iter() {
        match el {
            ast::InterpolatedStringElement::Literal(l) => {
                out.push(Piece::Text(l.value.to_string()))
            }
            ast::InterpolatedStringElement::Interpolation(i) => {
                if let Some(debug) = &i.debug_text {
                    // `{expr=}` echoes the expression's source text first.
                    let text = lines.text(i.expression.range());
                    out.push(Piece::Text(format!(
                        "{}{}{}",
                        debug.leading(),
                        text,
                        debug.trailing()
                    )));
                }
                out.push(Piece::Value(i));
            }
        }
    }
}

fn merge_text(pieces: Vec<Piece<'_>>) -> Vec<Piece<'_>> {
    let mut out: Vec<Piece> = Vec::new();
    for p in pieces {
        match (out.last_mut(), p) {
            (Some(Piece::Text(prev)), Piece::Text(t)) => prev.push_str(&t),
            (_, Piece::Text(t)) if t.is_empty() => {}
            (_, p) => out.push(p),
        }
    }
    out
}
