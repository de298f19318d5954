import ArgumentParser
import Figures
import NeuralODE

/// The held-out prediction settings of `ode-analyze compare`, shared with `ode-plot error-growth` and
/// `ode-plot prediction-times`.
public struct PredictionOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Time discarded before sampling.", valueName: "T"))
    public var transient: Double = 50

    @Option(parsing: .unconditional, help: ArgumentHelp("Length of the long runs (statistics; the held-out states lie along the true one).", valueName: "T"))
    public var duration: Double = 500

    @Option(parsing: .unconditional, help: ArgumentHelp("Sample spacing of the runs.", valueName: "dt"))
    public var dt: Double = 0.02

    @Option(name: .customLong("held-out"), help: ArgumentHelp("Number of held-out start states.", valueName: "n"))
    public var heldOut: Int = 50

    @Option(parsing: .unconditional, help: ArgumentHelp("Longest prediction run.", valueName: "T"))
    public var horizon: Double = 25

    @Option(parsing: .unconditional, help: ArgumentHelp("Error / RMS size that ends a valid prediction.", valueName: "x"))
    public var threshold: Double = 0.4

    public init() {}

    public func validate() throws {
        guard transient.isFinite, transient >= 0 else { throw ValidationError("--transient must be non-negative (got \(transient))") }
        guard duration.isFinite, dt.isFinite, dt > 0, duration >= 8 * dt, duration / dt <= 5_000_000 else {
            throw ValidationError("--dt must be positive and --duration between 8 and 5000000 samples long")
        }
        guard (1...10_000).contains(heldOut) else { throw ValidationError("--held-out must be in 1...10000 (got \(heldOut))") }
        guard horizon.isFinite, horizon > 0 else { throw ValidationError("--horizon must be positive (got \(horizon))") }
        guard threshold.isFinite, threshold > 0 else { throw ValidationError("--threshold must be positive (got \(threshold))") }
    }

    /// A comparison with these settings (its other settings at their defaults).
    var comparison: DynamicsComparison {
        var comparison = DynamicsComparison()
        comparison.transient = transient
        comparison.statisticsDuration = duration
        comparison.sampleInterval = dt
        comparison.heldOutStates = heldOut
        comparison.predictionHorizon = horizon
        comparison.threshold = threshold
        return comparison
    }

    /// The comparison of `--model` against `--system` with these settings.
    func prediction(_ dynamics: DynamicsOptions) throws -> PredictionComparison {
        guard dynamics.systemOptions.isGiven else { throw ProgramError.badInput("give --system NAME|FILE.ode or --equations TEXT (the true dynamics)") }
        guard let path = dynamics.model else { throw ProgramError.badInput("give --model FILE (the learned model)") }
        let system = try dynamics.systemOptions.field()
        let model = try LearnedInputs.model(path)
        do throws(FigureError) {
            var prediction = try PredictionComparison(system: system, model: model)
            prediction.initialState = dynamics.y0?.values
            prediction.comparison = comparison
            return prediction
        } catch {
            throw LearnedInputs.programError(error)
        }
    }
}
