import ArgumentParser
import Figures
import NeuralODE
import Render

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

        --animate draws the two runs as they go on the attractor in a 3-D view turning by --turn \
        degrees (-o .mp4, .gif, .webp, .pdf with one frame a page, or a folder ending in / for \
        numbered PNG frames; .png or .svg: the last frame); the title gives t and the runs' \
        distance. --fps, --frames or --duration, --loop set how it plays. A system only (not --model).

        Examples:
          ode-plot butterfly --system lorenz -o butterfly.png
          ode-plot butterfly --system lorenz --animate --frames 60 -o butterfly.webp
          ode-plot butterfly --system rossler --t1 300 --separation 1e-6 -o rossler-butterfly.svg
        """)

    @OptionGroup(title: "System or model") public var dynamics: DynamicsOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Time run before the two runs start.", valueName: "T"))
    public var transient: Double = 20

    @Option(parsing: .unconditional, help: ArgumentHelp("Time drawn.", valueName: "T"))
    public var t1: Double = 30

    @Option(parsing: .unconditional, help: ArgumentHelp("Initial distance of the two runs.", valueName: "d"))
    public var separation: Double = 1e-8

    @Flag(help: "Write an animation: both runs drawn as they go in a turning 3-D view (-o .mp4, .gif, .webp, .pdf or folder/).")
    public var animate = false

    @Option(parsing: .unconditional, help: ArgumentHelp("With --animate: degrees the view turns over the animation.", valueName: "deg"))
    public var turn: Double = 90

    @OptionGroup(title: "Animation (with --animate)") public var animation: AnimationOptions

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
        if animate { return try runAnimation() }
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

    /// Writes the turning 3-D animation of the two runs.
    func runAnimation() throws {
        let options = try figure.animationOptions(defaultSize: PageSize(width: .inches(5), height: .inches(5)))
        let settings = try animation.settings()
        guard turn.isFinite, abs(turn) <= 3600 else { throw ProgramError.badInput("--turn must be between -3600 and 3600 degrees (got \(turn))") }
        let (system, learned) = try dynamics.inputs()
        guard learned == nil, let system else { throw ProgramError.badInput("--animate draws a system's runs; give --system, not --model") }
        do throws(FigureError) {
            var recipe = try ButterflyFlight(system: system)
            if let y0 = dynamics.y0 { recipe.initialState = y0.values }
            recipe.transient = transient
            recipe.duration = t1
            recipe.separation = separation
            recipe.turn = turn
            try recipe.write(to: figure.output, options: options, settings: settings, version: flowscopeVersion,
                             command: CommandLineText.current())
        } catch {
            throw LearnedInputs.programError(error)
        }
    }
}
