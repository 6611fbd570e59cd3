; A division by zero nobody catches: the trap names the function, the
; instruction and the source position of every frame; exit code 1.
.func main()
    getglobal r0, print
    loadk     r1, "before"
    call      r0, 1
    closure   r0, average
    loadi     r1, 10
    loadi     r2, 0
    call      r0, 2
    getglobal r1, print
    move      r2, r0
    call      r1, 1
    returnnone
.end

.func average(total, count)
    idiv      r2, r0, r1
    return    r2
.end
