import Foundation

/// One plot of a figure: marks in data coordinates, with scales, limits, labels, legend and colorbar.
///
/// Get one from `Figure` (`figure[row, column]`), configure it, add marks; `Figure.render` draws it.
public final class Axes {
    public var title: String?
    /// Whether `title` is the title of this plot and the plots to its right in its row (a row of panels
    /// about one case, such as one initial state): centred over them all instead of over this plot.
    public var titleSpansRow = false
    public var xLabel: String?
    public var yLabel: String?
    public var xScale: ScaleKind = .linear
    public var yScale: ScaleKind = .linear
    /// Fixed x limits (lower, upper); lower > upper reverses the axis. nil: fitted to the marks.
    public var xLimits: (Double, Double)?
    public var yLimits: (Double, Double)?
    /// Same points per data unit in x and y (decades on log axes); the plot box shrinks and stays centred.
    public var equalAspect = false
    /// Light lines at the major ticks behind the marks.
    public var showsGrid = false
    /// Where the legend goes; nil draws none. Only marks with a label appear.
    public var legend: LegendPlacement?
    /// A colour bar at the right of the plot.
    public var colorbar: Colorbar?
    /// Clip marks to the plot rectangle.
    public var clipsMarks = true
    /// Draw the x tick labels; false hides the tick marks too (a shared axis hides only the labels).
    public var showsXTickLabels = true
    /// Draw the y tick labels; false hides the tick marks too (a shared axis hides only the labels).
    public var showsYTickLabels = true
    /// Draw the frame and the tick marks (false for panels that draw their own axes, such as a 3-D view).
    public var showsFrame = true
    /// Plot background; nil leaves the figure background.
    public var background: Color?
    public private(set) var marks: [any Mark] = []
    public private(set) var annotations: [Annotation] = []

    public init() {}

    /// Adds a mark on top of the earlier ones.
    public func add(_ mark: any Mark) { marks.append(mark) }

    /// Adds text or an arrow in data coordinates (drawn above the marks, not clipped).
    public func annotate(_ annotation: Annotation) { annotations.append(annotation) }

    /// Adds a colorbar for `scale`, or for the colour scale of the last mark that has one.
    public func addColorbar(_ scale: ColorScale? = nil, label: String? = nil) {
        guard let s = scale ?? marks.reversed().lazy.compactMap(\.colorScale).first else { return }
        colorbar = Colorbar(scale: s, label: label)
    }

    /// The union of the marks' bounds.
    var dataBounds: DataBounds? {
        var acc: DataBounds?
        for b in marks.compactMap(\.bounds) { acc = acc.map { $0.union(b) } ?? b }
        return acc
    }

    /// The x and y scales with limits resolved: fixed ones as given, automatic ones fitted (with margin for padded marks).
    public func resolvedScales(style: ChartStyle = ChartStyle()) -> (x: AxisScale, y: AxisScale) {
        let b = dataBounds
        func resolve(_ fixed: (Double, Double)?, _ kind: ScaleKind, _ lo: Double?, _ hi: Double?) -> AxisScale {
            if let f = fixed {
                let (a, c) = TickLocator.widenedIfDegenerate(f.0, f.1)
                return AxisScale(kind: kind, lower: a, upper: c)
            }
            guard var l = lo, var h = hi else { return AxisScale(kind: kind, lower: kind == .log ? 1 : 0, upper: 10) }
            if kind == .log {
                if h <= 0 { (l, h) = (1, 10) }
                if l <= 0 { l = h / 1000 }
                let (a, c) = TickLocator.widenedIfDegenerate(log10(l), log10(h))
                let m = (b?.padded ?? true) ? style.autoMargin * (c - a) : 0
                return AxisScale(kind: .log, lower: pow(10, a - m), upper: pow(10, c + m))
            }
            let (a, c) = TickLocator.widenedIfDegenerate(l, h)
            let m = (b?.padded ?? true) ? style.autoMargin * (c - a) : 0
            return AxisScale(kind: .linear, lower: a - m, upper: c + m)
        }
        return (resolve(xLimits, xScale, b?.xMin, b?.xMax), resolve(yLimits, yScale, b?.yMin, b?.yMax))
    }

    /// The legend rows of the labelled marks, in order.
    var legendEntries: [LegendEntry] { marks.compactMap(\.legendEntry) }
}

/// A colour bar showing a colour scale with its own ticks and label.
public struct Colorbar: Sendable {
    public var scale: ColorScale
    public var label: String?
    public init(scale: ColorScale, label: String? = nil) { self.scale = scale; self.label = label }
}
