/// Something drawn inside an axes' plot area in data coordinates.
///
/// Marks are drawn in the order they were added, clipped to the plot area.
public protocol Mark {
    /// The data extent to include in automatic limits; nil when the mark does not ask for room.
    var bounds: DataBounds? { get }
    /// The legend row of the mark; nil to leave it out.
    var legendEntry: LegendEntry? { get }
    /// The colour scale the mark's colours come from (a colorbar can show it).
    var colorScale: ColorScale? { get }
    /// Whether the mark is a guide like the grid (thin background rules), which a legend may cover.
    ///
    /// Legend placement avoids what every other mark draws (measured as a `DrawnFootprint`).
    var isGuide: Bool { get }
    /// Draws the mark.
    func draw(on backend: DrawingBackend, in transform: DataTransform)
    /// Draws parts that may overhang the plot edge (start markers), after all marks and without the clip.
    func drawOverlay(on backend: DrawingBackend, in transform: DataTransform)
}

extension Mark {
    public var legendEntry: LegendEntry? { nil }
    public var colorScale: ColorScale? { nil }
    public var isGuide: Bool { false }
    public func drawOverlay(on backend: DrawingBackend, in transform: DataTransform) {}
}

/// A data-space bounding box.
public struct DataBounds: Hashable, Sendable {
    public var xMin: Double
    public var xMax: Double
    public var yMin: Double
    public var yMax: Double
    /// Whether automatic limits add a margin around this box (lines, points) or fit it tightly (grids, images).
    public var padded: Bool

    public init(xMin: Double, xMax: Double, yMin: Double, yMax: Double, padded: Bool = true) {
        self.xMin = xMin; self.xMax = xMax; self.yMin = yMin; self.yMax = yMax; self.padded = padded
    }

    /// The box around the finite pairs of `x`, `y`; nil when there are none.
    public static func enclosing(x: [Double], y: [Double], padded: Bool = true) -> DataBounds? {
        var b: DataBounds?
        for (px, py) in zip(x, y) where px.isFinite && py.isFinite {
            if var c = b {
                c.xMin = min(c.xMin, px); c.xMax = max(c.xMax, px)
                c.yMin = min(c.yMin, py); c.yMax = max(c.yMax, py)
                b = c
            } else {
                b = DataBounds(xMin: px, xMax: px, yMin: py, yMax: py, padded: padded)
            }
        }
        return b
    }

    /// The smallest box holding both; padded when either is.
    public func union(_ o: DataBounds) -> DataBounds {
        DataBounds(xMin: min(xMin, o.xMin), xMax: max(xMax, o.xMax), yMin: min(yMin, o.yMin),
                   yMax: max(yMax, o.yMax), padded: padded || o.padded)
    }
}

/// One legend row: a label and the sample drawn beside it.
public struct LegendEntry: Hashable, Sendable {
    public var label: String
    /// A line sample (with its dash) or nil.
    public var line: LineStyle?
    /// A marker drawn at the middle of the sample, or nil.
    public var marker: MarkerStyle?
    /// A filled patch instead of a line, or nil.
    public var fill: Color?

    public init(label: String, line: LineStyle? = nil, marker: MarkerStyle? = nil, fill: Color? = nil) {
        self.label = label; self.line = line; self.marker = marker; self.fill = fill
    }
}
