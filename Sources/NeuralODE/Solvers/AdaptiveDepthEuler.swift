/// Forward Euler that stops as soon as the field is small: Exercise 3.1.9's adaptive depth.
///
/// Before each step of size `dt` (the last one shortened to land on t1) the field f(t, y) is
/// evaluated; when its Euclidean norm is below `threshold` the solve stops and returns the current
/// state as its answer for y(t1) (the state is taken to have settled). With `threshold` 0 it takes
/// exactly the steps of `ODESolve` with `.euler` and `.fixed(dt:)` and returns the same state.
/// Works on the flat state of a batch (the norm is then over the whole batch; solve states one by
/// one to stop each on its own).
public enum AdaptiveDepthEuler {
    /// Where an adaptive-depth solve stopped.
    public struct Result: Sendable, Equatable {
        /// The returned state (y at `stopTime`).
        public var state: [Double]
        /// Time of the returned state: t1 when it ran to the end.
        public var stopTime: Double
        /// Euler steps taken.
        public var steps: Int
        /// Field evaluations (one per step, plus the one that triggered the stop).
        public var functionEvaluations: Int
        /// |f(stopTime, state)| when it stopped early, nil when it reached t1.
        public var stoppingNorm: Double?

        /// True when the threshold ended the solve before t1.
        public var stoppedEarly: Bool { stoppingNorm != nil }
    }

    /// Integrates `problem` with Euler steps of `dt`, stopping once |f| < `threshold`.
    ///
    /// Throws for a state of the wrong size, a non-positive or non-finite `dt`, a negative
    /// threshold, or t1 before t0.
    public static func solve<F: VectorField>(_ problem: ODEProblem<F>, dt: Double,
                                             threshold: Double) throws(ODEConfigurationError) -> Result {
        let n = problem.field.stateSize
        guard problem.y0.count == n else { throw .stateSizeMismatch(expected: n, got: problem.y0.count) }
        guard dt > 0, dt.isFinite else { throw .invalid("step size dt must be positive, got \(dt)") }
        guard threshold >= 0, threshold.isFinite else { throw .invalid("the threshold must be at least 0, got \(threshold)") }
        guard problem.t1 >= problem.t0, problem.t0.isFinite, problem.t1.isFinite else {
            throw .invalid("adaptive depth integrates forward: t1 (\(problem.t1)) must not be before t0 (\(problem.t0))")
        }
        var y = problem.y0
        var dy = [Double](repeating: 0, count: n)
        // The grid of ODESolve's constant steps: a remainder below 1e-9·dt makes no sliver step.
        let total = problem.t1 > problem.t0 ? max(1, Int(((problem.t1 - problem.t0) / dt - 1e-9).rounded(.up))) : 0
        var steps = 0, evaluations = 0
        var t = problem.t0
        while steps < total {
            let tNext = steps + 1 >= total ? problem.t1 : problem.t0 + Double(steps + 1) * dt
            var squared = 0.0
            y.withUnsafeBufferPointer { yp in
                dy.withUnsafeMutableBufferPointer { dp in
                    guard let ya = yp.baseAddress, let da = dp.baseAddress else { return }
                    problem.field.evaluate(t: t, y: ya, dy: da)
                }
            }
            evaluations += 1
            for i in 0..<n { squared += dy[i] * dy[i] }
            let norm = squared.squareRoot()
            if norm < threshold {
                return Result(state: y, stopTime: t, steps: steps, functionEvaluations: evaluations, stoppingNorm: norm)
            }
            let h = tNext - t
            for i in 0..<n { y[i] += h * dy[i] }
            t = tNext
            steps += 1
        }
        return Result(state: y, stopTime: problem.t1, steps: steps, functionEvaluations: evaluations, stoppingNorm: nil)
    }
}
