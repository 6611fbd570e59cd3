; Exceptions: handlers, class matching (with base classes and tuples),
; re-raising to an outer handler, `raise ... from`, implicit context,
; the `error` instruction, and a raise of something that is not an exception.
.func main() regs=24
    getglobal r0, print

    ; 1. Raised two calls deep and caught here.
    .handler  t1, t1_end, c1
t1:
    closure   r1, outer
    call      r1, 0
t1_end:
    jmp       done1
c1:
    pushexc   r2                    ; r2 := the previously handled exception
    getexc    r3
    getglobal r4, ValueError
    excmatch  r5, r3, r4            ; True
    getglobal r6, print
    loadk     r7, "1."
    getglobal r8, repr
    move      r9, r3
    call      r8, 1
    move      r9, r5
    move      r10, r2               ; None: nothing was handled before
    call      r6, 4
    popexc    r2
done1:

    ; 2. A KeyError matches LookupError (its base) and a tuple naming it.
    .handler  t2, t2_end, c2
t2:
    newdict   r1, r0, 0
    loadk     r2, "missing"
    getindex  r3, r1, r2
t2_end:
    jmp       done2
c2:
    getexc    r3
    getglobal r4, TypeError
    getglobal r5, LookupError
    newtuple  r6, r4, 2             ; (TypeError, LookupError)
    excmatch  r7, r3, r6            ; True
    excmatch  r8, r3, r4            ; False
    excmatch  r9, r3, r5            ; True
    getglobal r10, print
    loadk     r11, "2."
    move      r12, r7
    move      r13, r8
    move      r14, r9
    getglobal r15, str
    move      r16, r3
    call      r15, 1                ; str(KeyError('missing')) is "'missing'"
    call      r10, 5
done2:

    ; 3. An inner handler that does not match re-raises to the outer one.
    .handler  t3in, t3in_end, c3in
    .handler  t3, t3_end, c3
t3:
t3in:
    error     ZeroDivisionError, "custom message"
t3in_end:
c3in:
    getexc    r1
    getglobal r2, KeyError
    excmatch  r3, r1, r2
    brtrue    r3, 0, 0              ; jump when it is not a KeyError
    jmp       pass3
    loadk     r4, "3. wrongly matched\n"
    write     r4
    returnnone
pass3:
    reraise   r1
t3_end:
c3:
    getexc    r1
    getglobal r2, print
    loadk     r3, "3."
    getglobal r4, repr
    move      r5, r1
    call      r4, 1
    call      r2, 2

    ; 4. raise ... from: the cause is recorded.
    .handler  t4, t4_end, c4
t4:
    getglobal r1, RuntimeError
    loadk     r2, "outer"
    call      r1, 1
    getglobal r2, KeyError
    loadk     r3, "k"
    call      r2, 1
    raisefrom r1, r2
t4_end:
c4:
    getexc    r1
    getattr   r2, r1, "__cause__"
    getglobal r3, print
    loadk     r4, "4."
    getglobal r5, repr
    move      r6, r1
    call      r5, 1
    getglobal r6, repr
    move      r7, r2
    call      r6, 1
    call      r3, 3

    ; 5. An exception raised while another is handled remembers it as its context.
    .handler  t5b, t5b_end, c5b
    .handler  t5, t5_end, c5
t5:
    getglobal r1, ValueError
    raise     r1                    ; raising the class raises ValueError()
t5_end:
c5:
    pushexc   r2
t5b:
    error     TypeError, "while handling"
t5b_end:
c5b:
    getexc    r3
    getattr   r4, r3, "__context__"
    getglobal r5, print
    loadk     r6, "5."
    getglobal r7, repr
    move      r8, r3
    call      r7, 1
    getglobal r8, repr
    move      r9, r4
    call      r8, 1
    call      r5, 3
    popexc    r2

    ; 6. Raising something that is not an exception is a TypeError.
    .handler  t6, t6_end, c6
t6:
    loadi     r1, 5
    raise     r1
t6_end:
c6:
    getexc    r1
    getattr   r2, r1, "args"
    getglobal r3, print
    loadk     r4, "6."
    move      r5, r2
    call      r3, 2

    ; 7. A handler in a callee catches its own exception and returns normally.
    closure   r1, safe_div
    loadi     r2, 7
    loadi     r3, 0
    call      r1, 2
    getglobal r4, print
    loadk     r5, "7."
    move      r6, r1
    call      r4, 2
    loadk     r1, "end"
    call      r0, 1
    returnnone
.end

.func outer() regs=4
    closure   r0, inner
    loadi     r1, 42
    call      r0, 1
    return    r0
.end

.func inner(n) regs=6
    getglobal r1, ValueError
    loadk     r2, "bad value "
    str       r3, r0
    buildstr  r2, r2, 2
    call      r1, 1
    raise     r1
.end

.func safe_div(a, b) regs=5
    .handler  s0, s1, caught
s0:
    idiv      r2, r0, r1
    return    r2
s1:
caught:
    getexc    r3
    loadk     r2, "division failed: "
    str       r3, r3
    buildstr  r4, r2, 2
    return    r4
.end
