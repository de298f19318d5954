import ArgumentParser
import Figures
import NeuralODE

/// `ode-plot gradient-horizon`: ‖∂L/∂θ‖ of a learned model against the training horizon, with e^{λ₁T} (Misconception 5).
public struct GradientHorizonCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "gradient-horizon",
        abstract: "Norm of the training gradient against the training horizon T, with e^(lambda_1 T).",
        discussion: """
        From --starts states spread along the true attractor (after --transient), the loss of \
        the model over a window of T time units (MSE against the true trajectory observed every \
        --interval, RK4 with that step, as ode-train's windows) is differentiated by backprop \
        through the solver, for --count horizons from --from to --to. Drawn: each start's norm, \
        their median, and c e^(lambda_1 T) through the median at T = 1.

        Examples:
          ode-plot gradient-horizon --model lorenz.json --system lorenz -o gradient-horizon.png
        """)

    @OptionGroup(title: "System and model") public var dynamics: DynamicsOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Time the true run discards first.", valueName: "T"))
    public var transient: Double = 50

    @Option(help: ArgumentHelp("Number of window starts.", valueName: "n"))
    public var starts: Int = 20

    @Option(parsing: .unconditional, help: ArgumentHelp("Shortest horizon.", valueName: "T"))
    public var from: Double = 0.1

    @Option(parsing: .unconditional, help: ArgumentHelp("Longest horizon.", valueName: "T"))
    public var to: Double = 5

    @Option(help: ArgumentHelp("Number of horizons, evenly spaced.", valueName: "n"))
    public var count: Int = 25

    @Option(parsing: .unconditional, help: ArgumentHelp("Observation spacing and RK4 step.", valueName: "dt"))
    public var interval: Double = 0.01

    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions
    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func validate() throws {
        guard transient.isFinite, transient >= 0 else { throw ValidationError("--transient must be non-negative (got \(transient))") }
        guard (1...1000).contains(starts) else { throw ValidationError("--starts must be in 1...1000 (got \(starts))") }
        guard (2...500).contains(count) else { throw ValidationError("--count must be in 2...500 (got \(count))") }
        guard interval.isFinite, interval > 0, from.isFinite, to.isFinite, from >= interval, to > from, to / interval <= 1_000_000 else {
            throw ValidationError("need --interval > 0 and --interval ≤ --from < --to (at most 1000000 steps)")
        }
    }

    public func run() throws {
        guard dynamics.systemOptions.isGiven else { throw ProgramError.badInput("give --system NAME|FILE.ode or --equations TEXT (the true dynamics)") }
        guard let path = dynamics.model else { throw ProgramError.badInput("give --model FILE (the learned model)") }
        let options = try figure.figureOptions()
        let system = try dynamics.systemOptions.field()
        let model = try LearnedInputs.model(path)
        var recipe: HorizonGradientFigure
        do { recipe = try HorizonGradientFigure(system: system, model: model) } catch { throw LearnedInputs.programError(error) }
        recipe.initialState = dynamics.y0?.values
        recipe.transient = transient
        recipe.starts = starts
        recipe.measurement = HorizonGradient(from: from, to: to, count: count)
        recipe.measurement.observationInterval = interval
        recipe.measurement.settings = GradientSettings(method: .rk4, controller: .fixed(dt: interval))
        try LearnedInputs.draw(recipe, to: figure.output, options: options)
    }
}
