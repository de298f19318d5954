import Foundation
import Render

/// Page, resolution, theme and title shared by every figure recipe.
public struct FigureOptions: Sendable {
    /// Page size in physical units (the figure's coordinates are points).
    public var size: PageSize
    /// PNG resolution in pixels per inch (vector formats ignore it).
    public var dpi: Double
    /// Colours, line widths and font sizes.
    public var theme: Theme
    /// Replaces the recipe's own title when set (label notation allowed; empty: no title).
    public var title: String?
    /// The text width the figure is printed at; a wider page scales its text up so it prints at the
    /// theme's sizes (never below 8 pt with the built-in theme).
    public var textWidth: Length = FigureSidecar.textWidth
    /// Where to write the figure's sidecar (key numbers, layout checks); by default the path in the
    /// `FLOWSCOPE_FIGURE_SIDECAR` environment variable, else none.
    public var sidecarPath: String? = ProcessInfo.processInfo.environment[FigureSidecar.environmentKey]

    public init(size: PageSize = FigureOptions.defaultSize, dpi: Double = 150, theme: Theme = .standard,
                title: String? = nil) {
        self.size = size; self.dpi = dpi; self.theme = theme; self.title = title
    }

    /// 6 × 6 in, the size of the course's figures.
    public static let defaultSize = PageSize(width: .inches(6), height: .inches(6))

    /// How much text is enlarged so the page printed at `textWidth` keeps the theme's sizes (≥ 1).
    public var textScale: Double { max(1, size.width.points / max(textWidth.points, 1)) }

    /// The chart furniture (text sizes and colours, frame, ticks, series colours) of the theme, text
    /// scaled by `textScale`.
    public var chartStyle: ChartStyle {
        var s = ChartStyle()
        let k = textScale
        s.textScale = k
        s.tickLabelSize = k * theme.tickLabelSize
        s.axisLabelSize = k * theme.axisLabelSize
        s.titleSize = k * theme.titleSize
        s.suptitleSize = k * theme.suptitleSize
        s.legendSize = k * theme.legendSize
        s.annotationSize = k * theme.annotationSize
        s.textColor = theme.foreground
        s.frameColor = theme.frame
        s.frameWidth = theme.frameWidth
        s.gridColor = theme.grid
        s.gridWidth = theme.gridWidth
        s.majorTickLength = theme.majorTickLength
        s.minorTickLength = theme.minorTickLength
        s.cycle = theme.series
        return s
    }

    /// An empty one-axes figure of the page size with the theme's style and background.
    public func makeFigure(rows: Int = 1, columns: Int = 1) -> Figure {
        let (w, h) = size.points
        return Figure(width: w, height: h, rows: rows, columns: columns, background: theme.background, style: chartStyle)
    }

    /// `title` when set (nil when it is empty), else `recipeTitle`.
    public func resolvedTitle(_ recipeTitle: String) -> String? {
        guard let title else { return recipeTitle }
        return title.isEmpty ? nil : title
    }
}
