/// An initial value problem y' = f(t, y), y(t0) = y0, integrated to t1 (t1 < t0 integrates backward).
public struct ODEProblem<Field: VectorField> {
    /// The right-hand side.
    public var field: Field
    /// Start time.
    public var t0: Double
    /// End time.
    public var t1: Double
    /// Initial state, `field.stateSize` doubles (a batch is one flat state-major buffer).
    public var y0: [Double]

    /// Makes a problem.
    public init(field: Field, t0: Double, t1: Double, y0: [Double]) {
        self.field = field
        self.t0 = t0
        self.t1 = t1
        self.y0 = y0
    }
}
