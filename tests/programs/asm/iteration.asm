; Iteration: counted loops with forprep/forloop (up, down, empty, big-int
; bounds, near the 64-bit limit) and iterators with getiter/foriter over
; lists, tuples, strings, dicts, ranges and built-in iterators.
.func main() regs=40
    ; for i in range(0, 5): write i
    loadi     r10, 0
    loadi     r11, 5
    loadi     r12, 1
    forprep   r10, r13
    jmp       done1
body1:
    write     r13
    forloop   r10, r13
    jmp       body1
done1:
    loadk     r0, "|"
    write     r0
    ; for i in range(10, 0, -3)
    loadi     r10, 10
    loadi     r11, 0
    loadi     r12, -3
    forprep   r10, r13
    jmp       done2
body2:
    write     r13
    write     r0
    forloop   r10, r13
    jmp       body2
done2:
    ; for i in range(5, 0): never runs
    loadi     r10, 5
    loadi     r11, 0
    loadi     r12, 1
    forprep   r10, r13
    jmp       done3
body3:
    loadk     r1, "WRONG"
    write     r1
    forloop   r10, r13
    jmp       body3
done3:
    loadk     r0, "\n"
    write     r0
    ; big-int bounds: range(2**64, 2**64 + 3)
    loadk     r10, 18446744073709551616
    addi      r11, r10, 3
    loadi     r12, 1
    forprep   r10, r13
    jmp       done4
body4:
    getglobal r1, print
    move      r2, r13
    call      r1, 1
    forloop   r10, r13
    jmp       body4
done4:
    ; near the top of 64 bits: range(2**63 - 3, 2**63 - 1) must not wrap
    loadk     r10, 9223372036854775804
    loadk     r11, 9223372036854775806
    loadi     r12, 1
    forprep   r10, r13
    jmp       done5
body5:
    getglobal r1, print
    move      r2, r13
    call      r1, 1
    forloop   r10, r13
    jmp       body5
done5:
    ; True counts as 1: range(True, 3)
    loadbool  r10, 1
    loadi     r11, 3
    loadi     r12, 1
    forprep   r10, r13
    jmp       done6
body6:
    write     r13
    forloop   r10, r13
    jmp       body6
done6:
    loadk     r0, "\n"
    write     r0

    ; iterators over each kind of container
    loadi     r20, 1
    loadk     r21, "b"
    loadk     r22, 2.5
    newlist   r23, r20, 3
    newtuple  r24, r20, 3
    loadk     r25, "héllo"
    newdict   r26, r20, 1           ; {1: 'b'}
    getglobal r27, range
    loadi     r28, 3
    call      r27, 1                ; range(3)
    getglobal r28, enumerate
    move      r29, r24
    call      r28, 1                ; enumerate((1, 'b', 2.5))
    getglobal r29, reversed
    move      r30, r23
    call      r29, 1                ; reversed([1, 'b', 2.5])
    closure   r31, show_all
    move      r0, r31
    move      r1, r23
    call      r0, 1
    move      r0, r31
    move      r1, r24
    call      r0, 1
    move      r0, r31
    move      r1, r25
    call      r0, 1
    move      r0, r31
    move      r1, r26
    call      r0, 1
    move      r0, r31
    move      r1, r27
    call      r0, 1
    move      r0, r31
    move      r1, r28
    call      r0, 1
    move      r0, r31
    move      r1, r29
    call      r0, 1
    move      r0, r31
    move      r1, r29
    call      r0, 1                 ; the iterator is used up: an empty line

    ; a list that grows while it is iterated: the loop sees the new items
    loadi     r1, 1
    newlist   r2, r1, 1
    getiter   r3, r2
grow:
    foriter   r3, r4
    jmp       grow_body
    jmp       grow_done
grow_body:
    write     r4
    brgei     r4, 4, 1
    jmp       grow
    addi      r5, r4, 1
    append    r2, r5
    jmp       grow
grow_done:
    loadk     r0, "\n"
    write     r0

    ; iterating an int is a TypeError
    .handler  i0, i1, not_iterable
i0:
    loadi     r1, 7
    getiter   r2, r1
i1:
    returnnone
not_iterable:
    getexc    r1
    getglobal r2, print
    getglobal r3, repr
    move      r4, r1
    call      r3, 1
    call      r2, 1
    returnnone
.end

; show_all(x): writes repr() of each item of x on one line
.func show_all(x) regs=8
    getiter   r1, r0
    loadk     r5, ""
    loadk     r6, " "
next:
    foriter   r1, r2
    jmp       body
    jmp       done
body:
    write     r5
    repr      r3, r2
    write     r3
    move      r5, r6
    jmp       next
done:
    loadk     r3, "\n"
    write     r3
    returnnone
.end
