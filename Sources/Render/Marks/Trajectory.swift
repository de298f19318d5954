/// A solution curve: a line with a marker at its start, optionally coloured by time through a colour scale.
public struct Trajectory: Mark {
    public var x: [Double]
    public var y: [Double]
    /// Sample times (needed only for colour by time).
    public var t: [Double]?
    public var style: LineStyle
    /// Marker at the first point; nil for none. Its fill defaults to the line colour.
    public var startMarker: MarkerStyle?
    /// Colours segments by time when set (and `t` is given); the dash is then ignored.
    public var timeScale: ColorScale?
    public var label: String?

    public init(x: [Double], y: [Double], t: [Double]? = nil, style: LineStyle,
                startMarker: MarkerStyle? = nil, showsStart: Bool = true, timeScale: ColorScale? = nil, label: String? = nil) {
        precondition(x.count == y.count, "x and y must have the same length")
        precondition(t == nil || t?.count == x.count, "one time per point")
        self.x = x; self.y = y; self.t = t; self.style = style
        self.startMarker = showsStart ? (startMarker ?? MarkerStyle(.circle, size: max(5.5, 3.2 * style.width), fill: style.color)) : nil
        self.timeScale = timeScale; self.label = label
    }

    public var bounds: DataBounds? { DataBounds.enclosing(x: x, y: y) }
    public var colorScale: ColorScale? { t == nil ? nil : timeScale }
    public var legendEntry: LegendEntry? { label.map { LegendEntry(label: $0, line: style, marker: startMarker) } }

    public func draw(on backend: DrawingBackend, in transform: DataTransform) {
        let pts = zip(x, y).map { transform.point($0, $1) }
        if let times = t, let scale = timeScale {
            PolylineTools.strokeColored(pts, values: times, scale: scale, width: style.width, on: backend)
        } else {
            for run in PolylineTools.finiteRuns(pts) where run.count > 1 { backend.stroke(.polyline(run), style: style.stroke) }
        }
    }

    /// The start marker, drawn whole even on the plot edge (only when its centre is inside the plot).
    public func drawOverlay(on backend: DrawingBackend, in transform: DataTransform) {
        guard let m = startMarker, let p = zip(x, y).lazy.map({ transform.point($0, $1) }).first(where: \.isFinite),
              transform.plot.contains(p) else { return }
        m.draw(on: backend, at: p)
    }
}
