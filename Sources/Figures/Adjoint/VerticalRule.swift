import Render

/// A thin vertical line across the whole plot at one x value (event times such as observations).
///
/// It asks for no room in the automatic limits and is a guide (`Mark.isGuide`), as the grid is: a
/// legend may cover it, so rules at every observation time, or a cursor moving through an animation,
/// neither push a legend out of the plot nor make it jump from frame to frame.
public struct VerticalRule: Mark {
    public var x: Double
    public var style: LineStyle
    public var isGuide: Bool { true }

    public init(x: Double, color: Color, width: Double = 0.8) {
        self.x = x
        style = LineStyle(color: color, width: width)
    }

    public var bounds: DataBounds? { nil }

    public func draw(on backend: DrawingBackend, in transform: DataTransform) {
        let px = transform.deviceX(x)
        guard px.isFinite else { return }
        backend.stroke(.polyline([Point(px, transform.plot.minY), Point(px, transform.plot.maxY)]), style: style.stroke)
    }
}
