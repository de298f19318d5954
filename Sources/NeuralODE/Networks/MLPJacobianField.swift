/// One state of an `MLP` as a vector field whose Jacobian ∂f/∂y is exact, by forward-mode differentiation.
///
/// The Jacobian-vector products are exact, not finite differences: each layer carries, besides its
/// activations a, the d tangent columns ȧ = ∂a/∂y (ż = W ȧ, then ȧ' = σ'(z) ⊙ ż), so one pass gives
/// f and all of J (d ≤ a few dozen, so this is d JVPs at the cost of one wide forward pass). The
/// state is one ODE state of `MLP.odeDimension` components (augmented components included); a time
/// input is held fixed (J is with respect to y only). Buffers are made at init; `evaluate` and
/// `jacobian` never allocate. Not thread-safe.
public final class MLPJacobianField: JacobianField {
    /// The network.
    public let mlp: MLP
    /// Components of the ODE state.
    public let dimension: Int
    private let maxWidth: Int
    private let activations: UnsafeMutablePointer<Double>
    private let nextActivations: UnsafeMutablePointer<Double>
    private let tangents: UnsafeMutablePointer<Double>
    private let nextTangents: UnsafeMutablePointer<Double>
    private let theta: UnsafeMutablePointer<Double>

    /// A field for the network `mlp`.
    public init(_ mlp: MLP) {
        self.mlp = mlp
        dimension = mlp.odeDimension
        maxWidth = mlp.widths.max() ?? 1
        activations = .allocate(capacity: maxWidth)
        nextActivations = .allocate(capacity: maxWidth)
        tangents = .allocate(capacity: maxWidth * dimension)
        nextTangents = .allocate(capacity: maxWidth * dimension)
        theta = .allocate(capacity: max(mlp.parameterCount, 1))
        activations.initialize(repeating: 0, count: maxWidth)
        nextActivations.initialize(repeating: 0, count: maxWidth)
        tangents.initialize(repeating: 0, count: maxWidth * dimension)
        nextTangents.initialize(repeating: 0, count: maxWidth * dimension)
        theta.initialize(repeating: 0, count: max(mlp.parameterCount, 1))
        for (i, value) in mlp.parameters.enumerated() { theta[i] = value }
    }

    deinit {
        activations.deallocate()
        nextActivations.deallocate()
        tangents.deallocate()
        nextTangents.deallocate()
        theta.deallocate()
    }

    public var stateSize: Int { dimension }

    public func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        pass(t: t, y: y, dy: dy, jacobian: nil)
    }

    public func jacobian(t: Double, y: UnsafePointer<Double>, into jacobian: UnsafeMutablePointer<Double>) {
        pass(t: t, y: y, dy: nil, jacobian: jacobian)
    }

    /// f(t, y) and J(t, y) together (one pass).
    public func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>,
                         jacobian: UnsafeMutablePointer<Double>) {
        pass(t: t, y: y, dy: dy, jacobian: jacobian)
    }

    private func pass(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>?,
                      jacobian: UnsafeMutablePointer<Double>?) {
        let d = dimension, withTangents = jacobian != nil
        var a = activations, aNext = nextActivations, ta = tangents, taNext = nextTangents
        for i in 0..<d { a[i] = y[i] }
        if mlp.timeInput { a[d] = t }
        if withTangents {
            let rows = mlp.inputSize
            for i in 0..<(rows * d) { ta[i] = 0 }
            for i in 0..<d { ta[i * d + i] = 1 }
        }
        for l in 0..<mlp.layerCount {
            let inputs = mlp.widths[l], outputs = mlp.widths[l + 1]
            let w = theta + mlp.weightOffset(layer: l), b = theta + mlp.biasOffset(layer: l)
            let activation = mlp.activations[l]
            for j in 0..<outputs {
                let row = w + j * inputs
                var z = b[j]
                for k in 0..<inputs { z += row[k] * a[k] }
                let out = activation.value(z)
                aNext[j] = out
                guard withTangents else { continue }
                let slope = activation.derivative(output: out)
                let target = taNext + j * d
                for c in 0..<d { target[c] = 0 }
                for k in 0..<inputs {
                    let weight = row[k] * slope
                    if weight == 0 { continue }
                    let source = ta + k * d
                    for c in 0..<d { target[c] += weight * source[c] }
                }
            }
            swap(&a, &aNext)
            swap(&ta, &taNext)
        }
        if let dy { for i in 0..<d { dy[i] = a[i] } }
        if let jacobian { for i in 0..<(d * d) { jacobian[i] = ta[i] } }
    }
}
