/// The states of a solve at the requested times, its statistics, and its failure if it stopped early.
public struct ODESolution: Sendable {
    /// Output times, in the order produced.
    public var times: [Double]
    /// Output states, flat: state i occupies `states[i*stateSize ..< (i+1)*stateSize]`.
    public var states: [Double]
    /// Doubles per state.
    public var stateSize: Int
    /// Counts and step history.
    public var statistics: SolveStatistics
    /// Why the solve stopped early, or nil when it reached t1.
    public var failure: SolveFailure?
    /// Time of the last accepted state (t1 on success).
    public var lastTime: Double
    /// The last accepted state (y(t1) on success), even when it was not requested.
    public var lastState: [Double]

    /// True when the solve reached t1.
    public var succeeded: Bool { failure == nil }

    /// Number of saved states.
    public var count: Int { times.count }

    /// The i-th saved state.
    public func state(_ i: Int) -> ArraySlice<Double> {
        states[(i * stateSize)..<((i + 1) * stateSize)]
    }
}
