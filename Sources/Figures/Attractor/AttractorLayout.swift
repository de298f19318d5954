import Foundation
import NeuralODE
import Render

extension AttractorFigure {
    /// Lays out computed runs: the 3-D view (top left) and the x–y, x–z and y–z projections.
    public func layout(_ data: Data, options: FigureOptions) -> Figure {
        let figure = showsProjections ? options.makeFigure(rows: 2, columns: 2) : options.makeFigure()
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let curves = curveStyles(data: data, options: options)
        // With projections the key goes on the x–y panel, where a corner is free: beside the 3-D
        // view (whose box fills its panel) it went outside and narrowed the whole left column.
        viewPanel(figure.axes[0], data: data, curves: curves, options: options, keyed: !showsProjections)
        if showsProjections {
            let pairs = [(components[0], components[1]), (components[0], components[2]), (components[1], components[2])]
            for (panel, pair) in pairs.enumerated() {
                projectionPanel(figure.axes[panel + 1], data: data, pair: pair, curves: curves, keyed: panel == 0)
            }
            if curves.count == 1, let scale = curves[0].scale {
                figure.axes[3].addColorbar(scale, label: coloring == .time ? "t" : "|f(y)|")
            }
        }
        return figure
    }

    /// One drawn curve: its flat states and how it is stroked.
    struct Curve {
        var states: [Double]
        var color: Color
        var dash: Dash
        var values: [Double]?
        var scale: ColorScale?
        var label: String?
    }

    func curveStyles(data: Data, options: FigureOptions) -> [Curve] {
        let theme = options.theme
        if let truth = data.truth, let learned = data.learned {
            return [Curve(states: truth, color: theme.truth, dash: .solid, label: "true"),
                    Curve(states: learned, color: theme.learned, dash: .pattern(theme.learnedDash), label: "learned")]
        }
        let states = data.truth ?? data.learned ?? []
        let color = data.truth != nil ? theme.truth : theme.learned
        switch coloring {
        case .none:
            return [Curve(states: states, color: color, dash: .solid)]
        case .time:
            let scale = ColorScale(lower: 0, upper: data.times.last ?? 1, map: theme.sequential)
            return [Curve(states: states, color: color, dash: .solid, values: data.times, scale: scale)]
        case .speed:
            let scale = ColorScale(lower: data.speeds.min() ?? 0, upper: max(data.speeds.max() ?? 1, (data.speeds.min() ?? 0) + 1e-9),
                                   map: theme.sequential)
            return [Curve(states: states, color: color, dash: .solid, values: data.speeds, scale: scale)]
        }
    }

    private func symbol(_ component: Int) -> String { SystemLabels.symbol(componentNames[component]) }

    private func projectionPanel(_ ax: Axes, data: Data, pair: (Int, Int), curves: [Curve], keyed: Bool) {
        let d = data.dimension
        ax.xLabel = symbol(pair.0)
        ax.yLabel = symbol(pair.1)
        // Each projection fills its cell: equal aspect gave the three panels three sizes and
        // alignments (the components span 40 to 50 units, so the shapes barely change).
        for curve in curves {
            let count = curve.states.count / d
            let x = (0..<count).map { curve.states[$0 * d + pair.0] }, y = (0..<count).map { curve.states[$0 * d + pair.1] }
            var style = LineStyle(color: curve.color, width: 0.6, dash: curve.dash)
            if curves.count > 1 { style.width = 0.7 }
            ax.add(Trajectory(x: x, y: y, t: curve.values, style: style, showsStart: false, timeScale: curve.scale))
            if keyed, let label = curve.label {
                ax.add(LineSeries(x: [], y: [], style: LineStyle(color: curve.color, width: 1.2, dash: curve.dash), label: label))
            }
        }
        if keyed && curves.count > 1 { ax.legend = .best }
    }

    private func viewPanel(_ ax: Axes, data: Data, curves: [Curve], options: FigureOptions, keyed: Bool) {
        let d = data.dimension
        ax.equalAspect = true
        ax.showsXTickLabels = false
        ax.showsYTickLabels = false
        ax.showsFrame = false
        var low = [Double](repeating: .infinity, count: 3), high = [Double](repeating: -.infinity, count: 3)
        for curve in curves {
            for k in 0..<(curve.states.count / d) {
                for (axis, component) in components.enumerated() where curve.states[k * d + component].isFinite {
                    low[axis] = min(low[axis], curve.states[k * d + component])
                    high[axis] = max(high[axis], curve.states[k * d + component])
                }
            }
        }
        for axis in 0..<3 where !(high[axis] > low[axis]) { (low[axis], high[axis]) = (low[axis] - 1, low[axis] + 1) }
        let box = ViewBox(low: low, high: high, view: ObliqueProjection(azimuth: azimuth * .pi / 180, elevation: elevation * .pi / 180))
        box.drawBox(on: ax, labels: components.map(symbol), foreground: options.theme.foreground)
        for curve in curves {
            let count = curve.states.count / d
            let projected = (0..<count).map { k in
                box.project(curve.states[k * d + components[0]], curve.states[k * d + components[1]], curve.states[k * d + components[2]])
            }
            var mark = DepthCuedPath(u: projected.map(\.u), v: projected.map(\.v), depth: projected.map(\.depth),
                                     values: curve.values, scale: curve.scale, color: curve.color, dash: curve.dash,
                                     background: options.theme.background, label: keyed ? curve.label : nil)
            if curves.count > 1 { mark.widths = (0.4, 1.2) }
            ax.add(mark)
        }
        if keyed && curves.count > 1 { ax.legend = .best }
    }
}
