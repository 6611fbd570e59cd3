; Lists nested 100000 deep: building them is fine; printing and comparing
; them raise RecursionError (as in CPython) instead of overflowing the native
; stack. Hashing a tuple that deep is a RecursionError too (CPython happens
; to manage it on its C stack). The garbage collector copes with the chains.
.func main() regs=16
    closure   r10, nest
    loadk     r11, 100000
    move      r0, r10
    move      r1, r11
    loadbool  r2, 0
    call      r0, 2                 ; r0 := [[[...]]], 100000 deep
    move      r12, r0
    move      r0, r10
    move      r1, r11
    loadbool  r2, 0
    call      r0, 2
    move      r13, r0               ; another one, equal in structure
    move      r0, r10
    move      r1, r11
    loadbool  r2, 1
    call      r0, 2
    move      r14, r0               ; a tuple nested as deep
    closure   r15, attempt
    move      r0, r15
    loadi     r1, 0
    move      r2, r12
    move      r3, r13
    call      r0, 3                 ; repr
    move      r0, r15
    loadi     r1, 1
    move      r2, r12
    move      r3, r13
    call      r0, 3                 ; ==
    move      r0, r15
    loadi     r1, 2
    move      r2, r12
    move      r3, r13
    call      r0, 3                 ; <
    move      r0, r15
    loadi     r1, 3
    move      r2, r12
    move      r3, r13
    call      r0, 3                 ; str
    move      r0, r15
    loadi     r1, 4
    move      r2, r14
    move      r3, r14
    call      r0, 3                 ; hash of the deep tuple
    loadnone  r12
    loadnone  r13
    loadnone  r14
    newlist   r0, r0, 0
    loadi     r1, 0
churn:
    newlist   r2, r0, 1             ; garbage, so the collector runs over the dead chains
    addi      r1, r1, 1
    brlti     r1, 100, 1
    jmp       churn
    loadk     r0, "done\n"
    write     r0
    returnnone
.end

; nest(n, as_tuple): n levels of one-element lists (or tuples)
.func nest(n, as_tuple) regs=6
    newlist   r2, r2, 0
    loadi     r3, 0
again:
    brtrue    r1, 0, 1
    jmp       tuple
    newlist   r2, r2, 1
    jmp       next
tuple:
    newtuple  r2, r2, 1
next:
    addi      r3, r3, 1
    brlt      r3, r0, 1
    jmp       again
    return    r2
.end

; attempt(op, a, b): prints what the operation gives, or the exception's repr
.func attempt(op, a, b) regs=10
    .handler  t0, t1, fail
t0:
    muli      r9, r0, 4             ; jmptab takes a byte offset
    jmptab    r9, table(do_repr, do_eq, do_lt, do_str, do_hash)
do_repr:
    repr      r3, r1
    jmp       ok
do_eq:
    eq        r3, r1, r2
    jmp       ok
do_lt:
    lt        r3, r1, r2
    jmp       ok
do_str:
    str       r3, r1
    jmp       ok
do_hash:
    getglobal r3, hash
    move      r4, r1
    call      r3, 1
t1:
ok:
    loadk     r3, "no error\n"
    write     r3
    returnnone
fail:
    getexc    r5
    getglobal r6, print
    getglobal r7, repr
    move      r8, r5
    call      r7, 1
    call      r6, 1
    returnnone
.end
