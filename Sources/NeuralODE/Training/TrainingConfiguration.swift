/// Everything that decides a training run besides the network and the data.
///
/// The defaults are the plain setting: full batch, constant learning rate, whole trajectories,
/// MSE over every row, Adam, backprop, evaluated every epoch, no early stop.
public struct TrainingConfiguration: Sendable {
    /// Number of epochs (an epoch is one optimiser step per minibatch).
    public var epochs: Int
    /// Base learning rate η₀.
    public var learningRate: Double
    /// The optimiser.
    public var optimizer: OptimizerKind
    /// Learning rate over epochs.
    public var schedule: LearningRateSchedule
    /// Which stretch of the trajectories each sample covers (whole, growing prefix, random windows).
    public var sampling: TimeSampling
    /// Samples per minibatch; nil puts every sample of an epoch in one minibatch.
    public var batchSize: Int?
    /// How gradients are computed.
    public var gradientMethod: GradientMethod
    /// Solver, step-size controller and loss of every solve.
    public var solver: GradientSettings
    /// Seed of the minibatch order and window starts.
    public var seed: UInt64
    /// Held-out error every this many epochs (and at the last epoch); other rows leave it empty.
    public var evaluateEvery: Int
    /// Stop after this many held-out evaluations without improvement and keep the best model; nil never stops early.
    public var patience: Int?
    /// Threads computing each minibatch's gradient; nil uses every core. The result does not
    /// depend on it (see `TrajectoryPartition`): only the time does.
    public var threads: Int?

    /// Makes a configuration; see the type's documentation for the defaults.
    public init(epochs: Int, learningRate: Double, optimizer: OptimizerKind = .adam,
                schedule: LearningRateSchedule = .constant, sampling: TimeSampling = .whole,
                batchSize: Int? = nil, gradientMethod: GradientMethod = .backprop,
                solver: GradientSettings, seed: UInt64 = 0, evaluateEvery: Int = 1, patience: Int? = nil,
                threads: Int? = nil) {
        self.epochs = epochs
        self.learningRate = learningRate
        self.optimizer = optimizer
        self.schedule = schedule
        self.sampling = sampling
        self.batchSize = batchSize
        self.gradientMethod = gradientMethod
        self.solver = solver
        self.seed = seed
        self.evaluateEvery = evaluateEvery
        self.patience = patience
        self.threads = threads
    }

    /// A one-line reason the configuration cannot run, or nil.
    public var validationMessage: String? {
        if epochs < 1 { return "the number of epochs must be at least 1, got \(epochs)" }
        if !(learningRate > 0 && learningRate.isFinite) { return "the learning rate must be a positive number, got \(learningRate)" }
        if let batchSize, batchSize < 1 { return "the batch size must be at least 1, got \(batchSize)" }
        if evaluateEvery < 1 { return "held-out evaluation interval must be at least 1, got \(evaluateEvery)" }
        if let patience, patience < 1 { return "patience must be at least 1, got \(patience)" }
        if let threads, let problem = ThreadCount.problem(threads) { return "the number of threads \(problem)" }
        if case .sgd(let momentum) = optimizer, !(momentum >= 0 && momentum < 1) {
            return "SGD momentum must be in [0, 1), got \(momentum)"
        }
        if case .step(let factor, let every) = schedule, !(factor > 0 && factor.isFinite) || every < 1 {
            return "a step schedule needs a positive factor and an interval of at least 1 epoch"
        }
        if case .cosine(let floor) = schedule, !(floor >= 0 && floor <= learningRate) {
            return "the cosine schedule's floor must be in [0, learning rate], got \(floor)"
        }
        switch sampling {
        case .whole: break
        case .prefix(let c), .windows(let c):
            if !(c.start > 0 && c.end > 0 && c.start.isFinite && c.end.isFinite) || c.rampEpochs < 0 {
                return "horizons must be positive numbers and the ramp at least 0 epochs"
            }
        }
        return nil
    }
}
