//! Code generation for the stack machine: a post-order walk of the tree.
//!
//! An operation on two literals is one instruction of the seed's kind
//! (`ADD 4, 5`); any other literal is a `PUSH`, and operations on computed
//! values use the stack forms (`SADD`), so intermediate results pass on the
//! stack. The program ends with `HALT`; its output is the value on top.

use crate::ast::{Expr, Node, NodeId};
use crate::error::{CalcError, RuntimeError};
use crate::machine::{
    Instruction, Machine, MachineError, Op, OPERAND_BITS, OPERAND_MAX, OPERAND_MIN,
};
use diagnostics::{Diagnostic, Span};
use std::fmt::Write;

/// Why an expression cannot be compiled for the stack machine.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StackCompileError {
    /// A literal does not fit an instruction's 14-bit operand.
    #[error("the literal {value} does not fit the stack machine's {OPERAND_BITS}-bit operands")]
    LiteralOutOfRange {
        /// The literal.
        value: i64,
        /// Where it is.
        span: Span,
    },
}

impl StackCompileError {
    /// The error as a diagnostic with a caret under the literal.
    pub fn diagnostic(&self) -> Diagnostic {
        match self {
            StackCompileError::LiteralOutOfRange { span, .. } => Diagnostic::new(*span, self.to_string())
                .expected(format!(
                    "a literal in {OPERAND_MIN}..={OPERAND_MAX} (the register VM takes any 64-bit literal: --vm register)"
                )),
        }
    }
}

/// A compiled program: instruction words and, for each, the place in the
/// expression it computes (for error messages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StackProgram {
    words: Vec<u32>,
    spans: Vec<Span>,
}

/// A step of the walk: visit a subtree, or emit an operation whose operands are done.
enum Task {
    Visit(NodeId),
    Emit(Instruction, NodeId),
}

fn encodable(value: i64) -> bool {
    (OPERAND_MIN..=OPERAND_MAX).contains(&value)
}

/// Compiles an expression for the stack machine.
pub fn compile(expr: &Expr) -> Result<StackProgram, StackCompileError> {
    generate(expr, true)
}

/// Compiles without the seed's two-literal instructions (opcodes 0..=4):
/// every literal is a `PUSH`, as on a textbook stack machine. For comparison.
pub fn compile_plain(expr: &Expr) -> Result<StackProgram, StackCompileError> {
    generate(expr, false)
}

fn generate(expr: &Expr, literal_forms: bool) -> Result<StackProgram, StackCompileError> {
    let mut program = StackProgram {
        words: Vec::with_capacity(expr.nodes().len() + 1),
        spans: Vec::with_capacity(expr.nodes().len() + 1),
    };
    let mut tasks = vec![Task::Visit(expr.root())];
    while let Some(task) = tasks.pop() {
        match task {
            Task::Emit(instruction, id) => program.push(instruction, expr.span(id)),
            Task::Visit(id) => {
                match expr.node(id) {
                    Node::Num(value) => {
                        let span = expr.span(id);
                        let push = Instruction::new(Op::Push, value, 0)
                            .map_err(|_| StackCompileError::LiteralOutOfRange { value, span })?;
                        program.push(push, span);
                    }
                    Node::Neg(x) => {
                        tasks.push(Task::Emit(Instruction::bare(Op::Negate), id));
                        tasks.push(Task::Visit(x));
                    }
                    Node::Bin(op, l, r) => match (expr.literal(l), expr.literal(r)) {
                        (Some(a), Some(b)) if literal_forms && encodable(a) && encodable(b) => {
                            let instruction = Instruction::new(Op::for_literals(op), a, b)
                                .map_err(|_| StackCompileError::LiteralOutOfRange {
                                    value: a,
                                    span: expr.span(l),
                                })?;
                            program.push(instruction, expr.span(id));
                        }
                        _ => {
                            tasks.push(Task::Emit(Instruction::bare(Op::for_stack(op)), id));
                            tasks.push(Task::Visit(r));
                            tasks.push(Task::Visit(l));
                        }
                    },
                }
            }
        }
    }
    program.push(Instruction::bare(Op::Halt), Span::default());
    Ok(program)
}

impl StackProgram {
    fn push(&mut self, instruction: Instruction, span: Span) {
        self.words.push(instruction.encode());
        self.spans.push(span);
    }

    /// The instruction words.
    pub fn words(&self) -> &[u32] {
        &self.words
    }

    /// The number of instructions.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the program has no instructions (never true for a compiled expression).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Loads the program into `machine` and runs it to `HALT`.
    pub fn run(&self, machine: &mut Machine) -> Result<i64, CalcError> {
        machine.load_program(&self.words);
        match machine.run() {
            Ok(tos) => self.run_result(tos),
            Err(e) => Err(self.error(e)),
        }
    }

    /// The result of a run that halted with `tos` on top of the stack.
    pub(crate) fn run_result(&self, tos: Option<i64>) -> Result<i64, CalcError> {
        tos.ok_or(CalcError::StackMachine(MachineError::StackUnderflow {
            index: self.words.len().saturating_sub(1),
            mnemonic: Op::Halt.mnemonic(),
            needed: 1,
            held: 0,
        }))
    }

    /// Turns a machine error into the calculator's: an arithmetic failure
    /// becomes a runtime error at the operator the failing instruction computes.
    pub fn error(&self, error: MachineError) -> CalcError {
        match error {
            MachineError::Arithmetic { index, kind } => match self.spans.get(index) {
                Some(&span) => CalcError::Runtime(RuntimeError { kind, span }),
                None => CalcError::StackMachine(error),
            },
            other => CalcError::StackMachine(other),
        }
    }

    /// One line per instruction: index, hex word, mnemonic and operands.
    pub fn listing(&self) -> String {
        let mut out = String::new();
        for (index, &word) in self.words.iter().enumerate() {
            let text = match Instruction::decode(word) {
                Ok(i) => i.to_string(),
                Err(code) => format!("<opcode {code}>"),
            };
            let _ = writeln!(out, "{index:04}  0x{word:08x}  {text}");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arith::ArithError;
    use crate::parser::parse;

    fn listing(src: &str) -> String {
        compile(&parse(src).unwrap()).unwrap().listing()
    }

    fn run(src: &str) -> Result<i64, CalcError> {
        compile(&parse(src).unwrap())?.run(&mut Machine::new())
    }

    #[test]
    fn two_literals_make_one_seed_instruction() {
        assert_eq!(
            listing("1234+123"),
            "0000  0x0134807b  ADD 1234, 123\n0001  0x50000000  HALT\n"
        );
        assert_eq!(run("1234+123"), Ok(1357));
    }

    #[test]
    fn nested_expressions_pass_results_on_the_stack() {
        let src = "( 4 + 5) / (6*4 / (4-2)) * (7*4) + 3";
        let text: Vec<String> = listing(src).lines().map(|l| l[18..].to_string()).collect();
        assert_eq!(
            text,
            [
                "ADD 4, 5",
                "MULTIPLY 6, 4",
                "SUBTRACT 4, 2",
                "SDIVIDE",
                "SDIVIDE",
                "MULTIPLY 7, 4",
                "SMULTIPLY",
                "PUSH 3",
                "SADD",
                "HALT"
            ]
        );
        assert_eq!(run(src), Ok(3));
        assert_eq!(run("-(2 - 9) % -3"), Ok(1));
    }

    #[test]
    fn the_plain_form_pushes_every_literal() {
        let program = compile_plain(&parse("1234+123").unwrap()).unwrap();
        let text: Vec<String> = program
            .listing()
            .lines()
            .map(|l| l[18..].to_string())
            .collect();
        assert_eq!(text, ["PUSH 1234", "PUSH 123", "SADD", "HALT"]);
        assert_eq!(program.run(&mut Machine::new()), Ok(1357));
    }

    #[test]
    fn literals_must_fit_14_bits() {
        assert_eq!(run("-8192 + 8191"), Ok(-1));
        let e = compile(&parse("1 + 8192").unwrap()).unwrap_err();
        assert_eq!(
            e,
            StackCompileError::LiteralOutOfRange {
                value: 8192,
                span: Span::new(1, 5, 4)
            }
        );
        assert_eq!(
            e.diagnostic().render("<expression>", "1 + 8192"),
            "<expression>:1:5: error: the literal 8192 does not fit the stack machine's 14-bit operands\n    1 + 8192\n        ^^^^ expected a literal in -8192..=8191 (the register VM takes any 64-bit literal: --vm register)\n"
        );
        // The leftmost offending literal is reported.
        let e = compile(&parse("(-9000 * 2) + 10000").unwrap()).unwrap_err();
        assert!(matches!(
            e,
            StackCompileError::LiteralOutOfRange { value: -9000, .. }
        ));
    }

    #[test]
    fn runtime_errors_point_at_the_operator() {
        assert_eq!(
            run("7 - 2 % (1 - 1)"),
            Err(CalcError::Runtime(RuntimeError {
                kind: ArithError::ModulusByZero,
                span: Span::new(1, 7, 1)
            }))
        );
        assert_eq!(
            run("8191*8191*8191*8191*8191"),
            Err(CalcError::Runtime(RuntimeError {
                kind: ArithError::Overflow,
                span: Span::new(1, 20, 1)
            }))
        );
    }
}
