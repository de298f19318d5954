/// The loss of one forward solve and the predicted states at the observation times.
public struct LossEvaluation: Sendable {
    /// The loss (NaN when the forward solve failed).
    public var loss: Double
    /// Predicted states, T × B × D time-major (`predictions[(j*B + b)*D + i]`), the full ODE state;
    /// rows after a failure are NaN.
    public var predictions: [Double]
    /// Statistics of the forward solve.
    public var statistics: SolveStatistics
    /// Why the solve stopped early, or nil.
    public var failure: GradientFailure?

    /// True when the solve reached the last observation time and the loss is finite.
    public var succeeded: Bool { failure == nil }
}
