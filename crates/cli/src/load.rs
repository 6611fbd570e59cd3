//! Loading a program from a file, by its type, into a verified module.

use bytecode::format::ReadError;
use bytecode::{verifier, VerifiedModule, VerifyError};
use diagnostics::Diagnostic;
use std::path::{Path, PathBuf};

/// A loaded program and the source text it came from (for error messages).
#[derive(Debug)]
pub struct Program {
    /// The verified module.
    pub module: VerifiedModule,
    /// The source text, when the program was compiled from source.
    pub source: Option<String>,
}

/// Why a program could not be loaded (exit code 2).
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        error: std::io::Error,
    },
    /// The file's extension names no known program type.
    UnknownType {
        /// The file.
        path: PathBuf,
    },
    /// The source has errors.
    Source {
        /// The file.
        path: PathBuf,
        /// Its text.
        source: String,
        /// Every error found.
        diagnostics: Vec<Diagnostic>,
    },
    /// A .rbc file is damaged or of another version.
    Bytecode {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        error: ReadError,
    },
    /// The module breaks a verifier rule.
    Verify {
        /// The file.
        path: PathBuf,
        /// The refusal.
        error: VerifyError,
    },
}

impl LoadError {
    /// The message printed on stderr.
    pub fn render(&self) -> String {
        match self {
            LoadError::Io { path, error } => {
                format!("error: cannot read {}: {error}\n", path.display())
            }
            LoadError::UnknownType { path } => format!(
                "error: {}: unknown program type (expected a .py, .asm, .iasm or .rbc file)\n",
                path.display()
            ),
            LoadError::Source {
                path,
                source,
                diagnostics,
            } => diagnostics::render_all(diagnostics, &path.display().to_string(), source),
            LoadError::Bytecode { path, error } => format!("error: {}: {error}\n", path.display()),
            LoadError::Verify { path, error } => format!("error: {}: {error}\n", path.display()),
        }
    }
}

fn read_text(path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path).map_err(|error| LoadError::Io {
        path: path.to_path_buf(),
        error,
    })
}

/// The program type of a path, from its extension.
pub fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Verifies a module compiled from source, or reports the front end's diagnostics.
fn from_source(
    path: &Path,
    source: String,
    compiled: Result<bytecode::Module, Vec<Diagnostic>>,
) -> Result<Program, LoadError> {
    match compiled {
        Ok(module) => {
            let module = verifier::verify(module).map_err(|error| LoadError::Verify {
                path: path.to_path_buf(),
                error,
            })?;
            Ok(Program {
                module,
                source: Some(source),
            })
        }
        Err(diagnostics) => Err(LoadError::Source {
            path: path.to_path_buf(),
            source,
            diagnostics,
        }),
    }
}

/// Compiles and verifies Python source that did not come from a file
/// (standard input); `name` stands for the file in messages and tracebacks.
pub fn python_source(source: String, name: &str) -> Result<Program, LoadError> {
    let compiled = python::compile(&source, name).map_err(|e| vec![e.diagnostic()]);
    from_source(Path::new(name), source, compiled)
}

/// Loads and verifies a program file (.py, .asm, .iasm or .rbc).
pub fn load(path: &Path) -> Result<Program, LoadError> {
    let name = path.display().to_string();
    match extension(path).as_str() {
        "py" => {
            let source = read_text(path)?;
            let compiled = python::compile(&source, &name).map_err(|e| vec![e.diagnostic()]);
            from_source(path, source, compiled)
        }
        "asm" => {
            let source = read_text(path)?;
            let compiled = asm::assemble(&source, &name);
            from_source(path, source, compiled)
        }
        "iasm" => {
            let source = read_text(path)?;
            let compiled = iasm::compile(&source, &name);
            from_source(path, source, compiled)
        }
        "rbc" => {
            let bytes = std::fs::read(path).map_err(|error| LoadError::Io {
                path: path.to_path_buf(),
                error,
            })?;
            let module = bytecode::format::read(&bytes).map_err(|error| LoadError::Bytecode {
                path: path.to_path_buf(),
                error,
            })?;
            let module = verifier::verify(module).map_err(|error| LoadError::Verify {
                path: path.to_path_buf(),
                error,
            })?;
            Ok(Program {
                module,
                source: None,
            })
        }
        _ => Err(LoadError::UnknownType {
            path: path.to_path_buf(),
        }),
    }
}
