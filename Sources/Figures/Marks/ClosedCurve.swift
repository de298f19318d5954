import Render

/// A closed curve (a periodic orbit) stroked as one closed path over a light casing that sets it off the background.
public struct ClosedCurve: Mark {
    /// The curve's samples in data coordinates; the last joins the first.
    public var x: [Double]
    public var y: [Double]
    public var style: LineStyle
    /// Colour of the casing drawn under the line, `casingWidth` points wider on each side; nil for none.
    public var casing: Color?
    public var casingWidth: Double
    public var label: String?

    public init(x: [Double], y: [Double], style: LineStyle, casing: Color? = .white, casingWidth: Double = 1.2,
                label: String? = nil) {
        precondition(x.count == y.count, "x and y must have the same length")
        self.x = x; self.y = y; self.style = style; self.casing = casing; self.casingWidth = casingWidth; self.label = label
    }

    public var bounds: DataBounds? { DataBounds.enclosing(x: x, y: y) }
    public var legendEntry: LegendEntry? { label.map { LegendEntry(label: $0, line: style) } }

    /// The closed device path (nil when fewer than two samples map to finite points).
    ///
    /// Points closer than 0.05 pt to the line through their neighbours are dropped (invisible, faster to stroke).
    public func path(in transform: DataTransform) -> Path? {
        let pts = zip(x, y).map { transform.point($0, $1) }.filter { $0.x.isFinite && $0.y.isFinite }
        guard pts.count >= 2 else { return nil }
        return .polyline(PathSampling.simplified(pts, tolerance: 0.05), closed: true)
    }

    public func draw(on backend: DrawingBackend, in transform: DataTransform) {
        guard let path = path(in: transform) else { return }
        var stroke = style.stroke
        stroke.join = .round
        if let casing {
            backend.stroke(path, style: StrokeStyle(color: casing, width: stroke.width + 2 * casingWidth, join: .round))
        }
        backend.stroke(path, style: stroke)
    }
}

/// Simplification of device polylines.
enum PathSampling {
    /// `pts` with the points dropped that lie within `tolerance` points of the simplified line
    /// (Douglas–Peucker); the first and last points are kept. Fewer segments stroke faster and look the same.
    static func simplified(_ pts: [Point], tolerance: Double = 0.1) -> [Point] {
        guard pts.count > 2 else { return pts }
        var keep = [Bool](repeating: false, count: pts.count)
        keep[0] = true
        keep[pts.count - 1] = true
        var stack = [(0, pts.count - 1)]
        let tol2 = tolerance * tolerance
        while let (a, b) = stack.popLast() {
            guard b > a + 1 else { continue }
            let p = pts[a], q = pts[b]
            let dx = q.x - p.x, dy = q.y - p.y
            let len2 = dx * dx + dy * dy
            var worst = -1.0, index = a
            for i in (a + 1)..<b {
                let r = pts[i]
                var s = len2 > 0 ? ((r.x - p.x) * dx + (r.y - p.y) * dy) / len2 : 0
                s = min(1, max(0, s))
                let ex = p.x + s * dx - r.x, ey = p.y + s * dy - r.y
                let d2 = ex * ex + ey * ey
                if d2 > worst { worst = d2; index = i }
            }
            if worst > tol2 {
                keep[index] = true
                stack.append((a, index))
                stack.append((index, b))
            }
        }
        return pts.indices.filter { keep[$0] }.map { pts[$0] }
    }
}
