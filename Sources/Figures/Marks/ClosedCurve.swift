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
    public func path(in transform: DataTransform) -> Path? {
        let pts = zip(x, y).map { transform.point($0, $1) }.filter { $0.x.isFinite && $0.y.isFinite }
        guard pts.count >= 2 else { return nil }
        return .polyline(pts, closed: true)
    }

    public func coverage(in transform: DataTransform) -> [Point] {
        let pts = zip(x, y).map { transform.point($0, $1) }.filter { $0.x.isFinite && $0.y.isFinite }
        guard let first = pts.first else { return [] }
        return PathSampling.samples(pts + [first], spacing: 4)
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

/// Even sampling of device polylines, for legend-placement coverage.
enum PathSampling {
    /// Points along `pts` no more than `spacing` apart, vertices included.
    static func samples(_ pts: [Point], spacing: Double) -> [Point] {
        guard let first = pts.first else { return [] }
        var out = [first]
        for i in pts.indices.dropFirst() {
            let a = pts[i - 1], b = pts[i]
            let d = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            let n = max(1, Int((d / spacing).rounded(.up)))
            for k in 1...n {
                let s = Double(k) / Double(n)
                out.append(Point(a.x + s * (b.x - a.x), a.y + s * (b.y - a.y)))
            }
        }
        return out
    }
}
