/// A feed-forward network from any input size to any output size (a latent model's decoder), with
/// its forward pass and vector-Jacobian product over a batch of points written by hand.
///
/// Parameters are one flat vector in the layout of `MLP.parameters` (per layer the weight, rows as
/// outputs, then the bias: PyTorch's nn.Linear order). A pass records every layer's output in a
/// trace (`traceSize(count:)` doubles, layer-major: the input block, then each layer's outputs) that
/// the backward pass reads.
public struct DenseNetwork: Sendable, Equatable {
    /// Layer sizes from input to output.
    public let widths: [Int]
    /// One activation per layer.
    public let activations: [Activation]
    /// All weights and biases.
    public var parameters: [Double]

    /// Input size.
    public var inputSize: Int { widths[0] }
    /// Output size.
    public var outputSize: Int { widths[widths.count - 1] }
    /// Number of layers.
    public var layerCount: Int { activations.count }
    /// Number of parameters.
    public var parameterCount: Int { parameters.count }

    /// A network with PyTorch's default initialisation, U(−1/√fan_in, 1/√fan_in) for every weight
    /// and bias of a layer, drawn in parameter order from `generator`.
    public init(widths: [Int], activations: [Activation], generator: inout SeededGenerator) {
        precondition(widths.count >= 2 && widths.allSatisfy { $0 >= 1 }, "a network needs positive widths")
        precondition(activations.count == widths.count - 1, "one activation per layer")
        self.widths = widths
        self.activations = activations
        var theta: [Double] = []
        for l in 0..<(widths.count - 1) {
            let bound = 1 / Double(widths[l]).squareRoot()
            for _ in 0..<(widths[l + 1] * (widths[l] + 1)) { theta.append(generator.nextUniform(in: -bound, bound)) }
        }
        parameters = theta
    }

    /// A network with the given layers; throws (naming `key`.layers[`firstLayer` + l]) unless they
    /// chain from `inputSize` and end with `outputSize` outputs (when given).
    public init(inputSize: Int, outputSize: Int?, layers: [MLP.Layer], key: String,
                firstLayer: Int = 0) throws(ModelFileError) {
        guard !layers.isEmpty else { throw .invalidValue(key: key, detail: "has no layers") }
        var widths = [inputSize]
        var theta: [Double] = []
        for (l, layer) in layers.enumerated() {
            let path = "\(key).layers[\(firstLayer + l)]"
            guard let columns = layer.weight.first?.count, columns >= 1 else {
                throw .invalidValue(key: "\(path).weight", detail: "has no rows")
            }
            for (j, row) in layer.weight.enumerated() where row.count != columns {
                throw .invalidValue(key: "\(path).weight", detail: "row \(j) has \(row.count) values, row 0 has \(columns)")
            }
            guard columns == widths[l] else {
                throw .invalidValue(key: "\(path).weight", detail: "is \(layer.weight.count)×\(columns) but its input has size \(widths[l])")
            }
            guard layer.bias.count == layer.weight.count else {
                throw .invalidValue(key: "\(path).bias", detail: "has \(layer.bias.count) values but the weight has \(layer.weight.count) rows")
            }
            for row in layer.weight { theta.append(contentsOf: row) }
            theta.append(contentsOf: layer.bias)
            widths.append(layer.weight.count)
        }
        guard theta.allSatisfy(\.isFinite) else { throw .nonFinite(path: "\(key).layers") }
        if let outputSize, widths.last != outputSize {
            throw .invalidValue(key: key, detail: "has \(widths.last ?? 0) outputs, expected \(outputSize)")
        }
        self.widths = widths
        activations = layers.map(\.activation)
        parameters = theta
    }

    /// Offset in `parameters` of layer `l`'s weight (its bias follows at + out·in).
    public func weightOffset(layer l: Int) -> Int {
        var offset = 0
        for i in 0..<l { offset += widths[i + 1] * (widths[i] + 1) }
        return offset
    }

    /// The layers with their current weights (rows as outputs).
    public var layers: [MLP.Layer] {
        (0..<layerCount).map { l in
            let w = weightOffset(layer: l), rows = widths[l + 1], columns = widths[l]
            let weight = (0..<rows).map { j in Array(parameters[(w + j * columns)..<(w + (j + 1) * columns)]) }
            let b = w + rows * columns
            return MLP.Layer(weight: weight, bias: Array(parameters[b..<(b + rows)]), activation: activations[l])
        }
    }

    /// Doubles of a trace for `count` points.
    public func traceSize(count: Int) -> Int { count * widths.reduce(0, +) }

    /// Offset in a trace of `count` points of the outputs (the last block).
    public func outputOffset(count: Int) -> Int { count * (widths.reduce(0, +) - outputSize) }

    /// Runs `count` points (`input`, count × inputSize) through the network with `theta`
    /// (`parameterCount` doubles); the outputs are at `trace + outputOffset(count:)`.
    public func forward(theta: UnsafePointer<Double>, input: UnsafePointer<Double>, count: Int,
                        trace: UnsafeMutablePointer<Double>) {
        for i in 0..<(count * inputSize) { trace[i] = input[i] }
        var offset = 0
        var transposed = [Double]()
        for l in 0..<layerCount {
            let inputs = widths[l], outputs = widths[l + 1]
            let x = trace + offset, z = trace + offset + count * inputs
            let w = theta + weightOffset(layer: l), bias = w + outputs * inputs
            transposed.removeAll(keepingCapacity: true)
            for k in 0..<inputs { for j in 0..<outputs { transposed.append(w[j * inputs + k]) } }
            if outputs % 4 == 0 {
                transposed.withUnsafeBufferPointer { buffer in
                    DenseKernels.forward(x: x, weightT: buffer.baseAddress!, bias: bias, z: z, inputs: inputs,
                                         outputs: outputs, batch: count, fuseTanh: false)
                }
            } else {
                // Narrow layers run through the kernel padded with zero columns to a multiple of 4.
                let padded = (outputs + 3) / 4 * 4
                var paddedWeights = [Double](repeating: 0, count: inputs * padded)
                var paddedBias = [Double](repeating: 0, count: padded)
                for k in 0..<inputs { for j in 0..<outputs { paddedWeights[k * padded + j] = transposed[k * outputs + j] } }
                for j in 0..<outputs { paddedBias[j] = bias[j] }
                withUnsafeTemporaryAllocation(of: Double.self, capacity: count * padded) { wide in
                    DenseKernels.forward(x: x, weightT: paddedWeights, bias: paddedBias, z: wide.baseAddress!, inputs: inputs,
                                         outputs: padded, batch: count, fuseTanh: false)
                    for b in 0..<count { for j in 0..<outputs { z[b * outputs + j] = wide[b * padded + j] } }
                }
            }
            activations[l].apply(z, count: count * outputs)
            offset += count * inputs
        }
    }

    /// Pulls `outputCotangent` (count × outputSize) back through the pass recorded in `trace`:
    /// adds the parameter part into `parameterCotangent` and, when given, writes the input part
    /// into `inputCotangent` (count × inputSize).
    public func backward(theta: UnsafePointer<Double>, trace: UnsafePointer<Double>, count: Int,
                         outputCotangent: UnsafePointer<Double>,
                         parameterCotangent: UnsafeMutablePointer<Double>,
                         inputCotangent: UnsafeMutablePointer<Double>?) {
        let maxWidth = widths.max() ?? 1
        // Both are written before they are read (the top cotangent, then each layer's input cotangent).
        withUnsafeTemporaryAllocation(of: Double.self, capacity: count * maxWidth) { deltaBuffer in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: count * maxWidth) { belowBuffer in
                guard var delta = deltaBuffer.baseAddress, var below = belowBuffer.baseAddress else { return }
                let top = widths[layerCount]
                for i in 0..<(count * top) { delta[i] = outputCotangent[i] }
                var offset = outputOffset(count: count)
                for l in stride(from: layerCount - 1, through: 0, by: -1) {
                    let inputs = widths[l], outputs = widths[l + 1]
                    let z = trace + offset
                    offset -= count * inputs
                    let x = trace + offset
                    activations[l].multiplyByDerivative(delta, outputs: z, count: count * outputs)
                    let w = theta + weightOffset(layer: l)
                    let gw = parameterCotangent + weightOffset(layer: l), gb = gw + outputs * inputs
                    let wantsInput = l > 0 || inputCotangent != nil
                    var deltaPointer = UnsafePointer(delta), xPointer = x
                    if inputs % 4 == 0 {
                        // The same sums as the whole-layer kernel, a few points at a time in cache.
                        DenseKernels.accumulateParameterGradientRows(
                            segments: 1, batch: count, deltas: &deltaPointer, inputs: &xPointer, gradWeight: gw,
                            gradBias: gb, inputs: inputs, outputs: outputs, rows: 0..<outputs)
                    } else {
                        var scratch = [Double](repeating: 0, count: 3 * outputs + 8)
                        scratch.withUnsafeMutableBufferPointer { s in
                            DenseKernels.accumulateParameterGradient(
                                segments: 1, batch: count, deltas: &deltaPointer, deltaOffset: 0, inputs: &xPointer,
                                inputOffset: 0, gradWeight: gw, gradBias: gb, inputs: inputs, outputs: outputs,
                                scratch: s.baseAddress!)
                        }
                    }
                    if wantsInput && inputs % 4 == 0 {
                        DenseKernels.inputGradient(delta: delta, weight: w, gradX: below, inputs: inputs, outputs: outputs,
                                                   batch: count, tanhInput: nil)
                    } else if wantsInput {
                        for i in 0..<(count * inputs) { below[i] = 0 }
                        for b in 0..<count {
                            let db = delta + b * outputs, gx = below + b * inputs
                            for j in 0..<outputs {
                                let d = db[j], wRow = w + j * inputs
                                for k in 0..<inputs { gx[k] += wRow[k] * d }
                            }
                        }
                    }
                    swap(&delta, &below)
                }
                if let inputCotangent {
                    for i in 0..<(count * inputSize) { inputCotangent[i] = delta[i] }
                }
            }
        }
    }
}
