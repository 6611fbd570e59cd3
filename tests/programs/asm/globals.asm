; Globals, deleted names, unbound locals, built-in modules and attributes.
.global counter
.global print
.func main() regs=20
    closure   r0, bump
    call      r0, 0                 ; NameError: counter is not set yet
    loadi     r1, 10
    setglobal r1, counter
    closure   r0, bump
    call      r0, 0
    closure   r0, bump
    call      r0, 0
    getglobal r0, print
    getglobal r1, counter           ; 12
    call      r0, 1
    delglobal 0, counter
    closure   r0, bump
    call      r0, 0                 ; NameError again
    closure   r0, bump_deleted
    call      r0, 0                 ; deleting an unbound global is a NameError too

    ; an unbound local
    .handler  l0, l1, unbound
    unbind    r5
l0:
    chkbound  r5, "total"
l1:
    returnnone
unbound:
    getexc    r6
    getglobal r0, print
    getglobal r1, repr
    move      r2, r6
    call      r1, 1
    call      r0, 1

    ; built-in modules and attributes
    import    r10, "math"
    getattr   r1, r10, "pi"
    import    r11, "sys"
    getattr   r2, r11, "maxsize"
    getglobal r3, range
    loadi     r4, 2
    loadi     r5, 9
    loadi     r6, 3
    call      r3, 3
    getattr   r3, r3, "step"
    getglobal r4, ValueError
    getattr   r4, r4, "__name__"
    getglobal r0, print
    call      r0, 4
    closure   r0, try_import
    call      r0, 0
    returnnone
.end

; bump(): counter += 1, printing NameError when there is no counter
.func bump() regs=8
    .handler  b0, b1, missing
b0:
    getglobal r0, counter
    addi      r0, r0, 1
    setglobal r0, counter
b1:
    returnnone
missing:
    getexc    r1
    getglobal r2, print
    getglobal r3, repr
    move      r4, r1
    call      r3, 1
    call      r2, 1
    returnnone
.end

.func bump_deleted() regs=8
    .handler  d0, d1, missing
d0:
    delglobal 0, counter
d1:
    returnnone
missing:
    getexc    r1
    getglobal r2, print
    getglobal r3, repr
    move      r4, r1
    call      r3, 1
    call      r2, 1
    returnnone
.end

.func try_import() regs=8
    .handler  i0, i1, failed
i0:
    import    r0, "nosuchmodule"
i1:
    returnnone
failed:
    getexc    r1
    getglobal r2, print
    getglobal r3, repr
    move      r4, r1
    call      r3, 1
    call      r2, 1
    .handler  a0, a1, failed2
a0:
    import    r0, "math"
    getattr   r1, r0, "nope"
a1:
    returnnone
failed2:
    getexc    r1
    getglobal r2, print
    getglobal r3, repr
    move      r4, r1
    call      r3, 1
    call      r2, 1
    returnnone
.end
