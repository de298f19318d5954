/// Helpers shared by the line-like marks: breaking at gaps, simplifying, colouring by value.
enum PolylineTools {
    /// `pts` without the points that lie within `tolerance` points of the line kept (Douglas–Peucker).
    ///
    /// The first and last points are always kept; every dropped point is within `tolerance` of the
    /// segment between the kept points around it, so the stroke moves by at most that much.
    static func simplified(_ pts: [Point], tolerance: Double) -> [Point] {
        guard pts.count > 2 else { return pts }
        var keep = [Bool](repeating: false, count: pts.count)
        keep[0] = true
        keep[pts.count - 1] = true
        let tol2 = tolerance * tolerance
        var pending = [(0, pts.count - 1)]
        while let (a, b) = pending.popLast() {
            guard b > a + 1 else { continue }
            let p = pts[a], q = pts[b]
            let dx = q.x - p.x, dy = q.y - p.y
            let len2 = dx * dx + dy * dy
            var worst = -1.0, index = a
            for i in (a + 1)..<b {
                let r = pts[i]
                let s = len2 > 0 ? min(1, max(0, ((r.x - p.x) * dx + (r.y - p.y) * dy) / len2)) : 0
                let ex = p.x + s * dx - r.x, ey = p.y + s * dy - r.y
                let d2 = ex * ex + ey * ey
                if d2 > worst { worst = d2; index = i }
            }
            if worst > tol2 {
                keep[index] = true
                pending.append((index, b))
                pending.append((a, index))
            }
        }
        var out: [Point] = []
        out.reserveCapacity(pts.count / 2)
        for i in pts.indices where keep[i] { out.append(pts[i]) }
        return out
    }

    /// The runs of consecutive finite points (a NaN or unmappable point breaks the line).
    static func finiteRuns(_ pts: [Point]) -> [[Point]] {
        var runs: [[Point]] = []
        var cur: [Point] = []
        for p in pts {
            if p.isFinite { cur.append(p) } else if !cur.isEmpty { runs.append(cur); cur = [] }
        }
        if !cur.isEmpty { runs.append(cur) }
        return runs
    }

    /// Strokes `pts` with each segment coloured by the mean of its end values, merging neighbours in the same of `bins` colour bins.
    static func strokeColored(_ pts: [Point], values: [Double], scale: ColorScale, width: Double,
                              on b: DrawingBackend, bins: Int = 96) {
        precondition(pts.count == values.count, "one value per point")
        var i = 0
        while i + 1 < pts.count {
            guard pts[i].isFinite, pts[i + 1].isFinite else { i += 1; continue }
            let bin = binOf(0.5 * (values[i] + values[i + 1]), scale, bins)
            var path = Path()
            path.move(to: pts[i])
            var j = i
            while j + 1 < pts.count, pts[j + 1].isFinite, binOf(0.5 * (values[j] + values[j + 1]), scale, bins) == bin {
                path.line(to: pts[j + 1])
                j += 1
            }
            let t = bin < 0 ? Double.nan : (Double(bin) + 0.5) / Double(bins)
            let color = t.isNaN ? Color(r: 0, g: 0, b: 0, a: 0) : scale.colormap(t)
            b.stroke(path, style: StrokeStyle(color: color, width: width, cap: .round, join: .round))
            i = j
        }
    }

    private static func binOf(_ v: Double, _ s: ColorScale, _ bins: Int) -> Int {
        let f = s.fraction(v)
        return f.isNaN ? -1 : min(bins - 1, Int(f * Double(bins)))
    }
}
