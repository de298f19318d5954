import Render

/// A band over an x interval spanning the plot's full height (a shaded range of the x axis).
public struct FillBetweenColumn: Mark {
    public var x0: Double
    public var x1: Double
    public var color: Color
    public var label: String?

    public init(x0: Double, x1: Double, color: Color, label: String? = nil) {
        self.x0 = x0; self.x1 = x1; self.color = color; self.label = label
    }

    public var bounds: DataBounds? { nil }
    public var legendEntry: LegendEntry? { label.map { LegendEntry(label: $0, fill: color) } }

    public func draw(on backend: DrawingBackend, in transform: DataTransform) {
        let a = max(transform.plot.minX, min(transform.deviceX(x0), transform.deviceX(x1)))
        let b = min(transform.plot.maxX, max(transform.deviceX(x0), transform.deviceX(x1)))
        guard a.isFinite, b.isFinite, b > a else { return }
        backend.fill(.rect(Rect(x: a, y: transform.plot.minY, width: b - a, height: transform.plot.height)), color: color)
    }
}
