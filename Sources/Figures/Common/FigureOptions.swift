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

    public init(size: PageSize = FigureOptions.defaultSize, dpi: Double = 150, theme: Theme = .standard,
                title: String? = nil) {
        self.size = size; self.dpi = dpi; self.theme = theme; self.title = title
    }

    /// 6 × 6 in, the size of the course's figures.
    public static let defaultSize = PageSize(width: .inches(6), height: .inches(6))

    /// The chart furniture (text sizes and colours, frame, ticks, series colours) of the theme.
    public var chartStyle: ChartStyle {
        var s = ChartStyle()
        s.tickLabelSize = theme.tickLabelSize
        s.axisLabelSize = theme.axisLabelSize
        s.titleSize = theme.titleSize
        s.suptitleSize = theme.suptitleSize
        s.legendSize = theme.legendSize
        s.annotationSize = theme.annotationSize
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
