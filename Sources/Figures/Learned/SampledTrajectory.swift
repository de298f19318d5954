import NeuralODE

/// A solution sampled at evenly spaced times, keeping the first `dimension` components of each state.
public struct SampledTrajectory: Sendable, Equatable {
    public var times: [Double]
    /// Row-major: `states[i * dimension + c]` is component c at `times[i]`.
    public var states: [Double]
    public var dimension: Int
    /// Why the solve stopped early (the samples up to there are kept), or nil.
    public var failure: SolveFailure?

    /// dopri5's tolerances for figure curves: far below what a plot can show.
    public static let defaultController = StepSizeController.tolerances(rtol: 1e-9, atol: 1e-11)

    public init(times: [Double], states: [Double], dimension: Int, failure: SolveFailure? = nil) {
        self.times = times; self.states = states; self.dimension = dimension; self.failure = failure
    }

    public var count: Int { times.count }

    /// Component `c` of every sample.
    public func component(_ c: Int) -> [Double] {
        stride(from: c, to: states.count, by: dimension).map { states[$0] }
    }

    /// Solves `field` from `y0` over [0, t1] with dopri5 and keeps `keeping` components of `points` samples.
    ///
    /// Throws only when the solver rejects its settings; a failure mid-way ends the samples there.
    public static func solve<F: VectorField>(_ field: F, from y0: [Double], t1: Double, points: Int, keeping: Int,
                                             controller: StepSizeController = defaultController) throws(FigureError) -> SampledTrajectory {
        let solution: ODESolution
        do {
            solution = try ODESolve.solve(ODEProblem(field: field, t0: 0, t1: t1, y0: y0), method: .dopri5,
                                          controller: controller, saveAt: .points(max(2, points)))
        } catch {
            throw .solverSettings(error.description)
        }
        let n = solution.stateSize, d = min(keeping, n)
        var states: [Double] = []
        states.reserveCapacity(solution.count * d)
        for i in 0..<solution.count { states.append(contentsOf: solution.states[(i * n)..<(i * n + d)]) }
        return SampledTrajectory(times: solution.times, states: states, dimension: d, failure: solution.failure)
    }

    /// Mean over the common samples and components of the squared difference to `other` (same times).
    ///
    /// Samples missing from either (a solve that stopped early) are left out; nil when none are shared.
    /// The mean squared difference over the samples whose time lies in `times` (nil when none does).
    public func meanSquaredDifference(to other: SampledTrajectory, over times: ClosedRange<Double>) -> Double? {
        guard dimension == other.dimension else { return nil }
        var sum = 0.0, n = 0
        for k in 0..<min(count, other.count) where times.contains(self.times[k]) {
            for c in 0..<dimension {
                let d = states[k * dimension + c] - other.states[k * dimension + c]
                sum += d * d; n += 1
            }
        }
        return n > 0 ? sum / Double(n) : nil
    }

    public func meanSquaredDifference(to other: SampledTrajectory) -> Double? {
        let n = min(count, other.count) * min(dimension, other.dimension)
        guard n > 0, dimension == other.dimension else { return nil }
        var sum = 0.0
        for i in 0..<n { sum += (states[i] - other.states[i]) * (states[i] - other.states[i]) }
        return sum / Double(n)
    }
}
