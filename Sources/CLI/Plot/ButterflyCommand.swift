import ArgumentParser
import Figures
import NeuralODE

/// `ode-plot butterfly`: two runs from nearby states and their distance against e^{λ₁t}.
public struct ButterflyCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "butterfly",
        abstract: "The butterfly effect: two runs 1e-8 apart and their distance on a log axis.",
        discussion: """
        After --transient time units (so both runs start on the attractor) the second run starts \
        --separation away along the first component. The lower panel shows their distance on a \
        log axis with the line separation * e^(lambda_1 t), lambda_1 estimated on the same field \
        by tangent dynamics (ode-analyze lyapunov), and the attractor's RMS size where the \
        distance saturates. With --model the model's field is used instead of the system's.

        Examples:
          ode-plot butterfly --system lorenz -o butterfly.png
          ode-plot butterfly --system rossler --t1 300 --separation 1e-6 -o rossler-butterfly.svg
        """)

    @OptionGroup(title: "System or model") public var dynamics: DynamicsOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Time run before the two runs start.", valueName: "T"))
    public var transient: Double = 20

    @Option(parsing: .unconditional, help: ArgumentHelp("Time drawn.", valueName: "T"))
    public var t1: Double = 30

    @Option(parsing: .unconditional, help: ArgumentHelp("Initial distance of the two runs.", valueName: "d"))
    public var separation: Double = 1e-8

    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func validate() throws {
        guard transient.isFinite, transient >= 0 else { throw ValidationError("--transient must be non-negative (got \(transient))") }
        guard t1.isFinite, t1 > 0 else { throw ValidationError("--t1 must be positive (got \(t1))") }
        guard separation.isFinite, separation > 0, separation < 1 else {
            throw ValidationError("--separation must be in (0, 1) (got \(separation))")
        }
    }

    public func run() throws {
        let options = try figure.figureOptions()
        let (system, learned) = try dynamics.inputs()
        do throws(FigureError) {
            var recipe = try ButterflyFigure(system: system, model: learned)
            if let y0 = dynamics.y0 { recipe.initialState = y0.values }
            recipe.transient = transient
            recipe.duration = t1
            recipe.separation = separation
            let data = try recipe.compute()
            try LearnedInputs.write(recipe.layout(data, options: options), title: recipe.defaultTitle,
                                    to: figure.output, options: options, numbers: recipe.keyNumbers(data))
        } catch {
            throw LearnedInputs.programError(error)
        }
    }
}
