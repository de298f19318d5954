import ArgumentParser
import Figures
import Foundation
import Render
import NeuralODE

/// `ode-plot convergence`: global error against step size and against evaluations for fixed-step solvers.
public struct ConvergenceCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "convergence",
        abstract: "Global error at t1 against step size (log-log, fitted orders) and against evaluations.",
        discussion: """
        Runs each method of --methods with constant steps h from --dts and compares y(t1) with a \
        reference: the closed form where the system has one (exp-decay), else dopri5 at rtol \
        1e-12. The error is the largest component of |y_h(t1) − y_ref(t1)|. Each legend entry \
        gives the fitted order (least-squares slope of log error against log h); dashed grey \
        guides show each method's nominal order. The lower panel is error against function \
        evaluations (work-precision).

        --dts takes a:b (halving from a down to b), a:b:n (n step sizes evenly spaced on a log \
        scale) or a comma-separated list.

        --match (Exercise 3.1.5) finds how many steps of the lowest-order method match the error \
        of the highest-order method at step --match-dt: predicted from the fitted line, then \
        checked by solving (the fewest steps whose error is at most the target). It is drawn on \
        the figure and printed.

        Examples:
          ode-plot convergence --system exp-decay --y0 0.5 --t1 0.5 --methods euler,rk4 --dts 0.1:0.003125 --match -o ex315.png
          ode-plot convergence --system van-der-pol --y0 2,0 --t1 5 --methods euler,midpoint,rk4 -o vdp-order.png

        Exit codes: 0 success; 2 bad input (unknown system or method, malformed list); 3 a solve \
        failed or the figure could not be written.
        """)

    @OptionGroup(title: "System") public var systemOptions: SystemOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Initial state (default: the system's example state).", valueName: "x,y,..."),
            transform: { try ValueParsing.numbers($0, option: "--y0") })
    public var y0: [Double]?

    @Option(parsing: .unconditional, help: ArgumentHelp("Start time.", valueName: "t"))
    public var t0: Double = 0

    @Option(parsing: .unconditional, help: ArgumentHelp("Time at which the error is measured.", valueName: "t"))
    public var t1: Double

    @Option(help: ArgumentHelp("Methods, comma-separated (fixed-step use of any explicit method).", valueName: "list"))
    public var methods = ChoiceList<SolverMethod>([.euler, .midpoint, .rk4])

    @Option(help: ArgumentHelp("Step sizes: a:b halving, a:b:n log-spaced, or a list.", valueName: "a:b"),
            transform: StepSizeList.init(parsing:))
    public var dts = StepSizeList.halving

    @Flag(help: "Find how many steps of the lowest-order method match the highest-order one at --match-dt.")
    public var match = false

    @Option(name: .customLong("match-dt"), parsing: .unconditional,
            help: ArgumentHelp("Step size of the higher-order method for --match.", valueName: "h"))
    public var matchDt: Double = 0.05

    @OptionGroup(title: "Figure") public var figure: FigureOutputOptions

    @OptionGroup(title: "Resources") public var memory: MemoryBudgetOptions

    public init() {}

    public func validate() throws {
        guard t0.isFinite, t1.isFinite, t1 > t0 else {
            throw ValidationError("--t1 must be a finite time after --t0 (\(t0)); got \(t1)")
        }
        guard matchDt > 0, matchDt.isFinite, matchDt < t1 - t0 else {
            throw ValidationError("--match-dt must be positive and smaller than t1 − t0")
        }
    }

    public func run() throws {
        let options = try figure.figureOptions()
        let field = try systemOptions.field()
        let state = y0 ?? field.spec.exampleInitialState
        guard state.count == field.dimension else {
            throw ProgramError.badInput("--y0 needs \(field.dimension) values for \(field.spec.name) (got \(state.count))")
        }
        let chosen = methods.values
        let steps = dts.values
        do {
            let exact = ClosedForm.solution(of: field, from: state, t0: t0, t1: t1)
            let reference = try exact ?? ConvergenceStudy.tightReference(field, initialState: state, t0: t0, t1: t1)
            let study = ConvergenceStudy(field: field, initialState: state, t0: t0, t1: t1, reference: reference)
            var recipe = try ConvergenceFigure(study: study, methods: chosen, stepSizes: steps,
                                               systemTitle: SystemLabels.title(for: field),
                                               referenceText: exact == nil ? "dopri5 at rtol 10^{-12}" : "closed form")
            if match {
                let byOrder = chosen.sorted { $0.order < $1.order }
                guard let coarse = byOrder.first, let fine = byOrder.last, coarse.order < fine.order else {
                    throw ProgramError.badInput("--match needs two methods of different orders in --methods")
                }
                recipe.match = (coarse, fine, matchDt)
            }
            let data = try recipe.compute()
            for s in data.series {
                StandardStreams.writeOutput(ConvergenceFigure<SystemField>.legendText(s) + "\n")
            }
            if let m = data.match {
                StandardStreams.writeOutput(Self.matchLine(m, span: t1 - t0))
            }
            let figureData = recipe.layout(data, options: options)
            let bytes = try FigureOutput.data(figureData, format: ImageFormat(path: figure.output), options: options,
                                              metadata: FigureOutput.metadata(title: options.resolvedTitle(recipe.defaultTitle),
                                                                              version: flowscopeVersion, command: CommandLineText.current()),
                                              numbers: recipe.keyNumbers(data))
            try AtomicFile.write(bytes, to: figure.output)
        } catch let error as FigureError {
            throw ProgramError(error.isBadInput ? .badInput : .failure, error.description)
        } catch let error as RenderError {
            throw ProgramError(.failure, error.description)
        }
    }

    /// The printed result of --match.
    static func matchLine(_ m: ConvergenceStudy<SystemField>.Match, span: Double) -> String {
        let h = span / Double(m.verifiedSteps)
        return "\(m.coarse.name) needs \(m.verifiedSteps) steps (h = \(h)) to match \(m.fine.name)'s error "
            + "\(m.targetError) at h = \(m.fineStepSize) (\(m.fineSteps) steps); the fitted line predicted "
            + "\(m.predictedSteps); error with \(m.verifiedSteps) steps \(m.verifiedError), with one fewer \(m.errorWithOneFewer)\n"
    }
}
