import ArgumentParser
import NeuralODE

/// `--transient`, `--t1`, `--exponents`, `--interval`: how `ode-analyze lyapunov` and `ode-plot lyapunov` estimate.
public struct LyapunovOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Time to discard before averaging.", valueName: "T"))
    public var transient: Double = 50

    @Option(parsing: .unconditional, help: ArgumentHelp("Averaging time after the transient.", valueName: "T"))
    public var t1: Double = 1000

    @Option(help: ArgumentHelp("How many exponents, the largest first (default: all).", valueName: "k"))
    public var exponents: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Time between re-orthonormalisations.", valueName: "tau"))
    public var interval: Double = 0.5

    public init() {}

    public func validate() throws {
        guard transient.isFinite, transient >= 0 else { throw ValidationError("--transient must be non-negative (got \(transient))") }
        guard t1.isFinite, t1 > 0 else { throw ValidationError("--t1 must be positive (got \(t1))") }
        guard interval.isFinite, interval > 0, interval <= t1 else {
            throw ValidationError("--interval must be positive and at most --t1 (got \(interval))")
        }
        if let exponents, exponents < 1 { throw ValidationError("--exponents must be at least 1 (got \(exponents))") }
    }

    /// The estimator's settings, keeping at most `records` running estimates.
    public func settings(records: Int) -> LyapunovSettings {
        LyapunovSettings(transient: transient, duration: t1, exponents: exponents, interval: interval, maxRecords: records)
    }
}
