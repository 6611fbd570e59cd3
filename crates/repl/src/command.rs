//! The session's commands: a `.` or `!` and a name at the start of an input.

use crate::error::CommandError;
use crate::Mode;
use std::path::PathBuf;

/// The machine calculator mode evaluates on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalcMachine {
    /// The register VM (64-bit literals).
    Register,
    /// The seed's stack machine (14-bit literals).
    Stack,
}

impl CalcMachine {
    /// The name `.vm` takes.
    pub fn name(self) -> &'static str {
        match self {
            CalcMachine::Register => "register",
            CalcMachine::Stack => "stack",
        }
    }
}

/// A parsed command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `.help`
    Help,
    /// `.mode [python|asm|calc]`
    Mode(Option<Mode>),
    /// `.dis`
    Dis,
    /// `.trace [on|off]`
    Trace(Option<bool>),
    /// `.fuel [N|off]`: `Some(None)` removes the budget.
    Fuel(Option<Option<u64>>),
    /// `.history`
    History,
    /// `.quit` (or `.exit`)
    Quit,
    /// `.program`
    Program,
    /// `.registers`
    Registers,
    /// `.symbols`
    Symbols,
    /// `.clear_program`
    ClearProgram,
    /// `.clear_registers`
    ClearRegisters,
    /// `.load_file PATH`
    LoadFile(PathBuf),
    /// `.vm [stack|register]`
    Vm(Option<CalcMachine>),
}

/// Every command name, as `.help` and the parser know them.
const NAMES: &[&str] = &[
    "help",
    "mode",
    "dis",
    "trace",
    "fuel",
    "history",
    "quit",
    "exit",
    "program",
    "registers",
    "symbols",
    "clear_program",
    "clear_registers",
    "load_file",
    "vm",
];

/// The text `.help` prints.
pub const HELP: &str = "\
Commands (written with `.` or `!` first):
  .help                      this list
  .mode [python|asm|calc]    show or switch the mode
  .dis                       the disassembly of what the last input compiled to
  .trace [on|off]            print every executed instruction (on stderr)
  .fuel [N|off]              stop any input after N instructions
  .history                   the lines typed in this session
  .quit                      leave the session (so do Ctrl-D and end of input)
Assembly mode (the tutorial's dialect, one instruction per line):
  .program                   the program entered so far, with line numbers
  .registers                 the machine: registers, flag, loop counter, stack, heap
  .symbols                   the labels and data names
  .clear_program             forget the program (the machine keeps its state)
  .clear_registers           reset the machine (the program stays)
  .load_file PATH            append a .iasm file to the program and run it
Calculator mode (one integer expression per line):
  .vm [stack|register]       show or choose the machine that evaluates
Python mode runs each statement in one module; a block (def, if, for, ...)
ends with an empty line. Ctrl-C cancels the line or interrupts a running input.
";

/// Recognizes a command. `None` when the line is not one and belongs to the
/// mode's language; in assembly mode an unknown `.word` is left to the
/// assembler, whose directives (`.data`, `.code`) also start with a dot.
pub fn parse(line: &str, mode: Mode) -> Option<Result<Command, CommandError>> {
    let text = line.trim();
    let mut chars = text.chars();
    let prefix = chars.next()?;
    if prefix != '.' && prefix != '!' {
        return None;
    }
    if !chars.next().is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let body = &text[1..];
    let name_end = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(body.len());
    let (name, rest) = body.split_at(name_end);
    let name = name.to_ascii_lowercase();
    if !NAMES.contains(&name.as_str()) {
        if prefix == '.' && mode == Mode::Asm {
            return None;
        }
        return Some(Err(CommandError::Unknown {
            name: format!("{prefix}{name}"),
        }));
    }
    let rest = rest.trim();
    Some(build(&name, rest))
}

fn build(name: &str, rest: &str) -> Result<Command, CommandError> {
    let word = (!rest.is_empty()).then(|| rest.to_string());
    let bad = |command: &'static str, expected: &'static str| CommandError::BadArgument {
        command,
        expected,
        found: word.clone(),
    };
    // Commands without arguments refuse one rather than ignore a typo.
    let bare = |command: Command, static_name: &'static str| match &word {
        None => Ok(command),
        Some(_) => Err(bad(static_name, "no argument")),
    };
    match name {
        "help" => bare(Command::Help, "help"),
        "dis" => bare(Command::Dis, "dis"),
        "history" => bare(Command::History, "history"),
        "quit" => bare(Command::Quit, "quit"),
        "exit" => bare(Command::Quit, "exit"),
        "program" => bare(Command::Program, "program"),
        "registers" => bare(Command::Registers, "registers"),
        "symbols" => bare(Command::Symbols, "symbols"),
        "clear_program" => bare(Command::ClearProgram, "clear_program"),
        "clear_registers" => bare(Command::ClearRegisters, "clear_registers"),
        "mode" => match word.as_deref() {
            None => Ok(Command::Mode(None)),
            Some(w) => Mode::from_name(w)
                .map(|m| Command::Mode(Some(m)))
                .ok_or_else(|| bad("mode", "python, asm or calc")),
        },
        "trace" => match word.as_deref().map(str::to_ascii_lowercase).as_deref() {
            None => Ok(Command::Trace(None)),
            Some("on") => Ok(Command::Trace(Some(true))),
            Some("off") => Ok(Command::Trace(Some(false))),
            Some(_) => Err(bad("trace", "on or off")),
        },
        "fuel" => match word.as_deref() {
            None => Ok(Command::Fuel(None)),
            Some(w) if w.eq_ignore_ascii_case("off") => Ok(Command::Fuel(Some(None))),
            Some(w) => match w.replace('_', "").parse::<u64>() {
                Ok(n) if n > 0 => Ok(Command::Fuel(Some(Some(n)))),
                _ => Err(bad("fuel", "a number of instructions from 1 up, or `off`")),
            },
        },
        "load_file" => match word {
            None => Err(bad("load_file", "the path of a .iasm file")),
            Some(path) => Ok(Command::LoadFile(PathBuf::from(unquote(&path)))),
        },
        "vm" => match word.as_deref().map(str::to_ascii_lowercase).as_deref() {
            None => Ok(Command::Vm(None)),
            Some("stack") => Ok(Command::Vm(Some(CalcMachine::Stack))),
            Some("register") => Ok(Command::Vm(Some(CalcMachine::Register))),
            Some(_) => Err(bad("vm", "stack or register")),
        },
        // NAMES and this match list the same commands.
        _ => Err(CommandError::Unknown {
            name: format!(".{name}"),
        }),
    }
}

/// A path may be quoted when it holds spaces.
fn unquote(text: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(q).and_then(|t| t.strip_suffix(q)) {
            return inner;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(line: &str) -> Option<Result<Command, String>> {
        parse(line, Mode::Python).map(|r| r.map_err(|e| e.to_string()))
    }

    #[test]
    fn both_prefixes_name_the_same_commands() {
        assert_eq!(cmd(".help"), Some(Ok(Command::Help)));
        assert_eq!(cmd("!help"), Some(Ok(Command::Help)));
        assert_eq!(cmd("  .QUIT  "), Some(Ok(Command::Quit)));
        assert_eq!(cmd(".mode asm"), Some(Ok(Command::Mode(Some(Mode::Asm)))));
        assert_eq!(
            cmd(".fuel 1_000"),
            Some(Ok(Command::Fuel(Some(Some(1000)))))
        );
        assert_eq!(cmd(".fuel off"), Some(Ok(Command::Fuel(Some(None)))));
        assert_eq!(
            cmd(".load_file 'a b.iasm'"),
            Some(Ok(Command::LoadFile(PathBuf::from("a b.iasm"))))
        );
    }

    #[test]
    fn python_that_starts_with_a_dot_is_not_a_command() {
        assert_eq!(cmd(".5 + 1"), None);
        assert_eq!(cmd("x.y"), None);
        assert_eq!(cmd(""), None);
        assert_eq!(cmd("."), None);
    }

    #[test]
    fn bad_arguments_say_what_was_expected() {
        assert_eq!(
            cmd(".mode cobol"),
            Some(Err(
                "`.mode` expects python, asm or calc, not `cobol`".to_string()
            ))
        );
        assert_eq!(
            cmd(".fuel 0"),
            Some(Err(
                "`.fuel` expects a number of instructions from 1 up, or `off`, not `0`".to_string()
            ))
        );
        assert_eq!(
            cmd(".load_file"),
            Some(Err(
                "`.load_file` expects the path of a .iasm file".to_string()
            ))
        );
        assert_eq!(
            cmd(".help me"),
            Some(Err("`.help` expects no argument, not `me`".to_string()))
        );
        assert_eq!(
            cmd(".frobnicate"),
            Some(Err(
                "unknown command `.frobnicate` (`.help` lists the commands)".to_string()
            ))
        );
    }

    #[test]
    fn assembly_directives_are_left_to_the_assembler() {
        assert_eq!(parse(".data", Mode::Asm).map(|r| r.is_ok()), None);
        assert_eq!(parse(".code", Mode::Asm).map(|r| r.is_ok()), None);
        assert!(matches!(
            parse("!data", Mode::Asm),
            Some(Err(CommandError::Unknown { .. }))
        ));
        assert!(matches!(
            parse(".registers", Mode::Asm),
            Some(Ok(Command::Registers))
        ));
    }
}
