; Integer arithmetic with Python semantics: floor division and modulo,
; promotion to big integers (never wrapping) and narrowing back.
.func main()
    .local r0 print
    getglobal r0, print
    nop                             ; does nothing
    ; --- register forms, with negative operands ---
    loadi     r10, -7
    loadi     r11, 2
    add       r1, r10, r11          ; -5
    sub       r2, r10, r11          ; -9
    mul       r3, r10, r11          ; -14
    idiv      r4, r10, r11          ; -4 (floor)
    mod       r5, r10, r11          ; 1 (sign of the divisor)
    pow       r6, r11, r11          ; 4
    call      r0, 6
    getglobal r0, print
    loadi     r12, -2
    idiv      r1, r10, r12          ; 3
    mod       r2, r10, r12          ; -1
    loadi     r13, 7
    idiv      r3, r13, r12          ; -4
    mod       r4, r13, r12          ; -1
    pow       r5, r12, r10          ; (-2) ** -7 = -0.0078125 (a float)
    call      r0, 5
    ; --- immediate forms ---
    getglobal r0, print
    addi      r1, r10, 100          ; 93
    subi      r2, r10, -128         ; 121
    muli      r3, r10, -3           ; 21
    idivi     r4, r10, 3            ; -3
    modi      r5, r10, 3            ; 2
    modi      r6, r13, -3           ; -2
    call      r0, 6
    ; --- constant forms ---
    getglobal r0, print
    addk      r1, r10, 100000       ; 99993
    subk      r2, r10, 100000       ; -100007
    mulk      r3, r10, 100000       ; -700000
    divk      r4, r10, 2            ; -3.5
    divk      r5, r13, 7            ; 1.0 (true division always gives a float)
    call      r0, 5
    ; --- unary ---
    getglobal r0, print
    neg       r1, r10               ; 7
    pos       r2, r10               ; -7
    not       r3, r10               ; False
    loadi     r14, 0
    not       r4, r14               ; True
    invert    r5, r10               ; 6
    invert    r6, r14               ; -1
    call      r0, 6
    ; --- bitwise ---
    getglobal r0, print
    loadi     r15, 12               ; 0b1100
    loadi     r16, 10               ; 0b1010
    band      r1, r15, r16          ; 8
    bor       r2, r15, r16          ; 14
    bxor      r3, r15, r16          ; 6
    shl       r4, r15, r11          ; 48
    shr       r5, r10, r11          ; -2 (arithmetic)
    band      r6, r10, r15          ; -7 & 12 = 8
    call      r0, 6
    returnnone
.end
