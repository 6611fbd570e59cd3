; An exception raised by the program and not caught: exit code 1, the
; exception's class and message, and the frames it passed through.
.func main()
    closure   r0, check
    loadi     r1, -3
    call      r0, 1
    returnnone
.end

.func check(n)
    brgei     r0, 0, 1
    jmp       fine
    getglobal r1, ValueError
    loadk     r2, "negative: "
    str       r3, r0
    buildstr  r2, r2, 2
    call      r1, 1
    raise     r1
fine:
    returnnone
.end
