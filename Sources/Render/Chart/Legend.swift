/// Where an axes' legend goes.
public enum LegendPlacement: Hashable, Sendable {
    /// The first inside position whose box touches nothing drawn (marks, their overlays,
    /// annotations), or outside right when none is free or the legend is too big for the plot.
    case best
    /// The same as `best` (kept for figures that once asked to stay inside at any cost).
    case bestInside
    case upperRight, upperLeft, lowerLeft, lowerRight, upperCenter, lowerCenter, centerLeft, centerRight
    /// To the right of the plot (and of its colorbar).
    case outsideRight
    /// Under the plot (below its x-axis title), centred on it and the plots to its right in its row,
    /// its entries in as many columns as fit their width (read across, then down): for plots that
    /// data fill edge to edge.
    case below

    /// Inside candidates in order of preference on ties.
    static let insideCandidates: [LegendPlacement] = [.upperRight, .upperLeft, .lowerLeft, .lowerRight,
                                                      .centerRight, .centerLeft, .upperCenter, .lowerCenter]
}

/// Measures, places and draws a legend box.
struct LegendLayout {
    let entries: [LegendEntry]
    let style: ChartStyle
    let size: (width: Double, height: Double)
    let rowHeight: Double
    /// Entry `i` goes in column `i % columns`, row `i / columns`.
    let columns: Int
    /// Each column's width: handle, gap and its widest label.
    let columnWidths: [Double]
    let handleLength = 24.0
    let pad = 6.0
    let gap = 6.0
    let columnGap = 14.0

    /// One column; with `maxWidth`, the most columns (up to one per entry) whose box is at most that wide.
    init(entries: [LegendEntry], style: ChartStyle, backend: DrawingBackend, maxWidth: Double? = nil) {
        self.entries = entries; self.style = style
        var h = 0.0
        let widths = entries.map { e in
            let m = ChartText.measure(e.label, on: backend, size: style.legendSize)
            h = max(h, m.ascent + m.descent)
            return m.width
        }
        let markerH = entries.compactMap { $0.marker?.size }.max() ?? 0
        rowHeight = max(h, markerH) + 4
        let (handle, pad, gap, columnGap) = (handleLength, pad, gap, columnGap)
        func columnWidths(_ c: Int) -> [Double] {
            (0..<c).map { col in handle + gap + stride(from: col, to: widths.count, by: c).map { widths[$0] }.reduce(0, max) }
        }
        func boxWidth(_ c: Int) -> Double { 2 * pad + columnWidths(c).reduce(0, +) + columnGap * Double(c - 1) }
        var c = 1
        if let maxWidth { c = (1...max(1, entries.count)).last { boxWidth($0) <= maxWidth } ?? 1 }
        columns = c
        self.columnWidths = columnWidths(c)
        let rows = (entries.count + c - 1) / c
        size = (boxWidth(c), 2 * pad - 4 + rowHeight * Double(rows))
    }

    /// The box for an inside placement, inset from the plot edges.
    /// `outsideX` is where an outside-right box starts, `belowY` where a box below the plot starts and
    /// `belowX` the centre of a box below it.
    func rect(_ placement: LegendPlacement, plot: Rect, outsideX: Double, belowY: Double = 0, belowX: Double? = nil) -> Rect {
        let m = 6.0
        let (w, h) = size
        let left = plot.minX + m, right = plot.maxX - m - w, midX = plot.center.x - w / 2
        let top = plot.minY + m, bottom = plot.maxY - m - h, midY = plot.center.y - h / 2
        switch placement {
        case .upperRight, .best, .bestInside: return Rect(x: right, y: top, width: w, height: h)
        case .upperLeft: return Rect(x: left, y: top, width: w, height: h)
        case .lowerLeft: return Rect(x: left, y: bottom, width: w, height: h)
        case .lowerRight: return Rect(x: right, y: bottom, width: w, height: h)
        case .upperCenter: return Rect(x: midX, y: top, width: w, height: h)
        case .lowerCenter: return Rect(x: midX, y: bottom, width: w, height: h)
        case .centerLeft: return Rect(x: left, y: midY, width: w, height: h)
        case .centerRight: return Rect(x: right, y: midY, width: w, height: h)
        case .outsideRight: return Rect(x: outsideX, y: plot.minY, width: w, height: h)
        case .below: return Rect(x: (belowX ?? plot.center.x) - w / 2, y: belowY, width: w, height: h)
        }
    }

    func draw(on b: DrawingBackend, in box: Rect) {
        b.fill(.rect(box), color: Color.white.withAlpha(0.88))
        b.stroke(.rect(box), style: StrokeStyle(color: Color(hex: 0xcccccc), width: 0.6))
        for (i, e) in entries.enumerated() {
            let row = i / columns, column = i % columns
            let cy = box.minY + pad - 2 + rowHeight * (Double(row) + 0.5)
            let x0 = box.minX + pad + columnWidths[..<column].reduce(0, +) + columnGap * Double(column), x1 = x0 + handleLength
            if let f = e.fill {
                b.fill(.rect(Rect(x: x0, y: cy - rowHeight * 0.3, width: handleLength, height: rowHeight * 0.6)), color: f)
            }
            if let l = e.line {
                var s = l.stroke
                s.width = min(s.width, rowHeight * 0.6)
                b.stroke(.polyline([Point(x0, cy), Point(x1, cy)]), style: s)
            }
            if let m = e.marker {
                var mm = m
                mm.size = min(m.size, rowHeight - 2)
                mm.draw(on: b, at: Point((x0 + x1) / 2, cy))
            }
            ChartText.draw(e.label, on: b, at: Point(x1 + gap, cy), size: style.legendSize, color: style.textColor, anchor: .middleLeft)
        }
    }
}
