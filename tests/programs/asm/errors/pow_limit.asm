; 3 ** 300000000 would take minutes to compute and about 60 MB to hold:
; under --max-heap the result's size is checked before any work is done,
; so the run stops at once with exit code 3.
.func main()
    getglobal r0, print
    loadi     r1, 3
    loadi     r2, 1000
    pow       r1, r1, r2            ; 3 ** 1000 is fine
    str       r1, r1
    len       r1, r1
    call      r0, 1                 ; 478 digits
    loadi     r1, 3
    loadk     r2, 300000000
    pow       r1, r1, r2
    returnnone
.end
