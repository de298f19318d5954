import ArgumentParser
import NeuralODE

/// Where `ode-train`'s data come from: a named system simulated (`--system`, `--ics`, `--t1`, `--points`,
/// `--noise`) or a CSV file (`--data`), and the held-out trajectories.
public struct TrainDataOptions: ParsableArguments {
    @OptionGroup public var systemOptions: SystemOptions

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Initial states of the training trajectories, ';' between states.", valueName: "x,y;x,y"),
            transform: { try StateList.parse($0, option: "--ics") })
    public var ics: [[Double]]?

    @Option(parsing: .unconditional, help: ArgumentHelp("End of the observation interval [0, t1] (default 10).", valueName: "t"))
    public var t1: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Observations per trajectory, evenly spaced (default 101).", valueName: "n"))
    public var points: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Noise standard deviation (default 0).", valueName: "sigma"))
    public var noise: Double?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Carry each initial state this long before observing (default 0; lorenz preset 10).", valueName: "T"))
    public var transient: Double?

    @Flag(inversion: .prefixedNo,
          help: "Train on standardised data (per-component mean and deviation) folded back into the model (default: the preset's; lorenz on).")
    public var standardize: Bool?

    @Option(help: ArgumentHelp("Train on this CSV data file instead of simulated data.", valueName: "file.csv"))
    public var data: String?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Held-out initial states, simulated clean from the system (--system or the preset's).",
                               valueName: "x,y;x,y"),
            transform: { try StateList.parse($0, option: "--holdout") })
    public var holdout: [[Double]]?

    @Option(name: .customLong("holdout-data"),
            help: ArgumentHelp("Held-out trajectories from a CSV data file.", valueName: "file.csv"))
    public var holdoutData: String?

    public init() {}

    public func validate() throws {
        if data != nil, ics != nil || noise != nil {
            throw ValidationError("--ics and --noise make simulated data; they do not apply to --data")
        }
        if let t1, !(t1 > 0 && t1.isFinite) { throw ValidationError("--t1 must be a positive number (got \(t1))") }
        if let transient, !(transient >= 0 && transient.isFinite) { throw ValidationError("--transient must be a number ≥ 0 (got \(transient))") }
        if data != nil, transient != nil { throw ValidationError("--transient applies to simulated data, not --data") }
        if let points, points < 2 { throw ValidationError("--points must be at least 2 (got \(points))") }
        if let noise, !(noise >= 0 && noise.isFinite) { throw ValidationError("--noise must be a number ≥ 0 (got \(noise))") }
        if holdout != nil, holdoutData != nil { throw ValidationError("give --holdout or --holdout-data, not both") }
    }
}
