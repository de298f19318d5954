import Foundation

/// ‖∂L/∂θ‖ of the training loss against the training horizon T, on a chaotic system (Misconception 5).
///
/// From each start state (on the attractor) the loss is the MSE between the model's trajectory and
/// the true one observed every `observationInterval` over [0, T], as `ode-train` computes it on one
/// window, and its gradient comes from backpropagation through the solver (`GradientEngine`). The
/// sensitivity ∂ŷ(t)/∂θ of a chaotic model grows like e^{λ₁t}, and so does the gradient of any
/// loss that looks that far: a longer window does not give a more informative gradient, only a
/// larger and more erratic one. `growthRate` fits log(median norm) against T (least squares over
/// the horizons from `fitFrom` on), to compare with λ₁.
public struct HorizonGradient {
    /// Horizons T, increasing (each rounded to a whole number of observation intervals).
    public var horizons: [Double]
    /// Spacing of the observations (the training data's).
    public var observationInterval = 0.01
    /// Solver of the model (the training preset's).
    public var settings = GradientSettings(method: .rk4, controller: .fixed(dt: 0.01))
    /// Horizons from this one on enter the growth-rate fit.
    public var fitFrom = 0.5

    /// `count` horizons spaced evenly from `low` to `high`.
    public init(from low: Double = 0.1, to high: Double = 5, count: Int = 25) {
        horizons = (0..<count).map { low + (high - low) * Double($0) / Double(max(count - 1, 1)) }
    }

    /// The norms at every horizon.
    public struct Result: Sendable {
        /// The horizons measured (rounded to the observation grid).
        public var horizons: [Double]
        /// norms[s][h]: ‖∂L/∂θ‖ from start s at horizon h.
        public var norms: [[Double]]
        /// The median over the starts at each horizon.
        public var medianNorms: [Double]
        /// Slope of log(median norm) against T over the fitted horizons.
        public var growthRate: Double
    }

    /// The gradient norms of `model` against the truth from every state of `starts` (each on the attractor).
    public func measure<T: VectorField>(model: MLP, truth: T, starts: [[Double]]) throws(LyapunovError) -> Result {
        let d = truth.stateSize
        guard model.stateDim == d, !model.timeInput else {
            throw .invalid("the model must be autonomous with state_dim \(d)")
        }
        guard !starts.isEmpty, starts.allSatisfy({ $0.count == d }) else { throw .invalid("give start states of \(d) values") }
        guard !horizons.isEmpty, observationInterval > 0 else { throw .invalid("give horizons and a positive observation interval") }
        let rounded = horizons.map { max(1, ($0 / observationInterval).rounded()) * observationInterval }
        let field = MLPField(model, batchSize: 1)
        let engine = GradientEngine(field: field)
        var norms: [[Double]] = []
        for start in starts {
            var row: [Double] = []
            for T in rounded {
                let steps = Int((T / observationInterval).rounded())
                let truePath = try DynamicsComparison.run(truth, y0: start, duration: T, saveAt: .points(steps + 1))
                let times = (0...steps).map { Double($0) * observationInterval }
                let result: GradientResult
                do {
                    let batch = try ObservationBatch(times: times, initialStates: model.augmentedInitialState(start),
                                                     targets: truePath, trajectoryCount: 1,
                                                     stateDimension: model.odeDimension, observedDimension: d)
                    result = try engine.gradient(batch, method: .backprop, settings: settings)
                } catch {
                    throw .invalid(error.description)
                }
                if let failure = result.failure { throw .invalid("the model's solve failed: \(failure)") }
                row.append(result.parameterGradient.reduce(0) { $0 + $1 * $1 }.squareRoot())
            }
            norms.append(row)
        }
        let medians = rounded.indices.map { h in Self.median(norms.map { $0[h] }) }
        let fitted = rounded.indices.filter { rounded[$0] >= fitFrom && medians[$0] > 0 }
        return Result(horizons: rounded, norms: norms, medianNorms: medians,
                      growthRate: Self.slope(x: fitted.map { rounded[$0] }, y: fitted.map { log(medians[$0]) }))
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : 0.5 * (s[s.count / 2 - 1] + s[s.count / 2])
    }

    /// Least-squares slope of y against x (NaN with fewer than two points).
    static func slope(x: [Double], y: [Double]) -> Double {
        guard x.count >= 2 else { return .nan }
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        var sxy = 0.0, sxx = 0.0
        for i in x.indices {
            sxy += (x[i] - mx) * (y[i] - my)
            sxx += (x[i] - mx) * (x[i] - mx)
        }
        return sxy / sxx
    }
}
