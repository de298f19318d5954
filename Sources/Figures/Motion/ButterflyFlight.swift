import Foundation
import NeuralODE
import Render

/// The butterfly effect on the attractor: two runs from states `separation` apart drawn as they
/// go, in a 3-D view whose azimuth turns slowly (`ode-plot butterfly --animate`).
///
/// After `transient` time units (so both start on the attractor) the second run starts
/// `separation` away along the first component; both are solved once (tsit5, rtol 1e-9) at
/// `points` even times over `duration`, and frame i draws them up to t = duration·i/(frames − 1),
/// each with a dot at its head. The view turns by `turn` degrees from `azimuth` over the animation;
/// the page's window holds the box at every angle, so the box turns in place. The title gives t
/// and the runs' distance.
public struct ButterflyFlight: AnimatedRecipe {
    /// The system drawn (a 3-component one, or its first three components).
    public var system: SystemField
    public var initialState: [Double]?
    public var transient = 20.0
    public var duration = 30.0
    public var separation = 1e-8
    public var points = 3000
    public var azimuth = -60.0
    public var elevation = 25.0
    /// Degrees the view turns from the first frame to the last.
    public var turn = 90.0

    public init(system: SystemField) throws(FigureError) {
        guard system.dimension >= 3 else { throw .invalidInput("the butterfly animation needs 3 components; \(system.spec.name) has \(system.dimension)") }
        self.system = system
    }

    public var defaultTitle: String {
        "\(SystemLabels.displayName(system.spec.name)): two runs \(NumberText.short(separation, significant: 2)) apart"
    }

    public struct Data: Sendable {
        public var times: [Double]
        /// The two runs, flat (points × dimension).
        public var first: [Double]
        public var second: [Double]
        public var dimension: Int
        /// Distance of the runs (all components) at each time.
        public var distance: [Double]
        public var frameCount: Int
    }

    public func compute(frameCount: Int) throws(FigureError) -> Data {
        guard frameCount >= 2 else { throw .invalidInput("an animation needs at least 2 frames (got \(frameCount))") }
        guard separation > 0, separation.isFinite, duration > 0, duration.isFinite, transient >= 0, transient.isFinite, points >= 2 else {
            throw .invalidInput("separation and duration must be positive, the transient non-negative")
        }
        let d = system.dimension
        let y0 = initialState ?? system.spec.exampleInitialState
        guard y0.count == d else { throw .invalidInput("the initial state has \(y0.count) values, expected \(d)") }
        let start = transient > 0 ? try AttractorFigure.run(system, from: y0, duration: transient, saveAt: .final) : y0
        var nudged = start
        nudged[0] += separation
        let a = try AttractorFigure.run(system, from: start, duration: duration, saveAt: .points(points))
        let b = try AttractorFigure.run(system, from: nudged, duration: duration, saveAt: .points(points))
        let distance = (0..<points).map { k in (0..<d).reduce(0.0) { $0 + pow(a[k * d + $1] - b[k * d + $1], 2) }.squareRoot() }
        return Data(times: (0..<points).map { duration * Double($0) / Double(points - 1) }, first: a, second: b, dimension: d,
                    distance: distance, frameCount: frameCount)
    }

    /// The separation, the time the runs part (distance first above 1) and the final distance.
    public func keyNumbers(_ data: Data) -> [KeyNumber] {
        var out = [KeyNumber("separation", setting: separation), KeyNumber("transient", setting: transient),
                   KeyNumber("duration", setting: duration), KeyNumber("turn", setting: turn),
                   KeyNumber("finalDistance", data.distance.last ?? 0, significant: 2)]
        if let k = data.distance.firstIndex(where: { $0 > 1 }) { out.append(KeyNumber("partTime", data.times[k], significant: 2)) }
        return out
    }

    /// The point index frame `i` draws up to.
    static func lastPoint(frame i: Int, of data: Data) -> Int {
        let n = data.times.count
        return Int((Double(min(max(i, 0), data.frameCount - 1)) * Double(n - 1) / Double(max(1, data.frameCount - 1))).rounded())
    }

    public func scene(_ data: Data, options: FigureOptions) -> (Int) -> Figure {
        let theme = options.theme
        let d = data.dimension
        var low = [Double](repeating: .infinity, count: 3), high = [Double](repeating: -.infinity, count: 3)
        for run in [data.first, data.second] {
            for k in 0..<data.times.count {
                for c in 0..<3 where run[k * d + c].isFinite { low[c] = min(low[c], run[k * d + c]); high[c] = max(high[c], run[k * d + c]) }
            }
        }
        for c in 0..<3 where !(high[c] > low[c]) { (low[c], high[c]) = (low[c] - 1, low[c] + 1) }
        let labels = system.spec.componentNames.prefix(3).map(SystemLabels.symbol)
        func box(_ i: Int) -> ViewBox {
            let f = Double(i) / Double(max(1, data.frameCount - 1))
            return ViewBox(low: low, high: high, view: ObliqueProjection(azimuth: (azimuth + turn * f) * .pi / 180,
                                                                         elevation: elevation * .pi / 180))
        }
        // One window for every angle: the union of what each frame's box asks for.
        var window = (u: (Double.infinity, -Double.infinity), v: (Double.infinity, -Double.infinity))
        for i in 0..<data.frameCount {
            let probe = Axes()
            box(i).drawBox(on: probe, labels: labels, foreground: theme.foreground)
            if let x = probe.xLimits, let y = probe.yLimits {
                window.u = (min(window.u.0, x.0), max(window.u.1, x.1))
                window.v = (min(window.v.0, y.0), max(window.v.1, y.1))
            }
        }
        // Headroom above the box for the legend, so it never covers the box or the runs.
        window.v.1 += 0.15 * (window.v.1 - window.v.0)
        // The first run is the reference (black, solid); the second, neither true nor learned, the
        // second series colour dashed, as in the still butterfly figure.
        let styles = [(theme.truth, Dash.solid, "from y_0"),
                      (theme.seriesColor(1), Dash.dashed, "from y_0 + \(NumberText.short(separation, significant: 2)) e_1")]
        let title = options.resolvedTitle(defaultTitle)
        return { i in
            let page = options.makeFigure()
            page.suptitle = title
            let ax = page.axes[0]
            ax.equalAspect = true
            ax.showsXTickLabels = false
            ax.showsYTickLabels = false
            ax.showsFrame = false
            let view = box(i)
            view.drawBox(on: ax, labels: labels, foreground: theme.foreground)
            ax.xLimits = window.u
            ax.yLimits = window.v
            let end = Self.lastPoint(frame: i, of: data)
            for (run, style) in zip([data.first, data.second], styles) {
                let projected = (0...end).map { k in view.project(run[k * d], run[k * d + 1], run[k * d + 2]) }
                var mark = DepthCuedPath(u: projected.map(\.u), v: projected.map(\.v), depth: projected.map(\.depth),
                                         values: nil, scale: nil, color: style.0, dash: style.1, background: theme.background,
                                         label: style.2)
                mark.widths = (0.4, 1.2)
                ax.add(mark)
                if let head = projected.last {
                    ax.add(Scatter(x: [head.u], y: [head.v], marker: MarkerStyle(.circle, size: 6, fill: style.0, edge: .white, edgeWidth: 1)))
                }
            }
            ax.legend = .upperRight
            ax.title = "t = " + String(format: "%.1f", data.times[end]) + ", distance " + NumberText.short(data.distance[end], significant: 2)
            return page
        }
    }
}
