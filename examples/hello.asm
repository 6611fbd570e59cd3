; hello.asm: the smallest Rhodium program.
; Run it with: rhodium run examples/hello.asm
.func main()
    loadk   r0, "Hello, world!\n"
    write   r0                      ; print without adding anything
    returnnone
.end
