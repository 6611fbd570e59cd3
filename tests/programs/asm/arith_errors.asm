; Arithmetic errors: each operation runs in its own function through
; attempt(f, x, y), which prints the repr of the result or of the exception.
; The messages are CPython's (checked with CPython 3.11), except for the
; machine-integer opcodes at the end, which Python does not have.
.func main() regs=8
    closure   r0, attempt
    closure   r1, idiv
    loadk     r2, 1
    loadk     r3, 0
    call      r0, 3
    closure   r0, attempt
    closure   r1, mod
    loadk     r2, 1
    loadk     r3, 0
    call      r0, 3
    closure   r0, attempt
    closure   r1, div
    loadk     r2, 1
    loadk     r3, 0
    call      r0, 3
    closure   r0, attempt
    closure   r1, fdiv_trap
    loadk     r2, 1.0
    loadk     r3, 0
    call      r0, 3
    closure   r0, attempt
    closure   r1, fidiv
    loadk     r2, 1.0
    loadk     r3, 0.0
    call      r0, 3
    closure   r0, attempt
    closure   r1, fmod
    loadk     r2, 1.0
    loadk     r3, 0.0
    call      r0, 3
    closure   r0, attempt
    closure   r1, zero_pow
    loadk     r2, 0.0
    loadk     r3, -1
    call      r0, 3
    closure   r0, attempt
    closure   r1, int_zero_pow
    loadk     r2, 0
    loadk     r3, -1
    call      r0, 3
    closure   r0, attempt
    closure   r1, neg_pow
    loadk     r2, 2
    loadk     r3, -1
    call      r0, 3
    closure   r0, attempt
    closure   r1, big_to_float
    loadk     r2, 2222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222
    loadk     r3, 1.0
    call      r0, 3
    closure   r0, attempt
    closure   r1, big_div
    loadk     r2, 10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
    loadk     r3, 1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
    call      r0, 3
    closure   r0, attempt
    closure   r1, big_div_huge
    loadk     r2, 10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
    loadk     r3, 3
    call      r0, 3
    closure   r0, attempt
    closure   r1, neg_shift
    loadk     r2, 1
    loadk     r3, -1
    call      r0, 3
    closure   r0, attempt
    closure   r1, neg_shr
    loadk     r2, 1
    loadk     r3, -1
    call      r0, 3
    closure   r0, attempt
    closure   r1, float_pow_overflow
    loadk     r2, 10.0
    loadk     r3, 400
    call      r0, 3
    closure   r0, attempt
    closure   r1, str_minus
    loadk     r2, "a"
    loadk     r3, 1
    call      r0, 3
    closure   r0, attempt
    closure   r1, str_lt
    loadk     r2, "a"
    loadk     r3, 1
    call      r0, 3
    closure   r0, attempt
    closure   r1, str_brlt
    loadk     r2, "a"
    loadk     r3, 1
    call      r0, 3
    closure   r0, attempt
    closure   r1, neg_str
    loadk     r2, "a"
    loadk     r3, 0
    call      r0, 3
    closure   r0, attempt
    closure   r1, invert_float
    loadk     r2, 1.5
    loadk     r3, 0
    call      r0, 3
    closure   r0, attempt
    closure   r1, float_and
    loadk     r2, 1.5
    loadk     r3, 1
    call      r0, 3
    closure   r0, attempt
    closure   r1, bool_add
    loadk     r2, True
    loadk     r3, True
    call      r0, 3
    closure   r0, attempt
    closure   r1, bool_big
    loadk     r2, True
    loadk     r3, 100000000000000000000
    call      r0, 3
    closure   r0, attempt
    closure   r1, str_mul_float
    loadk     r2, "ab"
    loadk     r3, 2.0
    call      r0, 3
    closure   r0, attempt
    closure   r1, list_plus_tuple
    loadk     r2, 1
    loadk     r3, (2,)
    call      r0, 3
    closure   r0, attempt
    closure   r1, tuple_concat
    loadk     r2, (1,)
    loadk     r3, (2, 3)
    call      r0, 3
    closure   r0, attempt
    closure   r1, none_add
    loadk     r2, None
    loadk     r3, 1
    call      r0, 3
    closure   r0, attempt
    closure   r1, tdiv_zero
    loadk     r2, 7
    loadk     r3, 0
    call      r0, 3
    closure   r0, attempt
    closure   r1, tmod_zero
    loadk     r2, 7
    loadk     r3, 0
    call      r0, 3
    closure   r0, attempt
    closure   r1, tdiv_float
    loadk     r2, 7.5
    loadk     r3, 2
    call      r0, 3
    closure   r0, attempt
    closure   r1, wrap32_str
    loadk     r2, "x"
    loadk     r3, 0
    call      r0, 3
    closure   r0, attempt
    closure   r1, chki64_big
    loadk     r2, 9223372036854775807
    loadk     r3, 0
    call      r0, 3
    closure   r0, attempt
    closure   r1, chki64_small
    loadk     r2, 9223372036854775807
    loadk     r3, 0
    call      r0, 3
    closure   r0, attempt
    closure   r1, huge_shift
    loadk     r2, 1
    loadk     r3, 100000000000
    call      r0, 3
    closure   r0, attempt
    closure   r1, fdiv_nan
    loadk     r2, 0
    loadk     r3, 0.0
    call      r0, 3
    closure   r0, attempt
    closure   r1, fdiv_big
    loadk     r2, 10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
    loadk     r3, 1
    call      r0, 3
    returnnone
.end

.func attempt(f, x, y) regs=8
    .handler  t0, t1, fail
t0:
    move      r3, r0
    move      r4, r1
    move      r5, r2
    call      r3, 2
t1:
    getglobal r4, print
    getglobal r5, repr
    move      r6, r3
    call      r5, 1
    call      r4, 1
    returnnone
fail:
    getexc    r3
    getglobal r4, print
    getglobal r5, repr
    move      r6, r3
    call      r5, 1
    call      r4, 1
    returnnone
.end

.func idiv(x, y) regs=4
    idiv r2, r0, r1
    return    r2
.end

.func mod(x, y) regs=4
    mod r2, r0, r1
    return    r2
.end

.func div(x, y) regs=4
    div r2, r0, r1
    return    r2
.end

.func fdiv_trap(x, y) regs=4
    div r2, r0, r1
    return    r2
.end

.func fidiv(x, y) regs=4
    idiv r2, r0, r1
    return    r2
.end

.func fmod(x, y) regs=4
    mod r2, r0, r1
    return    r2
.end

.func zero_pow(x, y) regs=4
    pow r2, r0, r1
    return    r2
.end

.func int_zero_pow(x, y) regs=4
    pow r2, r0, r1
    return    r2
.end

.func neg_pow(x, y) regs=4
    pow r2, r0, r1
    return    r2
.end

.func big_to_float(x, y) regs=4
    mul r2, r0, r1
    return    r2
.end

.func big_div(x, y) regs=4
    div r2, r0, r1
    return    r2
.end

.func big_div_huge(x, y) regs=4
    div r2, r0, r1
    return    r2
.end

.func neg_shift(x, y) regs=4
    shl r2, r0, r1
    return    r2
.end

.func neg_shr(x, y) regs=4
    shr r2, r0, r1
    return    r2
.end

.func float_pow_overflow(x, y) regs=4
    pow r2, r0, r1
    return    r2
.end

.func str_minus(x, y) regs=4
    sub r2, r0, r1
    return    r2
.end

.func str_lt(x, y) regs=4
    lt r2, r0, r1
    return    r2
.end

.func str_brlt(x, y) regs=4
    brlt r0, r1, 1
    jmp ok
ok:
    loadnone r2
    return    r2
.end

.func neg_str(x, y) regs=4
    neg r2, r0
    return    r2
.end

.func invert_float(x, y) regs=4
    invert r2, r0
    return    r2
.end

.func float_and(x, y) regs=4
    band r2, r0, r1
    return    r2
.end

.func bool_add(x, y) regs=4
    add r2, r0, r1
    return    r2
.end

.func bool_big(x, y) regs=4
    mul r2, r0, r1
    return    r2
.end

.func str_mul_float(x, y) regs=4
    mul r2, r0, r1
    return    r2
.end

.func list_plus_tuple(x, y) regs=4
    newlist r3, r0, 1
    add r2, r3, r1
    return    r2
.end

.func tuple_concat(x, y) regs=4
    add r2, r0, r1
    return    r2
.end

.func none_add(x, y) regs=4
    add r2, r0, r1
    return    r2
.end

.func tdiv_zero(x, y) regs=4
    tdiv r2, r0, r1
    return    r2
.end

.func tmod_zero(x, y) regs=4
    tmod r2, r0, r1
    return    r2
.end

.func tdiv_float(x, y) regs=4
    tdiv r2, r0, r1
    return    r2
.end

.func wrap32_str(x, y) regs=4
    wrap32 r2, r0
    return    r2
.end

.func chki64_big(x, y) regs=4
    addi r3, r0, 1
    chki64 r3
    move r2, r3
    return    r2
.end

.func chki64_small(x, y) regs=4
    subi r3, r0, 1
    chki64 r3
    move r2, r3
    return    r2
.end

.func huge_shift(x, y) regs=4
    shl r2, r0, r1
    return    r2
.end

.func fdiv_nan(x, y) regs=4
    fdiv r2, r0, r1
    return    r2
.end

.func fdiv_big(x, y) regs=4
    fdiv r2, r0, r1
    return    r2
.end
