//! The `rhodium` command. `main` only parses arguments and dispatches.

use clap::Parser;

fn main() {
    if std::env::args_os().len() <= 1 {
        std::process::exit(rhodium::commands::no_arguments());
    }
    let cli = rhodium::cli::Cli::parse();
    std::process::exit(rhodium::commands::dispatch(cli));
}
