//! Modules shipped with Rhodium that are written in its Python and compiled
//! when a program imports them (`supervisor`).

use bytecode::Module;
use std::sync::OnceLock;
use vm::process::ModuleLoader;

/// The file name tracebacks show for the supervisor module.
pub const SUPERVISOR_FILE: &str = "<rhodium>/supervisor.py";

const SUPERVISOR: &str = include_str!("supervisor.py");

/// Finds the modules shipped with Rhodium.
#[derive(Debug, Default, Clone, Copy)]
pub struct Loader;

impl ModuleLoader for Loader {
    fn load(&self, name: &str) -> Option<Result<Module, String>> {
        match name {
            "supervisor" => {
                // Compiled once per run of the program, whichever process imports it first.
                static COMPILED: OnceLock<Result<Module, String>> = OnceLock::new();
                Some(
                    COMPILED
                        .get_or_init(|| {
                            python::compile(SUPERVISOR, SUPERVISOR_FILE).map_err(|e| e.to_string())
                        })
                        .clone(),
                )
            }
            _ => None,
        }
    }
}

/// The source of a shipped module by the file name its tracebacks show.
pub fn embedded_source(file: &str) -> Option<&'static str> {
    (file == SUPERVISOR_FILE).then_some(SUPERVISOR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_supervisor_compiles() {
        match Loader.load("supervisor") {
            Some(Ok(m)) => assert!(!m.functions.is_empty()),
            Some(Err(e)) => panic!("supervisor.py does not compile: {e}"),
            None => panic!("no supervisor module"),
        }
        assert!(Loader.load("nonexistent").is_none());
        assert!(embedded_source(SUPERVISOR_FILE).is_some());
    }
}
