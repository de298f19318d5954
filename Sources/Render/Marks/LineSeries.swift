/// A polyline through (x[i], y[i]) with an optional marker at every `markEvery`-th point; NaN breaks the line.
public struct LineSeries: Mark {
    public var x: [Double]
    public var y: [Double]
    public var style: LineStyle
    /// nil draws no markers.
    public var marker: MarkerStyle?
    public var markEvery: Int
    /// Whether the line is drawn at all (false: markers only).
    public var showsLine: Bool
    public var label: String?

    public init(x: [Double], y: [Double], style: LineStyle, marker: MarkerStyle? = nil, markEvery: Int = 1,
                showsLine: Bool = true, label: String? = nil) {
        precondition(x.count == y.count, "x and y must have the same length")
        self.x = x; self.y = y; self.style = style; self.marker = marker
        self.markEvery = max(1, markEvery); self.showsLine = showsLine; self.label = label
    }

    public var bounds: DataBounds? { DataBounds.enclosing(x: x, y: y) }

    public var legendEntry: LegendEntry? {
        label.map { LegendEntry(label: $0, line: showsLine ? style : nil, marker: marker) }
    }

    func devicePoints(_ t: DataTransform) -> [Point] { zip(x, y).map { t.point($0, $1) } }

    public func draw(on backend: DrawingBackend, in transform: DataTransform) {
        let pts = devicePoints(transform)
        if showsLine {
            for run in PolylineTools.finiteRuns(pts) where run.count > 1 {
                backend.stroke(.polyline(run), style: style.stroke)
            }
        }
        if let m = marker {
            for i in Swift.stride(from: 0, to: pts.count, by: markEvery) where pts[i].isFinite {
                m.draw(on: backend, at: pts[i])
            }
        }
    }
}

/// Points drawn as markers, each optionally coloured by a value through a colour scale.
public struct Scatter: Mark {
    public var x: [Double]
    public var y: [Double]
    public var marker: MarkerStyle
    /// One value per point, coloured through `scale`; nil uses `marker.fill`.
    public var values: [Double]?
    public var scale: ColorScale?
    public var label: String?

    public init(x: [Double], y: [Double], marker: MarkerStyle, values: [Double]? = nil, scale: ColorScale? = nil, label: String? = nil) {
        precondition(x.count == y.count, "x and y must have the same length")
        precondition(values == nil || values?.count == x.count, "one value per point")
        self.x = x; self.y = y; self.marker = marker; self.values = values; self.scale = scale; self.label = label
    }

    public var bounds: DataBounds? { DataBounds.enclosing(x: x, y: y) }
    public var colorScale: ColorScale? { values == nil ? nil : scale }
    public var legendEntry: LegendEntry? { label.map { LegendEntry(label: $0, marker: marker) } }

    public func draw(on backend: DrawingBackend, in transform: DataTransform) {
        for i in x.indices {
            let p = transform.point(x[i], y[i])
            guard p.isFinite else { continue }
            var m = marker
            if let vs = values, let s = scale { m.fill = s.color(vs[i]) }
            m.draw(on: backend, at: p)
        }
    }
}
