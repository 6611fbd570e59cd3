; Calls: positional, default and keyword-only parameters, keyword arguments
; (callkw), *args and **kwargs (callex), methods (getmethod), built-ins
; with keywords, and the TypeErrors of bad calls.
.func main() regs=40
    .local r30 describe
    .local r31 attempt
    closure   r30, describe
    loadk     r1, (10,)
    defaults  r30, r1, 0            ; b=10
    loadk     r2, "d"
    loadi     r3, 4
    newdict   r1, r2, 1
    defaults  r30, r1, 1            ; d=4 (keyword-only default)
    closure   r31, attempt

    ; describe(1, c=3)
    move      r0, r30
    loadi     r1, 1
    loadi     r2, 3
    loadk     r3, ("c",)
    callkw    r0, 1, 1
    ; describe(1, 2, 5, 6, c=7, d=8, e=9)
    move      r0, r30
    loadi     r1, 1
    loadi     r2, 2
    loadi     r3, 5
    loadi     r4, 6
    loadi     r5, 7
    loadi     r6, 8
    loadi     r7, 9
    loadk     r8, ("c", "d", "e")
    callkw    r0, 4, 3
    ; describe(*[1], **{"c": 0, "b": 5})
    move      r0, r30
    loadi     r10, 1
    newlist   r1, r10, 1
    loadk     r10, "c"
    loadi     r11, 0
    loadk     r12, "b"
    loadi     r13, 5
    newdict   r2, r10, 2
    callex    r0, 1
    ; describe(*("x", "y", "z"), c=None) through a dict
    move      r0, r30
    loadk     r1, ("x", "y", "z")
    loadk     r10, "c"
    loadnone  r11
    newdict   r2, r10, 1
    callex    r0, 1

    ; bad calls, each caught by attempt(f, args, kwargs)
    move      r0, r31
    move      r1, r30
    loadk     r2, (1, 2, 3)
    newdict   r3, r0, 0
    call      r0, 3                 ; missing keyword-only c
    move      r0, r31
    move      r1, r30
    loadk     r2, ()
    newdict   r3, r0, 0
    call      r0, 3                 ; missing a
    move      r0, r31
    move      r1, r30
    loadk     r2, (1,)
    loadk     r10, "c"
    loadi     r11, 1
    loadk     r12, "a"
    loadi     r13, 2
    newdict   r3, r10, 2
    call      r0, 3                 ; a given twice
    closure   r20, pair
    move      r0, r31
    move      r1, r20
    loadk     r2, (1, 2, 3)
    newdict   r3, r0, 0
    call      r0, 3                 ; too many positional arguments
    move      r0, r31
    move      r1, r20
    loadk     r2, (1,)
    loadk     r10, "z"
    loadi     r11, 2
    newdict   r3, r10, 1
    call      r0, 3                 ; unexpected keyword
    move      r0, r31
    loadi     r1, 5
    loadk     r2, ()
    newdict   r3, r0, 0
    call      r0, 3                 ; 5 is not callable

    ; pair(pair(1, 2), 3): a call's result feeds another call
    move      r0, r20
    move      r1, r20
    loadi     r2, 1
    loadi     r3, 2
    call      r1, 2
    loadi     r2, 3
    call      r0, 2
    getglobal r1, print
    move      r2, r0
    call      r1, 1

    ; methods: "-".join(["a", "b"]) and math.sqrt(16.0) (a module function takes no receiver)
    loadk     r10, "-"
    loadk     r11, "a"
    loadk     r12, "b"
    newlist   r13, r11, 2
    getmethod r0, r10, "join"
    move      r2, r13
    call      r0, 2
    import    r10, "math"
    getmethod r1, r10, "sqrt"
    loadf     r3, 16
    call      r1, 2
    getglobal r2, print
    move      r3, r0
    move      r4, r1
    call      r2, 2

    ; a built-in with keywords: print("x", "y", sep="+", end="!\n")
    getglobal r0, print
    loadk     r1, "x"
    loadk     r2, "y"
    loadk     r3, "+"
    loadk     r4, "!\n"
    loadk     r5, ("sep", "end")
    callkw    r0, 2, 2
    ; classes are callable: int("42") + len("abc")
    getglobal r0, int
    loadk     r1, "42"
    call      r0, 1
    getglobal r1, len
    loadk     r2, "abc"
    call      r1, 1
    add       r0, r0, r1
    getglobal r1, print
    move      r2, r0
    call      r1, 1
    returnnone
.end

.func describe(a, b, *rest, c, d, **kw) regs=14
    getglobal r6, print
    move      r7, r0
    move      r8, r1
    move      r9, r4
    move      r10, r2
    move      r11, r3
    move      r12, r5
    call      r6, 6
    returnnone
.end

.func pair(x, y) regs=3
    newtuple  r2, r0, 2
    return    r2
.end

; attempt(f, args, kwargs): calls f(*args, **kwargs), printing the repr of any exception.
.func attempt(f, args, kwargs) regs=8
    .handler  a0, a1, fail
a0:
    move      r3, r0
    move      r4, r1
    move      r5, r2
    callex    r3, 1
a1:
    return    r3
fail:
    getexc    r6
    getglobal r3, print
    getglobal r4, repr
    move      r5, r6
    call      r4, 1
    call      r3, 1
    returnnone
.end
