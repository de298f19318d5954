import Foundation
import InputSafety
import NeuralODE

/// Everything `ode-train` will do, resolved from its options over the preset's defaults and checked before training.
struct TrainingPlan {
    let network: MLP
    /// The data as the trainer sees them (standardised when `scaling` is set).
    let data: TrajectoryDataset
    /// The data as observed, which `--save-data` writes.
    let observedData: TrajectoryDataset
    let heldOut: TrajectoryDataset?
    /// The standardisation the network is trained in, folded into the model before it is written.
    let scaling: DataScaling?
    let configuration: TrainingConfiguration
    let model: OutputDestination
    let log: OutputDestination?
    /// Where to write the training data as used (simulated or loaded), for plotting observations.
    let savedData: OutputDestination?
    /// Where and how often `--snapshots` keeps the model.
    let snapshots: (every: Int, file: OutputDestination)?
    /// What the data are, for the summary line.
    let dataSummary: String
    /// The step cap of an adaptive solve when the memory budget or the training default lowered it (see `TapeBudget`).
    let stepCap: TapeBudget.StepCap?

    /// Defaults without a preset.
    static let defaultEpochs = 200
    static let defaultLearningRate = 0.01
    static let defaultHidden = [32, 32]
    static let defaultT1 = 10.0
    static let defaultPoints = 101

    init(command: TrainCommand) throws {
        let preset = command.preset?.preset
        let seed = command.seed.seed
        model = try OutputDestination(path: command.output, allowedExtensions: ["json"])
        guard model != .standardOutput else { throw ProgramError.badInput("-o needs a file name ending in .json") }
        log = try command.log.map { try OutputDestination(path: $0, allowedExtensions: ["csv"]) }
        savedData = try command.saveData.map { try OutputDestination(path: $0, allowedExtensions: ["csv"]) }
        if let every = command.snapshots {
            guard every >= 1 else { throw ProgramError.badInput("--snapshots must be a whole number of epochs, 1 or more (got \(every))") }
            let path = command.snapshotsFile ?? (command.output.hasSuffix(".json") ? String(command.output.dropLast(5)) : command.output) + ".snapshots.json"
            guard path != command.output else { throw ProgramError.badInput("--snapshots-file must differ from the model file -o") }
            let file = try OutputDestination(path: path, allowedExtensions: ["json"])
            guard file != .standardOutput else { throw ProgramError.badInput("--snapshots-file needs a file name ending in .json") }
            snapshots = (every, file)
        } else {
            guard command.snapshotsFile == nil else { throw ProgramError.badInput("--snapshots-file needs --snapshots K") }
            snapshots = nil
        }

        let system = try Self.system(command: command, preset: preset)
        let transient = command.dataOptions.transient ?? preset?.transient ?? 0
        let observed: TrajectoryDataset
        if let path = command.dataOptions.data {
            observed = try Self.loadData(path, option: "--data")
            dataSummary = "\(path) (\(observed.trajectories.count) trajectories)"
        } else {
            guard let system else { throw ProgramError.badInput("give --system NAME or --data FILE.csv") }
            let states = command.dataOptions.ics ?? preset?.initialStates ?? [system.spec.exampleInitialState]
            let t1 = command.dataOptions.t1 ?? preset?.t1 ?? Self.defaultT1
            let points = command.dataOptions.points ?? preset?.points ?? Self.defaultPoints
            let noise = command.dataOptions.noise ?? preset?.noise ?? 0
            do {
                observed = try SimulatedData.make(system: system, initialStates: states, t1: t1, points: points,
                                                  noise: noise, seed: seed &+ TrainingPreset.noiseSeedOffset,
                                                  transient: transient)
            } catch {
                throw ProgramError.badInput("--ics: \(error.description)")
            }
            dataSummary = "\(system.spec.name), \(states.count) trajectories of \(points) points on [0, \(t1)], noise \(noise)"
        }

        network = try Self.network(command.network, preset: preset, dimension: observed.dimension, seed: seed)
        let observedHeldOut = try Self.heldOut(command: command, preset: preset, system: system, data: observed,
                                               transient: transient)
        if command.dataOptions.standardize ?? preset?.standardise ?? false {
            guard command.network.initial == nil else {
                throw ProgramError.badInput("--init gives a model in the data's own coordinates: add --no-standardize to train it")
            }
            let scaling = DataScaling(fitting: observed)
            self.scaling = scaling
            data = scaling.scaled(observed)
            heldOut = observedHeldOut.map(scaling.scaled)
        } else {
            scaling = nil
            data = observed
            heldOut = observedHeldOut
        }
        observedData = observed

        var base = preset?.configuration(seed: seed) ?? TrainingConfiguration(
            epochs: Self.defaultEpochs, learningRate: Self.defaultLearningRate,
            solver: GradientSettings(method: .dopri5, controller: .tolerances(rtol: 1e-6, atol: 1e-9)),
            seed: seed &+ TrainingPreset.samplerSeedOffset)
        base.solver = try Self.solver(command.solver, over: base.solver, preset: preset != nil)
        var config = try command.recipe.applied(to: base)
        if heldOut == nil, command.recipe.patience != nil {
            throw ProgramError.badInput("--patience needs held-out data (--holdout or --holdout-data)")
        }
        if heldOut == nil { config.patience = nil }
        stepCap = try TapeBudget.apply(to: &config, network: network, data: data,
                                             stepCapGiven: command.solver.maxSteps != nil)
        configuration = config
    }

    /// The system from `--system`/`--param`, else the preset's (with `--param` over its parameters), else nil.
    private static func system(command: TrainCommand, preset: TrainingPreset?) throws -> SystemField? {
        let overrides = try command.dataOptions.systemOptions.parameterValues()
        if command.dataOptions.systemOptions.isGiven {
            return try command.dataOptions.systemOptions.field()
        }
        guard let preset else {
            if !overrides.isEmpty { throw ProgramError.badInput("--param needs --system") }
            return nil
        }
        return try SystemRegistry.field(named: preset.system, parameters: preset.parameters.merging(overrides) { $1 })
    }

    static func loadData(_ path: String, option: String) throws -> TrajectoryDataset {
        do {
            return try TrajectoryDataset.load(path: path)
        } catch {
            throw ProgramError.badInput("\(option): \(error.description)")
        }
    }

    private static func network(_ options: TrainNetworkOptions, preset: TrainingPreset?, dimension: Int,
                                seed: UInt64) throws -> MLP {
        if let path = options.initial {
            let mlp: MLP
            do {
                mlp = try ModelFile.load(path: path)
            } catch {
                throw ProgramError.badInput("--init \(path): \(error.description)")
            }
            guard mlp.stateDim == dimension else {
                throw ProgramError.badInput("--init \(path): the model has \(mlp.stateDim) state components, the data \(dimension)")
            }
            return mlp
        }
        let hidden = options.hidden ?? preset?.hidden ?? defaultHidden
        let activation = options.activation ?? preset?.activation ?? .tanh
        try checkNetworkSize(dimension: dimension, augment: options.augment ?? 0, timeInput: options.timeInput, hidden: hidden)
        return MLP(stateDim: dimension, augmentDim: options.augment ?? 0, timeInput: options.timeInput,
                   hidden: hidden, activation: activation, seed: seed)
    }

    /// Refuses (exit 2) a network whose parameters, gradient, optimiser state and model text exceed the budget.
    private static func checkNetworkSize(dimension: Int, augment: Int, timeInput: Bool, hidden: [Int]) throws {
        let state = MemoryCheck.values(dimension) + MemoryCheck.values(augment)
        let widths = [state.bytes / 8 + (timeInput ? 1 : 0)] + hidden + [state.bytes / 8]
        var parameters = MemoryBudget.Estimate(0)
        for l in 0..<(widths.count - 1) {
            parameters = parameters + MemoryCheck.values(widths[l + 1]) * (widths[l] + 1)
        }
        let what = augment > 0 ? "--hidden \(hidden.map(String.init).joined(separator: ",")) with --augment \(augment)"
            : "--hidden \(hidden.map(String.init).joined(separator: ","))"
        // Parameters, gradient, two Adam moments, the best copy, and about 25 bytes of model text each.
        try MemoryCheck.require(parameters * 8, for: what)
    }

    private static func heldOut(command: TrainCommand, preset: TrainingPreset?, system: SystemField?,
                                data: TrajectoryDataset, transient: Double) throws -> TrajectoryDataset? {
        if let path = command.dataOptions.holdoutData {
            return try loadData(path, option: "--holdout-data")
        }
        let states: [[Double]]
        if let given = command.dataOptions.holdout {
            states = given
        } else if let preset, system != nil, !preset.heldOutStates.isEmpty {
            states = preset.heldOutStates
        } else {
            return nil
        }
        guard let system else { throw ProgramError.badInput("--holdout needs a system to simulate: give --system NAME") }
        let first = data.trajectories[0]
        let t1 = command.dataOptions.t1 ?? preset?.t1 ?? (first.times[first.count - 1] - first.times[0])
        let points = command.dataOptions.points ?? preset?.points ?? first.count
        do {
            return try SimulatedData.trajectories(system: system, initialStates: states, t1: t1, points: points,
                                                  transient: transient)
        } catch {
            throw ProgramError.badInput("--holdout: \(error.description)")
        }
    }

    /// The solver options given on the command line over the preset's solver.
    ///
    /// Without a preset the options resolve as in every program (`SolverSettings`). With one, what
    /// is not given comes from the preset when it suits: the method, then its `--dt` or its
    /// tolerances (a fixed-step method keeps the preset's step, an adaptive one its tolerances).
    private static func solver(_ options: SolverOptions, over base: GradientSettings,
                               preset: Bool) throws -> GradientSettings {
        let given = options.method != nil || options.dt != nil || options.rtol != nil || options.atol != nil
            || options.maxSteps != nil
        guard given else { return base }
        var merged = options
        if preset {
            let tolerancesGiven = options.rtol != nil || options.atol != nil
            if merged.method == nil, !(tolerancesGiven && !base.method.isAdaptive) {
                merged.method = base.method
            }
            let adaptive = merged.method?.isAdaptive ?? true
            switch base.controller {
            case .constant(let constant):
                if options.dt == nil, !tolerancesGiven, !adaptive || options.method == nil { merged.dt = constant.dt }
            case .adaptive(let pi):
                if options.dt == nil, adaptive {
                    merged.rtol = options.rtol ?? pi.rtol
                    merged.atol = options.atol ?? pi.atol
                }
            }
        }
        let settings = try SolverSettings(merged)
        var result = base
        result.method = settings.method
        result.controller = settings.controller
        return result
    }
}
