/// An `MLP` as the vector field of a batch of ODE states, with hand-written vector-Jacobian products.
///
/// The state is `batchSize` ODE states of `dimension` components each, state-major
/// (`y[b*dimension + i]`); `dimension` is the network's `odeDimension` (augmented components
/// included). All work buffers are made at init; `evaluate` and `vjp` never allocate. Not
/// thread-safe: give each thread its own field (they are cheap; copy `mlp` across).
public final class MLPField: DifferentiableField {
    /// Components per ODE state (`MLP.odeDimension`).
    public let dimension: Int
    /// Largest batch this field was made for.
    public let capacity: Int
    /// States in the current batch (1...capacity); `stateSize` = `batchSize` · `dimension`.
    public var batchSize: Int {
        willSet { flushParameterCotangents() }
        didSet {
            precondition(batchSize >= 1 && batchSize <= capacity, "batch size must be in 1...\(capacity)")
            cacheValid = false
        }
    }
    public var stateSize: Int { batchSize * dimension }
    public let parameterCount: Int
    /// Doubles per state in a tape (network input plus every layer's output).
    public let tapeWidth: Int
    /// Doubles a tape for the current batch needs (see `evaluate(t:y:dy:tape:)`).
    public var tapeSize: Int { batchSize * tapeWidth }

    private var network: MLP
    private let layerCount: Int
    private let inputSize: Int
    private let timeInput: Bool
    private let info: UnsafeMutablePointer<LayerInfo>
    private let theta: UnsafeMutablePointer<Double>
    /// Per layer, padded with zeros to whole SIMD vectors: wᵀ (in × out₄), the bias (out₄) and w (out × in₄),
    /// the two matrices packed in panels of 8 columns (`DenseKernels.packedIndex`).
    private let padded: UnsafeMutablePointer<Double>
    /// Room for one layer's padded outputs or input cotangents over the batch.
    private let paddedScratch: UnsafeMutablePointer<Double>
    private let tape: UnsafeMutablePointer<Double>
    private let cotangentA: UnsafeMutablePointer<Double>
    private let pending: PendingCotangents
    private let cachedY: UnsafeMutablePointer<Double>
    private var cachedT = 0.0
    private var cacheValid = false

    private struct LayerInfo {
        let inputs: Int
        let outputs: Int
        let weightOffset: Int
        let biasOffset: Int
        /// Widths rounded up to multiples of 4.
        let paddedInputs: Int
        let paddedOutputs: Int
        /// Offsets in `padded` of wᵀ, the bias and w.
        let paddedWeightTOffset: Int
        let paddedBiasOffset: Int
        let paddedWeightOffset: Int
        /// Per-state offset of this layer's input in the tape (its output follows at + inputs).
        let tapeOffset: Int
        /// Per-state offset of this layer's output cotangent in a δ block of `pending`.
        let deltaOffset: Int
        let activation: Activation
    }

    /// Row ranges of the batch whose parameter cotangents are summed apart (see `rowGroups`).
    var rowGroups: [Range<Int>] = [] {
        willSet { flushParameterCotangents() }
    }

    /// Deferred VJPs held before their parameter cotangents are summed (`vjpDeferred`).
    var heldVJPs: Int { pending.capacity }

    /// Threads that share the wide layers' products while set (see `LayerTeam`); the results are the
    /// same bits with or without. Set it only from the thread that uses the field, while the team's
    /// other members serve it.
    var team: LayerTeam?
    /// A layer's product is shared by a team only from this many multiply-adds (inputs · outputs ·
    /// batch) up. For one state, a C micro-benchmark of a layer's forward and input-cotangent products
    /// on two threads against one measured 0.8–1.4× at 96 units, 1.1–1.4× at 128 and 1.5–1.8× at 256.
    static let sharedProductWork = 128 * 128
    /// The tape and δ block of the evaluation or VJP a team is working on.
    private var teamTape: UnsafePointer<Double>?
    private var teamBlock: UnsafeMutablePointer<Double>?

    /// A field for batches of up to `batchSize` states, starting from `mlp`'s parameters.
    public convenience init(_ mlp: MLP, batchSize: Int = 1) {
        self.init(mlp, batchSize: batchSize, heldVJPs: nil)
    }

    /// A field whose deferred VJPs are summed `heldVJPs` at a time (nil: as many as about 128 kB of
    /// cotangents hold, at most 32). Sums of the parameter cotangent depend on it in their last bits,
    /// so a field standing in for another's chunks takes that field's `heldVJPs`.
    init(_ mlp: MLP, batchSize: Int, heldVJPs: Int?) {
        precondition(batchSize >= 1, "batch size must be positive")
        network = mlp
        dimension = mlp.odeDimension
        capacity = batchSize
        self.batchSize = batchSize
        parameterCount = mlp.parameterCount
        layerCount = mlp.layerCount
        inputSize = mlp.inputSize
        timeInput = mlp.timeInput
        tapeWidth = mlp.widths.reduce(0, +)
        let maxWidth = mlp.widths.max() ?? 1
        info = .allocate(capacity: layerCount)
        var paddedSize = 0, tapeOffset = 0, deltaOffset = 0, maxPadded = 4
        for l in 0..<layerCount {
            let inputs = mlp.widths[l], outputs = mlp.widths[l + 1]
            let inputs4 = (inputs + 3) / 4 * 4, outputs4 = (outputs + 3) / 4 * 4
            (info + l).initialize(to: LayerInfo(
                inputs: inputs, outputs: outputs,
                weightOffset: mlp.weightOffset(layer: l), biasOffset: mlp.biasOffset(layer: l),
                paddedInputs: inputs4, paddedOutputs: outputs4, paddedWeightTOffset: paddedSize,
                paddedBiasOffset: paddedSize + inputs * outputs4,
                paddedWeightOffset: paddedSize + (inputs + 1) * outputs4,
                tapeOffset: tapeOffset, deltaOffset: deltaOffset, activation: mlp.activations[l]))
            paddedSize += (inputs + 1) * outputs4 + outputs * inputs4
            maxPadded = max(maxPadded, inputs4, outputs4)
            tapeOffset += inputs
            deltaOffset += outputs
        }
        theta = .allocate(capacity: max(parameterCount, 1))
        padded = .allocate(capacity: paddedSize)
        padded.initialize(repeating: 0, count: paddedSize)
        paddedScratch = .allocate(capacity: batchSize * maxPadded)
        tape = .allocate(capacity: batchSize * tapeWidth)
        tape.initialize(repeating: 0, count: batchSize * tapeWidth)
        cotangentA = .allocate(capacity: batchSize * maxWidth)
        let widths = mlp.widths, batch = batchSize
        pending = PendingCotangents(entrySize: batchSize * deltaOffset, entries: heldVJPs) { segments in
            (0..<(widths.count - 1)).reduce(3 * maxWidth) { size, l in
                max(size, DenseKernels.parameterGradientScratch(segments: segments, batch: batch, inputs: widths[l],
                                                                outputs: widths[l + 1]))
            }
        }
        cachedY = .allocate(capacity: batchSize * dimension)
        mlp.parameters.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { theta.initialize(from: base, count: parameterCount) }
        }
        refreshTransposedWeights()
    }

    deinit {
        info.deallocate()
        theta.deallocate()
        padded.deallocate()
        paddedScratch.deallocate()
        tape.deallocate()
        cotangentA.deallocate()
        cachedY.deallocate()
    }

    /// The network with the field's current parameters.
    public var mlp: MLP {
        var copy = network
        copy.parameters = parameters
        return copy
    }

    /// A copy of the current parameters θ (layout of `MLP.parameters`).
    public var parameters: [Double] {
        Array(UnsafeBufferPointer(start: theta, count: parameterCount))
    }

    /// Replaces θ by the `parameterCount` doubles at `newValue`.
    public func setParameters(_ newValue: UnsafePointer<Double>) {
        copy(newValue, to: theta, count: parameterCount)
        refreshTransposedWeights()
    }

    /// Replaces θ; `newValue` must hold `parameterCount` doubles.
    public func setParameters(_ newValue: [Double]) {
        precondition(newValue.count == parameterCount, "expected \(parameterCount) parameters, got \(newValue.count)")
        newValue.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { setParameters(base) }
        }
    }

    /// Lets `body` update θ in place (for example an optimiser step), then refreshes derived data.
    public func withParameters<R>(_ body: (UnsafeMutableBufferPointer<Double>) throws -> R) rethrows -> R {
        defer { refreshTransposedWeights() }
        return try body(UnsafeMutableBufferPointer(start: theta, count: parameterCount))
    }

    public func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        forward(t: t, y: y, dy: dy, tape: tape)
        cachedT = t
        copy(y, to: cachedY, count: stateSize)
        cacheValid = true
    }

    /// Evaluates f(t, y) like `evaluate`, and records in `tape` (`tapeSize` doubles) what
    /// `vjp(tape:v:vy:vtheta:)` needs, so the backward pass need not repeat the forward one.
    public func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>,
                         tape: UnsafeMutablePointer<Double>) {
        forward(t: t, y: y, dy: dy, tape: tape)
    }

    /// Reuses the forward pass of the last `evaluate` when it was at the same t and y.
    public func vjp(t: Double, y: UnsafePointer<Double>, v: UnsafePointer<Double>,
                    vy: UnsafeMutablePointer<Double>, vtheta: UnsafeMutablePointer<Double>) {
        if !(cacheValid && cachedT == t && sameState(y)) {
            forward(t: t, y: y, dy: cotangentA, tape: tape)
            cachedT = t
            copy(y, to: cachedY, count: stateSize)
            cacheValid = true
        }
        backward(tape: tape, v: v, vy: vy, vtheta: vtheta, deferred: false)
    }

    /// The vector-Jacobian product at the point recorded in `tape` by `evaluate(t:y:dy:tape:)`
    /// (same batch size and parameters); `vy` is overwritten, `vtheta` accumulated.
    public func vjp(tape: UnsafePointer<Double>, v: UnsafePointer<Double>,
                    vy: UnsafeMutablePointer<Double>, vtheta: UnsafeMutablePointer<Double>) {
        backward(tape: tape, v: v, vy: vy, vtheta: vtheta, deferred: false)
    }

    /// Like `vjp(tape:v:vy:vtheta:)`, but the parameter part may be added to `vtheta` later: when
    /// `flushParameterCotangents()` is called, when a VJP for another `vtheta` comes, when the batch
    /// size changes, or when enough are held. Until then `tape` and `vtheta` must stay allocated and
    /// the tape unchanged. Summing many VJPs at once is about twice as fast per VJP.
    public func vjpDeferred(tape: UnsafePointer<Double>, v: UnsafePointer<Double>,
                            vy: UnsafeMutablePointer<Double>, vtheta: UnsafeMutablePointer<Double>) {
        backward(tape: tape, v: v, vy: vy, vtheta: vtheta, deferred: true)
    }

    /// Adds the parameter cotangents held back by `vjpDeferred` to the `vtheta` they were meant for.
    ///
    /// With `rowGroups` set, `vtheta` holds one θ̄ per group (`parameterCount` doubles each, in group
    /// order) and each group's rows are summed into its own, exactly as a field holding only those rows
    /// (and the same `heldVJPs`) would sum them: several chunks then run as one batch in lockstep.
    public func flushParameterCotangents() {
        guard pending.count > 0, let target = pending.target else { return }
        if rowGroups.isEmpty, let team, (0..<layerCount).contains(where: { sharesRows(info[$0], team: team) }) {
            team.run(.parameterCotangents, field: self)
        } else if rowGroups.isEmpty {
            accumulateParameterCotangents(rows: 0..<batchSize, into: target)
        } else {
            for (g, rows) in rowGroups.enumerated() {
                accumulateParameterCotangents(rows: rows, into: target + g * parameterCount)
            }
        }
        pending.clear()
    }

    private func accumulateParameterCotangents(rows: Range<Int>, into target: UnsafeMutablePointer<Double>) {
        let batch = batchSize
        for l in 0..<layerCount {
            let layer = info[l]
            DenseKernels.accumulateParameterGradient(
                segments: pending.count, batch: rows.count, deltas: pending.deltas,
                deltaOffset: batch * layer.deltaOffset + rows.lowerBound * layer.outputs,
                inputs: pending.tapes, inputOffset: batch * layer.tapeOffset + rows.lowerBound * layer.inputs,
                gradWeight: target + layer.weightOffset, gradBias: target + layer.biasOffset,
                inputs: layer.inputs, outputs: layer.outputs, scratch: pending.scratch)
        }
    }

    /// Whether a team of `members` threads would share any product of a batch of `batch` states.
    func teamShares(members: Int, batch: Int) -> Bool {
        (0..<layerCount).contains { l in
            Self.worthSharing(info[l], columns: max(info[l].inputs, info[l].outputs), batch: batch, members: members)
        }
    }

    /// Whether a team shares `layer`'s product over `columns` (its outputs forward, its inputs backward).
    private func shares(_ layer: LayerInfo, columns: Int, team: LayerTeam) -> Bool {
        team.isActive && Self.worthSharing(layer, columns: columns, batch: batchSize, members: team.members)
    }

    /// Whether `members` threads should cut `layer`'s product over `columns` for a batch of `batch`:
    /// at least 8 columns each, and at least `sharedProductWork` multiply-adds.
    private static func worthSharing(_ layer: LayerInfo, columns: Int, batch: Int, members: Int) -> Bool {
        columns >= 8 * members && layer.inputs * layer.outputs * batch >= sharedProductWork
    }

    /// Whether a team shares the rows of `layer`'s parameter cotangent (the others run whole on member 0).
    private func sharesRows(_ layer: LayerInfo, team: LayerTeam) -> Bool {
        layer.inputs % 4 == 0 && shares(layer, columns: layer.outputs, team: team)
    }

    /// Columns (or rows) `part` of `parts` of `count`: cut at multiples of 8, so each part is whole
    /// panels of a packed matrix; the last part ends at `count`.
    static func partRange(_ part: Int, of parts: Int, count: Int) -> Range<Int> {
        let lower = part == 0 ? 0 : count * part / parts / 8 * 8
        let upper = part == parts - 1 ? count : count * (part + 1) / parts / 8 * 8
        return lower..<max(lower, upper)
    }

    /// Part `part` of `parts` of a team's `task` (called by `LayerTeam` on each member's thread).
    func perform(_ task: LayerTeam.Task, part: Int, of parts: Int) {
        let batch = batchSize
        switch task {
        case .forward(let l):
            guard let tape = teamTape else { return }
            let layer = info[l]
            let x = tape + batch * layer.tapeOffset
            DenseKernels.forwardPackedColumns(
                x: x, weightT: padded + layer.paddedWeightTOffset, bias: padded + layer.paddedBiasOffset,
                z: UnsafeMutablePointer(mutating: x + batch * layer.inputs), inputs: layer.inputs, outputs: layer.outputs,
                batch: batch, columns: Self.partRange(part, of: parts, count: layer.outputs),
                fuseTanh: layer.activation == .tanh)
        case .inputGradient(let l):
            guard let tape = teamTape, let block = teamBlock else { return }
            let layer = info[l]
            let below = l > 0 ? info[l - 1].activation : .identity
            DenseKernels.inputGradientPackedColumns(
                delta: block + batch * layer.deltaOffset, weight: padded + layer.paddedWeightOffset,
                gradX: l > 0 ? block + batch * info[l - 1].deltaOffset : cotangentA, inputs: layer.inputs,
                outputs: layer.outputs, batch: batch, columns: Self.partRange(part, of: parts, count: layer.inputs),
                tanhInput: below == .tanh ? tape + batch * layer.tapeOffset : nil)
        case .parameterCotangents:
            guard let target = pending.target, let team else { return }
            for l in 0..<layerCount {
                let layer = info[l]
                if sharesRows(layer, team: team) {
                    DenseKernels.accumulateParameterGradient(
                        segments: pending.count, batch: batch, deltas: pending.deltas,
                        deltaOffset: batch * layer.deltaOffset, inputs: pending.tapes, inputOffset: batch * layer.tapeOffset,
                        gradWeight: target + layer.weightOffset, gradBias: target + layer.biasOffset,
                        inputs: layer.inputs, outputs: layer.outputs, rows: Self.partRange(part, of: parts, count: layer.outputs))
                } else if part == 0 {
                    DenseKernels.accumulateParameterGradient(
                        segments: pending.count, batch: batch, deltas: pending.deltas, deltaOffset: batch * layer.deltaOffset,
                        inputs: pending.tapes, inputOffset: batch * layer.tapeOffset,
                        gradWeight: target + layer.weightOffset, gradBias: target + layer.biasOffset,
                        inputs: layer.inputs, outputs: layer.outputs, scratch: pending.scratch)
                }
            }
        case .stop:
            return
        }
    }

    /// A plain loop: `update(from:count:)` is not specialised here and costs ~3 ns per double.
    @inline(__always)
    private func copy(_ source: UnsafePointer<Double>, to target: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { target[i] = source[i] }
    }

    private func sameState(_ y: UnsafePointer<Double>) -> Bool {
        for i in 0..<stateSize where cachedY[i] != y[i] { return false }
        return true
    }

    private func refreshTransposedWeights() {
        cacheValid = false
        for l in 0..<layerCount {
            let layer = info[l]
            let w = theta + layer.weightOffset, bias = theta + layer.biasOffset
            let wT = padded + layer.paddedWeightTOffset, paddedBias = padded + layer.paddedBiasOffset
            let paddedW = padded + layer.paddedWeightOffset
            let inputs = layer.inputs, outputs = layer.outputs, inputs4 = layer.paddedInputs, outputs4 = layer.paddedOutputs
            for j in 0..<outputs {
                for k in 0..<inputs {
                    wT[DenseKernels.packedIndex(row: k, column: j, depth: inputs, columns: outputs4)] = w[j * inputs + k]
                    paddedW[DenseKernels.packedIndex(row: j, column: k, depth: outputs, columns: inputs4)] = w[j * inputs + k]
                }
                paddedBias[j] = bias[j]
            }
        }
    }

    private func forward(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>,
                         tape: UnsafeMutablePointer<Double>) {
        let batch = batchSize, d = dimension, n0 = inputSize
        for b in 0..<batch {
            let row = tape + b * n0
            for i in 0..<d { row[i] = y[b * d + i] }
            if timeInput { row[d] = t }
        }
        for l in 0..<layerCount {
            let layer = info[l]
            let x = tape + batch * layer.tapeOffset
            let z = x + batch * layer.inputs
            // Narrow layers compute whole vectors of zero-padded outputs, then keep the real ones.
            let exact = layer.paddedOutputs == layer.outputs
            if exact, let team, shares(layer, columns: layer.outputs, team: team) {
                teamTape = UnsafePointer(tape)
                team.run(.forward(layer: l), field: self)
                if layer.activation != .tanh { layer.activation.apply(z, count: batch * layer.outputs) }
                continue
            }
            DenseKernels.forwardPacked(x: x, weightT: padded + layer.paddedWeightTOffset,
                                       bias: padded + layer.paddedBiasOffset, z: exact ? z : paddedScratch,
                                       inputs: layer.inputs, outputs: layer.paddedOutputs, batch: batch,
                                       fuseTanh: layer.activation == .tanh)
            if !exact {
                for b in 0..<batch {
                    for j in 0..<layer.outputs { z[b * layer.outputs + j] = paddedScratch[b * layer.paddedOutputs + j] }
                }
            }
            if layer.activation != .tanh { layer.activation.apply(z, count: batch * layer.outputs) }
        }
        let last = info[layerCount - 1]
        copy(tape + batch * (last.tapeOffset + last.inputs), to: dy, count: batch * d)
    }

    /// Pulls v back through the layers recorded in `tape`, writing each layer's output cotangent δ
    /// into the next block of `pending`; the parameter part is summed now unless `deferred`.
    private func backward(tape: UnsafePointer<Double>, v: UnsafePointer<Double>,
                          vy: UnsafeMutablePointer<Double>, vtheta: UnsafeMutablePointer<Double>, deferred: Bool) {
        if pending.count > 0 && pending.target != vtheta { flushParameterCotangents() }
        let batch = batchSize
        let block = pending.next
        let top = info[layerCount - 1]
        let topDelta = block + batch * top.deltaOffset
        copy(v, to: topDelta, count: batch * dimension)
        if top.activation != .identity {
            top.activation.multiplyByDerivative(topDelta, outputs: tape + batch * (top.tapeOffset + top.inputs),
                                                count: batch * top.outputs)
        }
        for l in stride(from: layerCount - 1, through: 0, by: -1) {
            let layer = info[l]
            let x = tape + batch * layer.tapeOffset
            // Below the first layer the input activation's derivative is fused into the product.
            let below = l > 0 ? info[l - 1].activation : .identity
            let gradX = l > 0 ? block + batch * info[l - 1].deltaOffset : cotangentA
            let delta = block + batch * layer.deltaOffset
            if layer.paddedInputs == layer.inputs, let team, shares(layer, columns: layer.inputs, team: team) {
                teamTape = tape
                teamBlock = block
                team.run(.inputGradient(layer: l), field: self)
                if below != .tanh { below.multiplyByDerivative(gradX, outputs: x, count: batch * layer.inputs) }
            } else if layer.paddedInputs == layer.inputs {
                DenseKernels.inputGradientPacked(delta: delta, weight: padded + layer.paddedWeightOffset, gradX: gradX,
                                                 inputs: layer.inputs, outputs: layer.outputs, batch: batch,
                                                 tanhInput: below == .tanh ? x : nil)
                if below != .tanh { below.multiplyByDerivative(gradX, outputs: x, count: batch * layer.inputs) }
            } else {
                // Narrow inputs: whole vectors of zero-padded columns, then the real ones.
                DenseKernels.inputGradientPacked(delta: delta, weight: padded + layer.paddedWeightOffset,
                                                 gradX: paddedScratch, inputs: layer.paddedInputs, outputs: layer.outputs,
                                                 batch: batch, tanhInput: nil)
                for b in 0..<batch {
                    for k in 0..<layer.inputs { gradX[b * layer.inputs + k] = paddedScratch[b * layer.paddedInputs + k] }
                }
                below.multiplyByDerivative(gradX, outputs: x, count: batch * layer.inputs)
            }
        }
        let d = dimension, n0 = inputSize
        for b in 0..<batch {
            for i in 0..<d { vy[b * d + i] = cotangentA[b * n0 + i] }
        }
        pending.append(tape: tape, target: vtheta)
        if !deferred || pending.isFull { flushParameterCotangents() }
    }
}
