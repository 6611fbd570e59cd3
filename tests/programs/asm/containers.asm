; Containers: building lists, tuples, sets and dicts; indexing with
; negative indexes; item and slice assignment and deletion; len, append,
; setadd, unpack; and the errors of bad indexes and bad unpacking.
.func main() regs=40
    .local r30 attempt
    closure   r30, attempt
    loadi     r10, 1
    loadi     r11, 2
    loadi     r12, 3
    loadk     r13, "four"
    newlist   r20, r10, 4           ; [1, 2, 3, 'four']
    newtuple  r21, r10, 3           ; (1, 2, 3)
    newset    r22, r10, 3           ; {1, 2, 3}
    newdict   r23, r10, 2           ; {1: 2, 3: 'four'}
    getglobal r0, print
    move      r1, r20
    move      r2, r21
    move      r3, r22
    move      r4, r23
    call      r0, 4

    ; indexing
    loadi     r14, -1
    getindex  r1, r20, r14          ; 'four'
    getindexi r2, r21, 2            ; 3
    getindex  r3, r23, r12          ; 'four'
    loadk     r15, "hello"
    getindex  r4, r15, r14          ; 'o'
    len       r5, r20
    len       r6, r23
    getglobal r0, print
    call      r0, 6

    ; mutation
    setindex  r20, r10, r13         ; l[1] = 'four'
    setindexi r20, 0, r12           ; l[0] = 3
    append    r20, r10              ; l.append(1)
    loadk     r16, "new"
    setindex  r23, r16, r10         ; d["new"] = 1
    delindex  r23, r10              ; del d[1]
    setadd    r22, r13              ; s.add('four')
    setadd    r22, r10              ; already there
    loadi     r17, 0
    delindex  r20, r17              ; del l[0]
    getglobal r0, print
    move      r1, r20
    move      r2, r23
    len       r3, r22
    call      r0, 3

    ; slices: registers hold start, stop, step (None for a default)
    loadi     r24, 0
    loadi     r25, 10
    newlist   r26, r24, 0           ; []
    loadi     r27, 0
build:
    append    r26, r27
    addi      r27, r27, 1
    brlt      r27, r25, 1
    jmp       build                 ; r26 = [0, 1, ..., 9]
    loadi     r31, 2
    loadi     r32, 8
    loadi     r33, 2
    getslice  r1, r26, r31          ; [2:8:2] = [2, 4, 6]
    loadnone  r31
    loadnone  r32
    loadi     r33, -3
    getslice  r2, r26, r31          ; [::-3] = [9, 6, 3, 0]
    loadi     r31, -3
    loadnone  r33
    getslice  r3, r26, r31          ; [-3:] = [7, 8, 9]
    loadk     r34, "slicing"
    loadi     r31, 1
    loadi     r32, -1
    getslice  r4, r34, r31          ; 'licin'
    getslice  r5, r21, r31          ; (2,)
    getglobal r0, print
    call      r0, 5
    loadi     r31, 1
    loadi     r32, 9
    loadnone  r33
    newlist   r35, r13, 1           ; ['four']
    setslice  r26, r31, r35         ; l[1:9] = ['four']
    loadi     r31, 0
    loadi     r32, 1
    delslice  r26, r31              ; del l[0:1]
    getglobal r0, print
    move      r1, r26
    call      r0, 1

    ; unpack
    unpack    r1, r21, 3
    getglobal r0, print
    call      r0, 3

    ; errors
    move      r0, r30
    loadk     r1, "index"
    move      r2, r20
    loadi     r3, 10
    call      r0, 3
    move      r0, r30
    loadk     r1, "index"
    move      r2, r23
    loadk     r3, "nope"
    call      r0, 3
    move      r0, r30
    loadk     r1, "index"
    move      r2, r21
    loadk     r3, "x"
    call      r0, 3
    move      r0, r30
    loadk     r1, "setitem"
    move      r2, r21
    loadi     r3, 0
    call      r0, 3
    move      r0, r30
    loadk     r1, "unpack2"
    move      r2, r21
    loadi     r3, 0
    call      r0, 3
    move      r0, r30
    loadk     r1, "unpack4"
    move      r2, r21
    loadi     r3, 0
    call      r0, 3
    move      r0, r30
    loadk     r1, "hash"
    move      r2, r20
    loadi     r3, 0
    call      r0, 3
    returnnone
.end

; attempt(what, obj, key): performs one operation, printing the exception raised
.func attempt(what, obj, key) regs=12
    .handler  t0, t1, fail
t0:
    loadk     r3, "index"
    breq      r0, r3, 1
    jmp       do_index
    loadk     r3, "setitem"
    breq      r0, r3, 1
    jmp       do_setitem
    loadk     r3, "unpack2"
    breq      r0, r3, 1
    jmp       do_unpack2
    loadk     r3, "unpack4"
    breq      r0, r3, 1
    jmp       do_unpack4
    newset    r4, r1, 1             ; {obj}: obj must be hashable
    returnnone
do_index:
    getindex  r4, r1, r2
    returnnone
do_setitem:
    setindex  r1, r2, r2
    returnnone
do_unpack2:
    unpack    r4, r1, 2
    returnnone
do_unpack4:
    unpack    r4, r1, 4
    returnnone
t1:
fail:
    getexc    r8
    getglobal r9, print
    getglobal r10, repr
    move      r11, r8
    call      r10, 1
    call      r9, 1
    returnnone
.end
