; Indirect jumps through a jump table (byte offsets, checked at run time)
; and the byte memory of the tutorial dialect (little-endian 32-bit words).
.func main() regs=20
    closure   r15, attempt
    ; dispatch on offsets 0, 4, 8, then on bad ones
    loadi     r10, 0
next:
    move      r0, r15
    move      r1, r10
    call      r0, 1
    addi      r10, r10, 4
    brlti     r10, 12, 1
    jmp       next
    move      r0, r15
    loadi     r1, 12                ; one past the table
    call      r0, 1
    move      r0, r15
    loadi     r1, 2                 ; not a multiple of 4
    call      r0, 1
    move      r0, r15
    loadi     r1, -4
    call      r0, 1
    move      r0, r15
    loadk     r1, "x"
    call      r0, 1

    ; memory
    newmem    r1
    loadi     r2, 8
    memgrow   r1, r2                ; 8 zero bytes
    loadi     r3, 0
    loadk     r4, 0x01020304
    store32   r1, r3, r4
    loadi     r5, 4
    loadi     r6, -1
    store32   r1, r5, r6
    getglobal r7, print
    load32    r8, r1, r3            ; 16909060
    loadi     r9, 1
    load32    r9, r1, r9            ; bytes 03 02 01 ff: -16711165
    load32    r10, r1, r5           ; -1
    loadk     r11, 2147483648
    store32   r1, r3, r11           ; stored as a wrapped i32
    load32    r11, r1, r3           ; -2147483648
    call      r7, 4
    .handler  m0, m1, bad_access
m0:
    loadi     r2, 5
    load32    r8, r1, r2            ; bytes 5..9 of 8: out of range
m1:
    returnnone
bad_access:
    getexc    r8
    getglobal r7, print
    getglobal r9, repr
    move      r10, r8
    call      r9, 1
    move      r8, r9
    len       r9, r1                ; the memory's size in bytes
    call      r7, 2
    returnnone
.end

.func attempt(offset) regs=8
    .handler  t0, t1, fail
t0:
    jmptab    r0, table(case0, case1, case2)
case0:
    loadk     r1, "case 0"
    jmp       out
case1:
    loadk     r1, "case 1"
    jmp       out
case2:
    loadk     r1, "case 2"
out:
    getglobal r2, print
    move      r3, r1
    call      r2, 1
    returnnone
t1:
fail:
    getexc    r4
    getglobal r5, print
    getglobal r6, repr
    move      r7, r4
    call      r6, 1
    call      r5, 1
    returnnone
.end
