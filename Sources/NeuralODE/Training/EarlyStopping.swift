/// Stops training when the held-out error has not improved for `patience` evaluations, keeping the best parameters.
public struct EarlyStopping: Sendable {
    /// Evaluations without improvement tolerated before stopping.
    public let patience: Int
    /// The lowest held-out error seen, with its epoch and parameters.
    public private(set) var best: (error: Double, epoch: Int, parameters: [Double])?
    /// Evaluations since the best one.
    public private(set) var sinceBest = 0

    /// Stops after `patience` ≥ 1 evaluations without a strictly lower error.
    public init(patience: Int) {
        precondition(patience >= 1, "patience must be at least 1")
        self.patience = patience
    }

    /// Records the held-out error of `parameters` at `epoch`; returns true when training should stop.
    ///
    /// A non-finite error never counts as an improvement.
    public mutating func record(error: Double, epoch: Int, parameters: @autoclosure () -> [Double]) -> Bool {
        if error.isFinite, best.map({ error < $0.error }) ?? true {
            best = (error, epoch, parameters())
            sinceBest = 0
            return false
        }
        sinceBest += 1
        return sinceBest >= patience
    }
}
