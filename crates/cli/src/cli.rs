//! Command-line arguments.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Rhodium: a register virtual machine that runs its own assembly, the
/// tutorial's assembly dialect, calculator expressions and a Python subset.
#[derive(Debug, Parser)]
#[command(name = "rhodium", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Assemble a .asm file into a .rbc bytecode module.
    Asm {
        /// The assembly file.
        file: PathBuf,
        /// Where to write the module (default: FILE with the extension .rbc).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print the bytecode listing of a program (.asm, .rbc); the listing assembles back to identical bytes.
    Disasm {
        /// The program.
        file: PathBuf,
    },
    /// Run a program (.asm, .rbc).
    Run(RunArgs),
}

/// Arguments of `rhodium run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Stop after executing this many instructions (exit code 3).
    #[arg(long, value_name = "N")]
    pub fuel: Option<u64>,
    /// Print every executed instruction, with its function, index and the registers it wrote, to stderr.
    #[arg(long)]
    pub trace: bool,
    /// Maximum call depth; deeper calls raise RecursionError.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_depth: usize,
    /// Maximum heap size in bytes (exit code 3 when exceeded).
    #[arg(long, value_name = "BYTES")]
    pub max_heap: Option<usize>,
    /// The program to run.
    pub file: PathBuf,
    /// Arguments passed to the program.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}
