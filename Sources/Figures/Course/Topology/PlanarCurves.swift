import Foundation

/// Geometry of sampled closed curves in the plane: simplicity and winding numbers.
enum PlanarCurves {
    /// Whether the closed polygon through `x`, `y` (last point joined to the first) has no two
    /// non-adjacent edges that meet: a simple closed curve at the sampling's resolution.
    static func isSimple(x: [Double], y: [Double]) -> Bool {
        let n = x.count
        guard n >= 3 else { return false }
        for i in 0..<n {
            let i1 = (i + 1) % n
            for j in (i + 1)..<n {
                let j1 = (j + 1) % n
                if j == i1 || j1 == i { continue }   // adjacent edges share a vertex
                if segmentsIntersect((x[i], y[i]), (x[i1], y[i1]), (x[j], y[j]), (x[j1], y[j1])) { return false }
            }
        }
        return true
    }

    /// The winding number of the closed polygon through `x`, `y` around (px, py) (±1 inside a simple curve, 0 outside).
    static func windingNumber(x: [Double], y: [Double], around px: Double, _ py: Double) -> Int {
        var total = 0.0
        let n = x.count
        for i in 0..<n {
            let i1 = (i + 1) % n
            let a = (x[i] - px, y[i] - py), b = (x[i1] - px, y[i1] - py)
            let cross = a.0 * b.1 - a.1 * b.0, dot = a.0 * b.0 + a.1 * b.1
            total += atan2(cross, dot)
        }
        return Int((total / (2 * Double.pi)).rounded())
    }

    private static func orientation(_ a: (Double, Double), _ b: (Double, Double), _ c: (Double, Double)) -> Double {
        (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
    }

    /// Whether segments pq and rs share a point (touching counts).
    static func segmentsIntersect(_ p: (Double, Double), _ q: (Double, Double),
                                  _ r: (Double, Double), _ s: (Double, Double)) -> Bool {
        let d1 = orientation(r, s, p), d2 = orientation(r, s, q)
        let d3 = orientation(p, q, r), d4 = orientation(p, q, s)
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
        func onSegment(_ a: (Double, Double), _ b: (Double, Double), _ c: (Double, Double)) -> Bool {
            min(a.0, b.0) <= c.0 && c.0 <= max(a.0, b.0) && min(a.1, b.1) <= c.1 && c.1 <= max(a.1, b.1)
        }
        if d1 == 0 && onSegment(r, s, p) { return true }
        if d2 == 0 && onSegment(r, s, q) { return true }
        if d3 == 0 && onSegment(p, q, r) { return true }
        if d4 == 0 && onSegment(p, q, s) { return true }
        return false
    }
}
