//! The Python conformance suite: every tests/python/NAME.py runs on Rhodium and
//! must print exactly what CPython 3.11 printed (tests/python/expected/NAME.stdout),
//! exit with the same code, and end stderr with the same line
//! (tests/python/expected/NAME.status). `python3 tests/python/regen.py`
//! regenerates the expectations with /usr/bin/python3.11.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

fn program_args(source: &str) -> Vec<String> {
    source
        .lines()
        .find_map(|l| l.strip_prefix("# args:"))
        .map(|a| a.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

#[test]
fn every_program_matches_cpython() {
    let root = root();
    let dir = root.join("tests/python");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/python exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".py") && n != "regen.py")
        .map(|n| n.trim_end_matches(".py").to_string())
        .collect();
    names.sort();
    assert!(
        names.len() >= 10,
        "the suite has only {} programs",
        names.len()
    );
    let mut failures = Vec::new();
    for name in &names {
        let rel = format!("tests/python/{name}.py");
        let source = std::fs::read_to_string(root.join(&rel)).expect("program readable");
        let expected_out = std::fs::read(dir.join(format!("expected/{name}.stdout")))
            .unwrap_or_else(|_| {
                panic!("{name}: no expected stdout; run python3 tests/python/regen.py {name}")
            });
        let status = std::fs::read_to_string(dir.join(format!("expected/{name}.status")))
            .unwrap_or_else(|_| {
                panic!("{name}: no expected status; run python3 tests/python/regen.py {name}")
            });
        let mut lines = status.lines();
        let code: i32 = lines
            .next()
            .and_then(|l| l.strip_prefix("exit "))
            .and_then(|c| c.trim().parse().ok())
            .expect("status has an exit line");
        let last_err = lines
            .next()
            .and_then(|l| l.strip_prefix("stderr "))
            .unwrap_or("")
            .to_string();
        let out = Command::new(env!("CARGO_BIN_EXE_rhodium"))
            .arg("run")
            .arg(&rel)
            .args(program_args(&source))
            .current_dir(&root)
            .output()
            .expect("rhodium runs");
        let got_code = out.status.code().unwrap_or(-1);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let got_last = stderr
            .trim_end_matches('\n')
            .rsplit('\n')
            .next()
            .unwrap_or("")
            .to_string();
        let mut problems = Vec::new();
        if out.stdout != expected_out {
            problems.push(format!(
                "stdout differs:\n--- CPython\n{}\n--- Rhodium\n{}",
                String::from_utf8_lossy(&expected_out),
                String::from_utf8_lossy(&out.stdout)
            ));
        }
        if got_code != code {
            problems.push(format!("exit code {got_code}, CPython {code}"));
        }
        if got_last != last_err {
            problems.push(format!(
                "last stderr line {got_last:?}, CPython {last_err:?}\nfull stderr:\n{stderr}"
            ));
        }
        if !problems.is_empty() {
            failures.push(format!("== {name}\n{}", problems.join("\n")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} programs differ from CPython:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}
