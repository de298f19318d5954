import ArgumentParser
import Figures
import NeuralODE

/// `ode-plot trajectories`: learned against true solutions over time, with data and the training horizon.
public struct TrajectoriesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "trajectories",
        abstract: "Learned vs true solutions over time: one panel per component, data as points, training horizon marked.",
        discussion: """
        The true solution (black, solid) and the model's (dashed, one colour per initial \
        state) from each initial state, one panel per state component on a shared time axis. \
        Initial states come from --ics (e.g. held-out states), from the first row of each \
        trajectory of --data (whose rows are drawn as points), or from --preset (the preset's \
        noisy training data for --seed, exactly as ode-train makes it). The training horizon \
        (--train-t1; default the data's last time or the preset's t1) is a dashed line with \
        the region after it shaded: past it the model extrapolates. Each legend row gives the \
        trajectory MSE of learned against true over [0, t1]; the top title gives their mean.

        Examples:
          ode-plot trajectories --model vdp.json --preset mini-project --t1 20 -o train.png
          ode-plot trajectories --model vdp.json --system van-der-pol --ics "0,3;-2.5,2.5" \\
              --t1 20 --train-t1 10 -o heldout.png
          ode-plot trajectories --model lab.json --system exp-decay --data lab.csv --t1 2 -o lab.png
          ode-plot trajectories --system assets/systems/fitzhugh-nagumo.ode -o fhn.png

        Without --model only the true solutions are drawn; the initial state then defaults to \
        the system's (a .ode file's initial values) and --t1 to a .ode file's t0 + total.
        """)

    @Option(help: ArgumentHelp("The trained model file (flowscope.mlp.v1); without it only the true curves are drawn.",
                               valueName: "model.json"))
    public var model: String?

    @OptionGroup(title: "System") public var systemOptions: SystemOptions

    @Option(help: ArgumentHelp("Take system, data and training horizon from a training preset.", valueName: "name"))
    public var preset: PresetChoice?

    @Option(parsing: .unconditional, help: ArgumentHelp("Initial states, ';' between states.", valueName: "x,y;x,y;..."),
            transform: { try StateList.parse($0, option: "--ics") })
    public var ics: [[Double]]?

    @Option(help: ArgumentHelp("Observations to draw as points (CSV: [trajectory,]t,<components>).", valueName: "file.csv"))
    public var data: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("End of the plotted interval (default twice the training horizon, else 10).",
                                                        valueName: "t"))
    public var t1: Double?

    @Option(name: .customLong("train-t1"), parsing: .unconditional,
            help: ArgumentHelp("End of the training data, marked on the time axis (0: no marker).", valueName: "t"))
    public var trainT1: Double?

    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions

    @OptionGroup(title: "Reproducibility (the preset's noise)") public var seed: SeedOptions

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func validate() throws {
        if let t1 { guard t1.isFinite, t1 > 0 else { throw ValidationError("--t1 must be a positive number (got \(t1))") } }
        if let trainT1 { guard trainT1.isFinite, trainT1 >= 0 else { throw ValidationError("--train-t1 must be a number ≥ 0 (got \(trainT1))") } }
        guard !(ics != nil && data != nil) else { throw ValidationError("give --ics or --data, not both") }
        guard ics != nil || data != nil || preset != nil || systemOptions.isGiven else {
            throw ValidationError("give --ics, --data, --preset or a system (its example initial state)")
        }
    }

    public func run() throws {
        let options = try figure.figureOptions()
        try self.preset?.rejectLatent("ode-plot trajectories")
        let preset = self.preset?.preset
        let system = try LearnedInputs.system(systemOptions, preset: preset)
        let learned = try model.map(LearnedInputs.model)
        let defaults = try systemOptions.textDefaults()
        var observations: TrajectoryDataset?
        var states: [[Double]]
        var horizon = trainT1
        if let ics {
            states = ics
        } else if let data {
            observations = try LearnedInputs.data(data, dimension: system.spec.dimension, system: system.spec.name)
            states = []
        } else if let preset {
            do { observations = try preset.makeData(seed: seed.seed) } catch { throw ProgramError.failure("\(error)") }
            if horizon == nil { horizon = preset.t1 }
            states = []
        } else {
            states = [system.spec.exampleInitialState]
        }
        if let observations {
            states = observations.trajectories.map { $0.state(at: 0, dimension: observations.dimension) }
            if horizon == nil { horizon = observations.trajectories.compactMap(\.times.last).max() }
        }
        if horizon == nil, let preset { horizon = preset.t1 }
        let end = t1 ?? horizon.map { $0 > 0 ? 2 * $0 : 10 } ?? defaults?.t1 ?? 10
        do {
            var recipe = try TrajectoryComparison(system: system, model: learned, initialStates: states, duration: end)
            recipe.observations = observations
            recipe.trainingHorizon = horizon.flatMap { $0 > 0 ? $0 : nil }
            try recipe.write(to: figure.output, options: options, version: flowscopeVersion, command: CommandLineText.current())
        } catch {
            throw LearnedInputs.programError(error)
        }
    }
}
