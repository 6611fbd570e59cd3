; Unbounded recursion stops with RecursionError at the configured depth
; (--max-depth 5 here), not with a crash of the host.
.func main()
    closure   r0, down
    setglobal r0, down
    loadi     r1, 0
    call      r0, 1
    returnnone
.end

.func down(n)
    write     r0
    getglobal r1, down
    addi      r2, r0, 1
    call      r1, 1
    return    r1
.end
