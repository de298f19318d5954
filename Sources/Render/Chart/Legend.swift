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
    let handleLength = 24.0
    let pad = 6.0
    let gap = 6.0

    init(entries: [LegendEntry], style: ChartStyle, backend: DrawingBackend) {
        self.entries = entries; self.style = style
        var w = 0.0, h = 0.0
        for e in entries {
            let m = ChartText.measure(e.label, on: backend, size: style.legendSize)
            w = max(w, m.width); h = max(h, m.ascent + m.descent)
        }
        let markerH = entries.compactMap { $0.marker?.size }.max() ?? 0
        rowHeight = max(h, markerH) + 4
        size = (2 * pad + handleLength + gap + w, 2 * pad - 4 + rowHeight * Double(entries.count))
    }

    /// The box for an inside placement, inset from the plot edges.
    func rect(_ placement: LegendPlacement, plot: Rect, outsideX: Double) -> Rect {
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
        }
    }

    func draw(on b: DrawingBackend, in box: Rect) {
        b.fill(.rect(box), color: Color.white.withAlpha(0.88))
        b.stroke(.rect(box), style: StrokeStyle(color: Color(hex: 0xcccccc), width: 0.6))
        for (i, e) in entries.enumerated() {
            let cy = box.minY + pad - 2 + rowHeight * (Double(i) + 0.5)
            let x0 = box.minX + pad, x1 = x0 + handleLength
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
