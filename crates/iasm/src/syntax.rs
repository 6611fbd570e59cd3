//! The dialect's instruction table: mnemonics, operand kinds and usage lines.

/// What an operand position accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An integer register `$0`..`$31`.
    IntReg,
    /// A float register `$0`..`$31` (the float file).
    FloatReg,
    /// A 32-bit integer `#n` (from -2^31 to 2^32 - 1, the upper half read as a bit pattern),
    /// or `@label`: a code label's byte offset or an `.integer`'s value.
    Value,
    /// A shift amount `#0`..`#31`.
    Shift,
    /// A LUI immediate `#0`..`#0xFFFF`.
    Upper,
    /// A loop count `#0`..`#4294967295`.
    Count,
    /// A float `#1.5` (an integer is converted).
    Float,
    /// `@label` of an instruction.
    CodeLabel,
    /// `@label` of an `.asciiz` string.
    StrLabel,
}

impl Kind {
    /// What the position expects, for "expected ..." notes.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::IntReg => "an integer register $0..$31",
            Kind::FloatReg => "a float register $0..$31",
            Kind::Value => "an integer such as #42, or @label",
            Kind::Shift => "a shift amount #0..#31",
            Kind::Upper => "an immediate #0..#0xFFFF",
            Kind::Count => "a loop count #0..#4294967295",
            Kind::Float => "a number such as #1.5",
            Kind::CodeLabel => "a label such as @loop",
            Kind::StrLabel => "the label of an .asciiz string, such as @msg",
        }
    }
}

macro_rules! ops {
    ($($name:ident $text:literal [$($kind:ident),*] $usage:literal, $doc:literal;)*) => {
        /// A tutorial instruction.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Op {
            $(#[doc = $doc] $name,)*
        }

        impl Op {
            /// Every instruction, in documentation order.
            pub const ALL: &'static [Op] = &[$(Op::$name,)*];

            /// The mnemonic in upper case.
            pub fn mnemonic(self) -> &'static str {
                match self { $(Op::$name => $text,)* }
            }

            /// The operand kinds, in order.
            pub fn operands(self) -> &'static [Kind] {
                match self { $(Op::$name => &[$(Kind::$kind),*],)* }
            }

            /// How the instruction is written (`ADD $a $b $d`).
            pub fn usage(self) -> &'static str {
                match self { $(Op::$name => $usage,)* }
            }

            /// What the instruction does, in one line.
            pub fn meaning(self) -> &'static str {
                match self { $(Op::$name => $doc,)* }
            }
        }
    };
}

ops! {
    Load "LOAD" [IntReg, Value] "LOAD $r #n", "r := n";
    Lui "LUI" [IntReg, Upper] "LUI $r #n", "r := (r << 16) | n";
    Add "ADD" [IntReg, IntReg, IntReg] "ADD $a $b $d", "d := a + b (wrapping)";
    Sub "SUB" [IntReg, IntReg, IntReg] "SUB $a $b $d", "d := a - b (wrapping)";
    Mul "MUL" [IntReg, IntReg, IntReg] "MUL $a $b $d", "d := a * b (wrapping)";
    Div "DIV" [IntReg, IntReg, IntReg] "DIV $a $b $d", "d := a / b truncated (division by zero traps)";
    And "AND" [IntReg, IntReg, IntReg] "AND $a $b $d", "d := a & b";
    Or "OR" [IntReg, IntReg, IntReg] "OR $a $b $d", "d := a | b";
    Xor "XOR" [IntReg, IntReg, IntReg] "XOR $a $b $d", "d := a ^ b";
    Not "NOT" [IntReg, IntReg] "NOT $a $d", "d := ~a (bitwise complement)";
    Shl "SHL" [IntReg, Shift] "SHL $r #n", "r := r << n (wrapping)";
    Shr "SHR" [IntReg, Shift] "SHR $r #n", "r := r >> n (arithmetic)";
    Inc "INC" [IntReg] "INC $r", "r := r + 1 (wrapping)";
    Dec "DEC" [IntReg] "DEC $r", "r := r - 1 (wrapping)";
    Nop "NOP" [] "NOP", "nothing";
    Hlt "HLT" [] "HLT", "stop the program";
    Eq "EQ" [IntReg, IntReg] "EQ $a $b", "flag := a == b";
    Neq "NEQ" [IntReg, IntReg] "NEQ $a $b", "flag := a != b";
    Gt "GT" [IntReg, IntReg] "GT $a $b", "flag := a > b";
    Lt "LT" [IntReg, IntReg] "LT $a $b", "flag := a < b";
    Gte "GTE" [IntReg, IntReg] "GTE $a $b", "flag := a >= b";
    Lte "LTE" [IntReg, IntReg] "LTE $a $b", "flag := a <= b";
    Jmp "JMP" [IntReg] "JMP $r", "jump to the byte offset r";
    Jmpf "JMPF" [IntReg] "JMPF $r", "jump forward r bytes from the next instruction";
    Jmpb "JMPB" [IntReg] "JMPB $r", "jump back r bytes from the next instruction";
    Jmpe "JMPE" [IntReg] "JMPE $r", "if flag: jump to the byte offset r";
    Djmpe "DJMPE" [CodeLabel] "DJMPE @label", "if flag: jump to label";
    Cloop "CLOOP" [Count] "CLOOP #n", "counter := n";
    Loop "LOOP" [CodeLabel] "LOOP @label", "if counter != 0: counter -= 1 and jump to label";
    Call "CALL" [CodeLabel] "CALL @label", "push the return address and jump to label";
    Ret "RET" [] "RET", "pop a return address and jump to it";
    Push "PUSH" [IntReg] "PUSH $r", "push r";
    Pop "POP" [IntReg] "POP $r", "r := the popped value";
    Aloc "ALOC" [IntReg] "ALOC $r", "grow the heap by r zero bytes";
    Setm "SETM" [IntReg, IntReg] "SETM $addr $v", "store v as a little-endian i32 at heap address addr";
    Loadm "LOADM" [IntReg, IntReg] "LOADM $addr $d", "d := the little-endian i32 at heap address addr";
    Prts "PRTS" [StrLabel] "PRTS @label", "print the string constant";
    Loadf64 "LOADF64" [FloatReg, Float] "LOADF64 $f #x", "f := x";
    Addf64 "ADDF64" [FloatReg, FloatReg, FloatReg] "ADDF64 $a $b $d", "d := a + b";
    Subf64 "SUBF64" [FloatReg, FloatReg, FloatReg] "SUBF64 $a $b $d", "d := a - b";
    Mulf64 "MULF64" [FloatReg, FloatReg, FloatReg] "MULF64 $a $b $d", "d := a * b";
    Divf64 "DIVF64" [FloatReg, FloatReg, FloatReg] "DIVF64 $a $b $d", "d := a / b (IEEE 754: x/0 is an infinity or NaN)";
    Eqf64 "EQF64" [FloatReg, FloatReg] "EQF64 $a $b", "flag := a == b";
    Neqf64 "NEQF64" [FloatReg, FloatReg] "NEQF64 $a $b", "flag := a != b";
    Gtf64 "GTF64" [FloatReg, FloatReg] "GTF64 $a $b", "flag := a > b";
    Gtef64 "GTEF64" [FloatReg, FloatReg] "GTEF64 $a $b", "flag := a >= b";
    Ltf64 "LTF64" [FloatReg, FloatReg] "LTF64 $a $b", "flag := a < b";
    Ltef64 "LTEF64" [FloatReg, FloatReg] "LTEF64 $a $b", "flag := a <= b";
}

impl Op {
    /// The instruction a mnemonic names, in any letter case.
    pub fn from_mnemonic(word: &str) -> Option<Op> {
        Op::ALL
            .iter()
            .copied()
            .find(|op| op.mnemonic().eq_ignore_ascii_case(word))
    }

    /// The closest mnemonic to a mistyped word, if one is close enough to suggest.
    pub fn suggest(word: &str) -> Option<&'static str> {
        let upper = word.to_ascii_uppercase();
        Op::ALL
            .iter()
            .map(|op| (strsim::levenshtein(&upper, op.mnemonic()), op.mnemonic()))
            .filter(|(d, _)| *d <= 2 && *d < upper.len())
            .min()
            .map(|(_, m)| m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mnemonics_are_found_in_any_case() {
        assert_eq!(Op::from_mnemonic("loadf64"), Some(Op::Loadf64));
        assert_eq!(Op::from_mnemonic("DjMpE"), Some(Op::Djmpe));
        assert_eq!(Op::from_mnemonic("IGL"), None);
    }

    #[test]
    fn every_mnemonic_is_unique_and_its_usage_starts_with_it() {
        for (i, a) in Op::ALL.iter().enumerate() {
            assert!(a.usage().starts_with(a.mnemonic()), "{a:?}");
            let words = a.usage().split_whitespace().count();
            assert_eq!(words, a.operands().len() + 1, "{a:?}");
            for b in &Op::ALL[i + 1..] {
                assert_ne!(a.mnemonic(), b.mnemonic());
            }
        }
    }

    #[test]
    fn close_misspellings_get_a_suggestion() {
        assert_eq!(Op::suggest("ADDD"), Some("ADD"));
        assert_eq!(Op::suggest("lod"), Some("LOAD"));
        assert_eq!(Op::suggest("FROBNICATE"), None);
    }
}
