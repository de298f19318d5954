/// The state y of a field together with k tangent vectors and ∫ tr J dt, as one plain `VectorField`.
///
/// The augmented state is `[y (d), v₁ (d), …, v_k (d), s]` with y' = f(t, y), vᵢ' = J(t, y) vᵢ
/// and s' = tr J(t, y), so any solver integrates the variational equations through the ordinary
/// `ODESolve` entry point (tangent dynamics are one more thing the loop evaluates, not a loop of
/// their own). The base field must hold one state (`stateSize` = d); J comes from its `jacobian`.
/// Evaluation never allocates: the Jacobian buffer is made once at init.
public struct TangentDynamics<Base: JacobianField>: VectorField {
    /// The field whose linearisation is integrated.
    public let base: Base
    /// Components of the base state.
    public let dimension: Int
    /// Number of tangent vectors carried.
    public let vectorCount: Int
    private let scratch: JacobianScratch

    /// Carries `vectors` tangent vectors (1...d) along `base`'s flow.
    public init(base: Base, vectors: Int) {
        precondition(vectors >= 1 && vectors <= base.stateSize, "tangent vector count must be in 1...\(base.stateSize)")
        self.base = base
        dimension = base.stateSize
        vectorCount = vectors
        scratch = JacobianScratch(count: dimension * dimension)
    }

    /// d + k·d + 1.
    public var stateSize: Int { dimension * (vectorCount + 1) + 1 }

    /// Offset of tangent vector `i` (0-based) in the augmented state.
    public func vectorOffset(_ i: Int) -> Int { dimension * (i + 1) }

    /// Offset of the running integral of tr J in the augmented state.
    public var traceOffset: Int { dimension * (vectorCount + 1) }

    /// The augmented initial state: `state`, the given tangent vectors (k·d doubles, vector after vector), s = 0.
    public func initialState(state: [Double], vectors: [Double]) -> [Double] {
        precondition(state.count == dimension && vectors.count == dimension * vectorCount, "augmented state sizes")
        return state + vectors + [0]
    }

    public func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        let d = dimension
        base.evaluate(t: t, y: y, dy: dy)
        let jac = scratch.buffer
        base.jacobian(t: t, y: y, into: jac)
        for v in 0..<vectorCount {
            let source = y + d * (v + 1), target = dy + d * (v + 1)
            for i in 0..<d {
                var sum = 0.0
                let row = jac + i * d
                for j in 0..<d { sum += row[j] * source[j] }
                target[i] = sum
            }
        }
        var trace = 0.0
        for i in 0..<d { trace += jac[i * d + i] }
        dy[traceOffset] = trace
    }
}

/// A Jacobian-sized buffer owned by a `TangentDynamics` value (freed with its last copy).
final class JacobianScratch {
    let buffer: UnsafeMutablePointer<Double>

    init(count: Int) {
        buffer = .allocate(capacity: max(count, 1))
        buffer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { buffer.deallocate() }
}
