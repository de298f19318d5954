/// The continuous adjoint recorded along the way: y(t), a(t) = ∂L/∂y(t) and the running ∂L/∂θ
/// sampled on every interval between observation times, for figures of the backward pass.
///
/// `GradientEngine` keeps only the adjoint's final value; this solves the same augmented system
/// [y, a, g] (Theorem 3.1.1) interval by interval from the last observation back to t0, saving
/// samples inside each interval. As in the engine, y is reset to the forward solution and a jumps
/// by ∂L/∂y(τⱼ) at each observation time τⱼ; the controller restarts at each observation.
/// g(t) = ∫ₜ^{τ_last} aᵀ∂f/∂θ ds is continuous and g(t0) = dL/dθ.
public struct AdjointTrace: Sendable {
    /// One interval between consecutive observation times (or from t0 to the first), samples in increasing time.
    public struct Interval: Sendable, Equatable {
        /// Sample times from the interval's start to its end, both included.
        public var times: [Double]
        /// y at each sample, `times.count` × n.
        public var states: [Double]
        /// a at each sample, `times.count` × n; at the ends, the limit from inside the interval.
        public var adjoint: [Double]
        /// g at each sample, `times.count` × P.
        public var parameterGradient: [Double]
    }

    /// Doubles in the state (n = B·D).
    public let stateSize: Int
    /// Parameters P.
    public let parameterCount: Int
    /// Start of the forward solve.
    public let t0: Double
    /// The observation times τⱼ, increasing.
    public let observationTimes: [Double]
    /// y(τⱼ) from the forward solve, T × n.
    public let predictions: [Double]
    /// The jump ∂L/∂y(τⱼ) added to a at each observation time (backward in time), T × n.
    public let jumps: [Double]
    /// The intervals in increasing time.
    public let intervals: [Interval]
    /// The loss.
    public let loss: Double
    /// a(t0) = dL/dy0 (n), every observation's jump included.
    public let initialStateGradient: [Double]
    /// g(t0) = dL/dθ (P).
    public let parameterGradient: [Double]
    /// Statistics of the forward solve.
    public let forward: SolveStatistics
    /// Statistics of the backward solves, summed over the intervals.
    public let backward: SolveStatistics

    /// Solves forward, then the augmented system backward; `samplesPerInterval` (≥ 2) samples per interval.
    ///
    /// Throws `.configuration` for settings that cannot start (sizes that disagree, a fixed-step
    /// method without dt, no observation after t0) and `.failed` when a solve fails or a value is not finite.
    public static func record<F: DifferentiableField>(
        _ field: F, batch: ObservationBatch, loss kind: LossKind, method: SolverMethod,
        controller: StepSizeController, samplesPerInterval: Int = 60
    ) throws(TraceError) -> AdjointTrace {
        let n = field.stateSize, parameterCount = field.parameterCount
        let b = batch.trajectoryCount, big = batch.stateDimension, d = batch.observedDimension
        guard n == b * big else {
            throw .configuration(.invalid("the field's state size \(n) is not \(b) trajectories × \(big) components"))
        }
        let tau = batch.times, count = tau.count
        guard let last = tau.last, last > batch.t0 else {
            throw .configuration(.invalid("the adjoint needs an observation time after t0 = \(batch.t0)"))
        }
        let samples = max(2, samplesPerInterval)
        // Interval ends: t0 (when before the first observation), then every observation time.
        var ends: [Double] = tau[0] > batch.t0 ? [batch.t0] : []
        ends += tau
        var grids: [[Double]] = []
        for k in 1..<ends.count {
            let s = ends[k - 1], e = ends[k]
            var grid = (0..<samples).map { s + (e - s) * Double($0) / Double(samples - 1) }
            grid[0] = s
            grid[samples - 1] = e
            grids.append(grid)
        }
        var saveTimes = [grids[0][0]]
        for grid in grids { saveTimes += grid.dropFirst() }

        // Forward: one solve through every sample; the observation times are among them.
        let forwardSolution: ODESolution
        do {
            forwardSolution = try ODESolve.solve(ODEProblem(field: field, t0: batch.t0, t1: last, y0: batch.initialStates),
                                                 method: method, controller: controller, saveAt: .times(saveTimes))
        } catch {
            throw .configuration(.solver(error))
        }
        if let failure = forwardSolution.failure { throw .failed(.forward(failure)) }
        let forwardStates = forwardSolution.states
        // Index of each interval's first sample in the forward output.
        var offsets: [Int] = []
        var offset = 0
        for grid in grids {
            offsets.append(offset)
            offset += grid.count - 1
        }
        var predictions = [Double](repeating: 0, count: count * n)
        let shift = tau[0] > batch.t0 ? 1 : 0
        for j in 0..<count {
            let row = j + shift == 0 ? 0 : offsets[j + shift - 1] + grids[j + shift - 1].count - 1
            for i in 0..<n { predictions[j * n + i] = forwardStates[row * n + i] }
        }

        // Loss and its cotangents ∂L/∂y(τⱼ) (zero on unobserved components).
        let scale = kind.scale(count: batch.targetCount)
        var sum = 0.0
        var jumps = [Double](repeating: 0, count: count * n)
        for j in 0..<count {
            for traj in 0..<b {
                for i in 0..<d {
                    let r = predictions[j * n + traj * big + i] - batch.targets[(j * b + traj) * d + i]
                    sum += r * r
                    jumps[j * n + traj * big + i] = 2 * scale * r
                }
            }
        }
        let lossValue = scale * sum
        guard lossValue.isFinite else { throw .failed(.nonFiniteLoss) }

        // Backward: z = [y, a, g] from the last observation, interval by interval.
        let size = 2 * n + parameterCount
        let negated = UnsafeMutablePointer<Double>.allocate(capacity: n)
        defer { negated.deallocate() }
        let augmented = AugmentedAdjointField(field: field, n: n, parameterCount: parameterCount, negatedAdjoint: negated)
        var z = [Double](repeating: 0, count: size)
        for i in 0..<n {
            z[i] = predictions[(count - 1) * n + i]
            z[n + i] = jumps[(count - 1) * n + i]
        }
        var backward = SolveStatistics()
        var intervals = [Interval](repeating: Interval(times: [], states: [], adjoint: [], parameterGradient: []),
                                   count: grids.count)
        for k in stride(from: grids.count - 1, through: 0, by: -1) {
            let grid = grids[k]
            let m = grid.count
            let solution: ODESolution
            do {
                solution = try ODESolve.solve(ODEProblem(field: augmented, t0: grid[m - 1], t1: grid[0], y0: z),
                                              method: method, controller: controller, saveAt: .times(grid.reversed()))
            } catch {
                throw .configuration(.solver(error))
            }
            Self.add(solution.statistics, to: &backward)
            if let failure = solution.failure { throw .failed(.backward(failure)) }
            var interval = Interval(times: grid, states: [], adjoint: [], parameterGradient: [])
            interval.states.reserveCapacity(m * n)
            interval.adjoint.reserveCapacity(m * n)
            interval.parameterGradient.reserveCapacity(m * parameterCount)
            // Saved in decreasing time; store increasing.
            for s in stride(from: m - 1, through: 0, by: -1) {
                let row = solution.state(s)
                let base = row.startIndex
                interval.states += row[base..<(base + n)]
                interval.adjoint += row[(base + n)..<(base + 2 * n)]
                interval.parameterGradient += row[(base + 2 * n)..<(base + size)]
            }
            intervals[k] = interval
            z = solution.lastState
            // At an observation time: y back to the forward solution, a jumps.
            let j = k - shift
            if j >= 0 {
                for i in 0..<n {
                    z[i] = predictions[j * n + i]
                    z[n + i] += jumps[j * n + i]
                }
            }
        }
        let initial = Array(z[n..<(2 * n)]), theta = Array(z[(2 * n)...])
        guard initial.allSatisfy(\.isFinite), theta.allSatisfy(\.isFinite) else { throw .failed(.nonFiniteGradient) }
        return AdjointTrace(stateSize: n, parameterCount: parameterCount, t0: batch.t0, observationTimes: tau,
                            predictions: predictions, jumps: jumps, intervals: intervals, loss: lossValue,
                            initialStateGradient: initial, parameterGradient: theta,
                            forward: forwardSolution.statistics, backward: backward)
    }

    /// Why a trace could not be recorded; one line each.
    public enum TraceError: Error, CustomStringConvertible, Equatable, Sendable {
        /// The settings or sizes make the solves impossible to start.
        case configuration(GradientConfigurationError)
        /// A solve failed or the loss or gradient is not finite.
        case failed(GradientFailure)

        public var description: String {
            switch self {
            case .configuration(let error): error.description
            case .failed(let failure): failure.description
            }
        }
    }

    private static func add(_ s: SolveStatistics, to total: inout SolveStatistics) {
        total.functionEvaluations += s.functionEvaluations
        total.jacobianEvaluations += s.jacobianEvaluations
        total.luDecompositions += s.luDecompositions
        total.acceptedSteps += s.acceptedSteps
        total.rejectedSteps += s.rejectedSteps
        total.acceptedTimes += s.acceptedTimes
        total.acceptedStepSizes += s.acceptedStepSizes
        total.rejectedTimes += s.rejectedTimes
        total.rejectedStepSizes += s.rejectedStepSizes
    }
}

/// The augmented adjoint system as a plain vector field, so `ODESolve` can integrate it with saved outputs.
extension AugmentedAdjointField: VectorField {
    var stateSize: Int { 2 * n + parameterCount }

    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        evaluate(t: t, y: y, dy: dy, slot: 0)
    }
}
