//! Programs compiled to resume a persistent machine (the REPL's assembly
//! mode): the state global in and out, the entry point, traps that keep the
//! state, and the labels a parse reports.

use iasm::{compile_resumable, parse, LabelValue, STATE_GLOBAL, STATE_LEN};
use vm::heap::Object;
use vm::{Config, Outcome, RunError, SharedCapture, UnitId, Value, Vm};

/// A VM holding a fresh machine in the state global of an anchor unit.
fn machine() -> (Vm, UnitId, SharedCapture) {
    let host = SharedCapture::default();
    let mut vm = Vm::new(Box::new(host.clone()), Config::default());
    let empty = parse("").expect("the empty program parses");
    let module = compile_resumable(&empty, 0, "t").expect("it compiles");
    let anchor = vm.load(bytecode::verifier::verify(module).expect("it verifies"));
    let heap = vm.heap_mut();
    let mut items = vec![Value::Int(0); 32];
    items.extend(vec![Value::Float(0.0); 32]);
    items.push(Value::Bool(false));
    items.push(Value::Int(0));
    items.push(heap.list(Vec::new()));
    items.push(Value::Obj(heap.alloc(Object::Memory(Vec::new()))));
    let state = heap.tuple(items);
    vm.set_global(anchor, STATE_GLOBAL, state)
        .expect("the anchor is loaded");
    (vm, anchor, host)
}

/// Compiles `source`, runs it from instruction `entry` on the machine.
fn run(vm: &mut Vm, anchor: UnitId, source: &str, entry: usize) -> Outcome {
    let program = parse(source).unwrap_or_else(|e| panic!("{source}: {e:?}"));
    let module = compile_resumable(&program, entry, "t").expect("it compiles");
    let unit = vm
        .load_shared(
            bytecode::verifier::verify(module).expect("it verifies"),
            anchor,
        )
        .expect("the anchor is loaded");
    vm.start(unit).expect("the unit has an entry");
    vm.run(Some(1_000_000))
}

fn state(vm: &Vm, anchor: UnitId) -> Vec<Value> {
    let s = vm.global(anchor, STATE_GLOBAL).expect("the state is bound");
    let items = vm.heap().as_seq(s).expect("a tuple").to_vec();
    assert_eq!(items.len(), STATE_LEN);
    items
}

fn int(v: Value) -> i64 {
    match v {
        Value::Int(i) => i,
        other => panic!("not an int: {other:?}"),
    }
}

#[test]
fn each_run_continues_from_the_last_state() {
    let (mut vm, anchor, _) = machine();
    let program = "LOAD $0 #5\nINC $0\nPUSH $0";
    // Only the instruction at the entry point runs, then the end of the code.
    assert!(matches!(
        run(&mut vm, anchor, "LOAD $0 #5", 0),
        Outcome::Finished(_)
    ));
    assert!(matches!(
        run(&mut vm, anchor, "LOAD $0 #5\nINC $0", 1),
        Outcome::Finished(_)
    ));
    let out = run(&mut vm, anchor, program, 2);
    let Outcome::Finished(returned) = out else {
        panic!("{out:?}")
    };
    let s = state(&vm, anchor);
    assert_eq!(int(s[0]), 6);
    assert_eq!(vm.repr(s[66]), "[6]", "the stack");
    assert_eq!(
        vm.heap().as_seq(returned).map(|r| r.len()),
        Some(STATE_LEN),
        "a normal stop returns the state too"
    );
}

#[test]
fn a_jump_back_reruns_earlier_instructions() {
    let (mut vm, anchor, host) = machine();
    let src = "hi: .asciiz 'x'\nLOAD $0 #3\ntop: PRTS @hi\nDEC $0\nNEQ $0 $1\nDJMPE @top";
    let out = run(&mut vm, anchor, src, 0);
    assert!(matches!(out, Outcome::Finished(_)), "{out:?}");
    assert_eq!(host.stdout(), "xxx");
    assert_eq!(int(state(&vm, anchor)[0]), 0);
}

#[test]
fn an_entry_past_the_end_runs_nothing() {
    let (mut vm, anchor, host) = machine();
    let out = run(&mut vm, anchor, "t: .asciiz 'no'\nPRTS @t\nLOAD $3 #1", 7);
    assert!(matches!(out, Outcome::Finished(_)), "{out:?}");
    assert_eq!(host.stdout(), "");
    assert_eq!(int(state(&vm, anchor)[3]), 0);
}

#[test]
fn a_trap_stores_the_state_reached_before_it() {
    let (mut vm, anchor, _) = machine();
    let src = "LOAD $0 #7\nLOAD $1 #9\nPOP $2";
    let out = run(&mut vm, anchor, src, 0);
    let Outcome::Error(RunError::Exception(report)) = out else {
        panic!("{out:?}")
    };
    assert_eq!(
        report.render_trap(),
        "error: IndexError: POP from an empty stack\n  at main (function 0, instruction 9, t:3:1)\n"
    );
    let s = state(&vm, anchor);
    assert_eq!((int(s[0]), int(s[1])), (7, 9));
}

#[test]
fn the_heap_persists_between_runs() {
    let (mut vm, anchor, _) = machine();
    let src = "LOAD $0 #8\nALOC $0\nLOAD $1 #4\nLOAD $2 #-3\nSETM $1 $2\nLOADM $1 $5";
    assert!(matches!(run(&mut vm, anchor, src, 0), Outcome::Finished(_)));
    let s = state(&vm, anchor);
    assert_eq!(int(s[5]), -3);
    let Value::Obj(r) = s[67] else {
        panic!("the heap is an object")
    };
    assert!(matches!(vm.heap().get(r), Object::Memory(b) if b.len() == 8));
}

#[test]
fn parse_reports_the_labels_in_source_order() {
    let program =
        parse("start: LOAD $0 #1\nmsg: .asciiz 'hi'\nn: .integer #42\nend:").expect("it parses");
    let labels: Vec<(String, u32, LabelValue)> = program
        .labels
        .into_iter()
        .map(|l| (l.name, l.line, l.value))
        .collect();
    assert_eq!(
        labels,
        vec![
            ("start".to_string(), 1, LabelValue::Code(0)),
            ("msg".to_string(), 2, LabelValue::Str("hi".into())),
            ("n".to_string(), 3, LabelValue::Int(42)),
            ("end".to_string(), 4, LabelValue::Code(1)),
        ]
    );
}
