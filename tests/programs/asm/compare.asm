; Comparison instructions producing bools, across ints, floats, big ints,
; strings, tuples, lists and None; membership; identity.
.func main() regs=32
    loadk     r10, 3
    loadk     r11, 3.0
    loadk     r12, 100000000000000000000
    loadk     r13, "abc"
    loadk     r14, "abd"
    loadk     r15, (1, "x", 2.5)
    loadk     r16, (1, "x")
    loadnone  r17
    loadk     r18, nan
    loadk     r19, "b"
    ; lists built at run time
    loadi     r20, 1
    loadi     r21, 2
    newlist   r22, r20, 2           ; [1, 2]
    newlist   r23, r20, 2           ; another [1, 2]
    getglobal r0, print
    eq        r1, r10, r11          ; 3 == 3.0
    ne        r2, r10, r11
    lt        r3, r10, r12          ; 3 < 10**20
    le        r4, r12, r12
    gt        r5, r13, r14          ; "abc" > "abd"
    ge        r6, r14, r13
    call      r0, 6
    getglobal r0, print
    lt        r1, r16, r15          ; a prefix is smaller
    eq        r2, r22, r23          ; equal lists
    is        r3, r22, r23          ; but not the same object
    isnot     r4, r22, r23
    is        r5, r17, r17          ; None is None
    eq        r6, r18, r18          ; nan != nan
    call      r0, 6
    getglobal r0, print
    in        r1, r21, r22          ; 2 in [1, 2]
    notin     r2, r21, r22
    in        r3, r19, r13          ; "b" in "abc"
    in        r4, r11, r15          ; 3.0 in (1, "x", 2.5)
    loadf     r7, 1
    in        r5, r7, r15           ; 1.0 in (1, ...) is True
    newdict   r8, r13, 1            ; {"abc": "abd"}
    in        r6, r13, r8           ; key membership
    call      r0, 6
    getglobal r0, print
    lt        r1, r22, r23          ; [1, 2] < [1, 2]
    le        r2, r22, r23
    newset    r9, r20, 2            ; {1, 2}
    newset    r24, r20, 1           ; {1}
    lt        r3, r24, r9           ; proper subset
    ge        r4, r24, r9
    eq        r5, r9, r9
    ne        r6, r17, r10          ; None != 3
    call      r0, 6
    returnnone
.end
