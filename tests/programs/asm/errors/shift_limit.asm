; 1 << 3000000000 would need 375 MB: refused before it is built (exit 3).
.func main()
    loadi     r0, 1
    loadk     r1, 3000000000
    shl       r0, r0, r1
    returnnone
.end
