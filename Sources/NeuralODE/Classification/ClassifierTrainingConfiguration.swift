/// The settings of a classifier training run: full-batch steps of an optimiser on θ and the read-out.
public struct ClassifierTrainingConfiguration: Sendable {
    /// Number of optimiser steps (one per epoch, on every point).
    public var epochs: Int
    /// Learning rate of every step.
    public var learningRate: Double
    /// Adam by default.
    public var optimizer: OptimizerKind
    /// The loss of one point.
    public var loss: ClassificationLoss
    /// Solver method and step-size controller of the forward solve (adaptive dopri5 by default, so
    /// the number of function evaluations follows how hard the learned flow is to integrate).
    public var settings: GradientSettings

    /// Makes a configuration.
    public init(epochs: Int, learningRate: Double = 0.01, optimizer: OptimizerKind = .adam,
                loss: ClassificationLoss = .mse,
                settings: GradientSettings = GradientSettings(method: .dopri5,
                                                              controller: .tolerances(rtol: 1e-3, atol: 1e-4))) {
        self.epochs = epochs
        self.learningRate = learningRate
        self.optimizer = optimizer
        self.loss = loss
        self.settings = settings
    }

    /// Why the configuration cannot run, or nil.
    public var validationMessage: String? {
        if epochs < 0 { return "epochs must be at least 0, got \(epochs)" }
        if !(learningRate > 0 && learningRate.isFinite) { return "the learning rate must be positive, got \(learningRate)" }
        if settings.method.tableau == nil { return "training needs an explicit Runge–Kutta method, not \(settings.method.name)" }
        return nil
    }
}
