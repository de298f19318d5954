import Foundation
import NeuralODE
import Render

/// What a solver did: the solution for context, the accepted step sizes over time (log axis) with the
/// rejected attempts marked, and optionally the function evaluations per epoch of a training log.
///
/// Panels from the top: solution components against t; |h| of each accepted step at the step's start
/// time, rejected attempts as triangles at theirs; with `log`, forward and backward evaluations per
/// epoch. The step panel's title gives the evaluations, its legend the accepted and rejected counts; a solve that
/// fails is drawn up to where it stopped, with the reason.
public struct SolverStatsFigure<Field: VectorField>: FigureRecipe {
    public var field: Field
    /// Component names (legend of the solution panel).
    public var componentNames: [String]
    /// What the field is, in label notation; the default title.
    public var systemTitle: String
    public var initialState: [Double]
    public var t0 = 0.0
    public var t1: Double
    public var method: SolverMethod = .dopri5
    public var controller: StepSizeController = .tolerances(rtol: 1e-6, atol: 1e-9)
    /// A training log whose evaluations per epoch get a panel of their own.
    public var log: TrainingLog?
    /// Samples of the solution curve (dense output; they do not change the steps).
    public var samples = 600

    /// Throws `invalidInput` when the state or interval does not fit the field.
    public init(field: Field, componentNames: [String], systemTitle: String, initialState: [Double],
                t1: Double) throws(FigureError) {
        guard initialState.count == field.stateSize, componentNames.count == field.stateSize else {
            throw .invalidInput("the initial state has \(initialState.count) components; the system has \(field.stateSize)")
        }
        guard t1.isFinite else { throw .invalidInput("t1 must be finite") }
        self.field = field; self.componentNames = componentNames; self.systemTitle = systemTitle
        self.initialState = initialState; self.t1 = t1
    }

    public var defaultTitle: String { systemTitle }

    /// Runs the solve (its statistics hold every accepted and rejected step).
    public func compute() throws(FigureError) -> ODESolution {
        guard t1 > t0 else { throw .invalidInput("t1 (\(NumberText.short(t1))) must be after t0 (\(NumberText.short(t0)))") }
        do {
            return try ODESolve.solve(ODEProblem(field: field, t0: t0, t1: t1, y0: initialState), method: method,
                                      controller: controller, saveAt: .points(max(2, samples)))
        } catch {
            throw .solverSettings(error.description)
        }
    }


    /// The solver's settings as figure text: "dopri5, rtol 10⁻⁶, atol 10⁻⁹" or "rk4, h = 0.05".
    public var settingsText: String {
        switch controller {
        case .constant(let c): return "\(method.name), h = \(NumberText.short(c.dt, significant: 4))"
        case .adaptive(let pi):
            return "\(method.name), rtol \(Self.tolerance(pi.rtol)), atol \(Self.tolerance(pi.atol))"
        }
    }

    /// Lays out the figure from a computed solution.
    public func layout(_ solution: ODESolution, options: FigureOptions) -> Figure {
        let theme = options.theme
        let rows = log == nil ? 2 : 3
        let figure = options.makeFigure(rows: rows, columns: 1)
        figure.suptitle = options.resolvedTitle(systemTitle)
        let stats = solution.statistics
        let end = solution.failure?.time ?? t1
        let dashes: [Dash] = [.solid, .dashed, .dotted, .dashDot]

        let top = figure[0, 0]
        top.yLabel = componentNames.count == 1 ? SystemLabels.symbol(componentNames[0]) : "state"
        top.xLimits = (t0, t1)
        top.showsXTickLabels = false
        let n = solution.stateSize
        for i in 0..<n {
            let ys = (0..<solution.count).map { solution.states[$0 * n + i] }
            top.add(LineSeries(x: solution.times, y: ys,
                               style: LineStyle(color: theme.seriesColor(i), width: theme.lineWidth,
                                                dash: dashes[i % dashes.count]),
                               label: n > 1 ? SystemLabels.symbol(componentNames[i]) : nil))
        }
        if n > 1 { top.legend = .best }
        if let failure = solution.failure {
            top.title = "Stopped at t = \(NumberText.short(failure.time, significant: 4)): \(Self.reason(failure))"
        }

        let steps = figure[1, 0]
        steps.xLabel = "t"
        steps.yLabel = "step size |h|"
        steps.yScale = .log
        steps.xLimits = (t0, t1)
        steps.showsGrid = true
        // The accepted and rejected counts are in the legend (the title would be wider than the plot).
        steps.title = "\(settingsText): NFE \(stats.functionEvaluations)" + (stats.rejectedSteps == 0 ? ", none rejected" : "")
        let accepted = stats.acceptedStepSizes.map { abs($0) }
        let acceptedColor = theme.solver(method).color
        steps.add(LineSeries(x: stats.acceptedTimes, y: accepted, style: LineStyle(color: acceptedColor, width: 0.9 * theme.lineWidth),
                             marker: accepted.count <= 400 ? MarkerStyle(.circle, size: 3.2, fill: acceptedColor, edge: nil) : nil,
                             label: "accepted (\(stats.acceptedSteps))"))
        if stats.rejectedSteps > 0 {
            steps.add(Scatter(x: stats.rejectedTimes, y: stats.rejectedStepSizes.map { abs($0) },
                              marker: MarkerStyle(.triangle, size: 7.5, fill: .white, edge: theme.foreground, edgeWidth: 1.1),
                              label: "rejected (\(stats.rejectedSteps))"))
        }
        if end < t1 {
            steps.annotate(.text("stopped", at: (end, accepted.last ?? 1), offset: (4, 4), anchor: .bottomLeft))
        }
        steps.legend = .best

        if let log {
            addEvaluations(of: log, to: figure[2, 0], theme: theme)
        }
        return figure
    }

    /// The log's rows that evaluated no held-out error: their forward count is the training solves alone.
    static func trainingOnlyRows(_ log: TrainingLog) -> [Int] {
        guard let held = log.heldOut else { return Array(0..<log.count) }
        return (0..<log.count).filter { held[$0] == nil }
    }

    /// Forward and backward evaluations per epoch of training (the backward pass dashed), totals in
    /// the title. Epochs that also evaluated the held-out error are left out of the curves (their
    /// forward count adds the held-out solves, which would make the curve alternate into a band).
    func addEvaluations(of log: TrainingLog, to ax: Axes, theme: Theme) {
        ax.xLabel = "epoch"
        ax.yLabel = "evaluations per epoch"
        ax.showsGrid = true
        let rows = Self.trainingOnlyRows(log)
        let x = rows.map { Double(log.epochs[$0]) }
        var totals: [String] = []
        // One colour for both counts, the series colour the state's components (x, y, above) leave
        // free; the counts often coincide, so they differ in dash and in markers placed between
        // each other's, which show both curves where one covers the other.
        let color = theme.seriesColor(2)
        let every = max(1, x.count / 10)
        let series: [(String, [Int]?, Dash, MarkerStyle, Int)] = [
            ("forward", log.forwardEvaluations, .solid, MarkerStyle(.circle, size: 6, fill: color, edge: .white, edgeWidth: 0.6), 0),
            ("backward", log.backwardEvaluations, .dashed, MarkerStyle(.square, size: 6, fill: .white, edge: color, edgeWidth: 1.3), every / 2),
        ]
        var maxValue = 0
        for (name, values, dash, marker, first) in series {
            guard let values else { continue }
            let shown = rows.map { values[$0] }
            maxValue = max(maxValue, shown.max() ?? 0)
            let line = LineStyle(color: color, width: theme.lineWidth, dash: dash)
            ax.add(LineSeries(x: x, y: shown.map(Double.init), style: line))
            let marked = Array(Swift.stride(from: first, to: x.count, by: every))
            ax.add(Scatter(x: marked.map { x[$0] }, y: marked.map { Double(shown[$0]) }, marker: marker))
            ax.add(LineSeries(x: [], y: [], style: line, marker: marker, label: name))
            totals.append("\(name) " + NumberFormat.count(values.reduce(0, +)))
        }
        ax.yLimits = (0, max(1, Double(maxValue)) * 1.08)
        // Epochs that also evaluated the held-out error are left out (the caption's `heldOutEpochs`
        // says how many); the title keeps to the totals so it fits the panel.
        ax.title = "Training: " + (totals.isEmpty ? "evaluations not logged" : totals.joined(separator: ", ") + " in all")
        if !totals.isEmpty { ax.legend = .best }
    }

    public func keyNumbers(_ solution: ODESolution) -> [KeyNumber] {
        let s = solution.statistics
        var out = [KeyNumber("evaluations", count: s.functionEvaluations), KeyNumber("accepted", count: s.acceptedSteps),
                   KeyNumber("rejected", count: s.rejectedSteps)]
        if let log, let f = log.forwardEvaluations, let b = log.backwardEvaluations {
            let rows = Self.trainingOnlyRows(log)
            out += [KeyNumber("forwardTotal", count: f.reduce(0, +)), KeyNumber("backwardTotal", count: b.reduce(0, +)),
                    KeyNumber("heldOutEpochs", count: log.count - rows.count)]
            if let last = rows.last { out.append(KeyNumber("finalForward", count: f[last], meaning: "forward evaluations of the last training-only epoch")) }
            if let first = rows.first { out.append(KeyNumber("firstForward", count: f[first])) }
        }
        return out
    }

    /// A tolerance as "10^{-6}" when it is a power of ten, else its short form ("2.5 × 10^{−7}").
    static func tolerance(_ v: Double) -> String {
        let e = log10(v)
        if v > 0, abs(e - e.rounded()) < 1e-12 { return "10^{\(Int(e.rounded()))}" }
        return NumberText.short(v, significant: 3)
    }

    /// A short reason for a failure, for a panel title.
    static func reason(_ failure: SolveFailure) -> String {
        switch failure {
        case .stepSizeUnderflow: return "step size underflow"
        case .tooManySteps(_, let maxSteps): return "\(maxSteps) steps reached"
        case .nonFiniteState, .nonFiniteComponent: return "state not finite"
        case .beyondBound: return "state beyond its bound"
        }
    }
}

extension SolverStatsFigure where Field == SystemField {
    /// The figure for a registry system, titled with its name and parameters.
    public init(system: SystemField, initialState: [Double], t1: Double) throws(FigureError) {
        try self.init(field: system, componentNames: system.spec.componentNames, systemTitle: SystemLabels.title(for: system),
                      initialState: initialState, t1: t1)
    }
}
