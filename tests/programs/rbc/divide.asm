; Assembled into divide.rbc: a trap in a .rbc module reports the positions
; recorded in its debug table.
.func main()
    loadi     r0, 1
    loadi     r1, 0
    mod       r2, r0, r1
    returnnone
.end
