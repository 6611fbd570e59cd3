; Assembly errors: every error in the file is reported, each with its
; position, the line, a caret and what was expected; exit code 2.
.func main()
    loadi     r0, 70000
    ad        r1, r0, r0
    add       r1, r0
    loadk     r2, "unterminated
    jmp       nowhere
    call      r0, 1, 2
    getupval  r0, x3
    move      r300, r0
    returnnone
.end
.bogus
