/// One state of an autonomous field with a way to get its Jacobian: what the analysis works on.
///
/// Made from a `JacobianField` (built-in and text systems: the exact Jacobian), a
/// `DifferentiableField` (a network: the exact Jacobian assembled row by row from n
/// vector-Jacobian products eᵢᵀ ∂f/∂y), or any `VectorField` (forward differences). The field is
/// evaluated at t = 0: the analysis is of autonomous fields. Not thread-safe when the wrapped
/// field keeps buffers (networks do).
public struct AnalysisField: VectorField {
    /// How the Jacobian is obtained.
    public enum JacobianMethod: String, Sendable, Codable {
        case exact
        case networkVJP = "network vector-Jacobian products"
        case forwardDifferences = "forward differences"
    }

    /// Components of the state.
    public let dimension: Int
    public let jacobianMethod: JacobianMethod
    private let rhs: (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void
    private let jacobianRows: (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void

    public var stateSize: Int { dimension }

    /// The field with its exact Jacobian; `field.stateSize` is the dimension (one state).
    public init<F: JacobianField>(exact field: F) {
        dimension = field.stateSize
        jacobianMethod = .exact
        rhs = { field.evaluate(t: 0, y: $0, dy: $1) }
        jacobianRows = { field.jacobian(t: 0, y: $0, into: $1) }
    }

    /// A network's field; row i of the Jacobian is the VJP with the unit vector eᵢ.
    public init<F: DifferentiableField>(network field: F) {
        let n = field.stateSize, p = field.parameterCount
        dimension = n
        jacobianMethod = .networkVJP
        rhs = { field.evaluate(t: 0, y: $0, dy: $1) }
        jacobianRows = { y, jac in
            var v = [Double](repeating: 0, count: n), row = [Double](repeating: 0, count: n)
            var theta = [Double](repeating: 0, count: max(1, p))
            for i in 0..<n {
                v[i] = 1
                field.vjp(t: 0, y: y, v: v, vy: &row, vtheta: &theta)
                for j in 0..<n { jac[i * n + j] = row[j] }
                v[i] = 0
            }
        }
    }

    /// Any field; the Jacobian by forward differences with steps √ε·max(1, |yⱼ|).
    public init<F: VectorField>(differencing field: F) {
        let n = field.stateSize
        dimension = n
        jacobianMethod = .forwardDifferences
        rhs = { field.evaluate(t: 0, y: $0, dy: $1) }
        jacobianRows = { y, jac in
            var base = [Double](repeating: 0, count: n), shifted = [Double](repeating: 0, count: n)
            var probe = Array(UnsafeBufferPointer(start: y, count: n))
            field.evaluate(t: 0, y: y, dy: &base)
            for j in 0..<n {
                let h = 1.4901161193847656e-8 * max(1, abs(probe[j]))
                let saved = probe[j]
                probe[j] = saved + h
                field.evaluate(t: 0, y: probe, dy: &shifted)
                let step = probe[j] - saved
                for i in 0..<n { jac[i * n + j] = (shifted[i] - base[i]) / step }
                probe[j] = saved
            }
        }
    }

    public func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        rhs(y, dy)
    }

    /// f(y).
    public func value(at y: [Double]) -> [Double] {
        precondition(y.count == dimension, "state has \(y.count) components, field has \(dimension)")
        var out = [Double](repeating: 0, count: dimension)
        y.withUnsafeBufferPointer { yb in
            out.withUnsafeMutableBufferPointer { ob in
                if let yp = yb.baseAddress, let op = ob.baseAddress { rhs(yp, op) }
            }
        }
        return out
    }

    /// ∂f/∂y at y, row-major n×n.
    public func jacobian(at y: [Double]) -> [Double] {
        precondition(y.count == dimension, "state has \(y.count) components, field has \(dimension)")
        var out = [Double](repeating: 0, count: dimension * dimension)
        y.withUnsafeBufferPointer { yb in
            out.withUnsafeMutableBufferPointer { ob in
                if let yp = yb.baseAddress, let op = ob.baseAddress { jacobianRows(yp, op) }
            }
        }
        return out
    }
}
