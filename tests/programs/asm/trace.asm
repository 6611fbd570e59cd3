; --trace prints every executed instruction (function, index, the raw
; instruction) and the registers it wrote, on stderr.
.func main()
    loadi     r0, 2
    addi      r1, r0, 40
    getglobal r2, len
    loadk     r3, "abc"
    call      r2, 1
    str       r1, r1
    write     r1
    returnnone
.end
