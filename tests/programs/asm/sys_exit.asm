; sys.exit(4) ends the program with exit code 4, even from inside a handler
; for Exception (SystemExit is not an Exception); output so far is kept.
.func main()
    .handler  t0, t1, caught
t0:
    getglobal r0, print
    loadk     r1, "exiting"
    call      r0, 1
    import    r0, "sys"
    getmethod r0, r0, "exit"
    loadi     r2, 4
    call      r0, 2
t1:
    loadk     r0, "not reached\n"
    write     r0
    returnnone
caught:
    getexc    r0
    getglobal r1, Exception
    excmatch  r2, r0, r1
    brtrue    r2, 0, 0
    jmp       pass
    loadk     r3, "wrongly caught\n"
    write     r3
    returnnone
pass:
    reraise   r0
.end
