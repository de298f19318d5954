import Foundation
import NeuralODE
import Render

/// Example 3.1.1: two Euler steps (Δt = 0.25) of the one-neuron network f(y) = −2·tanh(1.5y) from
/// y(0) = 1, drawn on the network's exact solution and on y' = −2y, values annotated.
public struct Example311Figure: CourseFigure {
    /// Euler step.
    public var dt = 0.25
    /// End of the interval [0, t1].
    public var t1 = 0.5
    /// Initial state.
    public var y0 = 1.0

    public init() {}

    public struct Numbers: Sendable {
        /// Euler's times and states t₀, t₁, t₂ and y₀, y₁, y₂.
        public var eulerTimes: [Double]
        public var eulerStates: [Double]
        /// The network's exact solution (dopri5, rtol 1e-11) on a fine grid.
        public var times: [Double]
        public var network: [Double]
        /// y0·e^{−2t} on the same grid.
        public var decay: [Double]
        /// Exact network y(t1) and e^{−2·t1}·y0.
        public var networkEnd: Double
        public var decayEnd: Double
    }

    public var defaultTitle: String { "Example 3.1.1: Euler steps of f(y) = \(NumberText.minus)2 tanh(1.5y)" }

    public func compute() throws(FigureError) -> Numbers {
        guard dt > 0, t1 > 0, (t1 / dt).rounded() == t1 / dt else {
            throw .invalidInput("t1 must be a positive multiple of dt (got t1 = \(t1), dt = \(dt))")
        }
        let field = MLPField(try CourseNumerics.example311Network())
        let euler = try CourseNumerics.solve(field, y0: [y0], t1: t1, method: .euler, controller: .fixed(dt: dt),
                                             saveAt: .steps)
        let exact = try CourseNumerics.solve(field, y0: [y0], t1: t1, saveAt: .points(201))
        let decay = exact.times.map { y0 * exp(-2 * $0) }
        return Numbers(eulerTimes: euler.times, eulerStates: euler.states, times: exact.times, network: exact.states,
                       decay: decay, networkEnd: exact.lastState[0], decayEnd: y0 * exp(-2 * t1))
    }

    public func keyNumbers(_ n: Numbers) -> [KeyNumber] {
        let euler = Array(n.eulerStates.dropFirst())
        return euler.enumerated().map { KeyNumber("y\($0.offset + 1)", $0.element, significant: 4) }
            + [KeyNumber("networkEnd", n.networkEnd, significant: 4), KeyNumber("decayEnd", n.decayEnd, significant: 4),
               KeyNumber("eulerError", (euler.last ?? .nan) - n.networkEnd, significant: 3)]
    }

    public func summary(_ n: Numbers) -> String {
        let steps = n.eulerStates.dropFirst().enumerated().map { "y\($0.offset + 1) = \(CourseNumerics.fixed($0.element, 4))" }
        return "Euler (dt \(NumberText.short(dt))): " + steps.joined(separator: ", ")
            + "; exact network y(\(NumberText.short(t1))) = \(CourseNumerics.fixed(n.networkEnd, 4))"
            + "; y' = -2y: e^-\(NumberText.short(2 * t1)) = \(CourseNumerics.fixed(n.decayEnd, 4))"
            + "; Euler error \(CourseNumerics.signed((n.eulerStates.last ?? .nan) - n.networkEnd, 4))"
    }

    public func layout(_ n: Numbers, options: FigureOptions) -> Figure {
        let figure = options.makeFigure()
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let theme = options.theme, ax = figure[0, 0]
        ax.xLabel = "t"
        ax.yLabel = "y(t)"
        ax.showsGrid = true
        ax.xLimits = (-0.03 * t1, 1.4 * t1)
        ax.add(LineSeries(x: n.times, y: n.decay, style: LineStyle(color: theme.truth, width: theme.lineWidth, dash: .dashed),
                          label: "y' = \(NumberText.minus)2y, exact: e^{\(NumberText.minus)2t}"))
        ax.add(LineSeries(x: n.times, y: n.network, style: LineStyle(color: theme.seriesColor(0), width: theme.thickLineWidth),
                          label: "network y' = f(y), exact (dopri5)"))
        ax.add(LineSeries(x: n.eulerTimes, y: n.eulerStates,
                          style: theme.line(.euler),
                          marker: theme.marker(.euler, size: 7),
                          label: "Euler, Δt = \(NumberText.short(dt))"))
        ax.legend = .best
        for (k, (t, y)) in zip(n.eulerTimes, n.eulerStates).enumerated() {
            let text = "y_{\(k)} = \(CourseNumerics.fixed(y, 4))"
            let last = k == n.eulerStates.count - 1
            ax.annotate(.text(text, at: (t, y), offset: last || k == 0 ? (9, 0) : (-8, -6),
                              anchor: last || k == 0 ? .middleLeft : .topRight, color: theme.role(.euler).color))
        }
        let end = n.times.last ?? t1
        ax.annotate(.text("y(\(NumberText.short(t1))) = \(CourseNumerics.fixed(n.networkEnd, 4))",
                          at: (end, n.networkEnd), offset: (9, 0), anchor: .middleLeft, color: theme.seriesColor(0)))
        ax.annotate(.text("e^{\(NumberText.minus)\(NumberText.short(2 * t1))} = \(CourseNumerics.fixed(n.decayEnd, 4))",
                          at: (end, n.decayEnd), offset: (9, 0), anchor: .middleLeft, color: theme.truth))
        return figure
    }
}
