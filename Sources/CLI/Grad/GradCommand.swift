import ArgumentParser
import Foundation
import NeuralODE

/// `ode-grad`: the gradient check, every gradient method side by side with its difference to finite differences.
public struct GradCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ode-grad",
        abstract: "Compute a model's loss gradient by backprop, the adjoint and finite differences, side by side.",
        discussion: """
        The loss compares the model's solution with observations: a data file (CSV: `t`, one \
        column per state component, optional `trajectory`; every trajectory observed at the same \
        times; its first row is its initial state) or data simulated from --system at --points \
        evenly spaced times from --t0 to --t1, from each initial state of --y0 ("x,y;x,y").

        Losses: mse (mean over every observed row and component, the first row included: \
        torchdiffeq's mean((odeint(f, y0, t) - data)**2)); half-sse (½·Σ(y − y*)², the course's \
        form). The first row of each trajectory is its initial state, so it adds nothing to either.

        Methods (--gradient, comma-separated): backprop (exact for the discretised problem, \
        through the accepted steps), adjoint (the continuous adjoint solved backward, its own \
        tolerances via --adjoint-rtol/--adjoint-atol), finite-difference (central differences of \
        the discretised loss replaying the same steps; the referee). The table gives each \
        parameter (layerL.weight[out,in], layerL.bias[out], y0[trajectory,component]) per method and \
        the relative difference |g − g_fd| / |g_fd| (floored at 1e-8 of the largest |g_fd|).

        Examples:
          ode-grad --model assets/models/example-3.1.1.json \\
              --data assets/data/example-3.1.2.csv --loss half-sse --method euler --dt 0.25
          ode-grad --model model.json --system van-der-pol --y0 "2,0;-1,1" --t1 5 \\
              --points 51 --rtol 1e-8 --atol 1e-10 --json

        Exit codes: 0 success; 2 bad input (unknown name, malformed value, model or data file, \
        dimensions that do not match); 3 a solve failed or a gradient is not finite (the table of \
        what was computed is still printed).
        """,
        version: flowscopeVersion)

    @Option(help: ArgumentHelp("The model file (flowscope.mlp.v1 JSON).", valueName: "file"))
    public var model: String

    @OptionGroup(title: "Observations (--data, or --system simulated)") public var observed: ObservationOptions

    @Option(help: ArgumentHelp("Loss.", valueName: "kind"))
    public var loss: LossKind = .mse

    @Option(help: ArgumentHelp("Methods to run, comma-separated.", valueName: "list"))
    public var gradient = ChoiceList<GradientMethod>([.backprop, .adjoint, .finiteDifference])

    @OptionGroup(title: "Solver") public var solver: SolverOptions

    @OptionGroup(title: "Gradient methods") public var methodOptions: GradMethodOptions

    @Flag(help: "Print one JSON document instead of the tables.")
    public var json = false

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func run() throws {
        let mlp: MLP
        do {
            mlp = try ModelFile.load(path: model)
        } catch {
            throw ProgramError.badInput("\(model): \(error.description)")
        }
        let lossKind = loss
        let methods = gradient.values
        let observations = try observed.observations(mlp: mlp, defaultPoints: 101)
        let solverSettings = try SolverSettings(solver)
        let settings = try methodOptions.settings(solverSettings, loss: lossKind)
        let engine = GradientEngine(field: MLPField(mlp, batchSize: observations.batch.trajectoryCount))
        let check: GradientCheck
        do {
            check = try GradientCheck.run(engine, batch: observations.batch, settings: settings, methods: methods)
        } catch {
            throw ProgramError.badInput(error.description)
        }
        let report = GradReport(mlp: mlp, observations: observations, settings: settings, check: check)
        StandardStreams.writeOutput(json ? try report.json() : report.text())
        if let failed = check.results.first(where: { !$0.succeeded }), let failure = failed.failure {
            throw ProgramError.failure("\(failed.method.name): \(failure.description)")
        }
    }
}
