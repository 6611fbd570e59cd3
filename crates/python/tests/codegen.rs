//! Snapshot tests of the compiler's output: the disassembly of small programs,
//! so that a change in code generation shows up as a readable diff.
//! Review changes with `cargo insta review` (or accept with INSTA_UPDATE=always).

fn listing(source: &str) -> String {
    let module = python::compile(source, "snippet.py").expect("compiles");
    bytecode::verifier::verify(module.clone()).expect("verifies");
    asm::disassemble(&module)
}

#[test]
fn a_while_counting_loop_is_three_instructions_per_iteration() {
    insta::assert_snapshot!(listing(
        "def main(n):\n    s = 0\n    i = 0\n    while i < n:\n        s += i\n        i += 1\n    return s\n"
    ));
}

#[test]
fn a_range_loop_is_two_instructions_per_iteration() {
    insta::assert_snapshot!(listing(
        "def main(n):\n    s = 0\n    for i in range(n):\n        s += i\n    return s\n"
    ));
}

#[test]
fn recursion_and_conditional_expressions() {
    insta::assert_snapshot!(listing(
        "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n"
    ));
}

#[test]
fn calls_into_items_and_arguments_need_no_move() {
    insta::assert_snapshot!(listing(
        "def make(d):\n    return (make(d - 1), make(d - 1), [len(str(d))], g(h(d), k=h(d)))\n"
    ));
}

#[test]
fn unpacking_into_consecutive_locals_writes_them_directly() {
    insta::assert_snapshot!(listing(
        "def f(node):\n    left, right = node\n    right, left = node\n    return left, right\n"
    ));
}

#[test]
fn locals_that_may_be_unbound_are_checked_once() {
    insta::assert_snapshot!(listing(
        "def f(flag):\n    if flag:\n        y = 1\n    print(y)\n    return y + y\n"
    ));
}

#[test]
fn closures_share_cells() {
    insta::assert_snapshot!(listing(
        "def counter():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc\n"
    ));
}

#[test]
fn try_except_finally_builds_an_exception_table() {
    insta::assert_snapshot!(listing(
        "def f(x):\n    try:\n        return 1 / x\n    except ZeroDivisionError as e:\n        print(e)\n    finally:\n        print('done')\n"
    ));
}

#[test]
fn interactive_input_completeness() {
    use python::input_is_incomplete as inc;
    assert!(!inc("x = 1\n"));
    assert!(inc("def f():\n"));
    assert!(inc("def f():\n    return 1\n"));
    assert!(!inc("def f():\n    return 1\n\n"));
    assert!(inc("xs = [1,\n"));
    assert!(!inc("xs = [1,\n 2]\n"));
    assert!(inc("s = '''abc\n"));
    assert!(!inc("print(\"#:\")\n"));
    assert!(
        !inc("1 +* 2\n"),
        "a syntax error in the middle is complete (and reported)"
    );
}
