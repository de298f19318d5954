/// Sizes, widths and colours of the chart furniture (frames, ticks, text); all lengths in points.
public struct ChartStyle: Hashable, Sendable {
    public var tickLabelSize = 9.0
    public var axisLabelSize = 10.5
    public var titleSize = 11.5
    public var suptitleSize = 13.5
    public var legendSize = 8.5
    public var annotationSize = 9.0
    /// Factor applied to text sizes a figure gives explicitly (annotations with their own size), so
    /// a figure wider than the page's text width keeps its printed text as large as the style's.
    public var textScale = 1.0
    public var textColor = Color(hex: 0x222222)
    public var frameColor = Color(hex: 0x333333)
    public var frameWidth = 0.8
    public var gridColor = Color(hex: 0xdddddd)
    public var gridWidth = 0.5
    public var majorTickLength = 4.0
    public var minorTickLength = 2.2
    /// Gap between a tick and its label, and between stacked text rows.
    public var textPad = 3.5
    /// Outer margin of the figure.
    public var figurePad = 8.0
    /// Extra room between neighbouring axes beyond their decorations.
    public var axesGap = 12.0
    public var colorbarWidth = 11.0
    public var colorbarGap = 10.0
    /// Fraction of the data range added on each side of automatic limits for padded marks.
    public var autoMargin = 0.04
    /// Colours given in turn to series that do not name one.
    public var cycle: [Color] = Palette.seriesCycle
    public init() {}
}

/// Text drawing for the chart layer: every string goes through `Label` notation.
enum ChartText {
    static func measure(_ s: String, on b: DrawingBackend, size: Double) -> TextMetrics {
        Label(s).measure(on: b, size: size)
    }

    static func draw(_ s: String, on b: DrawingBackend, at p: Point, size: Double, color: Color,
                     anchor: TextAnchor, angle: Double = 0) {
        Label(s).draw(on: b, at: p, size: size, color: color, angle: angle, anchor: anchor)
    }

    /// Height of a text row (ascent + descent) for `s`.
    static func height(_ s: String, on b: DrawingBackend, size: Double) -> Double {
        let m = measure(s, on: b, size: size)
        return m.ascent + m.descent
    }
}
