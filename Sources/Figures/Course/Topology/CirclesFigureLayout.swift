import Foundation
import NeuralODE
import Render

extension CirclesFigure {
    /// Classes: −1 in the class-A role (blue circles), +1 in class B (gold triangles): shape tells them apart in grey.
    static let classColors = [Theme.standard.role(.classA).color, Theme.standard.role(.classB).color]
    static let classShapes: [MarkerShape] = [.circle, .triangle]
    /// Models in the curve panels: the plain one in the learned role (vermillion, dashed), the
    /// augmented one in the augmented role (dark brown, solid): both are learned models.
    static let modelStyles = [Theme.standard.line(.learned), Theme.standard.line(.augmented)]

    public func layout(_ n: Numbers, options: FigureOptions) -> Figure {
        let figure = options.makeFigure(rows: 3, columns: 3)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let half = NumberText.short(n.times[1], significant: 2), end = NumberText.short(n.times[2], significant: 2)
        // Titles no wider than these small plots: the dashed boundary o = 0, "augmented" and
        // "held-out" are said in the gallery caption.
        let lifted = "\(2 + n.augmented.augment)-D"
        planarPanel(figure[0, 0], n, n.plain.states[1], title: "2-D, t = \(half)", readout: nil)
        planarPanel(figure[0, 1], n, n.plain.states[2], title: "2-D, t = \(end)", readout: n.plain.readout)
        decisionPanel(figure[0, 2], n, n.plain, options: options)
        if let corridor = corridorPoint(n) {
            let ax = figure[0, 2], tail = (0.35, 0.3 - n.window)
            ax.annotate(.arrow(from: tail, to: corridor, color: Palette.black, width: 1.1))
            ax.annotate(.text("corridor", at: (-n.window, -n.window), offset: (4, 4),
                              anchor: .bottomLeft, color: Palette.black))
        }
        liftedPanel(figure[1, 0], n, n.augmented.states[1], title: "\(lifted), t = \(half)", readout: nil)
        liftedPanel(figure[1, 1], n, n.augmented.states[2], title: "\(lifted), t = \(end)", readout: n.augmented.readout)
        decisionPanel(figure[1, 2], n, n.augmented, options: options)
        planarPanel(figure[2, 0], n, n.data.points, title: "\u{25CF} −1, \u{25B2} +1", readout: nil, circles: true)
        curvePanel(figure[2, 1], n, title: "NFE per solve",
                   yLabel: "evaluations", value: { Double($0.forwardEvaluations) }, logarithmic: false, labelled: false)
        curvePanel(figure[2, 2], n, title: "Training loss", yLabel: "loss",
                   value: { $0.loss }, logarithmic: true)
        return figure
    }

    /// A grid point outside r3 where the plain model's read-out is negative: the corridor through
    /// which the region o < 0 (the disk's class) escapes, nil when there is none in the window.
    private func corridorPoint(_ n: Numbers) -> (Double, Double)? {
        let grid = TopologyTraining.linspace(-n.window, n.window, gridSize)
        var best: (Double, Double, Double)?
        for (j, y) in grid.enumerated() {
            for (i, x) in grid.enumerated() where n.plain.decision[j][i] < 0 {
                let r = (x * x + y * y).squareRoot()
                // The most negative point just outside the annulus.
                guard r > n.circles.annulusOuter + 0.05, r < n.circles.annulusOuter + 0.3 else { continue }
                if best == nil || n.plain.decision[j][i] < best?.2 ?? 0 { best = (x, y, n.plain.decision[j][i]) }
            }
        }
        return best.map { ($0.0, $0.1) }
    }

    private func percent(_ v: Double) -> String { "\(NumberText.short(100 * v, significant: 3))%" }

    private func addClasses(_ ax: Axes, n: Numbers, x: [Double], y: [Double], sizes: [Double]? = nil, order: [Int]? = nil,
                            labelled: Bool) {
        let indices = order ?? Array(n.data.labels.indices)
        // One scatter per point keeps the depth order across both classes.
        for k in indices {
            let c = n.data.labels[k] < 0 ? 0 : 1
            ax.add(Scatter(x: [x[k]], y: [y[k]],
                           marker: MarkerStyle(Self.classShapes[c], size: sizes?[k] ?? 5.5, fill: Self.classColors[c],
                                               edge: .white, edgeWidth: 0.6)))
        }
        if labelled {
            for c in 0..<2 {
                ax.add(Scatter(x: [], y: [], marker: MarkerStyle(Self.classShapes[c], size: 6.5, fill: Self.classColors[c]),
                               label: c == 0 ? "\(NumberText.minus)1: r \u{2264} r_1" : "+1: r_2 \u{2264} r \u{2264} r_3"))
            }
        }
    }

    /// The points of `states` (N × 2) in the plane; `reach` fixes the half-width of the window (else fitted).
    func planarPanel(_ ax: Axes, _ n: Numbers, _ states: [Double], title: String, readout: LinearReadout?,
                     circles: Bool = false, reach fixed: Double? = nil) {
        ax.title = title
        ax.equalAspect = true
        ax.xLabel = "z_1"
        ax.yLabel = "z_2"
        let xs = stride(from: 0, to: states.count, by: 2).map { states[$0] }
        let ys = stride(from: 1, to: states.count, by: 2).map { states[$0] }
        let reach = fixed ?? max(xs.map(abs).max() ?? 1, ys.map(abs).max() ?? 1) * 1.12
        ax.xLimits = (-reach, reach)
        ax.yLimits = (-reach, reach)
        if circles {
            let angles = (0...120).map { 2 * Double.pi * Double($0) / 120 }
            for r in [n.circles.innerRadius, n.circles.annulusInner, n.circles.annulusOuter] {
                ax.add(LineSeries(x: angles.map { r * cos($0) }, y: angles.map { r * sin($0) },
                                  style: LineStyle(color: Color(hex: 0x999999), width: 0.8, dash: .dotted)))
            }
            ax.xLabel = "x_1"
            ax.yLabel = "x_2"
        }
        addClasses(ax, n: n, x: xs, y: ys, labelled: false)
        if let readout {
            // The line w₁z₁ + w₂z₂ + b = 0 across the window.
            let w = readout.weights, b = readout.bias, far = 4 * reach
            let line: ([Double], [Double]) = abs(w[1]) > abs(w[0])
                ? ([-far, far], [(-b + w[0] * far) / w[1], (-b - w[0] * far) / w[1]])
                : ([(-b + w[1] * far) / w[0], (-b - w[1] * far) / w[0]], [-far, far])
            // Named in the caption: a legend would push this small panel's neighbours aside.
            ax.add(LineSeries(x: line.0, y: line.1, style: LineStyle(color: Palette.black, width: 1.6, dash: .dashed)))
        }
        // The classes are named in the title (a legend has no room in a panel this small).
        if circles { ax.yLimits = (-reach, reach) }
    }

    /// The points of `states` (N × 3) in an oblique view over a box; `box` fixes the box (else fitted).
    func liftedPanel(_ ax: Axes, _ n: Numbers, _ states: [Double], title: String, readout: LinearReadout?,
                     box: (low: [Double], high: [Double])? = nil) {
        ax.title = title
        ax.equalAspect = true
        ax.showsXTickLabels = false
        ax.showsYTickLabels = false
        let d = 2 + n.augmented.augment, count = n.data.count
        let view = ObliqueProjection(azimuth: 0.6, elevation: 0.35)
        func coordinate(_ k: Int, _ i: Int) -> Double { states[k * d + i] }
        let (low, high) = box ?? Self.liftedBox(n, [states])
        let projected = (0..<count).map { view.project(coordinate($0, 0), coordinate($0, 1), coordinate($0, 2)) }
        // The box's floor (at the lowest a) and vertical edges, for orientation.
        let floor = [(low[0], low[1]), (high[0], low[1]), (high[0], high[1]), (low[0], high[1])]
        let edge = LineStyle(color: Color(hex: 0xAAAAAA), width: 0.8)
        let floorPoints = (floor + floor.prefix(1)).map { view.project($0.0, $0.1, low[2]) }
        ax.add(LineSeries(x: floorPoints.map(\.u), y: floorPoints.map(\.v), style: edge))
        for corner in floor {
            let a = view.project(corner.0, corner.1, low[2]), b = view.project(corner.0, corner.1, high[2])
            ax.add(LineSeries(x: [a.u, b.u], y: [a.v, b.v], style: LineStyle(color: Color(hex: 0xCCCCCC), width: 0.7, dash: .dotted)))
        }
        if let readout, readout.weights.count >= 3 {
            let plane = ObliqueProjection.planeInBox(normal: Array(readout.weights.prefix(3)), offset: readout.bias,
                                                     low: low, high: high)
            if !plane.isEmpty {
                let points = plane.map { view.project($0[0], $0[1], $0[2]) }
                ax.add(Polygon(x: points.map(\.u), y: points.map(\.v), fill: Color(hex: 0x888888, alpha: 0.22),
                               edge: LineStyle(color: Palette.black, width: 1.2, dash: .dashed)))
            }
        }
        let depths = projected.map(\.depth)
        let near = depths.max() ?? 1, far = depths.min() ?? 0
        let sizes = depths.map { 3.5 + 4.5 * ($0 - far) / max(near - far, 1e-12) }   // nearer is larger
        let order = (0..<count).sorted { depths[$0] < depths[$1] }
        addClasses(ax, n: n, x: projected.map(\.u), y: projected.map(\.v), sizes: sizes, order: order, labelled: false)
        // The nearest floor corner's edges as axes: z₁ and z₂ along the floor, a upwards.
        let corner = view.project(low[0], low[1], low[2])
        let top = view.project(low[0], low[1], high[2])
        ax.add(LineSeries(x: [corner.u, top.u], y: [corner.v, top.v], style: LineStyle(color: Palette.black, width: 1)))
        let alongX = view.project(high[0], low[1], low[2]), alongY = view.project(low[0], high[1], low[2])
        ax.annotate(.text("a", at: ((corner.u + top.u) / 2, (corner.v + top.v) / 2), offset: (4, 0), anchor: .middleLeft))
        ax.annotate(.text("z_1", at: ((corner.u + alongX.u) / 2, (corner.v + alongX.v) / 2), offset: (0, -4), anchor: .topLeft))
        ax.annotate(.text("z_2", at: ((corner.u + alongY.u) / 2, (corner.v + alongY.v) / 2), offset: (-2, -4), anchor: .topRight))
    }

    /// The padded box holding the first three coordinates of every state in `frames` (each N × (2 + augment)).
    static func liftedBox(_ n: Numbers, _ frames: [[Double]]) -> (low: [Double], high: [Double]) {
        let d = 2 + n.augmented.augment
        var low = [Double](repeating: .infinity, count: 3), high = [Double](repeating: -.infinity, count: 3)
        for states in frames {
            for k in 0..<n.data.count {
                for i in 0..<3 { low[i] = min(low[i], states[k * d + i]); high[i] = max(high[i], states[k * d + i]) }
            }
        }
        for i in 0..<3 {
            let pad = 0.08 * max(high[i] - low[i], 0.5)
            low[i] -= pad
            high[i] += pad
        }
        return (low, high)
    }

    private func decisionPanel(_ ax: Axes, _ n: Numbers, _ m: Model, options: FigureOptions) {
        ax.equalAspect = true
        ax.xLabel = "x_1"
        ax.yLabel = "x_2"
        let w = n.window
        let diverging = options.theme.diverging
        // Light colours, so the points stay readable: the diverging map mixed halfway with white.
        let scale = ColorScale(lower: -1.5, upper: 1.5) { t in
            let c = diverging.color(at: t)
            return Color(r: 0.5 + 0.5 * c.r, g: 0.5 + 0.5 * c.g, b: 0.5 + 0.5 * c.b)
        }
        let step = 2 * w / Double(gridSize - 1)
        ax.add(Heatmap(values: m.decision, x: (-w - step / 2)...(w + step / 2), y: (-w - step / 2)...(w + step / 2), scale: scale))
        let grid = TopologyTraining.linspace(-w, w, gridSize)
        ax.add(Contour(x: grid, y: grid, z: m.decision, levels: [0], style: LineStyle(color: Palette.black, width: 1.6)))
        addClasses(ax, n: n, x: stride(from: 0, to: n.data.points.count, by: 2).map { n.data.points[$0] },
                   y: stride(from: 1, to: n.data.points.count, by: 2).map { n.data.points[$0] }, labelled: false)
        ax.xLimits = (-w, w)
        ax.yLimits = (-w, w)
        ax.addColorbar(scale, label: "o(x)")
        // The held-out accuracy goes in the title: inside, text would cover the points.
        ax.title = "Test " + percent(m.testAccuracy[0])
    }

    private func curvePanel(_ ax: Axes, _ n: Numbers, title: String, yLabel: String,
                            value: (ClassificationEpoch) -> Double, logarithmic: Bool, labelled: Bool = true) {
        ax.title = title
        ax.xLabel = "epoch"
        ax.yLabel = yLabel
        ax.showsGrid = true
        if logarithmic { ax.yScale = .log }
        for (j, m) in [n.plain, n.augmented].enumerated() {
            let name = m.augment == 0 ? "2-D neural ODE" : "augmented (+\(m.augment))"
            var thin = Self.modelStyles[j]
            thin.width = 0.6
            for log in m.logs {
                ax.add(LineSeries(x: log.map { Double($0.epoch) }, y: log.map(value), style: thin))
            }
            let epochs = m.logs.map(\.count).min() ?? 0
            let mean = (0..<epochs).map { e in Model.mean(m.logs.map { value($0[e]) }) }
            var thick = Self.modelStyles[j]
            thick.width = 2.2
            ax.add(LineSeries(x: (0..<epochs).map(Double.init), y: mean, style: thick))
            // Each mean curve named where nothing else is drawn (a legend has no free corner in a
            // panel this small): the plain model above its curve a quarter of the way through
            // training, the augmented one in the empty lower left, at the height of its final value.
            if labelled, epochs > 2 {
                let e = epochs / 4
                if m.augment == 0 {
                    ax.annotate(.text("2-D", at: (Double(e), mean[e]), offset: (0, 6), anchor: .bottomLeft, color: thick.color))
                } else {
                    let low = m.logs.flatMap { $0.map(value) }.min() ?? mean[epochs - 1]
                    ax.annotate(.text("augmented", at: (Double(epochs) / 20, low), offset: (0, 0), anchor: .bottomLeft,
                                      color: thick.color))
                }
            }
        }
    }
}
