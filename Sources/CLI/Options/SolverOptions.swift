import ArgumentParser
import NeuralODE

/// `--method`, `--dt`, `--rtol`, `--atol`, `--max-steps`: how to integrate.
///
/// The values are checked at parse time (a known method; positive, finite, not mixed); `SolverSettings`
/// turns them into solver values.
public struct SolverOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Integration method (default: dopri5, or rk4 when --dt is given).",
                               valueName: "method"))
    public var method: SolverMethod?

    @Option(parsing: .unconditional, help: ArgumentHelp("Constant step size (any method; no error control).", valueName: "h"))
    public var dt: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Relative tolerance of an adaptive method (default 1e-6).", valueName: "r"))
    public var rtol: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Absolute tolerance of an adaptive method (default 1e-9).", valueName: "a"))
    public var atol: Double?

    @Option(name: .customLong("max-steps"), parsing: .unconditional, help: ArgumentHelp("Most steps one solve may take.", valueName: "n"))
    public var maxSteps: Int?

    public init() {}

    public func validate() throws {
        if let dt, !(dt > 0 && dt.isFinite) {
            throw ValidationError("--dt must be a positive number (got \(dt))")
        }
        for (name, value) in [("--rtol", rtol), ("--atol", atol)] {
            if let value, !(value > 0 && value.isFinite) {
                throw ValidationError("\(name) must be a positive number (got \(value))")
            }
        }
        if let maxSteps, maxSteps < 1 {
            throw ValidationError("--max-steps must be at least 1 (got \(maxSteps))")
        }
        if dt != nil, rtol != nil || atol != nil {
            throw ValidationError("give either --dt (fixed step) or --rtol/--atol (adaptive), not both")
        }
    }
}
