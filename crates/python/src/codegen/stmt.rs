//! Statements.

use super::builder::Reg;
use super::expr::{inplace_opcode, literal};
use super::{def_key, Compiler, ExitAction, FnBody, LoopCtx, Region, R};
use crate::error::CompileError;
use crate::scope::Symbol;
use bytecode::Constant;
use isa::Opcode;
use ruff_python_ast::{self as ast, Expr, Operator, Stmt};
use ruff_text_size::{Ranged, TextRange};

/// Whether code after a statement is reachable.
type Terminates = bool;

impl<'a> Compiler<'a> {
    /// Compiles statements; returns whether control never falls out of the block.
    pub(super) fn block(&mut self, stmts: &'a [Stmt]) -> R<Terminates> {
        let mut ends = false;
        for s in stmts {
            let floor = self.fr().b.temp_floor;
            self.f().b.next_temp = floor;
            self.f().copy_locals = contains_walrus(s);
            ends = self.stmt(s)?;
            self.f().b.next_temp = floor;
        }
        Ok(ends)
    }

    fn stmt(&mut self, s: &'a Stmt) -> R<Terminates> {
        self.set_loc(s.range());
        match s {
            Stmt::Expr(e) => {
                let v = self.expr(&e.value, None)?;
                if self.interactive && self.stack.len() == 1 {
                    // The REPL shows the value's repr, unless it is None (like sys.displayhook).
                    self.set_loc(e.range);
                    let skip = self.f().b.branch(Opcode::BrNone, v as i64, 0, true)?;
                    let t = self.temp()?;
                    self.emit(Opcode::Repr, t, v, 0)?;
                    self.emit(Opcode::Write, t, 0, 0)?;
                    self.load_const(Constant::Str("\n".into()), Some(t))?;
                    self.emit(Opcode::Write, t, 0, 0)?;
                    self.f().b.patch_here(&[skip])?;
                }
                Ok(false)
            }

            Stmt::Assign(a) => {
                self.assignment(&a.targets, &a.value)?;
                Ok(false)
            }
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.assignment(std::slice::from_ref(&*a.target), v)?;
                }
                Ok(false)
            }
            Stmt::AugAssign(a) => {
                self.aug_assign(a)?;
                Ok(false)
            }
            Stmt::If(i) => self.if_stmt(i),
            Stmt::While(w) => self.while_stmt(w),
            Stmt::For(f) => self.for_stmt(f),
            Stmt::Break(b) => self.loop_exit(b.range, true),
            Stmt::Continue(c) => self.loop_exit(c.range, false),
            Stmt::Pass(_) | Stmt::Global(_) | Stmt::Nonlocal(_) => Ok(false),
            Stmt::Return(r) => {
                self.require_function(r.range, "return")?;
                if self.fr().scope.is_generator
                    && r.value
                        .as_deref()
                        .is_some_and(|e| !matches!(e, Expr::NoneLiteral(_)))
                {
                    // The VM drops a generator's return value (StopIteration.value,
                    // the result of `yield from`), so one is refused, not lost.
                    return Err(self.unsupported(r.range, "return values in generators"));
                }
                let v = match &r.value {
                    Some(e) => {
                        let v = self.expr(e, None)?;
                        if self.fr().finally.is_empty() {
                            v
                        } else {
                            // The value must survive the finally blocks that run first.
                            let t = self.temp()?;
                            self.f().b.mov(t, v)?;
                            t
                        }
                    }
                    None => {
                        let t = self.temp()?;
                        self.emit(Opcode::LoadNone, t, 0, 0)?;
                        t
                    }
                };
                self.run_exits(0)?;
                self.set_loc(r.range);
                self.emit(Opcode::Return, v, 0, 0)?;
                Ok(true)
            }
            Stmt::FunctionDef(f) => {
                if f.is_async {
                    return Err(self.unsupported(f.range, "async functions"));
                }
                if let Some(d) = f.decorator_list.first() {
                    return Err(self.unsupported(d.range, "decorators"));
                }
                if let Some(t) = &f.type_params {
                    return Err(self.unsupported(t.range, "type parameters"));
                }
                let target = match self.symbol(&f.name.id) {
                    Symbol::Local => self.fr().regs[f.name.id.as_str()],
                    _ => self.temp()?,
                };
                self.function(
                    &f.name.id,
                    def_key(f),
                    Some(&f.parameters),
                    FnBody::Block(&f.body),
                    f.range,
                    target,
                )?;
                self.store_name(&f.name.id, f.name.range, target)?;
                Ok(false)
            }
            Stmt::ClassDef(c) => Err(self.unsupported(c.range, "class definitions")),
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.delete(t)?;
                }
                Ok(false)
            }
            Stmt::Import(i) => {
                for alias in &i.names {
                    let module = alias.name.id.as_str();
                    self.check_module(module, alias.range)?;
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    let t = self.temp()?;
                    let k = self.name_const(module)?;
                    self.set_loc(alias.range);
                    self.f().b.emit(Opcode::Import, t as i64, k as i64, 0)?;
                    self.store_name(&bound.id, alias.range, t)?;
                }
                Ok(false)
            }
            Stmt::ImportFrom(i) => {
                let Some(module) = &i.module else {
                    return Err(self.unsupported(i.range, "relative imports"));
                };
                if i.level > 0 {
                    return Err(self.unsupported(i.range, "relative imports"));
                }
                self.check_module(&module.id, module.range)?;
                let m = self.temp()?;
                let k = self.name_const(&module.id)?;
                self.f().b.emit(Opcode::Import, m as i64, k as i64, 0)?;
                for alias in &i.names {
                    if alias.name.id.as_str() == "*" {
                        return Err(self.unsupported(alias.range, "star imports"));
                    }
                    let t = self.temp()?;
                    let k = self.small_name(&alias.name.id, alias.range)?;
                    self.set_loc(alias.range);
                    self.emit(Opcode::GetAttr, t, m, k)?;
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    self.store_name(&bound.id, alias.range, t)?;
                }
                Ok(false)
            }
            Stmt::Assert(a) => {
                let ok = self.cond_jump(&a.test, true)?;
                self.set_loc(a.range);
                let exc = isa::docs::exception_number("AssertionError").unwrap_or(0);
                match &a.msg {
                    Some(m) => {
                        let v = self.expr(m, None)?;
                        self.set_loc(a.range);
                        self.emit(Opcode::ErrorV, exc, v, 0)?;
                    }
                    None => {
                        let k = self.f().b.constant(Constant::None)?;
                        self.f().b.emit(Opcode::Error, exc as i64, k as i64, 0)?;
                    }
                }
                self.f().b.patch_here(&ok)?;
                Ok(false)
            }
            Stmt::Raise(r) => {
                match (&r.exc, &r.cause) {
                    (None, _) => {
                        self.emit(Opcode::RaiseHandled, 0, 0, 0)?;
                    }
                    (Some(e), None) => {
                        let v = self.expr(e, None)?;
                        self.set_loc(r.range);
                        self.emit(Opcode::Raise, v, 0, 0)?;
                    }
                    (Some(e), Some(c)) => {
                        let v = self.expr(e, None)?;
                        let v = if self.is_named_reg(v) {
                            let t = self.temp()?;
                            self.f().b.mov(t, v)?;
                            t
                        } else {
                            v
                        };
                        let cause = self.expr(c, None)?;
                        self.set_loc(r.range);
                        self.emit(Opcode::RaiseFrom, v, cause, 0)?;
                    }
                }
                Ok(true)
            }
            Stmt::Try(t) => self.try_stmt(t),
            Stmt::With(w) => Err(self.unsupported(w.range, "with statements")),
            Stmt::Match(m) => Err(self.unsupported(m.range, "match statements")),
            Stmt::TypeAlias(t) => Err(self.unsupported(t.range, "type aliases")),
            Stmt::IpyEscapeCommand(c) => Err(CompileError::syntax(
                self.span(c.range),
                "IPython escape commands are not Python",
            )),
        }
    }

    fn is_named_reg(&self, r: Reg) -> bool {
        r < self.fr().b.num_locals
    }

    fn check_module(&self, name: &str, range: TextRange) -> R<()> {
        if super::MODULES.contains(&name) {
            Ok(())
        } else {
            Err(CompileError::unsupported(
                self.span(range),
                format!(
                    "module '{name}' is not available in Rhodium (available modules: {})",
                    super::MODULES.join(", ")
                ),
            ))
        }
    }

    // ---- assignment ----

    fn assignment(&mut self, targets: &'a [Expr], value: &'a Expr) -> R<()> {
        if let [target] = targets {
            if let Some(r) = self.local_reg(target) {
                self.expr(value, Some(r))?;
                if let Expr::Name(n) = target {
                    self.f().assigned.insert(n.id.to_string());
                }
                return Ok(());
            }
            // `a, b = b, a`: evaluate every right-hand value, then assign; no tuple is built.
            if let (Expr::Tuple(_) | Expr::List(_), Expr::Tuple(_) | Expr::List(_)) =
                (target, value)
            {
                let lhs = elements(target);
                let rhs = elements(value);
                let starred = lhs
                    .iter()
                    .chain(rhs.iter())
                    .any(|e| matches!(e, Expr::Starred(_)));
                if lhs.len() == rhs.len() && !starred && !rhs.is_empty() && rhs.len() < 200 {
                    let base = self.temps(rhs.len())?;
                    for (i, e) in rhs.iter().enumerate() {
                        self.expr(e, Some(base + i))?;
                    }
                    for (i, t) in lhs.iter().enumerate() {
                        self.assign(t, base + i)?;
                    }
                    return Ok(());
                }
            }
        }
        let v = self.expr(value, None)?;
        let v = if targets.len() > 1 && self.is_named_reg(v) {
            let t = self.temp()?;
            self.f().b.mov(t, v)?;
            t
        } else {
            v
        };
        for t in targets {
            self.assign(t, v)?;
        }
        Ok(())
    }

    /// Stores the value in `value` into an assignment target.
    pub(super) fn assign(&mut self, target: &'a Expr, value: Reg) -> R<()> {
        self.set_loc(target.range());
        match target {
            Expr::Name(n) => self.store_name(&n.id, n.range, value),
            Expr::Subscript(s) => {
                let mark = self.fr().b.next_temp;
                let obj = self.expr(&s.value, None)?;
                if let Expr::Slice(sl) = &*s.slice {
                    let base = self.slice_parts(sl)?;
                    self.set_loc(s.range);
                    self.emit(Opcode::SetSlice, obj, base, value)?;
                } else if let Some(i) = small_index(&s.slice) {
                    self.set_loc(s.range);
                    self.emit(Opcode::SetIndexI, obj, i, value)?;
                } else {
                    let k = self.expr(&s.slice, None)?;
                    self.set_loc(s.range);
                    self.emit(Opcode::SetIndex, obj, k, value)?;
                }
                self.f().b.next_temp = mark;
                Ok(())
            }
            Expr::Tuple(_) | Expr::List(_) => {
                let elts = elements(target);
                let stars: Vec<usize> = elts
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| matches!(e, Expr::Starred(_)))
                    .map(|(i, _)| i)
                    .collect();
                let mark = self.fr().b.next_temp;
                // `a, b = pair` with a and b plain locals in consecutive
                // registers unpacks straight into them. Unpacking reads every
                // item before it writes one, so nothing is half-assigned.
                if let Some(first) = self.consecutive_locals(elts) {
                    self.set_loc(target.range());
                    self.emit(Opcode::Unpack, first, value, elts.len())?;
                    // Each name is already in place: this only records it as assigned.
                    for (i, e) in elts.iter().enumerate() {
                        self.assign(e, first + i)?;
                    }
                    return Ok(());
                }
                let base = self.temps(elts.len().max(1))?;
                self.set_loc(target.range());
                match stars.as_slice() {
                    [] => {
                        self.emit(Opcode::Unpack, base, value, elts.len())?;
                    }
                    [star] => {
                        let (before, after) = (*star, elts.len() - star - 1);
                        if before > 15 || after > 15 {
                            return Err(CompileError::limit(
                                self.span(target.range()),
                                "more than 15 targets before or after a starred target",
                            ));
                        }
                        self.emit(Opcode::UnpackEx, base, value, before * 16 + after)?;
                    }
                    _ => {
                        return Err(CompileError::syntax(
                            self.span(target.range()),
                            "multiple starred expressions in assignment",
                        ))
                    }
                }
                for (i, e) in elts.iter().enumerate() {
                    let inner = match e {
                        Expr::Starred(s) => &*s.value,
                        other => other,
                    };
                    self.assign(inner, base + i)?;
                }
                self.f().b.next_temp = mark;
                Ok(())
            }
            Expr::Attribute(a) => Err(self.unsupported(a.range, "assignments to attributes")),
            Expr::Starred(s) => Err(CompileError::syntax(
                self.span(s.range),
                "starred assignment target must be in a list or tuple",
            )),
            other => Err(CompileError::syntax(
                self.span(other.range()),
                "cannot assign to expression",
            )),
        }
    }

    fn aug_assign(&mut self, a: &'a ast::StmtAugAssign) -> R<()> {
        if a.op == Operator::MatMult {
            return Err(self.unsupported(a.range, "matrix multiplications (@=)"));
        }
        let small = match literal(&a.value) {
            Some(Constant::Int(i)) if (-128..=127).contains(&i) => Some(i),
            _ => None,
        };
        let emit_op = |this: &mut Self, dst: Reg, cur: Reg| -> R<()> {
            match (a.op, small) {
                (Operator::Add, Some(i)) => {
                    this.set_loc(a.range);
                    this.f().b.emit(Opcode::IAddI, dst as i64, cur as i64, i)?;
                }
                (Operator::Sub, Some(i)) => {
                    this.set_loc(a.range);
                    this.f().b.emit(Opcode::ISubI, dst as i64, cur as i64, i)?;
                }
                _ => {
                    let v = this.expr(&a.value, None)?;
                    this.set_loc(a.range);
                    let op = match a.op {
                        Operator::Div => Opcode::IDivT,
                        Operator::FloorDiv => Opcode::IIDiv,
                        Operator::Mod => Opcode::IMod,
                        Operator::Pow => Opcode::IPow,
                        Operator::LShift => Opcode::IShl,
                        Operator::RShift => Opcode::IShr,
                        other => inplace_opcode(other),
                    };
                    this.emit(op, dst, cur, v)?;
                }
            }
            Ok(())
        };
        match &*a.target {
            Expr::Name(n) => {
                if let Some(r) = self.local_reg(&a.target) {
                    self.load_name(&n.id, n.range, None)?;
                    emit_op(self, r, r)?;
                } else {
                    let cur = self.load_name(&n.id, n.range, None)?;
                    emit_op(self, cur, cur)?;
                    self.store_name(&n.id, n.range, cur)?;
                }
                Ok(())
            }
            Expr::Subscript(s) => {
                let obj = self.expr(&s.value, None)?;
                if let Expr::Slice(sl) = &*s.slice {
                    let base = self.slice_parts(sl)?;
                    let cur = self.temp()?;
                    self.set_loc(s.range);
                    self.emit(Opcode::GetSlice, cur, obj, base)?;
                    emit_op(self, cur, cur)?;
                    self.set_loc(s.range);
                    self.emit(Opcode::SetSlice, obj, base, cur)?;
                } else if let Some(i) = small_index(&s.slice) {
                    // `b[3] += x`: the index as an immediate, as in loads and stores.
                    let cur = self.temp()?;
                    self.set_loc(s.range);
                    self.emit(Opcode::GetIndexI, cur, obj, i)?;
                    emit_op(self, cur, cur)?;
                    self.set_loc(s.range);
                    self.emit(Opcode::SetIndexI, obj, i, cur)?;
                } else {
                    let key = self.expr(&s.slice, None)?;
                    let cur = self.temp()?;
                    self.set_loc(s.range);
                    self.emit(Opcode::GetIndex, cur, obj, key)?;
                    emit_op(self, cur, cur)?;
                    self.set_loc(s.range);
                    self.emit(Opcode::SetIndex, obj, key, cur)?;
                }
                Ok(())
            }
            Expr::Attribute(at) => Err(self.unsupported(at.range, "assignments to attributes")),
            other => Err(CompileError::syntax(
                self.span(other.range()),
                "'expression' is an illegal expression for augmented assignment",
            )),
        }
    }

    fn delete(&mut self, target: &'a Expr) -> R<()> {
        self.set_loc(target.range());
        match target {
            Expr::Name(n) => self.delete_name(&n.id, n.range),
            Expr::Subscript(s) => {
                let obj = self.expr(&s.value, None)?;
                if let Expr::Slice(sl) = &*s.slice {
                    let base = self.slice_parts(sl)?;
                    self.set_loc(s.range);
                    self.emit(Opcode::DelSlice, obj, base, 0)?;
                } else {
                    let k = self.expr(&s.slice, None)?;
                    self.set_loc(s.range);
                    self.emit(Opcode::DelIndex, obj, k, 0)?;
                }
                Ok(())
            }
            Expr::Tuple(_) | Expr::List(_) => {
                for e in elements(target) {
                    self.delete(e)?;
                }
                Ok(())
            }
            Expr::Attribute(a) => Err(self.unsupported(a.range, "deleting attributes")),
            other => Err(CompileError::syntax(
                self.span(other.range()),
                "cannot delete expression",
            )),
        }
    }

    // ---- control flow ----

    fn if_stmt(&mut self, i: &'a ast::StmtIf) -> R<Terminates> {
        let entry = self.fr().assigned.clone();
        let branches: Vec<(Option<&'a Expr>, &'a [Stmt])> =
            std::iter::once((Some(&*i.test), &i.body[..]))
                .chain(
                    i.elif_else_clauses
                        .iter()
                        .map(|c| (c.test.as_ref(), &c.body[..])),
                )
                .collect();
        let mut ends = Vec::new();
        let mut states = Vec::new();
        let mut all_terminate = true;
        let mut has_else = false;
        let mut pending: Vec<usize> = Vec::new();
        let last = branches.len() - 1;
        for (idx, (test, body)) in branches.into_iter().enumerate() {
            self.f().b.patch_here(&pending)?;
            pending.clear();
            match test {
                Some(t) => {
                    self.set_loc(t.range());
                    pending = self.cond_jump(t, false)?;
                }
                None => has_else = true,
            }
            // Later tests and the fall-through start from the state after this test.
            let after_test = self.fr().assigned.clone();
            let term = self.block(body)?;
            if !term {
                states.push(self.fr().assigned.clone());
                if idx < last {
                    ends.push(self.f().b.jump()?);
                }
            }
            all_terminate &= term;
            self.f().assigned = after_test;
        }
        if !has_else {
            states.push(self.fr().assigned.clone());
            all_terminate = false;
        }
        self.f().b.patch_here(&pending)?;
        self.f().b.patch_here(&ends)?;
        self.f().assigned = intersect_all(states, &entry);
        Ok(all_terminate)
    }

    fn loop_entry(&mut self) {
        // A local deleted anywhere in the function may be unbound on a later iteration.
        let deleted: Vec<String> = self.fr().scope.deleted.iter().cloned().collect();
        for n in deleted {
            self.f().assigned.remove(&n);
        }
    }

    fn push_loop(&mut self) {
        let depth = self.fr().finally.len();
        self.f().loops.push(LoopCtx {
            finally_depth: depth,
            ..Default::default()
        });
    }

    /// `break` (when `is_break`) or `continue`: leaves the enclosing `except`
    /// clauses and runs the `finally` bodies inside the loop, then jumps to
    /// the innermost loop's end or its next iteration.
    fn loop_exit(&mut self, range: TextRange, is_break: bool) -> R<Terminates> {
        let Some(depth) = self.fr().loops.last().map(|l| l.finally_depth) else {
            let msg = if is_break {
                "'break' outside loop"
            } else {
                "'continue' not properly in loop"
            };
            return Err(CompileError::syntax(self.span(range), msg));
        };
        self.run_exits(depth)?;
        let j = self.f().b.jump()?;
        if let Some(l) = self.f().loops.last_mut() {
            if is_break {
                l.break_jumps.push(j);
            } else {
                l.continue_jumps.push(j);
            }
        }
        Ok(true)
    }

    fn while_stmt(&mut self, w: &'a ast::StmtWhile) -> R<Terminates> {
        self.loop_entry();
        let entry = self.fr().assigned.clone();
        let infinite = matches!(literal(&w.test), Some(Constant::Bool(true)));
        let exit = if infinite {
            Vec::new()
        } else {
            self.cond_jump(&w.test, false)?
        };
        let after_test = self.fr().assigned.clone();
        self.push_loop();
        let body_start = self.f().b.here();
        self.block(&w.body)?;
        let ctx = self.f().loops.pop().unwrap_or_default();
        self.f().b.patch_here(&ctx.continue_jumps)?;
        self.f().assigned = after_test.clone();
        if infinite {
            self.f().b.jump_to(body_start)?;
        } else {
            self.set_loc(w.test.range());
            let again = self.cond_jump(&w.test, true)?;
            for j in again {
                self.f().b.patch(j, body_start)?;
            }
        }
        self.f().b.patch_here(&exit)?;
        self.f().assigned = after_test;
        self.block(&w.orelse)?;
        self.f().b.patch_here(&ctx.break_jumps)?;
        self.f().assigned = entry;
        Ok(infinite && ctx.break_jumps.is_empty())
    }

    fn for_stmt(&mut self, f: &'a ast::StmtFor) -> R<Terminates> {
        if f.is_async {
            return Err(self.unsupported(f.range, "async for loops"));
        }
        self.loop_entry();
        let entry = self.fr().assigned.clone();
        // Loop state lives in temporaries reserved for the whole loop.
        let saved_floor = self.fr().b.temp_floor;
        let range_args = self.range_call(&f.iter);
        let target_reg = self.local_reg(&f.target);
        // `range(stop)` and `range(start, stop)` step by 1: their back edge
        // is `forloop1`, which has no step to read or direction to test.
        let unit_step = range_args.is_some_and(|args| args.len() < 3);
        let (head, kind) = if let Some(args) = range_args {
            let base = self.temps(3)?;
            match args {
                [stop] => {
                    self.load_const(Constant::Int(0), Some(base))?;
                    self.expr(stop, Some(base + 1))?;
                    self.load_const(Constant::Int(1), Some(base + 2))?;
                }
                [start, stop] => {
                    self.expr(start, Some(base))?;
                    self.expr(stop, Some(base + 1))?;
                    self.load_const(Constant::Int(1), Some(base + 2))?;
                }
                [start, stop, step] => {
                    self.expr(start, Some(base))?;
                    self.expr(stop, Some(base + 1))?;
                    self.expr(step, Some(base + 2))?;
                }
                _ => unreachable!("range_call checks the argument count"),
            }
            (base, LoopKind::Range)
        } else {
            let it = self.temp()?;
            let v = self.expr(&f.iter, None)?;
            self.set_loc(f.iter.range());
            self.emit(Opcode::GetIter, it, v, 0)?;
            self.f().b.next_temp = it + 1;
            (it, LoopKind::Iter)
        };
        let item = match target_reg {
            Some(r) => r,
            None => self.temp()?,
        };
        self.f().b.temp_floor = self.fr().b.next_temp;
        self.set_loc(f.range);
        let exit = match kind {
            LoopKind::Range => vec![self.f().b.loop_branch(Opcode::ForPrep, head, item)?],
            LoopKind::Iter => vec![self.f().b.jump()?],
        };
        let body_start = self.f().b.here();
        if target_reg.is_none() {
            self.assign(&f.target, item)?;
        } else if let Expr::Name(n) = &*f.target {
            self.f().assigned.insert(n.id.to_string());
        }
        self.push_loop();
        self.block(&f.body)?;
        let ctx = self.f().loops.pop().unwrap_or_default();
        self.f().b.patch_here(&ctx.continue_jumps)?;
        self.set_loc(f.range);
        let back = match kind {
            LoopKind::Range if unit_step => self.f().b.loop_branch(Opcode::ForLoop1, head, item)?,
            LoopKind::Range => self.f().b.loop_branch(Opcode::ForLoop, head, item)?,
            LoopKind::Iter => {
                // The entry jump lands on the `foriter` test.
                self.f().b.patch_here(&exit)?;
                self.f().b.loop_branch(Opcode::ForIter, head, item)?
            }
        };
        self.f().b.patch(back, body_start)?;
        if kind == LoopKind::Range {
            self.f().b.patch_here(&exit)?;
        }
        self.f().b.temp_floor = saved_floor;
        self.f().b.next_temp = saved_floor.max(self.fr().b.next_temp.min(saved_floor));
        self.f().assigned = entry.clone();
        self.block(&f.orelse)?;
        self.f().b.patch_here(&ctx.break_jumps)?;
        self.f().assigned = entry;
        Ok(false)
    }

    /// `range(...)` with one to three positional arguments and the built-in `range`.
    fn range_call(&self, e: &'a Expr) -> Option<&'a [Expr]> {
        let Expr::Call(c) = e else { return None };
        let Expr::Name(n) = &*c.func else { return None };
        let args = &c.arguments.args;
        if n.id.as_str() == "range"
            && self.is_builtin("range")
            && c.arguments.keywords.is_empty()
            && (1..=3).contains(&args.len())
            && !args.iter().any(|a| matches!(a, Expr::Starred(_)))
        {
            Some(args)
        } else {
            None
        }
    }

    // ---- exceptions ----

    /// Runs the exit actions (restoring the handled exception, inlining
    /// finally bodies) of every enclosing try/except deeper than `down_to`,
    /// for a jump out of them (`return`, `break`, `continue`).
    fn run_exits(&mut self, down_to: usize) -> R<()> {
        let mut i = self.fr().finally.len();
        while i > down_to {
            i -= 1;
            match self.fr().finally[i] {
                ExitAction::PopExc(saved) => {
                    self.emit(Opcode::PopExc, saved, 0, 0)?;
                }
                ExitAction::Finally { body, depth } => {
                    // The inlined finally body is not covered by the handlers of the
                    // try statements being left, so pause them while it is emitted.
                    let rest: Vec<ExitAction<'a>> = self.f().finally.split_off(i);
                    self.pause_regions(depth);
                    let floor = self.fr().b.temp_floor;
                    self.f().b.temp_floor = self.fr().b.next_temp;
                    let result = self.block(body);
                    self.f().b.temp_floor = floor;
                    self.resume_regions(depth);
                    self.f().finally.extend(rest);
                    result?;
                }
            }
        }
        Ok(())
    }

    fn open_region(&mut self, depth: usize) -> usize {
        let here = self.f().b.here();
        let st = self.f();
        st.regions.push(Region {
            segments: Vec::new(),
            open: Some(here),
            depth,
            target: 0,
            finished: false,
        });
        st.regions.len() - 1
    }

    fn close_region(&mut self, id: usize) {
        let here = self.f().b.here();
        let st = self.f();
        if let Some(r) = st.regions.get_mut(id) {
            if let Some(start) = r.open.take() {
                r.segments.push((start, here));
            }
        }
    }

    fn pause_regions(&mut self, depth: usize) {
        let here = self.f().b.here();
        for r in self.f().regions.iter_mut() {
            if r.depth >= depth {
                if let Some(start) = r.open.take() {
                    r.segments.push((start, here));
                }
            }
        }
    }

    fn resume_regions(&mut self, depth: usize) {
        let here = self.f().b.here();
        for r in self.f().regions.iter_mut() {
            if r.depth >= depth && r.open.is_none() && !r.finished {
                r.open = Some(here);
            }
        }
    }

    /// Ends a region: a raise in its segments continues at `target`.
    fn finish_region(&mut self, id: usize, target: usize) {
        self.close_region(id);
        if let Some(r) = self.f().regions.get_mut(id) {
            r.target = target;
            r.finished = true;
        }
    }

    fn try_stmt(&mut self, t: &'a ast::StmtTry) -> R<Terminates> {
        if t.is_star {
            return Err(self.unsupported(t.range, "except* clauses"));
        }
        // Region depths: 2L for this try's finally, 2L+1 for its body and clauses,
        // so regions of nested try statements always sort inside.
        let level = self.fr().try_depth;
        self.f().try_depth += 1;
        let depth = 2 * level;
        let entry = self.fr().assigned.clone();
        let has_finally = !t.finalbody.is_empty();
        let mut ends = Vec::new();

        let finally_region = has_finally.then(|| self.open_region(depth));
        if has_finally {
            self.f().finally.push(ExitAction::Finally {
                body: &t.finalbody,
                depth,
            });
        }
        // --- try body ---
        let body_region = (!t.handlers.is_empty()).then(|| self.open_region(depth + 1));
        self.block(&t.body)?;
        if let Some(r) = body_region {
            self.close_region(r);
            self.f().regions[r].finished = true;
        }
        self.block(&t.orelse)?;
        let normal_state = self.fr().assigned.clone();
        if !t.handlers.is_empty() || has_finally {
            ends.push(self.f().b.jump()?);
        }
        // --- except clauses ---
        let mut states = vec![normal_state];
        if let Some(r) = body_region {
            let handler_start = self.f().b.here();
            self.f().regions[r].target = handler_start;
            self.f().assigned = entry.clone();
            self.set_loc(t.range);
            let exc = self.temp()?;
            let saved = self.temp()?;
            let floor = self.fr().b.temp_floor;
            self.f().b.temp_floor = self.fr().b.next_temp;
            self.emit(Opcode::GetExc, exc, 0, 0)?;
            self.emit(Opcode::PushExc, saved, 0, 0)?;
            let cleanup = self.open_region(depth + 1);
            self.f().finally.push(ExitAction::PopExc(saved));
            let mut next = Vec::new();
            for h in &t.handlers {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                self.f().b.patch_here(&next)?;
                next.clear();
                self.f().assigned = entry.clone();
                if let Some(ty) = &h.type_ {
                    self.set_loc(ty.range());
                    let cls = self.expr(ty, None)?;
                    let m = self.temp()?;
                    self.set_loc(h.range);
                    self.emit(Opcode::ExcMatch, m, exc, cls)?;
                    next.push(self.f().b.branch(Opcode::BrTrue, m as i64, 0, false)?);
                    self.f().b.next_temp = self.fr().b.temp_floor;
                }
                if let Some(name) = &h.name {
                    self.store_name(&name.id, name.range, exc)?;
                }
                let term = self.block(&h.body)?;
                if let Some(name) = &h.name {
                    // Python deletes the name bound by `except ... as name` after the clause.
                    self.set_loc(h.range);
                    let t = self.temp()?;
                    self.emit(Opcode::Unbind, t, 0, 0)?;
                    self.store_name(&name.id, name.range, t)?;
                    if self.is_local(&name.id) {
                        self.f().assigned.remove(name.id.as_str());
                    }
                    self.f().b.next_temp = self.fr().b.temp_floor;
                }
                if !term {
                    self.emit(Opcode::PopExc, saved, 0, 0)?;
                    ends.push(self.f().b.jump()?);
                    states.push(self.fr().assigned.clone());
                }
            }
            // No clause matched: restore the handled exception and re-raise.
            self.f().b.patch_here(&next)?;
            self.emit(Opcode::PopExc, saved, 0, 0)?;
            self.emit(Opcode::Reraise, exc, 0, 0)?;
            self.f().finally.pop();
            // An exception raised inside a clause: restore, then let it propagate.
            let cleanup_target = self.f().b.here();
            self.finish_region(cleanup, cleanup_target);
            let e2 = self.temp()?;
            self.emit(Opcode::GetExc, e2, 0, 0)?;
            self.emit(Opcode::PopExc, saved, 0, 0)?;
            self.emit(Opcode::Reraise, e2, 0, 0)?;
            self.f().b.temp_floor = floor;
        }
        // --- finally ---
        self.f().b.patch_here(&ends)?;
        let after = intersect_all(states.clone(), &entry);
        if has_finally {
            self.f().finally.pop();
            let fr = finally_region.unwrap_or(0);
            self.close_region(fr);
            self.f().regions[fr].finished = true;
            // Normal path: run the finally body and continue.
            self.f().assigned = after.clone();
            self.block(&t.finalbody)?;
            let skip = self.f().b.jump()?;
            // Exceptional path: run it with the exception handled, then re-raise.
            let target = self.f().b.here();
            self.f().regions[fr].target = target;
            self.f().assigned = entry.clone();
            self.set_loc(t.range);
            let exc = self.temp()?;
            let saved = self.temp()?;
            let floor = self.fr().b.temp_floor;
            self.f().b.temp_floor = self.fr().b.next_temp;
            self.emit(Opcode::GetExc, exc, 0, 0)?;
            self.emit(Opcode::PushExc, saved, 0, 0)?;
            let cleanup = self.open_region(depth);
            self.f().finally.push(ExitAction::PopExc(saved));
            self.block(&t.finalbody)?;
            self.f().finally.pop();
            self.emit(Opcode::PopExc, saved, 0, 0)?;
            self.emit(Opcode::Reraise, exc, 0, 0)?;
            let cleanup_target = self.f().b.here();
            self.finish_region(cleanup, cleanup_target);
            let e2 = self.temp()?;
            self.emit(Opcode::GetExc, e2, 0, 0)?;
            self.emit(Opcode::PopExc, saved, 0, 0)?;
            self.emit(Opcode::Reraise, e2, 0, 0)?;
            self.f().b.temp_floor = floor;
            self.f().b.patch_here(&[skip])?;
        }
        self.f().try_depth -= 1;
        self.f().assigned = after;
        Ok(false)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LoopKind {
    Range,
    Iter,
}

fn elements(e: &Expr) -> &[Expr] {
    match e {
        Expr::Tuple(t) => &t.elts,
        Expr::List(l) => &l.elts,
        _ => &[],
    }
}

/// The locals assigned on every path that reaches a join (all of `states`).
fn intersect_all(
    states: Vec<std::collections::HashSet<String>>,
    entry: &std::collections::HashSet<String>,
) -> std::collections::HashSet<String> {
    let mut it = states.into_iter();
    match it.next() {
        None => entry.clone(),
        Some(first) => it.fold(first, |acc, s| acc.intersection(&s).cloned().collect()),
    }
}

/// Whether a statement contains `:=` outside nested scopes.
fn contains_walrus(s: &Stmt) -> bool {
    let mut found = false;
    let mut visit = |e: &Expr| {
        if matches!(e, Expr::Named(_)) {
            found = true;
        }
    };
    walk_stmt_exprs(s, &mut visit);
    found
}

fn walk_stmt_exprs(s: &Stmt, f: &mut dyn FnMut(&Expr)) {
    use ruff_python_ast::visitor::{walk_expr, Visitor};
    struct V<'b> {
        f: &'b mut dyn FnMut(&Expr),
    }
    impl<'x> Visitor<'x> for V<'_> {
        fn visit_expr(&mut self, e: &'x Expr) {
            (self.f)(e);
            if !matches!(
                e,
                Expr::Lambda(_)
                    | Expr::ListComp(_)
                    | Expr::SetComp(_)
                    | Expr::DictComp(_)
                    | Expr::Generator(_)
            ) {
                walk_expr(self, e);
            }
        }
        fn visit_stmt(&mut self, s: &'x Stmt) {
            // Only this statement's own expressions, not nested blocks.
            match s {
                Stmt::Expr(e) => self.visit_expr(&e.value),
                Stmt::Assign(a) => {
                    self.visit_expr(&a.value);
                    a.targets.iter().for_each(|t| self.visit_expr(t));
                }
                Stmt::AugAssign(a) => {
                    self.visit_expr(&a.value);
                    self.visit_expr(&a.target);
                }
                Stmt::AnnAssign(a) => {
                    if let Some(v) = &a.value {
                        self.visit_expr(v);
                    }
                }
                Stmt::Return(r) => {
                    if let Some(v) = &r.value {
                        self.visit_expr(v);
                    }
                }
                Stmt::If(i) => self.visit_expr(&i.test),
                Stmt::While(w) => self.visit_expr(&w.test),
                Stmt::For(f) => self.visit_expr(&f.iter),
                Stmt::Raise(r) => {
                    if let Some(e) = &r.exc {
                        self.visit_expr(e);
                    }
                }
                Stmt::Assert(a) => self.visit_expr(&a.test),
                _ => {}
            }
        }
    }
    let mut v = V { f };
    v.visit_stmt(s);
}

/// A subscript that is an int literal small enough for the immediate operand
/// of `getindexi`/`setindexi`.
pub(super) fn small_index(e: &Expr) -> Option<usize> {
    match super::expr::literal(e) {
        Some(Constant::Int(i)) if (0..256).contains(&i) => Some(i as usize),
        _ => None,
    }
}
