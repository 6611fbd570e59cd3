; Recursion 900 calls deep runs within the default limit of 1000 frames
; (calls never recurse on the native stack): sum(1..900) = 405450.
.func main()
    closure   r0, sum_to
    setglobal r0, sum_to
    loadi     r1, 900
    call      r0, 1
    getglobal r1, print
    move      r2, r0
    call      r1, 1
    returnnone
.end

.func sum_to(n)
    breqi     r0, 0, 1
    jmp       base
    getglobal r1, sum_to
    subi      r2, r0, 1
    call      r1, 1
    add       r1, r1, r0
    return    r1
base:
    return    r0
.end
