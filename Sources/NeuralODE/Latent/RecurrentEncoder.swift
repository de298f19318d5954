/// The recurrent cell of a latent model's encoder.
public enum RecurrentCellKind: String, CaseIterable, Sendable, Equatable {
    /// A gated recurrent unit (Cho et al. 2014): h' = (1 − s)⊙n + s⊙h with update gate
    /// s = σ(W_s[u; h] + b_s), reset gate r = σ(W_r[u; h] + b_r), candidate n = tanh(W_n[u; r⊙h] + b_n).
    case gru
    /// A plain RNN (torchdiffeq's RecognitionRNN): h' = tanh(W[u; h] + b).
    case rnn

    /// Dense layers of the cell, each from [input; hidden] to hidden.
    public var cellLayers: Int { self == .gru ? 3 : 1 }
}

/// The recognition network q(z0 | x): a recurrent cell run over (observation, time gap) pairs from
/// the last observation back to the first, then a linear read-out of the mean and log-variance of z0.
///
/// The cell's input at observation k is u = [x_k; Δ_k] with Δ_k = t_{k+1} − t_k the gap to the
/// observation processed just before (0 for the last one); the hidden state starts at zero.
/// Parameters, flat, layer by layer in the `MLP` layout: for a GRU the reset gate r, the update gate s,
/// the candidate (each hidden × (observation + 1 + hidden)), for an RNN the one cell layer; then the
/// read-out (2·latent × hidden): the first `latentSize` outputs are the mean, the rest the log-variance.
public struct RecurrentEncoder: Sendable, Equatable {
    public let kind: RecurrentCellKind
    /// Components of one observation.
    public let observationSize: Int
    /// Size of the hidden state.
    public let hiddenSize: Int
    /// Size of z0.
    public let latentSize: Int
    /// All weights and biases (see the type's documentation).
    public var parameters: [Double]

    /// Cell input size: the observation and its time gap.
    public var inputSize: Int { observationSize + 1 }
    /// Columns of a cell layer's weight: input then hidden.
    var cellColumns: Int { inputSize + hiddenSize }
    /// Doubles of one cell layer (weight and bias).
    var cellLayerSize: Int { hiddenSize * (cellColumns + 1) }
    /// Offset of the read-out layer's weight.
    var readoutOffset: Int { kind.cellLayers * cellLayerSize }
    public var parameterCount: Int { parameters.count }

    /// An encoder with PyTorch's default initialisation drawn from `generator`.
    public init(kind: RecurrentCellKind, observationSize: Int, hiddenSize: Int, latentSize: Int,
                generator: inout SeededGenerator) {
        precondition(observationSize >= 1 && hiddenSize >= 1 && latentSize >= 1, "sizes must be positive")
        self.kind = kind
        self.observationSize = observationSize
        self.hiddenSize = hiddenSize
        self.latentSize = latentSize
        var theta: [Double] = []
        let cellBound = 1 / Double(observationSize + 1 + hiddenSize).squareRoot()
        for _ in 0..<(kind.cellLayers * hiddenSize * (observationSize + 2 + hiddenSize)) {
            theta.append(generator.nextUniform(in: -cellBound, cellBound))
        }
        let readoutBound = 1 / Double(hiddenSize).squareRoot()
        for _ in 0..<(2 * latentSize * (hiddenSize + 1)) { theta.append(generator.nextUniform(in: -readoutBound, readoutBound)) }
        parameters = theta
    }

    /// An encoder from its layers (cell layers then the read-out); throws naming the bad layer.
    public init(kind: RecurrentCellKind, observationSize: Int, latentSize: Int,
                layers: [MLP.Layer]) throws(ModelFileError) {
        guard layers.count == kind.cellLayers + 1 else {
            throw .invalidValue(key: "encoder.layers", detail: "has \(layers.count) layers, a \(kind.rawValue) encoder has \(kind.cellLayers + 1)")
        }
        guard let hidden = layers.first?.weight.count, hidden >= 1 else {
            throw .invalidValue(key: "encoder.layers[0].weight", detail: "has no rows")
        }
        let expected: [Activation] = kind == .gru ? [.sigmoid, .sigmoid, .tanh, .identity] : [.tanh, .identity]
        var theta: [Double] = []
        for (l, layer) in layers.enumerated() {
            let cell = l < kind.cellLayers
            let network = try DenseNetwork(inputSize: cell ? observationSize + 1 + hidden : hidden,
                                           outputSize: cell ? hidden : 2 * latentSize, layers: [layer],
                                           key: "encoder", firstLayer: l)
            guard layer.activation == expected[l] else {
                throw .invalidValue(key: "encoder.layers[\(l)].activation",
                                    detail: "is \"\(layer.activation.rawValue)\", a \(kind.rawValue) encoder needs \"\(expected[l].rawValue)\"")
            }
            theta += network.parameters
        }
        self.kind = kind
        self.observationSize = observationSize
        hiddenSize = hidden
        self.latentSize = latentSize
        parameters = theta
    }

    /// The layers with their current weights: the cell layers, then the read-out.
    public var layers: [MLP.Layer] {
        let cellActivations: [Activation] = kind == .gru ? [.sigmoid, .sigmoid, .tanh] : [.tanh]
        var result: [MLP.Layer] = []
        for l in 0..<(kind.cellLayers + 1) {
            let cell = l < kind.cellLayers
            let rows = cell ? hiddenSize : 2 * latentSize, columns = cell ? cellColumns : hiddenSize
            let offset = cell ? l * cellLayerSize : readoutOffset
            let weight = (0..<rows).map { j in Array(parameters[(offset + j * columns)..<(offset + (j + 1) * columns)]) }
            let bias = Array(parameters[(offset + rows * columns)..<(offset + rows * (columns + 1))])
            result.append(MLP.Layer(weight: weight, bias: bias, activation: cell ? cellActivations[l] : .identity))
        }
        return result
    }
}
