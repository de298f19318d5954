import ArgumentParser
import Figures
import NeuralODE

/// `ode-plot attractor`: a 3-D attractor in an oblique view with its three 2-D projections.
public struct AttractorCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "attractor",
        abstract: "A 3-D attractor (oblique view with depth cueing) and its three 2-D projections.",
        discussion: """
        For any system or model with three or more components. The system first runs \
        --transient time units from --y0 (default: its example state) so the drawn run lies on \
        the attractor; then --t1 time units are drawn (Tsitouras 5(4), rtol 1e-9). Nearer strands \
        of the 3-D view are wider and darker. With both --system and --model, the model starts \
        from the same state and the two are overlaid (true solid, learned dashed).

        Examples:
          ode-plot attractor --system lorenz -o lorenz.png
          ode-plot attractor --system rossler --t1 200 --color speed --azimuth -40 -o rossler.svg
          ode-plot attractor --system lorenz --model lorenz.json --t1 20 -o learned.png
        """)

    @OptionGroup(title: "System or model") public var dynamics: DynamicsOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Time run and discarded before drawing.", valueName: "T"))
    public var transient: Double = 20

    @Option(parsing: .unconditional, help: ArgumentHelp("Time drawn.", valueName: "T"))
    public var t1: Double = 50

    @Option(help: ArgumentHelp("Samples along the drawn run.", valueName: "n"))
    public var points: Int = 10_000

    @Option(parsing: .unconditional, help: ArgumentHelp("View azimuth about the vertical axis, degrees.", valueName: "deg"))
    public var azimuth: Double = -60

    @Option(parsing: .unconditional, help: ArgumentHelp("View elevation, degrees.", valueName: "deg"))
    public var elevation: Double = 25

    @Option(help: ArgumentHelp("Colour of a single curve.", valueName: "coloring"))
    public var color: AttractorColoring = .time

    @Option(help: ArgumentHelp("The three components drawn (0-based).", valueName: "i,j,k"),
            transform: { try ComponentIndices(parsing: $0) })
    public var components = ComponentIndices([0, 1, 2])

    @Flag(name: .customLong("no-projections"), help: "Draw the 3-D view alone.")
    public var noProjections = false

    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func validate() throws {
        guard transient.isFinite, transient >= 0 else { throw ValidationError("--transient must be non-negative (got \(transient))") }
        guard t1.isFinite, t1 > 0 else { throw ValidationError("--t1 must be positive (got \(t1))") }
        guard (2...1_000_000).contains(points) else { throw ValidationError("--points must be in 2...1000000 (got \(points))") }
        guard azimuth.isFinite, elevation.isFinite, abs(elevation) <= 90 else {
            throw ValidationError("--azimuth must be finite and --elevation within -90...90")
        }
    }

    public func run() throws {
        let options = try figure.figureOptions()
        let (system, learned) = try dynamics.inputs()
        do throws(FigureError) {
            var recipe = try AttractorFigure(system: system, model: learned)
            if let y0 = dynamics.y0 { recipe.initialState = y0.values }
            recipe.transient = transient
            recipe.duration = t1
            recipe.points = points
            recipe.azimuth = azimuth
            recipe.elevation = elevation
            recipe.coloring = color
            recipe.components = components.values
            recipe.showsProjections = !noProjections
            let data = try recipe.compute()
            try LearnedInputs.write(recipe.layout(data, options: options), title: recipe.defaultTitle,
                                    to: figure.output, options: options, numbers: recipe.keyNumbers(data))
        } catch {
            throw LearnedInputs.programError(error)
        }
    }
}
