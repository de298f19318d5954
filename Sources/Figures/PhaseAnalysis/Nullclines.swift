import NeuralODE
import Render

/// The nullclines of a field on a phase plane: the zero sets of its two plane components.
///
/// Each component fᵢ is sampled on a `resolution`² node grid over the window, its zero lines
/// found by marching squares (Render's contour code), and every line point then moved onto
/// fᵢ = 0 by Newton projection along the in-plane gradient (two steps, using the field's
/// Jacobian), so the points are on the nullcline to rounding, not just to the grid's linear
/// interpolation. A point whose projection would move it more than a grid cell stays where the
/// grid put it.
public struct Nullclines: Sendable {
    /// One component's zero set.
    public struct Set: Sendable {
        /// The component whose derivative vanishes (`plane.xComponent` or `plane.yComponent`).
        public var component: Int
        public var lines: [ContourLine]
    }

    public var plane: PhasePlane
    /// For the x component, then the y component.
    public var sets: [Set]

    /// Computes both nullclines of `field` on `plane`.
    public static func compute(_ field: AnalysisField, plane: PhasePlane, resolution: Int = 161) -> Nullclines {
        let n = max(8, resolution)
        let xs = (0..<n).map { plane.x.lowerBound + plane.width * Double($0) / Double(n - 1) }
        let ys = (0..<n).map { plane.y.lowerBound + plane.height * Double($0) / Double(n - 1) }
        var values = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: n), count: n), count: 2)
        for (j, py) in ys.enumerated() {
            for (i, px) in xs.enumerated() {
                let f = field.value(at: plane.state(px, py))
                values[0][j][i] = f[plane.xComponent].isFinite ? f[plane.xComponent] : .nan
                values[1][j][i] = f[plane.yComponent].isFinite ? f[plane.yComponent] : .nan
            }
        }
        let cell = max(plane.width, plane.height) / Double(n - 1)
        var sets: [Set] = []
        for (k, component) in [plane.xComponent, plane.yComponent].enumerated() {
            let raw = MarchingSquares.lines(x: xs, y: ys, z: values[k], level: 0)
            let refined = raw.map { line in
                var l = line
                for p in l.x.indices {
                    (l.x[p], l.y[p]) = project(field, plane: plane, component: component, x: l.x[p], y: l.y[p], limit: cell)
                }
                return l
            }
            sets.append(Set(component: component, lines: refined))
        }
        return Nullclines(plane: plane, sets: sets)
    }

    /// (x, y) moved onto fᵢ = 0 by two Newton projections along ∇fᵢ restricted to the plane.
    static func project(_ field: AnalysisField, plane: PhasePlane, component: Int, x: Double, y: Double,
                        limit: Double) -> (Double, Double) {
        var px = x, py = y
        let d = field.dimension
        for _ in 0..<2 {
            let s = plane.state(px, py)
            let f = field.value(at: s)[component]
            let jac = field.jacobian(at: s)
            let gx = jac[component * d + plane.xComponent], gy = jac[component * d + plane.yComponent]
            let g2 = gx * gx + gy * gy
            guard f.isFinite, g2 > 0, g2.isFinite else { break }
            let nx = px - f * gx / g2, ny = py - f * gy / g2
            guard abs(nx - x) <= limit, abs(ny - y) <= limit else { break }
            px = nx; py = ny
        }
        return (px, py)
    }
}
