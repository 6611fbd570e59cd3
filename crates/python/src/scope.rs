//! Scope analysis (a symbol table): decides for every name in every scope
//! whether it is a local register, a cell shared with nested functions, a
//! free variable captured from an enclosing function, or a module global,
//! following Python's rules.

use crate::error::CompileError;
use crate::lines::LineIndex;
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::TextRange;
use std::collections::{HashMap, HashSet};

/// How a name is stored in a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symbol {
    /// A plain local in a register.
    Local,
    /// A local captured by a nested function: its register holds a cell.
    Cell,
    /// A variable of an enclosing function: a captured cell (upvalue).
    Free,
    /// A module global.
    Global,
}

/// What kind of code a scope holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// The module body.
    Module,
    /// A `def` or `lambda`.
    Function,
    /// A comprehension or generator expression (its own function in Python 3).
    Comprehension,
}

/// Identifies a scope-creating node: its kind tag and source range.
pub type ScopeKey = (u8, u32, u32);

/// The key of a scope-creating node.
pub fn key(tag: u8, range: TextRange) -> ScopeKey {
    (tag, range.start().to_u32(), range.end().to_u32())
}

/// Tags used in [`ScopeKey`].
pub mod tag {
    /// `def`
    pub const DEF: u8 = 0;
    /// `lambda`
    pub const LAMBDA: u8 = 1;
    /// Any comprehension or generator expression.
    pub const COMP: u8 = 2;
}

/// One scope's resolved names.
#[derive(Debug, Clone)]
pub struct Scope {
    /// What it is.
    pub kind: ScopeKind,
    /// The parameters, in register order (positional, keyword-only, *args, **kwargs).
    pub params: Vec<String>,
    /// Every local name (parameters first), in the order registers are assigned.
    pub locals: Vec<String>,
    /// How each name used or bound here is stored.
    pub symbols: HashMap<String, Symbol>,
    /// Free variables in capture order.
    pub frees: Vec<String>,
    /// Names that appear in `del` statements (they may become unbound again).
    pub deleted: HashSet<String>,
    /// Whether the scope contains `yield` (a generator).
    pub is_generator: bool,
}

impl Scope {
    /// How a name is stored (names never seen resolve as globals).
    pub fn symbol(&self, name: &str) -> Symbol {
        self.symbols.get(name).copied().unwrap_or(Symbol::Global)
    }
}

#[derive(Debug, Default)]
struct RawScope {
    kind: Option<ScopeKind>,
    params: Vec<String>,
    bound: Vec<String>,
    bound_set: HashSet<String>,
    used: HashSet<String>,
    globals: HashMap<String, TextRange>,
    nonlocals: HashMap<String, TextRange>,
    /// First use or binding of each name, to check `global` comes first.
    first_seen: HashMap<String, (TextRange, bool)>,
    deleted: HashSet<String>,
    children: Vec<usize>,
    key: Option<ScopeKey>,
    is_generator: bool,
    /// A comprehension's iteration variables (`:=` may not rebind them).
    iter_vars: HashSet<String>,
    /// What a comprehension is called in errors ("list comprehension").
    comp_name: &'static str,
}

/// The scopes of a module, addressable by the node that creates them.
#[derive(Debug)]
pub struct Scopes {
    scopes: Vec<Scope>,
    by_key: HashMap<ScopeKey, usize>,
    /// Names bound at module level or declared `global` anywhere: built-ins by
    /// these names may be shadowed, so they are never specialized.
    pub module_bound: HashSet<String>,
}

impl Scopes {
    /// The module scope.
    pub fn module(&self) -> &Scope {
        &self.scopes[0]
    }
    /// The scope created by a node.
    pub fn get(&self, key: ScopeKey) -> Option<&Scope> {
        self.by_key.get(&key).map(|i| &self.scopes[*i])
    }
}

struct Builder<'a> {
    raw: Vec<RawScope>,
    current: usize,
    lines: &'a LineIndex,
    errors: Vec<CompileError>,
    /// How many comprehension iterable expressions enclose the current node
    /// (`:=` is not allowed in them).
    comp_iter_depth: usize,
}

/// Analyzes a module's scopes.
pub fn analyze(body: &[Stmt], lines: &LineIndex) -> Result<Scopes, CompileError> {
    let mut b = Builder {
        raw: vec![RawScope {
            kind: Some(ScopeKind::Module),
            ..Default::default()
        }],
        current: 0,
        lines,
        errors: Vec::new(),
        comp_iter_depth: 0,
    };
    for s in body {
        b.stmt(s);
    }
    if let Some(e) = b.errors.into_iter().next() {
        return Err(e);
    }
    let mut module_bound: HashSet<String> = b.raw[0].bound_set.clone();
    for r in &b.raw {
        module_bound.extend(r.globals.keys().cloned());
    }
    let mut scopes: Vec<Option<Scope>> = (0..b.raw.len()).map(|_| None).collect();
    let mut by_key = HashMap::new();
    resolve(&b.raw, 0, &HashSet::new(), &mut scopes, lines)?;
    for (i, r) in b.raw.iter().enumerate() {
        if let Some(k) = r.key {
            by_key.insert(k, i);
        }
    }
    Ok(Scopes {
        scopes: scopes
            .into_iter()
            .map(|s| s.expect("every scope is resolved"))
            .collect(),
        by_key,
        module_bound,
    })
}

/// Resolves scope `i` given the names bound by enclosing function scopes;
/// returns the scope's free variables (what it needs from its parent).
fn resolve(
    raw: &[RawScope],
    i: usize,
    enclosing: &HashSet<String>,
    out: &mut Vec<Option<Scope>>,
    lines: &LineIndex,
) -> Result<Vec<String>, CompileError> {
    let r = &raw[i];
    let kind = r.kind.unwrap_or(ScopeKind::Function);
    let mut symbols: HashMap<String, Symbol> = HashMap::new();
    let mut frees: Vec<String> = Vec::new();
    let mut locals: Vec<String> = r.params.clone();
    for n in &r.bound {
        if !locals.contains(n) && !r.globals.contains_key(n) && !r.nonlocals.contains_key(n) {
            locals.push(n.clone());
        }
    }
    for (n, range) in &r.nonlocals {
        if kind == ScopeKind::Module {
            return Err(CompileError::syntax(
                lines.span(*range),
                "nonlocal declaration not allowed at module level",
            ));
        }
        if !enclosing.contains(n) {
            return Err(CompileError::syntax(
                lines.span(*range),
                format!("no binding for nonlocal '{n}' found"),
            ));
        }
    }
    let mut names: Vec<&String> = r
        .used
        .iter()
        .chain(r.bound.iter())
        .chain(r.nonlocals.keys())
        .chain(r.params.iter())
        .collect();

    names.sort();
    names.dedup();
    for n in names {
        let sym = if kind == ScopeKind::Module || r.globals.contains_key(n) {
            Symbol::Global
        } else if r.nonlocals.contains_key(n) {
            Symbol::Free
        } else if locals.contains(n) {
            Symbol::Local
        } else if enclosing.contains(n) {
            Symbol::Free
        } else {
            Symbol::Global
        };
        if sym == Symbol::Free && !frees.contains(n) {
            frees.push(n.clone());
        }
        symbols.insert(n.clone(), sym);
    }
    // Children see this scope's locals and frees (module names are globals, not captured).
    let mut inner: HashSet<String> = enclosing.clone();
    if kind != ScopeKind::Module {
        for n in &locals {
            inner.insert(n.clone());
        }
        for n in r.globals.keys() {
            inner.remove(n);
        }
    }
    for &c in &r.children {
        let child_frees = resolve(raw, c, &inner, out, lines)?;
        for n in child_frees {
            match symbols.get(&n) {
                Some(Symbol::Local) | Some(Symbol::Cell) => {
                    symbols.insert(n, Symbol::Cell);
                }
                Some(Symbol::Free) => {}
                Some(Symbol::Global) => {}
                None => {
                    // Passed through from an enclosing function to a nested one.
                    symbols.insert(n.clone(), Symbol::Free);
                    if !frees.contains(&n) {
                        frees.push(n);
                    }
                }
            }
        }
    }
    out[i] = Some(Scope {
        kind,
        params: r.params.clone(),
        locals,
        symbols,
        frees: frees.clone(),
        deleted: r.deleted.clone(),
        is_generator: r.is_generator,
    });
    Ok(frees)
}

/// The names an assignment target binds.
fn target_names(t: &Expr, out: &mut Vec<String>) {
    match t {
        Expr::Name(n) => out.push(n.id.to_string()),
        Expr::Tuple(t) => t.elts.iter().for_each(|e| target_names(e, out)),
        Expr::List(l) => l.elts.iter().for_each(|e| target_names(e, out)),
        Expr::Starred(s) => target_names(&s.value, out),
        _ => {}
    }
}

impl Builder<'_> {
    fn scope(&mut self) -> &mut RawScope {
        &mut self.raw[self.current]
    }

    fn note_first(&mut self, name: &str, range: TextRange, bound: bool) {
        self.scope()
            .first_seen
            .entry(name.to_string())
            .or_insert((range, bound));
    }

    fn bind(&mut self, name: &str, range: TextRange) {
        self.note_first(name, range, true);
        let s = self.scope();
        if s.bound_set.insert(name.to_string()) {
            s.bound.push(name.to_string());
        }
    }

    fn use_name(&mut self, name: &str, range: TextRange) {
        self.note_first(name, range, false);
        self.scope().used.insert(name.to_string());
    }

    fn declare(&mut self, name: &str, range: TextRange, global: bool) {
        let lines = self.lines;
        if let Some((first, bound)) = self.scope().first_seen.get(name).copied() {
            let _ = first;
            let what = if bound {
                "is assigned to before"
            } else {
                "is used prior to"
            };
            let kind = if global { "global" } else { "nonlocal" };
            self.errors.push(CompileError::syntax(
                lines.span(range),
                format!("name '{name}' {what} {kind} declaration"),
            ));
            return;
        }
        let other = if global {
            &self.scope().nonlocals
        } else {
            &self.scope().globals
        };
        if other.contains_key(name) {
            self.errors.push(CompileError::syntax(
                lines.span(range),
                format!("name '{name}' is nonlocal and global"),
            ));
            return;
        }
        if self.scope().params.iter().any(|p| p == name) {
            let kind = if global { "global" } else { "nonlocal" };
            self.errors.push(CompileError::syntax(
                lines.span(range),
                format!("name '{name}' is parameter and {kind}"),
            ));
            return;
        }
        if global {
            self.scope().globals.insert(name.to_string(), range);
        } else {
            self.scope().nonlocals.insert(name.to_string(), range);
        }
    }

    fn push_scope(&mut self, kind: ScopeKind, key: ScopeKey) -> usize {
        let idx = self.raw.len();
        self.raw.push(RawScope {
            kind: Some(kind),
            key: Some(key),
            ..Default::default()
        });
        let cur = self.current;
        self.raw[cur].children.push(idx);
        let prev = self.current;
        self.current = idx;
        prev
    }

    /// `yield` in a comprehension is a SyntaxError (its own scope is not a generator).
    fn yield_allowed(&mut self, range: TextRange) {
        if self.scope().kind == Some(ScopeKind::Comprehension) {
            let what = self.scope().comp_name;
            self.errors.push(CompileError::syntax(
                self.lines.span(range),
                format!("'yield' inside {what}"),
            ));
        }
    }

    fn params(&mut self, p: &ast::Parameters) {
        // Defaults are evaluated in the enclosing scope (the caller handles them).
        let mut names: Vec<String> = Vec::new();
        let all = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .chain(p.kwonlyargs.iter())
            .map(|a| &a.parameter.name)
            .chain(p.vararg.iter().map(|v| &v.name))
            .chain(p.kwarg.iter().map(|k| &k.name));
        for name in all {
            if names.iter().any(|n| n == name.id.as_str()) {
                self.errors.push(CompileError::syntax(
                    self.lines.span(name.range),
                    format!("duplicate argument '{}' in function definition", name.id),
                ));
            }
            names.push(name.id.to_string());
        }
        for n in &names {
            let s = self.scope();
            s.bound_set.insert(n.clone());
        }
        self.scope().params = names;
    }

    fn defaults(&mut self, p: &ast::Parameters) {
        for a in p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .chain(p.kwonlyargs.iter())
        {
            if let Some(d) = &a.default {
                self.expr(d);
            }
        }
    }

    fn body(&mut self, body: &[Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn target(&mut self, t: &Expr) {
        match t {
            Expr::Name(n) => self.bind(&n.id, n.range),
            Expr::Tuple(t) => t.elts.iter().for_each(|e| self.target(e)),
            Expr::List(l) => l.elts.iter().for_each(|e| self.target(e)),
            Expr::Starred(s) => self.target(&s.value),
            other => self.expr(other),
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.expr(&d.expression);
                }
                self.defaults(&f.parameters);
                self.bind(&f.name.id, f.name.range);
                let prev = self.push_scope(ScopeKind::Function, key(tag::DEF, f.range));
                self.params(&f.parameters);
                self.body(&f.body);
                self.current = prev;
            }
            Stmt::ClassDef(c) => {
                // Refused by the code generator; bind the name so analysis stays sound.
                self.bind(&c.name.id, c.name.range);
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.expr(v);
                }
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    if let Expr::Name(n) = t {
                        self.bind(&n.id, n.range);
                        self.scope().deleted.insert(n.id.to_string());
                    } else {
                        self.target(t);
                    }
                }
            }
            Stmt::Assign(a) => {
                self.expr(&a.value);
                for t in &a.targets {
                    self.target(t);
                }
            }
            Stmt::AugAssign(a) => {
                self.expr(&a.value);
                if let Expr::Name(n) = &*a.target {
                    self.use_name(&n.id, n.range);
                    self.bind(&n.id, n.range);
                } else {
                    self.target(&a.target);
                }
            }
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v);
                    self.target(&a.target);
                } else if let Expr::Name(n) = &*a.target {
                    // `x: int` alone makes x local without binding it.
                    let s = self.scope();
                    if s.bound_set.insert(n.id.to_string()) {
                        s.bound.push(n.id.to_string());
                    }
                }
            }
            Stmt::For(f) => {
                self.expr(&f.iter);
                self.target(&f.target);
                self.body(&f.body);
                self.body(&f.orelse);
            }
            Stmt::While(w) => {
                self.expr(&w.test);
                self.body(&w.body);
                self.body(&w.orelse);
            }
            Stmt::If(i) => {
                self.expr(&i.test);
                self.body(&i.body);
                for c in &i.elif_else_clauses {
                    if let Some(t) = &c.test {
                        self.expr(t);
                    }
                    self.body(&c.body);
                }
            }
            Stmt::With(w) => {
                for item in &w.items {
                    self.expr(&item.context_expr);
                    if let Some(v) = &item.optional_vars {
                        self.target(v);
                    }
                }
                self.body(&w.body);
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.expr(e);
                }
                if let Some(c) = &r.cause {
                    self.expr(c);
                }
            }
            Stmt::Try(t) => {
                self.body(&t.body);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(ty) = &h.type_ {
                        self.expr(ty);
                    }
                    if let Some(n) = &h.name {
                        self.bind(&n.id, n.range);
                        self.scope().deleted.insert(n.id.to_string());
                    }
                    self.body(&h.body);
                }
                self.body(&t.orelse);
                self.body(&t.finalbody);
            }
            Stmt::Assert(a) => {
                self.expr(&a.test);
                if let Some(m) = &a.msg {
                    self.expr(m);
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let bound = match &a.asname {
                        Some(n) => n.id.to_string(),
                        None => a.name.id.split('.').next().unwrap_or("").to_string(),
                    };
                    self.bind(&bound, a.range);
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    let bound = a.asname.as_ref().unwrap_or(&a.name);
                    if bound.id.as_str() != "*" {
                        self.bind(&bound.id, a.range);
                    }
                }
            }
            Stmt::Global(g) => {
                for n in &g.names {
                    self.declare(&n.id, n.range, true);
                }
            }
            Stmt::Nonlocal(g) => {
                for n in &g.names {
                    self.declare(&n.id, n.range, false);
                }
            }
            Stmt::Expr(e) => self.expr(&e.value),
            Stmt::Match(m) => {
                self.expr(&m.subject);
            }
            Stmt::Pass(_)
            | Stmt::Break(_)
            | Stmt::Continue(_)
            | Stmt::TypeAlias(_)
            | Stmt::IpyEscapeCommand(_) => {}
        }
    }

    fn comprehension(
        &mut self,
        name: &'static str,
        range: TextRange,
        generators: &[ast::Comprehension],
        elts: &[&Expr],
    ) {
        // The first iterable is evaluated in the enclosing scope.
        if let Some(first) = generators.first() {
            self.comp_iter_depth += 1;
            self.expr(&first.iter);
            self.comp_iter_depth -= 1;
        }
        let prev = self.push_scope(ScopeKind::Comprehension, key(tag::COMP, range));
        self.scope().comp_name = name;
        // The comprehension's hidden argument: the first iterator.
        self.scope().params = vec![".0".to_string()];
        self.scope().bound_set.insert(".0".to_string());
        for (i, g) in generators.iter().enumerate() {
            if i > 0 {
                self.comp_iter_depth += 1;
                self.expr(&g.iter);
                self.comp_iter_depth -= 1;
            }
            self.target(&g.target);
            let mut names = Vec::new();
            target_names(&g.target, &mut names);
            self.scope().iter_vars.extend(names);
            for cond in &g.ifs {
                self.expr(cond);
            }
        }
        for e in elts {
            self.expr(e);
        }
        self.current = prev;
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Name(n) => self.use_name(&n.id, n.range),
            Expr::BoolOp(b) => b.values.iter().for_each(|v| self.expr(v)),
            Expr::Named(n) => {
                self.expr(&n.value);
                if self.comp_iter_depth > 0 {
                    self.errors.push(CompileError::syntax(
                        self.lines.span(n.range),
                        "assignment expression cannot be used in a comprehension iterable expression",
                    ));
                    return;
                }
                // In a comprehension, `:=` binds in the enclosing function.
                if let Expr::Name(t) = &*n.target {
                    let mut at = self.current;
                    while self.raw[at].kind == Some(ScopeKind::Comprehension) {
                        if self.raw[at].iter_vars.contains(t.id.as_str()) {
                            self.errors.push(CompileError::syntax(
                                self.lines.span(n.range),
                                format!(
                                    "assignment expression cannot rebind comprehension iteration variable '{}'",
                                    t.id
                                ),
                            ));
                            return;
                        }
                        let parent = self
                            .raw
                            .iter()
                            .position(|r| r.children.contains(&at))
                            .unwrap_or(0);
                        at = parent;
                    }
                    if at != self.current {
                        let name = t.id.to_string();
                        let scope = &mut self.raw[at];
                        if scope.bound_set.insert(name.clone()) {
                            scope.bound.push(name.clone());
                        }
                        let cur = self.current;
                        if self.raw[at].kind != Some(ScopeKind::Module) {
                            self.raw[cur].nonlocals.insert(name, t.range);
                        } else {
                            self.raw[cur].globals.insert(name, t.range);
                        }
                        self.use_name(&t.id, t.range);
                    } else {
                        self.bind(&t.id, t.range);
                    }
                }
            }
            Expr::BinOp(b) => {
                self.expr(&b.left);
                self.expr(&b.right);
            }
            Expr::UnaryOp(u) => self.expr(&u.operand),
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.defaults(p);
                }
                let prev = self.push_scope(ScopeKind::Function, key(tag::LAMBDA, l.range));
                if let Some(p) = &l.parameters {
                    self.params(p);
                }
                self.expr(&l.body);
                self.current = prev;
            }
            Expr::If(i) => {
                self.expr(&i.test);
                self.expr(&i.body);
                self.expr(&i.orelse);
            }
            Expr::Dict(d) => {
                for item in &d.items {
                    if let Some(k) = &item.key {
                        self.expr(k);
                    }
                    self.expr(&item.value);
                }
            }
            Expr::Set(s) => s.elts.iter().for_each(|v| self.expr(v)),
            Expr::ListComp(c) => {
                self.comprehension("list comprehension", c.range, &c.generators, &[&c.elt])
            }
            Expr::SetComp(c) => {
                self.comprehension("set comprehension", c.range, &c.generators, &[&c.elt])
            }
            Expr::DictComp(c) => {
                let mut elts: Vec<&Expr> = vec![&c.value];
                if let Some(k) = &c.key {
                    elts.insert(0, k);
                }
                self.comprehension("dict comprehension", c.range, &c.generators, &elts)
            }
            Expr::Generator(g) => {
                self.comprehension("generator expression", g.range, &g.generators, &[&g.elt])
            }
            Expr::Await(a) => self.expr(&a.value),
            Expr::Yield(y) => {
                self.yield_allowed(y.range);
                self.scope().is_generator = true;
                if let Some(v) = &y.value {
                    self.expr(v);
                }
            }
            Expr::YieldFrom(y) => {
                self.yield_allowed(y.range);
                self.scope().is_generator = true;
                self.expr(&y.value);
            }
            Expr::Compare(c) => {
                self.expr(&c.left);
                c.comparators.iter().for_each(|v| self.expr(v));
            }
            Expr::Call(c) => {
                self.expr(&c.func);
                c.arguments.args.iter().for_each(|a| self.expr(a));
                c.arguments
                    .keywords
                    .iter()
                    .for_each(|k| self.expr(&k.value));
            }
            Expr::FString(f) => {
                for part in f.value.iter() {
                    if let ast::FStringPart::FString(fs) = part {
                        self.interpolations(&fs.elements);
                    }
                }
            }
            Expr::Attribute(a) => self.expr(&a.value),
            Expr::Subscript(s) => {
                self.expr(&s.value);
                self.expr(&s.slice);
            }
            Expr::Starred(s) => self.expr(&s.value),
            Expr::List(l) => l.elts.iter().for_each(|v| self.expr(v)),
            Expr::Tuple(t) => t.elts.iter().for_each(|v| self.expr(v)),
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.expr(part);
                }
            }
            Expr::TString(_)
            | Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
            | Expr::IpyEscapeCommand(_) => {}
        }
    }

    fn interpolations(&mut self, elements: &ast::InterpolatedStringElements) {
        for el in elements.iter() {
            if let ast::InterpolatedStringElement::Interpolation(i) = el {
                self.expr(&i.expression);
                if let Some(spec) = &i.format_spec {
                    self.interpolations(&spec.elements);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scopes(src: &str) -> Scopes {
        let parsed = ruff_python_parser::parse_module(src).expect("parses");
        let lines = LineIndex::new(src);
        analyze(&parsed.syntax().body, &lines).expect("analyzes")
    }

    fn def_scope<'a>(s: &'a Scopes, src: &str, name: &str) -> &'a Scope {
        let parsed = ruff_python_parser::parse_module(src).expect("parses");
        fn find(body: &[Stmt], name: &str) -> Option<TextRange> {
            for st in body {
                if let Stmt::FunctionDef(f) = st {
                    if f.name.id.as_str() == name {
                        return Some(f.range);
                    }
                    if let Some(r) = find(&f.body, name) {
                        return Some(r);
                    }
                }
            }
            None
        }
        let range = find(&parsed.syntax().body, name).expect("function exists");
        s.get(key(tag::DEF, range)).expect("scope exists")
    }

    #[test]
    fn closures_make_cells_and_frees() {
        let src = "def outer():\n    x = 1\n    def mid():\n        def inner():\n            return x\n        return inner\n    return mid\n";
        let s = scopes(src);
        assert_eq!(def_scope(&s, src, "outer").symbol("x"), Symbol::Cell);
        assert_eq!(def_scope(&s, src, "mid").symbol("x"), Symbol::Free);
        assert_eq!(def_scope(&s, src, "inner").symbol("x"), Symbol::Free);
    }

    #[test]
    fn assignment_makes_locals_and_global_declarations_win() {
        let src = "y = 0\ndef f(a):\n    global y\n    y = a\n    z = a\n    return len(z)\n";
        let s = scopes(src);
        let f = def_scope(&s, src, "f");
        assert_eq!(f.symbol("y"), Symbol::Global);
        assert_eq!(f.symbol("z"), Symbol::Local);
        assert_eq!(f.symbol("a"), Symbol::Local);
        assert_eq!(f.symbol("len"), Symbol::Global);
        assert!(s.module_bound.contains("y"));
    }

    #[test]
    fn global_after_use_is_an_error() {
        let src = "def f():\n    print(x)\n    global x\n";
        let parsed = ruff_python_parser::parse_module(src).expect("parses");
        let lines = LineIndex::new(src);
        let e = analyze(&parsed.syntax().body, &lines).unwrap_err();
        assert_eq!(e.message, "name 'x' is used prior to global declaration");
    }
}
