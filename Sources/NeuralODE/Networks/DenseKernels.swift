/// The dense-layer kernels of `MLPField` on a batch stored sample-major (`x[b*n + k]`).
///
/// Weights are row-major out × in (`w[j*in + k]`, PyTorch's layout); `wT` is the transposed
/// copy in × out. Each kernel keeps 16 accumulators (four SIMD4 vectors) in registers over a
/// contiguous run of 16 outputs (forward) or 16 inputs (backward), then runs of 8 and 4; what is
/// left (narrow layers) uses dot products over the other axis. Sixteen lanes give enough
/// independent add chains to hide the adder latency, yet fit the 16 registers of baseline x86-64.
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

    /// Σ_i a[i]·b[i], in SIMD blocks of 8 then a scalar tail.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
        var s0 = Vector(), s1 = Vector()
        var i = 0
        while i + 8 <= n {
            s0 += load(a + i) * load(b + i)
            s1 += load(a + i + 4) * load(b + i + 4)
            i += 8
        }
        if i + 4 <= n {
            s0 += load(a + i) * load(b + i)
            i += 4
        }
        var s = (s0 + s1).sum()
        while i < n {
            s += a[i] * b[i]
            i += 1
        }
        return s
    }

    /// z[0..<4·blocks] = bias + Σ_k x[k]·wT[k, 0..<4·blocks] for one sample, on up to four vectors
    /// held in registers; with `fuseTanh` the block is passed through tanh before it is stored, so
    /// tanh's long dependency chains overlap with the next block's multiply-adds.
    @inline(__always)
    static func forwardBlock(_ blocks: Int, x: UnsafePointer<Double>, weightT: UnsafePointer<Double>,
                             bias: UnsafePointer<Double>, z: UnsafeMutablePointer<Double>,
                             inputs: Int, outputs: Int, fuseTanh: Bool) {
        var a0 = load(bias), a1 = blocks > 1 ? load(bias + 4) : Vector()
        var a2 = blocks > 2 ? load(bias + 8) : Vector(), a3 = blocks > 3 ? load(bias + 12) : Vector()
        var w = weightT
        for k in 0..<inputs {
            let s = x[k]
            a0 += load(w) * s
            if blocks > 1 { a1 += load(w + 4) * s }
            if blocks > 2 { a2 += load(w + 8) * s }
            if blocks > 3 { a3 += load(w + 12) * s }
            w += outputs
        }
        if fuseTanh {
            a0 = FastMath.tanh(a0)
            if blocks > 1 { a1 = FastMath.tanh(a1) }
            if blocks > 2 { a2 = FastMath.tanh(a2) }
            if blocks > 3 { a3 = FastMath.tanh(a3) }
        }
        store(a0, z)
        if blocks > 1 { store(a1, z + 4) }
        if blocks > 2 { store(a2, z + 8) }
        if blocks > 3 { store(a3, z + 12) }
    }

    /// z[b, j] = bias[j] + Σ_k w[j, k]·x[b, k] for every sample b, then tanh when `fuseTanh`.
    @inline(__always)
    static func forward(x: UnsafePointer<Double>, weight: UnsafePointer<Double>, weightT: UnsafePointer<Double>,
                        bias: UnsafePointer<Double>, z: UnsafeMutablePointer<Double>,
                        inputs: Int, outputs: Int, batch: Int, fuseTanh: Bool) {
        for b in 0..<batch {
            let xb = x + b * inputs, zb = z + b * outputs
            var j = 0
            while j + 16 <= outputs {
                forwardBlock(4, x: xb, weightT: weightT + j, bias: bias + j, z: zb + j, inputs: inputs, outputs: outputs,
                             fuseTanh: fuseTanh)
                j += 16
            }
            if j + 8 <= outputs {
                forwardBlock(2, x: xb, weightT: weightT + j, bias: bias + j, z: zb + j, inputs: inputs, outputs: outputs,
                             fuseTanh: fuseTanh)
                j += 8
            }
            if j + 4 <= outputs {
                forwardBlock(1, x: xb, weightT: weightT + j, bias: bias + j, z: zb + j, inputs: inputs, outputs: outputs,
                             fuseTanh: fuseTanh)
                j += 4
            }
            if j < outputs {
                for i in j..<outputs { zb[i] = bias[i] + dot(weight + i * inputs, xb, inputs) }
                if fuseTanh { FastMath.tanh(inPlace: zb + j, count: outputs - j) }
            }
        }
    }

    /// gRow[0..<4·blocks] += Σ_b δ[b, j]·x[b, k..<k+4·blocks] for one weight row j.
    @inline(__always)
    static func parameterBlock(_ blocks: Int, delta: UnsafePointer<Double>, x: UnsafePointer<Double>,
                               gradRow: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int, batch: Int) {
        var a0 = load(gradRow), a1 = blocks > 1 ? load(gradRow + 4) : Vector()
        var a2 = blocks > 2 ? load(gradRow + 8) : Vector(), a3 = blocks > 3 ? load(gradRow + 12) : Vector()
        for b in 0..<batch {
            let d = delta[b * outputs]
            let xb = x + b * inputs
            a0 += load(xb) * d
            if blocks > 1 { a1 += load(xb + 4) * d }
            if blocks > 2 { a2 += load(xb + 8) * d }
            if blocks > 3 { a3 += load(xb + 12) * d }
        }
        store(a0, gradRow)
        if blocks > 1 { store(a1, gradRow + 4) }
        if blocks > 2 { store(a2, gradRow + 8) }
        if blocks > 3 { store(a3, gradRow + 12) }
    }

    /// Accumulates the parameter cotangent: gW[j, :] += Σ_b δ[b, j]·x[b, :] and gBias[j] += Σ_b δ[b, j].
    @inline(__always)
    static func accumulateParameterGradient(delta: UnsafePointer<Double>, x: UnsafePointer<Double>,
                                            gradWeight: UnsafeMutablePointer<Double>,
                                            gradBias: UnsafeMutablePointer<Double>,
                                            inputs: Int, outputs: Int, batch: Int) {
        for j in 0..<outputs {
            var biasSum = 0.0
            for b in 0..<batch { biasSum += delta[b * outputs + j] }
            gradBias[j] += biasSum
            let row = gradWeight + j * inputs
            let dj = delta + j
            var k = 0
            while k + 16 <= inputs {
                parameterBlock(4, delta: dj, x: x + k, gradRow: row + k, inputs: inputs, outputs: outputs, batch: batch)
                k += 16
            }
            if k + 8 <= inputs {
                parameterBlock(2, delta: dj, x: x + k, gradRow: row + k, inputs: inputs, outputs: outputs, batch: batch)
                k += 8
            }
            if k + 4 <= inputs {
                parameterBlock(1, delta: dj, x: x + k, gradRow: row + k, inputs: inputs, outputs: outputs, batch: batch)
                k += 4
            }
            while k < inputs {
                var s = row[k]
                for b in 0..<batch { s += dj[b * outputs] * x[b * inputs + k] }
                row[k] = s
                k += 1
            }
        }
    }

    /// g[0..<4·blocks] = Σ_j δ[j]·w[j, k..<k+4·blocks] for one sample.
    @inline(__always)
    static func inputBlock(_ blocks: Int, delta: UnsafePointer<Double>, weight: UnsafePointer<Double>,
                           grad: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int) {
        var a0 = Vector(), a1 = Vector(), a2 = Vector(), a3 = Vector()
        var w = weight
        for j in 0..<outputs {
            let s = delta[j]
            a0 += load(w) * s
            if blocks > 1 { a1 += load(w + 4) * s }
            if blocks > 2 { a2 += load(w + 8) * s }
            if blocks > 3 { a3 += load(w + 12) * s }
            w += inputs
        }
        store(a0, grad)
        if blocks > 1 { store(a1, grad + 4) }
        if blocks > 2 { store(a2, grad + 8) }
        if blocks > 3 { store(a3, grad + 12) }
    }

    /// The input cotangent: gx[b, k] = Σ_j δ[b, j]·w[j, k].
    @inline(__always)
    static func inputGradient(delta: UnsafePointer<Double>, weight: UnsafePointer<Double>,
                              weightT: UnsafePointer<Double>, gradX: UnsafeMutablePointer<Double>,
                              inputs: Int, outputs: Int, batch: Int) {
        for b in 0..<batch {
            let db = delta + b * outputs, gb = gradX + b * inputs
            var k = 0
            while k + 16 <= inputs {
                inputBlock(4, delta: db, weight: weight + k, grad: gb + k, inputs: inputs, outputs: outputs)
                k += 16
            }
            if k + 8 <= inputs {
                inputBlock(2, delta: db, weight: weight + k, grad: gb + k, inputs: inputs, outputs: outputs)
                k += 8
            }
            if k + 4 <= inputs {
                inputBlock(1, delta: db, weight: weight + k, grad: gb + k, inputs: inputs, outputs: outputs)
                k += 4
            }
            while k < inputs {
                gb[k] = dot(db, weightT + k * outputs, outputs)
                k += 1
            }
        }
    }
}
