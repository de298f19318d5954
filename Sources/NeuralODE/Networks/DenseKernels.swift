internal import _NetworkKernels

/// The dense-layer kernels of `MLPField` on a batch stored sample-major (`x[b*n + k]`).
///
/// Weights are row-major out × in (`w[j*in + k]`, PyTorch's layout) or transposed in × out. Every
/// product runs through one register tile: up to 5 rows × 8 columns (ten 4-lane accumulators), so
/// each loaded weight vector serves the whole batch of 5 and each broadcast serves two vectors; a
/// batch of up to 3 rows (or the last 1 to 3 rows) takes 16 columns at a time, so its tile still holds
/// 8 to 12 accumulators. Which outputs share a tile never changes an output's sum.
/// Forward and input-cotangent products need widths that are multiples of 4 (the field pads
/// narrow layers with zeros); the parameter cotangent handles narrow inputs itself.
///
/// The kernels live in the internal C target `_NetworkKernels`, compiled twice (AVX2/FMA and
/// baseline x86-64) and chosen once at run time by the CPU; both give the same bits, so a portable
/// binary is as fast as a natively tuned one wherever AVX2 exists. `level` picks a version for
/// tests: 0 by the CPU, 1 the baseline, 2 AVX2/FMA (when the CPU has it).
enum DenseKernels {
    /// The version the kernels use for `requested` (see `level`): 1 baseline, 2 AVX2/FMA.
    static func level(_ requested: Int32 = 0) -> Int32 { fs_kernel_level(requested) }

    /// z[b, j] = bias[j] + Σ_k wT[k, j]·x[b, k] for every sample b, then tanh when `fuseTanh`;
    /// `outputs` must be a multiple of 4 (pad narrow layers with zeros).
    @inline(__always)
    static func forward(x: UnsafePointer<Double>, weightT: UnsafePointer<Double>, bias: UnsafePointer<Double>,
                        z: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int, batch: Int, fuseTanh: Bool,
                        level: Int32 = 0) {
        fs_dense_forward(level, x, weightT, bias, z, inputs, outputs, batch, fuseTanh ? 1 : 0)
    }

    /// `forward` with wT packed (`packedIndex`): the same bits, and no cache-thrashing stride on wide layers.
    @inline(__always)
    static func forwardPacked(x: UnsafePointer<Double>, weightT: UnsafePointer<Double>, bias: UnsafePointer<Double>,
                              z: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int, batch: Int, fuseTanh: Bool,
                              level: Int32 = 0) {
        fs_dense_forward_packed(level, x, weightT, bias, z, inputs, outputs, batch, fuseTanh ? 1 : 0)
    }

    /// `inputGradient` with w packed (`packedIndex`, depth = outputs, columns = inputs): the same bits.
    @inline(__always)
    static func inputGradientPacked(delta: UnsafePointer<Double>, weight: UnsafePointer<Double>,
                                    gradX: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int, batch: Int,
                                    tanhInput: UnsafePointer<Double>?, level: Int32 = 0) {
        fs_dense_input_gradient_packed(level, delta, weight, gradX, inputs, outputs, batch, tanhInput)
    }

    /// Where element (row, column) of a depth × columns right-hand side (columns a multiple of 4) goes
    /// when packed: each block of 8 columns, and a last block of 4, as a depth × width panel of its own.
    /// (`fs_packed_index` computes the same in C; this one inlines into the packing loops.)
    @inline(__always)
    static func packedIndex(row: Int, column: Int, depth: Int, columns: Int) -> Int {
        let block = column / 8 * 8
        return block * depth + row * (block + 8 <= columns ? 8 : 4) + (column - block)
    }

    /// Accumulates the parameter cotangent of one layer over `segments` recorded VJPs:
    /// gW[j, k] += Σ_p Σ_b δ_p[b, j]·x_p[b, k] and gBias[j] += Σ_p Σ_b δ_p[b, j], with δ_p at
    /// `deltas[p] + deltaOffset` (batch × outputs) and x_p at `inputs[p] + inputOffset` (batch × inputs).
    ///
    /// Layers at least 64 wide pack δ and x into `scratch` first (one product over segments × batch,
    /// the same sums in the same order); layers narrower than 4 inputs run transposed (rows k, vectors
    /// along j) through `scratch` and are scattered once at the end. `scratch` holds
    /// `parameterGradientScratch(segments:batch:inputs:outputs:)` doubles.
    @inline(__always)
    static func accumulateParameterGradient(
        segments: Int, batch: Int, deltas: UnsafePointer<UnsafePointer<Double>>, deltaOffset: Int,
        inputs x: UnsafePointer<UnsafePointer<Double>>, inputOffset: Int,
        gradWeight: UnsafeMutablePointer<Double>, gradBias: UnsafeMutablePointer<Double>,
        inputs: Int, outputs: Int, scratch: UnsafeMutablePointer<Double>, level: Int32 = 0
    ) {
        deltas.withMemoryRebound(to: UnsafePointer<Double>?.self, capacity: segments) { d in
            x.withMemoryRebound(to: UnsafePointer<Double>?.self, capacity: segments) { xs in
                fs_dense_parameter_gradient(level, segments, batch, d, deltaOffset, xs, inputOffset,
                                            gradWeight, gradBias, inputs, outputs, scratch)
            }
        }
    }

    /// Doubles of scratch `accumulateParameterGradient` needs for these sizes.
    static func parameterGradientScratch(segments: Int, batch: Int, inputs: Int, outputs: Int) -> Int {
        fs_parameter_gradient_scratch(segments, batch, inputs, outputs)
    }

    /// The input cotangent gx[b, k] = Σ_j δ[b, j]·w[j, k], times 1 − a[b, k]² when `tanhInput` is
    /// the layer's input a (the output of a tanh layer), for every sample b; `inputs` must be a
    /// multiple of 4 (pad narrow layers with zeros).
    @inline(__always)
    static func inputGradient(delta: UnsafePointer<Double>, weight: UnsafePointer<Double>,
                              gradX: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int, batch: Int,
                              tanhInput: UnsafePointer<Double>?, level: Int32 = 0) {
        fs_dense_input_gradient(level, delta, weight, gradX, inputs, outputs, batch, tanhInput)
    }

    /// Output rows `rows` of `accumulateParameterGradient` (the same bits) with no scratch: `inputs` and
    /// `rows.lowerBound` multiples of 4; one product over all segments, for few samples per segment.
    /// Disjoint row ranges may run on different threads.
    @inline(__always)
    static func accumulateParameterGradient(
        segments: Int, batch: Int, deltas: UnsafePointer<UnsafePointer<Double>>, deltaOffset: Int,
        inputs x: UnsafePointer<UnsafePointer<Double>>, inputOffset: Int, gradWeight: UnsafeMutablePointer<Double>,
        gradBias: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int, rows: Range<Int>, level: Int32 = 0
    ) {
        guard !rows.isEmpty else { return }
        deltas.withMemoryRebound(to: UnsafePointer<Double>?.self, capacity: segments) { d in
            x.withMemoryRebound(to: UnsafePointer<Double>?.self, capacity: segments) { xs in
                fs_dense_parameter_gradient_row_range(level, segments, batch, d, deltaOffset, xs, inputOffset, gradWeight,
                                                      gradBias, inputs, outputs, rows.lowerBound, rows.upperBound)
            }
        }
    }

    /// Columns `columns` of `forwardPacked` (the same bits, tanh included): `columns.lowerBound` a
    /// multiple of 8 and `columns.upperBound` a multiple of 8 or `outputs`. Disjoint ranges may run on
    /// different threads.
    @inline(__always)
    static func forwardPackedColumns(x: UnsafePointer<Double>, weightT: UnsafePointer<Double>, bias: UnsafePointer<Double>,
                                     z: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int, batch: Int,
                                     columns: Range<Int>, fuseTanh: Bool, level: Int32 = 0) {
        fs_dense_forward_packed_columns(level, x, weightT, bias, z, inputs, outputs, batch, columns.lowerBound,
                                        columns.count, fuseTanh ? 1 : 0)
    }

    /// Columns `columns` of `inputGradientPacked` (the same bits), aligned as for `forwardPackedColumns`.
    /// Disjoint ranges may run on different threads.
    @inline(__always)
    static func inputGradientPackedColumns(delta: UnsafePointer<Double>, weight: UnsafePointer<Double>,
                                           gradX: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int, batch: Int,
                                           columns: Range<Int>, tanhInput: UnsafePointer<Double>?, level: Int32 = 0) {
        fs_dense_input_gradient_packed_columns(level, delta, weight, gradX, inputs, outputs, batch, columns.lowerBound,
                                               columns.count, tanhInput)
    }
}
