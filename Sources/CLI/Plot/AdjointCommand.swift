import ArgumentParser
import Figures
import NeuralODE

/// `ode-plot adjoint`: the forward solution, the adjoint a(t) solved backward with its jumps, and ∂L/∂θ accumulating.
public struct AdjointCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "adjoint",
        abstract: "Forward solution, adjoint a(t) = ∂L/∂y(t) with its jumps, and ∂L/∂θ accumulating backward.",
        discussion: """
        Solves the model forward from the observations' initial state, then the adjoint system \
        (Theorem 3.1.1) backward from the last observation to t0, recording y(t), a(t) and the \
        running parameter gradient between observations. a(t) jumps by ∂L/∂y at each \
        observation time; it is drawn piece by piece with each jump dotted. The bottom panel \
        shows each parameter's gradient (at most 6 parameters; else the norm and the three \
        largest), reaching dL/dθ at t0.

        Observations: --data FILE.csv (header [trajectory,]t,<components>; every trajectory \
        observed at the same times; the first row is the initial state) or --system simulated \
        from --y0 ("x,y;x,y") at --points times on [--t0, --t1]. The solver defaults to dopri5 \
        at rtol 1e-9, atol 1e-11, so the figure shows the adjoint of the ODE itself.

        Examples:
          ode-plot adjoint --model assets/models/example-3.1.1.json \\
              --data assets/data/example-3.1.2.csv --loss half-sse -o example-3.1.2-adjoint.png
          ode-plot adjoint --model vdp.json --system van-der-pol --y0 2,0 --t1 3 --points 7 -o vdp-adjoint.png

        --animate writes the backward sweep as it happens (-o .mp4, .gif, .webp, .pdf with one \
        frame a page, or a folder ending in / for numbered PNG frames; .png or .svg: the last \
        frame): a(t) and ∂L/∂θ drawn from the last observation back to t0 behind a moving \
        cursor, each jump appearing as the cursor reaches its observation; the panels keep the \
        whole solve's range. --fps, --frames or --duration, --loop set how it plays.

          ode-plot adjoint --model vdp.json --system van-der-pol --y0 2,0 --t1 3 --points 7 \
              --animate --frames 60 -o vdp-adjoint.mp4

        Exit codes: 0 success; 2 bad input (model or data file, dimensions, unknown names); 3 a \
        solve failed or the figure could not be written.
        """)

    @Option(help: ArgumentHelp("The model file (flowscope.mlp.v1 JSON).", valueName: "file"))
    public var model: String

    @OptionGroup(title: "Observations (--data, or --system simulated)") public var observed: ObservationOptions

    @Option(help: ArgumentHelp("Loss.", valueName: "kind"))
    public var loss: LossKind = .mse

    @OptionGroup(title: "Solver (forward and backward; default dopri5 with rtol 1e-9, atol 1e-11)")
    public var solver: SolverOptions

    @Flag(help: "Write an animation of the backward sweep (-o .mp4, .gif, .webp, .pdf or folder/).")
    public var animate = false

    @OptionGroup(title: "Animation (with --animate)") public var animation: AnimationOptions

    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func run() throws {
        let options = animate ? try figure.animationOptions() : try figure.figureOptions()
        let settings = animate ? try animation.settings() : nil
        let mlp: MLP
        do {
            mlp = try ModelFile.load(path: model)
        } catch {
            throw ProgramError.badInput("\(model): \(error.description)")
        }
        let lossKind = loss
        let observations = try observed.observations(mlp: mlp, defaultPoints: 6)
        var names: [String]
        if let data = observed.data {
            do { names = try TrajectoryDataset.load(path: data).componentNames } catch { throw ProgramError.badInput(error.description) }
            names = names.map { SystemLabels.symbol(LiteralText.escaped($0)) }
        } else {
            names = try observed.systemOptions.field().spec.componentNames.map(SystemLabels.symbol)
        }
        names += (0..<mlp.augmentDim).map { "h_{\($0 + 1)}" }
        let usesDefaults = solver.method == nil && solver.dt == nil && solver.rtol == nil && solver.atol == nil
        let solverSettings = usesDefaults ? nil : try SolverSettings(solver)
        let field = MLPField(mlp, batchSize: observations.batch.trajectoryCount)
        do {
            var recipe = try AdjointFigure(field: field, batch: observations.batch, componentNames: names,
                                           parameterNames: ParameterNames.of(mlp))
            recipe.loss = lossKind
            if let solverSettings {
                recipe.method = solverSettings.method
                recipe.controller = solverSettings.controller
            } else if let maxSteps = solver.maxSteps {
                var pi = PIController(rtol: 1e-9, atol: 1e-11)
                pi.maxSteps = maxSteps
                recipe.controller = .adaptive(pi)
            }
            if recipe.method == .rosenbrock23 {
                throw ProgramError.badInput("the adjoint needs an explicit method (not rosenbrock23)")
            }
            if let settings {
                try AdjointSweep(figure: recipe).write(to: figure.output, options: options, settings: settings, version: flowscopeVersion,
                                                       command: CommandLineText.current())
            } else {
                try recipe.write(to: figure.output, options: options, version: flowscopeVersion, command: CommandLineText.current())
            }
        } catch let error as FigureError {
            throw ProgramError(error.isBadInput ? .badInput : .failure, error.description)
        }
    }
}
