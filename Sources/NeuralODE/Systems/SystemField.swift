/// A configured named system as a vector field with Jacobian, on a batch of states.
///
/// The state is `batchSize` states of `dimension` components each, state-major.
public struct SystemField: VectorField, JacobianField, Sendable {
    /// The system's description.
    public let spec: SystemSpec
    /// Parameter values in `spec.parameters` order (defaults with overrides applied).
    public let parameterValues: [Double]
    /// Number of states evaluated together.
    public let batchSize: Int
    let equations: SystemEquations

    init(spec: SystemSpec, values: [Double], equations: SystemEquations, batchSize: Int) {
        self.spec = spec
        self.parameterValues = values
        self.equations = equations
        self.batchSize = batchSize
    }

    /// Components per state.
    public var dimension: Int { spec.dimension }

    public var stateSize: Int { batchSize * spec.dimension }

    /// The value of the parameter called `name`, or nil if the system has none by that name.
    public func parameter(_ name: String) -> Double? {
        spec.parameters.firstIndex { $0.name == name }.map { parameterValues[$0] }
    }

    /// The same system and parameters for `batch` states; `batch` must be at least 1.
    public func batched(_ batch: Int) throws -> SystemField {
        guard batch >= 1 else { throw SystemError.invalidBatchSize(batch) }
        return SystemField(spec: spec, values: parameterValues, equations: equations, batchSize: batch)
    }

    // Inlined into the solvers' stage loops (with the switch over systems): a call per stage costs
    // about as much as a 2-state system's whole right-hand side.
    @inline(__always)
    public func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        equations.rhs(batch: batchSize, t: t, y: y, dy: dy)
    }

    public func jacobian(t: Double, y: UnsafePointer<Double>, into jacobian: UnsafeMutablePointer<Double>) {
        equations.jacobian(batch: batchSize, t: t, y: y, into: jacobian)
    }

    /// f(t, y) for one state of `dimension` components (allocates; for plotting, not for solvers).
    ///
    /// Precondition: `state.count == dimension`.
    public func velocity(at state: [Double], t: Double = 0) -> [Double] {
        precondition(state.count == dimension, "state has \(state.count) components, system has \(dimension)")
        var out = [Double](repeating: 0, count: dimension)
        state.withUnsafeBufferPointer { y in
            out.withUnsafeMutableBufferPointer { dy in
                // Safe: both buffers hold `dimension` > 0 elements.
                if let yBase = y.baseAddress, let dyBase = dy.baseAddress {
                    equations.rhs(batch: 1, t: t, y: yBase, dy: dyBase)
                }
            }
        }
        return out
    }
}
