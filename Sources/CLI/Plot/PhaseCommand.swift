import ArgumentParser
import Figures
import NeuralODE
import Render

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
        existing file untouched; --partial-curves draws it up to where it stopped, with a warning. \
        Streamlines and arrows stop where the field is not finite (0/0, sqrt of a negative, an \
        overflow): the figure is still drawn, and a warning line says at how many points of a \
        64 x 64 grid over the window and where first.

        Examples:
          ode-plot phase --system van-der-pol --limit-cycle \\
              --ics "0.1,0;-3,2;2.5,-3" -o vdp.png
          ode-plot phase --system van-der-pol --param mu=3 --limit-cycle \\
              --window -3:3,-6:6 --size 16x16cm -o vdp-mu3.pdf
          ode-plot phase --system pendulum --ics "2,0;-6,6" --quiver \\
              --dpi 300 -o pendulum.png
          ode-plot phase --model vdp.json --system van-der-pol --layout overlay \\
              --ics "0,3" -o vdp-learned.png

        The phase-plane toolkit: --nullclines draws the zero sets of each component (two line \
        styles), --equilibria the equilibria found by Newton's method from a 16 x 16 grid of \
        starts in the window, with a marker per type read from the Jacobian's eigenvalues \
        (filled stable, open unstable, half-filled saddle, open square centre, open triangle \
        degenerate), --separatrices the stable and unstable manifolds of each saddle, traced \
        both ways from it along its eigenvectors. Systems use their exact Jacobian, models the \
        network's (from its vector-Jacobian products). An n-D system is drawn on a slice: \
        --slice fixes all but two components (the field shown is the slice's two components; \
        equilibria are those of the full system, found from starts on the slice).

          ode-plot phase --system duffing --nullclines --equilibria --separatrices -o duffing.png
          ode-plot phase --system lorenz --slice z=27 --equilibria --nullclines -o lorenz-z27.png

        --animate writes an animation instead (-o .mp4, .gif, .webp, .pdf with one frame a page, \
        or a folder ending in / for numbered PNG frames; .png or .svg: its last frame, a poster): particles seeded on a grid (--particles \
        across the window) carried by the field for --flow-time time units, with fading trails, over \
        the field's grey streamlines and the figure's curves; --fps, --frames or --duration, --loop \
        set how it plays. With --model the particles follow the learned field (in its colour).

          ode-plot phase --system van-der-pol --animate --frames 80 --fps 20 -o vdp-flow.gif
          ode-plot phase --model vdp.json --system van-der-pol --animate -o vdp-learned-flow.mp4

        With --model the field is the model's (state_dim 2): --layout learned draws it alone \
        (a phase portrait), side-by-side next to the true field of --system (shared axes and speed \
        scale), overlay as arrows in the learned colour over the true field's grey streamlines.
        """)

    @OptionGroup(title: "System") public var systemOptions: SystemOptions

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Region of the plane to draw (default: the system's own).", valueName: "x0:x1,y0:y1"),
            transform: PlotValueParsing.window)
    public var window: PhaseWindow?

    @Flag(help: "Draw arrows of the field (with --streamlines: both; neither: both).")
    public var quiver = false

    @Flag(help: "Draw streamlines of the field.")
    public var streamlines = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Initial states of solution curves.", valueName: "x,y;x,y;..."),
            transform: { try PlotValueParsing.planarStates($0, option: "--ics") })
    public var ics: [SIMD2<Double>]?

    @Option(parsing: .unconditional, help: ArgumentHelp("How long each solution curve runs.", valueName: "t"))
    public var t1: Double = 20

    @Flag(name: .customLong("limit-cycle"), help: "Find the limit cycle by integrating to convergence and draw it.")
    public var limitCycle = false

    @Flag(help: "Draw the nullclines (where each component of the field vanishes).")
    public var nullclines = false

    @Flag(help: "Find the equilibria in the window and mark each by its type.")
    public var equilibria = false

    @Flag(help: "Draw the stable and unstable manifolds of each saddle.")
    public var separatrices = false

    @OptionGroup(title: "Slice (n-D systems)") public var plane: PlaneOptions

    @Flag(name: .customLong("partial-curves"),
          help: "Draw a solution curve whose solve fails up to where it stopped (with a warning) instead of failing.")
    public var partialCurves = false

    @OptionGroup(title: "Learned model") public var learned: PhaseModelOptions

    @Flag(help: "Write an animation: particles carried by the field with fading trails (-o .mp4, .gif, .webp, .pdf or folder/).")
    public var animate = false

    @Option(name: .customLong("flow-time"), parsing: .unconditional,
            help: ArgumentHelp("With --animate: time the particles flow from the first frame to the last.", valueName: "t"))
    public var flowTime: Double = 8

    @Option(parsing: .unconditional, help: ArgumentHelp("With --animate: particles across the window's longer side (2 to 60).", valueName: "n"))
    public var particles: Int = 12

    @OptionGroup(title: "Animation (with --animate)") public var animation: AnimationOptions

    @OptionGroup(title: "Solver (for the solution curves)")
    public var solver: SolverOptions

    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions

    @OptionGroup(title: "Reproducibility") public var seed: SeedOptions

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func validate() throws {
        guard t1.isFinite, t1 > 0 else { throw ValidationError("--t1 must be a positive number (got \(t1))") }
        guard flowTime.isFinite, flowTime > 0, flowTime <= 1e6 else { throw ValidationError("--flow-time must be a positive number (got \(flowTime))") }
        guard (2...60).contains(particles) else { throw ValidationError("--particles must be between 2 and 60 (got \(particles))") }
    }

    /// The toolkit parts asked for.
    var analysisParts: PhaseAnalysis.Parts {
        PhaseAnalysis.Parts(nullclines: nullclines, equilibria: equilibria, separatrices: separatrices)
    }

    public func run() throws {
        if let model = learned.model { return try runLearned(modelPath: model) }
        let options = animate ? try figure.animationOptions() : try figure.figureOptions()
        let field = try systemOptions.field()
        let spec = field.spec
        // A planar .ode file's `@ xp=y, yp=x` puts its second state on the horizontal axis: the same
        // plane, drawn through the slice path with the components swapped.
        let swapped = spec.dimension == 2 && spec.window.xComponent == 1 && spec.window.yComponent == 0
        if spec.dimension != 2 || !plane.slices.isEmpty || swapped {
            guard !limitCycle || spec.dimension == 2 else {
                throw ProgramError.badInput("--limit-cycle needs a planar system; \(spec.name) has \(spec.dimension) components")
            }
            let p = try plane.plane(names: spec.componentNames, systemName: spec.name, defaultWindow: spec.window,
                                    window: window)
            let names = [spec.componentNames[p.xComponent], spec.componentNames[p.yComponent]]
            let title = SystemLabels.title(for: field) + (plane.sliceText(p, names: spec.componentNames).map { " on the slice " + $0 } ?? "")
            var portrait: PhasePortrait<PlaneSliceField<SystemField>>
            do {
                portrait = try PhasePortrait(field: PlaneSliceField(field, plane: p), componentNames: names, systemTitle: title,
                                             window: try PhaseWindow(x: p.x, y: p.y))
            } catch {
                throw ProgramError.badInput(error.description)
            }
            if limitCycle {
                let start = spec.exampleInitialState
                portrait.limitCycle = LimitCycleFinder(start: [start[p.xComponent], start[p.yComponent]])
            }
            portrait.labelsVelocity = false
            portrait.analysisPlane = p
            portrait.analysisField = AnalysisField(exact: field)
            return try draw(&portrait, options: options)
        }
        var portrait: PhasePortrait<SystemField>
        do throws(FigureError) {
            portrait = try PhasePortrait(system: field, window: window)
            if limitCycle {
                // A system from text has no catalog flag: look for a cycle from its initial state (the finder says when there is none).
                portrait.limitCycle = systemOptions.equations != nil || systemOptions.system.map(SystemOptions.isPath) == true
                    ? LimitCycleFinder(start: spec.exampleInitialState) : try PhasePortrait.limitCycleFinder(for: field)
            }
        } catch {
            throw ProgramError.badInput(error.description)
        }
        portrait.analysisField = AnalysisField(exact: field)
        try draw(&portrait, options: options)
    }

    /// Applies the common options (curves, field marks, toolkit, solver) and writes the figure.
    func draw<F: VectorField>(_ portrait: inout PhasePortrait<F>, options: FigureOptions) throws {
        if let ics { portrait.initialStates = ics }
        portrait.duration = t1
        portrait.showsQuiver = quiver || !streamlines
        portrait.showsStreamlines = streamlines || !quiver
        portrait.streamlineSeed = seed.seed
        portrait.analysisParts = analysisParts
        if solver.method != nil || solver.dt != nil || solver.rtol != nil || solver.atol != nil || solver.maxSteps != nil {
            let settings = try SolverSettings(solver)
            portrait.method = settings.method
            portrait.controller = settings.controller
            if let maxSteps = solver.maxSteps { portrait.limitCycle?.maxSteps = maxSteps }
        }
        portrait.allowsPartialCurves = partialCurves
        if animate { return try writeAnimation(portrait, options: options, role: .truth) }
        do {
            let data = try portrait.compute()
            for line in data.stopped { StandardStreams.writeError("ode-plot: warning: \(line)\n") }
            try portrait.write(data, to: figure.output, options: options, version: flowscopeVersion,
                               command: CommandLineText.current())
        } catch {
            throw ProgramError(error.isBadInput ? .badInput : .failure, error.description)
        }
    }

    /// Writes the particle-flow animation over `portrait`; particles in `role`'s colour.
    func writeAnimation<F: VectorField>(_ portrait: PhasePortrait<F>, options: FigureOptions, role: StyleRole) throws {
        let settings = try animation.settings()
        var background = portrait
        // Under the particles the field is texture: streamlines alone unless arrows are asked for.
        background.showsQuiver = quiver
        background.showsStreamlines = streamlines || !quiver
        var flow = ParticleFlow(portrait: background)
        flow.flowTime = flowTime
        flow.particlesAcross = particles
        flow.role = role
        do {
            try flow.write(to: figure.output, options: options, settings: settings, version: flowscopeVersion,
                           command: CommandLineText.current())
        } catch {
            throw ProgramError(error.isBadInput ? .badInput : .failure, error.description)
        }
    }
}
