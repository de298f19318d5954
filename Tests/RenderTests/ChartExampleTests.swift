import Foundation
import Testing
import Render

/// The Van der Pol field with μ = 1.
func vanDerPol(_ x: Double, _ y: Double) -> (Double, Double) { (y, (1 - x * x) * y - x) }

/// Fixed-step RK4 samples of a planar field (test data only).
func rk4Path(_ f: (Double, Double) -> (Double, Double), from start: (Double, Double), t1: Double, steps: Int)
    -> (x: [Double], y: [Double], t: [Double]) {
    var x = start.0, y = start.1
    var xs = [x], ys = [y], ts = [0.0]
    let h = t1 / Double(steps)
    for i in 1...steps {
        let k1 = f(x, y)
        let k2 = f(x + h / 2 * k1.0, y + h / 2 * k1.1)
        let k3 = f(x + h / 2 * k2.0, y + h / 2 * k2.1)
        let k4 = f(x + h * k3.0, y + h * k3.1)
        x += h / 6 * (k1.0 + 2 * k2.0 + 2 * k3.0 + k4.0)
        y += h / 6 * (k1.1 + 2 * k2.1 + 2 * k3.1 + k4.1)
        xs.append(x); ys.append(y); ts.append(Double(i) * h)
    }
    return (xs, ys, ts)
}

/// The phase-portrait figure the peers' matplotlib script draws, built through the chart API.
/// This is the example the figure recipes follow.
func makePhasePortrait() -> Figure {
    let figure = Figure(width: 432, height: 432)                // 6 × 6 in
    let ax = figure[0, 0]
    ax.title = "Van der Pol oscillator (μ = 1)"
    ax.xLabel = "x"
    ax.yLabel = "y = \\dot{x}"
    ax.xLimits = (-3, 3)
    ax.yLimits = (-3, 3)
    ax.equalAspect = true

    let speed = ColorScale.speed(of: vanDerPol, x: -3...3, y: -3...3, colormap: { Colormap.viridis.color(at: $0) })
    ax.add(Streamlines(field: vanDerPol, density: 1.1))
    ax.add(Quiver.grid(x: -3...3, y: -3...3, nx: 21, ny: 21, field: vanDerPol, scale: speed, unitLength: true))

    // Limit cycle: integrate past the transient, keep a bit more than one period.
    let settle = rk4Path(vanDerPol, from: (2, 0), t1: 40, steps: 8000)
    let cycle = rk4Path(vanDerPol, from: (settle.x.last ?? 2, settle.y.last ?? 0), t1: 6.7, steps: 1340)
    ax.add(LineSeries(x: cycle.x, y: cycle.y, style: LineStyle(color: Color(hex: 0xC0143C), width: 3.2), label: "limit cycle"))

    let starts = [(0.1, 0.0), (-3.0, 2.0), (2.5, -3.0)]
    let dashes: [Dash] = [.solid, .dashed, .dotted]
    for (k, s) in starts.enumerated() {
        let p = rk4Path(vanDerPol, from: s, t1: 8, steps: 800)
        ax.add(Trajectory(x: p.x, y: p.y, t: p.t, style: LineStyle(color: figure.style.cycle[k], width: 1.6, dash: dashes[k]),
                          label: "x_0 = (\(s.0), \(s.1))".replacingOccurrences(of: "-", with: "−")))
    }
    ax.addColorbar(speed, label: "speed |f(x, y)|")
    ax.legend = .best
    return figure
}

@Suite struct ChartExampleTests {
    @Test func phasePortraitDrawsEveryPart() throws {
        let figure = makePhasePortrait()
        let rec = RecordingBackend(width: figure.width, height: figure.height)
        figure.render(on: rec)
        let texts = rec.texts
        #expect(texts.contains("limit cycle"))
        let titled = texts.contains(where: { $0.hasPrefix("Van der Pol") })
        #expect(titled)
        // Equal aspect: the plot is square because the window is.
        let plot = try #require(figure.plotRects(on: rec).first)
        #expect(abs(plot.width - plot.height) < 1e-9)
        // Everything fits on the page.
        for op in rec.operations {
            if case let .text(_, origin, _, _, _, _, _) = op {
                #expect(origin.x >= 0 && origin.x <= figure.width && origin.y >= 0 && origin.y <= figure.height)
            }
        }
        // One colorbar image plus no other images.
        let images = rec.operations.filter { if case .image = $0 { return true } else { return false } }
        #expect(images.count == 1)
        if ProcessInfo.processInfo.environment["FLOWSCOPE_PREVIEW"] != nil {
            let dir = NSTemporaryDirectory() + "flowscope-chart-preview"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for ext in ["png", "svg"] {
                let path = dir + "/phase." + ext
                let cairo = try CairoBackend(path: path, size: PageSize(width: .pt(figure.width), height: .pt(figure.height)), dpi: 150)
                figure.render(on: cairo)
                try cairo.write(to: path, metadata: ImageMetadata(title: "phase", version: "test"))
            }
        }
    }
}
