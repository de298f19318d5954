import NeuralODE

/// A two-component vector field seen as a function of the plane, f(x, y) at a fixed time.
///
/// Streamlines and quiver arrows take this closure form; solvers keep using `field` directly.
public struct PlanarField<Field: VectorField> {
    public let field: Field
    /// The time at which a non-autonomous field is frozen.
    public var time: Double

    /// Wraps `field`; its `stateSize` must be 2.
    public init(_ field: Field, time: Double = 0) {
        precondition(field.stateSize == 2, "a planar field has a state of 2 components")
        self.field = field
        self.time = time
    }

    /// f(x, y).
    @inline(__always)
    public func callAsFunction(_ x: Double, _ y: Double) -> (Double, Double) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 4) { buf -> (Double, Double) in
            guard let p = buf.baseAddress else { return (.nan, .nan) }
            p[0] = x; p[1] = y
            field.evaluate(t: time, y: p, dy: p + 2)
            return (p[2], p[3])
        }
    }

    /// The closure form for marks; it captures a copy of the field.
    public var closure: (Double, Double) -> (Double, Double) {
        let copy = self
        return { copy($0, $1) }
    }

    /// Whether the first equation is x' = y (a second-order equation written as a system), checked
    /// on a grid over the window; then the second component is the derivative of the first.
    public func firstComponentIsVelocity(x: ClosedRange<Double>, y: ClosedRange<Double>) -> Bool {
        let n = 7
        for i in 0..<n {
            for j in 0..<n {
                let px = x.lowerBound + (x.upperBound - x.lowerBound) * (Double(i) + 0.37) / Double(n)
                let py = y.lowerBound + (y.upperBound - y.lowerBound) * (Double(j) + 0.61) / Double(n)
                let (u, _) = self(px, py)
                guard abs(u - py) <= 1e-12 * max(1, abs(py)) else { return false }
            }
        }
        return true
    }

    /// A warning line when the field is not finite somewhere in the window, nil when it is finite
    /// at every point of an `n` × `n` grid of cell centres.
    ///
    /// Streamlines and quiver arrows stop, without failing, where the field is not finite; this
    /// line says so, with the number of grid points and the first one (the lowest y, then x).
    public func nonFiniteWarning(x: ClosedRange<Double>, y: ClosedRange<Double>, n: Int = 64) -> String? {
        var count = 0
        var first: (Double, Double)?
        for j in 0..<n {
            for i in 0..<n {
                let px = x.lowerBound + (x.upperBound - x.lowerBound) * (Double(i) + 0.5) / Double(n)
                let py = y.lowerBound + (y.upperBound - y.lowerBound) * (Double(j) + 0.5) / Double(n)
                let (u, v) = self(px, py)
                guard !(u.isFinite && v.isFinite) else { continue }
                count += 1
                if first == nil { first = (px, py) }
            }
        }
        guard let first else { return nil }
        return "the field is not finite at \(count) of \(n * n) grid points of the window (first at "
            + "(\(first.0), \(first.1))); streamlines and arrows stop there"
    }
}
