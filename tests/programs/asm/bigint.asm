; Integers never wrap: results outside 64 bits become big integers, and big
; results that fit again become small ones. The machine-integer opcodes
; (wrap32, tdiv, tmod, chki64) are the exception, on request.
.func main()
    getglobal r0, print
    loadk     r10, 9223372036854775807     ; i64::MAX
    addi      r1, r10, 1                   ; 9223372036854775808
    mul       r2, r10, r10                 ; 85070591730234615847396907784232501249
    neg       r3, r10
    subi      r3, r3, 1                    ; i64::MIN = -9223372036854775808
    neg       r4, r3                       ; 9223372036854775808 (promoted)
    sub       r5, r1, r10                  ; 1 (narrowed back)
    call      r0, 5
    getglobal r0, print
    loadi     r11, 2
    loadi     r12, 100
    pow       r1, r11, r12                 ; 2 ** 100
    shl       r2, r11, r12                 ; 2 << 100
    shr       r3, r2, r12                  ; 2
    idivi     r4, r1, 3                    ; floor(2**100 / 3)
    modi      r5, r1, 7                    ; 2**100 % 7 = 2
    call      r0, 5
    getglobal r0, print
    loadk     r13, -123456789012345678901234567890
    idivi     r1, r13, 7
    modi      r2, r13, 7
    muli      r3, r13, -1
    band      r4, r13, r10
    invert    r5, r13
    call      r0, 5
    getglobal r0, print
    type_probe:
    getglobal r1, type
    move      r2, r5
    call      r1, 1                        ; <class 'int'>
    sub       r2, r13, r13                 ; 0
    loadk     r3, 18446744073709551616     ; 2**64
    eq        r4, r3, r1                   ; False (int vs class)
    lt        r5, r10, r3                  ; True
    call      r0, 5
    ; --- machine integers ---
    getglobal r0, print
    wrap32    r1, r10                      ; -1
    loadk     r14, 2147483648
    wrap32    r2, r14                      ; -2147483648
    loadi     r15, -7
    loadi     r16, 2
    tdiv      r3, r15, r16                 ; -3 (toward zero)
    tmod      r4, r15, r16                 ; -1 (sign of the dividend)
    chki64    r10                          ; fits: nothing happens
    fdiv      r5, r15, r16                 ; -3.5
    call      r0, 5
    returnnone
.end
