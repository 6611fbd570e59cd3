//! Code generation: the AST of a module to bytecode functions.
//!
//! Locals live in registers (parameters first), temporaries above them in a
//! stack discipline; cells hold variables shared with nested functions;
//! globals go through the module's global table. A forward "definitely
//! assigned" analysis runs along with code generation, so reading a local
//! costs an unbound check only where Python could raise UnboundLocalError.

mod builder;
mod expr;
mod stmt;

use crate::error::CompileError;
use crate::lines::LineIndex;
use crate::scope::{key, tag, Scope, ScopeKey, ScopeKind, Scopes, Symbol};
use builder::{FnBuilder, Reg};
use bytecode::{Capture, CaptureSource, Constant, Function, Language, Loc, Module};
use isa::Opcode;
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};
use std::collections::{HashMap, HashSet};

type R<T> = Result<T, CompileError>;

/// The built-in modules a program may import.
pub const MODULES: &[&str] = &["sys", "math", "process", "supervisor"];

/// Names CPython resolves (built-ins and module attributes such as
/// `__file__`) that Rhodium does not provide: reading one that the program
/// never binds is refused at compile time rather than failing with NameError.
pub const UNSUPPORTED_BUILTINS: &[&str] = &[
    "BaseExceptionGroup",
    "BlockingIOError",
    "BrokenPipeError",
    "BufferError",
    "BytesWarning",
    "ChildProcessError",
    "ConnectionAbortedError",
    "ConnectionError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "DeprecationWarning",
    "EOFError",
    "Ellipsis",
    "EncodingWarning",
    "EnvironmentError",
    "ExceptionGroup",
    "FileExistsError",
    "FileNotFoundError",
    "FloatingPointError",
    "FutureWarning",
    "IOError",
    "ImportWarning",
    "IndentationError",
    "InterruptedError",
    "IsADirectoryError",
    "NotADirectoryError",
    "NotImplemented",
    "PendingDeprecationWarning",
    "PermissionError",
    "ProcessLookupError",
    "ReferenceError",
    "ResourceWarning",
    "RuntimeWarning",
    "StopAsyncIteration",
    "SyntaxError",
    "SyntaxWarning",
    "SystemError",
    "TabError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeError",
    "UnicodeTranslateError",
    "UnicodeWarning",
    "UserWarning",
    "Warning",
    "__build_class__",
    "__builtins__",
    "__debug__",
    "__doc__",
    "__file__",
    "__import__",
    "__loader__",
    "__package__",
    "__spec__",
    "aiter",
    "anext",
    "ascii",
    "breakpoint",
    "bytearray",
    "bytes",
    "classmethod",
    "compile",
    "complex",
    "copyright",
    "credits",
    "delattr",
    "dir",
    "eval",
    "exec",
    "exit",
    "frozenset",
    "getattr",
    "globals",
    "hasattr",
    "help",
    "input",
    "issubclass",
    "license",
    "locals",
    "memoryview",
    "open",
    "property",
    "quit",
    "setattr",
    "slice",
    "staticmethod",
    "super",
    "vars",
];

/// A loop being compiled: where `continue` and `break` go.
#[derive(Debug, Default)]
struct LoopCtx {
    continue_jumps: Vec<usize>,
    break_jumps: Vec<usize>,
    /// How many `finally` blocks enclose the loop (so jumps out run the ones in between).
    finally_depth: usize,
}

/// Work a jump out of a `try` statement must do first (innermost last on the stack).
#[derive(Clone, Copy)]
enum ExitAction<'a> {
    /// Leaving an `except` clause or an exceptional `finally`: restore the handled exception.
    PopExc(Reg),
    /// Leaving a `try` with a `finally`: run its body (the try's region depth given).
    Finally { body: &'a [Stmt], depth: usize },
}

/// A range of code protected by an exception handler, in segments (inlined
/// `finally` bodies on exit paths are cut out of it).
#[derive(Debug)]
struct Region {
    segments: Vec<(usize, usize)>,
    open: Option<usize>,
    /// Nesting depth: deeper regions are searched first.
    depth: usize,
    target: usize,
    finished: bool,
}

/// Per-function compilation state.
struct FnState<'a> {
    b: FnBuilder,
    scope: &'a Scope,
    regs: HashMap<String, Reg>,
    upvals: HashMap<String, usize>,
    /// Locals definitely assigned at this point of the code.
    assigned: HashSet<String>,
    loops: Vec<LoopCtx>,
    finally: Vec<ExitAction<'a>>,
    regions: Vec<Region>,
    try_depth: usize,
    /// Copy locals into temporaries when reading them (the statement has `:=`).
    copy_locals: bool,
}

impl FnState<'_> {
    /// Finishes the function: the exception table, innermost regions first.
    fn finish(mut self) -> Function {
        let mut entries: Vec<(usize, bytecode::Handler)> = Vec::new();
        for r in &self.regions {
            for &(start, end) in &r.segments {
                if start < end {
                    entries.push((
                        r.depth,
                        bytecode::Handler {
                            start: start as u32,
                            end: end as u32,
                            target: r.target as u32,
                        },
                    ));
                }
            }
        }
        entries.sort_by_key(|e| std::cmp::Reverse(e.0));
        self.b.handlers = entries.into_iter().map(|(_, h)| h).collect();
        self.b.finish()
    }
}

/// The module compiler.
pub struct Compiler<'a> {
    scopes: &'a Scopes,
    lines: &'a LineIndex,
    file: String,
    globals: Vec<String>,
    functions: Vec<Option<Function>>,
    stack: Vec<FnState<'a>>,
    /// Interactive mode: module-level expression statements print their repr.
    interactive: bool,
}

/// Compiles a parsed module body. In `interactive` mode (the REPL), each
/// module-level expression statement prints the repr of its value unless it is None.
pub fn compile_module(
    body: &[Stmt],
    scopes: &Scopes,
    lines: &LineIndex,
    file: &str,
    interactive: bool,
) -> R<Module> {
    let mut c = Compiler {
        scopes,
        lines,
        file: file.to_string(),
        globals: Vec::new(),
        functions: vec![None],
        stack: Vec::new(),
        interactive,
    };

    let scope = scopes.module();
    c.stack.push(FnState {
        b: FnBuilder::new("<module>", Vec::new()),
        scope,
        regs: HashMap::new(),
        upvals: HashMap::new(),
        assigned: HashSet::new(),
        loops: Vec::new(),
        finally: Vec::new(),
        regions: Vec::new(),
        try_depth: 0,
        copy_locals: false,
    });
    if scopes.module_bound.contains("__name__") {
        // The program rebinds `__name__` somewhere: it starts out as a real global.
        let mark = c.fr().b.next_temp;
        let k = c.load_const(Constant::Str("__main__".into()), None)?;
        let g = c.global_index("__name__");
        c.f().b.emit(Opcode::SetGlobal, k as i64, g as i64, 0)?;
        c.f().b.next_temp = mark;
    }
    c.block(body)?;
    c.f().b.emit(Opcode::ReturnNone, 0, 0, 0)?;
    let state = c.stack.pop().expect("the module state is on the stack");
    c.functions[0] = Some(state.finish());
    let mut module = Module::new(c.file.clone(), Language::Python);
    module.globals = c.globals;
    module.functions = c
        .functions
        .into_iter()
        .map(|f| f.unwrap_or_default())
        .collect();
    Ok(module)
}

impl<'a> Compiler<'a> {
    fn f(&mut self) -> &mut FnState<'a> {
        self.stack.last_mut().expect("a function is being compiled")
    }

    fn fr(&self) -> &FnState<'a> {
        self.stack.last().expect("a function is being compiled")
    }

    fn span(&self, range: TextRange) -> diagnostics::Span {
        self.lines.span(range)
    }

    /// Records the source position for the instructions that follow.
    fn set_loc(&mut self, range: TextRange) {
        let (line, col) = self.lines.line_col(range.start());
        let span = self.lines.span(range);
        let st = self.f();
        st.b.loc = Loc { line, col };
        st.b.span = span;
    }

    fn unsupported(&self, range: TextRange, what: &str) -> CompileError {
        CompileError::unsupported(self.span(range), format!("{what} are not supported yet"))
    }

    fn global_index(&mut self, name: &str) -> usize {
        match self.globals.iter().position(|g| g == name) {
            Some(i) => i,
            None => {
                self.globals.push(name.to_string());
                self.globals.len() - 1
            }
        }
    }

    fn symbol(&self, name: &str) -> Symbol {
        self.fr().scope.symbol(name)
    }

    /// Whether `name` refers to the built-in of that name everywhere in this
    /// module (never bound at module level, declared global, or local here).
    fn is_builtin(&self, name: &str) -> bool {
        self.symbol(name) == Symbol::Global && !self.scopes.module_bound.contains(name)
    }

    fn temp(&mut self) -> R<Reg> {
        self.f().b.temp()
    }

    fn temps(&mut self, n: usize) -> R<Reg> {
        self.f().b.temps(n)
    }

    /// The destination to compute into: `dst`, or a new temporary.
    fn dest(&mut self, dst: Option<Reg>) -> R<Reg> {
        match dst {
            Some(d) => Ok(d),
            None => self.temp(),
        }
    }

    fn emit(&mut self, op: Opcode, a: usize, b: usize, c: usize) -> R<usize> {
        self.f().b.op(op, a, b, c)
    }

    fn load_const(&mut self, k: Constant, dst: Option<Reg>) -> R<Reg> {
        let d = self.dest(dst)?;
        match &k {
            Constant::None => {
                self.emit(Opcode::LoadNone, d, 0, 0)?;
            }
            Constant::Bool(b) => {
                self.emit(Opcode::LoadBool, d, *b as usize, 0)?;
            }
            Constant::Int(i) if (-32768..=32767).contains(i) => {
                self.f().b.emit(Opcode::LoadI, d as i64, *i, 0)?;
            }
            Constant::Float(f)
                if f.fract() == 0.0
                    && (-32768.0..=32767.0).contains(f)
                    && !(*f == 0.0 && f.is_sign_negative()) =>
            {
                self.f().b.emit(Opcode::LoadF, d as i64, *f as i64, 0)?;
            }
            _ => {
                let i = self.f().b.constant(k)?;
                self.f().b.emit(Opcode::LoadK, d as i64, i as i64, 0)?;
            }
        }
        Ok(d)
    }

    fn name_const(&mut self, name: &str) -> R<usize> {
        self.f().b.constant(Constant::Str(name.to_string()))
    }

    /// A string constant usable in an 8-bit operand (attribute and method names).
    fn small_name(&mut self, name: &str, range: TextRange) -> R<usize> {
        match self.f().b.small_constant(Constant::Str(name.to_string())) {
            Some(i) => Ok(i),
            None => Err(CompileError::limit(
                self.span(range),
                "more than 256 constants before this attribute name; split the function",
            )),
        }
    }

    // ---- names ----

    fn load_name(&mut self, name: &str, range: TextRange, dst: Option<Reg>) -> R<Reg> {
        match self.symbol(name) {
            Symbol::Local => {
                let reg = self.fr().regs[name];
                if !self.fr().assigned.contains(name) {
                    let k = self.name_const(name)?;
                    self.f().b.emit(Opcode::ChkBound, reg as i64, k as i64, 0)?;
                    // Once checked, the local stays bound until a `del` or a join.
                    self.f().assigned.insert(name.to_string());
                }
                match dst {
                    Some(d) => {
                        self.f().b.mov(d, reg)?;
                        Ok(d)
                    }
                    None if self.fr().copy_locals => {
                        let t = self.temp()?;
                        self.f().b.mov(t, reg)?;
                        Ok(t)
                    }
                    None => Ok(reg),
                }
            }
            Symbol::Cell => {
                let reg = self.fr().regs[name];
                let d = self.dest(dst)?;
                self.emit(Opcode::GetCell, d, reg, 0)?;
                Ok(d)
            }
            Symbol::Free => {
                let u = self.upval(name, range)?;
                let d = self.dest(dst)?;
                self.emit(Opcode::GetUpval, d, u, 0)?;
                Ok(d)
            }
            Symbol::Global => {
                if self.is_builtin(name) {
                    if name == "__name__" {
                        // Every program runs as the main module.
                        return self.load_const(Constant::Str("__main__".into()), dst);
                    }
                    // In the REPL an earlier input may have bound the name.
                    if !self.interactive && UNSUPPORTED_BUILTINS.contains(&name) {
                        return Err(CompileError::unsupported(
                            self.span(range),
                            format!("the built-in name '{name}' is not supported yet"),
                        ));
                    }
                }
                let g = self.global_index(name);
                let d = self.dest(dst)?;
                self.f().b.emit(Opcode::GetGlobal, d as i64, g as i64, 0)?;
                Ok(d)
            }
        }
    }

    fn upval(&self, name: &str, range: TextRange) -> R<usize> {
        self.fr().upvals.get(name).copied().ok_or_else(|| {
            CompileError::syntax(
                self.span(range),
                format!("no binding for free variable '{name}'"),
            )
        })
    }

    fn store_name(&mut self, name: &str, range: TextRange, src: Reg) -> R<()> {
        match self.symbol(name) {
            Symbol::Local => {
                let reg = self.fr().regs[name];
                self.f().b.mov(reg, src)?;
                self.f().assigned.insert(name.to_string());
            }
            Symbol::Cell => {
                let reg = self.fr().regs[name];
                self.emit(Opcode::SetCell, reg, src, 0)?;
            }
            Symbol::Free => {
                let u = self.upval(name, range)?;
                self.emit(Opcode::SetUpval, src, u, 0)?;
            }
            Symbol::Global => {
                let g = self.global_index(name);
                self.f()
                    .b
                    .emit(Opcode::SetGlobal, src as i64, g as i64, 0)?;
            }
        }
        Ok(())
    }

    /// The register a simple local name lives in, if it is one (for writing results directly).
    fn local_reg(&self, target: &Expr) -> Option<Reg> {
        match target {
            Expr::Name(n) if self.symbol(&n.id) == Symbol::Local => {
                self.fr().regs.get(n.id.as_str()).copied()
            }
            _ => None,
        }
    }

    /// The error for `keyword` (`return`, `yield`) used outside a function.
    fn require_function(&self, range: TextRange, keyword: &str) -> R<()> {
        if self.stack.len() == 1 {
            return Err(CompileError::syntax(
                self.span(range),
                format!("'{keyword}' outside function"),
            ));
        }
        Ok(())
    }

    /// The first register of `targets` when they are all plain locals in
    /// consecutive registers, in order (so one `unpack` can write them).
    fn consecutive_locals(&self, targets: &[Expr]) -> Option<Reg> {
        let first = self.local_reg(targets.first()?)?;
        targets
            .iter()
            .enumerate()
            .all(|(i, t)| self.local_reg(t) == Some(first + i))
            .then_some(first)
    }

    fn delete_name(&mut self, name: &str, range: TextRange) -> R<()> {
        match self.symbol(name) {
            Symbol::Local => {
                self.load_name(name, range, None)?;
                let reg = self.fr().regs[name];
                self.emit(Opcode::Unbind, reg, 0, 0)?;
                self.f().assigned.remove(name);
            }
            Symbol::Cell => {
                let t = self.load_name(name, range, None)?;
                self.emit(Opcode::Unbind, t, 0, 0)?;
                let reg = self.fr().regs[name];
                self.emit(Opcode::SetCell, reg, t, 0)?;
            }
            Symbol::Free => {
                let t = self.load_name(name, range, None)?;
                self.emit(Opcode::Unbind, t, 0, 0)?;
                let u = self.upval(name, range)?;
                self.emit(Opcode::SetUpval, t, u, 0)?;
            }
            Symbol::Global => {
                let g = self.global_index(name);
                self.f().b.emit(Opcode::DelGlobal, 0, g as i64, 0)?;
            }
        }
        Ok(())
    }

    // ---- functions ----

    /// Compiles a `def`, `lambda` or comprehension body into a new function
    /// and emits `closure` (plus defaults) into `dst`.
    fn function(
        &mut self,
        name: &str,
        scope_key: ScopeKey,
        params: Option<&'a ast::Parameters>,
        body: FnBody<'a>,
        range: TextRange,
        dst: Reg,
    ) -> R<()> {
        let Some(scope) = self.scopes.get(scope_key) else {
            return Err(CompileError::syntax(
                self.span(range),
                "internal error: scope not analyzed",
            ));
        };
        // Defaults are evaluated now, in the enclosing scope.
        let mut defaults = Vec::new();
        let mut kwdefaults = Vec::new();
        if let Some(p) = params {
            if !p.posonlyargs.is_empty() {
                // Positional-only parameters bind like positional ones (keywords are refused by name).
                return Err(
                    self.unsupported(p.posonlyargs[0].range, "positional-only parameters (/)")
                );
            }
            for a in p.args.iter() {
                if let Some(d) = &a.default {
                    defaults.push(&**d);
                }
            }
            for a in p.kwonlyargs.iter() {
                if let Some(d) = &a.default {
                    kwdefaults.push((a.parameter.name.id.as_str(), &**d));
                }
            }
        }
        let mark = self.fr().b.next_temp;
        let defaults_reg = if defaults.is_empty() {
            None
        } else {
            Some(self.tuple_of(&defaults, range)?)
        };
        let kwdefaults_reg = if kwdefaults.is_empty() {
            None
        } else {
            let base = self.temps(2 * kwdefaults.len())?;
            for (i, (n, d)) in kwdefaults.iter().enumerate() {
                self.load_const(Constant::Str(n.to_string()), Some(base + 2 * i))?;
                self.expr(d, Some(base + 2 * i + 1))?;
            }
            let t = self.temp()?;
            self.set_loc(range);
            self.emit(Opcode::NewDict, t, base, kwdefaults.len())?;
            Some(t)
        };

        let index = self.build_function(name, scope, params, body, range)?;
        self.set_loc(range);
        self.f()
            .b
            .emit(Opcode::Closure, dst as i64, index as i64, 0)?;
        if let Some(d) = defaults_reg {
            self.emit(Opcode::Defaults, dst, d, 0)?;
        }
        if let Some(d) = kwdefaults_reg {
            self.emit(Opcode::Defaults, dst, d, 1)?;
        }
        // The defaults' temporaries are dead; `dst` was allocated by the caller before them.
        self.f().b.next_temp = mark;
        Ok(())
    }

    /// Compiles a function body in its own builder; returns its function index.
    fn build_function(
        &mut self,
        name: &str,
        scope: &'a Scope,
        params: Option<&'a ast::Parameters>,
        body: FnBody<'a>,
        range: TextRange,
    ) -> R<usize> {
        if scope.locals.len() > 200 {
            return Err(CompileError::limit(
                self.span(range),
                format!("function `{name}` has more than 200 local variables"),
            ));
        }
        let mut b = FnBuilder::new(name, scope.locals.clone());
        if let Some(p) = params {
            b.num_params = p.args.len() as u8;
            b.num_kwonly = p.kwonlyargs.len() as u8;
            b.flags.varargs = p.vararg.is_some();
            b.flags.varkw = p.kwarg.is_some();
        } else if scope.kind == ScopeKind::Comprehension {
            b.num_params = 1;
        }
        b.flags.generator = scope.is_generator
            || matches!(&body, FnBody::Comprehension(c) if c.kind == CompKind::Generator);
        let regs: HashMap<String, Reg> = scope
            .locals
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i))
            .collect();
        let upvals: HashMap<String, usize> = scope
            .frees
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i))
            .collect();
        // Where the new function finds each captured cell in this (the creating) function.
        let mut captures = Vec::with_capacity(scope.frees.len());
        for n in &scope.frees {
            let source = match self.symbol(n) {
                Symbol::Cell => CaptureSource::Register(self.fr().regs[n.as_str()] as u8),
                Symbol::Free => CaptureSource::Upval(self.upval(n, range)? as u8),
                _ => {
                    return Err(CompileError::syntax(
                        self.span(range),
                        format!("internal error: free variable '{n}' has no enclosing binding"),
                    ))
                }
            };
            captures.push(Capture {
                source,
                name: n.clone(),
            });
        }
        b.captures = captures;
        let assigned: HashSet<String> = scope.params.iter().cloned().collect();
        self.stack.push(FnState {
            b,
            scope,
            regs,
            upvals,
            assigned,
            loops: Vec::new(),
            finally: Vec::new(),
            regions: Vec::new(),
            try_depth: 0,
            copy_locals: false,
        });
        self.set_loc(range);
        // Cells: wrap parameters in place, create empty cells for the other captured locals.
        for (i, n) in scope.locals.iter().enumerate() {
            if scope.symbol(n) == Symbol::Cell {
                self.emit(Opcode::MkCell, i, 0, 0)?;
            }
        }
        let result = match body {
            FnBody::Block(stmts) => self.block(stmts).and_then(|_| {
                self.f().b.emit(Opcode::ReturnNone, 0, 0, 0)?;
                Ok(())
            }),
            FnBody::Expr(e) => self.expr(e, None).and_then(|r| {
                self.emit(Opcode::Return, r, 0, 0)?;
                Ok(())
            }),
            FnBody::Comprehension(c) => self.comprehension_body(c),
        };
        let state = self
            .stack
            .pop()
            .expect("the function state is on the stack");
        result?;
        self.functions.push(Some(state.finish()));
        Ok(self.functions.len() - 1)
    }

    /// Compiles values into consecutive registers and makes a tuple of them.
    fn tuple_of(&mut self, items: &[&'a Expr], range: TextRange) -> R<Reg> {
        if items.len() > 255 {
            return Err(CompileError::limit(
                self.span(range),
                "more than 255 items in one tuple",
            ));
        }
        let base = self.temps(items.len())?;
        for (i, e) in items.iter().enumerate() {
            self.expr(e, Some(base + i))?;
        }
        let t = self.temp()?;
        self.set_loc(range);
        self.emit(Opcode::NewTuple, t, base, items.len())?;
        Ok(t)
    }
}

/// What a new function's body is.
enum FnBody<'a> {
    /// Statements (`def`).
    Block(&'a [Stmt]),
    /// One expression whose value is returned (`lambda`).
    Expr(&'a Expr),
    /// A comprehension.
    Comprehension(Comprehension<'a>),
}

/// The parts of a list, set or dict comprehension.
#[derive(Clone, Copy)]
struct Comprehension<'a> {
    kind: CompKind,
    elt: &'a Expr,
    value: Option<&'a Expr>,
    generators: &'a [ast::Comprehension],
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CompKind {
    List,
    Set,
    Dict,
    /// A generator expression: a generator function yielding each element.
    Generator,
}

/// The key of a scope-creating expression node.
fn comp_key(range: TextRange) -> ScopeKey {
    key(tag::COMP, range)
}

/// The key of a `def`.
fn def_key(f: &ast::StmtFunctionDef) -> ScopeKey {
    key(tag::DEF, f.range())
}

/// The key of a `lambda`.
fn lambda_key(l: &ast::ExprLambda) -> ScopeKey {
    key(tag::LAMBDA, l.range)
}
