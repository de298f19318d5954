import Foundation

/// A view of 3-D points on a 2-D axes: turn by `azimuth` about the vertical (third) axis, tilt by
/// `elevation`, drop the depth. Angles in radians; depth grows towards the viewer.
struct ObliqueProjection {
    var azimuth: Double
    var elevation: Double

    /// Screen coordinates (u right, v up) and depth of (x, y, z), z drawn upwards.
    func project(_ x: Double, _ y: Double, _ z: Double) -> (u: Double, v: Double, depth: Double) {
        let ca = cos(azimuth), sa = sin(azimuth), ce = cos(elevation), se = sin(elevation)
        let u = ca * x - sa * y
        let w = sa * x + ca * y             // horizontal distance away from the viewer
        return (u, z * ce + w * se, -w * ce + z * se)
    }

    /// The polygon where the plane n·p + c = 0 cuts the box [low, high]³ (per axis), in order
    /// around its centre; empty when the plane misses the box.
    static func planeInBox(normal n: [Double], offset c: Double, low: [Double], high: [Double]) -> [[Double]] {
        var corners: [[Double]] = []
        for i in 0..<8 {
            corners.append([(i & 1) == 0 ? low[0] : high[0], (i & 2) == 0 ? low[1] : high[1], (i & 4) == 0 ? low[2] : high[2]])
        }
        var points: [[Double]] = []
        for i in 0..<8 {
            for bit in [1, 2, 4] where i & bit == 0 {
                let p = corners[i], q = corners[i | bit]
                let fp = zip(n, p).map(*).reduce(c, +), fq = zip(n, q).map(*).reduce(c, +)
                guard (fp <= 0 && fq >= 0) || (fp >= 0 && fq <= 0), fp != fq else { continue }
                let s = fp / (fp - fq)
                points.append(zip(p, q).map { $0 + s * ($1 - $0) })
            }
        }
        guard points.count >= 3 else { return [] }
        let centre = (0..<3).map { k in points.map { $0[k] }.reduce(0, +) / Double(points.count) }
        // Two directions in the plane to order the points by angle.
        let norm = (n.map { $0 * $0 }.reduce(0, +)).squareRoot()
        let unit = n.map { $0 / norm }
        let helper: [Double] = abs(unit[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0]
        let e1 = normalised(cross(unit, helper)), e2 = cross(unit, e1)
        return points.sorted { a, b in
            let da = zip(a, centre).map(-), db = zip(b, centre).map(-)
            return atan2(dot(da, e2), dot(da, e1)) < atan2(dot(db, e2), dot(db, e1))
        }
    }

    private static func cross(_ a: [Double], _ b: [Double]) -> [Double] {
        [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
    }

    private static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map(*).reduce(0, +) }

    private static func normalised(_ a: [Double]) -> [Double] {
        let length = dot(a, a).squareRoot()
        return a.map { $0 / length }
    }
}
