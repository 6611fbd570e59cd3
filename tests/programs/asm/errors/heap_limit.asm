; A list that grows without end, stopped by --max-heap: exit code 3.
.func main()
    newlist   r0, r0, 0
    loadk     r1, "x"
again:
    append    r0, r1
    jmp       again
.end
