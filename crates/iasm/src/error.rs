//! Assembly errors of the dialect: a typed kind and where it is.

use diagnostics::{Diagnostic, Span};

/// One problem in an `.iasm` file.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: ErrorKind,
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ErrorKind {
    /// A word in mnemonic position names no instruction.
    #[error("unknown mnemonic `{word}`")]
    UnknownMnemonic {
        /// The word found.
        word: String,
        /// A close mnemonic, if any.
        suggestion: Option<&'static str>,
    },
    /// A directive that the dialect does not have.
    #[error("unknown directive `{word}`")]
    UnknownDirective {
        /// The word found.
        word: String,
    },
    /// `$` followed by something other than a number.
    #[error("`{text}` is not a register")]
    NotARegister {
        /// The token.
        text: String,
        /// What the position expects.
        expected: &'static str,
    },
    /// A register number beyond 31.
    #[error("register `{text}` does not exist")]
    NoSuchRegister {
        /// The token.
        text: String,
        /// What the position expects.
        expected: &'static str,
    },
    /// An operand of the wrong kind.
    #[error("operand {index} of `{mnemonic}` must be {what}, found {found}")]
    WrongOperand {
        /// The instruction.
        mnemonic: &'static str,
        /// 1-based operand position.
        index: usize,
        /// A short name of what is needed ("a register").
        what: &'static str,
        /// What was written.
        found: String,
        /// The full expectation, with the usage line.
        expected: String,
    },
    /// Fewer operands than the instruction takes.
    #[error("missing operand {index} of `{mnemonic}`")]
    MissingOperand {
        /// The instruction.
        mnemonic: &'static str,
        /// 1-based operand position.
        index: usize,
        /// The full expectation, with the usage line.
        expected: String,
    },
    /// More operands than the instruction takes.
    #[error("too many operands for `{mnemonic}`")]
    TooManyOperands {
        /// The instruction.
        mnemonic: &'static str,
        /// The usage line.
        usage: &'static str,
    },
    /// `#` followed by something that is not a number.
    #[error("`{text}` is not a number")]
    BadNumber {
        /// The token.
        text: String,
    },
    /// A number outside the range its position allows.
    #[error("{what} {value} is out of range")]
    OutOfRange {
        /// What the number is ("shift amount").
        what: &'static str,
        /// The number as written in decimal.
        value: String,
        /// The allowed range.
        range: &'static str,
    },
    /// A float where only integers are allowed.
    #[error("`{text}` is a float, but `{mnemonic}` needs an integer")]
    FloatNotAllowed {
        /// The token.
        text: String,
        /// The instruction or directive.
        mnemonic: &'static str,
    },
    /// A label name with characters other than letters, digits and underscores.
    #[error("`{text}` is not a valid label name")]
    BadLabelName {
        /// The token.
        text: String,
    },
    /// The same label twice.
    #[error("label `{name}` is already defined on line {first_line}")]
    DuplicateLabel {
        /// The label.
        name: String,
        /// Where it was first defined.
        first_line: u32,
    },
    /// A label used but never defined.
    #[error("undefined label `{name}`")]
    UndefinedLabel {
        /// The label.
        name: String,
        /// What the position expects.
        expected: &'static str,
    },
    /// A label of the wrong sort (a string where an instruction is needed, ...).
    #[error("`{name}` is {found}, but `{mnemonic}` needs {wanted}")]
    WrongLabel {
        /// The label.
        name: String,
        /// The instruction.
        mnemonic: &'static str,
        /// What the label names.
        found: &'static str,
        /// What the instruction needs.
        wanted: &'static str,
    },
    /// A string literal without its closing quote.
    #[error("unterminated string")]
    UnterminatedString {
        /// The opening quote.
        quote: char,
    },
    /// An escape sequence the dialect does not know.
    #[error("unknown escape `{text}` in a string")]
    BadEscape {
        /// The escape as written.
        text: String,
    },
    /// A data directive without `name:` before it.
    #[error("`{directive}` needs a label")]
    DataWithoutLabel {
        /// The directive as written.
        directive: String,
    },
    /// A data directive without its value.
    #[error("`{directive}` needs a value")]
    MissingValue {
        /// The directive as written.
        directive: String,
        /// What the value must be.
        expected: &'static str,
    },
    /// The value of a data directive is of the wrong kind.
    #[error("the value of `{directive}` must be {expected}, found {found}")]
    WrongValue {
        /// The directive as written.
        directive: String,
        /// What was written.
        found: String,
        /// What the value must be.
        expected: &'static str,
    },
    /// An instruction in the `.data` section.
    #[error("instruction `{mnemonic}` in the .data section")]
    InstructionInData {
        /// The instruction as written.
        mnemonic: String,
    },
    /// A label in front of a section header.
    #[error("a label cannot name the section header `{header}`")]
    LabelOnSection {
        /// The header as written.
        header: String,
    },
    /// Text after a complete line.
    #[error("unexpected {found} after `{after}`")]
    TrailingText {
        /// What was found.
        found: String,
        /// What came before it.
        after: String,
    },
    /// A line that starts with something other than a label, a mnemonic or a directive.
    #[error("unexpected {found}")]
    UnexpectedToken {
        /// What was found.
        found: String,
    },
    /// Two labels on one line.
    #[error("a second label `{name}` on the same line")]
    SecondLabel {
        /// The second label.
        name: String,
    },
    /// The program does not fit the bytecode's limits.
    #[error("the program is too large: {what}")]
    TooLarge {
        /// Which limit.
        what: String,
    },
}

impl ErrorKind {
    /// What was expected instead, printed after the caret.
    pub fn expected(&self) -> String {
        match self {
            ErrorKind::UnknownMnemonic { suggestion, .. } => match suggestion {
                Some(m) => format!("an instruction mnemonic (did you mean `{m}`?)"),
                None => "an instruction mnemonic (see docs/tutorial-dialect.md)".into(),
            },
            ErrorKind::UnknownDirective { .. } => ".data, .code, .asciiz or .integer".into(),
            ErrorKind::NotARegister { expected, .. }
            | ErrorKind::NoSuchRegister { expected, .. } => (*expected).into(),
            ErrorKind::WrongOperand { expected, .. }
            | ErrorKind::MissingOperand { expected, .. } => expected.clone(),
            ErrorKind::TooManyOperands { usage, .. } => {
                format!("the end of the line (or a `;` comment): {usage}")
            }
            ErrorKind::BadNumber { .. } => {
                "an integer (#42, #-7, #0x1F) or a float (#1.5, #-2.5e3)".into()
            }
            ErrorKind::OutOfRange { range, .. } => (*range).into(),
            ErrorKind::FloatNotAllowed { .. } => "an integer such as #42".into(),
            ErrorKind::BadLabelName { .. } => "a name of letters, digits and underscores".into(),
            ErrorKind::DuplicateLabel { .. } => "a label name not used before".into(),
            ErrorKind::UndefinedLabel { expected, .. } => (*expected).into(),
            ErrorKind::WrongLabel { wanted, .. } => (*wanted).into(),
            ErrorKind::UnterminatedString { quote } => format!("a closing {quote}"),
            ErrorKind::BadEscape { .. } => r#"\n, \t, \r, \0, \\, \' or \""#.into(),
            ErrorKind::DataWithoutLabel { directive } => {
                format!("a label in front of it: `name: {directive} ...`")
            }
            ErrorKind::MissingValue { expected, .. } | ErrorKind::WrongValue { expected, .. } => {
                (*expected).into()
            }
            ErrorKind::InstructionInData { .. } => "`.code` before the instructions".into(),
            ErrorKind::LabelOnSection { .. } => "the section header alone on its line".into(),
            ErrorKind::TrailingText { .. } => "the end of the line (or a `;` comment)".into(),
            ErrorKind::UnexpectedToken { .. } => {
                "a label (`name:`), an instruction mnemonic or a directive".into()
            }
            ErrorKind::SecondLabel { .. } => "one label per line".into(),
            ErrorKind::TooLarge { .. } => "a smaller program".into(),
        }
    }
}

impl Error {
    /// An error at a span.
    pub fn new(span: Span, kind: ErrorKind) -> Error {
        Error { span, kind }
    }

    /// The diagnostic the edges render.
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic::new(self.span, self.kind.to_string()).expected(self.kind.expected())
    }
}

impl From<Error> for Diagnostic {
    fn from(e: Error) -> Diagnostic {
        e.to_diagnostic()
    }
}
