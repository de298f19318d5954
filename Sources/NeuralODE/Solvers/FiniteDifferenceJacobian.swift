/// Gives any vector field a Jacobian by forward differences (stateSize + 1 evaluations per Jacobian).
///
/// Column j uses the increment √ε·max(|yⱼ|, 1). Evaluations made for Jacobians are counted in
/// `jacobianEvaluationCalls` so solvers can report them. Not safe to share between threads.
public struct FiniteDifferenceJacobian<Base: VectorField>: JacobianField {
    /// The wrapped field.
    public let base: Base
    private let storage: Storage

    final class Storage {
        let f0: UnsafeMutablePointer<Double>
        let shifted: UnsafeMutablePointer<Double>
        let column: UnsafeMutablePointer<Double>
        var calls = 0
        init(n: Int) {
            f0 = .allocate(capacity: n)
            shifted = .allocate(capacity: n)
            column = .allocate(capacity: n)
        }
        deinit {
            f0.deallocate()
            shifted.deallocate()
            column.deallocate()
        }
    }

    /// Wraps `base`.
    public init(_ base: Base) {
        self.base = base
        storage = Storage(n: max(1, base.stateSize))
    }

    public var stateSize: Int { base.stateSize }

    /// Field evaluations made so far for Jacobians.
    public var jacobianEvaluationCalls: Int { storage.calls }

    public func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        base.evaluate(t: t, y: y, dy: dy)
    }

    public func jacobian(t: Double, y: UnsafePointer<Double>, into jacobian: UnsafeMutablePointer<Double>) {
        let n = stateSize
        let s = storage
        base.evaluate(t: t, y: y, dy: s.f0)
        s.shifted.update(from: y, count: n)
        let root = Double.ulpOfOne.squareRoot()
        for j in 0..<n {
            let original = y[j]
            let target = original + root * max(abs(original), 1)
            s.shifted[j] = target
            let delta = target - original
            base.evaluate(t: t, y: s.shifted, dy: s.column)
            for i in 0..<n { jacobian[i * n + j] = (s.column[i] - s.f0[i]) / delta }
            s.shifted[j] = original
        }
        s.calls += n + 1
    }
}
