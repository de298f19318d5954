import Foundation

extension RecurrentEncoder {
    /// Doubles of the trace of one sequence of `count` observations: the hidden states (count + 1),
    /// the cell inputs (count), and for a GRU its reset gate, update gate and candidate per step.
    public func traceSize(observations count: Int) -> Int {
        (count + 1) * hiddenSize + count * inputSize + (kind == .gru ? 3 * count * hiddenSize : 0)
    }

    /// The cell layers' weights transposed (per layer columns × hidden), what `encode` reads.
    public func transposedCells(theta: UnsafePointer<Double>) -> [Double] {
        let columns = cellColumns, hidden = hiddenSize
        var out = [Double](repeating: 0, count: kind.cellLayers * columns * hidden)
        for c in 0..<kind.cellLayers {
            let w = theta + c * cellLayerSize
            for j in 0..<hidden {
                for k in 0..<columns { out[c * columns * hidden + k * hidden + j] = w[j * columns + k] }
            }
        }
        return out
    }

    /// Runs the encoder over one sequence (`count` ≥ 1 observations at increasing `times`, `values`
    /// count × observationSize) and writes the mean then the log-variance of z0 into `output` (2·latent).
    public func encode(theta: UnsafePointer<Double>, transposed: UnsafePointer<Double>,
                       times: UnsafePointer<Double>, values: UnsafePointer<Double>, count: Int,
                       trace: UnsafeMutablePointer<Double>, output: UnsafeMutablePointer<Double>) {
        let hidden = hiddenSize, inputs = inputSize, columns = cellColumns, d = observationSize
        let hs = trace, us = trace + (count + 1) * hidden, gates = us + count * inputs
        for j in 0..<hidden { hs[j] = 0 }
        var a = [Double](repeating: 0, count: columns)
        a.withUnsafeMutableBufferPointer { buffer in
            guard let a = buffer.baseAddress else { return }
            for i in 0..<count {
                let k = count - 1 - i
                let u = us + i * inputs, h = hs + i * hidden, next = hs + (i + 1) * hidden
                for c in 0..<d { u[c] = values[k * d + c] }
                u[d] = k == count - 1 ? 0 : times[k + 1] - times[k]
                for c in 0..<inputs { a[c] = u[c] }
                for j in 0..<hidden { a[inputs + j] = h[j] }
                switch kind {
                case .rnn:
                    affine(transposed, bias: theta + hidden * columns, input: a, into: next)
                    Activation.tanh.apply(next, count: hidden)
                case .gru:
                    let r = gates + i * 3 * hidden, s = r + hidden, n = s + hidden
                    affine(transposed, bias: theta + hidden * columns, input: a, into: r)
                    affine(transposed + columns * hidden, bias: theta + cellLayerSize + hidden * columns, input: a, into: s)
                    Activation.sigmoid.apply(r, count: 2 * hidden)
                    for j in 0..<hidden { a[inputs + j] = r[j] * h[j] }
                    affine(transposed + 2 * columns * hidden, bias: theta + 2 * cellLayerSize + hidden * columns,
                           input: a, into: n)
                    Activation.tanh.apply(n, count: hidden)
                    for j in 0..<hidden { next[j] = (1 - s[j]) * n[j] + s[j] * h[j] }
                }
            }
        }
        let last = hs + count * hidden, w = theta + readoutOffset, bias = w + 2 * latentSize * hidden
        for o in 0..<(2 * latentSize) {
            var sum = bias[o]
            for j in 0..<hidden { sum += w[o * hidden + j] * last[j] }
            output[o] = sum
        }
    }

    /// Backpropagation through time: pulls `outputCotangent` (2·latent: mean then log-variance) back
    /// through the pass recorded in `trace` for a sequence of `count` observations, adding ∂L/∂θ
    /// into `gradient` (`parameterCount` doubles).
    public func backward(theta: UnsafePointer<Double>, trace: UnsafePointer<Double>, count: Int,
                         outputCotangent: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) {
        let hidden = hiddenSize, inputs = inputSize, columns = cellColumns
        let hs = trace, us = trace + (count + 1) * hidden, gates = us + count * inputs
        var storage = [Double](repeating: 0, count: 5 * hidden + columns)
        storage.withUnsafeMutableBufferPointer { buffer in
            guard let hbar = buffer.baseAddress else { return }
            let delta = hbar + hidden, deltaS = delta + hidden, deltaR = deltaS + hidden, rh = deltaR + hidden
            let a = rh + hidden
            let w = theta + readoutOffset, gw = gradient + readoutOffset, gb = gw + 2 * latentSize * hidden
            let last = hs + count * hidden
            for o in 0..<(2 * latentSize) {
                let v = outputCotangent[o]
                gb[o] += v
                for j in 0..<hidden {
                    gw[o * hidden + j] += v * last[j]
                    hbar[j] += w[o * hidden + j] * v
                }
            }
            for i in stride(from: count - 1, through: 0, by: -1) {
                let u = us + i * inputs, h = hs + i * hidden, next = hs + (i + 1) * hidden
                for c in 0..<inputs { a[c] = u[c] }
                for j in 0..<hidden { a[inputs + j] = h[j] }
                switch kind {
                case .rnn:
                    for j in 0..<hidden { delta[j] = hbar[j] * (1 - next[j] * next[j]) }
                    for j in 0..<hidden { hbar[j] = 0 }
                    accumulate(layer: 0, delta: delta, input: a, theta: theta, gradient: gradient, hiddenBar: hbar)
                case .gru:
                    let r = gates + i * 3 * hidden, s = r + hidden, n = s + hidden
                    for j in 0..<hidden {
                        delta[j] = hbar[j] * (1 - s[j]) * (1 - n[j] * n[j])
                        deltaS[j] = hbar[j] * (h[j] - n[j]) * s[j] * (1 - s[j])
                        hbar[j] *= s[j]
                        rh[j] = 0
                        a[inputs + j] = r[j] * h[j]
                    }
                    // The candidate saw [u; r⊙h]: its input cotangent on r⊙h goes to r and h.
                    accumulate(layer: 2, delta: delta, input: a, theta: theta, gradient: gradient, hiddenBar: rh)
                    for j in 0..<hidden {
                        hbar[j] += rh[j] * r[j]
                        deltaR[j] = rh[j] * h[j] * r[j] * (1 - r[j])
                        a[inputs + j] = h[j]
                    }
                    accumulate(layer: 1, delta: deltaS, input: a, theta: theta, gradient: gradient, hiddenBar: hbar)
                    accumulate(layer: 0, delta: deltaR, input: a, theta: theta, gradient: gradient, hiddenBar: hbar)
                }
            }
        }
    }

    /// z = bias + W·input with W given transposed (columns × hidden).
    @inline(__always)
    private func affine(_ transposed: UnsafePointer<Double>, bias: UnsafePointer<Double>,
                        input: UnsafePointer<Double>, into z: UnsafeMutablePointer<Double>) {
        let hidden = hiddenSize
        for j in 0..<hidden { z[j] = bias[j] }
        for k in 0..<cellColumns {
            let column = transposed + k * hidden, x = input[k]
            for j in 0..<hidden { z[j] += column[j] * x }
        }
    }

    /// For cell layer `layer` with pre-activation cotangent `delta` at `input` ([u; h-part]):
    /// adds δ·inputᵀ and δ to its weight and bias gradients, and Wᵀδ's hidden part to `hiddenBar`.
    @inline(__always)
    private func accumulate(layer: Int, delta: UnsafePointer<Double>, input: UnsafePointer<Double>,
                            theta: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>,
                            hiddenBar: UnsafeMutablePointer<Double>) {
        let hidden = hiddenSize, columns = cellColumns, inputs = inputSize
        let w = theta + layer * cellLayerSize, gw = gradient + layer * cellLayerSize, gb = gw + hidden * columns
        for j in 0..<hidden {
            let d = delta[j]
            if d == 0 { continue }
            gb[j] += d
            let row = w + j * columns, gRow = gw + j * columns
            for k in 0..<columns { gRow[k] += d * input[k] }
            for k in 0..<hidden { hiddenBar[k] += row[inputs + k] * d }
        }
    }
}
