//! Fuzz target: text through the native assembler (which runs the verifier).
//! Nothing may panic; every error must point at a line of the input and
//! render; whatever assembles must verify, and its listing must assemble back
//! to identical bytes. Seed the corpus with the repository's `.asm` files
//! (see docs/fuzzing.md).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match asm::assemble(text, "fuzz.asm") {
        Ok(module) => {
            let bytes = bytecode::format::write(&module);
            let verified = bytecode::verifier::verify(module)
                .expect("the assembler only returns modules the verifier accepts");
            let listing = asm::disassemble(verified.module());
            match asm::assemble(&listing, "listing.asm") {
                Ok(back) => assert!(
                    bytecode::format::write(&back) == bytes,
                    "the listing assembles to different bytecode:\n{listing}"
                ),
                Err(errors) => panic!(
                    "the listing does not assemble:\n{}\n{listing}",
                    diagnostics::render_all(&errors, "listing.asm", &listing)
                ),
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "an error result without errors");
            let lines = text.lines().count().max(1) as u32;
            for e in &errors {
                assert!(
                    e.span.line >= 1 && e.span.line <= lines && e.span.col >= 1,
                    "error outside the input: {e:?}"
                );
                let _ = e.render("fuzz.asm", text);
            }
        }
    }
});
