/// Maps data coordinates to device points inside a plot rectangle.
///
/// x grows to the right and y upward in data space; device y grows downward.
public struct DataTransform: Hashable, Sendable {
    /// The plot area in device points.
    public var plot: Rect
    public var x: AxisScale
    public var y: AxisScale

    public init(plot: Rect, x: AxisScale, y: AxisScale) {
        self.plot = plot; self.x = x; self.y = y
    }

    /// Device position of a data point; non-finite when the point cannot be shown (NaN, or not positive on a log axis).
    @inline(__always)
    public func point(_ dx: Double, _ dy: Double) -> Point {
        Point(plot.minX + x.normalized(dx) * plot.width, plot.maxY - y.normalized(dy) * plot.height)
    }

    /// Device x of a data x.
    public func deviceX(_ v: Double) -> Double { plot.minX + x.normalized(v) * plot.width }
    /// Device y of a data y.
    public func deviceY(_ v: Double) -> Double { plot.maxY - y.normalized(v) * plot.height }

    /// Data coordinates of a device point.
    public func data(at p: Point) -> (x: Double, y: Double) {
        (x.value(atNormalized: (p.x - plot.minX) / plot.width),
         y.value(atNormalized: (plot.maxY - p.y) / plot.height))
    }

    /// Device displacement of a small data displacement (u, v) at data point (px, py): the transform's Jacobian applied.
    @inline(__always)
    public func deviceVector(_ u: Double, _ v: Double, at px: Double, _ py: Double) -> (dx: Double, dy: Double) {
        (u * x.derivative(at: px) * plot.width, -v * y.derivative(at: py) * plot.height)
    }

    /// Device points per data unit along x and y at a data point (both positive for non-reversed axes).
    public func pointsPerUnit(at px: Double, _ py: Double) -> (x: Double, y: Double) {
        (x.derivative(at: px) * plot.width, y.derivative(at: py) * plot.height)
    }
}

extension Point {
    /// Whether both coordinates are finite.
    var isFinite: Bool { x.isFinite && y.isFinite }
}
