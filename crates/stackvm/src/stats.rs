//! Instructions generated and executed by both machines for one expression.

use crate::ast::Expr;
use crate::codegen_register;
use crate::codegen_stack;
use crate::error::CalcError;
use crate::machine::Machine;
use std::fmt;

/// What one machine did with the expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counts {
    /// Instructions in the compiled program (all functions, for the register VM).
    pub generated: usize,
    /// Instructions executed (up to the error, if the run failed).
    pub executed: u64,
    /// The value, or the runtime error.
    pub result: Result<i64, CalcError>,
}

/// The comparison for one expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stats {
    /// Operators (binary and unary minus) in the expression.
    pub operators: usize,
    /// Literals in the expression.
    pub literals: usize,
    /// The stack machine's counts, or why it cannot compile the expression.
    pub stack: Result<Counts, CalcError>,
    /// The register VM's counts, or why it cannot compile the expression.
    pub register: Result<Counts, CalcError>,
    /// Functions in the register program (1 unless helpers were needed).
    pub register_functions: usize,
    /// The most registers a register-program function uses.
    pub registers: usize,
}

/// Compiles and runs an expression on both machines, counting instructions.
pub fn stats(expr: &Expr) -> Stats {
    let stack = codegen_stack::compile(expr)
        .map_err(CalcError::from)
        .map(|program| {
            let mut machine = Machine::new();
            let result = program.run(&mut machine);
            Counts {
                generated: program.len(),
                executed: machine.executed(),
                result,
            }
        });
    let compiled = codegen_register::compile(expr).map_err(CalcError::from);
    let (register_functions, registers) = match &compiled {
        Ok(p) => (p.module().functions.len(), p.registers()),
        Err(_) => (0, 0),
    };
    let register = compiled.map(|program| {
        let (result, executed) = program.run();
        Counts {
            generated: program.len(),
            executed,
            result,
        }
    });
    Stats {
        operators: expr.operators(),
        literals: expr.literals(),
        stack,
        register,
        register_functions,
        registers,
    }
}

fn ratio(a: f64, b: f64) -> String {
    if b == 0.0 {
        "-".to_string()
    } else {
        format!("{:.2}", a / b)
    }
}

/// A table of the counts, then the stack/register ratios when both compiled.
impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "expression: {} operators, {} literals",
            self.operators, self.literals
        )?;
        writeln!(f, "{:<16}{:>12}{:>12}", "machine", "generated", "executed")?;
        for (name, counts) in [("stack", &self.stack), ("register", &self.register)] {
            match counts {
                Ok(c) => writeln!(f, "{name:<16}{:>12}{:>12}", c.generated, c.executed)?,
                Err(e) => writeln!(f, "{name:<16}  cannot compile: {e}")?,
            }
        }
        if let (Ok(s), Ok(r)) = (&self.stack, &self.register) {
            writeln!(
                f,
                "{:<16}{:>12}{:>12}",
                "stack/register",
                ratio(s.generated as f64, r.generated as f64),
                ratio(s.executed as f64, r.executed as f64)
            )?;
        }
        writeln!(
            f,
            "register VM: {} function(s), at most {} registers",
            self.register_functions, self.registers
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::parse;

    #[test]
    fn counts_for_the_seed_example() {
        let s = stats(&parse("( 4 + 5) / (6*4 / (4-2)) * (7*4) + 3").unwrap());
        let stack = s.stack.as_ref().unwrap();
        assert_eq!((stack.generated, stack.executed), (10, 10));
        assert_eq!(stack.result, Ok(3));
        let register = s.register.as_ref().unwrap();
        assert_eq!(register.generated as u64, register.executed);
        assert_eq!(register.result, Ok(3));
        assert_eq!((s.operators, s.literals), (8, 9));
        let text = s.to_string();
        assert!(
            text.starts_with("expression: 8 operators, 9 literals\n"),
            "{text}"
        );
        assert!(
            text.contains("\nstack                     10          10\n"),
            "{text}"
        );
    }

    #[test]
    fn a_literal_the_stack_machine_cannot_encode() {
        let s = stats(&parse("100000 * 3").unwrap());
        assert!(matches!(s.stack, Err(CalcError::StackCompile(_))));
        assert_eq!(s.register.as_ref().unwrap().result, Ok(300000));
        assert!(s
            .to_string()
            .contains("stack             cannot compile: the literal 100000"));
    }
}
