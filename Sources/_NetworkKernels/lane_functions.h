// The lane functions of network_kernels.c for one vector width: included once per width with V (a
// vector of N doubles), U (N unsigned 64-bit integers) and N defined. Every lane runs the same
// operations at any width, so a value's bits never depend on it; a wider vector only gives the core
// more independent work between tanh's long dependency chains and its divisions.

#define LANE_NAME_(name, n) name##n
#define LANE_NAME(name, n) LANE_NAME_(name, n)

// e^x − 1 on each lane with 0 ≤ x ≤ 709: x = k·ln2 + r with |r| ≤ ln2/2, e^r − 1 = r + r²·p(r), p of
// degree 10 fitted on [−ln2/2, ln2/2] in Chebyshev nodes (error below 2e-18), by Estrin's scheme.
INLINE V LANE_NAME(expm1_non_negative, N)(V x) {
    const double ln2_hi = 6.93147180369123816490e-01;  // trailing 32 bits zero: k·ln2_hi is exact
    const double ln2_lo = 1.90821492927058770002e-10;
    const double inv_ln2 = 1.44269504088896338700e+00;
    const double shift = 0x1.8p52;  // adding and subtracting it rounds to an integer
#define FMA(a, b, c) __builtin_elementwise_fma(a, b, (V)(c))
    V shifted = FMA(x, (V)(inv_ln2), shift);
    V k = shifted - shift;
    V two_k = __builtin_bit_cast(V, (__builtin_bit_cast(U, shifted) + 1023) << 52);  // the low bits of `shifted` hold k
    V r = FMA(k, (V)(-ln2_hi), x);
    r = FMA(k, (V)(-ln2_lo), r);
    V r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    V q0 = FMA(r, (V)(0x1.5555555555557p-3), 0x1.0000000000000p-1);
    V q1 = FMA(r, (V)(0x1.11111111100dfp-7), 0x1.5555555555556p-5);
    V q2 = FMA(r, (V)(0x1.a01a01abe62ddp-13), 0x1.6c16c16c162d6p-10);
    V q3 = FMA(r, (V)(0x1.71de02375656cp-19), 0x1.a01a01a6d7808p-16);
    V q4 = FMA(r, (V)(0x1.af4ddd84882fep-26), 0x1.27e4db67b4303p-22);
    V s0 = FMA(q1, r2, q0), s1 = FMA(q3, r2, q2);
    V s2 = FMA(r2, (V)(0x1.1f72fc730b4ffp-29), q4);
    V p = FMA(s2, r8, FMA(s1, r4, s0));
    V expm1_r = FMA(r2, p, r);
    return FMA(two_k, expm1_r, two_k - 1);
#undef FMA
}

// tanh on each lane: sign(x)·u/(u + 2) with u = e^{2|x|} − 1; |x| clamped at 20 (tanh rounds to 1
// beyond 19.1), NaN stays NaN.
INLINE V LANE_NAME(tanh, N)(V x) {
    U b = __builtin_bit_cast(U, x);
    V magnitude = __builtin_bit_cast(V, b & 0x7FFFFFFFFFFFFFFFull);
    U over = (U)(magnitude > 20.0);
    V clamped = __builtin_bit_cast(V, (over & __builtin_bit_cast(U, (V)(20))) | (~over & __builtin_bit_cast(U, magnitude)));
    V u = LANE_NAME(expm1_non_negative, N)(clamped + clamped);
    V t = u / (u + 2);
    return __builtin_bit_cast(V, __builtin_bit_cast(U, t) | (b & 0x8000000000000000ull));
}

#undef LANE_NAME
#undef LANE_NAME_
