/// The region between two curves over the same x values (lower may be a constant), filled, with optional edges.
public struct FillBetween: Mark {
    public var x: [Double]
    public var upper: [Double]
    public var lower: [Double]
    public var color: Color
    public var edge: LineStyle?
    public var label: String?

    public init(x: [Double], upper: [Double], lower: [Double], color: Color, edge: LineStyle? = nil, label: String? = nil) {
        precondition(x.count == upper.count && x.count == lower.count, "x, upper and lower must have the same length")
        self.x = x; self.upper = upper; self.lower = lower; self.color = color; self.edge = edge; self.label = label
    }

    public var bounds: DataBounds? {
        DataBounds.enclosing(x: x + x, y: upper + lower)
    }
    public var legendEntry: LegendEntry? { label.map { LegendEntry(label: $0, fill: color) } }

    /// The closed outline for each run of finite samples.
    func outlines(_ t: DataTransform) -> [[Point]] {
        var out: [[Point]] = []
        var top: [Point] = [], bottom: [Point] = []
        func flush() {
            if top.count > 1 { out.append(top + bottom.reversed()) }
            top = []; bottom = []
        }
        for i in x.indices {
            let a = t.point(x[i], upper[i]), b = t.point(x[i], lower[i])
            if a.isFinite && b.isFinite { top.append(a); bottom.append(b) } else { flush() }
        }
        flush()
        return out
    }

    public func draw(on backend: DrawingBackend, in transform: DataTransform) {
        for o in outlines(transform) {
            backend.fill(.polyline(o, closed: true), color: color)
        }
        if let e = edge {
            for pair in [upper, lower] {
                let pts = zip(x, pair).map { transform.point($0, $1) }
                for run in PolylineTools.finiteRuns(pts) where run.count > 1 { backend.stroke(.polyline(run), style: e.stroke) }
            }
        }
    }
}

/// A closed polygon in data coordinates, filled and/or outlined.
public struct Polygon: Mark {
    public var x: [Double]
    public var y: [Double]
    public var fill: Color?
    public var edge: LineStyle?
    public var label: String?

    public init(x: [Double], y: [Double], fill: Color? = nil, edge: LineStyle? = nil, label: String? = nil) {
        precondition(x.count == y.count, "x and y must have the same length")
        self.x = x; self.y = y; self.fill = fill; self.edge = edge; self.label = label
    }

    public var bounds: DataBounds? { DataBounds.enclosing(x: x, y: y) }
    public var legendEntry: LegendEntry? { label.map { LegendEntry(label: $0, line: fill == nil ? edge : nil, fill: fill) } }

    public func draw(on backend: DrawingBackend, in transform: DataTransform) {
        let pts = zip(x, y).map { transform.point($0, $1) }.filter(\.isFinite)
        guard pts.count > 2 else { return }
        let path = Path.polyline(pts, closed: true)
        if let f = fill { backend.fill(path, color: f) }
        if let e = edge { backend.stroke(path, style: e.stroke) }
    }
}
