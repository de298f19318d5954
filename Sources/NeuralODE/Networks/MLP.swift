import Foundation

/// A multilayer perceptron f_θ: its architecture and all its parameters θ in one flat vector.
///
/// The ODE state has `odeDimension` = `stateDim` + `augmentDim` components: the observed state
/// first, then the augmented ones, which start at zero (use `augmentedInitialState(_:)`) and
/// evolve with the rest. The network input is that whole state, followed by t when `timeInput`
/// is true; the output has `odeDimension` components (the derivative of the whole state).
///
/// Layout of `parameters`, layer by layer: the weight matrix, row-major out × in (row j holds
/// the weights into output j, as in PyTorch's nn.Linear), then the bias (out values). This is
/// the order of `torch.cat([p.flatten() for p in model.parameters()])`.
public struct MLP: Sendable, Equatable {
    /// Dimension of the observed state.
    public let stateDim: Int
    /// Number of augmented state components (zero at the initial time).
    public let augmentDim: Int
    /// Whether t is appended to the network input.
    public let timeInput: Bool
    /// Layer sizes from input to output: `widths[0]` = `inputSize`, last = `odeDimension`.
    public let widths: [Int]
    /// One activation per layer (`widths.count` − 1 of them).
    public let activations: [Activation]
    /// All weights and biases (see the type's documentation for the layout).
    public var parameters: [Double]

    /// One dense layer's weights, rows as outputs, for building a network or writing a model file.
    public struct Layer: Sendable, Equatable {
        public var weight: [[Double]]
        public var bias: [Double]
        public var activation: Activation

        public init(weight: [[Double]], bias: [Double], activation: Activation) {
            self.weight = weight
            self.bias = bias
            self.activation = activation
        }
    }

    /// Dimension of the ODE state the network acts on (`stateDim` + `augmentDim`).
    public var odeDimension: Int { stateDim + augmentDim }
    /// Number of network inputs (`odeDimension`, plus one when `timeInput`).
    public var inputSize: Int { odeDimension + (timeInput ? 1 : 0) }
    /// Number of layers.
    public var layerCount: Int { activations.count }
    /// Number of parameters θ.
    public var parameterCount: Int { parameters.count }

    /// A network with PyTorch's default initialisation: every weight and bias of a layer drawn from
    /// U(−1/√fan_in, 1/√fan_in), layer by layer in parameter order, from `SeededGenerator(seed:)`.
    ///
    /// `hidden` lists the hidden widths (may be empty for a single linear layer); every hidden
    /// layer uses `activation`, the last one `outputActivation`.
    public init(stateDim: Int, augmentDim: Int = 0, timeInput: Bool = false, hidden: [Int],
                activation: Activation = .tanh, outputActivation: Activation = .identity,
                seed: UInt64) {
        precondition(stateDim >= 1 && augmentDim >= 0, "dimensions must be positive")
        precondition(hidden.allSatisfy { $0 >= 1 }, "hidden widths must be positive")
        self.stateDim = stateDim
        self.augmentDim = augmentDim
        self.timeInput = timeInput
        let input = stateDim + augmentDim + (timeInput ? 1 : 0)
        widths = [input] + hidden + [stateDim + augmentDim]
        activations = Array(repeating: activation, count: hidden.count) + [outputActivation]
        var generator = SeededGenerator(seed: seed)
        var theta: [Double] = []
        for l in 0..<(widths.count - 1) {
            let fanIn = widths[l]
            let bound = 1 / Double(fanIn).squareRoot()
            for _ in 0..<(widths[l + 1] * fanIn + widths[l + 1]) {
                theta.append(generator.nextUniform(in: -bound, bound))
            }
        }
        parameters = theta
    }

    /// A network with the given weights; throws if the shapes do not chain from `inputSize` to `odeDimension`.
    public init(stateDim: Int, augmentDim: Int = 0, timeInput: Bool = false,
                layers: [Layer]) throws(ModelFileError) {
        guard stateDim >= 1 else { throw .invalidValue(key: "state_dim", detail: "must be at least 1, got \(stateDim)") }
        guard augmentDim >= 0 else { throw .invalidValue(key: "augment_dim", detail: "must be at least 0, got \(augmentDim)") }
        guard !layers.isEmpty else { throw .noLayers }
        var widths = [stateDim + augmentDim + (timeInput ? 1 : 0)]
        var theta: [Double] = []
        for (l, layer) in layers.enumerated() {
            let rows = layer.weight.count
            guard rows >= 1 else { throw .emptyWeight(layer: l) }
            let columns = layer.weight[0].count
            for (j, row) in layer.weight.enumerated() where row.count != columns {
                throw .raggedWeight(layer: l, row: j, count: row.count, expected: columns)
            }
            guard columns == widths[l] else {
                throw .weightShape(layer: l, rows: rows, columns: columns, expectedInput: widths[l])
            }
            guard layer.bias.count == rows else {
                throw .biasShape(layer: l, count: layer.bias.count, rows: rows)
            }
            for (j, row) in layer.weight.enumerated() {
                for (k, w) in row.enumerated() where !w.isFinite {
                    throw .nonFinite(path: "layers[\(l)].weight[\(j)][\(k)]")
                }
                theta.append(contentsOf: row)
            }
            for (j, b) in layer.bias.enumerated() where !b.isFinite {
                throw .nonFinite(path: "layers[\(l)].bias[\(j)]")
            }
            theta.append(contentsOf: layer.bias)
            widths.append(rows)
        }
        guard widths.last == stateDim + augmentDim else {
            throw .outputSize(found: widths.last ?? 0, stateDim: stateDim, augmentDim: augmentDim)
        }
        self.stateDim = stateDim
        self.augmentDim = augmentDim
        self.timeInput = timeInput
        self.widths = widths
        self.activations = layers.map(\.activation)
        self.parameters = theta
    }

    /// Offset in `parameters` of layer `l`'s weight matrix.
    public func weightOffset(layer l: Int) -> Int {
        var offset = 0
        for i in 0..<l { offset += widths[i + 1] * (widths[i] + 1) }
        return offset
    }

    /// Offset in `parameters` of layer `l`'s bias.
    public func biasOffset(layer l: Int) -> Int {
        weightOffset(layer: l) + widths[l + 1] * widths[l]
    }

    /// The layers with their current weights (rows as outputs).
    public var layers: [Layer] {
        (0..<layerCount).map { l in
            let w = weightOffset(layer: l), b = biasOffset(layer: l)
            let rows = widths[l + 1], columns = widths[l]
            let weight = (0..<rows).map { j in Array(parameters[(w + j * columns)..<(w + (j + 1) * columns)]) }
            return Layer(weight: weight, bias: Array(parameters[b..<(b + rows)]), activation: activations[l])
        }
    }

    /// The ODE initial state for an observed initial state: `state` followed by `augmentDim` zeros.
    public func augmentedInitialState(_ state: [Double]) -> [Double] {
        precondition(state.count == stateDim, "state has \(state.count) components, expected \(stateDim)")
        return state + Array(repeating: 0, count: augmentDim)
    }

    /// f_θ(t, y) for one ODE state y of `odeDimension` components (a simple, allocating reference path).
    public func evaluate(t: Double, state: [Double]) -> [Double] {
        precondition(state.count == odeDimension, "state has \(state.count) components, expected \(odeDimension)")
        var x = timeInput ? state + [t] : state
        for l in 0..<layerCount {
            let w = weightOffset(layer: l), b = biasOffset(layer: l)
            let columns = widths[l]
            x = (0..<widths[l + 1]).map { j in
                var z = parameters[b + j]
                for k in 0..<columns { z += parameters[w + j * columns + k] * x[k] }
                return activations[l].value(z)
            }
        }
        return x
    }
}
