; sys.exit("message") prints the message on stderr and exits with code 1.
.func main()
    import    r0, "sys"
    getattr   r0, r0, "exit"
    loadk     r1, "fatal: no input"
    call      r0, 1
    returnnone
.end
