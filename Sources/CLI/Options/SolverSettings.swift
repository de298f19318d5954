import NeuralODE

/// The method and step-size controller that `SolverOptions` ask for, checked against each other.
public struct SolverSettings: Sendable {
    /// The integration method.
    public let method: SolverMethod
    /// Constant steps (`--dt`) or the PI controller (`--rtol`/`--atol`).
    public let controller: StepSizeController

    /// Resolves the options; throws `ProgramError.badInput` when a fixed-step method has no `--dt`.
    ///
    /// The method defaults to dopri5, or rk4 when `--dt` is given; `--dt` gives constant steps
    /// with any method; a fixed-step method without `--dt` is an error.
    public init(_ options: SolverOptions) throws {
        method = options.method ?? (options.dt == nil ? .dopri5 : .rk4)
        if let dt = options.dt {
            var constant = ConstantStepSize(dt: dt)
            if let maxSteps = options.maxSteps { constant.maxSteps = maxSteps }
            controller = .constant(constant)
        } else {
            guard method.isAdaptive else {
                let adaptive = SolverMethod.allCases.filter(\.isAdaptive).map(\.name).joined(separator: ", ")
                throw ProgramError.badInput("method \(method.name) takes constant steps: give --dt, or choose an adaptive method (\(adaptive))")
            }
            var pi = PIController()
            if let rtol = options.rtol { pi.rtol = rtol }
            if let atol = options.atol { pi.atol = atol }
            if let maxSteps = options.maxSteps { pi.maxSteps = maxSteps }
            controller = .adaptive(pi)
        }
    }
}
