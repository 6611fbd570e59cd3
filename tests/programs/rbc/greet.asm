; Assembled into greet.rbc (rhodium asm tests/programs/rbc/greet.asm);
; both files run as golden tests with the same expected output, and the
; damaged copies of greet.rbc in this directory must be refused.
.func main()
    getglobal r0, print
    loadk     r1, "Grüße"
    loadk     r2, 12345678901234567890
    loadk     r3, -0.0
    loadk     r4, (1, ("nested", None), 2.5)
    call      r0, 4
    closure   r0, halve
    loadi     r1, 7
    call      r0, 1
    getglobal r1, print
    move      r2, r0
    call      r1, 1
    returnnone
.end

.func halve(n)
    divk      r1, r0, 2
    return    r1
.end
