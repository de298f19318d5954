/// A documented bundle of training settings for one of the course's tasks: data, network and recipe.
///
/// Every field is a default the command line may override. Seeds: the network's initial weights
/// come from `seed`, the noise from `seed &+ noiseSeedOffset` and the minibatches from
/// `seed &+ samplerSeedOffset`, so the three streams never coincide.
public struct TrainingPreset: Sendable {
    /// Name on the command line (`--preset NAME`).
    public let name: String
    /// One line saying what the preset reproduces.
    public let summary: String
    /// The named system that makes the data.
    public let system: String
    /// Parameter overrides of the system.
    public let parameters: [String: Double]
    /// Initial states of the training trajectories.
    public let initialStates: [[Double]]
    /// End of the observation interval [0, t1].
    public let t1: Double
    /// Observations per trajectory, evenly spaced on [0, t1] (both ends included).
    public let points: Int
    /// Standard deviation of the Gaussian noise on every row but the first.
    public let noise: Double
    /// Hidden layer widths of the network.
    public let hidden: [Int]
    /// Activation of the hidden layers.
    public let activation: Activation
    /// Initial states of the held-out trajectories (clean, same times as the training data).
    public let heldOutStates: [[Double]]
    /// The recipe: epochs, optimiser, schedule, sampling, solver, gradient method.
    public let configuration: TrainingConfiguration
    /// Time each initial state (training and held-out) is carried by the system before observation starts.
    public let transient: Double
    /// Train on standardised data and fold the scaling into the model (see `DataScaling`).
    public let standardise: Bool

    /// Added to the seed for the noise stream.
    public static let noiseSeedOffset: UInt64 = 0x6E6F_6973_65
    /// Added to the seed for the minibatch stream.
    public static let samplerSeedOffset: UInt64 = 0x7361_6D70_6C65

    public init(name: String, summary: String, system: String, parameters: [String: Double] = [:],
                initialStates: [[Double]], t1: Double, points: Int, noise: Double, hidden: [Int],
                activation: Activation = .tanh, heldOutStates: [[Double]], configuration: TrainingConfiguration,
                transient: Double = 0, standardise: Bool = false) {
        self.name = name
        self.summary = summary
        self.system = system
        self.parameters = parameters
        self.initialStates = initialStates
        self.t1 = t1
        self.points = points
        self.noise = noise
        self.hidden = hidden
        self.activation = activation
        self.heldOutStates = heldOutStates
        self.configuration = configuration
        self.transient = transient
        self.standardise = standardise
    }

    /// The preset called `name`, or nil.
    public static func named(_ name: String) -> TrainingPreset? {
        all.first { $0.name == name }
    }

    /// Every preset's name, in the order of `all`.
    public static var names: [String] { all.map(\.name) }

    /// The preset's system with its parameters, for one state.
    public func makeSystem() throws -> SystemField {
        try SystemRegistry.field(named: system, parameters: parameters)
    }

    /// The noisy training data for `seed`.
    public func makeData(seed: UInt64) throws -> TrajectoryDataset {
        try SimulatedData.make(system: makeSystem(), initialStates: initialStates, t1: t1, points: points,
                               noise: noise, seed: seed &+ Self.noiseSeedOffset, transient: transient)
    }

    /// The clean held-out trajectories.
    public func makeHeldOut() throws -> TrajectoryDataset {
        try SimulatedData.trajectories(system: makeSystem(), initialStates: heldOutStates, t1: t1, points: points,
                                       transient: transient)
    }

    /// The initial network for `seed` (PyTorch's default initialisation).
    public func makeNetwork(seed: UInt64) throws -> MLP {
        let dimension = try SystemRegistry.spec(named: system).dimension
        return MLP(stateDim: dimension, hidden: hidden, activation: activation, seed: seed)
    }

    /// The recipe with the minibatch seed derived from `seed`.
    public func configuration(seed: UInt64) -> TrainingConfiguration {
        var config = configuration
        config.seed = seed &+ Self.samplerSeedOffset
        return config
    }
}
