; Float arithmetic: IEEE 754 doubles with Python's rules: true division,
; floor division and modulo of floats, -0.0, inf and nan, shortest repr.
.func main()
    getglobal r0, print
    loadk     r10, 0.1
    loadk     r11, 0.2
    add       r1, r10, r11              ; 0.30000000000000004
    loadi     r12, 7
    loadi     r13, 2
    div       r2, r12, r13              ; 3.5
    loadk     r14, -7.5
    idiv      r3, r14, r13              ; -4.0
    mod       r4, r14, r13              ; 0.5
    loadf     r5, -3                    ; -3.0
    call      r0, 5
    getglobal r0, print
    loadk     r15, -0.0
    move      r1, r15                   ; -0.0
    neg       r2, r15                   ; 0.0
    loadk     r16, 1e300
    mul       r3, r16, r16              ; inf
    neg       r4, r3                    ; -inf
    sub       r5, r3, r3                ; nan
    call      r0, 5
    getglobal r0, print
    loadk     r17, nan
    eq        r1, r17, r17              ; False: nan is not equal to itself
    ne        r2, r17, r17              ; True
    lt        r3, r17, r12              ; False
    loadk     r18, 0.0
    eq        r4, r15, r18              ; True: -0.0 == 0.0
    loadk     r19, 7.0
    eq        r5, r19, r12              ; True: 7.0 == 7
    call      r0, 5
    getglobal r0, print
    pow       r1, r13, r14              ; 2 ** -7.5
    loadk     r20, 0.5
    pow       r2, r12, r20              ; sqrt(7)
    loadk     r21, 1e16
    addi      r3, r21, 1                ; 1e+16 (the 1 is lost)
    loadk     r22, 123456789.125
    mul       r4, r22, r13              ; 246913578.25
    loadk     r23, 1.5e-7
    move      r5, r23                   ; 1.5e-07
    call      r0, 5
    getglobal r0, print
    fdiv      r1, r12, r18              ; inf: fdiv never traps
    neg       r2, r12
    fdiv      r2, r2, r18               ; -inf
    fdiv      r3, r18, r18              ; nan
    fdiv      r4, r12, r13              ; 3.5
    loadk     r24, 12345678901234567890
    div       r5, r24, r13              ; 6.172839450617284e+18
    call      r0, 5
    returnnone
.end
