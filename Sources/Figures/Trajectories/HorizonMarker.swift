import Render

/// The end of the training data on a time axis: a vertical line at `time`, the extrapolated
/// region after it lightly shaded, and an optional label along the line at the top.
///
/// Spans the plot's full height whatever the y limits (it asks for no room in the automatic limits).
public struct HorizonMarker: Mark {
    /// Where the training data end (data x).
    public var time: Double
    public var line: LineStyle
    /// Fill of the region right of the line; nil for none.
    public var shade: Color?
    /// Text drawn along the line, reading upwards, at the top of the plot (label notation), left out
    /// when the plot is too short for it; nil for none.
    public var text: String?
    public var textSize: Double
    public var label: String?

    public init(time: Double, line: LineStyle = LineStyle(color: Color(hex: 0x555555), width: 1, dash: .dashed),
                shade: Color? = Color(hex: 0x000000).withAlpha(0.05), text: String? = "training horizon",
                textSize: Double = 8, label: String? = nil) {
        self.time = time; self.line = line; self.shade = shade; self.text = text; self.textSize = textSize; self.label = label
    }

    public var bounds: DataBounds? { nil }
    public var legendEntry: LegendEntry? { label.map { LegendEntry(label: $0, line: line) } }

    /// The line's device x, nil when the time lies outside the plot.
    public func deviceX(in t: DataTransform) -> Double? {
        let x = t.deviceX(time)
        guard x.isFinite, x >= t.plot.minX - 0.01, x <= t.plot.maxX + 0.01 else { return nil }
        return x
    }

    public func draw(on backend: DrawingBackend, in transform: DataTransform) {
        guard let x = deviceX(in: transform) else { return }
        let plot = transform.plot
        if let shade, plot.maxX > x {
            backend.fill(.rect(Rect(x: x, y: plot.minY, width: plot.maxX - x, height: plot.height)), color: shade)
        }
        backend.stroke(.polyline([Point(x, plot.minY), Point(x, plot.maxY)]), style: line.stroke)
    }

    /// The label, after every mark so no curve is drawn over it.
    public func drawOverlay(on backend: DrawingBackend, in transform: DataTransform) {
        guard let x = deviceX(in: transform) else { return }
        let plot = transform.plot
        if let text {
            // Rotated a quarter turn counter-clockwise: the label reads upwards, just left of the line,
            // on a light box so curves under it do not garble it.
            let label = Label(text)
            let m = label.measure(on: backend, size: textSize)
            guard m.width + 8 <= plot.height else { return }
            let box = Rect(x: x - 3 - m.ascent - m.descent - 1, y: plot.minY + 3, width: m.ascent + m.descent + 2, height: m.width + 2)
            backend.fill(.rect(box), color: Color.white.withAlpha(0.85))
            label.draw(on: backend, at: Point(x - 3, plot.minY + 4), size: textSize, color: line.color,
                       angle: Double.pi / 2, anchor: .bottomRight)
        }
    }
}
