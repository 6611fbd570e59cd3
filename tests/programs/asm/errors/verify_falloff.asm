; The verifier refuses a function whose last instruction falls through.
.func main()
    loadk     r0, "never printed\n"
    write     r0
.end
