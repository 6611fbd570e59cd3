//! The subcommands. Each returns the process exit code:
//! 0 success, 1 runtime error, 2 the program could not be loaded, 3 a limit was hit.

use crate::cli::{Cli, Command, RunArgs};
use crate::load::{self, LoadError, Program};
use crate::output::SharedHost;
use crate::tutorial;
use std::io::Write;
use std::path::{Path, PathBuf};
use vm::{Config, Outcome, RunError, Vm};

/// Exit code: the program ran and succeeded.
pub const EXIT_OK: i32 = 0;
/// Exit code: a runtime error (an uncaught exception or trap).
pub const EXIT_RUNTIME: i32 = 1;
/// Exit code: the program could not be loaded.
pub const EXIT_LOAD: i32 = 2;
/// Exit code: a limit was hit (fuel, memory).
pub const EXIT_LIMIT: i32 = 3;

/// Runs the parsed command line.
pub fn dispatch(cli: Cli) -> i32 {
    match cli.command {
        Command::Asm { file, output } => asm(&file, output),
        Command::Disasm { file } => disasm(&file),
        Command::Run(args) => run(&args),
        Command::Calc(args) => crate::calc::calc(&args),
        Command::Repl(args) => repl::terminal::run(args.mode.into()),
    }
}

/// `rhodium` without arguments behaves as `python3` does: an interactive
/// session when standard input is a terminal, otherwise standard input is
/// a Python program, run as `rhodium run` runs a file.
pub fn no_arguments() -> i32 {
    use std::io::{IsTerminal, Read};
    if std::io::stdin().is_terminal() {
        return repl::terminal::run(repl::Mode::Python);
    }
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
        eprint(&format!("error: cannot read standard input: {e}\n"));
        return EXIT_LOAD;
    }
    let source = String::from_utf8_lossy(&bytes).into_owned();
    let program = match load::python_source(source, "<stdin>") {
        Ok(p) => p,
        Err(e) => {
            eprint(&e.render());
            return EXIT_LOAD;
        }
    };
    let args = RunArgs {
        fuel: None,
        trace: false,
        dump_registers: false,
        max_depth: Config::default().max_depth,
        max_heap: None,
        max_instructions: None,
        timeout: None,
        test_hooks: false,
        // What CPython's sys.argv[0] is for a program read from standard input.
        file: PathBuf::from("-"),
        args: Vec::new(),
    };
    execute(program, &args)
}

fn eprint(text: &str) {
    let _ = std::io::stderr().write_all(text.as_bytes());
}

fn load_or_report(path: &Path) -> Result<Program, i32> {
    load::load(path).map_err(|e: LoadError| {
        eprint(&e.render());
        EXIT_LOAD
    })
}

fn asm(file: &Path, output: Option<PathBuf>) -> i32 {
    let program = match load_or_report(file) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let out = output.unwrap_or_else(|| file.with_extension("rbc"));
    // Writing over the input would lose it (a source file), or silently do
    // nothing useful (a module written back over itself).
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    };
    if same(file, &out) {
        eprint(&format!(
            "error: {} would be written over its own input; give another output with -o\n",
            out.display()
        ));
        return EXIT_LOAD;
    }
    let bytes = bytecode::format::write(program.module.module());
    match std::fs::write(&out, bytes) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprint(&format!("error: cannot write {}: {e}\n", out.display()));
            EXIT_LOAD
        }
    }
}

fn disasm(file: &Path) -> i32 {
    match load_or_report(file) {
        Ok(p) => {
            let text = asm::disassemble(p.module.module());
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(text.as_bytes());
            EXIT_OK
        }
        Err(code) => code,
    }
}

fn run(args: &RunArgs) -> i32 {
    let program = match load_or_report(&args.file) {
        Ok(p) => p,
        Err(code) => return code,
    };
    execute(program, args)
}

/// Runs a loaded program as `rhodium run` does and returns the exit code.
fn execute(program: Program, args: &RunArgs) -> i32 {
    if args.dump_registers && program.module.module().language != bytecode::Language::Tutorial {
        eprint(&format!("error: {}\n", tutorial::DumpError::NotTutorial));
        return EXIT_LOAD;
    }
    if program.module.module().language == bytecode::Language::Python {
        return run_processes(program, args);
    }
    if args.timeout.is_some() {
        eprint(
            "error: --timeout applies to Python programs (which run as processes); use --fuel\n",
        );
        return EXIT_LOAD;
    }
    // Without processes, the main process's instruction limit is the fuel.
    let fuel = match (args.fuel, args.max_instructions) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let mut argv = vec![args.file.display().to_string()];
    argv.extend(args.args.iter().cloned());
    let host = SharedHost::default();
    let config = Config {
        max_depth: args.max_depth,
        max_heap: args.max_heap,
        argv,
        test_hooks: args.test_hooks,
    };

    let mut machine = Vm::new(Box::new(host.clone()), config);
    let unit = machine.load(program.module);
    if machine.start(unit).is_err() {
        eprint("error: the module has no entry function\n");
        return EXIT_LOAD;
    }
    let outcome = if args.trace {
        trace(&mut machine, fuel, &host)
    } else {
        machine.run(fuel)
    };
    host.flush();
    if let (true, Outcome::Finished(result)) = (args.dump_registers, &outcome) {
        match tutorial::dump(&machine, *result) {
            Ok(text) => {
                let _ = std::io::stdout().lock().write_all(text.as_bytes());
            }
            Err(e) => {
                eprint(&format!("error: {e}\n"));
                return EXIT_RUNTIME;
            }
        }
    }
    report(&machine, outcome, program.source.as_deref())
}

/// Runs a Python program under the process runtime, as its main process
/// (so `process.self()` works in it); `--fuel`, `--max-instructions`,
/// `--max-heap` and `--trace` apply to the main process.
fn run_processes(program: Program, args: &RunArgs) -> i32 {
    let mut argv = vec![args.file.display().to_string()];
    argv.extend(args.args.iter().cloned());
    let host = SharedHost::default();
    let factory: runtime::HostFactory = {
        let host = host.clone();
        std::sync::Arc::new(move || Box::new(host.clone()))
    };
    let max_instructions = match (args.fuel, args.max_instructions) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let options = runtime::Options {
        max_depth: args.max_depth,
        argv,
        test_hooks: args.test_hooks,
        main_limits: vm::process::ProcessLimits {
            max_heap: args.max_heap,
            max_instructions,
            max_mailbox: None,
        },
        timeout: args.timeout.map(std::time::Duration::from_secs_f64),
        trace_main: args.trace,
        // `rhodium run` exits as soon as the program ends.
        free_main_at_exit: false,
        ..runtime::Options::default()
    };
    let name = program.module.module().name.clone();
    let result = runtime::run(program.module, factory, options);
    host.flush();
    match result {
        Ok(main) => report_main(main, program.source.as_deref(), &name, args.fuel),
        Err(e) => {
            eprint(&format!("error: {e}\n"));
            EXIT_LOAD
        }
    }
}

/// Prints how the main process ended and returns the program's exit code.
fn report_main(
    main: runtime::MainResult,
    source: Option<&str>,
    name: &str,
    fuel: Option<u64>,
) -> i32 {
    use runtime::{describe, Ending, LimitHit};
    let (message, code) = match main.ending {
        Ending::Normal => return EXIT_OK,
        Ending::SysExit(code) => return code,
        Ending::Exception(report) => {
            let lines: Vec<&str> = source.map(|s| s.lines().collect()).unwrap_or_default();
            let lookup = |file: &str, line: u32| {
                let index = line.checked_sub(1)? as usize;
                if file == name {
                    lines.get(index).map(|s| s.to_string())
                } else {
                    runtime::embedded_source(file)?
                        .lines()
                        .nth(index)
                        .map(str::to_string)
                }
            };
            eprint(&report.render(&lookup));
            return EXIT_RUNTIME;
        }
        Ending::Exited(reason) => (
            format!("the main process exited: {}", describe(&reason)),
            EXIT_RUNTIME,
        ),
        Ending::Signal { reason, from } => (
            format!(
                "the main process was ended by an exit signal from <pid {from}>: {}",
                describe(&reason)
            ),
            EXIT_RUNTIME,
        ),
        Ending::Limit(LimitHit::Heap(limit)) => {
            (vm::Limit::Memory { limit }.to_string(), EXIT_LIMIT)
        }
        Ending::Limit(LimitHit::Instructions(n)) if fuel == Some(n) => (
            format!("fuel exhausted after {} instructions", main.instructions),
            EXIT_LIMIT,
        ),
        Ending::Limit(LimitHit::Instructions(n)) => (
            format!("the main process exceeded its limit of {n} instructions (--max-instructions)"),
            EXIT_LIMIT,
        ),
        Ending::Limit(LimitHit::Mailbox(n)) => (
            format!("the main process's mailbox exceeded its limit of {n} messages"),
            EXIT_LIMIT,
        ),
        Ending::Panic => (
            "internal error: the main process panicked (a bug in Rhodium)".into(),
            EXIT_RUNTIME,
        ),
        Ending::StartFailed(why) => (why, EXIT_RUNTIME),
        Ending::Deadlock => (
            "deadlock: every process is waiting, and nothing can wake the main process".into(),
            EXIT_RUNTIME,
        ),
        Ending::Timeout(limit) => (
            format!(
                "timeout: the program ran for more than {} seconds",
                limit.as_secs_f64()
            ),
            EXIT_LIMIT,
        ),
    };
    eprint(&format!("error: {message}\n"));
    code
}

/// Runs one instruction at a time, printing each with the registers it wrote.
fn trace(machine: &mut Vm, fuel: Option<u64>, host: &SharedHost) -> Outcome {
    let mut left = fuel.unwrap_or(u64::MAX);
    loop {
        if left == 0 || !machine.is_running() {
            return Outcome::OutOfFuel;
        }
        left -= 1;
        let (outcome, line) = vm::trace::step(machine);
        host.flush();
        eprint(&line);
        match outcome {
            Outcome::OutOfFuel => continue,
            other => return other,
        }
    }
}

/// Prints the outcome of a run and returns the exit code.
fn report(machine: &Vm, outcome: Outcome, source: Option<&str>) -> i32 {
    match outcome {
        Outcome::Finished(_) => EXIT_OK,
        Outcome::Exit(code) => code,
        Outcome::Blocked(_) => {
            eprint("error: the program waits for a message or a timer, but it is not running under the process runtime\n");
            EXIT_RUNTIME
        }
        Outcome::Exited(reason) => match reason {
            vm::message::Message::Str(s) if s == "normal" => EXIT_OK,
            other => {
                eprint(&format!(
                    "error: the process exited with reason {other:?}\n"
                ));
                EXIT_RUNTIME
            }
        },
        Outcome::OutOfFuel => {
            eprint(&format!(
                "error: fuel exhausted after {} instructions\n",
                machine.instructions_executed()
            ));
            EXIT_LIMIT
        }
        Outcome::Error(RunError::Limit(limit)) => {
            eprint(&format!("error: {limit}\n"));
            EXIT_LIMIT
        }
        Outcome::Error(RunError::Exception(report)) => {
            let lines: Vec<&str> = source.map(|s| s.lines().collect()).unwrap_or_default();
            let lookup = |_: &str, line: u32| {
                lines
                    .get(line.saturating_sub(1) as usize)
                    .map(|s| s.to_string())
            };
            eprint(&report.render(&lookup));
            EXIT_RUNTIME
        }
    }
}
