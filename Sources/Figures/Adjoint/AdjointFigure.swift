import Foundation
import NeuralODE
import Render

/// The forward solution y(t), the adjoint a(t) = ∂L/∂y(t) solved backward, and the parameter gradient
/// accumulating from the last observation back to t0: three panels on a shared time axis.
///
/// The adjoint is drawn as one piece per interval between observations (never joined across a
/// jump), each jump as a dotted vertical from a(τ⁺) (open marker) to a(τ⁻) (filled). Observation
/// times are thin vertical lines in every panel and the observations are points on y(t). The third
/// panel shows every parameter's running gradient when there are at most `maxParameters`, else the
/// norm ‖∂L/∂θ‖ and the three parameters with the largest final gradient; legend entries give dL/dθ.
public struct AdjointFigure<Field: DifferentiableField>: FigureRecipe {
    public var field: Field
    public var batch: ObservationBatch
    public var loss: LossKind = .mse
    public var method: SolverMethod = .dopri5
    public var controller: StepSizeController = .tolerances(rtol: 1e-9, atol: 1e-11)
    /// Names of the D state components (label notation).
    public var componentNames: [String]
    /// Names of the P parameters (label notation).
    public var parameterNames: [String]
    /// Samples per interval between observations.
    public var samplesPerInterval = 80
    /// Largest parameter count drawn one curve per parameter.
    public var maxParameters = 6
    /// What the model is, for the title.
    public var modelTitle = "Neural ODE"

    /// Throws `invalidInput` when the names do not match the batch and the field.
    public init(field: Field, batch: ObservationBatch, componentNames: [String], parameterNames: [String]) throws(FigureError) {
        guard componentNames.count == batch.stateDimension else {
            throw .invalidInput("\(componentNames.count) component names for states of \(batch.stateDimension) components")
        }
        guard parameterNames.count == field.parameterCount else {
            throw .invalidInput("\(parameterNames.count) parameter names for \(field.parameterCount) parameters")
        }
        guard field.stateSize == batch.trajectoryCount * batch.stateDimension else {
            throw .invalidInput("the model's state size \(field.stateSize) does not fit \(batch.trajectoryCount) "
                + "trajectories of \(batch.stateDimension) components")
        }
        self.field = field; self.batch = batch; self.componentNames = componentNames; self.parameterNames = parameterNames
    }

    public var defaultTitle: String { "\(modelTitle): forward solve, adjoint and gradient" }

    /// Runs the forward and the recorded backward solve.
    public func compute() throws(FigureError) -> AdjointTrace {
        do {
            return try AdjointTrace.record(field, batch: batch, loss: loss, method: method, controller: controller,
                                           samplesPerInterval: samplesPerInterval)
        } catch {
            switch error {
            case .configuration(let e): throw .invalidInput(e.description)
            case .failed(let f): throw .computationFailed(f.description)
            }
        }
    }


    /// The parameters drawn one by one: all of them, or the three with the largest final |dL/dθ|.
    public func shownParameters(_ trace: AdjointTrace) -> [Int] {
        let p = trace.parameterCount
        if p <= maxParameters { return Array(0..<p) }
        return (0..<p).sorted { abs(trace.parameterGradient[$0]) > abs(trace.parameterGradient[$1]) }.prefix(3).sorted()
    }

    /// Lays out the figure from a recorded trace.
    public func layout(_ trace: AdjointTrace, options: FigureOptions) -> Figure { layout(trace, options: options, sweep: nil) }

    /// The figure with the backward solve drawn only from the last observation back to `sweep`
    /// (nil: all of it), a cursor at `sweep`, and the adjoint's and gradient's axes fixed to the whole
    /// solve's range so a sweep's frames share them (`AdjointSweep`).
    func layout(_ trace: AdjointTrace, options: FigureOptions, sweep: Double?) -> Figure {
        let theme = options.theme
        let figure = Figure(width: options.size.points.width, height: options.size.points.height, rows: 3, columns: 1,
                            sharedX: true, background: theme.background, style: options.chartStyle)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let n = trace.stateSize, d = batch.stateDimension, b = batch.trajectoryCount
        let tau = trace.observationTimes
        let t0 = trace.t0, tEnd = tau.last ?? t0
        // Components take the theme's series colours (slate, copper: no role's colours, since the
        // adjoint role is a gradient method's colour); one trajectory: the component's dash too, so
        // x and y read apart in grey; several: the dash tells the trajectory.
        let dashes: [Dash] = [.solid, .dashed, .dotted, .dashDot]
        func color(_ i: Int) -> Color { theme.seriesColor(i) }
        func dash(_ traj: Int, _ i: Int) -> Dash { b == 1 ? Theme.seriesDashes[i % Theme.seriesDashes.count] : dashes[traj % dashes.count] }
        func symbol(_ traj: Int, _ i: Int) -> String {
            let base = componentNames[i]
            return b > 1 ? "\(base) (trajectory \(traj + 1))" : base
        }
        let panels = [figure[0, 0], figure[1, 0], figure[2, 0]]
        for ax in panels {
            // A little room after the last observation so its jump is not drawn on the frame.
            ax.xLimits = (t0, tEnd + 0.03 * (tEnd - t0))
            // Observation times as thin vertical lines behind the data, guides a legend may cover.
            if tau.count <= 60 {
                for t in tau { ax.add(VerticalRule(x: t, color: theme.grid)) }
            }
        }

        let yAx = panels[0]
        // Panel titles short enough to sit centred over their plots; what the marks mean is in the caption.
        yAx.title = "Forward y(t) and observations, " + lossText(trace)
        yAx.yLabel = "y(t)"
        let times = trace.intervals.enumerated().flatMap { k, iv in k == 0 ? iv.times : Array(iv.times.dropFirst()) }
        for traj in 0..<b {
            for i in 0..<d {
                let index = traj * d + i
                var values: [Double] = []
                for (k, iv) in trace.intervals.enumerated() {
                    for s in (k == 0 ? 0 : 1)..<iv.times.count { values.append(iv.states[s * n + index]) }
                }
                let style = LineStyle(color: color(i), width: theme.lineWidth, dash: dash(traj, i))
                yAx.add(LineSeries(x: times, y: values, style: style, label: n > 1 ? symbol(traj, i) : nil))
                if i < batch.observedDimension {
                    let obs = (0..<tau.count).map { batch.targets[($0 * b + traj) * batch.observedDimension + i] }
                    yAx.add(Scatter(x: tau, y: obs, marker: MarkerStyle(.circle, size: 5.5, fill: .white, edge: color(i), edgeWidth: 1.3)))
                }
            }
        }
        if n > 1 { yAx.legend = .best }

        let aAx = panels[1]
        aAx.title = "Adjoint a(t) = ∂L/∂y(t), backward from t = \(NumberText.short(tEnd))"
        aAx.yLabel = "a(t)"
        addAdjoint(trace, to: aAx, theme: theme, color: color, dash: dash, from: sweep ?? -.infinity)

        let gAx = panels[2]
        gAx.xLabel = "t"
        gAx.yLabel = "∂L/∂θ, t to t_{N}"
        gAx.title = "∂L/∂θ accumulating from t_{N} back to t_{0}, where it is dL/dθ"
        addParameterGradient(trace, to: gAx, times: times, theme: theme, from: sweep ?? -.infinity)
        if let sweep {
            for ax in panels { ax.add(VerticalRule(x: sweep, color: theme.role(.reference).color, width: 1.6)) }
            aAx.yLimits = Self.paddedRange(trace.intervals.flatMap(\.adjoint), by: 0.06)
            gAx.yLimits = Self.paddedRange(trace.intervals.flatMap { iv in
                shownParameters(trace).flatMap { q in stride(from: q, to: iv.parameterGradient.count, by: trace.parameterCount).map { iv.parameterGradient[$0] } }
            } + [0], by: 0.2)
            // The legend in every frame (where it goes decides the panels' size: it must not jump);
            // labels of final values at t0 only once the sweep reaches it.
            if trace.parameterCount > maxParameters {
                gAx.legend = .below
                return figure
            }
            guard sweep <= t0 else { return figure }
        }
        // Few parameters: each curve named at its start; many: the three shown get a legend (their
        // names carry sub- and superscripts that would collide when stacked at t0) under the plot,
        // where it leaves the panels the page's width for their titles (inside, it covers the curves).
        if trace.parameterCount <= maxParameters { labelCurvesAtStart(figure, panel: 2, theme: theme) } else { gAx.legend = .below }
        return figure
    }

    /// "L = 0.0129, half-sse".
    func lossText(_ trace: AdjointTrace) -> String {
        "L = \(NumberText.short(trace.loss, significant: 4)) (\(loss.name.uppercased()))"
    }

    /// The finite range of `values` widened by `fraction` of its span on each side ((−1, 1) when empty or flat).
    static func paddedRange(_ values: [Double], by fraction: Double) -> (Double, Double) {
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max(), hi > lo else {
            let c = values.first { $0.isFinite } ?? 0
            return (c - 1, c + 1)
        }
        return (lo - fraction * (hi - lo), hi + fraction * (hi - lo))
    }

    /// The part of the curve (x increasing) with x ≥ `start`, beginning at `start` itself (linear
    /// interpolation) when it falls inside.
    static func cropped(x: [Double], y: [Double], from start: Double) -> (x: [Double], y: [Double]) {
        guard let first = x.firstIndex(where: { $0 >= start }) else { return ([], []) }
        var cx = Array(x[first...]), cy = Array(y[first...])
        if first > 0, x[first] > start {
            let f = (start - x[first - 1]) / (x[first] - x[first - 1])
            cx.insert(start, at: 0)
            cy.insert(y[first - 1] + f * (y[first] - y[first - 1]), at: 0)
        }
        return (cx, cy)
    }

    func addAdjoint(_ trace: AdjointTrace, to ax: Axes, theme: Theme, color: (Int) -> Color, dash: (Int, Int) -> Dash, from start: Double) {
        let n = trace.stateSize, d = batch.stateDimension
        let tau = trace.observationTimes
        let markers = tau.count <= 40
        for index in 0..<n {
            let traj = index / d, i = index % d
            let c = color(i)
            let style = LineStyle(color: c, width: theme.lineWidth, dash: dash(traj, i))
            for iv in trace.intervals {
                let values = (0..<iv.times.count).map { iv.adjoint[$0 * n + index] }
                let shown = Self.cropped(x: iv.times, y: values, from: start)
                // Colours and dashes follow the forward panel's legend.
                if !shown.x.isEmpty { ax.add(LineSeries(x: shown.x, y: shown.y, style: style)) }
            }
            // Jumps: from the value right of τ (open) to the value left of it (filled).
            for (j, t) in tau.enumerated() where t >= start {
                let jump = trace.jumps[j * n + index]
                guard jump != 0 else { continue }
                let left = trace.intervals.first { $0.times.last == t }.map { $0.adjoint[($0.times.count - 1) * n + index] }
                let right = trace.intervals.first { $0.times.first == t }.map { $0.adjoint[index] } ?? 0
                guard let left else { continue }
                ax.add(LineSeries(x: [t, t], y: [right, left], style: LineStyle(color: c, width: 0.9, dash: .dotted)))
                if markers {
                    ax.add(Scatter(x: [t], y: [right], marker: MarkerStyle(.circle, size: 5, fill: .white, edge: c, edgeWidth: 1.2)))
                    ax.add(Scatter(x: [t], y: [left], marker: MarkerStyle(.circle, size: 5, fill: c, edge: c, edgeWidth: 0.6)))
                }
            }
        }
    }

    func addParameterGradient(_ trace: AdjointTrace, to ax: Axes, times: [Double], theme: Theme, from start: Double) {
        let p = trace.parameterCount
        func series(_ q: Int) -> [Double] {
            var out: [Double] = []
            for (k, iv) in trace.intervals.enumerated() {
                for s in (k == 0 ? 0 : 1)..<iv.times.count { out.append(iv.parameterGradient[s * p + q]) }
            }
            return out
        }
        let shown = shownParameters(trace)
        let dashes: [Dash] = [.solid, .dashed, .dotted, .dashDot, .pattern([6, 2, 1.5, 2, 1.5, 2]), .pattern([1.5, 3])]
        if p > maxParameters {
            // The norm is stated, not drawn: drawn, it is several times the largest component and
            // squashes the components that show how the gradient builds up.
            let total = trace.parameterGradient.reduce(0) { $0 + $1 * $1 }.squareRoot()
            ax.title = "The \(shown.count) largest of \(p) gradients, ‖∂L/∂θ‖ = " + NumberText.short(total, significant: 4)
        }
        // One colour for the parameters, the series colour a planar system's components (x, y) leave
        // free, so no colour means a component in one panel and a parameter in another; dashes tell
        // the parameters apart.
        let c = theme.seriesColor(2)
        for (k, q) in shown.enumerated() {
            let shown = Self.cropped(x: times, y: series(q), from: start)
            ax.add(LineSeries(x: shown.x, y: shown.y, style: LineStyle(color: c, width: theme.lineWidth, dash: dashes[k % dashes.count]),
                              label: "dL/d\(parameterNames[q]) = " + NumberText.short(trace.parameterGradient[q], significant: 4)))
        }
        // The curves fan out from 0 at the last observation, so no corner is free for a legend of every
        // parameter: each curve is labelled at t0 instead (`labelCurvesAtStart`). The norm, when drawn,
        // lies above the rest and leaves the upper right free.

    }

    /// Writes each labelled curve's legend text at its start (t0), where its value is dL/dθ: above
    /// curves that start above 0, below those that start below (the curves all end at 0), moved apart
    /// so no two labels overlap (positions from a layout pass with the recorder's text metrics).
    func labelCurvesAtStart(_ figure: Figure, panel: Int, theme: Theme) {
        let ax = figure.axes[panel]
        let curves = ax.marks.compactMap { $0 as? LineSeries }.filter { $0.label != nil && !$0.x.isEmpty }
        guard !curves.isEmpty else { return }
        let values = curves.flatMap(\.y).filter(\.isFinite) + [0]
        if let lo = values.min(), let hi = values.max(), hi > lo {
            // Room above and below for the labels.
            ax.yLimits = (lo - 0.2 * (hi - lo), hi + 0.2 * (hi - lo))
        }
        let transforms = figure.transforms(on: RecordingBackend(width: figure.width, height: figure.height))
        guard panel < transforms.count else { return }
        let t = transforms[panel]
        let line = theme.annotationSize * 1.35
        // Baselines in device y (down): above a curve for v ≥ 0, below it (text top) for v < 0.
        let above = curves.filter { $0.y[0] >= 0 }.sorted { $0.y[0] < $1.y[0] }
        let below = curves.filter { $0.y[0] < 0 }.sorted { $0.y[0] > $1.y[0] }
        for (group, up) in [(above, true), (below, false)] {
            var previous: Double?
            for c in group {
                let y0 = t.point(c.x[0], c.y[0]).y
                var y = up ? y0 - 2 : y0 + 2
                if let p = previous { y = up ? min(y, p - line) : max(y, p + line) }
                previous = y
                // "w_{2} = −0.01376": the panel's title already says these are dL/dθ.
                let text = (c.label ?? "").replacingOccurrences(of: "dL/d", with: "")
                ax.annotate(.text(text, at: (c.x[0], c.y[0]), offset: (6, y0 - y), anchor: up ? .bottomLeft : .topLeft,
                                  size: theme.annotationSize, color: theme.foreground))
            }
        }
    }
}
