; strings.asm: build a string in a loop and print it with its length.
.func main()
    loadk     r0, ""                ; result
    loadi     r1, 0                 ; i
loop:
    str       r2, r1                ; r2 := str(i)
    loadk     r3, "-"
    buildstr  r4, r2, 2             ; r4 := r2 + r3
    add       r0, r0, r4            ; result += r4
    addi      r1, r1, 1
    brlti     r1, 10, 1
    jmp       loop
    getglobal r5, print
    move      r6, r0
    getglobal r7, len
    move      r8, r0
    call      r7, 1                 ; r7 := len(result)
    call      r5, 2                 ; print(result, len(result))
    returnnone
.end
