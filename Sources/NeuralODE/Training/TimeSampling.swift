/// Which stretch of each trajectory a training sample covers.
///
/// - `.whole`: every observation of every trajectory (the plain setting, comparable with the
///   Python tools).
/// - `.prefix(h)`: the observations in [t₀, t₀ + h(epoch)] of each trajectory, from its true first
///   row (Exercise 3.1.10's curriculum when h grows).
/// - `.windows(h)`: random windows: a window starts at an observed row s, chosen uniformly among the
///   rows whose window fits in the trajectory (t_last − t_s ≥ h), covers the rows in
///   [t_s, t_s + h(epoch)], and starts the model from the *observed* state at t_s (noisy when the
///   data are). Each trajectory gives ⌈span/h⌉ windows per epoch, so an epoch sees about as many
///   rows as the whole data set whatever h is. When h ≥ the span, a window is the whole trajectory.
public enum TimeSampling: Sendable, Equatable {
    case whole
    case prefix(HorizonCurriculum)
    case windows(HorizonCurriculum)

    /// The horizon at `epoch`, or nil for `.whole`.
    public func horizon(epoch: Int) -> Double? {
        switch self {
        case .whole: nil
        case .prefix(let curriculum), .windows(let curriculum): curriculum.horizon(epoch: epoch)
        }
    }

    /// A short description for logs and summaries.
    public var summary: String {
        switch self {
        case .whole: "whole trajectories"
        case .prefix(let c): c.start == c.end ? "first \(c.end) time units"
            : "horizon \(c.start) → \(c.end) over \(c.rampEpochs) epochs"
        case .windows(let c): c.start == c.end ? "random windows of \(c.end) time units"
            : "random windows \(c.start) → \(c.end) time units over \(c.rampEpochs) epochs"
        }
    }
}

/// One training sample: rows `first...last` of trajectory `trajectory`, started from row `first`.
public struct SampleWindow: Sendable, Equatable, Hashable {
    public var trajectory: Int
    public var first: Int
    public var last: Int

    public init(trajectory: Int, first: Int, last: Int) {
        self.trajectory = trajectory
        self.first = first
        self.last = last
    }

    /// Number of observed rows (the start row included).
    public var count: Int { last - first + 1 }
}
