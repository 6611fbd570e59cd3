//! The `rhodium` command. `main` only parses arguments and dispatches.

use clap::Parser;

// Programs allocate many small strings, tuples and lists; mimalloc serves
// them markedly faster than the system allocator (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if std::env::args_os().len() <= 1 {
        std::process::exit(rhodium::commands::no_arguments());
    }
    let cli = rhodium::cli::Cli::parse();
    std::process::exit(rhodium::commands::dispatch(cli));
}
