import ArgumentParser
import NeuralODE

/// Options of the gradient methods themselves: adjoint tolerances and norm, finite-difference step.
public struct GradMethodOptions: ParsableArguments {
    @Option(name: .customLong("adjoint-rtol"), parsing: .unconditional,
            help: ArgumentHelp("Relative tolerance of the adjoint's backward solve (default: --rtol).", valueName: "r"))
    public var adjointRtol: Double?

    @Option(name: .customLong("adjoint-atol"), parsing: .unconditional,
            help: ArgumentHelp("Absolute tolerance of the adjoint's backward solve (default: --atol).", valueName: "a"))
    public var adjointAtol: Double?

    @Flag(help: "Leave the parameter part out of the adjoint's error control (a seminorm: fewer backward steps).")
    public var seminorm = false

    @Option(name: .customLong("fd-step"), parsing: .unconditional,
            help: ArgumentHelp("Relative finite-difference step: x ± step·max(1, |x|).", valueName: "eps"))
    public var fdStep: Double = 1e-6

    @Flag(name: .customLong("fd-resolve"),
          help: "Let each perturbed solve choose its own steps (default: replay the unperturbed steps).")
    public var fdResolve = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Threads for finite differences (default: every core).", valueName: "n"))
    public var threads: Int?

    public init() {}

    public func validate() throws {
        for (name, value) in [("--adjoint-rtol", adjointRtol), ("--adjoint-atol", adjointAtol), ("--fd-step", fdStep)] {
            if let value, !(value > 0 && value.isFinite) {
                throw ValidationError("\(name) must be a positive number (got \(value))")
            }
        }
        if let threads, let problem = ThreadCount.problem(threads) { throw ValidationError("--threads \(problem)") }
    }

    /// The gradient settings for the resolved solver settings and loss.
    func settings(_ solver: SolverSettings, loss: LossKind) throws -> GradientSettings {
        var adjointController: StepSizeController?
        if adjointRtol != nil || adjointAtol != nil {
            guard case .adaptive(var pi) = solver.controller else {
                throw ProgramError.badInput("--adjoint-rtol/--adjoint-atol need an adaptive method (not --dt)")
            }
            if let adjointRtol { pi.rtol = adjointRtol }
            if let adjointAtol { pi.atol = adjointAtol }
            adjointController = .adaptive(pi)
        }
        return GradientSettings(method: solver.method, controller: solver.controller, loss: loss,
                                adjointController: adjointController, adjointSeminorm: seminorm,
                                finiteDifferenceStep: fdStep, finiteDifferenceFreezesSteps: !fdResolve,
                                threads: threads)
    }
}
