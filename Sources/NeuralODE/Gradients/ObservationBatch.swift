/// B trajectories observed at one shared, increasing vector of times: what a loss compares against.
///
/// Layouts (flat, Float64):
/// - `initialStates`: B × D, state-major (`initialStates[b*D + i]`), the full ODE state at `t0`
///   (augmented components included, usually zero).
/// - `targets`: T × B × d, time-major (`targets[(j*B + b)*d + i]` is component i of trajectory b at
///   `times[j]`), with d = `observedDimension` ≤ D: the loss looks at the first d components only.
///
/// `times[0]` may equal `t0`; that row is then compared with the initial state itself (zero error
/// when the data's first row is the initial state, as in torchdiffeq's `odeint(f, y0, t)`).
public struct ObservationBatch: Sendable, Equatable {
    /// Time of the initial states.
    public let t0: Double
    /// Observation times, strictly increasing, all ≥ `t0`.
    public let times: [Double]
    /// Initial states, B × D.
    public let initialStates: [Double]
    /// Targets, T × B × d.
    public let targets: [Double]
    /// Number of trajectories B.
    public let trajectoryCount: Int
    /// Components per ODE state D (the field's state size is B·D).
    public let stateDimension: Int
    /// Components the loss compares d (the first d of each state).
    public let observedDimension: Int

    /// Number of observation times T.
    public var timeCount: Int { times.count }

    /// Makes a batch; `t0` defaults to `times[0]` and `observedDimension` to `stateDimension`.
    ///
    /// Throws when the counts do not match the layouts above, when a value is not finite, or when
    /// the times are not strictly increasing from `t0`.
    public init(t0: Double? = nil, times: [Double], initialStates: [Double], targets: [Double],
                trajectoryCount: Int, stateDimension: Int,
                observedDimension: Int? = nil) throws(GradientConfigurationError) {
        let d = observedDimension ?? stateDimension
        guard trajectoryCount >= 1 else { throw .invalid("a batch needs at least one trajectory") }
        guard stateDimension >= 1 else { throw .invalid("the state dimension must be at least 1") }
        guard d >= 1, d <= stateDimension else {
            throw .invalid("observed dimension must be in 1...\(stateDimension), got \(d)")
        }
        guard let first = times.first else { throw .invalid("a batch needs at least one observation time") }
        let start = t0 ?? first
        guard start.isFinite, times.allSatisfy(\.isFinite) else { throw .invalid("observation times must be finite") }
        guard first >= start else { throw .invalid("observation time \(first) lies before t0 = \(start)") }
        for j in 1..<times.count where !(times[j] > times[j - 1]) {
            throw .invalid("observation times must increase strictly (\(times[j - 1]) then \(times[j]))")
        }
        guard initialStates.count == trajectoryCount * stateDimension else {
            throw .invalid("expected \(trajectoryCount * stateDimension) initial values "
                + "(\(trajectoryCount) × \(stateDimension)), got \(initialStates.count)")
        }
        guard targets.count == times.count * trajectoryCount * d else {
            throw .invalid("expected \(times.count * trajectoryCount * d) target values "
                + "(\(times.count) times × \(trajectoryCount) × \(d)), got \(targets.count)")
        }
        guard initialStates.allSatisfy(\.isFinite) else { throw .invalid("initial states must be finite") }
        guard targets.allSatisfy(\.isFinite) else { throw .invalid("targets must be finite") }
        self.t0 = start
        self.times = times
        self.initialStates = initialStates
        self.targets = targets
        self.trajectoryCount = trajectoryCount
        self.stateDimension = stateDimension
        self.observedDimension = d
    }

    /// Number of target values T·B·d (the divisor of the mean-squared error).
    public var targetCount: Int { targets.count }
}

extension ObservationBatch {
    /// The trajectories in `range` as a batch of their own (same times and dimensions).
    public func trajectories(_ range: Range<Int>) -> ObservationBatch {
        precondition(range.lowerBound >= 0 && range.upperBound <= trajectoryCount && !range.isEmpty,
                     "trajectory range \(range) outside 0..<\(trajectoryCount)")
        let D = stateDimension, d = observedDimension, B = trajectoryCount, count = range.count
        let initial = Array(initialStates[(range.lowerBound * D)..<(range.upperBound * D)])
        var rows = [Double](repeating: 0, count: timeCount * count * d)
        for j in 0..<timeCount {
            for b in 0..<count {
                for i in 0..<d { rows[(j * count + b) * d + i] = targets[(j * B + range.lowerBound + b) * d + i] }
            }
        }
        do {
            return try ObservationBatch(t0: t0, times: times, initialStates: initial, targets: rows,
                                        trajectoryCount: count, stateDimension: D, observedDimension: d)
        } catch {
            preconditionFailure("a part of a valid batch is valid: \(error)")
        }
    }
}
