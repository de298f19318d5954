import NeuralODE

/// A learned model against its true system on held-out attractor states: what the prediction figures share.
///
/// Runs `DynamicsComparison.compare` (the same computation as `ode-analyze compare`), so the
/// figures' numbers are that command's numbers for the same settings.
public struct PredictionComparison {
    /// The true system.
    public var system: SystemField
    /// The learned model.
    public var model: LearnedModel
    /// Where the true run starts (its transient is discarded); nil takes the system's example state.
    public var initialState: [Double]?
    /// The comparison's settings (held-out states, threshold, horizon, Lyapunov runs).
    public var comparison = DynamicsComparison()

    public init(system: SystemField, model: LearnedModel) throws(FigureError) {
        guard model.stateDimension == system.dimension else {
            throw .invalidInput("the model has \(model.stateDimension) state components, \(system.spec.name) has \(system.dimension)")
        }
        self.system = system
        self.model = model
    }

    /// The comparison's result.
    public func compute() throws(FigureError) -> DynamicsComparison.Result {
        let y0 = initialState ?? system.spec.exampleInitialState
        do {
            return try comparison.compare(truth: system, model: model.mlp, initialState: y0)
        } catch {
            if case .invalid(let reason) = error { throw .invalidInput(reason) }
            throw .computationFailed(error.description)
        }
    }

    /// The numbers both figures may quote: `states`, `threshold`, `horizon`, true and learned
    /// `lambda1`/`learnedLambda1`, the `lambdaError` (relative, in percent), `lyapunovTime`, the
    /// `median` valid time and `medianLyapunovTimes`, the shortest and longest (`shortest`,
    /// `longest`, in Lyapunov times), the `capped` count, the attractor's RMS `size`, and the
    /// state-space `divergence` D_stsp of the long runs.
    public func keyNumbers(_ r: DynamicsComparison.Result) -> [KeyNumber] {
        let lambda = r.trueSpectrum.first ?? .nan
        var out = [KeyNumber("states", count: r.validTimes.count), KeyNumber("threshold", setting: comparison.threshold),
                   KeyNumber("horizon", setting: comparison.predictionHorizon),
                   KeyNumber("lambda1", lambda, significant: 4),
                   KeyNumber("learnedLambda1", r.learnedSpectrum.first ?? .nan, significant: 4),
                   KeyNumber("median", r.medianValidTime, significant: 3),
                   KeyNumber("capped", count: r.capped), KeyNumber("size", r.attractorSize, significant: 3),
                   KeyNumber("divergence", r.stateSpaceDivergence, significant: 2)]
        if lambda > 0 {
            out.append(KeyNumber("lambdaError", percent: abs((r.learnedSpectrum.first ?? .nan) - lambda) / lambda))
            out.append(KeyNumber("lyapunovTime", 1 / lambda, significant: 3))
            let inTimes = r.validTimes.map { $0 * lambda }
            out.append(KeyNumber("medianLyapunovTimes", r.medianValidTime * lambda, significant: 3))
            out.append(KeyNumber("shortest", inTimes.min() ?? .nan, significant: 2))
            out.append(KeyNumber("longest", inTimes.max() ?? .nan, significant: 2))
        }
        return out
    }
}
