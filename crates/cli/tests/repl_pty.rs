//! `rhodium` on a pseudo-terminal, as a person uses it: the banner and the
//! prompts, a block with its `... ` prompt, Ctrl-C cancelling a line and
//! interrupting an endless loop without leaving the session, history recalled
//! with the up arrow and kept across sessions, Ctrl-D leaving with code 0.
//!
//! Every wait has a generous timeout and nothing measures time, so a slow
//! machine only makes the test slower.

#![cfg(unix)]

use expectrl::{ControlCode, Session, WaitStatus};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(90);
const UP: &str = "\x1b[A";

fn scratch() -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("repl-pty");
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("create a temporary directory");
    d
}

fn spawn(dir: &Path) -> Session {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rhodium"));
    command
        .env("RHODIUM_HISTORY", dir.join("history"))
        .env("HOME", dir)
        .env("TERM", "xterm")
        .current_dir(dir);
    let mut session = Session::spawn(command).expect("start rhodium on a pseudo-terminal");
    session.set_expect_timeout(Some(TIMEOUT));
    session
}

fn expect(session: &mut Session, text: &str, doing: &str) {
    if let Err(e) = session.expect(text) {
        panic!("waiting for {text:?} while {doing}: {e}");
    }
}

fn send(session: &mut Session, text: &str) {
    session.send(text).expect("write to the terminal");
}

fn line(session: &mut Session, text: &str) {
    session.send_line(text).expect("write to the terminal");
}

fn wait_exit(session: &mut Session) -> i32 {
    match session.get_process().wait() {
        Ok(WaitStatus::Exited(_, code)) => code,
        other => panic!("rhodium did not exit normally: {other:?}"),
    }
}

#[test]
fn a_terminal_session() {
    let dir = scratch();

    // ---- the first session ----
    let mut s = spawn(&dir);
    expect(&mut s, "Rhodium", "starting");
    expect(&mut s, "Ctrl-D to leave.", "reading the banner");
    expect(&mut s, ">>> ", "waiting for the first prompt");

    line(&mut s, "x = 6 * 7");
    expect(&mut s, ">>> ", "after an assignment");
    line(&mut s, "x");
    expect(&mut s, "42", "evaluating x");
    expect(&mut s, ">>> ", "after x");

    // A block: the continuation prompt until the empty line.
    line(&mut s, "def spin():");
    expect(&mut s, "... ", "inside a def");
    line(&mut s, "    print('spinning')");
    expect(&mut s, "... ", "inside a def");
    line(&mut s, "    while True:");
    expect(&mut s, "... ", "inside a def");
    line(&mut s, "        pass");
    expect(&mut s, "... ", "inside a def");
    line(&mut s, "");
    expect(&mut s, ">>> ", "after the def");

    // Ctrl-C interrupts the endless loop; the session goes on. The loop is
    // surely running once it has printed; Ctrl-C is sent again if the first
    // one reached the terminal before it left raw mode.
    line(&mut s, "spin()");
    expect(&mut s, "spinning", "starting the endless loop");
    let mut interrupted = false;
    for _ in 0..5 {
        std::thread::sleep(Duration::from_millis(300));
        s.send(ControlCode::EndOfText).expect("send Ctrl-C");
        s.set_expect_timeout(Some(Duration::from_secs(20)));
        if s.expect("KeyboardInterrupt").is_ok() {
            interrupted = true;
            break;
        }
    }
    s.set_expect_timeout(Some(TIMEOUT));
    assert!(interrupted, "Ctrl-C did not interrupt the loop");
    expect(&mut s, ">>> ", "after the interrupt");
    line(&mut s, "x + 1");
    expect(&mut s, "43", "the session survived the interrupt");
    expect(&mut s, ">>> ", "after x + 1");

    // Ctrl-C at the prompt drops the line being typed.
    send(&mut s, "this line is dropped");
    s.send(ControlCode::EndOfText).expect("send Ctrl-C");
    expect(&mut s, "KeyboardInterrupt", "cancelling a line");
    expect(&mut s, ">>> ", "after cancelling a line");

    // The up arrow recalls the previous line.
    send(&mut s, UP);
    send(&mut s, "\r");
    expect(&mut s, "43", "running the recalled `x + 1`");
    expect(&mut s, ">>> ", "after the recalled line");

    // Other modes have their own prompts.
    line(&mut s, ".mode calc");
    expect(&mut s, "calc> ", "switching to the calculator");
    line(&mut s, "6*7+1");
    expect(&mut s, "43", "a calculator line");
    line(&mut s, ".mode asm");
    expect(&mut s, "asm> ", "switching to assembly");
    line(&mut s, ".mode python");
    expect(&mut s, ">>> ", "back to Python");

    line(&mut s, "'per' + 'sisted'");
    expect(&mut s, "'persisted'", "the last line of the first session");
    expect(&mut s, ">>> ", "before leaving");
    s.send(ControlCode::EndOfTransmission).expect("send Ctrl-D");
    assert_eq!(wait_exit(&mut s), 0, "Ctrl-D leaves with code 0");

    let history = std::fs::read_to_string(dir.join("history")).expect("the history file");
    assert!(history.contains("'per' + 'sisted'"), "{history}");
    assert!(
        !history.contains("this line is dropped"),
        "a cancelled line is not history: {history}"
    );

    // ---- a second session recalls the first one's history ----
    let mut s = spawn(&dir);
    expect(&mut s, ">>> ", "starting again");
    send(&mut s, UP);
    send(&mut s, "\r");
    expect(
        &mut s,
        "'persisted'",
        "running the line recalled from the last session",
    );
    expect(&mut s, ">>> ", "after the recalled line");
    line(&mut s, ".quit");
    assert_eq!(wait_exit(&mut s), 0, ".quit leaves with code 0");
}
