//! Disassembling and reassembling every program in the repository gives
//! byte-identical bytecode: through the library (every program under
//! `examples/` and `tests/programs/`, of every type the loader knows) and
//! through the binary (`rhodium disasm FILE > L.asm; rhodium asm L.asm`
//! against `rhodium asm FILE`).
//!
//! Programs whose expected exit code (`.code`) is 2 are meant not to load and
//! are skipped; every other program must load.

mod common;

use common::{expectations, programs_under, PROGRAM_ROOTS};
use std::path::Path;
use std::process::Command;

/// Programs that are expected to load, as paths relative to the repository root.
fn loadable_programs(root: &Path) -> Vec<std::path::PathBuf> {
    programs_under(root, PROGRAM_ROOTS)
        .into_iter()
        .filter(|p| expectations(&root.join(p)).map_or(true, |e| e.code != 2))
        .collect()
}

#[test]
fn listings_reassemble_to_identical_bytes() {
    let root = common::repo_root();
    let programs = loadable_programs(&root);
    assert!(!programs.is_empty(), "no programs found");
    let mut failures = Vec::new();
    for rel in &programs {
        let path = root.join(rel);
        let program = match rhodium::load::load(&path) {
            Ok(p) => p,
            Err(e) => {
                failures.push(format!("{}: does not load:\n{}", rel.display(), e.render()));
                continue;
            }
        };
        let module = program.module.module();
        let bytes = bytecode::format::write(module);
        let listing = asm::disassemble(module);
        match asm::assemble(&listing, "listing.asm") {
            Ok(back) => {
                if bytecode::format::write(&back) != bytes {
                    failures.push(format!(
                        "{}: the listing assembles to different bytecode\n{}",
                        rel.display(),
                        common::diff(&listing, &asm::disassemble(&back), 40)
                    ));
                }
            }
            Err(errors) => failures.push(format!(
                "{}: the listing does not assemble:\n{}",
                rel.display(),
                diagnostics::render_all(&errors, "listing.asm", &listing)
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} programs failed the round trip:\n\n{}",
        failures.len(),
        programs.len(),
        failures.join("\n\n")
    );
}

fn rhodium(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rhodium"))
        .args(args)
        .output()
        .expect("run rhodium")
}

/// The same through the command line, as a user would do it.
#[test]
fn disasm_then_asm_with_the_binary_gives_identical_files() {
    let root = common::repo_root();
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("roundtrip-binary");
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).expect("create a temporary directory");
    let mut failures = Vec::new();
    let programs = loadable_programs(&root);
    for (i, rel) in programs.iter().enumerate() {
        let path = root.join(rel);
        let direct = tmp.join(format!("{i}-direct.rbc"));
        let listing = tmp.join(format!("{i}-listing.asm"));
        let again = tmp.join(format!("{i}-again.rbc"));
        let out = rhodium(&[
            "asm".as_ref(),
            path.as_os_str(),
            "-o".as_ref(),
            direct.as_os_str(),
        ]);
        if !out.status.success() {
            failures.push(format!(
                "{}: rhodium asm failed: {}",
                rel.display(),
                String::from_utf8_lossy(&out.stderr)
            ));
            continue;
        }
        let out = rhodium(&["disasm".as_ref(), path.as_os_str()]);
        if !out.status.success() {
            failures.push(format!(
                "{}: rhodium disasm failed: {}",
                rel.display(),
                String::from_utf8_lossy(&out.stderr)
            ));
            continue;
        }
        std::fs::write(&listing, &out.stdout).expect("write the listing");
        let out = rhodium(&[
            "asm".as_ref(),
            listing.as_os_str(),
            "-o".as_ref(),
            again.as_os_str(),
        ]);
        if !out.status.success() {
            failures.push(format!(
                "{}: the listing does not assemble: {}",
                rel.display(),
                String::from_utf8_lossy(&out.stderr)
            ));
            continue;
        }
        let a = std::fs::read(&direct).expect("read the direct module");
        let b = std::fs::read(&again).expect("read the reassembled module");
        if a != b {
            failures.push(format!("{}: the files differ", rel.display()));
        }
        // A .rbc in the repository is itself what `asm` writes back.
        if common::ext(rel) == "rbc" {
            let original = std::fs::read(&path).expect("read the .rbc");
            if original != a {
                failures.push(format!(
                    "{}: `rhodium asm` of a .rbc does not reproduce it",
                    rel.display()
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    assert!(
        failures.is_empty(),
        "{} of {} programs failed:\n{}",
        failures.len(),
        programs.len(),
        failures.join("\n")
    );
}
