import Render

/// A solution curve with a marker at its start and an arrowhead showing the direction of time.
public struct DirectedPath: Mark {
    public var x: [Double]
    public var y: [Double]
    public var style: LineStyle
    /// Drawn at the first point; nil for none.
    public var startMarker: MarkerStyle?
    /// Where along the curve's device length the arrowhead sits (0…1); nil for none.
    public var arrowAt: Double?
    public var label: String?

    public init(x: [Double], y: [Double], style: LineStyle, startMarker: MarkerStyle?, arrowAt: Double? = 0.5,
                label: String? = nil) {
        precondition(x.count == y.count, "x and y must have the same length")
        self.x = x; self.y = y; self.style = style; self.startMarker = startMarker; self.arrowAt = arrowAt; self.label = label
    }

    public var bounds: DataBounds? { DataBounds.enclosing(x: x, y: y) }
    public var legendEntry: LegendEntry? { label.map { LegendEntry(label: $0, line: style, marker: startMarker) } }

    /// Length of the arrowhead in points.
    public var arrowLength: Double { 4 + 2.6 * style.width }

    func devicePoints(_ t: DataTransform) -> [Point] {
        zip(x, y).map { t.point($0, $1) }.filter { $0.x.isFinite && $0.y.isFinite }
    }

    /// The arrowhead's tip and unit direction in device points, if the curve is long enough to carry one.
    public func arrowhead(in t: DataTransform) -> (tip: Point, ux: Double, uy: Double)? {
        guard let at = arrowAt else { return nil }
        let pts = devicePoints(t)
        var lengths = [0.0]
        for i in pts.indices.dropFirst() {
            let dx = pts[i].x - pts[i - 1].x, dy = pts[i].y - pts[i - 1].y
            lengths.append(lengths[i - 1] + (dx * dx + dy * dy).squareRoot())
        }
        guard let total = lengths.last, total > 4 * arrowLength else { return nil }
        let target = min(max(at, 0), 1) * total + arrowLength / 2
        guard let j = lengths.firstIndex(where: { $0 >= target }), j > 0 else { return nil }
        // Direction over about one arrow length, so a finely sampled curve does not jitter it.
        let back = lengths.lastIndex(where: { $0 <= lengths[j] - arrowLength }) ?? 0
        let dx = pts[j].x - pts[back].x, dy = pts[j].y - pts[back].y
        let l = (dx * dx + dy * dy).squareRoot()
        guard l > 0 else { return nil }
        return (pts[j], dx / l, dy / l)
    }

    /// Draws the line and arrowhead clipped to the plot, the start marker unclipped (whole on the plot's edge).
    public func draw(on backend: DrawingBackend, in transform: DataTransform) {
        let pts = devicePoints(transform)
        backend.save()
        backend.clip(to: transform.plot)
        if pts.count > 1 { backend.stroke(.polyline(PathSampling.simplified(pts, tolerance: 0.05)), style: style.stroke) }
        if let a = arrowhead(in: transform) {
            backend.fill(ArrowShape.head(tip: a.tip, direction: a.ux, a.uy, length: arrowLength, width: arrowLength * 0.85),
                         color: style.color)
        }
        backend.restore()
        if let m = startMarker, let p = pts.first, transform.plot.inset(by: -0.5).contains(p) { m.draw(on: backend, at: p) }
    }
}
