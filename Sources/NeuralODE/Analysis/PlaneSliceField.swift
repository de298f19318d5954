/// The planar field on a slice of an n-D field: (f_x, f_y) at the state with the other components fixed.
///
/// Its solution curves are those of the frozen-slice field, not projections of n-D solutions: a
/// picture of the field's direction on the slice (and of its nullclines), as pplane draws for a
/// planar system. Evaluating allocates nothing; it is still meant for plotting, not solving.
public struct PlaneSliceField<Field: VectorField>: VectorField {
    public let field: Field
    public let plane: PhasePlane

    /// `field.stateSize` must equal `plane.dimension` (one state).
    public init(_ field: Field, plane: PhasePlane) {
        precondition(field.stateSize == plane.dimension, "the field has \(field.stateSize) components, the plane's state \(plane.dimension)")
        self.field = field
        self.plane = plane
    }

    public var stateSize: Int { 2 }

    public func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        let n = plane.dimension
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n) { buffer in
            guard let state = buffer.baseAddress else { return }
            for i in 0..<n { state[i] = plane.base[i] }
            state[plane.xComponent] = y[0]
            state[plane.yComponent] = y[1]
            field.evaluate(t: t, y: state, dy: state + n)
            dy[0] = state[n + plane.xComponent]
            dy[1] = state[n + plane.yComponent]
        }
    }
}
