//! Tutorial programs compiled and run on the VM: the meaning of each
//! instruction, the traps and their messages, and the examples.

use bytecode::verifier;
use iasm::{compile, compile_typed, ErrorKind, Op};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use vm::{Config, Outcome, RunError, SharedCapture, Value, Vm};

/// How a run ended.
#[derive(Debug)]
enum End {
    /// HLT or the end of the code: the integer and float registers.
    Halted(Vec<i64>, Vec<f64>),
    /// A trap, rendered as the CLI renders it.
    Trap(String),
    OutOfFuel,
}

struct Ran {
    stdout: String,
    end: End,
}

fn run_with_fuel(src: &str, fuel: u64) -> Ran {
    let module = compile(src, "t.iasm").unwrap_or_else(|e| panic!("does not compile: {e:?}"));
    let module = verifier::verify(module).expect("compiled modules verify");
    let host = SharedCapture::default();
    let mut machine = Vm::new(Box::new(host.clone()), Config::default());
    let unit = machine.load(module);
    machine.start(unit).expect("the module has an entry");
    let end = match machine.run(Some(fuel)) {
        Outcome::Finished(v) => {
            let items = machine.heap().as_seq(v).expect("a tuple").to_vec();
            assert_eq!(items.len(), 64);
            let ints = items[..32]
                .iter()
                .map(|v| match v {
                    Value::Int(i) => *i,
                    other => panic!("an int register holds {other:?}"),
                })
                .collect();
            let floats = items[32..]
                .iter()
                .map(|v| match v {
                    Value::Float(f) => *f,
                    other => panic!("a float register holds {other:?}"),
                })
                .collect();
            End::Halted(ints, floats)
        }
        Outcome::Error(RunError::Exception(report)) => End::Trap(report.render_trap()),
        Outcome::OutOfFuel => End::OutOfFuel,
        other => panic!("unexpected outcome {other:?}"),
    };
    Ran {
        stdout: host.stdout(),
        end,
    }
}

fn run(src: &str) -> Ran {
    run_with_fuel(src, 1_000_000)
}

fn ints(src: &str) -> Vec<i64> {
    match run(src).end {
        End::Halted(i, _) => i,
        other => panic!("did not halt: {other:?}"),
    }
}

fn floats(src: &str) -> Vec<f64> {
    match run(src).end {
        End::Halted(_, f) => f,
        other => panic!("did not halt: {other:?}"),
    }
}

fn trap(src: &str) -> String {
    match run(src).end {
        End::Trap(t) => t,
        other => panic!("did not trap: {other:?}"),
    }
}

#[test]
fn registers_start_at_zero_and_falling_off_the_end_halts() {
    let r = run("");
    match r.end {
        End::Halted(i, f) => {
            assert_eq!(i, vec![0; 32]);
            assert_eq!(f, vec![0.0; 32]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(ints("LOAD $31 #9")[31], 9);
}

#[test]
fn hlt_stops_before_the_rest() {
    let r = ints("LOAD $0 #1\nHLT\nLOAD $0 #2");
    assert_eq!(r[0], 1);
}

#[test]
fn loads_of_any_width() {
    let r = ints("LOAD $0 #100000\nLOAD $1 #-70000\nLOAD $2 #0xFFFFFFFF\nLOAD $3 #0x80000000\nLOAD $4 #-2147483648");
    assert_eq!(
        &r[..5],
        &[100000, -70000, -1, i32::MIN as i64, i32::MIN as i64]
    );
}

#[test]
fn lui_builds_the_upper_half() {
    let r = ints("LOAD $0 #0x1234\nLUI $0 #0xABCD\nLUI $1 #7\nLOAD $2 #-1\nLUI $2 #0");
    assert_eq!(r[0], 0x1234ABCD);
    assert_eq!(r[1], 7);
    assert_eq!(r[2], (0xFFFF0000u32 as i32) as i64);
}

#[test]
fn arithmetic_wraps_and_division_truncates() {
    let r = ints(
        "LOAD $0 #2147483647\nLOAD $1 #1\nADD $0 $1 $2\nSUB $2 $1 $3\nMUL $0 $0 $4\n\
         LOAD $5 #-7\nLOAD $6 #2\nDIV $5 $6 $7\nLOAD $8 #-1\nDIV $2 $8 $9\nDIV $6 $5 $10\n\
         INC $0\nDEC $3\nMUL $5 $6 $5",
    );
    assert_eq!(r[2], i32::MIN as i64);
    assert_eq!(r[3], i32::MAX as i64 - 1);
    assert_eq!(r[4], 1);
    assert_eq!(r[7], -3);
    assert_eq!(r[9], i32::MIN as i64);
    assert_eq!(r[10], 0);
    assert_eq!(r[0], i32::MIN as i64);
    assert_eq!(r[5], -14);
}

#[test]
fn a_destination_may_also_be_an_operand() {
    let r = ints("LOAD $0 #5\nADD $0 $0 $0\nNOT $0 $0");
    assert_eq!(r[0], !10);
}

#[test]
fn bitwise_and_shifts() {
    let r = ints(
        "LOAD $0 #12\nLOAD $1 #10\nAND $0 $1 $2\nOR $0 $1 $3\nXOR $0 $1 $4\nNOT $0 $5\n\
         LOAD $6 #1\nSHL $6 #31\nLOAD $7 #-1024\nSHR $7 #4\nLOAD $8 #5\nSHL $8 #0\nSHR $6 #31",
    );
    assert_eq!(&r[2..6], &[8, 14, 6, -13]);
    assert_eq!(r[6], -1, "1 << 31 is the sign bit; >> 31 keeps it");
    assert_eq!(r[7], -64);
    assert_eq!(r[8], 5);
}

#[test]
fn comparisons_set_the_flag() {
    // Each DJMPE skips the following INC when the flag is set.
    let src = "LOAD $0 #-1\nLOAD $1 #1\n\
        LT $0 $1\nDJMPE @a\nINC $10\na: GT $0 $1\nDJMPE @b\nINC $11\n\
        b: EQ $0 $0\nDJMPE @c\nINC $12\nc: NEQ $0 $0\nDJMPE @d\nINC $13\n\
        d: GTE $1 $1\nDJMPE @e\nINC $14\ne: LTE $1 $0\nDJMPE @f\nINC $15\nf: NOP";
    let r = ints(src);
    assert_eq!(&r[10..16], &[0, 1, 0, 1, 0, 1]);
}

#[test]
fn counted_loops_run_the_body_count_plus_one_times() {
    let r = ints("CLOOP #4\ntop: INC $0\nLOOP @top\nCLOOP #0\nagain: INC $1\nLOOP @again");
    assert_eq!(r[0], 5);
    assert_eq!(r[1], 1);
}

#[test]
fn call_and_ret_share_the_stack_with_push_and_pop() {
    // The subroutine pops its own return address (byte 4: instruction 1) and pushes it back.
    let r = ints("CALL @sub\nHLT\nsub: POP $0\nPUSH $0\nLOAD $1 #7\nRET");
    assert_eq!(r[0], 4);
    assert_eq!(r[1], 7);
    // RET to a pushed address is a computed jump.
    let r = ints("LOAD $0 @there\nPUSH $0\nRET\nLOAD $1 #1\nthere: LOAD $2 #2");
    assert_eq!((r[1], r[2]), (0, 2));
}

#[test]
fn computed_jumps() {
    let r = ints("LOAD $0 #12\nJMP $0\nINC $1\nINC $2");
    assert_eq!((r[1], r[2]), (0, 1));
    // JMPF 0 goes on to the next instruction. The JMPB at 8 counts back from
    // byte 36: 20 bytes lead to instruction 4, a loop that the flag ends.
    let r = ints("LOAD $0 #0\nJMPF $0\nINC $1\nLOAD $2 #8\nINC $3\nGT $3 $2\nDJMPE @out\nLOAD $4 #20\nJMPB $4\nout: NOP");
    assert_eq!(r[1], 1);
    assert_eq!(r[3], 9);
    // JMPE only with the flag set.
    let r = ints("LOAD $0 @skip\nJMPE $0\nINC $1\nEQ $0 $0\nJMPE $0\nINC $2\nskip: NOP");
    assert_eq!((r[1], r[2]), (1, 0));
}

#[test]
fn jumping_exactly_to_the_end_halts() {
    let r = ints("LOAD $0 #12\nJMP $0\nINC $1");
    assert_eq!(r[1], 0);
    let r = ints("LOAD $0 #0\nJMPF $0");
    assert_eq!(r[0], 0);
    let r = ints("DJMPE @end\nEQ $0 $0\nDJMPE @end\nINC $1\nend:");
    assert_eq!(r[1], 0);
}

#[test]
fn heap_stores_and_loads_little_endian_words() {
    let r = ints(
        "LOAD $0 #12\nALOC $0\nLOAD $1 #0x01020304\nLOAD $2 #1\nSETM $2 $1\n\
         LOAD $3 #0\nLOADM $3 $4\nLOADM $2 $5\nLOAD $6 #8\nLOADM $6 $7",
    );
    // Bytes 1..5 hold 04 03 02 01, so bytes 0..4 are 00 04 03 02.
    assert_eq!(r[4], 0x02030400);
    assert_eq!(r[5], 0x01020304);
    assert_eq!(r[7], 0);
}

#[test]
fn prts_prints_exactly_the_string() {
    let r =
        run(".data\na: .asciiz 'x;y'\nb: .asciiz \"\\ttab\\n\"\n.code\nPRTS @a\nPRTS @b\nPRTS @a");
    assert_eq!(r.stdout, "x;y\ttab\nx;y");
}

#[test]
fn integer_data_and_label_offsets_load_into_registers() {
    let r = ints(".data\nn: .integer #-123456\n.code\nLOAD $0 @n\nNOP\nhere: LOAD $1 @here\nLOAD $2 @end\nend:");
    assert_eq!(&r[..3], &[-123456, 8, 16]);
}

#[test]
fn floats_follow_ieee_754() {
    let f = floats(
        "LOADF64 $0 #1.5\nLOADF64 $1 #-0.5\nADDF64 $0 $1 $2\nSUBF64 $0 $1 $3\nMULF64 $0 $1 $4\n\
         DIVF64 $0 $1 $5\nDIVF64 $0 $9 $6\nDIVF64 $1 $9 $7\nDIVF64 $9 $9 $8\nLOADF64 $10 #7",
    );
    assert_eq!(&f[..6], &[1.5, -0.5, 1.0, 2.0, -0.75, -3.0]);
    assert_eq!(f[6], f64::INFINITY);
    assert_eq!(f[7], f64::NEG_INFINITY);
    assert!(f[8].is_nan());
    assert_eq!(f[10], 7.0);
}

#[test]
fn float_and_integer_registers_are_separate_files() {
    let r = run("LOAD $0 #5\nLOADF64 $0 #2.5");
    match r.end {
        End::Halted(i, f) => assert_eq!((i[0], f[0]), (5, 2.5)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn float_comparisons_are_exact() {
    let src = "LOADF64 $0 #0.1\nLOADF64 $1 #0.2\nADDF64 $0 $1 $2\nLOADF64 $3 #0.3\n\
        EQF64 $2 $3\nDJMPE @a\nINC $0\na: NEQF64 $2 $3\nDJMPE @b\nINC $1\n\
        b: GTF64 $2 $3\nDJMPE @c\nINC $2\nc: LTF64 $2 $3\nDJMPE @d\nINC $3\n\
        d: GTEF64 $3 $3\nDJMPE @e\nINC $4\ne: LTEF64 $2 $3\nDJMPE @f\nINC $5\nf: NOP";
    assert_eq!(&ints(src)[..6], &[1, 0, 0, 1, 0, 1]);
}

#[test]
fn traps_name_the_problem_and_the_source_position() {
    assert_eq!(
        trap("LOAD $0 #1\n  DIV $0 $1 $2"),
        "error: ZeroDivisionError: integer division by zero\n  at main (function 0, instruction 10, t.iasm:2:3)\n"
    );
    assert!(trap("PUSH $0\nPOP $0\nPOP $0").starts_with(
        "error: IndexError: POP from an empty stack\n  at main (function 0, instruction "
    ));
    assert!(trap("POP $0").ends_with("t.iasm:1:1)\n"));
    assert!(trap("RET")
        .starts_with("error: IndexError: RET with an empty stack: there is no return address\n"));
    assert!(trap("LOAD $0 #4\nALOC $0\nLOAD $1 #1\nLOADM $1 $2").starts_with(
        "error: IndexError: memory access at address 1 is out of range (the heap holds 4 bytes)\n"
    ));
    assert!(trap("LOAD $0 #-4\nALOC $0").contains("cannot grow memory by -4 bytes"));
    assert!(trap("LOAD $1 #-4\nSETM $1 $0").contains("address -4 is out of range"));
    for (src, target) in [
        ("LOAD $0 #2\nJMP $0", "2"),
        ("LOAD $0 #-4\nJMP $0", "-4"),
        ("LOAD $0 #12\nJMP $0", "12"),
        ("LOAD $0 #2\nJMPF $0", "10"),
        ("LOAD $0 #16\nJMPB $0", "-8"),
    ] {
        assert_eq!(
            trap(src).lines().next(),
            Some(
                format!(
                    "error: RuntimeError: jump target {target} is not an instruction boundary inside the code (8 bytes)"
                )
                .as_str()
            ),
            "{src}"
        );
    }
}

#[test]
fn output_before_a_trap_is_kept() {
    let r = run(".data\ns: .asciiz 'before'\n.code\nPRTS @s\nDIV $0 $0 $0");
    assert_eq!(r.stdout, "before");
    assert!(matches!(r.end, End::Trap(_)));
}

#[test]
fn fuel_pauses_an_endless_loop() {
    let r = run_with_fuel("top: INC $0\nDJMPE @top\nEQ $0 $0\nDJMPE @top", 10_000);
    assert!(matches!(r.end, End::OutOfFuel));
}

#[test]
fn assembly_errors_render_with_file_line_column_and_caret() {
    let errors = compile("  LOAD $40 #1\nADDD $1 $2 $3\n", "p.iasm").unwrap_err();
    let text = diagnostics::render_all(&errors, "p.iasm", "  LOAD $40 #1\nADDD $1 $2 $3\n");
    assert_eq!(
        text,
        "p.iasm:1:8: error: register `$40` does not exist\n      LOAD $40 #1\n           ^^^ expected an integer register $0..$31\n\
         p.iasm:2:1: error: unknown mnemonic `ADDD`\n    ADDD $1 $2 $3\n    ^^^^ expected an instruction mnemonic (did you mean `ADD`?)\n\
         2 errors\n"
    );
}

#[test]
fn undefined_labels_are_errors() {
    let errors = compile_typed("CALL @nowhere", "p.iasm").unwrap_err();
    assert_eq!(
        errors[0].kind,
        ErrorKind::UndefinedLabel {
            name: "nowhere".into(),
            expected: "a label defined in this file"
        }
    );
    assert_eq!(errors[0].span, diagnostics::Span::new(1, 6, 8));
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn examples() -> Vec<(PathBuf, String)> {
    let dir = repo_root().join("examples/tutorial");
    let mut out: Vec<(PathBuf, String)> = std::fs::read_dir(&dir)
        .expect("examples/tutorial exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "iasm"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable");
            (p, text)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_examples_use_every_instruction() {
    let examples = examples();
    assert!(examples.len() >= 5);
    let mut used = std::collections::HashSet::new();
    for (path, text) in &examples {
        let program = iasm::parse(text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        used.extend(program.instructions.iter().map(|i| i.op));
    }
    let missing: Vec<&str> = Op::ALL
        .iter()
        .filter(|op| !used.contains(op))
        .map(|op| op.mnemonic())
        .collect();
    assert!(missing.is_empty(), "not used by any example: {missing:?}");
}

#[test]
fn example_listings_assemble_back_to_identical_bytes() {
    for (path, text) in examples() {
        let name = path.display().to_string();
        let module = compile(&text, &name).expect("the example compiles");
        let listing = asm::disassemble(&module);
        let again = asm::assemble(&listing, &name)
            .unwrap_or_else(|e| panic!("{name}: the listing does not assemble: {e:?}"));
        assert_eq!(
            bytecode::format::write(&module),
            bytecode::format::write(&again),
            "{name}"
        );
    }
}

/// A straight-line instruction for the differential test, with what it does to a model.
#[derive(Debug, Clone)]
enum Straight {
    Load(u8, i32),
    Lui(u8, u16),
    Bin(&'static str, u8, u8, u8),
    Not(u8, u8),
    Shift(&'static str, u8, u8),
    Step(&'static str, u8),
}

impl Straight {
    fn text(&self) -> String {
        match self {
            Straight::Load(r, v) => format!("LOAD ${r} #{v}"),
            Straight::Lui(r, v) => format!("LUI ${r} #{v:#x}"),
            Straight::Bin(m, a, b, d) => format!("{m} ${a} ${b} ${d}"),
            Straight::Not(a, d) => format!("NOT ${a} ${d}"),
            Straight::Shift(m, r, n) => format!("{m} ${r} #{n}"),
            Straight::Step(m, r) => format!("{m} ${r}"),
        }
    }

    /// Applies the instruction to the model; `None` for a division by zero.
    fn apply(&self, regs: &mut [i32; 32]) -> Option<()> {
        match *self {
            Straight::Load(r, v) => regs[r as usize] = v,
            Straight::Lui(r, v) => {
                regs[r as usize] = ((regs[r as usize] as u32) << 16 | v as u32) as i32
            }
            Straight::Bin(m, a, b, d) => {
                let (x, y) = (regs[a as usize], regs[b as usize]);
                regs[d as usize] = match m {
                    "ADD" => x.wrapping_add(y),
                    "SUB" => x.wrapping_sub(y),
                    "MUL" => x.wrapping_mul(y),
                    "DIV" if y == 0 => return None,
                    "DIV" => x.wrapping_div(y),
                    "AND" => x & y,
                    "OR" => x | y,
                    _ => x ^ y,
                };
            }
            Straight::Not(a, d) => regs[d as usize] = !regs[a as usize],
            Straight::Shift(m, r, n) => {
                let x = regs[r as usize];
                regs[r as usize] = if m == "SHL" { x << n } else { x >> n };
            }
            Straight::Step(m, r) => {
                let x = regs[r as usize];
                regs[r as usize] = if m == "INC" {
                    x.wrapping_add(1)
                } else {
                    x.wrapping_sub(1)
                };
            }
        }
        Some(())
    }
}

fn straight() -> impl Strategy<Value = Straight> {
    let r = 0u8..4;
    prop_oneof![
        (r.clone(), any::<i32>()).prop_map(|(r, v)| Straight::Load(r, v)),
        (r.clone(), any::<u16>()).prop_map(|(r, v)| Straight::Lui(r, v)),
        (
            prop::sample::select(vec!["ADD", "SUB", "MUL", "DIV", "AND", "OR", "XOR"]),
            r.clone(),
            r.clone(),
            r.clone()
        )
            .prop_map(|(m, a, b, d)| Straight::Bin(m, a, b, d)),
        (r.clone(), r.clone()).prop_map(|(a, d)| Straight::Not(a, d)),
        (prop::sample::select(vec!["SHL", "SHR"]), r.clone(), 0u8..32)
            .prop_map(|(m, r, n)| Straight::Shift(m, r, n)),
        (prop::sample::select(vec!["INC", "DEC"]), r).prop_map(|(m, r)| Straight::Step(m, r)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Integer arithmetic agrees with a model built on Rust's wrapping i32 operations.
    #[test]
    fn straight_line_integer_code_matches_an_i32_model(prog in prop::collection::vec(straight(), 1..30)) {
        let src: Vec<String> = prog.iter().map(Straight::text).collect();
        let mut model = [0i32; 32];
        let mut divided_by_zero = false;
        for ins in &prog {
            if ins.apply(&mut model).is_none() {
                divided_by_zero = true;
                break;
            }
        }
        match run(&src.join("\n")).end {
            End::Halted(regs, _) => {
                prop_assert!(!divided_by_zero);
                let expected: Vec<i64> = model.iter().map(|v| *v as i64).collect();
                prop_assert_eq!(regs, expected);
            }
            End::Trap(t) => {
                prop_assert!(divided_by_zero, "unexpected trap {}", t);
                prop_assert!(t.starts_with("error: ZeroDivisionError"));
            }
            End::OutOfFuel => prop_assert!(false, "straight-line code ran out of fuel"),
        }
    }

    /// The assembler never panics, whatever the text.
    #[test]
    fn compiling_arbitrary_text_never_panics(src in "\\PC*") {
        let _ = compile(&src, "fuzz.iasm");
    }

    /// Nor on lines made of the dialect's own pieces in any order; what compiles also verifies.
    #[test]
    fn compiling_shuffled_tokens_never_panics(
        lines in prop::collection::vec(
            prop::collection::vec(
                prop::sample::select(vec![
                    "LOAD", "ADD", "JMP", "CALL", "RET", "PRTS", "LOADF64", "DJMPE", "LOOP", "CLOOP",
                    "SHL", "LUI", ".data", ".code", ".asciiz", ".integer", "x:", "y:", "@x", "@y",
                    "$0", "$31", "$32", "$", "#0", "#-1", "#1.5", "#0x", "#99999999999", "'s'", "\"t",
                    ";", "'", "#", "@", ":",
                ]),
                0..6,
            ),
            0..12,
        )
    ) {
        let src: Vec<String> = lines.iter().map(|l| l.join(" ")).collect();
        if let Ok(module) = compile(&src.join("\n"), "fuzz.iasm") {
            prop_assert!(verifier::verify(module).is_ok());
        }
    }
}
