; The verifier refuses a branch that is not followed by a jmp.
.func main()
    loadi     r0, 1
    brlti     r0, 2, 1
    returnnone
.end
