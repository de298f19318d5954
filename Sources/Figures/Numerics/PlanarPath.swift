import NeuralODE

/// A solution curve of a planar field sampled at evenly spaced times.
public struct PlanarPath: Sendable, Equatable {
    public var t: [Double]
    public var x: [Double]
    public var y: [Double]
    /// Why the solve stopped early (the samples up to that point are kept), or nil.
    public var failure: SolveFailure?

    public init(t: [Double], x: [Double], y: [Double], failure: SolveFailure? = nil) {
        self.t = t; self.x = x; self.y = y; self.failure = failure
    }

    public var count: Int { t.count }

    /// Solves `field` from `start` over `duration` and keeps `points` evenly spaced samples.
    ///
    /// Throws only when the solver rejects its settings; a failure mid-way ends the path there.
    public static func solve<F: VectorField>(_ field: F, from start: SIMD2<Double>, duration: Double, points: Int,
                                             method: SolverMethod = .dopri5,
                                             controller: StepSizeController = .tolerances(rtol: 1e-9, atol: 1e-11))
        throws(FigureError) -> PlanarPath {
        let solution: ODESolution
        do {
            solution = try ODESolve.solve(ODEProblem(field: field, t0: 0, t1: duration, y0: [start.x, start.y]),
                                          method: method, controller: controller, saveAt: .points(max(2, points)))
        } catch {
            throw .solverSettings(error.description)
        }
        var path = PlanarPath(t: solution.times, x: [], y: [], failure: solution.failure)
        path.x.reserveCapacity(solution.count)
        path.y.reserveCapacity(solution.count)
        for i in 0..<solution.count {
            path.x.append(solution.states[solution.stateSize * i])
            path.y.append(solution.states[solution.stateSize * i + 1])
        }
        return path
    }

    /// The path up to (and including) sample `end`.
    public func prefix(through end: Int) -> PlanarPath {
        let n = min(max(end + 1, 0), count)
        return PlanarPath(t: Array(t[..<n]), x: Array(x[..<n]), y: Array(y[..<n]), failure: failure)
    }
}
