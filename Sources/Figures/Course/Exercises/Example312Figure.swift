import Foundation
import NeuralODE
import Render

/// Example 3.1.2, corrected: dL/dw₂ for Example 3.1.1's network with y*(0.5) = 0.37 and
/// L = ½(y(0.5) − y*)², from the adjoint solved backward through the two Euler steps, from
/// backpropagation and from central finite differences, next to the continuous adjoint and the
/// course's printed +0.0862.
///
/// The "adjoint" is the course's method done right: a₂ = y₂ − y*, then backward through each Euler
/// step a_k = a_{k+1} + Δt·a_{k+1}·∂f/∂y(y_k) and dL/dw₂ = Σ Δt·a_{k+1}·∂f/∂w₂(y_k), every product
/// taken with the network's own vector-Jacobian product at the step's *start* state y_k.
public struct Example312Figure: CourseFigure {
    public var dt = 0.25
    public var t1 = 0.5
    public var y0 = 1.0
    public var target = 0.37
    /// The value printed in the course text (quoted, not computed).
    public static let coursePrinted = 0.0862

    public init() {}

    public struct Numbers: Sendable {
        /// Euler times and states y₀, y₁, y₂, and the discrete adjoint a₀, a₁, a₂ at those times.
        public var eulerTimes: [Double]
        public var eulerStates: [Double]
        public var discreteAdjoint: [Double]
        /// dL/dw₂ from the discrete adjoint, backprop (engine) and finite differences (engine).
        public var adjointGradient: Double
        public var backpropGradient: Double
        public var finiteDifferenceGradient: Double
        /// The continuous problem (exact network flow, dopri5 rtol 1e-11): y(t), a(t), its dL/dw₂.
        public var times: [Double]
        public var states: [Double]
        public var adjoint: [Double]
        public var continuousGradient: Double
        /// tanh(1.5·y₂) and tanh(1.5·y₁) (the course printed the second where it meant the first).
        public var tanhAtY2: Double
        public var tanhAtY1: Double
    }

    public var defaultTitle: String { "Example 3.1.2, corrected: the gradient dL/dw_{2}" }
    public var preferredSize: PageSize { PageSize(width: .inches(6.5), height: .inches(8.8)) }

    public func compute() throws(FigureError) -> Numbers {
        let mlp = try CourseNumerics.example311Network()
        let w2Index = mlp.weightOffset(layer: 1), w1 = mlp.parameters[mlp.weightOffset(layer: 0)]
        let field = MLPField(mlp)
        let euler = try CourseNumerics.solve(field, y0: [y0], t1: t1, method: .euler, controller: .fixed(dt: dt),
                                             saveAt: .steps)
        let ys = euler.states, steps = ys.count - 1
        guard steps >= 1, let last = ys.last else { throw .computationFailed("the Euler solve took no step") }

        // The discrete adjoint, backward through the Euler steps with the network's VJPs.
        var a = [Double](repeating: 0, count: steps + 1)
        a[steps] = last - target
        var theta = [Double](repeating: 0, count: mlp.parameterCount)
        for k in stride(from: steps - 1, through: 0, by: -1) {
            let h = euler.times[k + 1] - euler.times[k]
            var vy = 0.0, y = ys[k], v = a[k + 1]
            var local = [Double](repeating: 0, count: mlp.parameterCount)
            local.withUnsafeMutableBufferPointer { g in
                guard let base = g.baseAddress else { return }
                field.vjp(t: euler.times[k], y: &y, v: &v, vy: &vy, vtheta: base)
            }
            a[k] = a[k + 1] + h * vy
            for i in theta.indices { theta[i] += h * local[i] }
        }

        let batch: ObservationBatch
        do {
            batch = try ObservationBatch(t0: 0, times: [t1], initialStates: [y0], targets: [target],
                                         trajectoryCount: 1, stateDimension: 1)
        } catch {
            throw .invalidInput(error.description)
        }
        let engine = GradientEngine(field: field)
        let settings = GradientSettings(method: .euler, controller: .fixed(dt: dt), loss: .halfSSE,
                                        finiteDifferenceStep: 1e-6, threads: 1)
        let backprop: GradientResult, fd: GradientResult
        do {
            backprop = try engine.gradient(batch, method: .backprop, settings: settings)
            fd = try engine.gradient(batch, method: .finiteDifference, settings: settings)
        } catch {
            throw .solverSettings(error.description)
        }
        if let failure = backprop.failure ?? fd.failure { throw .computationFailed(failure.description) }

        let trace: AdjointTrace
        do {
            trace = try AdjointTrace.record(field, batch: batch, loss: .halfSSE, method: .dopri5,
                                            controller: CourseNumerics.tight, samplesPerInterval: 101)
        } catch {
            throw .computationFailed(error.description)
        }
        let interval = trace.intervals.flatMap(\.times)
        return Numbers(eulerTimes: euler.times, eulerStates: ys, discreteAdjoint: a, adjointGradient: theta[w2Index],
                       backpropGradient: backprop.parameterGradient[w2Index],
                       finiteDifferenceGradient: fd.parameterGradient[w2Index],
                       times: interval, states: trace.intervals.flatMap(\.states),
                       adjoint: trace.intervals.flatMap(\.adjoint), continuousGradient: trace.parameterGradient[w2Index],
                       tanhAtY2: tanh(w1 * last), tanhAtY1: tanh(w1 * ys[min(1, steps)]))
    }

    public func keyNumbers(_ n: Numbers) -> [KeyNumber] {
        [KeyNumber("adjoint", n.adjointGradient, significant: 4), KeyNumber("backprop", n.backpropGradient, significant: 4),
         KeyNumber("finiteDifferences", n.finiteDifferenceGradient, significant: 4),
         KeyNumber("continuous", n.continuousGradient, significant: 4),
         KeyNumber("tanhAtY2", n.tanhAtY2, significant: 4), KeyNumber("tanhAtY1", n.tanhAtY1, significant: 4)]
    }

    public func summary(_ n: Numbers) -> String {
        "dL/dw2 through the Euler steps: adjoint \(CourseNumerics.fixed(n.adjointGradient, 5)), backprop "
            + "\(CourseNumerics.fixed(n.backpropGradient, 5)), finite differences \(CourseNumerics.fixed(n.finiteDifferenceGradient, 5))"
            + "; continuous adjoint (exact ODE) \(CourseNumerics.fixed(n.continuousGradient, 5))"
            + "; the course prints +0.0862 (tanh(1.5 y2) = \(CourseNumerics.fixed(n.tanhAtY2, 4)), not \(CourseNumerics.fixed(n.tanhAtY1, 4)))"
    }

    public func layout(_ n: Numbers, options: FigureOptions) -> Figure {
        let figure = options.makeFigure(rows: 3, columns: 1)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        // Roles: the exact solution of the network ODE is the truth, the two steps are Euler's.
        let theme = options.theme, euler = theme.role(.euler).color
        let eulerStyle = theme.line(.euler)
        let exactStyle = theme.line(.truth, width: theme.thickLineWidth)
        let eulerMarker = theme.marker(.euler, size: 7)

        let forward = figure[0, 0]
        forward.title = "Forward: y(t)"
        forward.xLabel = "t"
        forward.yLabel = "y"
        forward.showsGrid = true
        forward.add(LineSeries(x: n.times, y: n.states, style: exactStyle, label: "exact ODE (dopri5)"))
        forward.add(LineSeries(x: n.eulerTimes, y: n.eulerStates, style: eulerStyle, marker: eulerMarker,
                               label: "2 Euler steps, Δt = \(NumberText.short(dt))"))
        forward.add(Scatter(x: [t1], y: [target], marker: MarkerStyle(.diamond, size: 9, fill: theme.truth),
                            label: "target y* = \(NumberText.short(target))"))
        for (k, (t, y)) in zip(n.eulerTimes, n.eulerStates).enumerated() where k > 0 {
            let last = k == n.eulerStates.count - 1
            // Below and left of its marker: the step's line arrives from the upper left.
            forward.annotate(.text("y_{\(k)} = \(CourseNumerics.fixed(y, 4))", at: (t, y), offset: last ? (-9, -3) : (-8, -4),
                                   anchor: .topRight, color: euler))
        }
        let forwardValues = n.states + n.eulerStates + [target]
        let low = forwardValues.min() ?? 0, high = forwardValues.max() ?? 1
        forward.yLimits = (low - 0.16 * (high - low), high + 0.05 * (high - low))
        forward.legend = .best

        let backward = figure[1, 0]
        backward.title = "Adjoint a(t) = ∂L/∂y(t), solved backward"
        backward.xLabel = "t"
        backward.yLabel = "a"
        backward.showsGrid = true
        backward.add(LineSeries(x: n.times, y: n.adjoint, style: exactStyle, label: "continuous adjoint (exact ODE)"))
        backward.add(LineSeries(x: n.eulerTimes, y: n.discreteAdjoint, style: eulerStyle, marker: eulerMarker,
                                label: "adjoint through the Euler steps"))
        for (k, (t, a)) in zip(n.eulerTimes, n.discreteAdjoint).enumerated() {
            let last = k == n.discreteAdjoint.count - 1
            backward.annotate(.text("a_{\(k)} = \(CourseNumerics.fixed(a, 4))", at: (t, a),
                                    offset: last ? (-9, -3) : (k == 0 ? (6, 6) : (0, 8)),
                                    anchor: last ? .topRight : (k == 0 ? .bottomLeft : .bottomCenter), color: euler))
        }
        let lowest = min(n.adjoint.min() ?? 0, n.discreteAdjoint.min() ?? 0), highest = max(n.adjoint.max() ?? 0, n.discreteAdjoint.max() ?? 0)
        backward.yLimits = (lowest - 0.2 * (highest - lowest), highest + 0.4 * (highest - lowest))
        backward.legend = .best

        let grads = figure[2, 0]
        grads.title = "dL/dw_{2}: four ways and the course text"
        grads.xLabel = "dL/dw_{2}"
        // Each method's bar in its gradient role; the continuous adjoint answers another question (grey).
        let continuous = Color(hex: 0x999999)
        HorizontalBars(bars: [
            .init(name: "adjoint (Euler steps)", value: n.adjointGradient, fill: theme.role(.adjoint).color, edge: nil,
                  valueText: CourseNumerics.fixed(n.adjointGradient, 5)),
            .init(name: "backprop (Euler steps)", value: n.backpropGradient, fill: theme.role(.backprop).color, edge: nil,
                  valueText: CourseNumerics.fixed(n.backpropGradient, 5)),
            .init(name: "finite differences", value: n.finiteDifferenceGradient, fill: theme.role(.finiteDifferences).color, edge: nil,
                  valueText: CourseNumerics.fixed(n.finiteDifferenceGradient, 5)),
            .init(name: "continuous (exact ODE)", value: n.continuousGradient, fill: continuous, edge: nil,
                  valueText: CourseNumerics.fixed(n.continuousGradient, 5)),
            .init(name: "course text", value: Self.coursePrinted, fill: Color(r: 1, g: 1, b: 1),
                  edge: LineStyle(color: theme.foreground, width: 1.4, dash: .dashed), valueText: "+0.0862 ✗"),
        ]).add(to: grads, style: figure.style)
        let lo = min(n.adjointGradient, n.continuousGradient, 0)
        grads.xLimits = (3 * lo, 1.9 * Self.coursePrinted)
        grads.yLimits = (-1.9, 4.7)
        let note = "course: ∂f/∂y, ∂f/∂w_{2} at y_{1} where it says y_{2}"
        let detail = "tanh(1.5·y_{2}) = \(CourseNumerics.fixed(n.tanhAtY2, 4)), not \(CourseNumerics.fixed(n.tanhAtY1, 4)); [0, \(NumberText.short(dt))] left out"
        grads.annotate(.text(note, at: (3 * lo, -1.05), offset: (5, 0), anchor: .bottomLeft, size: 8))
        grads.annotate(.text(detail, at: (3 * lo, -1.05), offset: (5, -4), anchor: .topLeft, size: 8))
        return figure
    }
}
