#include "network_kernels.h"

#include <stdlib.h>
#include <string.h>

// Nothing is contracted: a fused multiply-add happens only where fma4 asks for one, so the AVX2
// version and the baseline version (where fma4 is a libm call per lane) give the same bits.
#pragma clang fp contract(off)
// Vectors pass only between inlined helpers, never across a call, so the AVX argument ABI is moot.
#pragma clang diagnostic ignored "-Wpsabi"

typedef double v4d __attribute__((ext_vector_type(4)));
typedef unsigned long long v4u __attribute__((ext_vector_type(4)));

#define INLINE static inline __attribute__((always_inline))
#define AVX2 __attribute__((target("avx2,fma")))

INLINE v4d ld(const double *p) { v4d v; __builtin_memcpy(&v, p, sizeof v); return v; }
INLINE void st(v4d v, double *p) { __builtin_memcpy(p, &v, sizeof v); }
INLINE v4d splat(double s) { return (v4d){s, s, s, s}; }
INLINE v4d fma4(v4d a, v4d b, v4d c) { return __builtin_elementwise_fma(a, b, c); }
INLINE v4u bits(v4d v) { return __builtin_bit_cast(v4u, v); }
INLINE v4d value(v4u v) { return __builtin_bit_cast(v4d, v); }

typedef double v16d __attribute__((ext_vector_type(16)));
typedef unsigned long long v16u __attribute__((ext_vector_type(16)));

// expm1_non_negative4, tanh4 (one vector) and expm1_non_negative16, tanh16 (four vectors interleaved,
// for the in-place pass: about 1.2× faster per value, the same bits).
#define V v4d
#define U v4u
#define N 4
#include "lane_functions.h"
#undef V
#undef U
#undef N
#define V v16d
#define U v16u
#define N 16
#include "lane_functions.h"
#undef V
#undef U
#undef N

// ELU on each lane: x for x > 0, else e^x − 1 by expm1_non_negative, whose reduction and polynomial
// hold for x ≤ 0 too (2^k stays normal for k ≥ −58); x is clamped at −40, where e^x − 1 rounds to −1.
// NaN stays NaN. Within about 1 ulp of glibc's expm1, not its bits.
INLINE v4d elu4(v4d x) {
    v4u positive = (v4u)(x > 0.0), low = (v4u)(x < -40.0);
    v4d m = value((low & bits(splat(-40))) | (~low & ~positive & bits(x)));
    return value((positive & bits(x)) | (~positive & bits(expm1_non_negative4(m))));
}


// Where (row, column) of a depth × columns matrix (columns a multiple of 4) sits when packed.
INLINE long packed_index(long row, long column, long depth, long columns) {
    long block = column / 8 * 8;
    long width = block + 8 <= columns ? 8 : 4;
    return block * depth + row * width + (column - block);
}

// Layers at least this wide in both inputs and outputs pack their parameter-gradient operands
// (narrower ones lose more to the copying than they gain).
enum { PACK_PARAMETER_GRADIENT = 64 };

enum { START_ZERO, START_BIAS, START_LOAD };
enum { FINISH_NONE, FINISH_TANH_DERIVATIVE };

INLINE v4d finish(int mode, v4d v, const double *aux) {
    if (mode == FINISH_TANH_DERIVATIVE) { v4d a = ld(aux); return v * (1 - a * a); }
    return v;
}

// One tile of out[r, 4v..<4v+4] (r < rows ≤ 5, v < vectors ≤ 4; 4 vectors only for rows ≤ 3) =
// start + Σ_p Σ_i lhs_p(r, i)·rhs_p[i, ·] over `segments` products, lhs_p(r, i) =
// lhs[p][lhs_offset + r*lhs_row + i*lhs_depth] and rhs_p row i at rhs[p] + rhs_offset + i*rhs_depth
// (vectors 2 and 3 at `second` past vectors 0 and 1: the next panel when packed), each output
// summed in order in a register, then finished. START_LOAD accumulates into out; the others start
// from zero or the column's bias. Which outputs share a tile never changes an output's sum.
INLINE void tile(const int rows, const int vectors, const int start, const int fin, long segments, long depth,
                 const double *const *lhs, long lhs_offset, long lhs_row, long lhs_depth,
                 const double *const *rhs, long rhs_offset, long rhs_depth, long second,
                 double *out, long out_row, const double *bias, const double *aux) {
    v4d acc[5][4];
    // What the finish reads (the tape's layer outputs, long out of cache in a backward pass) and where
    // a forward product stores (the tape) are fetched now, so they arrive while the sums run.
    for (int r = 0; r < rows; r++) {
        const double *row = fin == FINISH_TANH_DERIVATIVE ? aux + r * out_row : out + r * out_row;
        int write = fin != FINISH_TANH_DERIVATIVE;
        if (fin == FINISH_TANH_DERIVATIVE || start == START_BIAS) {
            if (write) {
                __builtin_prefetch(row, 1, 3);
                __builtin_prefetch(row + 4 * vectors - 1, 1, 3);
                if (vectors == 4) __builtin_prefetch(row + 8, 1, 3);
            } else {
                __builtin_prefetch(row, 0, 3);
                __builtin_prefetch(row + 4 * vectors - 1, 0, 3);
                if (vectors == 4) __builtin_prefetch(row + 8, 0, 3);
            }
        }
    }
    for (int r = 0; r < rows; r++)
        for (int v = 0; v < vectors; v++)
            acc[r][v] = start == START_LOAD ? ld(out + r * out_row + 4 * v)
                      : start == START_BIAS ? ld(bias + 4 * v) : splat(0);
    for (long p = 0; p < segments; p++) {
        const double *l = lhs[p] + lhs_offset, *w = rhs[p] + rhs_offset;
        for (long i = 0; i < depth; i++) {
            v4d s[5];
            for (int r = 0; r < rows; r++) s[r] = splat(l[r * lhs_row]);
            for (int v = 0; v < vectors; v++) {
                v4d wv = ld(w + (v >= 2 ? second : 0) + 4 * (v & 1));
                for (int r = 0; r < rows; r++) acc[r][v] = fma4(wv, s[r], acc[r][v]);
            }
            l += lhs_depth;
            w += rhs_depth;
        }
    }
    for (int r = 0; r < rows; r++)
        for (int v = 0; v < vectors; v++)
            st(finish(fin, acc[r][v], aux + r * out_row + 4 * v), out + r * out_row + 4 * v);
}

#define TILE_ROWS(R) tile(R, vectors, start, fin, segments, depth, lhs, lhs_offset + r * lhs_row, lhs_row, \
                          lhs_depth, rhs, rhs_offset, rhs_depth, second, out + r * out_row, out_row, bias, \
                          aux + r * out_row)

// Tiles rows [first, rows) for one run of `vectors` column vectors: 5 rows at a time, then the rest.
INLINE void column(const int vectors, const int start, const int fin, long first, long rows, long segments,
                   long depth, const double *const *lhs, long lhs_offset, long lhs_row, long lhs_depth,
                   const double *const *rhs, long rhs_offset, long rhs_depth, long second,
                   double *out, long out_row, const double *bias, const double *aux) {
    long r = first;
    if (vectors <= 2)
        for (; r + 5 <= rows; r += 5) TILE_ROWS(5);
    switch (rows - r) {
    case 4: if (vectors <= 2) TILE_ROWS(4); break;
    case 3: TILE_ROWS(3); break;
    case 2: TILE_ROWS(2); break;
    case 1: TILE_ROWS(1); break;
    default: break;
    }
}

// Every column below the largest multiple of 4 ≤ columns, which it returns (the caller does the rest).
// Packed right-hand sides (`packed`, see fs_pack_panels) hold each block of 8 columns, and a last
// block of 4, as its own depth × width panel: the tile then reads its weights in one stream, with no
// power-of-two stride to thrash the cache. The sums are the same in the same order either way.
INLINE long product(const int start, const int fin, const int packed, long rows, long columns, long segments,
                    long depth, const double *const *lhs, long lhs_offset, long lhs_row, long lhs_depth,
                    const double *const *rhs, long rhs_offset, long rhs_depth,
                    double *out, long out_row, const double *bias, const double *aux) {
#define COLUMN(V, FIRST, ROWS) \
    column(V, start, fin, FIRST, ROWS, segments, depth, lhs, lhs_offset, lhs_row, lhs_depth, rhs, \
           packed ? rhs_offset + n * depth : rhs_offset + n, packed ? (V == 1 ? 4 : 8) : rhs_depth, \
           packed ? 8 * depth : 8, out + n, out_row, bias + n, aux + n)
    // Rows in tiles of 5 (and a tile of 4) run 8 columns at a time; a last 1 to 3 rows (or a whole
    // batch of up to 3) run 16 columns at a time, so their tile still holds 8 to 12 accumulators.
    long tail = rows % 5 == 4 ? 0 : rows % 5;
    long n = 0;
    if (rows > tail) {
        for (; n + 8 <= columns; n += 8) COLUMN(2, 0, rows - tail);
        if (n + 4 <= columns) { COLUMN(1, 0, rows - tail); n += 4; }
    }
    if (tail > 0) {
        n = 0;
        for (; n + 16 <= columns; n += 16) COLUMN(4, rows - tail, rows);
        for (; n + 8 <= columns; n += 8) COLUMN(2, rows - tail, rows);
        if (n + 4 <= columns) { COLUMN(1, rows - tail, rows); n += 4; }
    }
#undef COLUMN
    return n;
}

// One product from single matrices (no segments).
INLINE void single_product(const int start, const int fin, const int packed, long rows, long columns, long depth,
                           const double *lhs, long lhs_row, const double *rhs, long rhs_depth,
                           double *out, const double *bias, const double *aux) {
    const double *l[1] = {lhs}, *w[1] = {rhs};
    product(start, fin, packed, rows, columns, 1, depth, l, 0, lhs_row, 1, w, 0, rhs_depth, out, columns, bias, aux);
}

// Accumulating products over segments.
INLINE long segment_product(long rows, long columns, long segments, long depth,
                            const double *const *lhs, long lhs_offset, long lhs_row, long lhs_depth,
                            const double *const *rhs, long rhs_offset, long rhs_depth, double *out, long out_row) {
    return product(START_LOAD, FINISH_NONE, 0, rows, columns, segments, depth, lhs, lhs_offset, lhs_row, lhs_depth,
                   rhs, rhs_offset, rhs_depth, out, out_row, out, out);
}

INLINE void tanh_in_place_body(double *values, long count);

// Columns [column0, column0 + columns) of the packed forward product and tanh (all of them for
// forward_body; a part of them, the same sums, so the same bits, for a layer team's member): column0 a multiple of 8, so the columns are whole panels of the packed wᵀ, and column0 +
// columns a multiple of 8 or `outputs`. Disjoint column ranges may run on different threads.
INLINE void forward_columns_body(const double *x, const double *packed_weight_t, const double *bias, double *z,
                                 long inputs, long outputs, long batch, long column0, long columns, int fuse_tanh) {
    const double *l[1] = {x}, *w[1] = {packed_weight_t + column0 * inputs};
    product(START_BIAS, FINISH_NONE, 1, batch, columns, 1, inputs, l, 0, inputs, 1, w, 0, outputs, z + column0, outputs,
            bias + column0, z + column0);
    if (!fuse_tanh) return;
    if (columns == outputs) {
        tanh_in_place_body(z, batch * outputs);
    } else {
        for (long b = 0; b < batch; b++) tanh_in_place_body(z + b * outputs + column0, columns);
    }
}

// Columns [column0, column0 + columns) of the packed input-cotangent product (all of them for
// input_gradient_body; a part of them, the same bits, for a layer team's member), with the same alignment as forward_columns_body; rows of grad_x and tanh_input are `inputs` apart.
INLINE void input_gradient_packed_columns_body(const double *delta, const double *packed_weight, double *grad_x,
                                               long inputs, long outputs, long batch, long column0, long columns,
                                               const double *tanh_input) {
    const double *l[1] = {delta}, *w[1] = {packed_weight + column0 * outputs};
    if (tanh_input)
        product(START_ZERO, FINISH_TANH_DERIVATIVE, 1, batch, columns, 1, outputs, l, 0, outputs, 1, w, 0, inputs,
                grad_x + column0, inputs, grad_x, tanh_input + column0);
    else
        product(START_ZERO, FINISH_NONE, 1, batch, columns, 1, outputs, l, 0, outputs, 1, w, 0, inputs,
                grad_x + column0, inputs, grad_x, grad_x + column0);
}

// tanh runs as a pass of its own over the layer's output: about 10% faster than finishing each tile
// with it (the divisions pipeline), and the same bits (tanh is lane by lane).
INLINE void forward_body(const double *x, const double *weight_t, const double *bias, double *z,
                         long inputs, long outputs, long batch, int fuse_tanh, int packed) {
    if (packed) {
        forward_columns_body(x, weight_t, bias, z, inputs, outputs, batch, 0, outputs, fuse_tanh);
        return;
    }
    single_product(START_BIAS, FINISH_NONE, 0, batch, outputs, inputs, x, inputs, weight_t, outputs, z, bias, z);
    if (fuse_tanh) tanh_in_place_body(z, batch * outputs);
}

INLINE void input_gradient_body(const double *delta, const double *weight, double *grad_x,
                                long inputs, long outputs, long batch, const double *tanh_input, int packed) {
    if (packed) {
        input_gradient_packed_columns_body(delta, weight, grad_x, inputs, outputs, batch, 0, inputs, tanh_input);
    } else if (tanh_input) {
        single_product(START_ZERO, FINISH_TANH_DERIVATIVE, 0, batch, inputs, outputs, delta, outputs, weight, inputs,
                       grad_x, weight, tanh_input);
    } else {
        single_product(START_ZERO, FINISH_NONE, 0, batch, inputs, outputs, delta, outputs, weight, inputs,
                       grad_x, weight, weight);
    }
}

// gBias[j] += Σ_p Σ_b δ_p[b, j] for j0 ≤ j < j1 (j0 a multiple of 4): each output sums its even samples
// (b even within each segment) and its odd ones in two sums, in order, then adds both; 16 outputs at
// a time, a row at a time (the rows are contiguous, and 8 sums run side by side), then 4 at a time,
// then the rest one by one.
INLINE void bias_gradient(long segments, long batch, const double *const *deltas, long delta_offset,
                          double *grad_bias, long outputs, long j0, long j1) {
    long j = j0;
    for (; j + 16 <= j1; j += 16) {
        v4d e0 = splat(0), e1 = splat(0), e2 = splat(0), e3 = splat(0);
        v4d o0 = splat(0), o1 = splat(0), o2 = splat(0), o3 = splat(0);
        for (long p = 0; p < segments; p++) {
            const double *d = deltas[p] + delta_offset + j;
            long b = 0;
            for (; b + 2 <= batch; b += 2) {
                const double *even = d + b * outputs, *odd = even + outputs;
                e0 += ld(even); e1 += ld(even + 4); e2 += ld(even + 8); e3 += ld(even + 12);
                o0 += ld(odd); o1 += ld(odd + 4); o2 += ld(odd + 8); o3 += ld(odd + 12);
            }
            if (b < batch) {
                const double *even = d + b * outputs;
                e0 += ld(even); e1 += ld(even + 4); e2 += ld(even + 8); e3 += ld(even + 12);
            }
        }
        st(ld(grad_bias + j) + (e0 + o0), grad_bias + j);
        st(ld(grad_bias + j + 4) + (e1 + o1), grad_bias + j + 4);
        st(ld(grad_bias + j + 8) + (e2 + o2), grad_bias + j + 8);
        st(ld(grad_bias + j + 12) + (e3 + o3), grad_bias + j + 12);
    }
    for (; j + 4 <= j1; j += 4) {
        v4d s0 = splat(0), s1 = splat(0);
        for (long p = 0; p < segments; p++) {
            const double *d = deltas[p] + delta_offset + j;
            long b = 0;
            for (; b + 2 <= batch; b += 2) {
                s0 += ld(d + b * outputs);
                s1 += ld(d + (b + 1) * outputs);
            }
            if (b < batch) s0 += ld(d + b * outputs);
        }
        st(ld(grad_bias + j) + (s0 + s1), grad_bias + j);
    }
    // The last 1 to 3 outputs: one sum each, in order, side by side.
    long left = j1 - j;
    if (left > 0) {
        double s0 = 0, s1 = 0, s2 = 0;
        for (long p = 0; p < segments; p++) {
            const double *d = deltas[p] + delta_offset + j;
            if (left == 1)
                for (long b = 0; b < batch; b++) s0 += d[b * outputs];
            else if (left == 2)
                for (long b = 0; b < batch; b++) { s0 += d[b * outputs]; s1 += d[b * outputs + 1]; }
            else
                for (long b = 0; b < batch; b++) {
                    s0 += d[b * outputs]; s1 += d[b * outputs + 1]; s2 += d[b * outputs + 2];
                }
        }
        grad_bias[j] += s0;
        if (left > 1) grad_bias[j + 1] += s1;
        if (left > 2) grad_bias[j + 2] += s2;
    }
}

// The weight part as one product over depth = segments × batch (i = p·batch + b, the same order as
// summing segment after segment): δ packed transposed (outputs × depth, rows `depth` apart) and the
// inputs' first columns (a multiple of 4) packed in panels, both in `scratch`, so the tile reads
// contiguous streams instead of rows a power of two apart in separate buffers. Layers narrower than
// 4 inputs (and the last inputs mod 4) run transposed (rows k, vectors along j) through scratch and
// are scattered once at the end.
INLINE void parameter_gradient_body(long segments, long batch, const double *const *deltas, long delta_offset,
                                    const double *const *xs, long input_offset, double *grad_weight,
                                    double *grad_bias, long inputs, long outputs, double *scratch) {
    bias_gradient(segments, batch, deltas, delta_offset, grad_bias, outputs, 0, outputs);
    long wide = inputs / 4 * 4, depth = segments * batch, done = 0;
    if (wide >= PACK_PARAMETER_GRADIENT && outputs >= PACK_PARAMETER_GRADIENT) {
        // δ's rows are padded when `depth` is a multiple of 8, so they do not fall on the same cache sets.
        long stride = depth % 8 == 0 ? depth + 4 : depth;
        double *dt = scratch, *xp = scratch + outputs * stride;
        for (long p = 0; p < segments; p++) {
            const double *d = deltas[p] + delta_offset, *x = xs[p] + input_offset;
            long b = 0;
            // δ transposed four samples at a time: a 4 × 4 block per load of four rows, turned in registers.
            for (; b + 4 <= batch; b += 4) {
                const double *r = d + b * outputs;
                double *column = dt + p * batch + b;
                long jj = 0;
                for (; jj + 4 <= outputs; jj += 4) {
                    v4d r0 = ld(r + jj), r1 = ld(r + outputs + jj), r2 = ld(r + 2 * outputs + jj), r3 = ld(r + 3 * outputs + jj);
                    v4d t0 = __builtin_shufflevector(r0, r1, 0, 4, 2, 6), t1 = __builtin_shufflevector(r0, r1, 1, 5, 3, 7);
                    v4d t2 = __builtin_shufflevector(r2, r3, 0, 4, 2, 6), t3 = __builtin_shufflevector(r2, r3, 1, 5, 3, 7);
                    st(__builtin_shufflevector(t0, t2, 0, 1, 4, 5), column + jj * stride);
                    st(__builtin_shufflevector(t1, t3, 0, 1, 4, 5), column + (jj + 1) * stride);
                    st(__builtin_shufflevector(t0, t2, 2, 3, 6, 7), column + (jj + 2) * stride);
                    st(__builtin_shufflevector(t1, t3, 2, 3, 6, 7), column + (jj + 3) * stride);
                }
                for (; jj < outputs; jj++)
                    for (long q = 0; q < 4; q++) column[jj * stride + q] = r[q * outputs + jj];
            }
            for (; b < batch; b++)
                for (long jj = 0; jj < outputs; jj++) dt[jj * stride + p * batch + b] = d[b * outputs + jj];
            for (b = 0; b < batch; b++) {
                long i = p * batch + b;
                long k = 0;
                for (; k + 8 <= wide; k += 8) {
                    st(ld(x + b * inputs + k), xp + k * depth + i * 8);
                    st(ld(x + b * inputs + k + 4), xp + k * depth + i * 8 + 4);
                }
                if (k < wide) st(ld(x + b * inputs + k), xp + k * depth + i * 4);
            }
        }
        const double *l[1] = {dt}, *w[1] = {xp};
        done = product(START_LOAD, FINISH_NONE, 1, outputs, wide, 1, depth, l, 0, stride, 1, w, 0, 8,
                       grad_weight, inputs, grad_weight, grad_weight);
    } else {
        done = segment_product(outputs, inputs, segments, batch, deltas, delta_offset, 1, outputs,
                               xs, input_offset, inputs, grad_weight, inputs);
    }
    if (done >= inputs) return;
    long narrow = inputs - done;
    for (long i = 0; i < narrow * outputs; i++) scratch[i] = 0;
    long done_j = segment_product(narrow, outputs, segments, batch, xs, input_offset + done, 1, inputs,
                                  deltas, delta_offset, outputs, scratch, outputs);
    for (long r = 0; r < narrow; r++)
        for (long jj = 0; jj < done_j; jj++) grad_weight[jj * inputs + done + r] += scratch[r * outputs + jj];
    if (done_j >= outputs) return;
    for (long k = done; k < inputs; k++) {
        for (long jj = done_j; jj < outputs; jj++) {
            double s = 0;
            for (long p = 0; p < segments; p++) {
                const double *d = deltas[p] + delta_offset, *xp = xs[p] + input_offset;
                for (long b = 0; b < batch; b++) s += d[b * outputs + jj] * xp[b * inputs + k];
            }
            grad_weight[jj * inputs + k] += s;
        }
    }
}

// Rows [j0, j1) of the parameter cotangent over `segments` recorded VJPs, as
// parameter_gradient_body's unpacked path computes them (the same sums in the same order, so the same
// bits), but a chunk of CHUNK_ROWS samples at a time: the tile passes then re-read δ and x from L1
// instead of streaming whole segments from memory once per tile. inputs a multiple of 4, j0 too.
enum { CHUNK_ROWS = 32 };
INLINE void parameter_gradient_rows_body(long segments, long batch, const double *const *deltas,
                                         const double *const *xs, double *grad_weight, double *grad_bias,
                                         long inputs, long outputs, long j0, long j1) {
    bias_gradient(segments, batch, deltas, 0, grad_bias, outputs, j0, j1);
    for (long p = 0; p < segments; p++) {
        for (long first = 0; first < batch; first += CHUNK_ROWS) {
            long depth = batch - first < CHUNK_ROWS ? batch - first : CHUNK_ROWS;
            const double *l[1] = {deltas[p] + first * outputs}, *w[1] = {xs[p] + first * inputs};
            product(START_LOAD, FINISH_NONE, 0, j1 - j0, inputs, 1, depth, l, j0, 1, outputs, w, 0, inputs,
                    grad_weight + j0 * inputs, inputs, grad_weight, grad_weight);
        }
    }
}

// Columns [column0, column0 + columns) of input_gradient_body's product (the same sums, so the same
// bits), written `out_row` apart and, when tanh_input is not NULL (rows out_row apart too), times
// 1 − a²: a recurrent cell's cotangent on its previous state, straight into the previous step's δ.
INLINE void input_gradient_columns_body(const double *delta, const double *weight, long inputs, long outputs,
                                        long batch, long column0, long columns, double *out, long out_row,
                                        const double *tanh_input) {
    const double *l[1] = {delta}, *w[1] = {weight};
    if (tanh_input)
        product(START_ZERO, FINISH_TANH_DERIVATIVE, 0, batch, columns, 1, outputs, l, 0, outputs, 1, w, column0, inputs,
                out, out_row, out, tanh_input);
    else
        product(START_ZERO, FINISH_NONE, 0, batch, columns, 1, outputs, l, 0, outputs, 1, w, column0, inputs,
                out, out_row, out, out);
}

// Rows [j0, j1) of parameter_gradient_body (the same sums in the same order, so the same bits) for inputs
// a multiple of 4 and j0 a multiple of 4, with no scratch: one product over every held VJP's samples whose
// accumulators stay in registers (δ read in place, rows `outputs` apart). Disjoint row ranges may run on
// different threads.
INLINE void parameter_gradient_row_range_body(long segments, long batch, const double *const *deltas, long delta_offset,
                                              const double *const *xs, long input_offset, double *grad_weight,
                                              double *grad_bias, long inputs, long outputs, long j0, long j1) {
    bias_gradient(segments, batch, deltas, delta_offset, grad_bias, outputs, j0, j1);
    segment_product(j1 - j0, inputs, segments, batch, deltas, delta_offset + j0, 1, outputs, xs, input_offset, inputs,
                    grad_weight + j0 * inputs, inputs);
}

INLINE void tanh_in_place_body(double *values, long count) {
    long i = 0;
    for (; i + 16 <= count; i += 16) {
        v16d v;
        __builtin_memcpy(&v, values + i, sizeof v);
        v = tanh16(v);
        __builtin_memcpy(values + i, &v, sizeof v);
    }
    while (i < count) {
        long lanes = count - i < 4 ? count - i : 4;
        double lane[4] = {0, 0, 0, 0};
        for (long l = 0; l < lanes; l++) lane[l] = values[i + l];
        v4d v = tanh4(ld(lane));
        st(v, lane);
        for (long l = 0; l < lanes; l++) values[i + l] = lane[l];
        i += lanes;
    }
}

// ELU in place, eight lanes at a time, the tail through one padded vector.
INLINE void elu_in_place_body(double *values, long count) {
    long i = 0;
    for (; i + 8 <= count; i += 8) {
        v4d a = ld(values + i), b = ld(values + i + 4);
        st(elu4(a), values + i);
        st(elu4(b), values + i + 4);
    }
    while (i < count) {
        long lanes = count - i < 4 ? count - i : 4;
        double lane[4] = {0, 0, 0, 0};
        for (long l = 0; l < lanes; l++) lane[l] = values[i + l];
        st(elu4(ld(lane)), lane);
        for (long l = 0; l < lanes; l++) values[i + l] = lane[l];
        i += lanes;
    }
}

// Each kernel twice: for CPUs with AVX2 and FMA, and for any x86-64 (or another architecture).
#if defined(__x86_64__)
#define VERSIONS(name, params, args)                  \
    static AVX2 void name##_avx2 params { name##_body args; } \
    static void name##_base params { name##_body args; }
#else
#define VERSIONS(name, params, args) \
    static void name##_avx2 params { name##_body args; } \
    static void name##_base params { name##_body args; }
#endif

VERSIONS(forward, (const double *x, const double *weight_t, const double *bias, double *z, long inputs,
                   long outputs, long batch, int fuse_tanh, int packed),
         (x, weight_t, bias, z, inputs, outputs, batch, fuse_tanh, packed))
VERSIONS(input_gradient, (const double *delta, const double *weight, double *grad_x, long inputs, long outputs,
                          long batch, const double *tanh_input, int packed),
         (delta, weight, grad_x, inputs, outputs, batch, tanh_input, packed))
VERSIONS(parameter_gradient, (long segments, long batch, const double *const *deltas, long delta_offset,
                              const double *const *xs, long input_offset, double *grad_weight, double *grad_bias,
                              long inputs, long outputs, double *scratch),
         (segments, batch, deltas, delta_offset, xs, input_offset, grad_weight, grad_bias, inputs, outputs, scratch))
VERSIONS(tanh_in_place, (double *values, long count), (values, count))
VERSIONS(input_gradient_columns, (const double *delta, const double *weight, long inputs, long outputs, long batch,
                                  long column0, long columns, double *out, long out_row, const double *tanh_input),
         (delta, weight, inputs, outputs, batch, column0, columns, out, out_row, tanh_input))
VERSIONS(elu_in_place, (double *values, long count), (values, count))
VERSIONS(parameter_gradient_rows, (long segments, long batch, const double *const *deltas, const double *const *xs,
                                   double *grad_weight, double *grad_bias, long inputs, long outputs, long j0, long j1),
         (segments, batch, deltas, xs, grad_weight, grad_bias, inputs, outputs, j0, j1))
VERSIONS(parameter_gradient_row_range, (long segments, long batch, const double *const *deltas, long delta_offset,
                                        const double *const *xs, long input_offset, double *grad_weight,
                                        double *grad_bias, long inputs, long outputs, long j0, long j1),
         (segments, batch, deltas, delta_offset, xs, input_offset, grad_weight, grad_bias, inputs, outputs, j0, j1))
VERSIONS(forward_columns, (const double *x, const double *packed_weight_t, const double *bias, double *z, long inputs,
                           long outputs, long batch, long column0, long columns, int fuse_tanh),
         (x, packed_weight_t, bias, z, inputs, outputs, batch, column0, columns, fuse_tanh))
VERSIONS(input_gradient_packed_columns, (const double *delta, const double *packed_weight, double *grad_x, long inputs,
                                         long outputs, long batch, long column0, long columns, const double *tanh_input),
         (delta, packed_weight, grad_x, inputs, outputs, batch, column0, columns, tanh_input))

INLINE void lane_tanh_body(double *x) { *x = tanh4(splat(*x))[0]; }
INLINE void lane_expm1_body(double *x) { *x = expm1_non_negative4(splat(*x))[0]; }
INLINE void lane_elu_body(double *x) { *x = elu4(splat(*x))[0]; }
VERSIONS(lane_tanh, (double *x), (x))
VERSIONS(lane_expm1, (double *x), (x))
VERSIONS(lane_elu, (double *x), (x))

static int detected_level(void) {
#if defined(__x86_64__)
    static int cached = 0;
    int level = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (level == 0) {
        // FLOWSCOPE_KERNELS=baseline forces the baseline version (to measure it, or to rule the AVX2 one out).
        const char *forced = getenv("FLOWSCOPE_KERNELS");
        __builtin_cpu_init();
        level = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? 2 : 1;
        if (forced && strcmp(forced, "baseline") == 0) level = 1;
        __atomic_store_n(&cached, level, __ATOMIC_RELAXED);
    }
    return level;
#else
    return 1;
#endif
}

int fs_kernel_level(int requested) {
    int available = detected_level();
    if (requested == 1) return 1;
    return available;
}

#define DISPATCH(name, args) \
    do { if (fs_kernel_level(level) == 2) name##_avx2 args; else name##_base args; } while (0)

void fs_dense_forward(int level, const double *x, const double *weight_t, const double *bias, double *z,
                      long inputs, long outputs, long batch, int fuse_tanh) {
    DISPATCH(forward, (x, weight_t, bias, z, inputs, outputs, batch, fuse_tanh, 0));
}

void fs_dense_forward_packed(int level, const double *x, const double *packed_weight_t, const double *bias,
                             double *z, long inputs, long outputs, long batch, int fuse_tanh) {
    DISPATCH(forward, (x, packed_weight_t, bias, z, inputs, outputs, batch, fuse_tanh, 1));
}

void fs_dense_input_gradient(int level, const double *delta, const double *weight, double *grad_x,
                             long inputs, long outputs, long batch, const double *tanh_input) {
    DISPATCH(input_gradient, (delta, weight, grad_x, inputs, outputs, batch, tanh_input, 0));
}

void fs_dense_input_gradient_packed(int level, const double *delta, const double *packed_weight, double *grad_x,
                                    long inputs, long outputs, long batch, const double *tanh_input) {
    DISPATCH(input_gradient, (delta, packed_weight, grad_x, inputs, outputs, batch, tanh_input, 1));
}

long fs_packed_index(long row, long column, long depth, long columns) {
    return packed_index(row, column, depth, columns);
}

long fs_parameter_gradient_scratch(long segments, long batch, long inputs, long outputs) {
    long depth = segments * batch, wide = inputs / 4 * 4;
    long packing = (depth + 4) * outputs + depth * wide, narrow = 3 * outputs;
    return packing > narrow ? packing : narrow;
}

void fs_pack_panels(const double *matrix, long depth, long columns, long row_stride, double *packed) {
    for (long i = 0; i < depth; i++)
        for (long j = 0; j < columns; j++) packed[fs_packed_index(i, j, depth, columns)] = matrix[i * row_stride + j];
}

void fs_dense_parameter_gradient(int level, long segments, long batch, const double *const *deltas,
                                 long delta_offset, const double *const *xs, long input_offset,
                                 double *grad_weight, double *grad_bias, long inputs, long outputs,
                                 double *scratch) {
    DISPATCH(parameter_gradient, (segments, batch, deltas, delta_offset, xs, input_offset, grad_weight, grad_bias,
                                  inputs, outputs, scratch));
}

void fs_dense_parameter_gradient_rows(int level, long segments, long batch, const double *const *deltas,
                                      const double *const *xs, double *grad_weight, double *grad_bias, long inputs,
                                      long outputs, long j0, long j1) {
    DISPATCH(parameter_gradient_rows, (segments, batch, deltas, xs, grad_weight, grad_bias, inputs, outputs, j0, j1));
}

void fs_dense_parameter_gradient_row_range(int level, long segments, long batch, const double *const *deltas,
                                           long delta_offset, const double *const *xs, long input_offset,
                                           double *grad_weight, double *grad_bias, long inputs, long outputs, long j0,
                                           long j1) {
    DISPATCH(parameter_gradient_row_range, (segments, batch, deltas, delta_offset, xs, input_offset, grad_weight,
                                            grad_bias, inputs, outputs, j0, j1));
}

void fs_dense_forward_packed_columns(int level, const double *x, const double *packed_weight_t, const double *bias,
                                     double *z, long inputs, long outputs, long batch, long column0, long columns,
                                     int fuse_tanh) {
    DISPATCH(forward_columns, (x, packed_weight_t, bias, z, inputs, outputs, batch, column0, columns, fuse_tanh));
}

void fs_dense_input_gradient_packed_columns(int level, const double *delta, const double *packed_weight,
                                            double *grad_x, long inputs, long outputs, long batch, long column0,
                                            long columns, const double *tanh_input) {
    DISPATCH(input_gradient_packed_columns, (delta, packed_weight, grad_x, inputs, outputs, batch, column0, columns,
                                             tanh_input));
}

void fs_tanh_in_place(int level, double *values, long count) { DISPATCH(tanh_in_place, (values, count)); }

double fs_tanh(int level, double x) {
    DISPATCH(lane_tanh, (&x));
    return x;
}

double fs_expm1_non_negative(int level, double x) {
    DISPATCH(lane_expm1, (&x));
    return x;
}

void fs_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

void fs_elu_in_place(int level, double *values, long count) { DISPATCH(elu_in_place, (values, count)); }

double fs_elu(int level, double x) {
    DISPATCH(lane_elu, (&x));
    return x;
}

void fs_dense_input_gradient_columns(int level, const double *delta, const double *weight, long inputs, long outputs,
                                     long batch, long column0, long columns, double *out, long out_row,
                                     const double *tanh_input) {
    DISPATCH(input_gradient_columns, (delta, weight, inputs, outputs, batch, column0, columns, out, out_row, tanh_input));
}
