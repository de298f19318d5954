import ArgumentParser
import NeuralODE

/// `ode-solve`: integrate a named system or a model file and print the trajectory as CSV.
public struct SolveCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ode-solve",
        abstract: "Integrate a named dynamical system or a neural ODE model file; print the trajectory as CSV.",
        discussion: """
        The output has a header `t,<components>` (`y0,y1,...` for a model) and one row per output \
        time: --points evenly spaced times from --t0 to --t1 inclusive. It goes to stdout, or to \
        the -o file, which is written only when the solve succeeds (never half-written).

        --dt gives constant steps with any method (the last step is shortened to land on t1); \
        otherwise an adaptive method runs under the PI controller with --rtol/--atol. \
        The method defaults to dopri5, or to rk4 when --dt is given.

        Systems: \(SystemRegistry.names.joined(separator: ", ")).
        Methods: \(SolverMethod.allNames.joined(separator: ", ")).

        Examples:
          ode-solve --system van-der-pol --y0 2,0 --t1 20
          ode-solve --system van-der-pol --param mu=1000 --y0 2,0 --t1 3000 \\
              --method rosenbrock23 --stats
          ode-solve --system lorenz --param rho=15 --y0 1,1,1 --t1 10 \\
              --points 1001 -o lorenz.csv
          ode-solve --model assets/models/example-3.1.1.json --y0 1 --t1 0.5 \\
              --method euler --dt 0.25 --points 3

        Exit codes: 0 success; 2 bad input (unknown name, malformed value or model file, \
        wrong dimension); 3 the solve failed (step size underflow, too many steps, non-finite \
        state; the message gives the time) or the output could not be written.
        """,
        version: flowscopeVersion)

    @OptionGroup(title: "System") public var systemOptions: SystemOptions

    @Option(help: ArgumentHelp("A model file (flowscope.mlp.v1 JSON) instead of --system.", valueName: "file"))
    public var model: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Initial state, comma-separated.", valueName: "v1,v2,..."))
    public var y0: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Start time.", valueName: "t"))
    public var t0: Double = 0

    @Option(parsing: .unconditional, help: ArgumentHelp("End time (before --t0 integrates backward).", valueName: "t"))
    public var t1: Double

    @Option(help: ArgumentHelp("Number of evenly spaced output times, at least 2.", valueName: "n"))
    public var points: Int = 101

    @OptionGroup(title: "Solver") public var solver: SolverOptions

    @Flag(help: "Print solve statistics as one JSON line on stderr.")
    public var stats = false

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Write the CSV to this file instead of stdout.", valueName: "file.csv"))
    public var output: String?

    @OptionGroup(title: "Reproducibility") public var seed: SeedOptions

    public init() {}

    public func validate() throws {
        guard points >= 2 else { throw ValidationError("--points must be at least 2 (got \(points))") }
        guard t0.isFinite, t1.isFinite else { throw ValidationError("--t0 and --t1 must be finite numbers") }
        guard t0 != t1 else { throw ValidationError("--t1 must differ from --t0 (both are \(t0))") }
        switch (systemOptions.system, model) {
        case (nil, nil): throw ValidationError("give --system NAME or --model FILE")
        case (.some, .some): throw ValidationError("give --system or --model, not both")
        case (nil, .some) where !systemOptions.parameters.isEmpty:
            throw ValidationError("--param applies to --system, not to --model")
        default: break
        }
    }

    public func run() throws {
        let destination = try OutputDestination(path: output, allowedExtensions: ["csv"])
        let settings = try SolverSettings(solver)
        let initial = try ValueParsing.numbers(y0, option: "--y0")
        let trajectory: Trajectory
        if let model {
            trajectory = try TrajectorySolver.solveModel(path: model, y0: initial, t0: t0, t1: t1,
                                                         points: points, settings: settings)
        } else {
            let field = try systemOptions.field()
            trajectory = try TrajectorySolver.solve(field, componentNames: field.spec.componentNames,
                                                    what: "system \(field.spec.name)", y0: initial,
                                                    t0: t0, t1: t1, points: points, settings: settings)
        }
        if stats {
            StandardStreams.writeError(try trajectory.statisticsJSON(method: settings.method) + "\n")
        }
        if let failure = trajectory.failure {
            throw ProgramError.failure("solve failed: \(failure.description)")
        }
        try destination.write(trajectory.csv())
    }
}
