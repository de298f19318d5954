import ArgumentParser
import Figures
import NeuralODE

/// `ode-plot error-growth`: a learned model's forecast error from held-out attractor states, on a log axis with e^{λ₁t}.
public struct ErrorGrowthCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "error-growth",
        abstract: "Forecast error of a learned model from held-out states, on a log axis with e^(lambda_1 t).",
        discussion: """
        The held-out states and errors are those of ode-analyze compare: --held-out states spread \
        along a true run of --duration after --transient; from each, model and system run \
        --horizon, and the error divided by the attractor's RMS size is drawn against time in \
        Lyapunov times, each state thin and their median thick, with the valid-prediction \
        threshold and the line c e^(lambda_1 t) (true lambda_1) through the median at one \
        Lyapunov time.

        Examples:
          ode-plot error-growth --model lorenz.json --system lorenz -o error-growth.png
        """)

    @OptionGroup(title: "System and model") public var dynamics: DynamicsOptions
    @OptionGroup(title: "Held-out predictions") public var settings: PredictionOptions
    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions
    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func run() throws {
        let options = try figure.figureOptions()
        try LearnedInputs.draw(ErrorGrowthFigure(try settings.prediction(dynamics)), to: figure.output, options: options)
    }
}
