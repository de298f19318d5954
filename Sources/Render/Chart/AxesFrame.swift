/// Space needed around a plot rectangle, in points.
struct Margins: Hashable {
    var left = 0.0, right = 0.0, top = 0.0, bottom = 0.0

    func differs(from o: Margins, by tol: Double) -> Bool {
        abs(left - o.left) > tol || abs(right - o.right) > tol || abs(top - o.top) > tol || abs(bottom - o.bottom) > tol
    }
}

/// An axes laid out for one plot rectangle: transform, chosen ticks, measured text, and the margins they need.
struct AxesFrame {
    let axes: Axes
    let transform: DataTransform
    let xTicks: TickSet
    let yTicks: TickSet
    let showsXLabels: Bool
    let showsYLabels: Bool
    /// The axis titles (`xLabel`, `yLabel`) when not hidden by shared axes.
    let xTitle: String?
    let yTitle: String?
    let colorbarTicks: TickSet?
    let legend: LegendLayout?
    let legendPlacement: LegendPlacement?
    /// How far below the plot's bottom edge a legend placed `.below` starts.
    let legendBelowOffset: Double
    /// The horizontal extent a `.below` legend is centred on: this plot and the ones to its right in its row.
    let rowSpan: ClosedRange<Double>
    let margins: Margins
    /// Tallest x tick label and widest y tick label.
    let xTickTextHeight: Double
    let yTickTextWidth: Double
    let colorbarTextWidth: Double

    var plot: Rect { transform.plot }

    /// Lays out `axes` with scales `x`, `y` in `plot`. `legendPlacement` fixes the legend position
    /// (resolved from `.best` on the first pass so later passes cannot flip it).
    init(axes: Axes, x: AxisScale, y: AxisScale, plot: Rect, style: ChartStyle, backend b: DrawingBackend,
         showsXLabels: Bool, showsYLabels: Bool, innerX: Bool = false, innerY: Bool = false,
         legendPlacement fixed: LegendPlacement?, rowSpan: ClosedRange<Double>? = nil) {
        self.axes = axes
        self.rowSpan = rowSpan ?? plot.minX...plot.maxX
        transform = DataTransform(plot: plot, x: x, y: y)
        self.showsXLabels = showsXLabels; self.showsYLabels = showsYLabels
        xTitle = innerX ? nil : axes.xLabel
        yTitle = innerY ? nil : axes.yLabel
        let ts = style.tickLabelSize, pad = style.textPad, tl = style.majorTickLength
        xTicks = AxesFrame.fittingTicks(x, length: plot.width, horizontal: true, style: style, backend: b)
        yTicks = AxesFrame.fittingTicks(y, length: plot.height, horizontal: false, style: style, backend: b)
        let xm = xTicks.major.map { ChartText.measure($0.label, on: b, size: ts) }
        let ym = yTicks.major.map { ChartText.measure($0.label, on: b, size: ts) }
        xTickTextHeight = xm.map { $0.ascent + $0.descent }.max() ?? 0
        yTickTextWidth = ym.map(\.width).max() ?? 0
        var m = Margins()
        m.bottom = tl + (showsXLabels && !xTicks.major.isEmpty ? pad + xTickTextHeight : 0)
        let xRow = [xTitle.map { ChartText.height($0, on: b, size: style.axisLabelSize) },
                    showsXLabels ? xTicks.multiplier.map { ChartText.height($0, on: b, size: ts) } : nil].compactMap { $0 }.max()
        if let h = xRow { m.bottom += pad + h }
        m.left = tl + (showsYLabels && !yTicks.major.isEmpty ? pad + yTickTextWidth : 0)
        if let l = yTitle { m.left += pad + ChartText.height(l, on: b, size: style.axisLabelSize) }
        if let t = axes.title { m.top += 2 * pad + ChartText.height(t, on: b, size: style.titleSize) }
        if showsYLabels, let mult = yTicks.multiplier { m.top += pad + ChartText.height(mult, on: b, size: ts) }
        if showsXLabels, let first = xTicks.major.first, let last = xTicks.major.last, let fm = xm.first, let lm = xm.last {
            m.left = max(m.left, fm.width / 2 - (transform.deviceX(first.value) - plot.minX) + 1)
            m.right = max(m.right, lm.width / 2 - (plot.maxX - transform.deviceX(last.value)) + 1)
        }
        if showsYLabels, let fm = ym.first, let lm = ym.last {
            m.top = max(m.top, (lm.ascent + lm.descent) / 2 + 1)
            m.bottom = max(m.bottom, (fm.ascent + fm.descent) / 2 + 1)
        }
        var cbTicks: TickSet?
        var cbWidth = 0.0
        if let cb = axes.colorbar {
            let t = AxesFrame.fittingTicks(cb.scale.axisScale, length: plot.height, horizontal: false, style: style, backend: b)
            cbTicks = t
            cbWidth = t.major.map { ChartText.measure($0.label, on: b, size: ts).width }.max() ?? 0
            m.right = max(m.right, style.colorbarGap + style.colorbarWidth + tl + pad + cbWidth)
            if let l = cb.label { m.right += pad + ChartText.height(l, on: b, size: style.axisLabelSize) }
            if let mult = t.multiplier { m.top = max(m.top, pad + ChartText.height(mult, on: b, size: ts)) }
        }
        colorbarTicks = cbTicks
        colorbarTextWidth = cbWidth
        let entries = axes.legendEntries
        legendBelowOffset = m.bottom + style.colorbarGap
        if let requested = axes.legend, !entries.isEmpty {
            var layout = LegendLayout(entries: entries, style: style, backend: b)
            let placement = fixed ?? AxesFrame.resolve(requested, layout: layout, axes: axes, transform: transform,
                                                       style: style, backend: b)
            if placement == .below {
                let room = self.rowSpan.upperBound - self.rowSpan.lowerBound
                layout = LegendLayout(entries: entries, style: style, backend: b, maxWidth: room)
            }
            legend = layout
            legendPlacement = placement
            if placement == .outsideRight { m.right += style.colorbarGap + layout.size.width }
            if placement == .below { m.bottom = legendBelowOffset + layout.size.height }
        } else {
            legend = nil
            legendPlacement = nil
        }
        margins = m
    }

    /// Turns `.best` / `.bestInside` into a concrete position: the first inside candidate whose box
    /// touches nothing the marks and annotations draw, else outside right.
    static func resolve(_ p: LegendPlacement, layout: LegendLayout, axes: Axes, transform t: DataTransform,
                        style: ChartStyle, backend b: DrawingBackend) -> LegendPlacement {
        guard p == .best || p == .bestInside else { return p }
        let tooBig = layout.size.width > 0.6 * t.plot.width || layout.size.height > 0.6 * t.plot.height
        if tooBig { return .outsideRight }
        let drawn = footprint(axes: axes, transform: t, style: style, backend: b)
        for candidate in LegendPlacement.insideCandidates {
            let box = layout.rect(candidate, plot: t.plot, outsideX: 0).inset(by: -2)
            if !drawn.intersects(box) { return candidate }
        }
        return .outsideRight
    }

    /// What the axes' marks (clipped as drawn), their overlays and the annotations cover; guides
    /// (`Mark.isGuide`) are left out, as the grid is.
    static func footprint(axes: Axes, transform t: DataTransform, style: ChartStyle, backend b: DrawingBackend) -> DrawnFootprint {
        let rec = RecordingBackend(width: b.pageSize.width, height: b.pageSize.height, measuringWith: b)
        rec.save()
        if axes.clipsMarks { rec.clip(to: t.plot) }
        for mark in axes.marks where !mark.isGuide { mark.draw(on: rec, in: t) }
        rec.restore()
        for mark in axes.marks where !mark.isGuide { mark.drawOverlay(on: rec, in: t) }
        for a in axes.annotations { a.draw(on: rec, in: t, style: style) }
        return DrawnFootprint(rec.operations, measuringWith: b)
    }

    /// Ticks whose labels fit along an axis of `length` points without touching.
    static func fittingTicks(_ scale: AxisScale, length: Double, horizontal: Bool, style: ChartStyle,
                             backend b: DrawingBackend) -> TickSet {
        var target = max(3, min(9, Int(length / (horizontal ? 62 : 42))))
        while true {
            let t = TickLocator.ticks(for: scale, target: target)
            let ms = t.major.map { ChartText.measure($0.label, on: b, size: style.tickLabelSize) }
            let need = horizontal ? ms.reduce(0) { $0 + $1.width + 8 } : ms.reduce(0) { $0 + $1.ascent + $1.descent + 4 }
            if need <= length || target <= 2 { return t }
            target -= 1
        }
    }
}
