import Foundation
import NeuralODE
import Render

/// Exercise 3.1.2: the adjoint of y' = −αy with L = ½(y(T) − y*)², solved backward numerically,
/// against its closed form a(t) = (y₀e^{−αT} − y*)·e^{α(t−T)}, and dL/dα from both.
///
/// The correct closed form has a minus sign, dL/dα = −(y₀e^{−αT} − y*)·y₀·T·e^{−αT}; the course's
/// last line drops it ("up to the sign convention"). The adjoint's dL/dα is ∫ aᵀ∂f/∂α dt along the
/// backward solve (dopri5, rtol 1e-11).
public struct Exercise312Figure: CourseFigure {
    public var alpha = 0.7
    public var y0 = 1.3
    public var horizon = 2.0
    public var target = 0.2

    public init() {}

    public struct Numbers: Sendable {
        public var times: [Double]
        /// The numerical adjoint a(t) and the closed form at the same times.
        public var adjoint: [Double]
        public var closedForm: [Double]
        /// Largest |numerical − closed form| over the samples.
        public var largestDifference: Double
        /// dL/dα from the adjoint solve, from the correct closed form, and the course's (sign lost).
        public var adjointGradient: Double
        public var closedFormGradient: Double
        public var courseGradient: Double
    }

    public var defaultTitle: String { "Exercise 3.1.2: the adjoint of y' = \(NumberText.minus)αy and dL/dα" }
    public var preferredSize: PageSize { PageSize(width: .inches(6.5), height: .inches(6.6)) }

    public func compute() throws(FigureError) -> Numbers {
        let batch: ObservationBatch
        do {
            batch = try ObservationBatch(t0: 0, times: [horizon], initialStates: [y0], targets: [target],
                                         trajectoryCount: 1, stateDimension: 1)
        } catch {
            throw .invalidInput(error.description)
        }
        let trace: AdjointTrace
        do {
            trace = try AdjointTrace.record(LinearDecayField(alpha: alpha), batch: batch, loss: .halfSSE, method: .dopri5,
                                            controller: CourseNumerics.tight, samplesPerInterval: 41)
        } catch {
            throw .computationFailed(error.description)
        }
        let times = trace.intervals.flatMap(\.times), adjoint = trace.intervals.flatMap(\.adjoint)
        let residual = y0 * exp(-alpha * horizon) - target
        let closed = times.map { residual * exp(alpha * ($0 - horizon)) }
        let largest = zip(adjoint, closed).map { abs($0 - $1) }.max() ?? .nan
        let magnitude = residual * y0 * horizon * exp(-alpha * horizon)
        return Numbers(times: times, adjoint: adjoint, closedForm: closed, largestDifference: largest,
                       adjointGradient: trace.parameterGradient[0], closedFormGradient: -magnitude, courseGradient: magnitude)
    }

    public func keyNumbers(_ n: Numbers) -> [KeyNumber] {
        [KeyNumber("largestDifference", n.largestDifference, significant: 2),
         KeyNumber("adjoint", n.adjointGradient, significant: 5), KeyNumber("closedForm", n.closedFormGradient, significant: 5),
         KeyNumber("course", n.courseGradient, significant: 5)]
    }

    public func summary(_ n: Numbers) -> String {
        "alpha = \(NumberText.short(alpha)), y0 = \(NumberText.short(y0)), T = \(NumberText.short(horizon)), y* = \(NumberText.short(target))"
            + ": max |a_numerical - a_closed| = \(String(format: "%.1e", n.largestDifference))"
            + "; dL/dalpha adjoint \(CourseNumerics.fixed(n.adjointGradient, 8)), closed form \(CourseNumerics.fixed(n.closedFormGradient, 8))"
            + "; the course's sign-dropped formula gives \(CourseNumerics.signed(n.courseGradient, 8))"
    }

    public func layout(_ n: Numbers, options: FigureOptions) -> Figure {
        let figure = options.makeFigure(rows: 2, columns: 1)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let theme = options.theme
        let ax = figure[0, 0]
        ax.title = "α = \(NumberText.short(alpha)), y_{0} = \(NumberText.short(y0)), T = \(NumberText.short(horizon)), y* = \(NumberText.short(target))"
        ax.xLabel = "t"
        ax.yLabel = "a(t) = ∂L/∂y(t)"
        ax.showsGrid = true
        ax.add(LineSeries(x: n.times, y: n.closedForm, style: LineStyle(color: theme.truth, width: theme.lineWidth),
                          label: "closed form"))
        ax.add(LineSeries(x: n.times, y: n.adjoint, style: theme.line(.adjoint),
                          marker: theme.marker(.adjoint, size: 7), markEvery: 4, showsLine: false,
                          label: "adjoint, solved backward"))
        ax.annotate(.text("largest |difference| \(NumberText.short(n.largestDifference, significant: 2))",
                          at: (horizon, n.closedForm.min() ?? 0), offset: (-4, 0), anchor: .bottomRight))
        ax.legend = .best

        let bars = figure[1, 0]
        bars.title = "dL/dα"
        bars.xLabel = "dL/dα"
        HorizontalBars(bars: [
            .init(name: "adjoint", value: n.adjointGradient, fill: theme.role(.adjoint).color, edge: nil,
                  valueText: CourseNumerics.fixed(n.adjointGradient, 6)),
            .init(name: "closed form",
                  value: n.closedFormGradient, fill: theme.truth, edge: nil,
                  valueText: CourseNumerics.fixed(n.closedFormGradient, 6)),
            .init(name: "course (sign lost)", value: n.courseGradient, fill: Color(r: 1, g: 1, b: 1),
                  edge: LineStyle(color: theme.foreground, width: 1.4, dash: .dashed),
                  valueText: CourseNumerics.signed(n.courseGradient, 6) + " ✗"),
        ]).add(to: bars, style: figure.style)
        let m = abs(n.closedFormGradient)
        bars.xLimits = (-3.2 * m, 3.2 * m)
        bars.yLimits = (-1.5, 2.7)
        let formula = "dL/dα = \(NumberText.minus)(y_{0}e^{\(NumberText.minus)αT} \(NumberText.minus) y*) y_{0}T e^{\(NumberText.minus)αT}; the course drops the minus"
        bars.annotate(.text(formula, at: (-3.2 * m, -1.05), offset: (6, 0), anchor: .middleLeft, size: 8.5))
        return figure
    }
}
