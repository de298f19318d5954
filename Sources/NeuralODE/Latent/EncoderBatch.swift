import Foundation
internal import _NetworkKernels

/// The recurrent encoder over a whole batch of sequences at once, forward and backward, through
/// the network kernels' register-tiled products (`DenseKernels`).
///
/// `RecurrentEncoder.encode` runs one sequence as matrix-vector products; here every step is one
/// matrix-matrix product over the sequences still running. Sequences are taken longest first, so
/// at step i (the i-th observation from each sequence's end) the running ones are a prefix of the
/// batch and a shorter sequence simply stops; its hidden state after its own last step is its
/// summary. Widths are padded to multiples of 4 with zeros: a cell row is [u; 0…; h; 0…] and the
/// padded hidden units stay exactly zero (zero weights and bias; tanh(0) = 0, and a GRU's padded
/// h' = (1 − s)·0 + s·0). Results equal `encode`'s up to rounding (the sums run in another order).
///
/// It runs on the calling thread (`LatentObjective` runs one per chunk of a batch on each thread).
/// Buffers are kept between calls of the same shapes. Not thread-safe.
final class EncoderBatch {
    let kind: RecurrentCellKind
    let observationSize: Int
    let hidden: Int
    let latent: Int
    /// Padded input part, padded hidden, padded row width.
    let inputWidth: Int
    let hiddenWidth: Int
    let rowWidth: Int

    /// Per fused cell product: the gate layers r and s of a GRU together (2·hiddenWidth outputs),
    /// then the candidate; an RNN's one layer. Weights transposed (row × outputs) and row-major.
    private var weightsT: [[Double]] = []
    private var weights: [[Double]] = []
    private var biases: [[Double]] = []
    private var layerOutputs: [Int] = []

    /// Sequences longest first: `order[b]` is the caller's index of batch row b.
    private(set) var order: [Int] = []
    private var counts: [Int] = []
    /// Running sequences at each step.
    private var active: [Int] = []
    /// One allocation for every step's records (see `Layout`), kept while the shapes stay.
    private var storage: UnsafeMutablePointer<Double>?
    private var capacity = 0
    private var layout = Layout(batch: 0, rowWidth: 0, hiddenWidth: 0, gru: false)
    private var steps = 0

    /// Offsets of each step's records in `storage`: per step the cell rows (batch × rowWidth), for a
    /// GRU the candidate's rows, the gates (r then s, batch × 2·hiddenWidth) and the candidate; the
    /// hidden state after the step; and the backward pass's pre-activation cotangents.
    struct Layout {
        var rows = 0, candidateRows = 0, gates = 0, candidates = 0, states = 0, deltas = 0, candidateDeltas = 0
        var step = 0

        init(batch: Int, rowWidth: Int, hiddenWidth: Int, gru: Bool) {
            var offset = 0
            func take(_ n: Int) -> Int { defer { offset += n }; return offset }
            let cells = batch * rowWidth, h = batch * hiddenWidth
            rows = take(cells)
            candidateRows = gru ? take(cells) : 0
            gates = gru ? take(2 * h) : 0
            candidates = gru ? take(h) : 0
            states = take(h)
            deltas = take(gru ? 2 * h : h)
            candidateDeltas = gru ? take(h) : 0
            step = offset
        }
    }

    init(encoder: RecurrentEncoder) {
        kind = encoder.kind
        observationSize = encoder.observationSize
        hidden = encoder.hiddenSize
        latent = encoder.latentSize
        inputWidth = (encoder.inputSize + 3) / 4 * 4
        hiddenWidth = (hidden + 3) / 4 * 4
        rowWidth = inputWidth + hiddenWidth
        layerOutputs = kind == .gru ? [2 * hiddenWidth, hiddenWidth] : [hiddenWidth]
    }

    deinit { storage?.deallocate() }

    /// Column of a cell weight's column k in a padded row.
    @inline(__always) private func paddedColumn(_ k: Int, inputs: Int) -> Int { k < inputs ? k : inputWidth + (k - inputs) }

    /// Cell layers in parameter order (GRU r 0, s 1, n 2) as fused products: [r; s] and n.
    private var groups: [[Int]] { kind == .gru ? [[0, 1], [2]] : [[0]] }

    /// Loads the cell weights of `theta` (the encoder's parameters) in padded form.
    private func load(theta: UnsafePointer<Double>, encoder: RecurrentEncoder) {
        let columns = encoder.cellColumns, inputs = encoder.inputSize, layerSize = encoder.cellLayerSize
        weightsT = []; weights = []; biases = []
        for (g, layers) in groups.enumerated() {
            let outputs = layerOutputs[g]
            var wT = [Double](repeating: 0, count: rowWidth * outputs)
            var w = [Double](repeating: 0, count: outputs * rowWidth)
            var bias = [Double](repeating: 0, count: outputs)
            for (part, layer) in layers.enumerated() {
                let base = theta + layer * layerSize
                for j in 0..<hidden {
                    let out = part * hiddenWidth + j
                    for k in 0..<columns {
                        let value = base[j * columns + k], c = paddedColumn(k, inputs: inputs)
                        wT[c * outputs + out] = value
                        w[out * rowWidth + c] = value
                    }
                    bias[out] = base[hidden * columns + j]
                }
            }
            weightsT.append(wT); weights.append(w); biases.append(bias)
        }
    }

    /// Runs every sequence (each at least one observation) and writes each one's mean then
    /// log-variance of z0 at `output + index·2·latent` (index in the caller's order).
    func encode(encoder: RecurrentEncoder, sequences: [TrajectoryDataset.Trajectory], output: UnsafeMutablePointer<Double>) {
        let batch = sequences.count
        order = (0..<batch).sorted {
            let a = sequences[$0].times.count, b = sequences[$1].times.count
            return a > b || (a == b && $0 < $1)
        }
        counts = order.map { sequences[$0].times.count }
        steps = counts.first ?? 0
        active = (0..<steps).map { i in counts.firstIndex { $0 <= i } ?? batch }
        layout = Layout(batch: batch, rowWidth: rowWidth, hiddenWidth: hiddenWidth, gru: kind == .gru)
        let needed = steps * layout.step
        if needed > capacity {
            storage?.deallocate()
            storage = UnsafeMutablePointer<Double>.allocate(capacity: needed)
            capacity = needed
        }
        guard let base = storage else { return }
        encoder.parameters.withUnsafeBufferPointer { load(theta: $0.baseAddress!, encoder: encoder) }
        let hw = hiddenWidth
        fillInputs(sequences: sequences, base: base)
        forward(rows: 0..<batch, base: base)
        encoder.parameters.withUnsafeBufferPointer { theta in
            let readout = theta.baseAddress! + encoder.readoutOffset, bias = readout + 2 * latent * hidden
            for b in 0..<batch {
                let last = base + (counts[b] - 1) * layout.step + layout.states + b * hw
                let out = output + order[b] * 2 * latent
                for o in 0..<(2 * latent) {
                    var sum = bias[o]
                    for j in 0..<hidden { sum += readout[o * hidden + j] * last[j] }
                    out[o] = sum
                }
            }
        }
    }

    /// Writes the input part of every step's cell rows: the observation, its time gap to the next
    /// one (0 for the last) and zeros; one sequence at a time, from its last observation back.
    private func fillInputs(sequences: [TrajectoryDataset.Trajectory], base: UnsafeMutablePointer<Double>) {
        let d = observationSize, rw = rowWidth, step = layout.step, rowsOffset = layout.rows
        for b in 0..<counts.count {
            let sequence = sequences[order[b]], n = counts[b]
            sequence.values.withUnsafeBufferPointer { values in
                sequence.times.withUnsafeBufferPointer { times in
                    for i in 0..<n {
                        let k = n - 1 - i, row = base + i * step + rowsOffset + b * rw
                        for c in 0..<d { row[c] = values[k * d + c] }
                        row[d] = i == 0 ? 0 : times[k + 1] - times[k]
                        for c in (d + 1)..<inputWidth { row[c] = 0 }
                    }
                }
            }
        }
    }

    /// Runs batch rows `rows` through every step (their cell rows, gates and states only); the
    /// rows' input parts are filled.
    private func forward(rows block: Range<Int>, base: UnsafeMutablePointer<Double>) {
        let hw = hiddenWidth, rw = rowWidth, lo = block.lowerBound
        for i in 0..<steps {
            let running = min(active[i], block.upperBound), count = running - lo
            guard count > 0 else { break }
            let step = base + i * layout.step
            let rows = step + layout.rows, state = step + layout.states
            for b in lo..<running {
                let row = rows + b * rw
                if i == 0 {
                    for j in 0..<hw { row[inputWidth + j] = 0 }
                } else {
                    let previous = base + (i - 1) * layout.step + layout.states + b * hw
                    (row + inputWidth).update(from: previous, count: hw)
                }
            }
            switch kind {
            case .rnn:
                product(0, input: rows + lo * rw, into: state + lo * hw, batch: count, fuseTanh: true)
            case .gru:
                let gates = step + layout.gates, candidateRows = step + layout.candidateRows, candidates = step + layout.candidates
                product(0, input: rows + lo * rw, into: gates + lo * 2 * hw, batch: count, fuseTanh: false)
                Activation.sigmoid.apply(gates + lo * 2 * hw, count: count * 2 * hw)
                for b in lo..<running {
                    let row = rows + b * rw, candidateRow = candidateRows + b * rw, r = gates + b * 2 * hw
                    for c in 0..<inputWidth { candidateRow[c] = row[c] }
                    for j in 0..<hw { candidateRow[inputWidth + j] = r[j] * row[inputWidth + j] }
                }
                product(1, input: candidateRows + lo * rw, into: candidates + lo * hw, batch: count, fuseTanh: true)
                for b in lo..<running {
                    let s = gates + b * 2 * hw + hw, n = candidates + b * hw, h = rows + b * rw + inputWidth, next = state + b * hw
                    for j in 0..<hw { next[j] = (1 - s[j]) * n[j] + s[j] * h[j] }
                }
            }
        }
    }

    /// Backpropagation through time for the batch of the last `encode`: pulls `cotangents` (per
    /// sequence in the caller's order, 2·latent: mean then log-variance) back and adds ∂L/∂θ into
    /// `gradient` (the encoder's `parameterCount` doubles).
    func backward(encoder: RecurrentEncoder, cotangents: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) {
        guard let base = storage, steps > 0 else { return }
        let batch = counts.count, hw = hiddenWidth, rw = rowWidth
        var hbarStorage = [Double](repeating: 0, count: batch * hw)
        var inputBarStorage = [Double](repeating: 0, count: batch * rw)
        hbarStorage.withUnsafeMutableBufferPointer { hbarBuffer in
            inputBarStorage.withUnsafeMutableBufferPointer { inputBarBuffer in
                let hbar = hbarBuffer.baseAddress!, inputBar = inputBarBuffer.baseAddress!
                encoder.parameters.withUnsafeBufferPointer { theta in
                    let readout = theta.baseAddress! + encoder.readoutOffset
                    let gw = gradient + encoder.readoutOffset, gb = gw + 2 * latent * hidden
                    for b in 0..<batch {
                        let v = cotangents + order[b] * 2 * latent
                        let last = base + (counts[b] - 1) * layout.step + layout.states + b * hw
                        for o in 0..<(2 * latent) {
                            gb[o] += v[o]
                            for j in 0..<hidden {
                                gw[o * hidden + j] += v[o] * last[j]
                                hbar[b * hw + j] += readout[o * hidden + j] * v[o]
                            }
                        }
                    }
                }
                backward(rows: 0..<batch, hbar: hbar, inputBar: inputBar, base: base)
            }
        }
        accumulateParameters(encoder: encoder, base: base, gradient: gradient)
    }

    /// Backpropagation through time of batch rows `rows` from their read-out cotangents in `hbar`.
    private func backward(rows block: Range<Int>, hbar: UnsafeMutablePointer<Double>, inputBar: UnsafeMutablePointer<Double>,
                          base: UnsafeMutablePointer<Double>) {
        let hw = hiddenWidth, rw = rowWidth, lo = block.lowerBound
        for i in stride(from: steps - 1, through: 0, by: -1) {
            let running = min(active[i], block.upperBound), count = running - lo
            guard count > 0 else { continue }
            let step = base + i * layout.step
            let rows = step + layout.rows, state = step + layout.states, deltas = step + layout.deltas
            switch kind {
            case .rnn:
                // Rows running at step i + 1 got their δ from that step's product; the others start here
                // from the read-out's cotangent.
                let carried = i + 1 < steps ? max(lo, min(active[i + 1], running)) : lo
                for b in carried..<running {
                    for j in 0..<hw { deltas[b * hw + j] = hbar[b * hw + j] * (1 - state[b * hw + j] * state[b * hw + j]) }
                }
                guard i > 0 else { continue }
                let previous = base + (i - 1) * layout.step
                weights[0].withUnsafeBufferPointer { w in
                    DenseKernels.inputGradientColumns(
                        delta: deltas + lo * hw, weight: w.baseAddress!, inputs: rw, outputs: hw, batch: count,
                        columns: inputWidth..<rw, into: previous + layout.deltas + lo * hw, rowStride: hw,
                        tanhInput: previous + layout.states + lo * hw)
                }
            case .gru:
                let gates = step + layout.gates, candidates = step + layout.candidates
                let candidateDeltas = step + layout.candidateDeltas
                for b in lo..<running {
                    let r = gates + b * 2 * hw, s = r + hw, n = candidates + b * hw, h = rows + b * rw + inputWidth
                    let bar = hbar + b * hw, dn = candidateDeltas + b * hw, ds = deltas + b * 2 * hw + hw
                    for j in 0..<hw {
                        dn[j] = bar[j] * (1 - s[j]) * (1 - n[j] * n[j])
                        ds[j] = bar[j] * (h[j] - n[j]) * s[j] * (1 - s[j])
                        bar[j] *= s[j]
                    }
                }
                // The candidate saw [u; r⊙h]: its input cotangent on r⊙h goes to r and h.
                inputProduct(1, delta: candidateDeltas + lo * hw, into: inputBar + lo * rw, batch: count)
                for b in lo..<running {
                    let r = gates + b * 2 * hw, h = rows + b * rw + inputWidth, rh = inputBar + b * rw + inputWidth
                    let bar = hbar + b * hw, dr = deltas + b * 2 * hw
                    for j in 0..<hw {
                        bar[j] += rh[j] * r[j]
                        dr[j] = rh[j] * h[j] * r[j] * (1 - r[j])
                    }
                }
                inputProduct(0, delta: deltas + lo * 2 * hw, into: inputBar + lo * rw, batch: count)
                for b in lo..<running { for j in 0..<hw { hbar[b * hw + j] += inputBar[b * rw + inputWidth + j] } }
            }
        }
    }

    /// Adds every step's cell-weight and bias gradients (recorded cotangents times recorded rows)
    /// into `gradient`, steps with the same number of running sequences in one kernel call.
    private func accumulateParameters(encoder: RecurrentEncoder, base: UnsafeMutablePointer<Double>,
                                      gradient: UnsafeMutablePointer<Double>) {
        let columns = encoder.cellColumns, inputs = encoder.inputSize, layerSize = encoder.cellLayerSize
        for (g, layers) in groups.enumerated() {
            let outputs = layerOutputs[g]
            var gw = [Double](repeating: 0, count: outputs * rowWidth), gb = [Double](repeating: 0, count: outputs)
            let deltaOffset = g == 0 ? layout.deltas : layout.candidateDeltas
            let rowOffset = g == 0 ? layout.rows : layout.candidateRows
            let deltas = (0..<steps).map { UnsafePointer(base + $0 * layout.step + deltaOffset) }
            let xs = (0..<steps).map { UnsafePointer(base + $0 * layout.step + rowOffset) }
            // Runs of steps with the same running sequences, summed as one call each (the bias's order).
            var runs: [Range<Int>] = [], first = 0
            while first < steps {
                var end = first + 1
                while end < steps && active[end] == active[first] { end += 1 }
                runs.append(first..<end)
                first = end
            }
            gw.withUnsafeMutableBufferPointer { gwBuffer in
                gb.withUnsafeMutableBufferPointer { gbBuffer in
                    deltas.withUnsafeBufferPointer { d in
                        xs.withUnsafeBufferPointer { x in
                            for run in runs {
                                DenseKernels.accumulateParameterGradientRows(
                                    segments: run.count, batch: active[run.lowerBound],
                                    deltas: d.baseAddress! + run.lowerBound, inputs: x.baseAddress! + run.lowerBound,
                                    gradWeight: gwBuffer.baseAddress!, gradBias: gbBuffer.baseAddress!, inputs: rowWidth,
                                    outputs: outputs, rows: 0..<outputs)
                            }
                        }
                    }
                }
            }
            for (part, layer) in layers.enumerated() {
                let target = gradient + layer * layerSize
                for j in 0..<hidden {
                    let out = part * hiddenWidth + j
                    for k in 0..<columns { target[j * columns + k] += gw[out * rowWidth + paddedColumn(k, inputs: inputs)] }
                    target[hidden * columns + j] += gb[out]
                }
            }
        }
    }

    /// z = rows · Wᵀ + bias for `batch` rows through fused product `layer`.
    private func product(_ layer: Int, input: UnsafePointer<Double>, into z: UnsafeMutablePointer<Double>,
                         batch: Int, fuseTanh: Bool) {
        guard batch > 0 else { return }
        weightsT[layer].withUnsafeBufferPointer { wT in
            biases[layer].withUnsafeBufferPointer { bias in
                DenseKernels.forward(x: input, weightT: wT.baseAddress!, bias: bias.baseAddress!, z: z,
                                     inputs: rowWidth, outputs: layerOutputs[layer], batch: batch, fuseTanh: fuseTanh)
            }
        }
    }

    /// gx = δ · W for `batch` rows through fused product `layer` (gx: batch × rowWidth).
    private func inputProduct(_ layer: Int, delta: UnsafePointer<Double>, into gx: UnsafeMutablePointer<Double>, batch: Int) {
        guard batch > 0 else { return }
        weights[layer].withUnsafeBufferPointer { w in
            DenseKernels.inputGradient(delta: delta, weight: w.baseAddress!, gradX: gx, inputs: rowWidth,
                                       outputs: layerOutputs[layer], batch: batch, tanhInput: nil)
        }
    }
}

extension DenseKernels {
    /// Columns `columns` of `inputGradient` (the same bits) at rows `rowStride` apart, times 1 − a²
    /// (a at rows `rowStride` apart) when `tanhInput` is given; `columns.count` a multiple of 4.
    @inline(__always)
    static func inputGradientColumns(delta: UnsafePointer<Double>, weight: UnsafePointer<Double>, inputs: Int, outputs: Int,
                                     batch: Int, columns: Range<Int>, into out: UnsafeMutablePointer<Double>,
                                     rowStride: Int, tanhInput: UnsafePointer<Double>?, level: Int32 = 0) {
        fs_dense_input_gradient_columns(level, delta, weight, inputs, outputs, batch, columns.lowerBound, columns.count,
                                        out, rowStride, tanhInput)
    }

    /// Output rows `rows` of `accumulateParameterGradient` with no offsets (the same bits): `inputs` and
    /// `rows.lowerBound` multiples of 4; a few samples at a time, so its operands stay in cache.
    /// Disjoint row ranges may run on different threads.
    @inline(__always)
    static func accumulateParameterGradientRows(
        segments: Int, batch: Int, deltas: UnsafePointer<UnsafePointer<Double>>, inputs x: UnsafePointer<UnsafePointer<Double>>,
        gradWeight: UnsafeMutablePointer<Double>, gradBias: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int,
        rows: Range<Int>, level: Int32 = 0
    ) {
        guard !rows.isEmpty else { return }
        deltas.withMemoryRebound(to: UnsafePointer<Double>?.self, capacity: segments) { d in
            x.withMemoryRebound(to: UnsafePointer<Double>?.self, capacity: segments) { xs in
                fs_dense_parameter_gradient_rows(level, segments, batch, d, xs, gradWeight, gradBias, inputs, outputs,
                                                 rows.lowerBound, rows.upperBound)
            }
        }
    }
}
