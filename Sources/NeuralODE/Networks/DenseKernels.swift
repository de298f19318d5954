/// The dense-layer kernels of `MLPField` on a batch stored sample-major (`x[b*n + k]`).
///
/// Weights are row-major out × in (`w[j*in + k]`, PyTorch's layout); `wT` is the transposed
/// copy in × out. Every kernel keeps its accumulators in SIMD registers over a contiguous run of
/// memory: blocks of 8 outputs (forward) or 8 inputs (backward), two samples at a time; narrow
/// layers (fewer than 8 along the blocked axis) use dot products over the other axis instead.
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

    /// z[b, j] = bias[j] + Σ_k w[j, k]·x[b, k] for every sample b.
    @inline(__always)
    static func forward(x: UnsafePointer<Double>, weight: UnsafePointer<Double>, weightT: UnsafePointer<Double>,
                        bias: UnsafePointer<Double>, z: UnsafeMutablePointer<Double>,
                        inputs: Int, outputs: Int, batch: Int) {
        var j = 0
        while j + 8 <= outputs {
            let bias0 = load(bias + j), bias1 = load(bias + j + 4)
            var b = 0
            while b + 2 <= batch {
                let xa = x + b * inputs, xb = xa + inputs
                var a0 = bias0, a1 = bias1, c0 = bias0, c1 = bias1
                var w = weightT + j
                for k in 0..<inputs {
                    let w0 = load(w), w1 = load(w + 4)
                    let s = xa[k], u = xb[k]
                    a0 += w0 * s
                    a1 += w1 * s
                    c0 += w0 * u
                    c1 += w1 * u
                    w += outputs
                }
                let za = z + b * outputs + j, zb = za + outputs
                store(a0, za); store(a1, za + 4); store(c0, zb); store(c1, zb + 4)
                b += 2
            }
            if b < batch {
                let xa = x + b * inputs
                var a0 = bias0, a1 = bias1
                var w = weightT + j
                for k in 0..<inputs {
                    let s = xa[k]
                    a0 += load(w) * s
                    a1 += load(w + 4) * s
                    w += outputs
                }
                let za = z + b * outputs + j
                store(a0, za); store(a1, za + 4)
            }
            j += 8
        }
        while j < outputs {
            let row = weight + j * inputs
            for b in 0..<batch {
                z[b * outputs + j] = bias[j] + dot(row, x + b * inputs, inputs)
            }
            j += 1
        }
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
            var k = 0
            while k + 8 <= inputs {
                var a0 = load(row + k), a1 = load(row + k + 4)
                for b in 0..<batch {
                    let d = delta[b * outputs + j]
                    let xb = x + b * inputs + k
                    a0 += load(xb) * d
                    a1 += load(xb + 4) * d
                }
                store(a0, row + k); store(a1, row + k + 4)
                k += 8
            }
            while k < inputs {
                var s = row[k]
                for b in 0..<batch { s += delta[b * outputs + j] * x[b * inputs + k] }
                row[k] = s
                k += 1
            }
        }
    }

    /// The input cotangent: gx[b, k] = Σ_j δ[b, j]·w[j, k].
    @inline(__always)
    static func inputGradient(delta: UnsafePointer<Double>, weight: UnsafePointer<Double>,
                              weightT: UnsafePointer<Double>, gradX: UnsafeMutablePointer<Double>,
                              inputs: Int, outputs: Int, batch: Int) {
        var k = 0
        while k + 8 <= inputs {
            var b = 0
            while b + 2 <= batch {
                let da = delta + b * outputs, db = da + outputs
                var a0 = Vector(), a1 = Vector(), c0 = Vector(), c1 = Vector()
                var w = weight + k
                for j in 0..<outputs {
                    let w0 = load(w), w1 = load(w + 4)
                    let s = da[j], u = db[j]
                    a0 += w0 * s
                    a1 += w1 * s
                    c0 += w0 * u
                    c1 += w1 * u
                    w += inputs
                }
                let ga = gradX + b * inputs + k, gb = ga + inputs
                store(a0, ga); store(a1, ga + 4); store(c0, gb); store(c1, gb + 4)
                b += 2
            }
            if b < batch {
                let da = delta + b * outputs
                var a0 = Vector(), a1 = Vector()
                var w = weight + k
                for j in 0..<outputs {
                    let s = da[j]
                    a0 += load(w) * s
                    a1 += load(w + 4) * s
                    w += inputs
                }
                let ga = gradX + b * inputs + k
                store(a0, ga); store(a1, ga + 4)
            }
            k += 8
        }
        while k < inputs {
            let column = weightT + k * outputs
            for b in 0..<batch {
                gradX[b * inputs + k] = dot(delta + b * outputs, column, outputs)
            }
            k += 1
        }
    }
}
