/// What the integration loop needs from a method: attempt a step, estimate its error, interpolate, accept.
///
/// Conformers hold their field and buffers; none of these calls allocates.
protocol Stepper {
    /// Doubles in the state.
    var stateSize: Int { get }
    /// Order of the propagated solution (used for the automatic initial step).
    var order: Int { get }
    /// k in the controller's exponents: one more than the lower order of the embedded pair.
    var controllerOrder: Int { get }
    /// Local error estimate of the last attempt.
    var errorEstimate: UnsafePointer<Double> { get }
    /// Makes (t, y) the current point and computes f there.
    func begin(t: Double, y: UnsafePointer<Double>)
    /// f at the current point (valid after `begin` and `accept`).
    var currentDerivative: UnsafePointer<Double> { get }
    /// One counted evaluation of the field.
    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>)
    /// Attempts a step of size h from the current point (t, y), writing the result into `yNew`.
    func attempt(t: Double, h: Double, y: UnsafePointer<Double>, into yNew: UnsafeMutablePointer<Double>)
    /// The interpolant of the last attempt at t + θh.
    func interpolate(t: Double, h: Double, theta: Double, y: UnsafePointer<Double>, yNew: UnsafePointer<Double>,
                     into out: UnsafeMutablePointer<Double>)
    /// Moves the current point to the end of the last attempt.
    func accept()
    /// Adds this stepper's evaluation counts to `statistics`.
    func record(into statistics: inout SolveStatistics)
}

/// An explicit Runge–Kutta method on a concrete field.
struct ExplicitRKStepper<Field: VectorField>: Stepper {
    let field: Field
    let workspace: RungeKuttaWorkspace

    var stateSize: Int { workspace.stateSize }
    var order: Int { workspace.tableau.order }
    var controllerOrder: Int { min(workspace.tableau.order, workspace.tableau.embeddedOrder ?? workspace.tableau.order) + 1 }
    var errorEstimate: UnsafePointer<Double> { UnsafePointer(workspace.error) }
    var currentDerivative: UnsafePointer<Double> { workspace.currentDerivative }

    func begin(t: Double, y: UnsafePointer<Double>) { workspace.begin(field, t: t, y: y) }

    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        field.evaluate(t: t, y: y, dy: dy)
        workspace.evaluations += 1
    }

    func attempt(t: Double, h: Double, y: UnsafePointer<Double>, into yNew: UnsafeMutablePointer<Double>) {
        workspace.advance(field, t: t, h: h, y: y, into: yNew)
    }

    func interpolate(t: Double, h: Double, theta: Double, y: UnsafePointer<Double>, yNew: UnsafePointer<Double>,
                     into out: UnsafeMutablePointer<Double>) {
        workspace.interpolate(field, t: t, h: h, theta: theta, y: y, yNew: yNew, into: out)
    }

    func accept() { workspace.accept() }

    func record(into statistics: inout SolveStatistics) {
        statistics.functionEvaluations += workspace.evaluations
    }
}
