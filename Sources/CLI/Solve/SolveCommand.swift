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

        A latent model (flowscope.latent.v1, from ode-train --latent) takes --data PREFIX.csv \
        instead of --y0: each trajectory's observations are encoded to z0 (the posterior mean) \
        at its first time, the latent ODE is solved forward and backward from there, and the \
        decoded states are written with a trajectory column, --points rows per trajectory from \
        --t0 (default its first time) to --t1: reconstruction, extrapolation and the past.

        --dt gives constant steps with any method (the last step is shortened to land on t1); \
        otherwise an adaptive method runs under the PI controller with --rtol/--atol. \
        The method defaults to dopri5, or to rk4 when --dt is given.

        A .ode system (--system FILE.ode or --equations) supplies defaults: --y0 from its initial \
        values, --t0/--t1 from @ t0 and total, --points from @ dt and nout (one row every dt × \
        nout, as XPPAUT writes its output), the method from @ meth (a note on stderr when \
        Flowscope has no equivalent), tolerances from @ tol/atol; @ bound makes a state beyond it \
        a solver failure. Columns: t, the states in the file's order, then aux columns with --aux.

        Systems: \(SystemRegistry.names.joined(separator: ", ")).
        Methods: \(SolverMethod.allNames.joined(separator: ", ")).

        Examples:
          ode-solve --system van-der-pol --y0 2,0 --t1 20
          ode-solve --system assets/systems/fitzhugh-nagumo.ode --aux
          ode-solve --equations "x' = y; y' = -x - c*y; par c=0.1" --y0 1,0 --t1 30
          ode-solve --system van-der-pol --param mu=1000 --y0 2,0 --t1 3000 \\
              --method rosenbrock23 --stats
          ode-solve --system lorenz --param rho=15 --y0 1,1,1 --t1 10 \\
              --points 1001 -o lorenz.csv
          ode-solve --model latent.json --data prefix.csv --t0 -3 --t1 6 --points 400
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

    @Option(help: ArgumentHelp("With a latent model (flowscope.latent.v1): the observed prefix to encode; each trajectory is decoded from --t0 (default its first time) to --t1.",
                               valueName: "prefix.csv"))
    public var data: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Initial state, comma-separated (default: a .ode file's initial values).",
                                                         valueName: "v1,v2,..."),
            transform: { try ValueParsing.numbers($0, option: "--y0") })
    public var y0: [Double]?

    @Option(parsing: .unconditional, help: ArgumentHelp("Start time (default 0, or a .ode file's t0).", valueName: "t"))
    public var t0: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("End time (before --t0 integrates backward; default: a .ode file's t0 + total).",
                                                         valueName: "t"))
    public var t1: Double?

    @Flag(help: "Add a .ode file's aux quantities as columns after the states.")
    public var aux = false

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Number of evenly spaced output times, at least 2 (default 101, or one every @ dt (× @ nout) of a .ode file).",
                               valueName: "n"))
    public var points: Int?

    @OptionGroup(title: "Solver") public var solver: SolverOptions

    @Flag(help: "Print solve statistics as one JSON line on stderr.")
    public var stats = false

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Write the CSV to this file instead of stdout.", valueName: "file.csv"))
    public var output: String?

    @OptionGroup(title: "Reproducibility") public var seed: SeedOptions

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func validate() throws {
        if let points, points < 2 { throw ValidationError("--points must be at least 2 (got \(points))") }
        guard t0?.isFinite ?? true, t1?.isFinite ?? true else { throw ValidationError("--t0 and --t1 must be finite numbers") }
        if let t0, let t1, t0 == t1 { throw ValidationError("--t1 must differ from --t0 (both are \(t0))") }
        switch (systemOptions.isGiven, model) {
        case (false, nil): throw ValidationError("give --system NAME|FILE.ode, --equations TEXT or --model FILE")
        case (true, .some): throw ValidationError("give --system (or --equations) or --model, not both")
        case (false, .some) where !systemOptions.parameters.isEmpty:
            throw ValidationError("--param applies to --system, not to --model")
        default: break
        }
    }

    public func run() throws {
        let destination = try OutputDestination(path: output, allowedExtensions: ["csv"])
        let defaults = model == nil ? try systemOptions.textDefaults() : nil
        var solverOptions = solver
        if let defaults {
            for note in defaults.system.notes { StandardStreams.writeError("note: \(note)\n") }
            let (mapped, note) = try OdeMethodMapping.apply(defaults.system.options, to: solver)
            if let note { StandardStreams.writeError(note + "\n") }
            solverOptions = mapped
        }
        let settings = try SolverSettings(solverOptions)
        if let data, let model {
            guard y0 == nil, !aux else { throw ProgramError.badInput("--data encodes the initial state: drop --y0 and --aux") }
            guard let end = t1 else { throw ProgramError.badInput("give --t1 (the end time)") }
            let text = try LatentSolve(modelPath: model, dataPath: data, t0: t0, t1: end, points: points ?? 101,
                                       settings: settings).run()
            try destination.write(text)
            return
        }
        if data != nil { throw ProgramError.badInput("--data needs --model with a latent model file (flowscope.latent.v1)") }
        guard let initial = y0 ?? defaults?.initialState else {
            throw ProgramError.badInput("give --y0 (the initial state)")
        }
        guard let end = t1 ?? defaults?.t1 else { throw ProgramError.badInput("give --t1 (the end time)") }
        let start = t0 ?? defaults?.t0 ?? 0
        guard start != end else { throw ProgramError.badInput("--t1 must differ from --t0 (both are \(start))") }
        if aux, defaults == nil { throw ProgramError.badInput("--aux needs a .ode system (--system FILE.ode or --equations)") }
        let points = self.points ?? defaults?.outputRows(from: start, to: end) ?? 101
        var trajectory: Trajectory
        if let model {
            trajectory = try TrajectorySolver.solveModel(path: model, y0: initial, t0: start, t1: end,
                                                         points: points, settings: settings)
        } else {
            let field = try systemOptions.field()
            trajectory = try TrajectorySolver.solve(field, componentNames: field.spec.componentNames,
                                                    what: "system \(field.spec.name)", y0: initial,
                                                    t0: start, t1: end, points: points, settings: settings)
            if let defaults {
                trajectory = try TextTrajectoryChecks.apply(defaults.system, field: field, to: trajectory,
                                                            parameters: systemOptions.parameterValues(), aux: aux)
            }
        }
        if stats {
            StandardStreams.writeError(try trajectory.statisticsJSON(method: settings.method) + "\n")
        }
        if let message = trajectory.failureMessage {
            throw ProgramError.failure("solve failed: \(message)")
        }
        try destination.write(trajectory.csv())
    }
}
