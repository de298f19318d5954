/// A right-hand side f(t, y) of an ODE on a flat state of `stateSize` doubles.
///
/// A batch of B states of dimension d is one flat state of B·d doubles, state-major
/// (`y[b*d + i]` is component i of state b). Implementations must not allocate in
/// `evaluate`: solvers call it inside their steps.
public protocol VectorField {
    /// Number of doubles in the state (batch size times dimension for a batch).
    var stateSize: Int { get }
    /// Writes f(t, y) into `dy`. `y` and `dy` each hold `stateSize` doubles and never alias.
    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>)
}

/// A vector field with parameters θ that can pull a cotangent back through f.
public protocol DifferentiableField: VectorField {
    /// Number of parameters θ (one flat vector).
    var parameterCount: Int { get }
    /// Computes vᵀ ∂f/∂y into `vy` (overwritten) and adds vᵀ ∂f/∂θ into `vtheta` (accumulated).
    ///
    /// `v` and `vy` hold `stateSize` doubles, `vtheta` holds `parameterCount` doubles.
    func vjp(t: Double, y: UnsafePointer<Double>, v: UnsafePointer<Double>,
             vy: UnsafeMutablePointer<Double>, vtheta: UnsafeMutablePointer<Double>)
}

/// A vector field that can write its Jacobian ∂f/∂y (used by stiff solvers).
public protocol JacobianField: VectorField {
    /// Writes ∂f/∂y at (t, y) into `jacobian`, row-major stateSize × stateSize (row i holds ∂fᵢ/∂yⱼ).
    func jacobian(t: Double, y: UnsafePointer<Double>, into jacobian: UnsafeMutablePointer<Double>)
}
