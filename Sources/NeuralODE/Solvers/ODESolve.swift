/// The single entry point for integrating an ODE (problem, solver, controller and output as separate values).
///
/// ```swift
/// let problem = ODEProblem(field: myField, t0: 0, t1: 10, y0: [2, 0])
/// let solution = try ODESolve.solve(problem, method: .tsit5,
///                                   controller: .tolerances(rtol: 1e-8, atol: 1e-10), saveAt: .points(101))
/// if let failure = solution.failure { print(failure) }   // the states up to failure.time are kept
/// ```
/// Fixed step (`.fixed(dt:)`): steps on the grid t0 + k·dt, the last shortened to land on t1; output
/// times on the grid take the step's state, others the method's dense output (bs3, dopri5, tsit5) or
/// cubic Hermite interpolation between the step's ends (euler, midpoint, rk4, rk4-38, rosenbrock23 uses
/// its own interpolant); outputs never change the step sequence. Adaptive methods interpolate every
/// requested time with their dense output.
public enum ODESolve {
    // The built-in systems' field gets a specialised copy that callers in other modules reach: without
    // it they run the stepper unspecialised, each stage and error norm through witness tables. Other
    // fields take the generic path.

    /// Integrates `problem` and returns the saved states with statistics; a solver failure is in `failure`.
    ///
    /// Throws only for settings that make the solve impossible to start (wrong y0 size, a fixed-step
    /// method under the adaptive controller, a non-positive dt, output times outside [t0, t1]).
    @_specialize(exported: true, where F == SystemField)
    public static func solve<F: VectorField>(_ problem: ODEProblem<F>, method: SolverMethod,
                                             controller: StepSizeController,
                                             saveAt: SaveAt = .final) throws(ODEConfigurationError) -> ODESolution {
        let requested = try validate(problem, method: method, controller: controller, saveAt: saveAt)
        if method == .rosenbrock23 {
            if let jacobianField = problem.field as? any JacobianField {
                return solveRosenbrock(jacobianField, problem: problem, controller: controller, requested: requested)
            }
            let wrapped = FiniteDifferenceJacobian(problem.field)
            return solveRosenbrock(wrapped, problem: problem, controller: controller, requested: requested)
        }
        guard let tableau = method.tableau else { preconditionFailure("every explicit method has a tableau") }
        let kernel = RungeKuttaKernel(tableau: tableau, stateSize: problem.field.stateSize)
        let stepper = ExplicitRKStepper(evaluator: PlainEvaluator(field: problem.field), kernel: kernel)
        return run(stepper, problem: problem, controller: controller, requested: requested)
    }

    private static func solveRosenbrock<J: JacobianField, F: VectorField>(
        _ field: J, problem: ODEProblem<F>, controller: StepSizeController, requested: [Double]?
    ) -> ODESolution {
        run(Rosenbrock23Stepper(field: field), problem: problem, controller: controller, requested: requested)
    }

    private static func run<S: Stepper, F: VectorField>(_ stepper: S, problem: ODEProblem<F>,
                                                         controller: StepSizeController,
                                                         requested: [Double]?) -> ODESolution {
        let n = stepper.stateSize
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: 3 * n)
        defer { buffer.deallocate() }
        problem.y0.withUnsafeBufferPointer { source in
            for i in 0..<n { buffer[i] = source[i] }
        }
        let outputs = OutputBuffer()
        var recorder = OutputRecorder(requested: requested, direction: problem.t1 >= problem.t0 ? 1 : -1,
                                      stateSize: n, buffer: outputs, scratch: buffer + 2 * n)
        let loop = IntegrationLoop(stepper: stepper, t0: problem.t0, t1: problem.t1, controller: controller)
        let outcome = loop.run(buffer, recorder: &recorder)
        return ODESolution(times: outputs.times,
                           states: Array(UnsafeBufferPointer(start: outputs.states, count: outputs.count * n)),
                           stateSize: n, statistics: outcome.statistics, failure: outcome.failure,
                           lastTime: outcome.t, lastState: Array(UnsafeBufferPointer(start: outcome.state, count: n)))
    }

    private static func validate<F: VectorField>(_ problem: ODEProblem<F>, method: SolverMethod,
                                                 controller: StepSizeController,
                                                 saveAt: SaveAt) throws(ODEConfigurationError) -> [Double]? {
        let n = problem.field.stateSize
        guard n > 0 else { throw .invalid("the system has no state (size 0)") }
        guard problem.y0.count == n else { throw .stateSizeMismatch(expected: n, got: problem.y0.count) }
        guard problem.t0.isFinite, problem.t1.isFinite else {
            throw .invalid("t0 and t1 must be finite, got \(problem.t0) and \(problem.t1)")
        }
        guard problem.y0.allSatisfy(\.isFinite) else { throw .invalid("the initial state must be finite") }
        switch controller {
        case .constant(let constant):
            guard constant.dt > 0, constant.dt.isFinite else { throw .invalid("step size dt must be positive, got \(constant.dt)") }
            guard abs(problem.t1 - problem.t0) / constant.dt < 1e15 else { throw .invalid("step size dt \(constant.dt) is too small for the interval") }
            guard constant.maxSteps >= 1 else { throw .invalid("maxSteps must be at least 1") }
        case .adaptive(let pi):
            guard method.isAdaptive else { throw .methodNotAdaptive(method) }
            if let message = pi.validationMessage() { throw .invalid(message) }
        }
        switch saveAt.resolvedTimes(t0: problem.t0, t1: problem.t1) {
        case .success(let times): return times
        case .failure(let error): throw error
        }
    }
}
