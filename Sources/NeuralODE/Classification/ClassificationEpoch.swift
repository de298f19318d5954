/// One row of a classifier's training log, measured at the parameters before the epoch's step.
public struct ClassificationEpoch: Sendable, Equatable {
    /// Epoch number, from 0.
    public var epoch: Int
    /// Mean loss over the points.
    public var loss: Double
    /// Fraction of points classified by the sign of their label.
    public var accuracy: Double
    /// Function evaluations of the forward solve (the NFE of the epoch).
    public var forwardEvaluations: Int
    /// Vector-Jacobian products of the backward pass.
    public var backwardEvaluations: Int
    /// Accepted steps of the forward solve.
    public var acceptedSteps: Int
    /// Rejected steps of the forward solve.
    public var rejectedSteps: Int

    public init(epoch: Int, loss: Double, accuracy: Double, forwardEvaluations: Int, backwardEvaluations: Int,
                acceptedSteps: Int, rejectedSteps: Int) {
        self.epoch = epoch
        self.loss = loss
        self.accuracy = accuracy
        self.forwardEvaluations = forwardEvaluations
        self.backwardEvaluations = backwardEvaluations
        self.acceptedSteps = acceptedSteps
        self.rejectedSteps = rejectedSteps
    }
}
