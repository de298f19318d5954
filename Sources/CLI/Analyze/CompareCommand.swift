import ArgumentParser
import Foundation
import NeuralODE

/// `ode-analyze compare`: a learned model against the true system (prediction time, D_stsp, spectra, Lyapunov spectra).
public struct CompareCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare a learned model with the true system: valid prediction time, D_stsp, spectra.",
        discussion: """
        The system runs --transient, then --duration sampled every --dt: the attractor's RMS \
        size, occupancy and power spectra. From --held-out states spaced along that run, model \
        and system run --horizon; the valid prediction time is the first time the error divided \
        by the RMS size exceeds --threshold (0.4), reported in time units and in Lyapunov times \
        (when lambda_1 > 0). D_stsp is the KL divergence of the occupancy histograms (--bins per \
        axis over the true run's box, widened 10%); spectra are compared per component by the \
        Hellinger distance (Hann window, Gaussian smoothing of 2 bins). The Lyapunov spectra of \
        both come from tangent dynamics (as ode-analyze lyapunov, 500 time units).

        Examples:
          ode-analyze compare --model lorenz.json --system lorenz --json
          ode-analyze compare --model gallery/data/vdp.json --system van-der-pol --horizon 20 --json
        """)

    @OptionGroup(title: "System and model") public var dynamics: DynamicsOptions

    @OptionGroup(title: "Held-out predictions and long runs") public var settings: PredictionOptions

    @Option(help: ArgumentHelp("Occupancy grid cells per axis.", valueName: "n"))
    public var bins: Int = 20

    @Flag(help: "Print the result as one JSON object on stdout.")
    public var json = false

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func validate() throws {
        guard (2...200).contains(bins) else { throw ValidationError("--bins must be in 2...200 (got \(bins))") }
    }

    public func run() throws {
        guard dynamics.systemOptions.isGiven else { throw ProgramError.badInput("give --system NAME|FILE.ode or --equations TEXT (the true dynamics)") }
        guard let model = dynamics.model else { throw ProgramError.badInput("give --model FILE (the learned model to compare)") }
        let system = try dynamics.systemOptions.field()
        let mlp = try LearnedInputs.model(model).mlp
        guard mlp.stateDim == system.dimension else {
            throw ProgramError.badInput("model \(model) has state_dim \(mlp.stateDim) but \(system.spec.name) has \(system.dimension)")
        }
        let state = try DynamicsSource.system(system).initialState(dynamics.y0?.values, system: dynamics.systemOptions)
        var comparison = settings.comparison
        comparison.bins = bins
        let result: DynamicsComparison.Result
        do {
            result = try comparison.compare(truth: system, model: mlp, initialState: state)
        } catch {
            if case .invalid = error { throw ProgramError.badInput(error.description) }
            throw ProgramError.failure(error.description)
        }
        StandardStreams.writeOutput(json ? Self.json(result, comparison: comparison) + "\n" : Self.text(result))
    }

    static func json(_ r: DynamicsComparison.Result, comparison: DynamicsComparison) -> String {
        func list(_ values: [Double]) -> String { "[" + values.map { "\($0)" }.joined(separator: ",") + "]" }
        let fields = [
            "\"true_spectrum\":\(list(r.trueSpectrum))",
            "\"learned_spectrum\":\(list(r.learnedSpectrum))",
            "\"largest_exponent_relative_error\":" + (r.trueSpectrum[0] != 0
                ? "\((r.learnedSpectrum[0] - r.trueSpectrum[0]) / abs(r.trueSpectrum[0]))" : "null"),
            "\"valid_prediction_time\":{\"threshold\":\(comparison.threshold),\"horizon\":\(comparison.predictionHorizon),"
                + "\"median\":\(r.medianValidTime),\"median_lyapunov_times\":\(r.medianValidLyapunovTimes.map { "\($0)" } ?? "null"),"
                + "\"capped\":\(r.capped),\"times\":\(list(r.validTimes))}",
            "\"attractor_rms_size\":\(r.attractorSize)",
            "\"state_space_divergence\":\(r.stateSpaceDivergence.isFinite ? "\(r.stateSpaceDivergence)" : "null")",
            "\"bins\":\(comparison.bins)",
            "\"spectrum_hellinger\":\(list(r.spectrumDistances))",
        ]
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func text(_ r: DynamicsComparison.Result) -> String {
        func f(_ v: Double) -> String { String(format: "%.4f", v) }
        return [
            "true Lyapunov spectrum:    " + r.trueSpectrum.map(f).joined(separator: "  "),
            "learned Lyapunov spectrum: " + r.learnedSpectrum.map(f).joined(separator: "  "),
            "median valid prediction time: \(f(r.medianValidTime))" + (r.medianValidLyapunovTimes.map { " (\(f($0)) Lyapunov times)" } ?? ""),
            "state-space divergence D_stsp: \(f(r.stateSpaceDivergence))",
            "power-spectrum Hellinger distance per component: " + r.spectrumDistances.map(f).joined(separator: "  "),
        ].joined(separator: "\n") + "\n"
    }
}
