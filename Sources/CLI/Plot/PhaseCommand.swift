import ArgumentParser
import Figures
import NeuralODE

/// `ode-plot phase`: the phase portrait of a named planar system.
public struct PhaseCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "phase",
        abstract: "Phase portrait: vector field, solution curves and limit cycle of a planar system.",
        discussion: """
        The vector field is drawn as arrows (--quiver) and streamlines (--streamlines), both \
        when neither is given, coloured by speed |f| with a colorbar. Solution curves start \
        at the --ics states (each with its own colour, dash and start marker, and an arrow \
        showing the direction of time). --limit-cycle integrates from the system's example \
        state until the period and amplitude on a Poincaré section stop changing, draws that \
        orbit thick, and ends each curve where it joins it.

        Planar systems: \(SystemRegistry.specs.filter { $0.dimension == 2 }.map(\.name).joined(separator: ", ")).

        Solution curves use dopri5 with rtol 1e-9 and atol 1e-11 unless solver options are \
        given (--max-steps also bounds each solve of --limit-cycle). A curve that returns to its \
        start (a closed orbit) is drawn for one revolution. A curve whose solve fails (too many \
        steps, step size underflow, a non-finite state) fails the figure with exit 3 and leaves an \
        existing file untouched; --partial-curves draws it up to where it stopped, with a warning.

        Examples:
          ode-plot phase --system van-der-pol --limit-cycle \\
              --ics "0.1,0;-3,2;2.5,-3" -o vdp.png
          ode-plot phase --system van-der-pol --param mu=3 --limit-cycle \\
              --window -3:3,-6:6 --size 16x16cm -o vdp-mu3.pdf
          ode-plot phase --system pendulum --ics "2,0;-6,6" --quiver \\
              --dpi 300 -o pendulum.png
          ode-plot phase --model vdp.json --system van-der-pol --layout overlay \\
              --ics "0,3" -o vdp-learned.png

        With --model the field is the model's (state_dim 2): --layout learned draws it alone \
        (a phase portrait), side-by-side next to the true field of --system (shared axes and speed \
        scale), overlay as arrows in the learned colour over the true field's grey streamlines.
        """)

    @OptionGroup(title: "System") public var systemOptions: SystemOptions

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Region of the plane to draw (default: the system's own).", valueName: "x0:x1,y0:y1"))
    public var window: String?

    @Flag(help: "Draw arrows of the field (with --streamlines: both; neither: both).")
    public var quiver = false

    @Flag(help: "Draw streamlines of the field.")
    public var streamlines = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Initial states of solution curves.", valueName: "x,y;x,y;..."))
    public var ics: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("How long each solution curve runs.", valueName: "t"))
    public var t1: Double = 20

    @Flag(name: .customLong("limit-cycle"), help: "Find the limit cycle by integrating to convergence and draw it.")
    public var limitCycle = false

    @Flag(name: .customLong("partial-curves"),
          help: "Draw a solution curve whose solve fails up to where it stopped (with a warning) instead of failing.")
    public var partialCurves = false

    @OptionGroup(title: "Learned model") public var learned: PhaseModelOptions

    @OptionGroup(title: "Solver (for the solution curves)")
    public var solver: SolverOptions

    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions

    @OptionGroup(title: "Reproducibility") public var seed: SeedOptions

    public init() {}

    public func validate() throws {
        guard t1.isFinite, t1 > 0 else { throw ValidationError("--t1 must be a positive number (got \(t1))") }
    }

    public func run() throws {
        if let model = learned.model { return try runLearned(modelPath: model) }
        let options = try figure.figureOptions()
        let field = try systemOptions.field()
        var portrait: PhasePortrait<SystemField>
        do {
            portrait = try PhasePortrait(system: field, window: try window.map(PlotValueParsing.window))
            if limitCycle { portrait.limitCycle = try PhasePortrait.limitCycleFinder(for: field) }
        } catch let error as FigureError {
            throw ProgramError.badInput(error.description)
        }
        if let ics { portrait.initialStates = try PlotValueParsing.planarStates(ics, option: "--ics") }
        portrait.duration = t1
        portrait.showsQuiver = quiver || !streamlines
        portrait.showsStreamlines = streamlines || !quiver
        portrait.streamlineSeed = seed.seed
        if solver.method != nil || solver.dt != nil || solver.rtol != nil || solver.atol != nil || solver.maxSteps != nil {
            let settings = try SolverSettings(solver)
            portrait.method = settings.method
            portrait.controller = settings.controller
            if let maxSteps = solver.maxSteps { portrait.limitCycle?.maxSteps = maxSteps }
        }
        portrait.allowsPartialCurves = partialCurves
        do {
            let data = try portrait.compute()
            for line in data.stopped { StandardStreams.writeError("ode-plot: warning: \(line)\n") }
            try portrait.write(data, to: figure.output, options: options, version: flowscopeVersion,
                               command: CommandLineText.current())
        } catch {
            throw ProgramError(error.isBadInput ? .badInput : .failure, error.description)
        }
    }
}
