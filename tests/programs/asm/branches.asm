; Every conditional branch, with its flag 0 and 1, on a condition that holds
; and one that does not. Each line prints the op and, per case, 1 when the
; following jmp was taken and 0 when it was skipped: taken == (condition == flag).
.func main() regs=32
    loadk     r10, 3
    loadk     r11, 3.0
    loadk     r12, "a"
    loadk     r13, "b"
    loadk     r14, 2
    loadk     r15, 100000000000000000000
    loadk     r16, nan
    loadk     r17, (1, 2)
    loadk     r18, (1, 1)
    loadk     r19, None
    loadk     r20, 2.5
    loadk     r21, -5
    loadk     r22, 4
    loadk     r23, -128
    loadk     r24, ""
    loadk     r25, 0
    loadk     r26, 1
    loadk     r0, "0"
    loadk     r1, "1"
    loadk     r2, "\n"
    loadk     r3, " "
    loadk     r4, "breq"
    write     r4
    write     r3
    breq      r10, r11, 0
    jmp       taken1
    write     r0
    jmp       next1
taken1:
    write     r1
next1:
    breq      r10, r11, 1
    jmp       taken2
    write     r0
    jmp       next2
taken2:
    write     r1
next2:
    breq      r12, r13, 0
    jmp       taken3
    write     r0
    jmp       next3
taken3:
    write     r1
next3:
    breq      r12, r13, 1
    jmp       taken4
    write     r0
    jmp       next4
taken4:
    write     r1
next4:
    write     r2
    loadk     r4, "brlt"
    write     r4
    write     r3
    brlt      r14, r10, 0
    jmp       taken5
    write     r0
    jmp       next5
taken5:
    write     r1
next5:
    brlt      r14, r10, 1
    jmp       taken6
    write     r0
    jmp       next6
taken6:
    write     r1
next6:
    brlt      r13, r12, 0
    jmp       taken7
    write     r0
    jmp       next7
taken7:
    write     r1
next7:
    brlt      r13, r12, 1
    jmp       taken8
    write     r0
    jmp       next8
taken8:
    write     r1
next8:
    write     r2
    loadk     r4, "brle"
    write     r4
    write     r3
    brle      r10, r11, 0
    jmp       taken9
    write     r0
    jmp       next9
taken9:
    write     r1
next9:
    brle      r10, r11, 1
    jmp       taken10
    write     r0
    jmp       next10
taken10:
    write     r1
next10:
    brle      r15, r10, 0
    jmp       taken11
    write     r0
    jmp       next11
taken11:
    write     r1
next11:
    brle      r15, r10, 1
    jmp       taken12
    write     r0
    jmp       next12
taken12:
    write     r1
next12:
    write     r2
    loadk     r4, "brgt"
    write     r4
    write     r3
    brgt      r15, r10, 0
    jmp       taken13
    write     r0
    jmp       next13
taken13:
    write     r1
next13:
    brgt      r15, r10, 1
    jmp       taken14
    write     r0
    jmp       next14
taken14:
    write     r1
next14:
    brgt      r16, r26, 0
    jmp       taken15
    write     r0
    jmp       next15
taken15:
    write     r1
next15:
    brgt      r16, r26, 1
    jmp       taken16
    write     r0
    jmp       next16
taken16:
    write     r1
next16:
    write     r2
    loadk     r4, "brge"
    write     r4
    write     r3
    brge      r17, r18, 0
    jmp       taken17
    write     r0
    jmp       next17
taken17:
    write     r1
next17:
    brge      r17, r18, 1
    jmp       taken18
    write     r0
    jmp       next18
taken18:
    write     r1
next18:
    brge      r18, r17, 0
    jmp       taken19
    write     r0
    jmp       next19
taken19:
    write     r1
next19:
    brge      r18, r17, 1
    jmp       taken20
    write     r0
    jmp       next20
taken20:
    write     r1
next20:
    write     r2
    loadk     r4, "bris"
    write     r4
    write     r3
    bris      r19, r19, 0
    jmp       taken21
    write     r0
    jmp       next21
taken21:
    write     r1
next21:
    bris      r19, r19, 1
    jmp       taken22
    write     r0
    jmp       next22
taken22:
    write     r1
next22:
    bris      r17, r18, 0
    jmp       taken23
    write     r0
    jmp       next23
taken23:
    write     r1
next23:
    bris      r17, r18, 1
    jmp       taken24
    write     r0
    jmp       next24
taken24:
    write     r1
next24:
    write     r2
    loadk     r4, "breqi"
    write     r4
    write     r3
    breqi     r10, 3, 0
    jmp       taken25
    write     r0
    jmp       next25
taken25:
    write     r1
next25:
    breqi     r10, 3, 1
    jmp       taken26
    write     r0
    jmp       next26
taken26:
    write     r1
next26:
    breqi     r20, 2, 0
    jmp       taken27
    write     r0
    jmp       next27
taken27:
    write     r1
next27:
    breqi     r20, 2, 1
    jmp       taken28
    write     r0
    jmp       next28
taken28:
    write     r1
next28:
    write     r2
    loadk     r4, "brlti"
    write     r4
    write     r3
    brlti     r21, -4, 0
    jmp       taken29
    write     r0
    jmp       next29
taken29:
    write     r1
next29:
    brlti     r21, -4, 1
    jmp       taken30
    write     r0
    jmp       next30
taken30:
    write     r1
next30:
    brlti     r10, 3, 0
    jmp       taken31
    write     r0
    jmp       next31
taken31:
    write     r1
next31:
    brlti     r10, 3, 1
    jmp       taken32
    write     r0
    jmp       next32
taken32:
    write     r1
next32:
    write     r2
    loadk     r4, "brlei"
    write     r4
    write     r3
    brlei     r10, 3, 0
    jmp       taken33
    write     r0
    jmp       next33
taken33:
    write     r1
next33:
    brlei     r10, 3, 1
    jmp       taken34
    write     r0
    jmp       next34
taken34:
    write     r1
next34:
    brlei     r22, 3, 0
    jmp       taken35
    write     r0
    jmp       next35
taken35:
    write     r1
next35:
    brlei     r22, 3, 1
    jmp       taken36
    write     r0
    jmp       next36
taken36:
    write     r1
next36:
    write     r2
    loadk     r4, "brgti"
    write     r4
    write     r3
    brgti     r15, 127, 0
    jmp       taken37
    write     r0
    jmp       next37
taken37:
    write     r1
next37:
    brgti     r15, 127, 1
    jmp       taken38
    write     r0
    jmp       next38
taken38:
    write     r1
next38:
    brgti     r23, -128, 0
    jmp       taken39
    write     r0
    jmp       next39
taken39:
    write     r1
next39:
    brgti     r23, -128, 1
    jmp       taken40
    write     r0
    jmp       next40
taken40:
    write     r1
next40:
    write     r2
    loadk     r4, "brgei"
    write     r4
    write     r3
    brgei     r11, 3, 0
    jmp       taken41
    write     r0
    jmp       next41
taken41:
    write     r1
next41:
    brgei     r11, 3, 1
    jmp       taken42
    write     r0
    jmp       next42
taken42:
    write     r1
next42:
    brgei     r16, 0, 0
    jmp       taken43
    write     r0
    jmp       next43
taken43:
    write     r1
next43:
    brgei     r16, 0, 1
    jmp       taken44
    write     r0
    jmp       next44
taken44:
    write     r1
next44:
    write     r2
    loadk     r4, "brnone"
    write     r4
    write     r3
    brnone    r19, 0, 0
    jmp       taken45
    write     r0
    jmp       next45
taken45:
    write     r1
next45:
    brnone    r19, 0, 1
    jmp       taken46
    write     r0
    jmp       next46
taken46:
    write     r1
next46:
    brnone    r25, 0, 0
    jmp       taken47
    write     r0
    jmp       next47
taken47:
    write     r1
next47:
    brnone    r25, 0, 1
    jmp       taken48
    write     r0
    jmp       next48
taken48:
    write     r1
next48:
    write     r2
    loadk     r4, "brtrue"
    write     r4
    write     r3
    brtrue    r12, 0, 0
    jmp       taken49
    write     r0
    jmp       next49
taken49:
    write     r1
next49:
    brtrue    r12, 0, 1
    jmp       taken50
    write     r0
    jmp       next50
taken50:
    write     r1
next50:
    brtrue    r24, 0, 0
    jmp       taken51
    write     r0
    jmp       next51
taken51:
    write     r1
next51:
    brtrue    r24, 0, 1
    jmp       taken52
    write     r0
    jmp       next52
taken52:
    write     r1
next52:
    write     r2
    loadk     r4, "brtrue"
    write     r4
    write     r3
    brtrue    r17, 0, 0
    jmp       taken53
    write     r0
    jmp       next53
taken53:
    write     r1
next53:
    brtrue    r17, 0, 1
    jmp       taken54
    write     r0
    jmp       next54
taken54:
    write     r1
next54:
    brtrue    r25, 0, 0
    jmp       taken55
    write     r0
    jmp       next55
taken55:
    write     r1
next55:
    brtrue    r25, 0, 1
    jmp       taken56
    write     r0
    jmp       next56
taken56:
    write     r1
next56:
    write     r2
    returnnone
.end
