import ArgumentParser
import NeuralODE

/// `--data FILE.csv`, or `--system` with `--y0`, `--t0`, `--t1`, `--points`: the observations that
/// ode-grad and ode-plot adjoint differentiate a model's loss against.
///
/// A `.ode` system (or `--equations`) supplies `--y0` (its initial values), `--t0` and `--t1`
/// (`@ t0`, t0 + `total`) when they are not given; a built-in system needs `--y0` and `--t1`.
public struct ObservationOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Observations (CSV) instead of --system.", valueName: "file.csv"))
    public var data: String?

    @OptionGroup public var systemOptions: SystemOptions

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Initial states for --system, separated by ';' (default: a .ode file's initial values).",
                               valueName: "x,y;x,y"),
            transform: { try StateList.parse($0, option: "--y0") })
    public var y0: [[Double]]?

    @Option(parsing: .unconditional, help: ArgumentHelp("Start time of simulated observations (default 0, or a .ode file's t0).",
                                                         valueName: "t"))
    public var t0: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("End time of simulated observations (default: a .ode file's t0 + total).",
                                                         valueName: "t"))
    public var t1: Double?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Number of observation times of simulated data, at least 2 (default 101 in ode-grad, 6 in ode-plot adjoint).",
                               valueName: "n"))
    public var points: Int?

    public init() {}

    public func validate() throws {
        switch (data, systemOptions.isGiven) {
        case (nil, false): throw ValidationError("give --data FILE.csv or --system NAME")
        case (.some, true): throw ValidationError("give --data or --system, not both")
        case (.some, false):
            if y0 != nil || t0 != nil || t1 != nil { throw ValidationError("--y0, --t0 and --t1 apply to --system, not to --data") }
        case (nil, true): break
        }
        if let points, points < 2 { throw ValidationError("--points must be at least 2 (got \(points))") }
        if let t1, let t0 = t0 ?? (t1.isFinite ? 0 : nil), !(t1.isFinite && t1 > t0) {
            throw ValidationError("--t1 must be a finite time after --t0 (\(t0))")
        }
    }

    /// The observations for `mlp`: loaded from --data, or simulated from the system.
    func observations(mlp: MLP, defaultPoints: Int) throws -> GradObservations {
        if let data { return try GradObservations.load(path: data, mlp: mlp) }
        let defaults = try systemOptions.textDefaults()
        guard let states = y0 ?? defaults.map({ [$0.initialState] }), let end = t1 ?? defaults?.t1 else {
            throw ProgramError.badInput("--system needs --y0 and --t1 (a .ode file or --equations supplies them)")
        }
        let start = t0 ?? defaults?.t0 ?? 0
        guard end.isFinite, end > start else { throw ProgramError.badInput("--t1 must be a finite time after --t0 (\(start))") }
        return try GradObservations.simulate(systemOptions, states: states, t0: start, t1: end, points: points ?? defaultPoints, mlp: mlp)
    }
}
