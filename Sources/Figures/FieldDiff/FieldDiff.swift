import Foundation
import NeuralODE
import Render

/// The learned vector field against the true one: side by side, overlaid, and the error as heatmaps.
///
/// Planar systems get six panels (2 × 3 on a page more than 1.2 times as wide as tall, else 3 × 2): the true and the learned
/// field (grey streamlines under arrows coloured by one shared speed scale), the learned arrows
/// over the true streamlines, and heatmaps of |f_learned − f_true|, of the angle between them in
/// degrees (blank where a vector is zero; the magnitude on a log scale over three decades) and of the relative error |f_learned − f_true| / |f_true|
/// capped at 1. One-component systems get f(y) learned and true, and the signed error. Training
/// trajectories, when given, are drawn over the error panels so a reader sees where the model was
/// taught.
public struct FieldDiff: FigureRecipe {
    public var system: SystemField
    public var model: LearnedModel
    /// One range per component.
    public var window: [ClosedRange<Double>]
    /// Grid points per axis.
    public var resolution = 101
    /// Observed training trajectories to draw over the error panels; nil for none.
    public var training: TrajectoryDataset?
    public var arrowsAcross = 15
    public var streamlineSeed: UInt64 = 0
    /// Planar systems: true and learned equilibria (matched), marked on the field panels.
    public var equilibria: EquilibriumComparison?

    /// Checks that the system has one or two components, the model fits it, and the window does.
    public init(system: SystemField, model: LearnedModel, window: [ClosedRange<Double>]? = nil) throws(FigureError) {
        let d = system.spec.dimension
        guard d == 1 || d == 2 else {
            throw .incompatible("a field comparison is drawn for systems of 1 or 2 components; \(system.spec.name) has \(d)")
        }
        try model.check(against: system)
        try model.checkField(dimension: d, figure: "a field comparison")
        let w = window ?? (d == 2 ? [system.spec.window.x, system.spec.window.y] : [system.spec.window.y])
        guard w.count == d else { throw .invalidWindow("give \(d) range\(d == 1 ? "" : "s") for \(system.spec.name)") }
        for r in w where !(r.lowerBound.isFinite && r.upperBound.isFinite && r.upperBound > r.lowerBound) {
            throw .invalidWindow("the range \(NumberText.short(r.lowerBound)):\(NumberText.short(r.upperBound)) is empty or not finite")
        }
        self.system = system; self.model = model; self.window = w
    }

    public var defaultTitle: String { SystemLabels.title(for: system) + ": learned vs true vector field" }

    /// Evaluates both fields on the grid.
    public func compute() throws(FigureError) -> FieldComparison {
        let single: SystemField
        do { single = try system.batched(1) } catch { throw .incompatible("\(error)") }
        return FieldComparison(truth: single, learned: model.makeField(), window: window, resolution: resolution)
    }


    /// Lays out the figure from an already computed comparison.
    /// The metrics over the window's grid: RMS and largest error, relative error, angles.
    public func keyNumbers(_ c: FieldComparison) -> [KeyNumber] {
        let m = c.metrics
        var out = [KeyNumber("rmse", m.rmse, significant: 2), KeyNumber("maxError", m.maxError, significant: 2),
                   KeyNumber("maxErrorAt", text: m.maxErrorAt.count == 1 ? NumberText.short(m.maxErrorAt[0], significant: 2)
                                : NumberText.point(m.maxErrorAt, significant: 2)),
                   KeyNumber("relativeError", m.relativeError, significant: 2), KeyNumber("points", count: m.count)]
        if let a = m.meanAngle { out.append(KeyNumber("meanAngle", a, significant: 2)) }
        if let a = m.angle95 { out.append(KeyNumber("angle95", a, significant: 2)) }
        if let e = equilibria {
            out += EquilibriumNumbers.keys(e.truth, plane: (0, 1))
                + EquilibriumNumbers.keys(e.learned, plane: (0, 1), prefix: "learned")
                + EquilibriumNumbers.distances(learned: e.learned, truth: e.truth, plane: (0, 1))
        }
        return out
    }

    public func layout(_ data: FieldComparison, options: FigureOptions) -> Figure {
        window.count == 1 ? lineFigure(data, options: options) : planarFigure(data, options: options)
    }

    private var symbols: [String] { system.spec.componentNames.map(SystemLabels.symbol) }

    private func planarFigure(_ data: FieldComparison, options: FigureOptions) -> Figure {
        let theme = options.theme
        let (w, h) = options.size.points
        let landscape = w > 1.2 * h
        let figure = options.makeFigure(rows: landscape ? 2 : 3, columns: landscape ? 3 : 2)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let x = window[0], y = window[1]
        let panels = figure.axes
        for ax in panels {
            ax.xLabel = symbols[0]; ax.yLabel = symbols[1]
            ax.xLimits = (x.lowerBound, x.upperBound); ax.yLimits = (y.lowerBound, y.upperBound)
            ax.equalAspect = true
        }
        let truth = PlanarField(system).closure, learned = PlanarField(model.makeField()).closure
        let topSpeed = max(data.trueNorms.max() ?? 0, data.learnedNorms.max() ?? 0, 1e-12)
        let map = theme.sequential
        let speed = ColorScale(lower: 0, upper: topSpeed, colormap: { map.color(at: $0.squareRoot()) })
        let grey = LineStyle(color: Color(hex: 0xBDBDBD), width: 0.6 * theme.streamlineWidth)
        let cells = (arrowsAcross, max(2, Int((Double(arrowsAcross) * (y.upperBound - y.lowerBound) / (x.upperBound - x.lowerBound)).rounded())))
        for (ax, (field, name)) in zip(panels.prefix(2), [(truth, "True f"), (learned, "Learned f_\\theta")]) {
            ax.title = name
            ax.add(Streamlines(field: field, density: 0.8, style: grey, arrowSize: 0, seed: streamlineSeed))
            var q = Quiver.grid(x: x, y: y, nx: cells.0, ny: cells.1, field: field, scale: speed, unitLength: true)
            q.width = 0.8 * theme.arrowWidth
            ax.add(q)
        }
        panels[1].addColorbar(speed, label: "speed |f|")
        let overlay = panels[2]
        // No legend: streamlines and arrows cover the panel, so a legend would go outside and narrow
        // every panel of the column. The colours are the roles' (true grey, learned vermillion) and the
        // caption names them: a title naming them was wider than the panel.
        overlay.title = "True and learned"
        overlay.add(Streamlines(field: truth, density: 0.8, style: LineStyle(color: Color(hex: 0x9E9E9E), width: 0.8), arrowSize: 3.5,
                                seed: streamlineSeed))
        var q = Quiver.grid(x: x, y: y, nx: cells.0, ny: cells.1, field: learned, color: theme.learned, unitLength: true)
        q.width = 0.8 * theme.arrowWidth
        overlay.add(q)
        if let equilibria {
            let plane = try? PhasePlane.planar(x: x, y: y)
            let names = system.spec.componentNames
            func analysis(_ list: [Equilibrium]) -> PhaseAnalysis? {
                plane.map { PhaseAnalysis(plane: $0, nullclines: nil, equilibria: list, separatrices: [], jacobianMethod: .exact) }
            }
            if let t = analysis(equilibria.truth), let l = analysis(equilibria.learned) {
                PhaseAnalysisLayer(analysis: t, componentNames: names).addMarkers(to: panels[0], theme: theme)
                PhaseAnalysisLayer(analysis: l, componentNames: names, learned: true).addMarkers(to: panels[1], theme: theme)
                PhaseAnalysisLayer(analysis: t, componentNames: names, labelsTrue: true).addMarkers(to: overlay, theme: theme)
                PhaseAnalysisLayer(analysis: l, componentNames: names, learned: true).addMarkers(to: overlay, theme: theme)
                // No legend: in these arrow-covered panels it would go outside and shrink the whole grid;
                // the caption names the colours and the equilibria.
            }
        }

        // Errors span decades (small where the data were, large in the far corners): a log scale
        // over three decades below the largest, smaller errors in the lowest colour.
        let top = data.metrics.maxError
        let errorScale = top > 0 && top.isFinite ? ColorScale(lower: top / 1000, upper: top, logarithmic: true, map: theme.sequential)
            : ColorScale(lower: 0, upper: 1, map: theme.sequential)
        panels[3].title = "|f_\\theta \u{2212} f|"
        panels[3].add(Heatmap(values: data.rows(data.errorMagnitude), x: x, y: y, scale: errorScale))
        panels[3].addColorbar(errorScale, label: "error magnitude")
        // The scale ends at the largest angle (rounded up to 1, 2 or 5 × 10ᵏ degrees, at most 180):
        // a fit whose arrows are all within 10° must not read as one dark panel.
        let topAngle = data.angle.filter(\.isFinite).max() ?? 180
        let angleScale = ColorScale(lower: 0, upper: Self.roundedUp(topAngle, cap: 180), map: .magma)
        panels[4].title = "Angle (f_\\theta, f)"
        panels[4].add(Heatmap(values: data.rows(data.angle), x: x, y: y, scale: angleScale))
        panels[4].addColorbar(angleScale, label: "angular error (\u{00B0})")
        let relative = zip(data.errorMagnitude, data.trueNorms).map { e, n in n > 0 ? min(1, e / n) : Double.nan }
        let relativeScale = ColorScale(lower: 0, upper: 1, map: .cividis)
        panels[5].title = "|f_\\theta \u{2212} f| / |f|"
        panels[5].add(Heatmap(values: data.rows(relative), x: x, y: y, scale: relativeScale))
        panels[5].addColorbar(relativeScale, label: "relative error (capped at 1)")
        if let training {
            // White, as the caption says (", data white" in the titles made them wider than the panels).
            for ax in panels[3...5] { addTraining(training, to: ax, theme: theme) }
        }
        return figure
    }

    /// `v` rounded up to 1, 2 or 5 times a power of ten, at most `cap`.
    static func roundedUp(_ v: Double, cap: Double) -> Double {
        guard v.isFinite, v > 0 else { return cap }
        let p = pow(10, (log10(v)).rounded(.down))
        let step = [1.0, 2, 5, 10].first { $0 * p >= v * (1 - 1e-12) } ?? 10
        return min(cap, step * p)
    }

    /// The training trajectories as thin white-cased lines (visible on any heatmap colour), first labelled.
    private func addTraining(_ data: TrajectoryDataset, to ax: Axes, theme: Theme) {
        for (k, t) in data.trajectories.enumerated() {
            let xs = t.component(0, dimension: data.dimension), ys = t.component(1, dimension: data.dimension)
            ax.add(Trajectory(x: xs, y: ys, style: LineStyle(color: .white, width: 2.2)))
            ax.add(Trajectory(x: xs, y: ys, style: LineStyle(color: theme.role(.data).color, width: 1), label: nil))
        }
    }

    private func lineFigure(_ data: FieldComparison, options: FigureOptions) -> Figure {
        let theme = options.theme
        let figure = Figure(width: options.size.points.width, height: options.size.points.height, rows: 2, columns: 1,
                            sharedX: true, background: theme.background, style: options.chartStyle)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let s = symbols[0]
        let top = figure[0, 0], bottom = figure[1, 0]
        for ax in [top, bottom] { ax.xLimits = (window[0].lowerBound, window[0].upperBound) }
        if let training {
            let values = training.trajectories.flatMap(\.values)
            // The states no training data reached are shaded as the time after a training horizon is
            // (light grey): blue would read as a role (the adjoint's, a nullcline's).
            if let lo = values.min(), let hi = values.max() {
                let shade = Color.black.withAlpha(0.07)
                for (i, ax) in [top, bottom].enumerated() {
                    var labelled = false
                    for (x0, x1) in [(window[0].lowerBound, lo), (hi, window[0].upperBound)] where x1 > x0 {
                        ax.add(FillBetweenColumn(x0: x0, x1: x1, color: shade,
                                                 label: i == 0 && !labelled ? "outside the training data" : nil))
                        labelled = true
                    }
                }
            }
        }
        top.add(LineSeries(x: data.points, y: data.truth, style: LineStyle(color: theme.truth, width: theme.lineWidth),
                           label: "true f(\(s))"))
        top.add(LineSeries(x: data.points, y: data.learned,
                           style: LineStyle(color: theme.learned, width: theme.lineWidth, dash: .pattern(theme.learnedDash)),
                           label: "learned f_\\theta(\(s))"))
        top.yLabel = "\\dot{\(s)}"
        // On the left, on the side the true f leaves free as it falls (below) or rises (above): outside,
        // the key left a quarter of the page empty. The gallery's check confirms it touches no curve.
        let falls = (data.truth.last ?? 0) < (data.truth.first ?? 0)
        top.legend = falls ? .lowerLeft : .upperLeft
        let signed = zip(data.learned, data.truth).map { $0 - $1 }
        bottom.add(LineSeries(x: [window[0].lowerBound, window[0].upperBound], y: [0, 0], style: LineStyle(color: theme.grid, width: 1)))
        bottom.add(LineSeries(x: data.points, y: signed, style: LineStyle(color: theme.learned, width: theme.lineWidth)))
        bottom.yLabel = "f_\\theta \u{2212} f"
        bottom.xLabel = s
        return figure
    }
}

extension TrajectoryDataset.Trajectory {
    /// Component `c` of every observation.
    func component(_ c: Int, dimension: Int) -> [Double] {
        stride(from: c, to: values.count, by: dimension).map { values[$0] }
    }
}
