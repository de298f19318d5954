import ArgumentParser
import Figures
import NeuralODE

/// `ode-plot lyapunov`: the running estimates of the Lyapunov exponents converging.
public struct LyapunovPlotCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lyapunov",
        abstract: "Running estimates of the Lyapunov exponents against averaging time.",
        discussion: """
        The estimates are those of `ode-analyze lyapunov` with the same options (tangent \
        dynamics, QR every --interval): one panel per exponent, time on a log axis, the final \
        value dotted and in the panel title. With --model the model's field is analysed.

        Examples:
          ode-plot lyapunov --system lorenz -o lorenz-lyapunov.png
          ode-plot lyapunov --system rossler --exponents 1 --t1 5000 -o rossler-lyapunov.svg
        """)

    @OptionGroup(title: "System or model") public var dynamics: DynamicsOptions

    @OptionGroup(title: "Estimate") public var estimate: LyapunovOptions

    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func validate() throws {
        if let exponents = estimate.exponents, exponents > 8 {
            throw ValidationError("--exponents must be in 1...8 for the figure (got \(exponents))")
        }
    }

    public func run() throws {
        let options = try figure.figureOptions()
        let (system, learned) = try dynamics.inputs()
        do {
            var recipe = try LyapunovConvergenceFigure(system: system, model: learned)
            if let y0 = dynamics.y0 { recipe.initialState = y0.values }
            recipe.settings = estimate.settings(records: 1500)
            let data = try recipe.compute()
            try LearnedInputs.write(recipe.layout(data, options: options), title: recipe.defaultTitle,
                                    to: figure.output, options: options, numbers: recipe.keyNumbers(data))
        } catch let error as FigureError {
            throw LearnedInputs.programError(error)
        }
    }
}
