; A loop that never ends, stopped by --fuel 50: the output written so far
; is kept, the error says how many instructions ran, exit code 3.
.func main()
    loadi     r0, 0
again:
    write     r0
    addi      r0, r0, 1
    jmp       again
.end
