/// What a training run produced: the model, the log, and how it ended.
public struct TrainingOutcome: Sendable {
    /// The trained network: the best held-out model when early stopping is on, else the last one
    /// (on failure, the parameters before the failing epoch's steps).
    public var model: MLP
    /// One record per epoch run, the failing epoch's included.
    public var log: [EpochRecord]
    /// Why training stopped before its last epoch, or nil.
    public var failure: TrainingFailure?
    /// True when early stopping ended the run.
    public var stoppedEarly: Bool
    /// The epoch whose parameters `model` holds when early stopping is on.
    public var bestEpoch: Int?
    /// The loss of `model` over every row of the training data, whole trajectories (nil on failure).
    public var finalLoss: Double?
    /// The held-out MSE of `model` (nil without held-out data or on failure).
    public var heldOutError: Double?
    /// Wall time of the whole run in seconds, final evaluation included.
    public var seconds: Double

    /// True when training ran to its end or stopped early, without failure.
    public var succeeded: Bool { failure == nil }
}
