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
    private let thetaT: UnsafeMutablePointer<Double>
    private let tape: UnsafeMutablePointer<Double>
    private let cotangentA: UnsafeMutablePointer<Double>
    private let cotangentB: UnsafeMutablePointer<Double>
    private let cachedY: UnsafeMutablePointer<Double>
    private var cachedT = 0.0
    private var cacheValid = false

    private struct LayerInfo {
        let inputs: Int
        let outputs: Int
        let weightOffset: Int
        let biasOffset: Int
        let weightTOffset: Int
        /// Per-state offset of this layer's input in the tape (its output follows at + inputs).
        let tapeOffset: Int
        let activation: Activation
    }

    /// A field for batches of up to `batchSize` states, starting from `mlp`'s parameters.
    public init(_ mlp: MLP, batchSize: Int = 1) {
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
        var weightT = 0, tapeOffset = 0
        for l in 0..<layerCount {
            let inputs = mlp.widths[l], outputs = mlp.widths[l + 1]
            (info + l).initialize(to: LayerInfo(
                inputs: inputs, outputs: outputs,
                weightOffset: mlp.weightOffset(layer: l), biasOffset: mlp.biasOffset(layer: l),
                weightTOffset: weightT, tapeOffset: tapeOffset, activation: mlp.activations[l]))
            weightT += inputs * outputs
            tapeOffset += inputs
        }
        theta = .allocate(capacity: max(parameterCount, 1))
        thetaT = .allocate(capacity: max(weightT, 1))
        tape = .allocate(capacity: batchSize * tapeWidth)
        tape.initialize(repeating: 0, count: batchSize * tapeWidth)
        cotangentA = .allocate(capacity: batchSize * maxWidth)
        cotangentB = .allocate(capacity: batchSize * maxWidth)
        cachedY = .allocate(capacity: batchSize * dimension)
        mlp.parameters.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { theta.initialize(from: base, count: parameterCount) }
        }
        refreshTransposedWeights()
    }

    deinit {
        info.deallocate()
        theta.deallocate()
        thetaT.deallocate()
        tape.deallocate()
        cotangentA.deallocate()
        cotangentB.deallocate()
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
        backward(tape: tape, v: v, vy: vy, vtheta: vtheta)
    }

    /// The vector-Jacobian product at the point recorded in `tape` by `evaluate(t:y:dy:tape:)`
    /// (same batch size and parameters); `vy` is overwritten, `vtheta` accumulated.
    public func vjp(tape: UnsafePointer<Double>, v: UnsafePointer<Double>,
                    vy: UnsafeMutablePointer<Double>, vtheta: UnsafeMutablePointer<Double>) {
        backward(tape: tape, v: v, vy: vy, vtheta: vtheta)
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
            let w = theta + layer.weightOffset, wT = thetaT + layer.weightTOffset
            for j in 0..<layer.outputs {
                for k in 0..<layer.inputs { wT[k * layer.outputs + j] = w[j * layer.inputs + k] }
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
            DenseKernels.forward(x: x, weight: theta + layer.weightOffset, weightT: thetaT + layer.weightTOffset,
                                 bias: theta + layer.biasOffset, z: z, inputs: layer.inputs,
                                 outputs: layer.outputs, batch: batch, fuseTanh: layer.activation == .tanh)
            if layer.activation != .tanh { layer.activation.apply(z, count: batch * layer.outputs) }
        }
        let last = info[layerCount - 1]
        copy(tape + batch * (last.tapeOffset + last.inputs), to: dy, count: batch * d)
    }

    private func backward(tape: UnsafePointer<Double>, v: UnsafePointer<Double>,
                          vy: UnsafeMutablePointer<Double>, vtheta: UnsafeMutablePointer<Double>) {
        let batch = batchSize
        var delta = cotangentA, spare = cotangentB
        copy(v, to: delta, count: batch * dimension)
        for l in stride(from: layerCount - 1, through: 0, by: -1) {
            let layer = info[l]
            let x = tape + batch * layer.tapeOffset
            let a = x + batch * layer.inputs
            layer.activation.multiplyByDerivative(delta, outputs: a, count: batch * layer.outputs)
            DenseKernels.accumulateParameterGradient(
                delta: delta, x: x, gradWeight: vtheta + layer.weightOffset, gradBias: vtheta + layer.biasOffset,
                inputs: layer.inputs, outputs: layer.outputs, batch: batch)
            DenseKernels.inputGradient(delta: delta, weight: theta + layer.weightOffset,
                                       weightT: thetaT + layer.weightTOffset, gradX: spare,
                                       inputs: layer.inputs, outputs: layer.outputs, batch: batch)
            swap(&delta, &spare)
        }
        let d = dimension, n0 = inputSize
        for b in 0..<batch {
            for i in 0..<d { vy[b * d + i] = delta[b * n0 + i] }
        }
    }
}
