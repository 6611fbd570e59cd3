//! The opcode table: the one list every other part of Rhodium is derived from.
//!
//! Each row is `Name "mnemonic" Format [operand kinds] Flow Span "register transfer";`.
//! The row's position is its opcode number, so new opcodes go at the end of a
//! group only when the format version is bumped.
//!
//! Notation in the descriptions: `R[X]` register X of the current frame, `K[X]`
//! constant X of the function, `G[X]` global X of the module, `U[X]` captured
//! cell X of the running closure, `F[X]` function X of the module. A `Branch`
//! row is followed by a `jmp`; "jump" in its description means "take that jmp".

use crate::{Flow, Format, OperandKind, Span};

macro_rules! kinds {
    () => {
        [
            OperandKind::Unused,
            OperandKind::Unused,
            OperandKind::Unused,
        ]
    };
    ($a:ident) => {
        [OperandKind::$a, OperandKind::Unused, OperandKind::Unused]
    };
    ($a:ident, $b:ident) => {
        [OperandKind::$a, OperandKind::$b, OperandKind::Unused]
    };
    ($a:ident, $b:ident, $c:ident) => {
        [OperandKind::$a, OperandKind::$b, OperandKind::$c]
    };
}

macro_rules! define_opcodes {
    ( $( $name:ident $mnem:literal $fmt:ident [$($k:ident),*] $flow:ident $span:expr, $rtl:literal; )* ) => {
        /// Every Rhodium opcode; the discriminant is the encoded opcode byte.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Opcode {
            $(
                #[doc = $rtl]
                $name,
            )*
        }

        impl Opcode {
            /// All opcodes in numbering order.
            pub const ALL: &'static [Opcode] = &[$(Opcode::$name),*];

            /// The opcode's assembler mnemonic (lower case).
            pub fn mnemonic(self) -> &'static str {
                match self { $(Opcode::$name => $mnem,)* }
            }

            /// The opcode's operand format.
            pub fn format(self) -> Format {
                match self { $(Opcode::$name => Format::$fmt,)* }
            }

            /// What each operand field means (A, B, C order; unused fields are `Unused`).
            pub fn operands(self) -> [OperandKind; 3] {
                match self { $(Opcode::$name => kinds!($($k),*),)* }
            }

            /// How control leaves the instruction.
            pub fn flow(self) -> Flow {
                match self { $(Opcode::$name => Flow::$flow,)* }
            }

            /// The register window the instruction touches beyond its register operands.
            pub fn span(self) -> Span {
                match self { $(Opcode::$name => $span,)* }
            }

            /// A one-line register-transfer description of the instruction.
            pub fn description(self) -> &'static str {
                match self { $(Opcode::$name => $rtl,)* }
            }
        }
    };
}

use Span::{
    ACount, AFixed, AThroughAPlusB, ArgsAfterA, BCount, BFixed, BPairs, CFixed, CallKw,
    None as NoSpan, UnpackStar,
};

define_opcodes! {
    // ---- loads and moves ----
    Nop "nop" Abc [] Next NoSpan, "no operation";
    Move "move" Abc [Dst, Reg] Next NoSpan, "R[A] := R[B]";
    LoadI "loadi" AsBx [Dst, SImm] Next NoSpan, "R[A] := sBx (an int)";
    LoadF "loadf" AsBx [Dst, SImm] Next NoSpan, "R[A] := float(sBx)";
    LoadK "loadk" ABx [Dst, Const] Next NoSpan, "R[A] := K[Bx]";
    LoadNone "loadnone" Abc [Dst] Next NoSpan, "R[A] := None";
    LoadBool "loadbool" Abc [Dst, Flag] Next NoSpan, "R[A] := bool(B)";
    Unbind "unbind" Abc [Dst] Next NoSpan, "R[A] := <unbound> (del of a local)";
    ChkBound "chkbound" ABx [Reg, Name] Next NoSpan, "if R[A] is unbound: raise UnboundLocalError for local K[Bx]";
    // ---- globals, cells and closures ----
    GetGlobal "getglobal" ABx [Dst, Global] Next NoSpan, "R[A] := G[Bx] (NameError when unbound)";
    SetGlobal "setglobal" ABx [Reg, Global] Next NoSpan, "G[Bx] := R[A]";
    DelGlobal "delglobal" ABx [Unused, Global] Next NoSpan, "unbind G[Bx] (NameError when unbound)";
    GetUpval "getupval" Abc [Dst, Upval] Next NoSpan, "R[A] := U[B].value";
    SetUpval "setupval" Abc [Reg, Upval] Next NoSpan, "U[B].value := R[A]";
    MkCell "mkcell" Abc [Dst] Next NoSpan, "R[A] := new cell holding R[A]";
    GetCell "getcell" Abc [Dst, Reg] Next NoSpan, "R[A] := R[B].value (the cell in R[B])";
    SetCell "setcell" Abc [Reg, Reg] Next NoSpan, "R[A].value := R[B]";
    Closure "closure" ABx [Dst, Func] Next NoSpan, "R[A] := new function F[Bx] capturing its declared cells";
    Defaults "defaults" Abc [Reg, Reg, Flag] Next NoSpan, "if C == 0: R[A].defaults := R[B] (a tuple) else R[A].kwdefaults := R[B] (a dict)";
    // ---- arithmetic, Python semantics (ints promote to big ints, never wrap) ----
    Add "add" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] + R[C]";
    Sub "sub" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] - R[C]";
    Mul "mul" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] * R[C]";
    Div "div" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] / R[C] (true division)";
    IDiv "idiv" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] // R[C] (floor division)";
    Mod "mod" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] % R[C] (floor modulo)";
    Pow "pow" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] ** R[C]";
    BAnd "band" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] & R[C]";
    BOr "bor" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] | R[C]";
    BXor "bxor" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] ^ R[C]";
    Shl "shl" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] << R[C]";
    Shr "shr" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] >> R[C] (arithmetic)";
    AddI "addi" Abc [Dst, Reg, SImm] Next NoSpan, "R[A] := R[B] + sC";
    SubI "subi" Abc [Dst, Reg, SImm] Next NoSpan, "R[A] := R[B] - sC";
    MulI "muli" Abc [Dst, Reg, SImm] Next NoSpan, "R[A] := R[B] * sC";
    IDivI "idivi" Abc [Dst, Reg, SImm] Next NoSpan, "R[A] := R[B] // sC";
    ModI "modi" Abc [Dst, Reg, SImm] Next NoSpan, "R[A] := R[B] % sC";
    AddK "addk" Abc [Dst, Reg, Const] Next NoSpan, "R[A] := R[B] + K[C]";
    SubK "subk" Abc [Dst, Reg, Const] Next NoSpan, "R[A] := R[B] - K[C]";
    MulK "mulk" Abc [Dst, Reg, Const] Next NoSpan, "R[A] := R[B] * K[C]";
    DivK "divk" Abc [Dst, Reg, Const] Next NoSpan, "R[A] := R[B] / K[C]";
    Neg "neg" Abc [Dst, Reg] Next NoSpan, "R[A] := -R[B]";
    Pos "pos" Abc [Dst, Reg] Next NoSpan, "R[A] := +R[B]";
    Not "not" Abc [Dst, Reg] Next NoSpan, "R[A] := not R[B]";
    Invert "invert" Abc [Dst, Reg] Next NoSpan, "R[A] := ~R[B]";
    // ---- machine-integer arithmetic (the tutorial dialect and the calculator) ----
    Wrap32 "wrap32" Abc [Dst, Reg] Next NoSpan, "R[A] := R[B] wrapped to a signed 32-bit integer";
    TDiv "tdiv" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] / R[C] truncated toward zero (ints)";
    TMod "tmod" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] % R[C] with the sign of the dividend (ints)";
    FDiv "fdiv" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := float(R[B]) / float(R[C]) under IEEE 754 (no trap)";
    ChkI64 "chki64" Abc [Reg] Next NoSpan, "if R[A] does not fit in 64 bits: raise OverflowError";
    // ---- comparisons producing a bool ----
    Eq "eq" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] == R[C]";
    Ne "ne" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] != R[C]";
    Lt "lt" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] < R[C]";
    Le "le" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] <= R[C]";
    Gt "gt" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] > R[C]";
    Ge "ge" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] >= R[C]";
    Is "is" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] is R[C]";
    IsNot "isnot" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] is not R[C]";
    In "in" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] in R[C]";
    NotIn "notin" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] not in R[C]";
    // ---- fused compare-and-branch (each is followed by a jmp) ----
    BrEq "breq" Abc [Reg, Reg, Flag] Branch NoSpan, "if (R[A] == R[B]) == k: jump";
    BrLt "brlt" Abc [Reg, Reg, Flag] Branch NoSpan, "if (R[A] < R[B]) == k: jump";
    BrLe "brle" Abc [Reg, Reg, Flag] Branch NoSpan, "if (R[A] <= R[B]) == k: jump";
    BrGt "brgt" Abc [Reg, Reg, Flag] Branch NoSpan, "if (R[A] > R[B]) == k: jump";
    BrGe "brge" Abc [Reg, Reg, Flag] Branch NoSpan, "if (R[A] >= R[B]) == k: jump";
    BrIs "bris" Abc [Reg, Reg, Flag] Branch NoSpan, "if (R[A] is R[B]) == k: jump";
    BrEqI "breqi" Abc [Reg, SImm, Flag] Branch NoSpan, "if (R[A] == sB) == k: jump";
    BrLtI "brlti" Abc [Reg, SImm, Flag] Branch NoSpan, "if (R[A] < sB) == k: jump";
    BrLeI "brlei" Abc [Reg, SImm, Flag] Branch NoSpan, "if (R[A] <= sB) == k: jump";
    BrGtI "brgti" Abc [Reg, SImm, Flag] Branch NoSpan, "if (R[A] > sB) == k: jump";
    BrGeI "brgei" Abc [Reg, SImm, Flag] Branch NoSpan, "if (R[A] >= sB) == k: jump";
    BrNone "brnone" Abc [Reg, Unused, Flag] Branch NoSpan, "if (R[A] is None) == k: jump";
    BrTrue "brtrue" Abc [Reg, Unused, Flag] Branch NoSpan, "if bool(R[A]) == k: jump";
    // ---- jumps ----
    Jmp "jmp" SJ [Jump] Jump NoSpan, "pc += sJ (relative to the next instruction)";
    JmpTab "jmptab" ABx [Reg, Table] Indirect NoSpan, "pc := K[Bx][R[A] / 4] (R[A] a byte offset; a bad offset raises)";
    // ---- calls ----
    Call "call" Abc [Dst, Imm] Next AThroughAPlusB, "R[A] := R[A](R[A+1], ..., R[A+B])";
    CallKw "callkw" Abc [Dst, Imm, Imm] Next CallKw, "R[A] := R[A](R[A+1..=A+B], keywords named by the tuple R[A+B+C+1] := R[A+B+1..=A+B+C])";
    CallEx "callex" Abc [Dst, Flag] Next AFixed(2), "R[A] := R[A](*R[A+1], **R[A+2] if B)";
    GetMethod "getmethod" Abc [Dst, Reg, Name] Next AFixed(1), "R[A] := method K[C] of R[B]; R[A+1] := R[B] (call with B+1 arguments)";
    GetAttr "getattr" Abc [Dst, Reg, Name] Next NoSpan, "R[A] := R[B].K[C]";
    Return "return" Abc [Reg] Stop NoSpan, "return R[A]";
    ReturnNone "returnnone" Abc [] Stop NoSpan, "return None";
    // ---- containers ----
    NewList "newlist" Abc [Dst, Reg, Imm] Next BCount, "R[A] := [R[B], ..., R[B+C-1]]";
    NewTuple "newtuple" Abc [Dst, Reg, Imm] Next BCount, "R[A] := (R[B], ..., R[B+C-1])";
    NewSet "newset" Abc [Dst, Reg, Imm] Next BCount, "R[A] := {R[B], ..., R[B+C-1]}";
    NewDict "newdict" Abc [Dst, Reg, Imm] Next BPairs, "R[A] := {R[B]: R[B+1], ..., R[B+2C-2]: R[B+2C-1]}";
    GetIndex "getindex" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B][R[C]]";
    SetIndex "setindex" Abc [Reg, Reg, Reg] Next NoSpan, "R[A][R[B]] := R[C]";
    DelIndex "delindex" Abc [Reg, Reg] Next NoSpan, "del R[A][R[B]]";
    GetIndexI "getindexi" Abc [Dst, Reg, Imm] Next NoSpan, "R[A] := R[B][C]";
    SetIndexI "setindexi" Abc [Reg, Imm, Reg] Next NoSpan, "R[A][B] := R[C]";
    GetSlice "getslice" Abc [Dst, Reg, Reg] Next CFixed(2), "R[A] := R[B][R[C]:R[C+1]:R[C+2]]";
    SetSlice "setslice" Abc [Reg, Reg, Reg] Next BFixed(2), "R[A][R[B]:R[B+1]:R[B+2]] := R[C]";
    DelSlice "delslice" Abc [Reg, Reg] Next BFixed(2), "del R[A][R[B]:R[B+1]:R[B+2]]";
    Len "len" Abc [Dst, Reg] Next NoSpan, "R[A] := len(R[B])";
    Append "append" Abc [Reg, Reg] Next NoSpan, "R[A].append(R[B]) (R[A] a list)";
    SetAdd "setadd" Abc [Reg, Reg] Next NoSpan, "R[A].add(R[B]) (R[A] a set)";
    Unpack "unpack" Abc [Dst, Reg, Imm] Next ACount, "R[A], ..., R[A+C-1] := R[B] (exactly C items)";
    // ---- iteration ----
    GetIter "getiter" Abc [Dst, Reg] Next NoSpan, "R[A] := iter(R[B])";
    ForIter "foriter" Abc [Reg, Dst] Branch NoSpan, "if R[A] yields v: R[B] := v; jump";
    ForPrep "forprep" Abc [Dst, Dst] Branch AFixed(2), "check range(R[A], R[A+1], R[A+2]); if it is empty: jump, else R[B] := R[A]";
    ForLoop "forloop" Abc [Dst, Dst] Branch AFixed(2), "R[A] += R[A+2]; if R[A] is still in range: R[B] := R[A]; jump";
    // ---- strings and output ----
    Str "str" Abc [Dst, Reg] Next NoSpan, "R[A] := str(R[B])";
    Repr "repr" Abc [Dst, Reg] Next NoSpan, "R[A] := repr(R[B])";
    Format "format" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := format(R[B], R[C])";
    BuildStr "buildstr" Abc [Dst, Reg, Imm] Next BCount, "R[A] := R[B] + ... + R[B+C-1] (all str)";
    Write "write" Abc [Reg] Next NoSpan, "write str(R[A]) to standard output, adding nothing";
    // ---- modules ----
    Import "import" ABx [Dst, Name] Next NoSpan, "R[A] := the built-in module named K[Bx]";
    // ---- exceptions ----
    Raise "raise" Abc [Reg] Stop NoSpan, "raise R[A] (an exception instance or class)";
    RaiseFrom "raisefrom" Abc [Reg, Reg] Stop NoSpan, "raise R[A] from R[B]";
    Reraise "reraise" Abc [Reg] Stop NoSpan, "raise R[A] again, keeping its traceback";
    Error "error" ABx [Exc, Const] Stop NoSpan, "raise built-in exception class A with the message K[Bx] (no arguments when K[Bx] is None)";
    GetExc "getexc" Abc [Dst] Next NoSpan, "R[A] := the exception that entered this handler";
    ExcMatch "excmatch" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] is an instance of R[C] (a class or a tuple of classes)";
    PushExc "pushexc" Abc [Dst] Next NoSpan, "R[A] := the handled exception; the handled exception := the one that entered this handler";
    PopExc "popexc" Abc [Reg] Next NoSpan, "the handled exception := R[A]";
    // ---- linear memory (the tutorial dialect's byte heap) ----
    NewMem "newmem" Abc [Dst] Next NoSpan, "R[A] := a new empty byte memory";
    MemGrow "memgrow" Abc [Reg, Reg] Next NoSpan, "grow memory R[A] by R[B] zero bytes";
    Load32 "load32" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := the little-endian i32 at byte R[C] of memory R[B]";
    Store32 "store32" Abc [Reg, Reg, Reg] Next NoSpan, "store R[C] as a little-endian i32 at byte R[B] of memory R[A]";
    // ---- augmented assignment (`x += y`): lists, sets and dicts change in place; errors name `+=` ----
    IAdd "iadd" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] += R[C] (extends a list in place)";
    ISub "isub" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] -= R[C] (set difference in place)";
    IMul "imul" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] *= R[C] (repeats a list in place)";
    IDivT "idivt" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] /= R[C]";
    IIDiv "iidiv" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] //= R[C]";
    IMod "imod" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] %= R[C]";
    IPow "ipow" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] **= R[C]";
    IAnd "iand" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] &= R[C] (set intersection in place)";
    IOr "ior" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] |= R[C] (set or dict union in place)";
    IXor "ixor" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] ^= R[C] (set symmetric difference in place)";
    IShl "ishl" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] <<= R[C]";
    IShr "ishr" Abc [Dst, Reg, Reg] Next NoSpan, "R[A] := R[B] >>= R[C]";
    IAddI "iaddi" Abc [Dst, Reg, SImm] Next NoSpan, "R[A] := R[B] += sC";
    ISubI "isubi" Abc [Dst, Reg, SImm] Next NoSpan, "R[A] := R[B] -= sC";
    // ---- more raising ----
    ErrorV "errorv" Abc [Exc, Reg] Stop NoSpan, "raise built-in exception class A with the argument R[B]";
    RaiseHandled "raisehandled" Abc [] Stop NoSpan, "raise the exception being handled again (RuntimeError when there is none)";
    // ---- generators ----
    Yield "yield" Abc [Reg] Next NoSpan, "suspend this generator's frame, producing R[A]; execution resumes at the next instruction";
    UnpackEx "unpackex" Abc [Dst, Reg, Imm] Next UnpackStar, "unpack R[B] into R[A].. with a starred target: C = 16 * before + after; R[A+before] := list of the rest";
    // ---- a literal left operand (`1 + f(x)`, `3 * x`, `1.0 / d`) ----
    RAddI "raddi" Abc [Dst, Reg, SImm] Next NoSpan, "R[A] := sC + R[B]";
    RSubI "rsubi" Abc [Dst, Reg, SImm] Next NoSpan, "R[A] := sC - R[B]";
    RMulI "rmuli" Abc [Dst, Reg, SImm] Next NoSpan, "R[A] := sC * R[B]";
    RAddK "raddk" Abc [Dst, Reg, Const] Next NoSpan, "R[A] := K[C] + R[B]";
    RSubK "rsubk" Abc [Dst, Reg, Const] Next NoSpan, "R[A] := K[C] - R[B]";
    RMulK "rmulk" Abc [Dst, Reg, Const] Next NoSpan, "R[A] := K[C] * R[B]";
    RDivK "rdivk" Abc [Dst, Reg, Const] Next NoSpan, "R[A] := K[C] / R[B]";
    // ---- more constant right operands (`i % 10007`, `n // 1000`) ----
    ModK "modk" Abc [Dst, Reg, Const] Next NoSpan, "R[A] := R[B] % K[C] (floor modulo)";
    IDivK "idivk" Abc [Dst, Reg, Const] Next NoSpan, "R[A] := R[B] // K[C]";
    // ---- calls of a global function whose arguments are plain copies (`f(x, 1)`), which can neither raise nor run code, so the callee may be loaded with the call ----
    CallG "callg" Abc [Dst, Imm, Global] Next ArgsAfterA, "R[A] := G[C] (NameError when unbound); R[A] := R[A](R[A+1], ..., R[A+B])";
    CallG1 "callg1" Abc [Dst, Reg, Global] Next AFixed(1), "R[A] := G[C] (NameError when unbound); R[A+1] := R[B]; R[A] := R[A](R[A+1])";
    // ---- returning a constant (`return 1`, `return (None, None)`) ----
    ReturnK "returnk" ABx [Unused, Const] Stop NoSpan, "return K[Bx]";
    // ---- the back edge of a counted loop whose step is 1 (`for i in range(n)`) ----
    ForLoop1 "forloop1" Abc [Dst, Dst] Branch AFixed(1), "R[A] += 1; if R[A] < R[A+1]: R[B] := R[A]; jump";
    // ---- compare-and-branch against a constant (`x > 4.0`, `d < 1e-9`) ----
    BrLtK "brltk" Abc [Reg, Const, Flag] Branch NoSpan, "if (R[A] < K[B]) == k: jump";
    BrLeK "brlek" Abc [Reg, Const, Flag] Branch NoSpan, "if (R[A] <= K[B]) == k: jump";
    BrGtK "brgtk" Abc [Reg, Const, Flag] Branch NoSpan, "if (R[A] > K[B]) == k: jump";
    BrGeK "brgek" Abc [Reg, Const, Flag] Branch NoSpan, "if (R[A] >= K[B]) == k: jump";
}

// At most 255 opcodes fit the opcode byte; checked when the crate compiles.
const _: () = assert!(Opcode::ALL.len() <= 255);

impl Opcode {
    /// The number of opcodes.
    pub const COUNT: usize = Self::ALL.len();

    /// The opcode with the given number, if any.
    pub fn from_u8(byte: u8) -> Option<Opcode> {
        Self::ALL.get(byte as usize).copied()
    }

    /// Looks up an opcode by mnemonic, in any letter case.
    pub fn from_mnemonic(text: &str) -> Option<Opcode> {
        Self::ALL
            .iter()
            .copied()
            .find(|op| op.mnemonic().eq_ignore_ascii_case(text))
    }

    /// Whether the instruction stores into operand A.
    pub fn writes_a(self) -> bool {
        self.operands()[0] == OperandKind::Dst
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_is_dense_and_fits_a_byte() {
        for (i, op) in Opcode::ALL.iter().enumerate() {
            assert_eq!(*op as usize, i);
            assert_eq!(Opcode::from_u8(i as u8), Some(*op));
        }
        assert_eq!(Opcode::from_u8(Opcode::COUNT as u8), None);
    }

    #[test]
    fn mnemonics_are_unique_and_case_insensitive() {
        let mut seen = std::collections::HashSet::new();
        for op in Opcode::ALL {
            assert!(seen.insert(op.mnemonic()), "duplicate {}", op.mnemonic());
            assert_eq!(
                Opcode::from_mnemonic(&op.mnemonic().to_uppercase()),
                Some(*op)
            );
        }
    }

    #[test]
    fn operand_kinds_fit_their_format() {
        for op in Opcode::ALL {
            let ranges = op.format().ranges();
            for (kind, range) in op.operands().iter().zip(ranges) {
                if range.is_none() {
                    assert_eq!(*kind, OperandKind::Unused, "{op:?}");
                }
            }
            if op.operands().contains(&OperandKind::Jump) {
                assert_eq!(op.format(), Format::SJ);
            }
        }
    }
}
