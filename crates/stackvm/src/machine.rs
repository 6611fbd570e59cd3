//! The seed's stack VM emulator: fixed 32-bit instructions, a fetch, decode,
//! execute cycle, and a stack of 64-bit integers.
//!
//! ```text
//!  31    28 27                         14 13                          0
//! +--------+-----------------------------+-----------------------------+
//! | opcode |      operand A (i14)        |      operand B (i14)        |
//! +--------+-----------------------------+-----------------------------+
//! ```
//!
//! Opcodes 0..=4 keep the seed's meaning: they combine their two literal
//! operands and push the result. Opcode 5 halts. Opcodes 6..=12 are what
//! nested expressions need: `PUSH` a literal, the five operations on the two
//! values on top of the stack, and `NEG`. Opcodes 13..=15 are unassigned and
//! answered with "Unusual opcode not recognized".

use crate::arith::{ArithError, BinOp};
use std::fmt;

/// Bits in each operand.
pub const OPERAND_BITS: u32 = 14;
/// The smallest operand value (-2^13).
pub const OPERAND_MIN: i64 = -(1 << (OPERAND_BITS - 1));
/// The largest operand value (2^13 - 1).
pub const OPERAND_MAX: i64 = (1 << (OPERAND_BITS - 1)) - 1;

const OPERAND_MASK: u32 = (1 << OPERAND_BITS) - 1;

/// An operation of the stack machine (the 4-bit opcode).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    /// 0: push A + B.
    Add = 0,
    /// 1: push A - B.
    Subtract = 1,
    /// 2: push A * B.
    Multiply = 2,
    /// 3: push A / B (truncating).
    Divide = 3,
    /// 4: push A % B (sign of A).
    Modulus = 4,
    /// 5: stop; the output is the value on top of the stack.
    Halt = 5,
    /// 6: push A.
    Push = 6,
    /// 7: pop y, pop x, push x + y.
    StackAdd = 7,
    /// 8: pop y, pop x, push x - y.
    StackSubtract = 8,
    /// 9: pop y, pop x, push x * y.
    StackMultiply = 9,
    /// 10: pop y, pop x, push x / y.
    StackDivide = 10,
    /// 11: pop y, pop x, push x % y.
    StackModulus = 11,
    /// 12: pop x, push -x.
    Negate = 12,
}

impl Op {
    /// Every assigned opcode, by number.
    pub const ALL: [Op; 13] = [
        Op::Add,
        Op::Subtract,
        Op::Multiply,
        Op::Divide,
        Op::Modulus,
        Op::Halt,
        Op::Push,
        Op::StackAdd,
        Op::StackSubtract,
        Op::StackMultiply,
        Op::StackDivide,
        Op::StackModulus,
        Op::Negate,
    ];

    /// The operation with this 4-bit code, if one is assigned.
    pub fn from_code(code: u8) -> Option<Op> {
        Op::ALL.get(code as usize).copied()
    }

    /// The 4-bit code.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The name in listings.
    pub fn mnemonic(self) -> &'static str {
        match self {
            Op::Add => "ADD",
            Op::Subtract => "SUBTRACT",
            Op::Multiply => "MULTIPLY",
            Op::Divide => "DIVIDE",
            Op::Modulus => "MODULUS",
            Op::Halt => "HALT",
            Op::Push => "PUSH",
            Op::StackAdd => "SADD",
            Op::StackSubtract => "SSUBTRACT",
            Op::StackMultiply => "SMULTIPLY",
            Op::StackDivide => "SDIVIDE",
            Op::StackModulus => "SMODULUS",
            Op::Negate => "NEG",
        }
    }

    /// How many of the two operands the operation reads (the others are ignored).
    pub fn operand_count(self) -> usize {
        match self {
            Op::Add | Op::Subtract | Op::Multiply | Op::Divide | Op::Modulus => 2,
            Op::Push => 1,
            _ => 0,
        }
    }

    /// The literal-operand opcode (0..=4) for an operation.
    pub fn for_literals(op: BinOp) -> Op {
        match op {
            BinOp::Add => Op::Add,
            BinOp::Sub => Op::Subtract,
            BinOp::Mul => Op::Multiply,
            BinOp::Div => Op::Divide,
            BinOp::Mod => Op::Modulus,
        }
    }

    /// The stack-operand opcode (7..=11) for an operation.
    pub fn for_stack(op: BinOp) -> Op {
        match op {
            BinOp::Add => Op::StackAdd,
            BinOp::Sub => Op::StackSubtract,
            BinOp::Mul => Op::StackMultiply,
            BinOp::Div => Op::StackDivide,
            BinOp::Mod => Op::StackModulus,
        }
    }
}

/// Why an instruction cannot be encoded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    /// An operand does not fit its 14-bit two's-complement field.
    #[error("operand {operand} of {mnemonic} is {value}, outside the 14-bit operand range {OPERAND_MIN}..={OPERAND_MAX}")]
    OperandOutOfRange {
        /// The operation's mnemonic.
        mnemonic: &'static str,
        /// `A` or `B`.
        operand: char,
        /// The value given.
        value: i64,
    },
}

/// A decoded instruction: an operation and its two operands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Instruction {
    /// The operation.
    pub op: Op,
    /// Operand A (bits 27..14).
    pub a: i32,
    /// Operand B (bits 13..0).
    pub b: i32,
}

fn operand(mnemonic: &'static str, name: char, value: i64) -> Result<i32, EncodeError> {
    if (OPERAND_MIN..=OPERAND_MAX).contains(&value) {
        Ok(value as i32)
    } else {
        Err(EncodeError::OperandOutOfRange {
            mnemonic,
            operand: name,
            value,
        })
    }
}

impl Instruction {
    /// An instruction, checking that both operands fit 14 bits.
    pub fn new(op: Op, a: i64, b: i64) -> Result<Instruction, EncodeError> {
        Ok(Instruction {
            op,
            a: operand(op.mnemonic(), 'A', a)?,
            b: operand(op.mnemonic(), 'B', b)?,
        })
    }

    /// An instruction without operands (`HALT`, `NEG`, the stack operations).
    pub fn bare(op: Op) -> Instruction {
        Instruction { op, a: 0, b: 0 }
    }

    /// The 32-bit word.
    pub fn encode(self) -> u32 {
        (u32::from(self.op.code()) << 28)
            | ((self.a as u32 & OPERAND_MASK) << OPERAND_BITS)
            | (self.b as u32 & OPERAND_MASK)
    }

    /// Decodes a word; an unassigned opcode gives back its 4-bit code.
    pub fn decode(word: u32) -> Result<Instruction, u8> {
        let code = (word >> 28) as u8;
        let op = Op::from_code(code).ok_or(code)?;
        // Shifting the field to the top and back sign-extends it.
        let a = (word << 4) as i32 >> (32 - OPERAND_BITS);
        let b = (word << (32 - OPERAND_BITS)) as i32 >> (32 - OPERAND_BITS);
        Ok(Instruction { op, a, b })
    }
}

/// `ADD 1234, 123`, `PUSH 7`, `HALT`: the mnemonic and the operands it reads.
impl fmt::Display for Instruction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.op.mnemonic())?;
        match self.op.operand_count() {
            2 => write!(f, " {}, {}", self.a, self.b),
            1 => write!(f, " {}", self.a),
            _ => Ok(()),
        }
    }
}

/// Builds an instruction word from an operation and two operands (the seed's
/// `generateInstruction`), checking that both fit the 14-bit range.
pub fn generate_instruction(op: Op, a: i64, b: i64) -> Result<u32, EncodeError> {
    Instruction::new(op, a, b).map(Instruction::encode)
}

/// The machine's life cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum State {
    /// No program loaded yet.
    NotRunning,
    /// A program is loaded and has not halted.
    Running,
    /// `HALT` executed, the program ran out of instructions, or an error stopped it.
    Halted,
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            State::NotRunning => "not running",
            State::Running => "running",
            State::Halted => "halted",
        })
    }
}

/// Why the machine stopped with an error.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MachineError {
    /// The opcode field holds one of the unassigned codes 13..=15.
    #[error("Unusual opcode not recognized: opcode {opcode} at instruction {index}")]
    UnknownOpcode {
        /// The 4-bit opcode found.
        opcode: u8,
        /// The instruction's index in the program.
        index: usize,
    },
    /// An operation needed more values than the stack held.
    #[error("stack underflow at instruction {index}: {mnemonic} needs {needed} value(s) but the stack holds {held}")]
    StackUnderflow {
        /// The instruction's index in the program.
        index: usize,
        /// The operation's mnemonic.
        mnemonic: &'static str,
        /// Values the operation pops.
        needed: usize,
        /// Values the stack held.
        held: usize,
    },
    /// Division or modulus by zero, or a result outside 64 bits.
    #[error("{kind} at instruction {index}")]
    Arithmetic {
        /// The instruction's index in the program.
        index: usize,
        /// What went wrong.
        kind: ArithError,
    },
    /// `run` or `step` was called while no program was running.
    #[error("the machine is {state}: load a program before running it")]
    NotRunning {
        /// The state the machine was in.
        state: State,
    },
}

/// What one executed instruction did (for transcripts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// A literal was pushed.
    Pushed(i64),
    /// Two values were combined and the result pushed.
    Combined {
        /// The operation.
        op: BinOp,
        /// The left operand.
        lhs: i64,
        /// The right operand.
        rhs: i64,
        /// The value pushed.
        result: i64,
    },
    /// The top value was negated.
    Negated {
        /// The value popped.
        value: i64,
        /// The value pushed.
        result: i64,
    },
    /// The machine halted.
    Halted,
}

/// One fetch, decode, execute cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// The instruction's index; `None` when the program ran out and the machine halted by itself.
    pub index: Option<usize>,
    /// The instruction executed (`HALT` for the implicit halt at the end).
    pub instruction: Instruction,
    /// What it did.
    pub effect: Effect,
}

/// The stack machine: program memory, a program counter, a value stack, a state.
#[derive(Clone, Debug)]
pub struct Machine {
    memory: Vec<u32>,
    pc: usize,
    stack: Vec<i64>,
    state: State,
    executed: u64,
}

impl Default for Machine {
    fn default() -> Self {
        Machine::new()
    }
}

impl Machine {
    /// A machine with no program.
    pub fn new() -> Machine {
        Machine {
            memory: Vec::new(),
            pc: 0,
            stack: Vec::new(),
            state: State::NotRunning,
            executed: 0,
        }
    }

    /// Loads a program into memory and starts it: the stack is emptied, the
    /// program counter points at the first instruction, the state is `Running`.
    pub fn load_program(&mut self, program: &[u32]) {
        self.memory.clear();
        self.memory.extend_from_slice(program);
        self.pc = 0;
        self.stack.clear();
        self.state = State::Running;
        self.executed = 0;
    }

    /// The machine's state.
    pub fn state(&self) -> State {
        self.state
    }

    /// The index of the next instruction to fetch.
    pub fn pc(&self) -> usize {
        self.pc
    }

    /// The value stack, bottom first.
    pub fn stack(&self) -> &[i64] {
        &self.stack
    }

    /// The value on top of the stack.
    pub fn tos(&self) -> Option<i64> {
        self.stack.last().copied()
    }

    /// Instructions executed since the program was loaded.
    pub fn executed(&self) -> u64 {
        self.executed
    }

    /// Runs until the machine halts; returns the value on top of the stack then.
    pub fn run(&mut self) -> Result<Option<i64>, MachineError> {
        loop {
            if self.step()?.effect == Effect::Halted {
                return Ok(self.tos());
            }
        }
    }

    /// Executes one fetch, decode, execute cycle. Running past the last
    /// instruction halts the machine, as if a `HALT` followed the program.
    pub fn step(&mut self) -> Result<Step, MachineError> {
        if self.state != State::Running {
            return Err(MachineError::NotRunning { state: self.state });
        }
        let Some((index, word)) = self.fetch() else {
            self.state = State::Halted;
            return Ok(Step {
                index: None,
                instruction: Instruction::bare(Op::Halt),
                effect: Effect::Halted,
            });
        };
        let result = self
            .decode(word, index)
            .and_then(|instruction| Ok((instruction, self.execute(instruction, index)?)));
        match result {
            Ok((instruction, effect)) => {
                self.executed += 1;
                Ok(Step {
                    index: Some(index),
                    instruction,
                    effect,
                })
            }
            Err(e) => {
                self.state = State::Halted;
                Err(e)
            }
        }
    }

    /// Fetches the instruction the program counter points at and advances the
    /// counter; `None` past the end of the program.
    pub fn fetch(&mut self) -> Option<(usize, u32)> {
        let index = self.pc;
        let word = *self.memory.get(index)?;
        self.pc += 1;
        Some((index, word))
    }

    /// Decodes the word fetched from `index`.
    pub fn decode(&self, word: u32, index: usize) -> Result<Instruction, MachineError> {
        Instruction::decode(word).map_err(|opcode| MachineError::UnknownOpcode { opcode, index })
    }

    /// Executes a decoded instruction (from `index`, for error messages).
    pub fn execute(
        &mut self,
        instruction: Instruction,
        index: usize,
    ) -> Result<Effect, MachineError> {
        let op = instruction.op;
        let (a, b) = (i64::from(instruction.a), i64::from(instruction.b));
        // One arm per opcode, each with its operation fixed, so the dispatch
        // is a single jump and `apply` specialises per arm.
        match op {
            Op::Add => self.combine(BinOp::Add, a, b, index),
            Op::Subtract => self.combine(BinOp::Sub, a, b, index),
            Op::Multiply => self.combine(BinOp::Mul, a, b, index),
            Op::Divide => self.combine(BinOp::Div, a, b, index),
            Op::Modulus => self.combine(BinOp::Mod, a, b, index),
            Op::StackAdd => self.combine_top(op, BinOp::Add, index),
            Op::StackSubtract => self.combine_top(op, BinOp::Sub, index),
            Op::StackMultiply => self.combine_top(op, BinOp::Mul, index),
            Op::StackDivide => self.combine_top(op, BinOp::Div, index),
            Op::StackModulus => self.combine_top(op, BinOp::Mod, index),
            Op::Push => {
                self.stack.push(a);
                Ok(Effect::Pushed(a))
            }
            Op::Negate => {
                let value = self.pop1(op, index)?;
                let result = value.checked_neg().ok_or(MachineError::Arithmetic {
                    index,
                    kind: ArithError::Overflow,
                })?;
                self.stack.push(result);
                Ok(Effect::Negated { value, result })
            }
            Op::Halt => {
                self.state = State::Halted;
                Ok(Effect::Halted)
            }
        }
    }

    fn underflow(&self, op: Op, index: usize, needed: usize) -> MachineError {
        MachineError::StackUnderflow {
            index,
            mnemonic: op.mnemonic(),
            needed,
            held: self.stack.len(),
        }
    }

    fn pop1(&mut self, op: Op, index: usize) -> Result<i64, MachineError> {
        match self.stack.pop() {
            Some(v) => Ok(v),
            None => Err(self.underflow(op, index, 1)),
        }
    }

    fn pop2(&mut self, op: Op, index: usize) -> Result<[i64; 2], MachineError> {
        match self.stack.len().checked_sub(2) {
            Some(base) => {
                let pair = [self.stack[base], self.stack[base + 1]];
                self.stack.truncate(base);
                Ok(pair)
            }
            None => Err(self.underflow(op, index, 2)),
        }
    }

    #[inline(always)]
    fn combine_top(&mut self, op: Op, arith: BinOp, index: usize) -> Result<Effect, MachineError> {
        let [lhs, rhs] = self.pop2(op, index)?;
        self.combine(arith, lhs, rhs, index)
    }

    #[inline(always)]
    fn combine(
        &mut self,
        op: BinOp,
        lhs: i64,
        rhs: i64,
        index: usize,
    ) -> Result<Effect, MachineError> {
        let result =
            apply(op, lhs, rhs).map_err(|kind| MachineError::Arithmetic { index, kind })?;
        self.stack.push(result);
        Ok(Effect::Combined {
            op,
            lhs,
            rhs,
            result,
        })
    }
}

/// The machine's 64-bit arithmetic: checked operations, so overflow is an error.
#[inline(always)]
fn apply(op: BinOp, lhs: i64, rhs: i64) -> Result<i64, ArithError> {
    if rhs == 0 {
        if let Some(e) = op.zero_divisor_error() {
            return Err(e);
        }
    }
    let result = match op {
        BinOp::Add => lhs.checked_add(rhs),
        BinOp::Sub => lhs.checked_sub(rhs),
        BinOp::Mul => lhs.checked_mul(rhs),
        BinOp::Div => lhs.checked_div(rhs),
        // i64::MIN % -1 is 0 mathematically; only the hardware instruction traps.
        BinOp::Mod => Some(lhs.wrapping_rem(rhs)),
    };
    result.ok_or(ArithError::Overflow)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_follow_the_bit_layout() {
        let word = generate_instruction(Op::Add, 1234, 123).unwrap();
        assert_eq!(word, (1234 << 14) | 123);
        assert_eq!(
            generate_instruction(Op::Halt, 0, 0).unwrap(),
            0x5000_0000,
            "HALT is opcode 5 in the top nibble"
        );
        // Negative operands are 14-bit two's complement.
        let word = generate_instruction(Op::Subtract, -1, -8192).unwrap();
        assert_eq!(word, (1 << 28) | (0x3fff << 14) | 0x2000);
        assert_eq!(
            Instruction::decode(word),
            Ok(Instruction {
                op: Op::Subtract,
                a: -1,
                b: -8192
            })
        );
    }

    #[test]
    fn encoding_round_trips_over_the_whole_operand_range() {
        for op in Op::ALL {
            for a in [OPERAND_MIN, -1, 0, 1, 4096, OPERAND_MAX] {
                for b in [OPERAND_MIN, -77, 0, 5, OPERAND_MAX] {
                    let i = Instruction::new(op, a, b).unwrap();
                    assert_eq!(Instruction::decode(i.encode()), Ok(i));
                }
            }
        }
    }

    #[test]
    fn operands_outside_14_bits_are_refused() {
        assert_eq!(
            generate_instruction(Op::Add, 8192, 0),
            Err(EncodeError::OperandOutOfRange {
                mnemonic: "ADD",
                operand: 'A',
                value: 8192
            })
        );
        let e = generate_instruction(Op::Push, 0, -8193).unwrap_err();
        assert_eq!(
            e.to_string(),
            "operand B of PUSH is -8193, outside the 14-bit operand range -8192..=8191"
        );
    }

    #[test]
    fn the_seed_example_runs_through_the_states() {
        let mut m = Machine::new();
        assert_eq!(m.state(), State::NotRunning);
        assert_eq!(
            m.run(),
            Err(MachineError::NotRunning {
                state: State::NotRunning
            })
        );
        let program = [
            generate_instruction(Op::Add, 1234, 123).unwrap(),
            generate_instruction(Op::Halt, 0, 0).unwrap(),
        ];
        m.load_program(&program);
        assert_eq!(m.state(), State::Running);
        assert_eq!(m.run(), Ok(Some(1357)));
        assert_eq!(m.state(), State::Halted);
        assert_eq!(m.executed(), 2);
        assert!(matches!(m.step(), Err(MachineError::NotRunning { .. })));
    }

    #[test]
    fn fetch_decode_execute_are_separate_steps() {
        let mut m = Machine::new();
        m.load_program(&[generate_instruction(Op::Push, 7, 0).unwrap()]);
        let (index, word) = m.fetch().unwrap();
        assert_eq!((index, m.pc()), (0, 1));
        let instruction = m.decode(word, index).unwrap();
        assert_eq!(instruction.to_string(), "PUSH 7");
        assert_eq!(m.execute(instruction, index), Ok(Effect::Pushed(7)));
        assert_eq!(m.stack(), &[7]);
        assert_eq!(m.fetch(), None);
    }

    #[test]
    fn stack_operations_take_the_left_operand_from_below() {
        let mut m = Machine::new();
        let program: Vec<u32> = [
            Instruction::new(Op::Push, 20, 0).unwrap(),
            Instruction::new(Op::Push, 3, 0).unwrap(),
            Instruction::bare(Op::StackSubtract),
            Instruction::new(Op::Push, -5, 0).unwrap(),
            Instruction::bare(Op::StackModulus),
            Instruction::bare(Op::Negate),
        ]
        .iter()
        .map(|i| i.encode())
        .collect();
        m.load_program(&program);
        // No HALT: running out of instructions halts.
        assert_eq!(m.run(), Ok(Some(-2)));
        assert_eq!(m.state(), State::Halted);
    }

    #[test]
    fn unknown_opcodes_are_errors_not_panics() {
        for code in 13..=15u32 {
            let mut m = Machine::new();
            m.load_program(&[generate_instruction(Op::Push, 1, 0).unwrap(), code << 28]);
            let e = m.run().unwrap_err();
            assert_eq!(
                e,
                MachineError::UnknownOpcode {
                    opcode: code as u8,
                    index: 1
                }
            );
            assert!(e.to_string().starts_with("Unusual opcode not recognized"));
            assert_eq!(m.state(), State::Halted);
        }
    }

    #[test]
    fn runtime_errors_name_the_instruction() {
        let run = |words: &[Instruction]| {
            let mut m = Machine::new();
            let program: Vec<u32> = words.iter().map(|i| i.encode()).collect();
            m.load_program(&program);
            m.run()
        };
        assert_eq!(
            run(&[Instruction::bare(Op::StackAdd)]),
            Err(MachineError::StackUnderflow {
                index: 0,
                mnemonic: "SADD",
                needed: 2,
                held: 0
            })
        );
        assert_eq!(
            run(&[Instruction::bare(Op::Negate)]),
            Err(MachineError::StackUnderflow {
                index: 0,
                mnemonic: "NEG",
                needed: 1,
                held: 0
            })
        );
        assert_eq!(
            run(&[Instruction::new(Op::Divide, 1, 0).unwrap()]),
            Err(MachineError::Arithmetic {
                index: 0,
                kind: ArithError::DivisionByZero
            })
        );
        assert_eq!(
            run(&[
                Instruction::new(Op::Push, 1, 0).unwrap(),
                Instruction::new(Op::Modulus, 1, 0).unwrap()
            ]),
            Err(MachineError::Arithmetic {
                index: 1,
                kind: ArithError::ModulusByZero
            })
        );
        // 8191^5 overflows 64 bits: the fourth multiplication, at index 8.
        let mut words = vec![Instruction::new(Op::Push, 8191, 0).unwrap()];
        for _ in 0..5 {
            words.push(Instruction::new(Op::Push, 8191, 0).unwrap());
            words.push(Instruction::bare(Op::StackMultiply));
        }
        assert_eq!(
            run(&words),
            Err(MachineError::Arithmetic {
                index: 8,
                kind: ArithError::Overflow
            })
        );
    }

    #[test]
    fn arithmetic_truncates_like_cpp() {
        assert_eq!(apply(BinOp::Div, -7, 2), Ok(-3));
        assert_eq!(apply(BinOp::Mod, -7, 2), Ok(-1));
        assert_eq!(apply(BinOp::Mod, 7, -2), Ok(1));
        assert_eq!(apply(BinOp::Div, i64::MIN, -1), Err(ArithError::Overflow));
        assert_eq!(apply(BinOp::Mod, i64::MIN, -1), Ok(0));
        assert_eq!(apply(BinOp::Add, i64::MAX, 1), Err(ArithError::Overflow));
    }
}
