import ArgumentParser
import Figures
import NeuralODE

/// `ode-plot prediction-times`: a learned model's valid prediction time from each held-out attractor state, sorted.
public struct PredictionTimesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "prediction-times",
        abstract: "Valid prediction times of a learned model over held-out states, in Lyapunov times.",
        discussion: """
        The numbers of ode-analyze compare, drawn: one bar per held-out state (the first time \
        the error divided by the attractor's RMS size exceeds --threshold, times the true \
        lambda_1), sorted, with the median and an optional --goal.

        Examples:
          ode-plot prediction-times --model lorenz.json --system lorenz --goal 3 -o vpt.png
        """)

    @OptionGroup(title: "System and model") public var dynamics: DynamicsOptions
    @OptionGroup(title: "Held-out predictions") public var settings: PredictionOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("A target median drawn as a guide, in Lyapunov times.", valueName: "x"))
    public var goal: Double?

    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions
    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func validate() throws {
        if let goal, !(goal > 0 && goal.isFinite) { throw ValidationError("--goal must be positive (got \(goal))") }
    }

    public func run() throws {
        let options = try figure.figureOptions()
        try LearnedInputs.draw(PredictionTimesFigure(try settings.prediction(dynamics), goal: goal), to: figure.output, options: options)
    }
}
