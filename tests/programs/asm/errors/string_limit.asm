; A string doubled until it passes --max-heap: the repetition is refused
; before it is built, and the run stops with exit code 3.
.func main()
    loadk     r0, "0123456789"
again:
    muli      r0, r0, 2
    len       r1, r0
    write     r1
    loadk     r2, " "
    write     r2
    jmp       again
.end
