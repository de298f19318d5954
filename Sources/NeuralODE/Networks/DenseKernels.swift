/// The dense-layer kernels of `MLPField` on a batch stored sample-major (`x[b*n + k]`).
///
/// Weights are row-major out × in (`w[j*in + k]`, PyTorch's layout) or transposed in × out. Every
/// product runs through one register tile: up to 5 rows × 8 columns (ten SIMD4 accumulators), so
/// each loaded weight vector serves the whole batch of 5 and each broadcast serves two vectors.
/// Forward and input-cotangent products need widths that are multiples of 4 (the field pads
/// narrow layers with zeros); the parameter cotangent handles narrow inputs itself.
enum DenseKernels {
    typealias Vector = SIMD4<Double>

    @inline(__always)
    static func load(_ p: UnsafePointer<Double>) -> Vector {
        UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
    }

    @inline(__always)
    static func store(_ v: Vector, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
    }

    /// One tile of out[r, 4v..<4v+4] (r < `Rows.count` ≤ 5, v < `Width.vectors` ≤ 2) =
    /// start + Σ_i lhs(r, i)·rhs[i, ·] with lhs(r, i) = `lhs[r*lhsRow + i*lhsDepth]` and rhs row i at
    /// `rhs + i*rhsDepth`, each output summed over i in order, then finished; `aux` has the output's layout.
    /// The shape and modes are type parameters so that every combination is specialised.
    @inline(never)
    static func tile<Rows: TileRows, Width: TileWidth, S: TileStart, F: TileFinish>(
        _: Rows.Type, _: Width.Type, _: S.Type, _: F.Type, depth: Int,
        lhs: UnsafePointer<Double>, lhsRow: Int, lhsDepth: Int, rhs: UnsafePointer<Double>, rhsDepth: Int,
        out: UnsafeMutablePointer<Double>, outRow: Int, bias: UnsafePointer<Double>, aux: UnsafePointer<Double>
    ) {
        let rows = Rows.count, two = Width.vectors > 1
        let o0 = out, o1 = out + outRow, o2 = out + 2 * outRow, o3 = out + 3 * outRow, o4 = out + 4 * outRow
        var a00 = S.start(o0, bias), a01 = two ? S.start(o0 + 4, bias + 4) : Vector()
        var a10 = Vector(), a11 = Vector(), a20 = Vector(), a21 = Vector()
        var a30 = Vector(), a31 = Vector(), a40 = Vector(), a41 = Vector()
        if rows > 1 { a10 = S.start(o1, bias); if two { a11 = S.start(o1 + 4, bias + 4) } }
        if rows > 2 { a20 = S.start(o2, bias); if two { a21 = S.start(o2 + 4, bias + 4) } }
        if rows > 3 { a30 = S.start(o3, bias); if two { a31 = S.start(o3 + 4, bias + 4) } }
        if rows > 4 { a40 = S.start(o4, bias); if two { a41 = S.start(o4 + 4, bias + 4) } }
        var l = lhs, w = rhs
        for _ in 0..<depth {
            let w0 = load(w), w1 = two ? load(w + 4) : Vector()
            let s0 = l[0]
            a00 = a00.addingProduct(w0, s0)
            if two { a01 = a01.addingProduct(w1, s0) }
            if rows > 1 {
                let s1 = l[lhsRow]
                a10 = a10.addingProduct(w0, s1)
                if two { a11 = a11.addingProduct(w1, s1) }
            }
            if rows > 2 {
                let s2 = l[2 * lhsRow]
                a20 = a20.addingProduct(w0, s2)
                if two { a21 = a21.addingProduct(w1, s2) }
            }
            if rows > 3 {
                let s3 = l[3 * lhsRow]
                a30 = a30.addingProduct(w0, s3)
                if two { a31 = a31.addingProduct(w1, s3) }
            }
            if rows > 4 {
                let s4 = l[4 * lhsRow]
                a40 = a40.addingProduct(w0, s4)
                if two { a41 = a41.addingProduct(w1, s4) }
            }
            l += lhsDepth
            w += rhsDepth
        }
        let x0 = aux, x1 = aux + outRow, x2 = aux + 2 * outRow, x3 = aux + 3 * outRow, x4 = aux + 4 * outRow
        store(F.finish(a00, x0), o0)
        if two { store(F.finish(a01, x0 + 4), o0 + 4) }
        if rows > 1 { store(F.finish(a10, x1), o1); if two { store(F.finish(a11, x1 + 4), o1 + 4) } }
        if rows > 2 { store(F.finish(a20, x2), o2); if two { store(F.finish(a21, x2 + 4), o2 + 4) } }
        if rows > 3 { store(F.finish(a30, x3), o3); if two { store(F.finish(a31, x3 + 4), o3 + 4) } }
        if rows > 4 { store(F.finish(a40, x4), o4); if two { store(F.finish(a41, x4 + 4), o4 + 4) } }
    }

    /// Tiles down all `rows` for one run of `Width.vectors` column vectors.
    @inline(__always)
    static func column<Width: TileWidth, S: TileStart, F: TileFinish>(
        _ width: Width.Type, _ s: S.Type, _ f: F.Type, rows: Int, depth: Int,
        lhs: UnsafePointer<Double>, lhsRow: Int, lhsDepth: Int, rhs: UnsafePointer<Double>, rhsDepth: Int,
        out: UnsafeMutablePointer<Double>, outRow: Int, bias: UnsafePointer<Double>, aux: UnsafePointer<Double>
    ) {
        var r = 0
        while r + 5 <= rows {
            tile(TileRows5.self, width, s, f, depth: depth, lhs: lhs + r * lhsRow, lhsRow: lhsRow, lhsDepth: lhsDepth,
                 rhs: rhs, rhsDepth: rhsDepth, out: out + r * outRow, outRow: outRow, bias: bias, aux: aux + r * outRow)
            r += 5
        }
        let l = lhs + r * lhsRow, o = out + r * outRow, x = aux + r * outRow
        switch rows - r {
        case 4:
            tile(TileRows4.self, width, s, f, depth: depth, lhs: l, lhsRow: lhsRow, lhsDepth: lhsDepth, rhs: rhs,
                 rhsDepth: rhsDepth, out: o, outRow: outRow, bias: bias, aux: x)
        case 3:
            tile(TileRows3.self, width, s, f, depth: depth, lhs: l, lhsRow: lhsRow, lhsDepth: lhsDepth, rhs: rhs,
                 rhsDepth: rhsDepth, out: o, outRow: outRow, bias: bias, aux: x)
        case 2:
            tile(TileRows2.self, width, s, f, depth: depth, lhs: l, lhsRow: lhsRow, lhsDepth: lhsDepth, rhs: rhs,
                 rhsDepth: rhsDepth, out: o, outRow: outRow, bias: bias, aux: x)
        case 1:
            tile(TileRows1.self, width, s, f, depth: depth, lhs: l, lhsRow: lhsRow, lhsDepth: lhsDepth, rhs: rhs,
                 rhsDepth: rhsDepth, out: o, outRow: outRow, bias: bias, aux: x)
        default:
            break
        }
    }

    /// out[r, n] = start + Σ_i lhs(r, i)·rhs[i, n] for n below the largest multiple of 4 ≤ `columns`,
    /// then finished; returns that multiple (the caller handles the columns after it).
    @inline(__always)
    static func product<S: TileStart, F: TileFinish>(
        _ s: S.Type, _ f: F.Type, rows: Int, columns: Int, depth: Int,
        lhs: UnsafePointer<Double>, lhsRow: Int, lhsDepth: Int, rhs: UnsafePointer<Double>, rhsDepth: Int,
        out: UnsafeMutablePointer<Double>, outRow: Int, bias: UnsafePointer<Double>, aux: UnsafePointer<Double>
    ) -> Int {
        var n = 0
        while n + 8 <= columns {
            column(TileWidth8.self, s, f, rows: rows, depth: depth, lhs: lhs, lhsRow: lhsRow, lhsDepth: lhsDepth,
                   rhs: rhs + n, rhsDepth: rhsDepth, out: out + n, outRow: outRow, bias: bias + n, aux: aux + n)
            n += 8
        }
        if n + 4 <= columns {
            column(TileWidth4.self, s, f, rows: rows, depth: depth, lhs: lhs, lhsRow: lhsRow, lhsDepth: lhsDepth,
                   rhs: rhs + n, rhsDepth: rhsDepth, out: out + n, outRow: outRow, bias: bias + n, aux: aux + n)
            n += 4
        }
        return n
    }

    /// z[b, j] = bias[j] + Σ_k wT[k, j]·x[b, k] for every sample b, then tanh when `fuseTanh`;
    /// `outputs` must be a multiple of 4 (pad narrow layers with zeros).
    @inline(__always)
    static func forward(x: UnsafePointer<Double>, weightT: UnsafePointer<Double>, bias: UnsafePointer<Double>,
                        z: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int, batch: Int, fuseTanh: Bool) {
        if fuseTanh {
            _ = product(StartBias.self, FinishTanh.self, rows: batch, columns: outputs, depth: inputs,
                        lhs: x, lhsRow: inputs, lhsDepth: 1, rhs: weightT, rhsDepth: outputs,
                        out: z, outRow: outputs, bias: bias, aux: z)
        } else {
            _ = product(StartBias.self, FinishNone.self, rows: batch, columns: outputs, depth: inputs,
                        lhs: x, lhsRow: inputs, lhsDepth: 1, rhs: weightT, rhsDepth: outputs,
                        out: z, outRow: outputs, bias: bias, aux: z)
        }
    }

    /// Like `tile`, accumulating into `out`, with the depth split in segments:
    /// segment p holds `depth` steps, its lhs at `lhs[p] + lhsOffset` and its rhs at `rhs[p] + rhsOffset`
    /// (strides as in `tile`). The accumulators stay in registers across all segments.
    @inline(never)
    static func segmentTile<Rows: TileRows, Width: TileWidth>(
        _: Rows.Type, _: Width.Type, segments: Int, depth: Int,
        lhs: UnsafePointer<UnsafePointer<Double>>, lhsOffset: Int, lhsRow: Int, lhsDepth: Int,
        rhs: UnsafePointer<UnsafePointer<Double>>, rhsOffset: Int, rhsDepth: Int,
        out: UnsafeMutablePointer<Double>, outRow: Int
    ) {
        let rows = Rows.count, two = Width.vectors > 1
        let o0 = out, o1 = out + outRow, o2 = out + 2 * outRow, o3 = out + 3 * outRow, o4 = out + 4 * outRow
        var a00 = load(o0), a01 = two ? load(o0 + 4) : Vector()
        var a10 = Vector(), a11 = Vector(), a20 = Vector(), a21 = Vector()
        var a30 = Vector(), a31 = Vector(), a40 = Vector(), a41 = Vector()
        if rows > 1 { a10 = load(o1); if two { a11 = load(o1 + 4) } }
        if rows > 2 { a20 = load(o2); if two { a21 = load(o2 + 4) } }
        if rows > 3 { a30 = load(o3); if two { a31 = load(o3 + 4) } }
        if rows > 4 { a40 = load(o4); if two { a41 = load(o4 + 4) } }
        for p in 0..<segments {
            var l = lhs[p] + lhsOffset, w = rhs[p] + rhsOffset
            for _ in 0..<depth {
                let w0 = load(w), w1 = two ? load(w + 4) : Vector()
                let s0 = l[0]
                a00 = a00.addingProduct(w0, s0)
                if two { a01 = a01.addingProduct(w1, s0) }
                if rows > 1 {
                    let s1 = l[lhsRow]
                    a10 = a10.addingProduct(w0, s1)
                    if two { a11 = a11.addingProduct(w1, s1) }
                }
                if rows > 2 {
                    let s2 = l[2 * lhsRow]
                    a20 = a20.addingProduct(w0, s2)
                    if two { a21 = a21.addingProduct(w1, s2) }
                }
                if rows > 3 {
                    let s3 = l[3 * lhsRow]
                    a30 = a30.addingProduct(w0, s3)
                    if two { a31 = a31.addingProduct(w1, s3) }
                }
                if rows > 4 {
                    let s4 = l[4 * lhsRow]
                    a40 = a40.addingProduct(w0, s4)
                    if two { a41 = a41.addingProduct(w1, s4) }
                }
                l += lhsDepth
                w += rhsDepth
            }
        }
        store(a00, o0)
        if two { store(a01, o0 + 4) }
        if rows > 1 { store(a10, o1); if two { store(a11, o1 + 4) } }
        if rows > 2 { store(a20, o2); if two { store(a21, o2 + 4) } }
        if rows > 3 { store(a30, o3); if two { store(a31, o3 + 4) } }
        if rows > 4 { store(a40, o4); if two { store(a41, o4 + 4) } }
    }

    /// `segmentTile` down all `rows` for one run of `Width.vectors` column vectors.
    @inline(__always)
    static func segmentColumn<Width: TileWidth>(
        _ width: Width.Type, rows: Int, segments: Int, depth: Int,
        lhs: UnsafePointer<UnsafePointer<Double>>, lhsOffset: Int, lhsRow: Int, lhsDepth: Int,
        rhs: UnsafePointer<UnsafePointer<Double>>, rhsOffset: Int, rhsDepth: Int,
        out: UnsafeMutablePointer<Double>, outRow: Int
    ) {
        var r = 0
        while r + 5 <= rows {
            segmentTile(TileRows5.self, width, segments: segments, depth: depth, lhs: lhs, lhsOffset: lhsOffset + r * lhsRow,
                        lhsRow: lhsRow, lhsDepth: lhsDepth, rhs: rhs, rhsOffset: rhsOffset, rhsDepth: rhsDepth,
                        out: out + r * outRow, outRow: outRow)
            r += 5
        }
        let lo = lhsOffset + r * lhsRow, o = out + r * outRow
        switch rows - r {
        case 4:
            segmentTile(TileRows4.self, width, segments: segments, depth: depth, lhs: lhs, lhsOffset: lo, lhsRow: lhsRow,
                        lhsDepth: lhsDepth, rhs: rhs, rhsOffset: rhsOffset, rhsDepth: rhsDepth, out: o, outRow: outRow)
        case 3:
            segmentTile(TileRows3.self, width, segments: segments, depth: depth, lhs: lhs, lhsOffset: lo, lhsRow: lhsRow,
                        lhsDepth: lhsDepth, rhs: rhs, rhsOffset: rhsOffset, rhsDepth: rhsDepth, out: o, outRow: outRow)
        case 2:
            segmentTile(TileRows2.self, width, segments: segments, depth: depth, lhs: lhs, lhsOffset: lo, lhsRow: lhsRow,
                        lhsDepth: lhsDepth, rhs: rhs, rhsOffset: rhsOffset, rhsDepth: rhsDepth, out: o, outRow: outRow)
        case 1:
            segmentTile(TileRows1.self, width, segments: segments, depth: depth, lhs: lhs, lhsOffset: lo, lhsRow: lhsRow,
                        lhsDepth: lhsDepth, rhs: rhs, rhsOffset: rhsOffset, rhsDepth: rhsDepth, out: o, outRow: outRow)
        default:
            break
        }
    }

    /// out[r, n] += Σ_p Σ_i lhs_p(r, i)·rhs_p[i, n] for n below the largest multiple of 4 ≤ `columns`;
    /// returns that multiple.
    @inline(__always)
    static func segmentProduct(
        rows: Int, columns: Int, segments: Int, depth: Int,
        lhs: UnsafePointer<UnsafePointer<Double>>, lhsOffset: Int, lhsRow: Int, lhsDepth: Int,
        rhs: UnsafePointer<UnsafePointer<Double>>, rhsOffset: Int, rhsDepth: Int,
        out: UnsafeMutablePointer<Double>, outRow: Int
    ) -> Int {
        var n = 0
        while n + 8 <= columns {
            segmentColumn(TileWidth8.self, rows: rows, segments: segments, depth: depth, lhs: lhs, lhsOffset: lhsOffset,
                          lhsRow: lhsRow, lhsDepth: lhsDepth, rhs: rhs, rhsOffset: rhsOffset + n, rhsDepth: rhsDepth,
                          out: out + n, outRow: outRow)
            n += 8
        }
        if n + 4 <= columns {
            segmentColumn(TileWidth4.self, rows: rows, segments: segments, depth: depth, lhs: lhs, lhsOffset: lhsOffset,
                          lhsRow: lhsRow, lhsDepth: lhsDepth, rhs: rhs, rhsOffset: rhsOffset + n, rhsDepth: rhsDepth,
                          out: out + n, outRow: outRow)
            n += 4
        }
        return n
    }

    /// Accumulates the parameter cotangent of one layer over `segments` recorded VJPs:
    /// gW[j, k] += Σ_p Σ_b δ_p[b, j]·x_p[b, k] and gBias[j] += Σ_p Σ_b δ_p[b, j], with δ_p at
    /// `deltas[p] + deltaOffset` (batch × outputs) and x_p at `inputs[p] + inputOffset` (batch × inputs).
    ///
    /// Layers narrower than 4 inputs run transposed (rows k, vectors along j) through `scratch`
    /// (at least 3 × outputs doubles) and are scattered once at the end.
    static func accumulateParameterGradient(
        segments: Int, batch: Int, deltas: UnsafePointer<UnsafePointer<Double>>, deltaOffset: Int,
        inputs x: UnsafePointer<UnsafePointer<Double>>, inputOffset: Int,
        gradWeight: UnsafeMutablePointer<Double>, gradBias: UnsafeMutablePointer<Double>,
        inputs: Int, outputs: Int, scratch: UnsafeMutablePointer<Double>
    ) {
        var j = 0
        while j + 4 <= outputs {
            var s0 = Vector(), s1 = Vector()
            for p in 0..<segments {
                let d = deltas[p] + deltaOffset + j
                var b = 0
                while b + 2 <= batch {
                    s0 += load(d + b * outputs)
                    s1 += load(d + (b + 1) * outputs)
                    b += 2
                }
                if b < batch { s0 += load(d + b * outputs) }
            }
            store(load(gradBias + j) + (s0 + s1), gradBias + j)
            j += 4
        }
        while j < outputs {
            var s = 0.0
            for p in 0..<segments {
                let d = deltas[p] + deltaOffset + j
                for b in 0..<batch { s += d[b * outputs] }
            }
            gradBias[j] += s
            j += 1
        }
        // Rows j of gW are the tile rows; the depth runs over the batch of each segment.
        let done = segmentProduct(rows: outputs, columns: inputs, segments: segments, depth: batch,
                                  lhs: deltas, lhsOffset: deltaOffset, lhsRow: 1, lhsDepth: outputs,
                                  rhs: x, rhsOffset: inputOffset, rhsDepth: inputs, out: gradWeight, outRow: inputs)
        guard done < inputs else { return }
        // Columns k ≥ done: rows k, vectors along j, into scratch, then scattered.
        let narrow = inputs - done
        for i in 0..<(narrow * outputs) { scratch[i] = 0 }
        let doneJ = segmentProduct(rows: narrow, columns: outputs, segments: segments, depth: batch,
                                   lhs: x, lhsOffset: inputOffset + done, lhsRow: 1, lhsDepth: inputs,
                                   rhs: deltas, rhsOffset: deltaOffset, rhsDepth: outputs, out: scratch, outRow: outputs)
        for r in 0..<narrow {
            for j in 0..<doneJ { gradWeight[j * inputs + done + r] += scratch[r * outputs + j] }
        }
        guard doneJ < outputs else { return }
        for k in done..<inputs {
            for j in doneJ..<outputs {
                var s = 0.0
                for p in 0..<segments {
                    let d = deltas[p] + deltaOffset, xp = x[p] + inputOffset
                    for b in 0..<batch { s += d[b * outputs + j] * xp[b * inputs + k] }
                }
                gradWeight[j * inputs + k] += s
            }
        }
    }

    /// The input cotangent gx[b, k] = Σ_j δ[b, j]·w[j, k], times 1 − a[b, k]² when `tanhInput` is
    /// the layer's input a (the output of a tanh layer), for every sample b; `inputs` must be a
    /// multiple of 4 (pad narrow layers with zeros).
    @inline(__always)
    static func inputGradient(delta: UnsafePointer<Double>, weight: UnsafePointer<Double>,
                              gradX: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int, batch: Int,
                              tanhInput: UnsafePointer<Double>?) {
        if let a = tanhInput {
            _ = product(StartZero.self, FinishTanhDerivative.self, rows: batch, columns: inputs, depth: outputs,
                        lhs: delta, lhsRow: outputs, lhsDepth: 1, rhs: weight, rhsDepth: inputs,
                        out: gradX, outRow: inputs, bias: weight, aux: a)
        } else {
            _ = product(StartZero.self, FinishNone.self, rows: batch, columns: inputs, depth: outputs,
                        lhs: delta, lhsRow: outputs, lhsDepth: 1, rhs: weight, rhsDepth: inputs,
                        out: gradX, outRow: inputs, bias: weight, aux: weight)
        }
    }
}
