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

    @OptionGroup(title: "System") public var systemOptions: SystemOptions

    @Option(help: ArgumentHelp("A learned model (flowscope.mlp.v1) to analyse instead of the system.", valueName: "model.json"))
    public var model: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Initial state (default: the system's example state).", valueName: "x,y,..."))
    public var y0: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Time to discard before averaging.", valueName: "T"))
    public var transient: Double = 50

    @Option(parsing: .unconditional, help: ArgumentHelp("Averaging time after the transient.", valueName: "T"))
    public var t1: Double = 1000

    @Option(help: ArgumentHelp("How many exponents, the largest first (default: all).", valueName: "k"))
    public var exponents: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Time between re-orthonormalisations.", valueName: "tau"))
    public var interval: Double = 0.5

    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions

    public init() {}

    public func validate() throws {
        guard transient.isFinite, transient >= 0 else { throw ValidationError("--transient must be non-negative (got \(transient))") }
        guard t1.isFinite, t1 > 0 else { throw ValidationError("--t1 must be positive (got \(t1))") }
        guard interval.isFinite, interval > 0, interval <= t1 else {
            throw ValidationError("--interval must be positive and at most --t1 (got \(interval))")
        }
        if let exponents { guard (1...8).contains(exponents) else { throw ValidationError("--exponents must be in 1...8 (got \(exponents))") } }
    }

    public func run() throws {
        let options = try figure.figureOptions()
        let system = systemOptions.isGiven ? try systemOptions.field() : nil
        let learned = try model.map(LearnedInputs.model)
        do {
            var recipe = try LyapunovConvergenceFigure(system: system, model: learned)
            if let y0 { recipe.initialState = try ValueParsing.numbers(y0, option: "--y0") }
            recipe.settings = LyapunovSettings(transient: transient, duration: t1, exponents: exponents, interval: interval,
                                               maxRecords: 1500)
            let data = try recipe.compute()
            try LearnedInputs.write(recipe.layout(data, options: options), title: recipe.defaultTitle,
                                    to: figure.output, options: options)
        } catch let error as FigureError {
            throw LearnedInputs.programError(error)
        }
    }
}
