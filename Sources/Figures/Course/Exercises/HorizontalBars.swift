import Render

/// Horizontal bars from zero on an axes, each with its name beside the zero line and its value at its end.
struct HorizontalBars {
    struct Bar {
        var name: String
        var value: Double
        var fill: Color
        var edge: LineStyle?
        /// Text at the bar's end (the value, formatted by the caller).
        var valueText: String
    }

    var bars: [Bar]
    /// Bar thickness as a fraction of the spacing between bars.
    var thickness = 0.56

    /// Draws the bars top to bottom (first bar on top) and fixes the y range; hides the y tick labels.
    func add(to ax: Axes, style: ChartStyle) {
        let count = bars.count
        ax.yLimits = (-0.7, Double(count) - 0.3)
        ax.showsYTickLabels = false
        ax.add(LineSeries(x: [0, 0], y: [-0.7, Double(count) - 0.3], style: LineStyle(color: style.frameColor, width: 0.8)))
        for (i, bar) in bars.enumerated() {
            let y = Double(count - 1 - i), h = thickness / 2
            ax.add(Polygon(x: [0, bar.value, bar.value, 0], y: [y - h, y - h, y + h, y + h], fill: bar.fill, edge: bar.edge))
            // Name on the empty side of the zero line, value past the bar's end.
            let nameOffset: (Double, Double) = bar.value < 0 ? (6, 0) : (-6, 0)
            ax.annotate(.text(bar.name, at: (0, y), offset: nameOffset, anchor: bar.value < 0 ? .middleLeft : .middleRight))
            let valueOffset: (Double, Double) = bar.value < 0 ? (-5, 0) : (5, 0)
            ax.annotate(.text(bar.valueText, at: (bar.value, y), offset: valueOffset,
                              anchor: bar.value < 0 ? .middleRight : .middleLeft))
        }
    }
}
