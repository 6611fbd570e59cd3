//! The `rhodium` command. `main` only parses arguments and dispatches.

use clap::Parser;

fn main() {
    let cli = rhodium::cli::Cli::parse();
    std::process::exit(rhodium::commands::dispatch(cli));
}
