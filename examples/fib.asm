; fib.asm: recursive Fibonacci, fib(25) = 75025.
; Calls pass arguments through the register window: the callee sits in R[A],
; its arguments in R[A+1..], and the result comes back in R[A].
.func main()
    getglobal r0, print
    closure   r1, fib
    setglobal r1, fib               ; make fib visible to itself
    loadi     r2, 25
    call      r1, 1                 ; r1 := fib(25)
    call      r0, 1                 ; print(r1): the argument is r1 = R[A+1]
    returnnone
.end

.func fib(n)
    brlti     r0, 2, 1              ; if n < 2: jump to base
    jmp       base
    getglobal r1, fib
    subi      r2, r0, 1
    call      r1, 1                 ; r1 := fib(n - 1)
    getglobal r2, fib
    subi      r3, r0, 2
    call      r2, 1                 ; r2 := fib(n - 2)
    add       r1, r1, r2
    return    r1
base:
    return    r0
.end
