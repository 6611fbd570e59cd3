//! The compiler refuses reads of CPython built-ins that Rhodium lacks
//! (`python::UNSUPPORTED_BUILTINS`); these tests keep that list in step with
//! the VM's built-ins and with CPython 3.11's.

use std::process::Command;

/// Whether the VM defines a built-in of this name (a function or a class).
fn vm_has(name: &str) -> bool {
    vm::NativeId::ALL
        .iter()
        .any(|id| vm::native_name(*id) == name)
        || vm::ClassId::by_name(name).is_some()
}

#[test]
fn refused_names_are_not_vm_builtins() {
    for name in python::UNSUPPORTED_BUILTINS {
        assert!(!vm_has(name), "'{name}' is refused but the VM provides it");
    }
}

#[test]
fn every_cpython_builtin_is_provided_or_refused() {
    let out = Command::new("/usr/bin/python3.11")
        .args(["-c", "import builtins; print('\\n'.join(dir(builtins)))"])
        .output()
        .expect("CPython 3.11 runs");
    let names = String::from_utf8_lossy(&out.stdout);
    assert!(names.lines().count() > 100, "CPython listed no built-ins");
    // Keywords-like constants are literals; `__name__` is compiled to "__main__".
    let literal = ["True", "False", "None", "__name__"];
    let missing: Vec<&str> = names
        .lines()
        .filter(|n| !vm_has(n) && !literal.contains(n) && !python::UNSUPPORTED_BUILTINS.contains(n))
        .collect();
    assert!(
        missing.is_empty(),
        "CPython built-ins neither provided nor refused: {missing:?}"
    );
}

#[test]
fn a_refused_builtin_is_reported_with_its_position() {
    let err = python::compile("x = 1\nprint(vars())\n", "p.py").expect_err("refused");
    assert_eq!(err.kind, python::ErrorKind::Unsupported);
    assert_eq!((err.span.line, err.span.col), (2, 7));
    assert!(err.message.contains("'vars'"), "{}", err.message);
}

#[test]
fn a_bound_name_shadows_a_refused_builtin() {
    let src = "def open(path):\n    return path\nprint(open('f'))\n";
    assert!(python::compile(src, "p.py").is_ok());
    let src = "def f():\n    global input\n    input = 1\nf()\nprint(input)\n";
    assert!(python::compile(src, "p.py").is_ok());
}

#[test]
fn the_repl_does_not_refuse_names_an_earlier_input_may_bind() {
    assert!(python::compile_interactive("print(dir)\n", "<stdin>").is_ok());
}
