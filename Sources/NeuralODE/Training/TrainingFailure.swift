/// Why training ended early: the first epoch with a non-finite loss or a failed solve.
public struct TrainingFailure: Error, CustomStringConvertible, Equatable, Sendable {
    /// The epoch (from 0) where it happened.
    public var epoch: Int
    /// What failed.
    public var cause: GradientFailure

    public init(epoch: Int, cause: GradientFailure) {
        self.epoch = epoch
        self.cause = cause
    }

    public var description: String {
        "training diverged at epoch \(epoch): \(cause.description)"
    }
}
