//! Random programs: random opcodes with operands that are mostly in range for
//! the function they are in (registers inside the frame, constants of the
//! kind the opcode needs, jump targets inside the function, branches followed
//! by a `jmp`), so that most pass the verifier and run. A few instructions are
//! left entirely random, so the verifier's refusals are exercised too.

use crate::Rng;
use bytecode::{
    Capture, CaptureSource, Constant, Function, FunctionFlags, Handler, Language, Loc, Module,
};
use isa::{Flow, Format, Instr, Opcode, OperandKind};
use num_bigint::BigInt;

/// How big and how wild the programs are.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// At most this many functions (at least one).
    pub max_functions: usize,
    /// At most this many instructions per function (at least one).
    pub max_code: usize,
    /// Percentage of programs with one instruction that is a random word
    /// (most fail to verify).
    pub chaos_percent: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_functions: 4,
            max_code: 40,
            chaos_percent: 10,
        }
    }
}

/// Global names: built-ins of every kind, and names nothing defines.
const GLOBALS: &[&str] = &[
    "print",
    "len",
    "range",
    "str",
    "int",
    "float",
    "list",
    "tuple",
    "dict",
    "set",
    "sorted",
    "reversed",
    "enumerate",
    "zip",
    "min",
    "max",
    "sum",
    "abs",
    "repr",
    "hash",
    "isinstance",
    "iter",
    "next",
    "divmod",
    "pow",
    "chr",
    "ord",
    "ValueError",
    "TypeError",
    "Exception",
    "KeyError",
    "StopIteration",
    "x",
    "y",
    "counter",
];

/// Names for attributes, methods and modules.
const NAMES: &[&str] = &[
    "append",
    "pop",
    "insert",
    "extend",
    "sort",
    "upper",
    "join",
    "split",
    "strip",
    "replace",
    "get",
    "items",
    "keys",
    "values",
    "setdefault",
    "add",
    "sqrt",
    "pi",
    "floor",
    "math",
    "sys",
    "argv",
    "exit",
    "args",
    "start",
    "step",
    "stop",
    "nope",
    "__name__",
    "format",
    "count",
    "index",
    "x",
    "",
];

fn small_constant(rng: &mut Rng, depth: u32) -> Constant {
    match rng.below(if depth > 1 { 8 } else { 9 }) {
        0 => Constant::None,
        1 => Constant::Bool(rng.chance(50)),
        2 | 3 => Constant::Int(rng.range(-8, 8)),
        4 => Constant::Int(*rng.pick(&[
            i64::MIN,
            i64::MAX,
            i64::MIN + 1,
            1 << 31,
            -(1 << 31),
            255,
            65536,
            -1,
            0,
        ])),
        5 => Constant::int(BigInt::from(rng.range(1, 1000)) << (64 + rng.below(64))),
        6 => Constant::Float(*rng.pick(&[
            0.0,
            -0.0,
            1.5,
            -2.5,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e300,
            5e-324,
            1e16,
        ])),
        7 => {
            let name = *rng.pick(NAMES);
            Constant::Str((*rng.pick(&[name, "héllo", "a,b", "  x  ", "日本", "%d"])).to_string())
        }
        _ => Constant::Tuple(
            (0..rng.below(4))
                .map(|_| small_constant(rng, depth + 1))
                .collect(),
        ),
    }
}

/// The shape of one function, decided before any code is generated.
struct Shape {
    num_params: u8,
    num_kwonly: u8,
    flags: FunctionFlags,
    nregs: usize,
    len: usize,
    names: Vec<String>,
    captures: Vec<Capture>,
    constants: Vec<Constant>,
}

fn shape(rng: &mut Rng, index: usize, opts: &Options) -> Shape {
    let entry = index == 0;
    let (num_params, num_kwonly, varargs, varkw) = if entry {
        (0, 0, false, false)
    } else {
        (
            rng.below(3) as u8,
            if rng.chance(20) { 1 } else { 0 },
            rng.chance(20),
            rng.chance(15),
        )
    };
    let flags = FunctionFlags {
        varargs,
        varkw,
        generator: rng.below(4) == 0,
    };
    let args = num_params as usize + num_kwonly as usize + varargs as usize + varkw as usize;
    let mut nregs = *rng.pick(&[1, 2, 3, 4, 6, 8, 8, 12, 16, 16, 24, 32, 255, 256]);
    nregs = nregs.max(args + 1).min(256);
    let len = 1 + rng.below(opts.max_code.max(1));
    let mut names: Vec<String> = (0..args).map(|i| format!("p{i}")).collect();
    if rng.chance(30) && names.len() < nregs {
        names.push("local".into());
    }
    let captures = if entry {
        Vec::new()
    } else {
        (0..rng.below(3))
            .map(|i| Capture {
                source: if rng.chance(85) {
                    CaptureSource::Register(rng.below(4) as u8)
                } else {
                    CaptureSource::Upval(rng.below(2) as u8)
                },
                name: format!("c{i}"),
            })
            .collect()
    };
    let mut constants: Vec<Constant> = (0..rng.below(8)).map(|_| small_constant(rng, 0)).collect();
    // The kinds some opcodes need: a value, a string, a jump table.
    constants.push(small_constant(rng, 0));
    constants.push(Constant::Str(rng.pick(NAMES).to_string()));
    let targets = (0..1 + rng.below(4))
        .map(|_| rng.below(len) as u32)
        .collect();
    constants.push(Constant::Table(targets));
    // Shuffle so indexes are not predictable.
    for i in (1..constants.len()).rev() {
        let j = rng.below(i + 1);
        constants.swap(i, j);
    }
    Shape {
        num_params,
        num_kwonly,
        flags,
        nregs,
        len,
        names,
        captures,
        constants,
    }
}

/// Everything the operand generator needs to know.
struct Ctx<'a> {
    shapes: &'a [Shape],
    me: usize,
    globals: usize,
    pc: usize,
}

fn operand(
    rng: &mut Rng,
    cx: &Ctx,
    format: Format,
    field: usize,
    kind: OperandKind,
) -> Option<i64> {
    let me = &cx.shapes[cx.me];
    let pick_const = |rng: &mut Rng, ok: &dyn Fn(&Constant) -> bool| -> Option<i64> {
        let idx: Vec<usize> = (0..me.constants.len())
            .filter(|i| ok(&me.constants[*i]))
            .collect();
        (!idx.is_empty()).then(|| *rng.pick(&idx) as i64)
    };
    Some(match kind {
        OperandKind::Unused => 0,
        OperandKind::Reg | OperandKind::Dst => rng.below(me.nregs) as i64,
        OperandKind::Imm => {
            if rng.chance(85) {
                rng.below(4) as i64
            } else {
                rng.below(256) as i64
            }
        }
        OperandKind::SImm => match format {
            Format::AsBx if rng.chance(10) => rng.range(-32768, 32767),
            _ if rng.chance(80) => rng.range(-4, 8),
            _ => rng.range(-128, 127),
        },
        OperandKind::Flag => rng.below(2) as i64,
        OperandKind::Const => pick_const(rng, &|k| !matches!(k, Constant::Table(_)))?,
        OperandKind::Name => pick_const(rng, &|k| matches!(k, Constant::Str(_)))?,
        OperandKind::Table => pick_const(rng, &|k| matches!(k, Constant::Table(_)))?,
        OperandKind::Global => rng.below(cx.globals) as i64,
        OperandKind::Upval => {
            if me.captures.is_empty() {
                return None;
            }
            rng.below(me.captures.len()) as i64
        }
        OperandKind::Func => {
            // A function other than the entry whose captures this frame can supply.
            let ok: Vec<usize> = (1..cx.shapes.len())
                .filter(|f| {
                    cx.shapes[*f].captures.iter().all(|c| match c.source {
                        CaptureSource::Register(r) => (r as usize) < me.nregs,
                        CaptureSource::Upval(u) => (u as usize) < me.captures.len(),
                    })
                })
                .collect();
            if ok.is_empty() {
                return None;
            }
            *rng.pick(&ok) as i64
        }
        OperandKind::Exc => rng.below(isa::docs::EXCEPTIONS.len()) as i64,
        OperandKind::Jump => {
            let target = rng.below(me.len) as i64;
            let _ = field;
            target - (cx.pc as i64 + 1)
        }
    })
}

/// Whether the instruction's register window still lies in the frame.
fn bytecode_ok(ins: Instr, nregs: usize) -> bool {
    match ins.decode() {
        Ok((op, ops)) => {
            let [a, b, c] = ops.map(|v| v.max(0) as u32);
            op.span()
                .range(a, b, c)
                .is_none_or(|(_, hi)| (hi as usize) < nregs)
        }
        Err(_) => false,
    }
}

/// An instruction for `op` at the current position, if one fits the frame.
fn instruction(rng: &mut Rng, cx: &Ctx, op: Opcode) -> Option<Instr> {
    let me = &cx.shapes[cx.me];
    let kinds = op.operands();
    let mut ops = [0i64; 3];
    for (i, k) in kinds.iter().enumerate() {
        ops[i] = operand(rng, cx, op.format(), i, *k)?;
    }
    // Shrink register windows that leave the frame; give up if that fails.
    for attempt in 0..=8 {
        let [a, b, c] = ops.map(|v| v.max(0) as u32);
        match op.span().range(a, b, c) {
            Some((_, hi)) if hi as usize >= me.nregs => {
                if attempt == 8 {
                    return None;
                }
                for (i, k) in kinds.iter().enumerate() {
                    if matches!(k, OperandKind::Imm | OperandKind::Reg | OperandKind::Dst) {
                        ops[i] /= 2;
                    }
                }
            }
            _ => break,
        }
    }
    Instr::encode(op, ops).ok()
}

fn function(
    rng: &mut Rng,
    shapes: &[Shape],
    me: usize,
    globals: usize,
    opts: &Options,
) -> Function {
    let s = &shapes[me];
    let mut code: Vec<Instr> = Vec::with_capacity(s.len);
    let terminators = [
        Opcode::Return,
        Opcode::ReturnNone,
        Opcode::Raise,
        Opcode::Jmp,
    ];
    let chaos_at = rng.chance(opts.chaos_percent).then(|| rng.below(s.len));
    // A prologue gives the first registers values, so fewer programs stop at
    // their first instruction on an unset register.
    let first_free = s.names.len().min(s.nregs);
    for r in first_free..s.nregs.min(first_free + 6) {
        if code.len() + 1 >= s.len {
            break;
        }
        let values = [
            Opcode::LoadI,
            Opcode::LoadI,
            Opcode::LoadF,
            Opcode::LoadK,
            Opcode::LoadK,
            Opcode::NewList,
            Opcode::NewDict,
            Opcode::GetGlobal,
        ];
        let cx = Ctx {
            shapes,
            me,
            globals,
            pc: code.len(),
        };
        let op = *rng.pick(&values);
        if let Some(mut ins) = instruction(rng, &cx, op) {
            // Write register r.
            ins.0 = (ins.0 & !0xff00) | ((r as u32) << 8);
            if bytecode_ok(ins, s.nregs) {
                code.push(ins);
            }
        }
    }
    while code.len() < s.len {
        let pc = code.len();
        let cx = Ctx {
            shapes,
            me,
            globals,
            pc,
        };
        let last = pc + 1 == s.len;
        if !last && chaos_at == Some(pc) {
            // An arbitrary word: usually refused by the verifier.
            code.push(Instr(rng.next_u64() as u32));
            continue;
        }
        let mut chosen = None;
        for _ in 0..8 {
            let op = if last {
                *rng.pick(&terminators)
            } else {
                *rng.pick(Opcode::ALL)
            };
            // A branch needs a following `jmp` and an instruction after that.
            if op.flow() == Flow::Branch && pc + 3 > s.len {
                continue;
            }
            if let Some(i) = instruction(rng, &cx, op) {
                chosen = Some((op, i));
                break;
            }
        }
        let (op, ins) =
            chosen.unwrap_or((Opcode::ReturnNone, Instr::abc(Opcode::ReturnNone, 0, 0, 0)));
        code.push(ins);
        if op.flow() == Flow::Branch {
            let cx = Ctx { pc: pc + 1, ..cx };
            let j = instruction(rng, &cx, Opcode::Jmp)
                .unwrap_or(Instr::encode(Opcode::Jmp, [-1 - pc as i64, 0, 0]).unwrap_or(Instr(0)));
            code.push(j);
        }
    }
    let len = code.len();
    let mut handlers: Vec<Handler> = (0..rng.below(3))
        .map(|_| {
            let start = rng.below(len) as u32;
            let end = start + 1 + rng.below(len - start as usize) as u32;
            Handler {
                start,
                end,
                target: rng.below(len) as u32,
            }
        })
        .collect();
    if rng.chance(60) {
        // An outermost handler over the whole body keeps many programs going.
        handlers.push(Handler {
            start: 0,
            end: len as u32,
            target: rng.below(len) as u32,
        });
    }
    Function {
        name: if me == 0 {
            "main".into()
        } else {
            format!("f{me}_")
        },
        num_params: s.num_params,
        num_kwonly: s.num_kwonly,
        flags: s.flags,
        num_registers: s.nregs as u16,
        names: s.names.clone(),
        captures: s.captures.clone(),
        constants: s.constants.clone(),
        locs: (0..len)
            .map(|i| Loc {
                line: i as u32 + 1,
                col: 5,
            })
            .collect(),
        code,
        handlers,
    }
}

/// A random program for `seed`; the same seed always gives the same program.
pub fn random(seed: u64, opts: &Options) -> Module {
    let mut rng = Rng::new(seed);
    let nfuncs = 1 + rng.below(opts.max_functions.max(1));
    let mut globals: Vec<String> = Vec::new();
    for _ in 0..1 + rng.below(6) {
        let g = rng.pick(GLOBALS).to_string();
        if !globals.contains(&g) {
            globals.push(g);
        }
    }
    let shapes: Vec<Shape> = (0..nfuncs).map(|i| shape(&mut rng, i, opts)).collect();
    let functions = (0..nfuncs)
        .map(|i| function(&mut rng, &shapes, i, globals.len(), opts))
        .collect();
    Module {
        name: format!("random-{seed}"),
        language: *rng.pick(&[Language::Assembly, Language::Python, Language::Tutorial]),
        globals,
        functions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_random_programs_pass_the_verifier() {
        let opts = Options::default();
        let n = 500;
        let ok = (0..n)
            .filter(|s| bytecode::verifier::verify(random(*s, &opts)).is_ok())
            .count();
        // The generator is only useful if the interpreter sees most programs.
        assert!(ok * 100 >= n as usize * 70, "only {ok} of {n} verified");
    }

    #[test]
    fn the_same_seed_gives_the_same_program() {
        let opts = Options::default();
        assert_eq!(random(42, &opts), random(42, &opts));
        assert_ne!(random(42, &opts), random(43, &opts));
    }
}
