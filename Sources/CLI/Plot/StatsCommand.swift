import ArgumentParser
import Figures
import NeuralODE

/// `ode-plot stats`: the solver's step sizes over time with rejected steps marked, and evaluations per epoch of a log.
public struct StatsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Solver statistics: step sizes over time, rejected steps, evaluations per epoch.",
        discussion: """
        Solves --system from --y0 over [--t0, --t1] and draws the solution (top), the size of \
        every accepted step at its start time on a log axis with each rejected attempt marked \
        (middle; totals of evaluations, accepted and rejected steps in its title) and, with \
        --log, the forward and backward function evaluations per epoch of a training log \
        written by ode-train --log (bottom).

        Examples:
          ode-plot stats --system van-der-pol --param mu=10 --y0 2,0 --t1 30 -o vdp-steps.png
          ode-plot stats --system lorenz --y0 1,1,1 --t1 20 --method tsit5 --rtol 1e-8 --atol 1e-10 -o lorenz-steps.png
          ode-plot stats --system van-der-pol --y0 2,0 --t1 10 --log vdp-log.csv -o vdp-stats.png

        Exit codes: 0 success (a solve that fails part way is drawn up to where it stopped); 2 bad \
        input (unknown system or method, malformed value or log); 3 the figure could not be written.
        """)

    @OptionGroup(title: "System") public var systemOptions: SystemOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Initial state (default: the system's example state).", valueName: "x,y,..."),
            transform: { try ValueParsing.numbers($0, option: "--y0") })
    public var y0: [Double]?

    @Option(parsing: .unconditional, help: ArgumentHelp("Start time.", valueName: "t"))
    public var t0: Double = 0

    @Option(parsing: .unconditional, help: ArgumentHelp("End time.", valueName: "t"))
    public var t1: Double

    @Option(help: ArgumentHelp("A training log (CSV from ode-train --log) for evaluations per epoch.", valueName: "log.csv"))
    public var log: String?

    @OptionGroup(title: "Solver (default dopri5 with rtol 1e-6, atol 1e-9)") public var solver: SolverOptions

    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func validate() throws {
        guard t0.isFinite, t1.isFinite, t1 > t0 else {
            throw ValidationError("--t1 must be a finite time after --t0 (\(t0)); got \(t1)")
        }
    }

    public func run() throws {
        let options = try figure.figureOptions()
        let field = try systemOptions.field()
        let state = y0 ?? field.spec.exampleInitialState
        guard state.count == field.dimension else {
            throw ProgramError.badInput("--y0 needs \(field.dimension) values for \(field.spec.name) (got \(state.count))")
        }
        let settings = try SolverSettings(solver)
        var trainingLog: TrainingLog?
        if let log {
            do { trainingLog = try TrainingLog.load(path: log) } catch { throw ProgramError.badInput(error.description) }
        }
        do {
            var stats = try SolverStatsFigure(system: field, initialState: state, t1: t1)
            stats.t0 = t0
            stats.method = settings.method
            stats.controller = settings.controller
            stats.log = trainingLog
            try stats.write(to: figure.output, options: options, version: flowscopeVersion, command: CommandLineText.current())
        } catch {
            throw ProgramError(error.isBadInput ? .badInput : .failure, error.description)
        }
    }
}
