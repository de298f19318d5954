import Foundation
import NeuralODE
import Render

/// Global error at t1 against step size (log-log, fitted order in each legend entry, dashed guide
/// slopes of each method's nominal order) and against function evaluations (work-precision).
///
/// With `match`, the coarse method's fitted line is extended (dotted) down to the step size that
/// matches the fine method's error, and the verified step count is written on the figure.
public struct ConvergenceFigure<Field: VectorField>: FigureRecipe {
    public var study: ConvergenceStudy<Field>
    public var methods: [SolverMethod]
    /// Step sizes, any order (drawn sorted).
    public var stepSizes: [Double]
    /// What the field is, in label notation.
    public var systemTitle: String
    /// Where the reference comes from, for the caption line ("closed form" or "dopri5, rtol 10^{-12}").
    public var referenceText: String
    /// (coarse, fine, h): how many coarse steps match the fine method's error at step h.
    public var match: (coarse: SolverMethod, fine: SolverMethod, stepSize: Double)?

    /// Throws `invalidInput` for no methods, an adaptive-only method, or a step size that is not positive.
    public init(study: ConvergenceStudy<Field>, methods: [SolverMethod], stepSizes: [Double], systemTitle: String,
                referenceText: String) throws(FigureError) {
        guard !methods.isEmpty else { throw .invalidInput("give at least one method") }
        if let bad = methods.first(where: { $0 == .rosenbrock23 }) {
            throw .invalidInput("\(bad.name) cannot take constant steps; choose explicit methods")
        }
        guard stepSizes.count >= 2, stepSizes.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw .invalidInput("give at least two positive step sizes")
        }
        guard let largest = stepSizes.max(), largest < study.t1 - study.t0 else {
            throw .invalidInput("the step sizes must be smaller than the interval t1 − t0 = \(NumberText.short(study.t1 - study.t0))")
        }
        self.study = study; self.methods = methods; self.stepSizes = stepSizes.sorted()
        self.systemTitle = systemTitle; self.referenceText = referenceText
    }

    public var defaultTitle: String { "\(systemTitle): global error at t = \(NumberText.short(study.t1))" }

    /// What `compute` produces.
    public struct Data: Sendable {
        public var series: [ConvergenceStudy<Field>.Series]
        public var match: ConvergenceStudy<Field>.Match?
    }

    public func compute() throws(FigureError) -> Data {
        let series = try study.series(methods: methods, stepSizes: stepSizes)
        var found: ConvergenceStudy<Field>.Match?
        if let m = match {
            guard let coarse = series.first(where: { $0.method == m.coarse }) else {
                throw .invalidInput("--match needs \(m.coarse.name) among the methods")
            }
            found = try study.match(coarseSeries: coarse, fine: m.fine, stepSize: m.stepSize)
        }
        return Data(series: series, match: found)
    }


    /// The legend text of one series: "rk4: order 4.00".
    public static func legendText(_ s: ConvergenceStudy<Field>.Series) -> String {
        "\(s.method.name): order " + (s.order.map { String(format: "%.2f", $0) } ?? "—")
    }

    /// Each method's fitted order; with a match, the steps the coarse method needs.
    public func keyNumbers(_ data: Data) -> [KeyNumber] {
        var out: [KeyNumber] = []
        for s in data.series { if let p = s.order { out.append(KeyNumber(s.method.name + ".order", p, significant: 3)) } }
        if let m = data.match {
            out += [KeyNumber("match.predicted", count: m.predictedSteps), KeyNumber("match.verified", count: m.verifiedSteps),
                    KeyNumber("match.fineStep", setting: m.fineStepSize), KeyNumber("match.fineSteps", count: m.fineSteps),
                    KeyNumber("match.targetError", m.targetError, significant: 2),
                    KeyNumber("match.millions", Double(m.verifiedSteps) / 1e6, significant: 2)]
        }
        return out
    }

    /// Lays out the figure from computed data.
    public func layout(_ data: Data, options: FigureOptions) -> Figure {
        let theme = options.theme
        let figure = options.makeFigure(rows: 2, columns: 1)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let guideColor = theme.role(.reference).color

        let left = figure[0, 0]
        left.xScale = .log; left.yScale = .log
        left.xLabel = "step size h"
        left.yLabel = "error at t_{1}"
        left.title = "Reference: \(referenceText)"
        left.showsGrid = true
        let right = figure[1, 0]
        right.xScale = .log; right.yScale = .log
        right.xLabel = "function evaluations"
        right.yLabel = "error at t_{1}"
        right.showsGrid = true
        let hMin = stepSizes.first ?? 1, hMax = stepSizes.last ?? 1
        // At least a decade and a half of h, so the log axis gets labelled decades.
        let decades = log10(hMax / hMin)
        if decades < 1.5 {
            let widen = pow(10, (1.5 - decades) / 2)
            left.xLimits = (hMin / widen, hMax * widen)
        }

        for s in data.series {
            let marker = theme.solverMarker(s.method, size: 6.5)
            let style = theme.solverLine(s.method)
            let errors = s.errors.map { $0 > 0 ? $0 : .nan }
            left.add(LineSeries(x: s.stepSizes, y: errors, style: style, marker: marker))
            // One legend names the methods (the styles are the same in both panels), in the cost
            // panel, whose upper right the curves leave free: outside, it left a third of the page empty.
            right.add(LineSeries(x: s.evaluations.map(Double.init), y: errors, style: style, marker: marker, label: Self.legendText(s)))
        }
        // Guides of the nominal orders, a factor of 4 below each method's smallest-h point; after the
        // data so the legend lists the methods first.
        for (k, s) in data.series.enumerated() {
            guard let anchor = zip(s.stepSizes, s.errors).first(where: { $0.1 > 0 && $0.1.isFinite }) else { continue }
            let p = Double(s.method.order)
            let scale = anchor.1 / 4 / pow(anchor.0, p)
            let gx = [hMin, hMax], gy = gx.map { scale * pow($0, p) }
            left.add(LineSeries(x: gx, y: gy, style: theme.line(.reference, width: 0.9),
                                label: k == 0 ? "nominal order" : nil))
            left.annotate(.text("h^{\(s.method.order)}", at: (hMax, gy[1]), offset: (3, 0), anchor: .middleLeft,
                                size: theme.annotationSize, color: guideColor))
        }
        if let m = data.match, let coarse = data.series.first(where: { $0.method == m.coarse }) {
            addMatch(m, coarse: coarse, left: left, right: right, hMax: hMax, theme: theme)
        }
        left.legend = .best
        right.legend = .best
        return figure
    }

    /// The coarse fit extended to the matching step size, the target error level, and the verified count.
    func addMatch(_ m: ConvergenceStudy<Field>.Match, coarse: ConvergenceStudy<Field>.Series, left: Axes, right: Axes,
                  hMax: Double, theme: Theme) {
        let span = study.t1 - study.t0
        let hMatch = span / Double(m.verifiedSteps)
        let color = theme.foreground
        if let e0 = coarse.fittedError(at: hMax), let e1 = coarse.fittedError(at: hMatch) {
            left.add(LineSeries(x: [hMatch, hMax], y: [e1, e0], style: LineStyle(color: color, width: 0.9, dash: .dotted)))
        }
        left.add(LineSeries(x: [hMatch, m.fineStepSize], y: [m.targetError, m.targetError],
                            style: LineStyle(color: color, width: 0.9, dash: .dotted)))
        // The matching point lies far left of the step sizes drawn on the left (h ≈ 1/steps), so it is
        // drawn on the cost panel only, where it sits at its evaluation count.
        let star = MarkerStyle(.diamond, size: 9, fill: color, edge: .white)
        let evaluations = m.verifiedSteps * (m.coarse.tableau?.b.count ?? 1)
        // A short legend entry (a long one pushed both panels to a third of the page) and the step
        // count beside the point.
        right.add(Scatter(x: [Double(evaluations)], y: [m.verifiedError], marker: star,
                          label: "\(m.coarse.name) at \(m.fine.name)'s error, h = " + NumberText.short(m.fineStepSize)))
        right.annotate(.text(NumberFormat.count(m.verifiedSteps) + " steps", at: (Double(evaluations), m.verifiedError), offset: (-8, 0),
                             anchor: .middleRight, size: theme.annotationSize, color: color))
    }
}
