/// The linear read-out o = w·z + b of a classifier, applied to the flow's final state z(T).
///
/// `weights` has one entry per ODE state component (augmented ones included). A fixed read-out
/// (`isTrainable` false) is not changed by training: the identity on the first component turns
/// the classifier into a plain regression of z₁(T) on the targets.
public struct LinearReadout: Sendable, Equatable {
    /// w, one per ODE state component.
    public var weights: [Double]
    /// b.
    public var bias: Double
    /// Whether training updates w and b.
    public var isTrainable: Bool

    /// A read-out with the given values.
    public init(weights: [Double], bias: Double, isTrainable: Bool = true) {
        precondition(!weights.isEmpty, "a read-out needs at least one weight")
        self.weights = weights
        self.bias = bias
        self.isTrainable = isTrainable
    }

    /// PyTorch's nn.Linear initialisation: w and b uniform in ±1/√`dimension`, from `SeededGenerator(seed:)`.
    public init(dimension: Int, seed: UInt64) {
        precondition(dimension >= 1, "a read-out needs at least one input")
        var generator = SeededGenerator(seed: seed)
        let bound = 1 / Double(dimension).squareRoot()
        weights = (0..<dimension).map { _ in generator.nextUniform(in: -bound, bound) }
        bias = generator.nextUniform(in: -bound, bound)
        isTrainable = true
    }

    /// The fixed read-out o = z₁ on a state of `dimension` components.
    public static func firstComponent(dimension: Int) -> LinearReadout {
        var w = [Double](repeating: 0, count: dimension)
        w[0] = 1
        return LinearReadout(weights: w, bias: 0, isTrainable: false)
    }

    /// Number of inputs.
    public var dimension: Int { weights.count }

    /// w·z + b for the state at `z` (`dimension` values).
    @inline(__always)
    public func output(_ z: UnsafePointer<Double>) -> Double {
        var o = bias
        for i in 0..<weights.count { o += weights[i] * z[i] }
        return o
    }

    /// w·z + b for a state given as an array slice.
    public func output(_ z: ArraySlice<Double>) -> Double {
        precondition(z.count == weights.count, "state has \(z.count) components, expected \(weights.count)")
        var o = bias
        for (w, v) in zip(weights, z) { o += w * v }
        return o
    }
}
