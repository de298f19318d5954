/// A page with a grid of axes and an optional suptitle; `render(on:)` lays everything out from measured text and draws it.
///
/// Sizes are in points (1/72 in). With `sharedX`, every axes uses the union of the x limits and
/// only the bottom row shows x tick labels; `sharedY` likewise with the left column.
public final class Figure {
    public var width: Double
    public var height: Double
    /// Page colour; nil leaves the page transparent.
    public var background: Color?
    public var suptitle: String?
    public var style: ChartStyle
    public let rows: Int
    public let columns: Int
    public let sharedX: Bool
    public let sharedY: Bool
    /// The axes in row-major order.
    public let axes: [Axes]

    public init(width: Double, height: Double, rows: Int = 1, columns: Int = 1, sharedX: Bool = false, sharedY: Bool = false,
                background: Color? = .white, style: ChartStyle = ChartStyle()) {
        precondition(rows >= 1 && columns >= 1, "a figure needs at least one axes")
        self.width = width; self.height = height; self.rows = rows; self.columns = columns
        self.sharedX = sharedX; self.sharedY = sharedY; self.background = background; self.style = style
        axes = (0..<(rows * columns)).map { _ in Axes() }
    }

    /// The axes in `row` (0 at the top) and `column` (0 at the left).
    public subscript(row: Int, column: Int) -> Axes { axes[row * columns + column] }

    /// The plot rectangles (device points) the axes get on `backend`'s measurements, row-major.
    public func plotRects(on backend: DrawingBackend) -> [Rect] { layout(on: backend).map(\.plot) }

    /// The data-to-device transform of each axes after layout, row-major.
    public func transforms(on backend: DrawingBackend) -> [DataTransform] { layout(on: backend).map(\.transform) }

    /// Draws the whole figure.
    public func render(on backend: DrawingBackend) {
        let frames = layout(on: backend)
        if let bg = background { backend.fill(.rect(Rect(x: 0, y: 0, width: width, height: height)), color: bg) }
        var y = style.figurePad
        for line in suptitleLines(on: backend) {
            ChartText.draw(line, on: backend, at: Point(width / 2, y), size: style.suptitleSize,
                           color: style.textColor, anchor: .topCenter)
            y += ChartText.height(line, on: backend, size: style.suptitleSize)
        }
        let spans = titleSpans(frames)
        for (f, span) in zip(frames, spans) { AxesRenderer(frame: f, style: style, titleSpan: span).draw(on: backend) }
    }

    /// The horizontal extent each axes' title is centred over, row-major: its plot's, or with
    /// `Axes.titleSpansRow` from its plot's left edge to the right edge of the last plot in its row.
    func titleSpans(on backend: DrawingBackend) -> [ClosedRange<Double>] { titleSpans(layout(on: backend)) }

    private func titleSpans(_ frames: [AxesFrame]) -> [ClosedRange<Double>] {
        frames.map { $0.axes.titleSpansRow ? $0.rowSpan : $0.plot.minX...$0.plot.maxX }
    }

    /// Every placed legend box with whether it touches anything the figure's marks, their overlays
    /// or annotations draw (in any axes), as measured on `backend`.
    public func legendChecks(on backend: DrawingBackend) -> [(axes: Int, box: Rect, coversData: Bool)] {
        let frames = layout(on: backend)
        var drawn: [DrawnFootprint] = []
        for f in frames {
            drawn.append(AxesFrame.footprint(axes: f.axes, transform: f.transform, style: style, backend: backend))
        }
        var out: [(axes: Int, box: Rect, coversData: Bool)] = []
        for (i, f) in frames.enumerated() {
            guard let box = AxesRenderer(frame: f, style: style).legendBox(on: backend) else { continue }
            out.append((i, box, drawn.contains { $0.intersects(box) }))
        }
        return out
    }

    /// The suptitle broken at spaces (outside notation braces) into lines that fit the page width.
    func suptitleLines(on b: DrawingBackend) -> [String] {
        guard let s = suptitle, !s.isEmpty else { return [] }
        let room = width - 2 * style.figurePad
        var words: [String] = [], current = "", depth = 0
        for c in s {
            if c == "{" { depth += 1 } else if c == "}" { depth = max(0, depth - 1) }
            if c == " " && depth == 0 { words.append(current); current = "" } else { current.append(c) }
        }
        words.append(current)
        var lines: [String] = []
        var line = ""
        for w in words {
            let candidate = line.isEmpty ? w : line + " " + w
            if !line.isEmpty && ChartText.measure(candidate, on: b, size: style.suptitleSize).width > room {
                lines.append(line)
                line = w
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// Scales per axes with sharing applied.
    private func sharedScales() -> [(x: AxisScale, y: AxisScale)] {
        var scales = axes.map { $0.resolvedScales(style: style) }
        func union(_ ss: [AxisScale], fixed: AxisScale?) -> AxisScale {
            if let f = fixed { return f }
            let lo = ss.map { min($0.lower, $0.upper) }.min() ?? 0, hi = ss.map { max($0.lower, $0.upper) }.max() ?? 1
            return AxisScale(kind: ss.first?.kind ?? .linear, lower: lo, upper: hi)
        }
        if sharedX {
            let s = union(scales.map(\.x), fixed: zip(axes, scales).first { $0.0.xLimits != nil }?.1.x)
            for i in scales.indices { scales[i].x = s }
        }
        if sharedY {
            let s = union(scales.map(\.y), fixed: zip(axes, scales).first { $0.0.yLimits != nil }?.1.y)
            for i in scales.indices { scales[i].y = s }
        }
        return scales
    }

    /// Plot rectangles from margins: per-column left/right and per-row top/bottom maxima, equal plot sizes.
    private func rects(_ margins: [Margins], top: Double) -> [Rect] {
        let pad = style.figurePad, gap = style.axesGap
        var left = [Double](repeating: 0, count: columns), right = left
        var above = [Double](repeating: 0, count: rows), below = above
        for r in 0..<rows {
            for c in 0..<columns {
                let m = margins[r * columns + c]
                left[c] = max(left[c], m.left); right[c] = max(right[c], m.right)
                above[r] = max(above[r], m.top); below[r] = max(below[r], m.bottom)
            }
        }
        let plotW = max(10, (width - 2 * pad - left.reduce(0, +) - right.reduce(0, +) - gap * Double(columns - 1)) / Double(columns))
        let plotH = max(10, (height - top - pad - above.reduce(0, +) - below.reduce(0, +) - gap * Double(rows - 1)) / Double(rows))
        var out: [Rect] = []
        var y = top
        for r in 0..<rows {
            y += above[r]
            var x = pad
            for c in 0..<columns {
                x += left[c]
                out.append(Rect(x: x, y: y, width: plotW, height: plotH))
                x += plotW + right[c] + gap
            }
            y += plotH + below[r] + gap
        }
        return out
    }

    /// `r` shrunk to equal points per unit in x and y, centred.
    static func equalAspect(_ r: Rect, x: AxisScale, y: AxisScale) -> Rect {
        let ppx = r.width / x.span, ppy = r.height / y.span
        guard ppx.isFinite, ppy.isFinite, ppx > 0, ppy > 0 else { return r }
        if ppx > ppy {
            let w = x.span * ppy
            return Rect(x: r.minX + (r.width - w) / 2, y: r.minY, width: w, height: r.height)
        }
        let h = y.span * ppx
        return Rect(x: r.minX, y: r.minY + (r.height - h) / 2, width: r.width, height: h)
    }

    func layout(on b: DrawingBackend) -> [AxesFrame] {
        let scales = sharedScales()
        var top = style.figurePad
        let lines = suptitleLines(on: b)
        if !lines.isEmpty {
            top += lines.reduce(0) { $0 + ChartText.height($1, on: b, size: style.suptitleSize) } + 2 * style.textPad
        }
        var margins = [Margins](repeating: Margins(left: 40, right: 12, top: 18, bottom: 32), count: axes.count)
        var placements = [LegendPlacement?](repeating: nil, count: axes.count)
        var frames: [AxesFrame] = []
        // Legend positions are chosen again on every pass (a neighbour's outside legend can shrink
        // this plot onto its legend) until positions and margins settle; from the fourth pass on
        // they are kept, so the layout always ends.
        for pass in 0..<6 {
            let cells = rects(margins, top: top)
            let plots = axes.indices.map { i in
                axes[i].equalAspect ? Figure.equalAspect(cells[i], x: scales[i].x, y: scales[i].y) : cells[i]
            }
            frames = axes.indices.map { i in
                let a = axes[i]
                let r = i / columns, c = i % columns
                let plot = plots[i], rowEnd = plots[min(plots.count - 1, (r + 1) * columns - 1)]
                return AxesFrame(axes: a, x: scales[i].x, y: scales[i].y, plot: plot, style: style, backend: b,
                                 showsXLabels: a.showsXTickLabels && (!sharedX || r == rows - 1),
                                 showsYLabels: a.showsYTickLabels && (!sharedY || c == 0),
                                 innerX: sharedX && r != rows - 1, innerY: sharedY && c != 0,
                                 legendPlacement: pass >= 3 ? placements[i] : nil,
                                 rowSpan: plot.minX...max(plot.maxX, rowEnd.maxX))
            }
            let chosen = frames.map(\.legendPlacement)
            let next = frames.map(\.margins)
            let stable = zip(next, margins).allSatisfy { !$0.differs(from: $1, by: 0.25) } && chosen == placements
            margins = next
            placements = chosen
            if stable { break }
        }
        return frames
    }
}
