; loop.asm: sum 0 + 1 + ... + (n - 1) with a counting loop.
; The loop body is three instructions: add, addi, and a fused compare-and-branch.
.func main()
    .local r0 n
    .local r1 i
    .local r2 total
    loadk     r0, 10000000          ; n (wider than 16 bits: a constant)
    loadi     r1, 0
    loadi     r2, 0
    brge      r1, r0, 1             ; skip the loop when n <= 0
    jmp       done
again:
    add       r2, r2, r1            ; total += i
    addi      r1, r1, 1             ; i += 1
    brlt      r1, r0, 1             ; if i < n: loop
    jmp       again
done:
    getglobal r3, print
    move      r4, r2
    call      r3, 1
    returnnone
.end
