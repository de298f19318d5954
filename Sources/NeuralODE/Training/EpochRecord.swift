/// One row of the training log: what happened during one epoch.
public struct EpochRecord: Sendable, Equatable {
    /// Epoch number, from 0.
    public var epoch: Int
    /// Training loss of the epoch: the loss of its minibatches, combined as one loss over all their
    /// rows, each at the parameters before its step (so epoch 0's is the loss of the initial model).
    /// In a failing epoch, the loss of the batch that failed (NaN when its solve failed).
    public var loss: Double
    /// Held-out error (MSE over every row of the held-out trajectories) after the epoch's steps, when evaluated.
    public var heldOutError: Double?
    /// Vector-field evaluations of the forward solves (held-out evaluation included).
    public var forwardEvaluations: Int
    /// Evaluations of the backward passes (vector-Jacobian products, or the adjoint's augmented field).
    public var backwardEvaluations: Int
    /// Rejected steps of every solve of the epoch, forward and backward.
    public var rejectedSteps: Int
    /// Wall time since training started, in seconds, at the end of the epoch.
    public var seconds: Double
    /// Learning rate used in the epoch.
    public var learningRate: Double
    /// Horizon (time units per sample) of the epoch, or nil for whole trajectories.
    public var horizon: Double?

    public init(epoch: Int, loss: Double, heldOutError: Double?, forwardEvaluations: Int, backwardEvaluations: Int,
                rejectedSteps: Int, seconds: Double, learningRate: Double, horizon: Double?) {
        self.epoch = epoch
        self.loss = loss
        self.heldOutError = heldOutError
        self.forwardEvaluations = forwardEvaluations
        self.backwardEvaluations = backwardEvaluations
        self.rejectedSteps = rejectedSteps
        self.seconds = seconds
        self.learningRate = learningRate
        self.horizon = horizon
    }

    /// The log file's header line.
    public static let csvHeader =
        "epoch,loss,heldout_mse,nfe_forward,nfe_backward,rejected_steps,seconds,learning_rate,horizon"

    /// The record as a CSV row: numbers in shortest round-trip form, missing values as empty cells.
    public var csvRow: String {
        let cells = ["\(epoch)", "\(loss)", heldOutError.map { "\($0)" } ?? "", "\(forwardEvaluations)",
                     "\(backwardEvaluations)", "\(rejectedSteps)", "\(seconds)", "\(learningRate)",
                     horizon.map { "\($0)" } ?? ""]
        return cells.joined(separator: ",")
    }

    /// The log as CSV text: the header, then one row per record, `\n` line ends.
    public static func csv(_ records: [EpochRecord]) -> String {
        ([csvHeader] + records.map(\.csvRow)).joined(separator: "\n") + "\n"
    }
}
