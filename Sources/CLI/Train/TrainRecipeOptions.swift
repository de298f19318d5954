import ArgumentParser
import NeuralODE

/// The training recipe's options: epochs, optimiser, schedule, minibatches, time sampling, gradients, held-out checks.
public struct TrainRecipeOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Number of epochs (default 200).", valueName: "n"))
    public var epochs: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Base learning rate (default 0.01).", valueName: "x"))
    public var lr: Double?

    @Option(help: ArgumentHelp("Optimiser (default adam).", valueName: "name"))
    public var optimizer: OptimizerChoice?

    @Option(parsing: .unconditional, help: ArgumentHelp("SGD momentum in [0, 1) (default 0).", valueName: "m"))
    public var momentum: Double?

    @Option(help: ArgumentHelp("Learning-rate schedule: constant, step:FACTOR:EVERY or cosine[:FLOOR].",
                               valueName: "schedule"),
            transform: { try TypedValue.parse($0, option: "--schedule", expects: "constant, step:FACTOR:EVERY or cosine[:FLOOR]") })
    public var schedule: LearningRateSchedule?

    @Option(name: .customLong("batch-size"),
            parsing: .unconditional, help: ArgumentHelp("Samples (trajectories or windows) per optimiser step (default: all).", valueName: "k"))
    public var batchSize: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Train on random windows of this many time units.", valueName: "w"))
    public var window: Double?

    @Option(help: ArgumentHelp("Horizon (time units) growing from START to END over RAMP epochs.", valueName: "start:end:ramp"),
            transform: { try TypedValue.parse($0, option: "--curriculum",
                                              expects: "START:END:RAMP with positive horizons, e.g. 0.5:2:60") })
    public var curriculum: HorizonCurriculum?

    @Flag(name: .customLong("random-starts"), help: "With --curriculum: grow random windows, not prefixes.")
    public var randomStarts = false

    @Option(help: ArgumentHelp("Gradient method (default backprop).", valueName: "method"))
    public var gradient: GradientMethod?

    @Option(help: ArgumentHelp("Loss (default mse).", valueName: "kind"))
    public var loss: LossKind?

    @Option(name: .customLong("eval-every"), parsing: .unconditional, help: ArgumentHelp("Held-out error every k epochs (default 1).", valueName: "k"))
    public var evalEvery: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Stop after this many held-out checks without improvement; keep the best model.",
                               valueName: "n"))
    public var patience: Int?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Threads for the gradients (default: every core); the model file does not depend on it.",
                               valueName: "n"))
    public var threads: Int?

    public init() {}

    public func validate() throws {
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1 (got \(epochs))") }
        if let lr, !(lr > 0 && lr.isFinite) { throw ValidationError("--lr must be a positive number (got \(lr))") }
        if let momentum, !(momentum >= 0 && momentum < 1) { throw ValidationError("--momentum must be in [0, 1) (got \(momentum))") }
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size must be at least 1 (got \(batchSize))") }
        if let window, !(window > 0 && window.isFinite) { throw ValidationError("--window must be a positive number (got \(window))") }
        if let evalEvery, evalEvery < 1 { throw ValidationError("--eval-every must be at least 1 (got \(evalEvery))") }
        if let patience, patience < 1 { throw ValidationError("--patience must be at least 1 (got \(patience))") }
        if let threads, let problem = ThreadCount.problem(threads) { throw ValidationError("--threads \(problem)") }
        if window != nil, curriculum != nil {
            throw ValidationError("give --window or --curriculum, not both (growing windows: --curriculum START:END:RAMP --random-starts)")
        }
        if randomStarts, curriculum == nil { throw ValidationError("--random-starts goes with --curriculum") }
        if momentum != nil, optimizer == .adam { throw ValidationError("--momentum applies to sgd") }
    }

    /// `base` with every option given here applied over it; `--momentum` needs SGD (given or in `base`).
    func applied(to base: TrainingConfiguration) throws -> TrainingConfiguration {
        var config = base
        if let epochs { config.epochs = epochs }
        if let lr { config.learningRate = lr }
        switch (optimizer, momentum) {
        case (.adam, _): config.optimizer = .adam
        case (.sgd, let m): config.optimizer = .sgd(momentum: m ?? 0)
        case (_, let m?):
            guard case .sgd = base.optimizer else { throw ProgramError.badInput("--momentum applies to sgd: add --optimizer sgd") }
            config.optimizer = .sgd(momentum: m)
        default: break
        }
        if let schedule { config.schedule = schedule }
        if let batchSize { config.batchSize = batchSize }
        if let window { config.sampling = .windows(.constant(window)) }
        if let curriculum {
            config.sampling = randomStarts ? .windows(curriculum) : .prefix(curriculum)
        }
        if let gradient { config.gradientMethod = gradient }
        if let loss { config.solver.loss = loss }
        if let evalEvery { config.evaluateEvery = evalEvery }
        if let patience { config.patience = patience }
        if let threads { config.threads = threads }
        return config
    }
}
