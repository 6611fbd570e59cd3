//! The assembler never panics, whatever the text, and the disassembler's
//! listing of any module the verifier accepts assembles back to the same
//! bytes.

use bytecode::{format, verifier, Constant, Function, Language, Module};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use testkit::program::{self, Options};
use testkit::Rng;

/// Assembles `listing` and requires the module to write the same bytes as `m`.
fn assert_round_trip(m: &Module) {
    let listing = asm::disassemble(m);
    match asm::assemble(&listing, "listing.asm") {
        Ok(back) => {
            if format::write(&back) != format::write(m) {
                let again = asm::disassemble(&back);
                panic!(
                    "the listing assembles to different bytecode\n--- listing\n{listing}\n--- listing of the result\n{again}"
                );
            }
        }
        Err(errors) => panic!(
            "the listing does not assemble:\n{}\n--- listing\n{listing}",
            diagnostics::render_all(&errors, "listing.asm", &listing)
        ),
    }
}

/// Every `.asm` file of the repository's examples and test programs.
fn repository_sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    let mut stack = vec![root.join("examples"), root.join("tests/programs")];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "asm") {
                if let Ok(text) = std::fs::read_to_string(&p) {
                    out.push((p, text));
                }
            }
        }
    }
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Random text made of assembly tokens: errors or a module, never a panic;
    /// and whatever assembles has a listing that assembles back identically.
    #[test]
    fn token_soup_never_panics(seed in any::<u64>()) {
        let mut rng = Rng::new(seed);
        let mut text = String::from(".func main()\n");
        text.push_str(&testkit::mutate::token_soup(&mut rng, 60));
        if rng.chance(70) {
            text.push_str("\nreturnnone\n.end\n");
        }
        if let Ok(m) = asm::assemble(&text, "soup.asm") {
            assert_round_trip(&m);
        }
    }

    /// Arbitrary strings, control characters and all.
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = asm::assemble(&text, "any.asm");
    }

    /// Random programs that verify disassemble to listings that assemble back
    /// to identical bytes.
    #[test]
    fn listings_of_random_programs_round_trip(seed in any::<u64>()) {
        let opts = Options { max_functions: 5, max_code: 60, chaos_percent: 0 };
        if let Ok(v) = verifier::verify(program::random(seed, &opts)) {
            assert_round_trip(v.module());
        }
    }
}

/// The repository's programs, damaged in thousands of ways.
#[test]
fn mutated_programs_never_panic() {
    let sources = repository_sources();
    assert!(!sources.is_empty(), "no .asm files found");
    let mut rng = Rng::new(7);
    let mut assembled = 0;
    for (path, text) in &sources {
        for _ in 0..150 {
            let damaged = testkit::mutate::text(&mut rng, text);
            if let Ok(m) = asm::assemble(&damaged, &path.display().to_string()) {
                assembled += 1;
                assert_round_trip(&m);
            }
        }
    }
    // Some damage is harmless (inside a comment, an extra blank line).
    assert!(assembled > 0);
}

/// Errors carry a position on a line that exists, so they can be shown with
/// the line and a caret.
#[test]
fn diagnostics_point_into_the_source() {
    let mut rng = Rng::new(99);
    for (_, text) in repository_sources() {
        for _ in 0..40 {
            let damaged = testkit::mutate::text(&mut rng, &text);
            if let Err(errors) = asm::assemble(&damaged, "x.asm") {
                assert!(!errors.is_empty());
                let lines = damaged.lines().count().max(1) as u32;
                for e in &errors {
                    assert!(
                        e.span.line >= 1 && e.span.line <= lines,
                        "line {} of {lines}: {}\n{damaged}",
                        e.span.line,
                        e.message
                    );
                    assert!(e.span.col >= 1, "{}", e.message);
                    let shown = e.render("x.asm", &damaged);
                    assert!(
                        shown.starts_with(&format!("x.asm:{}:", e.span.line)),
                        "{shown}"
                    );
                }
            }
        }
    }
}

/// Names the assembler could misread are quoted by the disassembler.
#[test]
fn awkward_names_round_trip() {
    let text = r#"
.module "dir/my module \"x\".asm"
.language python
.global "None"
.global "two words"
.global "é"
.func main() regs=4
    .local r1 "table"
    .local r2 ""
    .local r3 "r0"
    getglobal r0, "None"
    getglobal r0, "two words"
    getglobal r0, "é"
    closure   r0, "f 1"
    closure   r0, f2
    returnnone
.end
.func "f 1"("a b", *"c", d, **"e f") regs=6
    returnnone
.end
.func f1(x)
    returnnone
.end
"#;
    let m = asm::assemble(text, "awkward.asm").expect("the awkward names assemble");
    assert_eq!(m.name, "dir/my module \"x\".asm");
    assert_eq!(m.globals, ["None", "two words", "é"]);
    assert_eq!(m.functions[1].names, ["a b", "d", "c", "e f"]);
    assert_round_trip(&m);
}

/// Constants of every kind, including the floats that need exact bits.
#[test]
fn every_kind_of_constant_round_trips() {
    let consts = vec![
        Constant::None,
        Constant::Bool(true),
        Constant::Bool(false),
        Constant::Int(i64::MIN),
        Constant::Int(i64::MAX),
        Constant::int(num_bigint::BigInt::from(-7) << 200),
        Constant::Float(-0.0),
        Constant::Float(0.0),
        Constant::Float(f64::NAN),
        Constant::Float(f64::from_bits(0xfff8_0000_0000_0001)),
        Constant::Float(f64::INFINITY),
        Constant::Float(f64::NEG_INFINITY),
        Constant::Float(5e-324),
        Constant::Float(1.7976931348623157e308),
        Constant::Float(0.1),
        Constant::Float(-1e-7),
        Constant::Str("\u{0}\u{1}\t\n\r\\\"'é😀\u{7f}\u{200b}".into()),
        Constant::Str(String::new()),
        Constant::Tuple(vec![]),
        Constant::Tuple(vec![Constant::Tuple(vec![Constant::None])]),
        Constant::Tuple(vec![Constant::Float(f64::NAN), Constant::Str("x".into())]),
        Constant::Table(vec![0, 0]),
    ];
    let n = consts.len();
    let main = Function {
        name: "main".into(),
        num_registers: 1,
        constants: consts,
        code: vec![isa::Instr::abc(isa::Opcode::ReturnNone, 0, 0, 0)],
        locs: vec![bytecode::Loc::default()],
        ..Function::default()
    };
    let m = Module {
        name: "k".into(),
        language: Language::Assembly,
        globals: vec![],
        functions: vec![main],
    };
    let m = verifier::verify(m).expect("verifies").into_inner();
    assert_eq!(m.functions[0].constants.len(), n);
    assert_round_trip(&m);
}
