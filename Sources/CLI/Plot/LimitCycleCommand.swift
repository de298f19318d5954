import ArgumentParser
import Figures
import NeuralODE

/// `ode-plot limit-cycle`: the true and the learned limit cycles overlaid, with period and amplitude.
public struct LimitCycleCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "limit-cycle",
        abstract: "True and learned limit cycles overlaid, with period and amplitude of each.",
        discussion: """
        Each cycle is found by integrating its field from the system's example state until \
        the period and amplitudes on a Poincaré section stop changing. The true cycle is solid \
        black, the learned one dashed; thin curves of the learned field (from --ics, default \
        one inside and two outside) spiral onto it. The legend gives T (period) and A (half \
        the range of the first component) of each. When the learned field has no limit cycle \
        (its trajectory settles at a point or diverges) the legend says so and the figure is \
        still written. --print writes both cycles as one JSON line on stdout.

        Examples:
          ode-plot limit-cycle --model vdp.json --system van-der-pol -o cycle.png
          ode-plot limit-cycle --model vdp.json --system van-der-pol --print -o cycle.svg

        Systems with a limit cycle: \(SystemRegistry.limitCycleSystems.joined(separator: ", ")).
        """)

    @Option(help: ArgumentHelp("The trained model file (flowscope.mlp.v1, state_dim 2).", valueName: "model.json"))
    public var model: String

    @OptionGroup(title: "System") public var systemOptions: SystemOptions

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Region of the plane to draw (default: the system's own).", valueName: "x0:x1,y0:y1"),
            transform: PlotValueParsing.window)
    public var window: PhaseWindow?

    @Option(parsing: .unconditional, help: ArgumentHelp("Starts of the learned field's curves.", valueName: "x,y;x,y;..."),
            transform: { try PlotValueParsing.planarStates($0, option: "--ics") })
    public var ics: [SIMD2<Double>]?

    @Option(parsing: .unconditional, help: ArgumentHelp("How long each curve runs.", valueName: "t"))
    public var t1: Double = 25

    @Flag(help: "Print both cycles (period, amplitudes) as one JSON line on stdout.")
    public var print = false

    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func validate() throws {
        guard t1.isFinite, t1 > 0 else { throw ValidationError("--t1 must be a positive number (got \(t1))") }
    }

    public func run() throws {
        let options = try figure.figureOptions()
        let system = try systemOptions.field()
        let learned = try LearnedInputs.model(model)
        let data: LimitCycleOverlay.Data
        do throws(FigureError) {
            var recipe = try LimitCycleOverlay(system: system, model: learned, window: window)
            if let ics { recipe.initialStates = ics }
            recipe.duration = t1
            data = try recipe.compute()
            try LearnedInputs.write(recipe.layout(data, options: options), title: recipe.defaultTitle,
                                    to: figure.output, options: options, numbers: recipe.keyNumbers(data))
        } catch {
            throw LearnedInputs.programError(error)
        }
        if print { StandardStreams.writeOutput(Self.json(system: system.spec.name, data: data) + "\n") }
    }

    /// The cycles as one JSON object: `true` and `learned` with `found`, `period`, `amplitude`,
    /// `amplitudes` (or `reason`), and the learned cycle's relative period and amplitude errors.
    static func json(system: String, data: LimitCycleOverlay.Data) -> String {
        func cycle(_ c: LimitCycle) -> String {
            "{\"found\":true,\"period\":\(c.period),\"amplitude\":\(c.amplitude),\"amplitudes\":[" +
                c.amplitudes.map { "\($0)" }.joined(separator: ",") + "]}"
        }
        var fields = ["\"system\":\(LearnedInputs.jsonString(system))", "\"true\":" + cycle(data.truth)]
        switch data.learned {
        case let .found(c):
            fields.append("\"learned\":" + cycle(c))
            fields.append("\"period_relative_error\":\((c.period - data.truth.period) / data.truth.period)")
            fields.append("\"amplitude_relative_error\":\((c.amplitude - data.truth.amplitude) / data.truth.amplitude)")
        case let .none(reason):
            fields.append("\"learned\":{\"found\":false,\"reason\":\(LearnedInputs.jsonString(reason))}")
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
