; Closures: cells made with mkcell, captured from a register (.capture rN)
; or from the creator's own captures (.capture uN), read and written through
; getupval/setupval and getcell/setcell; counters stay independent; an
; unbound cell raises.
.func main() regs=20
    .local    r5 x
    ; two independent counters
    closure   r10, make_counter
    call      r10, 0                ; r10 := (increment, peek)
    closure   r11, make_counter
    call      r11, 0
    getindexi r12, r10, 0
    getindexi r13, r10, 1
    getindexi r14, r11, 0
    move      r0, r12
    call      r0, 0                 ; 1
    move      r0, r12
    call      r0, 0                 ; 2
    move      r0, r14
    call      r0, 0                 ; 1 (the other counter)
    move      r0, r12
    call      r0, 0                 ; 3
    move      r1, r13
    call      r1, 0                 ; peek: 3
    getglobal r2, print
    move      r3, r0
    move      r4, r1
    call      r2, 2                 ; "3 3"

    ; three levels: the innermost closure reaches x through its creator's upvalue
    closure   r0, outer
    loadi     r1, 5
    call      r0, 1
    getglobal r1, print
    move      r2, r0
    call      r1, 1

    ; the creator changes the cell after making the closure: the closure sees it
    loadi     r5, 1
    mkcell    r5
    closure   r6, read_x
    loadi     r7, 99
    setcell   r5, r7
    move      r8, r6
    call      r8, 0
    getcell   r9, r5
    getglobal r1, print
    move      r2, r8
    move      r3, r9
    call      r1, 2                 ; "99 99"

    ; an unbound cell: reading it through the closure raises NameError
    .handler  u0s, u0e, unbound
    unbind    r5
    mkcell    r5
    closure   r6, read_x
u0s:
    move      r8, r6
    call      r8, 0
u0e:
    returnnone
unbound:
    getexc    r8
    getglobal r1, print
    getglobal r2, repr
    move      r3, r8
    call      r2, 1
    call      r1, 1
    .handler  g0, g1, unbound2
g0:
    getcell   r9, r5                ; and reading it directly is an UnboundLocalError
g1:
    returnnone
unbound2:
    getexc    r8
    getglobal r1, print
    getglobal r2, repr
    move      r3, r8
    call      r2, 1
    call      r1, 1
    returnnone
.end

.func make_counter() regs=4
    .local r0 count
    loadi     r0, 0
    mkcell    r0
    closure   r1, increment
    closure   r2, peek
    newtuple  r3, r1, 2
    return    r3
.end

.func increment() regs=1
    .capture  r0 count
    getupval  r0, u0
    addi      r0, r0, 1
    setupval  r0, u0
    return    r0
.end

.func peek() regs=1
    .capture  r0 count
    getupval  r0, u0
    return    r0
.end

; outer(x) returns middle()() where innermost computes x * 10 + 1
.func outer(x) regs=3
    mkcell    r0
    closure   r1, middle
    call      r1, 0
    call      r1, 0
    return    r1
.end

.func middle() regs=1
    .capture  r0 x
    closure   r0, innermost
    return    r0
.end

.func innermost() regs=2
    .capture  u0 x
    getupval  r0, u0
    muli      r0, r0, 10
    addi      r0, r0, 1
    return    r0
.end

; a closure over register 5 of main
.func read_x() regs=1
    .capture  r5 x
    getupval  r0, u0
    return    r0
.end
