/// One explicit Runge–Kutta step at a time, for callers that drive their own stepping (tests,
/// experiments); solves go through `ODESolve`, which runs the same kernel inside its loop.
///
/// Nothing here allocates after `init`. `step` evaluates every stage afresh, so it can re-run any
/// recorded step (t, h) from its starting state; after it, `stage(i)` holds kᵢ = f(t + cᵢh, Yᵢ).
public final class RungeKuttaWorkspace {
    let kernel: RungeKuttaKernel
    private var nextValid = false

    /// Makes buffers for `tableau` on states of `stateSize` doubles.
    public init(tableau: ButcherTableau, stateSize: Int) {
        precondition(stateSize > 0, "state size must be positive")
        kernel = RungeKuttaKernel(tableau: tableau, stateSize: stateSize)
    }

    /// The method being stepped.
    public var tableau: ButcherTableau { kernel.tableau }
    /// Number of doubles in the state.
    public var stateSize: Int { kernel.stateSize }
    /// Number of calls of the vector field made through this workspace so far.
    public var evaluations: Int { kernel.evaluations }
    /// Local error estimate h·Σ eᵢkᵢ of the last step (zero for methods without an embedded pair).
    public var error: UnsafeMutablePointer<Double> { kernel.error }

    /// Stage derivative kᵢ of the last step (0-based).
    public func stage(_ i: Int) -> UnsafePointer<Double> { UnsafePointer(kernel.k[i]) }

    /// Takes one step of size `h` (negative to go backward) from (t, y), writing y(t + h) into `yNew`.
    ///
    /// Evaluates every stage afresh (`tableau.stages` evaluations); `error` receives the local
    /// error estimate. `y` and `yNew` must not alias.
    public func step<F: VectorField>(_ field: F, t: Double, h: Double,
                                     y: UnsafePointer<Double>, into yNew: UnsafeMutablePointer<Double>) {
        let evaluator = PlainEvaluator(field: field)
        kernel.evaluateFirst(evaluator, t: t, y: y, slot: 0)
        kernel.attempt(evaluator, t: t, h: h, y: y, into: yNew, slotBase: 0)
        nextValid = false
    }

    /// Writes the interpolant at t + θh of the last step (t, h, y → yNew) into `out`.
    ///
    /// Uses the tableau's dense output y + h·Σ bᵢ(θ)kᵢ, or cubic Hermite through (y, f(t, y)) and
    /// (yNew, f(t+h, yNew)); for a method that is neither dense nor FSAL that costs one evaluation.
    /// Call it after `step` and before stepping again.
    public func interpolate<F: VectorField>(_ field: F, t: Double, h: Double, theta: Double,
                                            y: UnsafePointer<Double>, yNew: UnsafePointer<Double>,
                                            into out: UnsafeMutablePointer<Double>) {
        if !kernel.hasDense && !kernel.isFSAL && !nextValid {
            field.evaluate(t: t + h, y: yNew, dy: kernel.fNext)
            kernel.evaluations += 1
            nextValid = true
        }
        kernel.interpolate(h: h, theta: theta, y: y, yNew: yNew, into: out)
    }
}
