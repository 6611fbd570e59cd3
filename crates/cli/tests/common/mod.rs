//! Shared by the CLI's integration tests: finding the repository's programs
//! and reading their golden expectations.
//!
//! A program file (`.asm`, `.iasm`, `.rbc`, `.py`) is a golden test when a
//! sibling file with the same stem and the extension `.out` exists. Sibling
//! files hold the rest of the expectation:
//!
//! | file     | meaning                                                          |
//! |----------|------------------------------------------------------------------|
//! | `.out`   | the exact expected stdout (required)                             |
//! | `.args`  | options placed before FILE: `rhodium run ARGS FILE`              |
//! | `.code`  | the expected exit code (default 0)                               |
//! | `.err`   | the exact expected stderr (not checked when absent)              |
//! | `.stdin` | text fed to the program's stdin (empty stdin when absent)        |

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

/// Extensions of program files.
pub const PROGRAM_EXTS: &[&str] = &["asm", "iasm", "rbc", "py"];
/// Extensions of expectation files.
pub const EXPECT_EXTS: &[&str] = &["out", "args", "code", "err", "stdin"];
/// The trees the golden runner, the round-trip test and the fuel test walk.
pub const PROGRAM_ROOTS: &[&str] = &["tests/programs", "examples"];

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the repository root exists")
}

/// Every file under `dir`, recursively, sorted; hidden entries are skipped.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
            {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The lower-case extension of a path ("" when none).
pub fn ext(p: &Path) -> String {
    p.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Every program file under the given roots (relative to `root`), as paths
/// relative to `root`, sorted.
pub fn programs_under(root: &Path, trees: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for t in trees {
        for p in walk(&root.join(t)) {
            if PROGRAM_EXTS.contains(&ext(&p).as_str()) {
                out.push(p.strip_prefix(root).unwrap_or(&p).to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// What a golden program is expected to do.
#[derive(Debug, Clone, Default)]
pub struct Expect {
    /// Exact stdout; `None` when the program is not a golden test.
    pub out: Option<String>,
    /// Exact stderr, when checked.
    pub err: Option<String>,
    /// Exit code.
    pub code: i32,
    /// Options placed before the file.
    pub args: Vec<String>,
    /// Text fed to stdin.
    pub stdin: Option<String>,
}

fn read_opt(p: &Path) -> Result<Option<String>, String> {
    match fs::read(p) {
        Ok(b) => String::from_utf8(b)
            .map(Some)
            .map_err(|_| format!("{} is not UTF-8", p.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", p.display())),
    }
}

/// Reads the expectation files next to `program` (an absolute path or one
/// relative to the current directory).
pub fn expectations(program: &Path) -> Result<Expect, String> {
    let sib = |e: &str| program.with_extension(e);
    let code = match read_opt(&sib("code"))? {
        None => 0,
        Some(t) => t.trim().parse::<i32>().map_err(|_| {
            format!(
                "{}: expected an exit code, found {:?}",
                sib("code").display(),
                t.trim()
            )
        })?,
    };
    Ok(Expect {
        out: read_opt(&sib("out"))?,
        err: read_opt(&sib("err"))?,
        code,
        args: read_opt(&sib("args"))?
            .map(|a| a.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default(),
        stdin: read_opt(&sib("stdin"))?,
    })
}

/// A readable line diff of `expected` against `actual` ("-" expected only,
/// "+" actual only, " " common context), at most `max_lines` lines.
pub fn diff(expected: &str, actual: &str, max_lines: usize) -> String {
    let a: Vec<&str> = expected.split_inclusive('\n').collect();
    let b: Vec<&str> = actual.split_inclusive('\n').collect();
    // Trim the common prefix and suffix so the quadratic table stays small.
    let mut pre = 0;
    while pre < a.len() && pre < b.len() && a[pre] == b[pre] {
        pre += 1;
    }
    let mut suf = 0;
    while suf < a.len() - pre && suf < b.len() - pre && a[a.len() - 1 - suf] == b[b.len() - 1 - suf]
    {
        suf += 1;
    }
    let (am, bm) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let mut ops: Vec<(char, &str)> = Vec::new();
    if am.len() * bm.len() <= 4_000_000 {
        // Longest common subsequence, then walk it.
        let (n, m) = (am.len(), bm.len());
        let mut lcs = vec![0u32; (n + 1) * (m + 1)];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * (m + 1) + j] = if am[i] == bm[j] {
                    lcs[(i + 1) * (m + 1) + j + 1] + 1
                } else {
                    lcs[(i + 1) * (m + 1) + j].max(lcs[i * (m + 1) + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && am[i] == bm[j] {
                ops.push((' ', am[i]));
                i += 1;
                j += 1;
            } else if i < n && (j == m || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) {
                ops.push(('-', am[i]));
                i += 1;
            } else {
                ops.push(('+', bm[j]));
                j += 1;
            }
        }
    } else {
        ops.extend(am.iter().map(|l| ('-', *l)));
        ops.extend(bm.iter().map(|l| ('+', *l)));
    }
    let mut out = String::new();
    if pre > 0 {
        out.push_str(&format!("   ({pre} equal line(s) before)\n"));
    }
    for (k, (c, line)) in ops.iter().enumerate() {
        if k == max_lines {
            out.push_str(&format!("   ... {} more diff line(s)\n", ops.len() - k));
            break;
        }
        let shown = line.strip_suffix('\n').unwrap_or(line);
        let nl = if line.ends_with('\n') {
            ""
        } else {
            "  (no newline at end)"
        };
        out.push_str(&format!(" {c} {shown:?}{nl}\n"));
    }
    if suf > 0 {
        out.push_str(&format!("   ({suf} equal line(s) after)\n"));
    }
    out
}
