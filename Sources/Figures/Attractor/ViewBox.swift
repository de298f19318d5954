import Foundation
import Render

/// The box [low, high]³ scaled to a cube and seen through an `ObliqueProjection`, drawn as a light frame with ticks.
///
/// Coordinates are mapped to [−1, 1] per axis before projection, so every axis gets the same
/// length on the page whatever its range (as matplotlib's 3-D axes do). The x and y ticks go on
/// the floor edges nearest the viewer, z on the vertical edge furthest left on the page.
struct ViewBox {
    var low: [Double]
    var high: [Double]
    var view: ObliqueProjection

    /// Page coordinates (u right, v up) and depth (larger is nearer) of a point in data units.
    func project(_ x: Double, _ y: Double, _ z: Double) -> (u: Double, v: Double, depth: Double) {
        view.project(unit(x, 0), unit(y, 1), unit(z, 2))
    }

    private func unit(_ value: Double, _ axis: Int) -> Double {
        2 * (value - low[axis]) / (high[axis] - low[axis]) - 1
    }

    /// A corner from three booleans (false: low, true: high).
    private func corner(_ x: Bool, _ y: Bool, _ z: Bool) -> [Double] {
        [x ? high[0] : low[0], y ? high[1] : low[1], z ? high[2] : low[2]]
    }

    private func projected(_ p: [Double]) -> (u: Double, v: Double, depth: Double) { project(p[0], p[1], p[2]) }

    /// Adds the twelve edges, ticks with values on three of them and the axis names; sets the axes' limits.
    func drawBox(on ax: Axes, labels: [String], foreground: Color) {
        let edge = LineStyle(color: Color(hex: 0xBBBBBB), width: 0.6)
        var us: [Double] = [], vs: [Double] = []
        for a in [false, true] {
            for b in [false, true] {
                for (p, q) in [(corner(false, a, b), corner(true, a, b)), (corner(a, false, b), corner(a, true, b)),
                               (corner(a, b, false), corner(a, b, true))] {
                    let s = projected(p), e = projected(q)
                    ax.add(LineSeries(x: [s.u, e.u], y: [s.v, e.v], style: edge))
                    us += [s.u, e.u]
                    vs += [s.v, e.v]
                }
            }
        }
        let centre = project(0.5 * (low[0] + high[0]), 0.5 * (low[1] + high[1]), 0.5 * (low[2] + high[2]))
        // x ticks on the nearer of the floor's two x edges, y on the nearer y edge.
        let xAtHighY = projected(corner(false, true, false)).depth + projected(corner(true, true, false)).depth
            > projected(corner(false, false, false)).depth + projected(corner(true, false, false)).depth
        let yAtHighX = projected(corner(true, false, false)).depth + projected(corner(true, true, false)).depth
            > projected(corner(false, false, false)).depth + projected(corner(false, true, false)).depth
        let floorCorners = [(false, false), (true, false), (true, true), (false, true)]
        let leftmost = floorCorners.min { projected(corner($0.0, $0.1, false)).u < projected(corner($1.0, $1.1, false)).u }
            ?? (false, false)
        let axes: [(axis: Int, from: [Double], to: [Double])] = [
            (0, corner(false, xAtHighY, false), corner(true, xAtHighY, false)),
            (1, corner(yAtHighX, false, false), corner(yAtHighX, true, false)),
            (2, corner(leftmost.0, leftmost.1, false), corner(leftmost.0, leftmost.1, true)),
        ]
        var labelExtent: [(Double, Double)] = []
        var placed: [(Double, Double)] = []
        for (axis, from, to) in axes {
            let a = projected(from), b = projected(to)
            var du = 0.5 * (a.u + b.u) - centre.u, dv = 0.5 * (a.v + b.v) - centre.v
            if axis == 2 { (du, dv) = (a.u < centre.u ? -1 : 1, 0) }
            let length = max((du * du + dv * dv).squareRoot(), 1e-12)
            (du, dv) = (du / length, dv / length)
            let anchor: TextAnchor = du > 0.45 ? .middleLeft : du < -0.45 ? .middleRight : dv < 0 ? .topCenter : .bottomCenter
            let ticks = TickLocator.linear(low[axis], high[axis], target: 3).major.filter { $0.value >= low[axis] && $0.value <= high[axis] }
            for tick in ticks {
                var point = from
                point[axis] = tick.value
                let p = projected(point)
                ax.add(LineSeries(x: [p.u, p.u + 0.06 * du], y: [p.v, p.v + 0.06 * dv],
                                  style: LineStyle(color: Color(hex: 0x777777), width: 0.6)))
                let at = (p.u + 0.09 * du, p.v + 0.09 * dv)
                // Two axes meet at the floor's front corner: leave out a label that would sit on another.
                guard !placed.contains(where: { pow($0.0 - at.0, 2) + pow($0.1 - at.1, 2) < 0.06 }) else { continue }
                placed.append(at)
                ax.annotate(.text(tick.label, at: at, anchor: anchor, color: foreground))
            }
            let mid = (0.5 * (a.u + b.u) + 0.42 * du, 0.5 * (a.v + b.v) + 0.42 * dv)
            ax.annotate(.text(labels[axis], at: mid, anchor: anchor, color: foreground))
            labelExtent.append(mid)
        }
        let margin = 0.12
        let uLow = min(us.min() ?? -1, labelExtent.map(\.0).min() ?? -1) - margin
        let uHigh = max(us.max() ?? 1, labelExtent.map(\.0).max() ?? 1) + margin
        let vLow = min(vs.min() ?? -1, labelExtent.map(\.1).min() ?? -1) - margin
        let vHigh = max(vs.max() ?? 1, labelExtent.map(\.1).max() ?? 1) + margin
        ax.xLimits = (uLow, uHigh)
        ax.yLimits = (vLow, vHigh)
    }
}
