import Foundation

/// Learned against true dynamics by the measures of the dynamical-systems-reconstruction literature.
///
/// The truth first runs `transient` from `initialState`; one long true run of `statisticsDuration`
/// sampled every `sampleInterval` gives the attractor's RMS size, the reference occupancy and
/// power spectra, and `heldOutStates` start states (evenly spaced along it). From each, truth and
/// model run `predictionHorizon`; the valid prediction time is the first time ‖ŷ − y‖ / RMS size
/// exceeds `threshold`, in Lyapunov times when λ₁ > 0. The model's own long run (after the same
/// transient, from the first start state) gives its occupancy (D_stsp, see `StateSpaceDivergence`)
/// and spectra (Hellinger distance per component). Both Lyapunov spectra use `lyapunov`.
public struct DynamicsComparison {
    public var transient = 50.0
    public var statisticsDuration = 500.0
    public var sampleInterval = 0.02
    public var heldOutStates = 50
    public var predictionHorizon = 25.0
    /// Error / RMS size above which a prediction stops being valid (0.4 in the literature).
    public var threshold = 0.4
    /// Grid cells per axis of the occupancy histograms.
    public var bins = 20
    /// Gaussian smoothing of the power spectra, in frequency bins.
    public var spectrumSmoothing = 2.0
    /// Settings of both Lyapunov spectra.
    public var lyapunov = LyapunovSettings(transient: 20, duration: 500)

    /// Default settings (tuned for Lorenz-like time scales).
    public init() {}

    /// What the comparison found.
    public struct Result: Sendable {
        public var trueSpectrum: [Double]
        public var learnedSpectrum: [Double]
        /// Valid prediction time of each held-out state, in time units.
        public var validTimes: [Double]
        /// The median of `validTimes`, and it divided by the Lyapunov time (nil when λ₁ ≤ 0).
        public var medianValidTime: Double
        public var medianValidLyapunovTimes: Double?
        public var attractorSize: Double
        public var stateSpaceDivergence: Double
        /// Hellinger distance of the power spectra, per component.
        public var spectrumDistances: [Double]
        /// Held-out states whose prediction stayed valid over the whole horizon (their time is a lower bound).
        public var capped: Int
        /// The sample times of the prediction runs (every `sampleInterval` over the horizon).
        public var curveTimes: [Double]
        /// errorCurves[s][j]: ‖ŷ − y‖ / RMS size from held-out state s at `curveTimes[j]` (shorter when the model's run failed).
        public var errorCurves: [[Double]]
        /// The threshold and horizon the valid times were measured with.
        public var threshold: Double
        public var predictionHorizon: Double
    }

    /// Compares `model` with `truth` (same observed dimension; the model may be augmented).
    public func compare<T: JacobianField>(truth: T, model: MLP, initialState: [Double]) throws(LyapunovError) -> Result {
        let d = truth.stateSize
        guard model.stateDim == d else { throw .invalid("the model has state_dim \(model.stateDim) but the system has \(d)") }
        guard initialState.count == d else { throw .invalid("the initial state has \(initialState.count) values, expected \(d)") }
        guard heldOutStates >= 1, threshold > 0, bins >= 2, sampleInterval > 0, predictionHorizon > 0,
              statisticsDuration > sampleInterval * 8 else {
            throw .invalid("comparison settings out of range")
        }
        let samples = Int((statisticsDuration / sampleInterval).rounded()) + 1
        let start = try Self.run(truth, y0: initialState, duration: transient, saveAt: .final)
        let reference = try Self.run(truth, y0: start, duration: statisticsDuration, saveAt: .points(samples))
        let mean = (0..<d).map { i in (0..<samples).reduce(0.0) { $0 + reference[$1 * d + i] } / Double(samples) }
        let size = ((0..<samples).reduce(0.0) { sum, k in
            sum + (0..<d).reduce(0.0) { $0 + pow(reference[k * d + $1] - mean[$1], 2) }
        } / Double(samples)).squareRoot()
        let learnedField = MLPField(model)
        let width = model.odeDimension
        let steps = Int((predictionHorizon / sampleInterval).rounded()) + 1
        var validTimes: [Double] = [], capped = 0, errorCurves: [[Double]] = []
        for s in 0..<heldOutStates {
            let k = s * (samples - 1) / heldOutStates
            let state = Array(reference[(k * d)..<((k + 1) * d)])
            let truePath = try Self.run(truth, y0: state, duration: predictionHorizon, saveAt: .points(steps))
            let learnedPath = (try? Self.run(learnedField, y0: model.augmentedInitialState(state), duration: predictionHorizon,
                                             saveAt: .points(steps))) ?? []
            var curve: [Double] = []
            for j in 0..<steps where learnedPath.count >= (j + 1) * width {
                curve.append((0..<d).reduce(0.0) { $0 + pow(learnedPath[j * width + $1] - truePath[j * d + $1], 2) }.squareRoot() / size)
            }
            if let j = curve.firstIndex(where: { !($0 <= threshold) }) ?? (curve.count < steps ? curve.count : nil) {
                validTimes.append(Double(j) * predictionHorizon / Double(steps - 1))
            } else {
                validTimes.append(predictionHorizon)
                capped += 1
            }
            errorCurves.append(curve)
        }
        let learnedStart = try Self.run(learnedField, y0: model.augmentedInitialState(Array(reference[0..<d])),
                                        duration: transient, saveAt: .final)
        let learnedLong = try Self.run(learnedField, y0: learnedStart, duration: statisticsDuration, saveAt: .points(samples))
        let learnedObserved = (0..<samples).flatMap { learnedLong[($0 * width)..<($0 * width + d)] }
        let divergence = StateSpaceDivergence.divergence(reference: reference, compared: learnedObserved, dimension: d, bins: bins)
        let distances = (0..<d).map { i in
            PowerSpectrum.hellinger(PowerSpectrum.normalised((0..<samples).map { reference[$0 * d + i] }, smoothing: spectrumSmoothing),
                                    PowerSpectrum.normalised((0..<samples).map { learnedObserved[$0 * d + i] }, smoothing: spectrumSmoothing))
        }
        let trueSpectrum = try LyapunovSpectrum.estimate(truth, y0: start, settings: lyapunov).exponents
        let learnedSpectrum = try LyapunovSpectrum.estimate(MLPJacobianField(model), y0: learnedStart, settings: lyapunov).exponents
        let sorted = validTimes.sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : 0.5 * (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2])
        let lambda = trueSpectrum.first ?? 0
        return Result(trueSpectrum: trueSpectrum, learnedSpectrum: learnedSpectrum, validTimes: validTimes,
                      medianValidTime: median, medianValidLyapunovTimes: lambda > 0 ? median * lambda : nil,
                      attractorSize: size, stateSpaceDivergence: divergence, spectrumDistances: distances, capped: capped,
                      curveTimes: (0..<steps).map { Double($0) * predictionHorizon / Double(steps - 1) },
                      errorCurves: errorCurves, threshold: threshold, predictionHorizon: predictionHorizon)
    }

    static func run<F: VectorField>(_ field: F, y0: [Double], duration: Double, saveAt: SaveAt) throws(LyapunovError) -> [Double] {
        guard duration > 0 else { return y0 }
        let solution: ODESolution
        do {
            solution = try ODESolve.solve(ODEProblem(field: field, t0: 0, t1: duration, y0: y0), method: .tsit5,
                                          controller: .tolerances(rtol: 1e-9, atol: 1e-9), saveAt: saveAt)
        } catch {
            throw .invalid(error.description)
        }
        if let failure = solution.failure { throw .solveFailed(failure) }
        return solution.states
    }
}
