#ifndef FLOWSCOPE_NETWORK_KERNELS_H
#define FLOWSCOPE_NETWORK_KERNELS_H

// The dense-layer and tanh kernels of NeuralODE's MLPField, in C so that one portable binary can
// carry an AVX2/FMA version and a baseline x86-64 version of each and choose once, at run time.
// Both versions do the same operations in the same order (fused multiply-adds where the Swift
// code had them, nothing contracted elsewhere), so their results are identical bit for bit.
// Batches are sample-major (x[b*n + k]); weights row-major out × in (w[j*in + k]) or transposed.

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Which version runs: 0 chooses by the CPU (the default), 1 the baseline, 2 AVX2/FMA.
/// Returns the level actually used by the kernels below for that request.
int fs_kernel_level(int requested);

/// z[b, j] = bias[j] + Σ_k wT[k, j]·x[b, k], then tanh when fuse_tanh; outputs a multiple of 4.
void fs_dense_forward(int level, const double *x, const double *weight_t, const double *bias, double *z,
                      long inputs, long outputs, long batch, int fuse_tanh);

/// gx[b, k] = Σ_j δ[b, j]·w[j, k], times 1 − a[b, k]² when tanh_input is not NULL; inputs a multiple of 4.
void fs_dense_input_gradient(int level, const double *delta, const double *weight, double *grad_x,
                             long inputs, long outputs, long batch, const double *tanh_input);

/// gW[j, k] += Σ_p Σ_b δ_p[b, j]·x_p[b, k], gBias[j] += Σ_p Σ_b δ_p[b, j] over `segments` recorded
/// VJPs; scratch holds at least fs_parameter_gradient_scratch(segments, batch, inputs, outputs) doubles.
void fs_dense_parameter_gradient(int level, long segments, long batch, const double *const *deltas,
                                 long delta_offset, const double *const *xs, long input_offset,
                                 double *grad_weight, double *grad_bias, long inputs, long outputs,
                                 double *scratch);

/// Rows j0 ≤ j < j1 of fs_dense_parameter_gradient (the same bits) for inputs a multiple of 4 and j0 a
/// multiple of 4, no offsets and no scratch; it runs a few samples at a time so that its operands stay
/// in cache, and disjoint row ranges may run on different threads.
void fs_dense_parameter_gradient_rows(int level, long segments, long batch, const double *const *deltas,
                                      const double *const *xs, double *grad_weight, double *grad_bias, long inputs,
                                      long outputs, long j0, long j1);

/// Rows j0 ≤ j < j1 of fs_dense_parameter_gradient (the same bits) for inputs a multiple of 4 and j0 a
/// multiple of 4, with no scratch: one product over all the held VJPs' samples, for few samples per VJP
/// (one long trajectory). Disjoint row ranges may run on different threads.
void fs_dense_parameter_gradient_row_range(int level, long segments, long batch, const double *const *deltas,
                                           long delta_offset, const double *const *xs, long input_offset,
                                           double *grad_weight, double *grad_bias, long inputs, long outputs, long j0,
                                           long j1);

/// Columns column0 ≤ j < column0 + columns of fs_dense_forward_packed (the same bits), tanh included when
/// fuse_tanh; column0 a multiple of 8 and column0 + columns a multiple of 8 or `outputs`. Disjoint
/// column ranges may run on different threads.
void fs_dense_forward_packed_columns(int level, const double *x, const double *packed_weight_t, const double *bias,
                                     double *z, long inputs, long outputs, long batch, long column0, long columns,
                                     int fuse_tanh);

/// Columns column0 ≤ k < column0 + columns of fs_dense_input_gradient_packed (the same bits), aligned as
/// for fs_dense_forward_packed_columns. Disjoint column ranges may run on different threads.
void fs_dense_input_gradient_packed_columns(int level, const double *delta, const double *packed_weight,
                                            double *grad_x, long inputs, long outputs, long batch, long column0,
                                            long columns, const double *tanh_input);

/// Columns column0 ≤ k < column0 + columns (a multiple of 4) of fs_dense_input_gradient (the same bits),
/// out[b, k − column0] at rows `out_row` apart, times 1 − a[b, k − column0]² (a at rows out_row apart)
/// when tanh_input is not NULL.
void fs_dense_input_gradient_columns(int level, const double *delta, const double *weight, long inputs, long outputs,
                                     long batch, long column0, long columns, double *out, long out_row,
                                     const double *tanh_input);

/// Doubles of scratch fs_dense_parameter_gradient needs: the packed δ and inputs (segments × batch
/// rows of outputs + inputs rounded down to a multiple of 4), and at least 3 × outputs.
long fs_parameter_gradient_scratch(long segments, long batch, long inputs, long outputs);

/// Where element (row, column) of a depth × columns matrix (columns a multiple of 4) sits in its
/// packed form: each block of 8 columns, and a last block of 4, stored as a depth × width panel.
long fs_packed_index(long row, long column, long depth, long columns);

/// Writes the depth × columns matrix at `matrix` (rows `row_stride` apart) in packed form.
void fs_pack_panels(const double *matrix, long depth, long columns, long row_stride, double *packed);

/// fs_dense_forward with wT (inputs × outputs) packed: the same bits, faster on wide layers.
void fs_dense_forward_packed(int level, const double *x, const double *packed_weight_t, const double *bias,
                             double *z, long inputs, long outputs, long batch, int fuse_tanh);

/// fs_dense_input_gradient with w (outputs × inputs) packed: the same bits, faster on wide layers.
void fs_dense_input_gradient_packed(int level, const double *delta, const double *packed_weight, double *grad_x,
                                    long inputs, long outputs, long batch, const double *tanh_input);

/// Replaces each of the `count` doubles at `values` by its tanh.
void fs_tanh_in_place(int level, double *values, long count);

/// tanh of one double (the vector code on one lane).
double fs_tanh(int level, double x);

/// Replaces each of the `count` doubles at `values` by its ELU: x for x > 0, else e^x − 1.
void fs_elu_in_place(int level, double *values, long count);

/// ELU of one double (the vector code on one lane).
double fs_elu(int level, double x);

/// e^x − 1 for one double with 0 ≤ x ≤ 709.
double fs_expm1_non_negative(int level, double x);

/// The CPU's hint that the caller is spinning on a flag (x86 `pause`; nothing elsewhere).
void fs_cpu_relax(void);

#ifdef __cplusplus
}
#endif

#endif
