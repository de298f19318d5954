import NeuralODE

/// A periodic orbit found by integrating to convergence: its period, size and one period of states.
public struct LimitCycle: Sendable, Equatable {
    /// Time for one revolution.
    public var period: Double
    /// Half the range (max − min) of each component over one period.
    public var amplitudes: [Double]
    /// One period of states starting on the Poincaré section: `times.count` states of `dimension`
    /// components, flat; the first state is not repeated at the end (the orbit closes on itself).
    public var times: [Double]
    public var states: [Double]
    public var dimension: Int
    /// Section returns integrated before period and amplitude settled.
    public var returns: Int
    /// Time integrated from the start state until convergence.
    public var settlingTime: Double

    /// Half the range of the first component (the usual "amplitude" of an oscillator).
    public var amplitude: Double { amplitudes.first ?? 0 }

    /// Component `i` of every sample, in time order.
    public func component(_ i: Int) -> [Double] {
        stride(from: i, to: states.count, by: dimension).map { states[$0] }
    }

    /// Smallest Euclidean distance in the plane of components 0 and 1 from (x, y) to the sampled orbit
    /// (to its polygon, closing segment included).
    public func planarDistance(toX x: Double, y: Double) -> Double {
        let n = times.count
        guard n > 0 else { return .infinity }
        var best = Double.infinity
        for i in 0..<n {
            let j = (i + 1) % n
            let ax = states[i * dimension], ay = states[i * dimension + 1]
            let bx = states[j * dimension], by = states[j * dimension + 1]
            let dx = bx - ax, dy = by - ay
            let len2 = dx * dx + dy * dy
            var s = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0
            s = min(1, max(0, s))
            let ex = ax + s * dx - x, ey = ay + s * dy - y
            best = min(best, ex * ex + ey * ey)
        }
        return best.squareRoot()
    }
}

/// Why no limit cycle was found; each case reads as one line.
public enum LimitCycleError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The start state has the wrong number of components or is not finite.
    case invalidStart(String)
    /// The trajectory came to rest at an equilibrium.
    case fixedPoint([Double])
    /// The solver failed (the trajectory blew up or became stiff beyond reach).
    case solveFailed(SolveFailure)
    /// The state grew beyond any orbit.
    case diverged(time: Double)
    /// Period or amplitude still changed after the allowed returns or time.
    case notConverged(returns: Int, time: Double, periodChange: Double)

    public var description: String {
        switch self {
        case let .invalidStart(reason): return "invalid start state: \(reason)"
        case let .fixedPoint(state):
            return "the trajectory settles at the equilibrium (\(state.map { NumberText.short($0, significant: 4) }.joined(separator: ", ")))"
        case let .solveFailed(failure): return "the solve failed: \(failure.description)"
        case let .diverged(time): return "the trajectory diverges (|y| > 1e12 at t = \(NumberText.short(time, significant: 4)))"
        case let .notConverged(returns, time, change):
            return "period still changing by \(NumberText.short(change, significant: 2)) (relative) after \(returns) returns and t = \(NumberText.short(time, significant: 4))"
        }
    }
}

extension LimitCycle {
    /// The same orbit with at most `count` evenly picked samples (for fast distance tests).
    public func decimated(toAtMost count: Int) -> LimitCycle {
        let n = times.count
        guard n > count, count > 0 else { return self }
        let step = (n + count - 1) / count
        var c = self
        c.times = stride(from: 0, to: n, by: step).map { times[$0] }
        c.states = stride(from: 0, to: n, by: step).flatMap { states[($0 * dimension)..<(($0 + 1) * dimension)] }
        return c
    }
}
