; Strings: str, repr and format of every kind of value; buildstr; write;
; concatenation and repetition; indexing unicode; string methods.
.func main() regs=40
    ; str and repr side by side
    loadk     r20, "it's \"q\"\n\ttab \x01 é"
    loadk     r21, 1.0
    loadk     r22, (1, "a", None, True, 2.5)
    loadnone  r23
    getglobal r24, len
    getglobal r0, print
    str       r1, r20
    repr      r2, r20
    repr      r3, r21
    repr      r4, r22
    str       r5, r23
    repr      r6, r24
    call      r0, 6
    ; format specs
    loadk     r10, 3.14159
    loadk     r11, ".2f"
    format    r1, r10, r11
    loadi     r12, 42
    loadk     r13, "08b"
    format    r2, r12, r13
    loadk     r14, "x"
    loadk     r15, "^5"
    format    r3, r14, r15
    loadk     r16, ","
    loadk     r17, 1234567890123
    format    r4, r17, r16
    loadk     r18, "+.3e"
    format    r5, r10, r18
    loadnone  r19
    format    r6, r10, r19          ; None is the empty spec
    buildstr  r7, r1, 6             ; all six joined
    getglobal r0, print
    call      r0, 7
    ; buildstr converts non-strings with str()
    loadk     r1, "n="
    loadi     r2, 7
    loadk     r3, ", f="
    loadk     r4, 0.5
    loadk     r5, ", t="
    loadk     r6, (1,)
    buildstr  r7, r1, 6
    write     r7
    loadk     r8, "\n"
    write     r8
    ; + and *
    loadk     r1, "ab"
    loadk     r2, "cd"
    add       r3, r1, r2
    muli      r4, r1, 3
    loadi     r5, -2
    mul       r5, r1, r5            ; negative repetition: ''
    loadk     r6, "日本語"
    len       r7, r6
    loadi     r8, 1
    getindex  r8, r6, r8
    getglobal r0, print
    move      r1, r3
    move      r2, r4
    repr      r3, r5
    move      r4, r7
    move      r5, r8
    call      r0, 5
    ; methods
    loadk     r10, "  Hello, World  "
    getmethod r0, r10, "strip"
    call      r0, 1
    move      r11, r0
    getmethod r0, r11, "upper"
    call      r0, 1
    move      r12, r0
    loadk     r13, ", "
    getmethod r0, r11, "split"
    move      r2, r13
    call      r0, 2
    move      r14, r0
    loadk     r15, "+"
    getmethod r0, r15, "join"
    move      r2, r14
    call      r0, 2
    move      r16, r0
    getmethod r0, r11, "replace"
    loadk     r2, "l"
    loadk     r3, "L"
    call      r0, 3
    move      r17, r0
    getmethod r0, r11, "find"
    loadk     r2, "World"
    call      r0, 2
    move      r18, r0
    getglobal r0, print
    move      r1, r12
    move      r2, r14
    move      r3, r16
    move      r4, r17
    move      r5, r18
    call      r0, 5
    ; str + int is a TypeError
    .handler  e0, e1, bad
e0:
    loadk     r1, "a"
    loadi     r2, 1
    add       r3, r1, r2
e1:
    returnnone
bad:
    getexc    r1
    getglobal r0, print
    move      r1, r1
    call      r0, 1
    returnnone
.end
