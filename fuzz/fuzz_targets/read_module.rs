//! Fuzz target: bytes through the `.rbc` reader, the verifier, the
//! disassembler/assembler round trip and the interpreter (with a small fuel
//! budget and memory limit). Nothing may panic; what reads must write back
//! identically; what verifies must disassemble to a listing that assembles
//! back to identical bytes.
//!
//! The input is tried as it is, and, when its checksum is wrong, again with
//! the checksum recomputed, so that mutations reach the structural checks
//! instead of stopping at the integrity check. Seed the corpus with real
//! `.rbc` files (see docs/fuzzing.md).

#![no_main]

use bytecode::format::{self, ReadError};
use libfuzzer_sys::fuzz_target;
use vm::{CaptureHost, Config, Outcome, RunError, Vm};

fuzz_target!(|data: &[u8]| {
    match format::read(data) {
        Err(ReadError::BadChecksum { .. }) if data.len() >= 4 => {
            let mut sealed = data[..data.len() - 4].to_vec();
            let sum = format::checksum(&sealed);
            sealed.extend_from_slice(&sum.to_le_bytes());
            check(&sealed);
        }
        _ => check(data),
    }
});

fn check(bytes: &[u8]) {
    let Ok(module) = format::read(bytes) else {
        return;
    };
    let written = format::write(&module);
    assert_eq!(
        format::read(&written).as_ref(),
        Ok(&module),
        "write/read round trip"
    );
    let Ok(verified) = bytecode::verifier::verify(module) else {
        return;
    };
    let listing = asm::disassemble(verified.module());
    match asm::assemble(&listing, "listing.asm") {
        Ok(back) => assert!(
            format::write(&back) == written,
            "the listing assembles to different bytecode:\n{listing}"
        ),
        Err(errors) => panic!(
            "the listing does not assemble:\n{}\n{listing}",
            diagnostics::render_all(&errors, "listing.asm", &listing)
        ),
    }
    let config = Config {
        max_depth: 64,
        max_heap: Some(16 << 20),
        argv: vec!["fuzz".into()],
        ..Config::default()
    };
    let mut machine = Vm::new(Box::new(CaptureHost::default()), config);
    let unit = machine.load(verified);
    if machine.start(unit).is_err() {
        return;
    }
    // Two slices, so resuming after OutOfFuel is exercised too.
    let mut outcome = machine.run(Some(1_000));
    if matches!(outcome, Outcome::OutOfFuel) {
        outcome = machine.run(Some(4_000));
    }
    match outcome {
        Outcome::Finished(v) => {
            let _ = machine.repr(v);
        }
        Outcome::Error(RunError::Exception(report)) => {
            let _ = report.render(&|_, _| None);
            let _ = report.render_python(&|_, _| None);
        }
        _ => {}
    }
}
