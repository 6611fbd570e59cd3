; The verifier refuses a register outside the declared frame (regs=2):
; the program never starts; exit code 2.
.func main() regs=2
    loadi     r0, 1
    move      r5, r0
    returnnone
.end
