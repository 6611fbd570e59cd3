//! Command-line arguments.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Rhodium: a register virtual machine that runs its own assembly, the
/// tutorial's assembly dialect, calculator expressions and a Python subset.
#[derive(Debug, Parser)]
#[command(name = "rhodium", version, about, long_about = None)]
pub struct Cli {
    /// What to do. `rhodium` alone starts an interactive session when standard
    /// input is a terminal, and otherwise runs the Python program standard input holds.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Assemble a .asm or .iasm file into a .rbc bytecode module.
    Asm {
        /// The assembly file (.asm, or .iasm in the tutorial's dialect).
        file: PathBuf,
        /// Where to write the module (default: FILE with the extension .rbc).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print the bytecode listing of a program (.asm, .iasm, .rbc); the listing assembles back to identical bytes.
    Disasm {
        /// The program.
        file: PathBuf,
    },
    /// Run a program (.asm, .iasm, .rbc).
    Run(RunArgs),
    /// Evaluate an integer expression on the seed's stack machine or the register VM.
    Calc(CalcArgs),
    /// Start an interactive session: Python (the default), the tutorial's assembly, or the calculator. `rhodium` alone does this too on a terminal.
    Repl(ReplArgs),
}

/// Arguments of `rhodium repl`.
#[derive(Debug, Args)]
pub struct ReplArgs {
    /// The language the session starts in (`.mode` switches later).
    #[arg(long, value_enum, default_value_t = ReplMode::Python)]
    pub mode: ReplMode,
}

/// The modes `rhodium repl` can start in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReplMode {
    /// Python statements in one persistent module.
    Python,
    /// The tutorial's assembly dialect, one instruction per line, on a persistent machine.
    Asm,
    /// Integer expressions, as `rhodium calc` evaluates them.
    Calc,
}

impl From<ReplMode> for repl::Mode {
    fn from(mode: ReplMode) -> repl::Mode {
        match mode {
            ReplMode::Python => repl::Mode::Python,
            ReplMode::Asm => repl::Mode::Asm,
            ReplMode::Calc => repl::Mode::Calc,
        }
    }
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
    /// After a tutorial program (.iasm) stops, print its registers: `$N = VALUE` for the 32
    /// integer registers, then `$fN = VALUE` for each float register that is not zero.
    #[arg(long)]
    pub dump_registers: bool,
    /// Maximum call depth; deeper calls raise RecursionError.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_depth: usize,
    /// Maximum heap size in bytes (exit code 3 when exceeded).
    #[arg(long, value_name = "BYTES")]
    pub max_heap: Option<usize>,
    /// End the main process after this many instructions (exit code 3); like --fuel, which also applies to it.
    #[arg(long, value_name = "N")]
    pub max_instructions: Option<u64>,
    /// Python programs: end the program when it runs longer than this many seconds (exit code 3).
    #[arg(long, value_name = "SECONDS", value_parser = parse_timeout)]
    pub timeout: Option<f64>,
    /// Test only: enable built-ins that exist for tests (`process._panic()`).
    #[arg(long, hide = true)]
    pub test_hooks: bool,
    /// The program to run.
    pub file: PathBuf,
    /// Arguments passed to the program.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

fn parse_timeout(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s.is_finite() && s > 0.0 && s < 1e9 => Ok(s),
        _ => Err(format!(
            "expected a number of seconds greater than 0, found {text:?}"
        )),
    }
}

/// Arguments of `rhodium calc`.
#[derive(Debug, Args)]
pub struct CalcArgs {
    /// The machine that evaluates: the register VM, the seed's stack machine, or both (exit code 1 if they disagree).
    #[arg(long, value_enum, default_value_t = CalcMachine::Register)]
    pub vm: CalcMachine,
    /// Print the generated instructions (hex word and mnemonic) instead of running them.
    #[arg(long, conflicts_with_all = ["trace", "stats"])]
    pub emit: bool,
    /// Print a transcript of the run in the seed's style, ending with `[*] Output : N`, instead of the bare value.
    #[arg(long, conflicts_with = "stats")]
    pub trace: bool,
    /// Print the instructions generated and executed by both machines, then the value.
    #[arg(long)]
    pub stats: bool,
    /// The expression, e.g. "( 4 + 5) / (6*4 / (4-2)) * (7*4) + 3"; without it, expressions are read from standard input, one per line.
    #[arg(allow_hyphen_values = true)]
    pub expr: Option<String>,
}

/// The machines `rhodium calc` can run an expression on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CalcMachine {
    /// The register VM: 64-bit literals.
    Register,
    /// The seed's stack machine: 14-bit literals.
    Stack,
    /// Both, comparing their results.
    Both,
}
