import Foundation

/// Draws one laid-out axes: background, grid, clipped marks, annotations, frame, ticks, text, colorbar, legend.
struct AxesRenderer {
    let frame: AxesFrame
    let style: ChartStyle
    /// Where the title is centred: over the plot, or over its row (`Axes.titleSpansRow`).
    var titleSpan: ClosedRange<Double>?

    func draw(on b: DrawingBackend) {
        let plot = frame.plot, axes = frame.axes, t = frame.transform
        if let bg = axes.background { b.fill(.rect(plot), color: bg) }
        if axes.showsGrid { drawGrid(on: b) }
        b.save()
        if axes.clipsMarks { b.clip(to: plot) }
        for mark in axes.marks { mark.draw(on: b, in: t) }
        b.restore()
        for mark in axes.marks { mark.drawOverlay(on: b, in: t) }
        for a in axes.annotations { a.draw(on: b, in: t, style: style) }
        if axes.showsFrame {
            b.stroke(.rect(plot), style: StrokeStyle(color: style.frameColor, width: style.frameWidth, join: .miter))
            drawXAxis(on: b)
            drawYAxis(on: b)
        }
        drawTitle(on: b)
        if let cb = axes.colorbar, let ticks = frame.colorbarTicks { _ = drawColorbar(cb, ticks: ticks, on: b) }
        if let legend = frame.legend, let box = legendBox(on: b) { legend.draw(on: b, in: box) }
    }

    /// Where the legend box goes, or nil without a legend.
    func legendBox(on b: DrawingBackend) -> Rect? {
        guard let legend = frame.legend, let placement = frame.legendPlacement else { return nil }
        var outsideX = frame.plot.maxX + style.colorbarGap
        if let cb = frame.axes.colorbar {
            outsideX += style.colorbarWidth + style.majorTickLength + style.textPad + frame.colorbarTextWidth
            if let l = cb.label { outsideX += style.textPad + ChartText.height(l, on: b, size: style.axisLabelSize) }
            outsideX += style.colorbarGap
        }
        let span = frame.rowSpan
        return legend.rect(placement, plot: frame.plot, outsideX: outsideX, belowY: frame.plot.maxY + frame.legendBelowOffset,
                           belowX: (span.lowerBound + span.upperBound) / 2)
    }

    private func drawGrid(on b: DrawingBackend) {
        let plot = frame.plot, t = frame.transform
        let s = StrokeStyle(color: style.gridColor, width: style.gridWidth)
        for v in frame.xTicks.values {
            let x = t.deviceX(v)
            b.stroke(.polyline([Point(x, plot.minY), Point(x, plot.maxY)]), style: s)
        }
        for v in frame.yTicks.values {
            let y = t.deviceY(v)
            b.stroke(.polyline([Point(plot.minX, y), Point(plot.maxX, y)]), style: s)
        }
    }

    private var tickStroke: StrokeStyle { StrokeStyle(color: style.frameColor, width: style.frameWidth) }

    private func drawXAxis(on b: DrawingBackend) {
        let plot = frame.plot, t = frame.transform, tl = style.majorTickLength, pad = style.textPad
        // Axes that hide their tick labels draw no tick marks either: a tick without a number says nothing.
        let marks = frame.axes.showsXTickLabels
        for tick in frame.xTicks.major {
            let x = t.deviceX(tick.value)
            if marks { b.stroke(.polyline([Point(x, plot.maxY), Point(x, plot.maxY + tl)]), style: tickStroke) }
            if frame.showsXLabels {
                ChartText.draw(tick.label, on: b, at: Point(x, plot.maxY + tl + pad), size: style.tickLabelSize,
                               color: style.textColor, anchor: .topCenter)
            }
        }
        for v in frame.xTicks.minor where marks {
            let x = t.deviceX(v)
            b.stroke(.polyline([Point(x, plot.maxY), Point(x, plot.maxY + style.minorTickLength)]), style: tickStroke)
        }
        var rowY = plot.maxY + tl
        if frame.showsXLabels && !frame.xTicks.major.isEmpty { rowY += pad + frame.xTickTextHeight }
        rowY += pad
        if let l = frame.xTitle {
            ChartText.draw(l, on: b, at: Point(plot.center.x, rowY), size: style.axisLabelSize, color: style.textColor, anchor: .topCenter)
        }
        if frame.showsXLabels, let mult = frame.xTicks.multiplier {
            ChartText.draw(mult, on: b, at: Point(plot.maxX, rowY), size: style.tickLabelSize, color: style.textColor, anchor: .topRight)
        }
    }

    private func drawYAxis(on b: DrawingBackend) {
        let plot = frame.plot, t = frame.transform, tl = style.majorTickLength, pad = style.textPad
        let marks = frame.axes.showsYTickLabels
        for tick in frame.yTicks.major {
            let y = t.deviceY(tick.value)
            if marks { b.stroke(.polyline([Point(plot.minX, y), Point(plot.minX - tl, y)]), style: tickStroke) }
            if frame.showsYLabels {
                ChartText.draw(tick.label, on: b, at: Point(plot.minX - tl - pad, y), size: style.tickLabelSize,
                               color: style.textColor, anchor: .middleRight)
            }
        }
        for v in frame.yTicks.minor where marks {
            let y = t.deviceY(v)
            b.stroke(.polyline([Point(plot.minX, y), Point(plot.minX - style.minorTickLength, y)]), style: tickStroke)
        }
        if let l = frame.yTitle {
            var x = plot.minX - tl - pad
            if frame.showsYLabels && !frame.yTicks.major.isEmpty { x -= frame.yTickTextWidth + pad }
            ChartText.draw(l, on: b, at: Point(x, plot.center.y), size: style.axisLabelSize, color: style.textColor,
                           anchor: .bottomCenter, angle: Double.pi / 2)
        }
        if frame.showsYLabels, let mult = frame.yTicks.multiplier {
            ChartText.draw(mult, on: b, at: Point(plot.minX, plot.minY - pad), size: style.tickLabelSize,
                           color: style.textColor, anchor: .bottomLeft)
        }
    }

    private func drawTitle(on b: DrawingBackend) {
        guard let title = frame.axes.title else { return }
        let plot = frame.plot, pad = style.textPad
        var y = plot.minY - 2 * pad
        if frame.showsYLabels, let mult = frame.yTicks.multiplier {
            y -= pad + ChartText.height(mult, on: b, size: style.tickLabelSize)
        }
        // A title wider than its plot is shifted, never cut, at the page's edges.
        let half = ChartText.measure(title, on: b, size: style.titleSize).width / 2
        let centre = titleSpan.map { ($0.lowerBound + $0.upperBound) / 2 } ?? plot.center.x
        let x = Self.titleX(centre: centre, halfWidth: half, page: b.pageSize.width, margin: pad)
        ChartText.draw(title, on: b, at: Point(x, y), size: style.titleSize, color: style.textColor, anchor: .bottomCenter)
    }

    /// Where a title `2 · halfWidth` wide, meant to be centred at `centre`, is drawn: there, or shifted
    /// to stay `margin` inside a page `page` wide, or centred on the page when it is wider than that.
    static func titleX(centre: Double, halfWidth half: Double, page: Double, margin: Double) -> Double {
        half * 2 + 2 * margin >= page ? page / 2 : min(max(centre, half + margin), page - half - margin)
    }

    /// Draws the colorbar; returns the x where anything further right may start.
    private func drawColorbar(_ cb: Colorbar, ticks: TickSet, on b: DrawingBackend) -> Double {
        let plot = frame.plot, tl = style.majorTickLength, pad = style.textPad
        let bar = Rect(x: plot.maxX + style.colorbarGap, y: plot.minY, width: style.colorbarWidth, height: plot.height)
        let n = 256
        var rgba: [Double] = []
        rgba.reserveCapacity(4 * n)
        for i in 0..<n {
            let c = cb.scale.colormap(1 - (Double(i) + 0.5) / Double(n))
            rgba += [c.r, c.g, c.b, c.a]
        }
        b.drawImage(rgba: rgba, pixelWidth: 1, pixelHeight: n, in: bar, smooth: true)
        b.stroke(.rect(bar), style: StrokeStyle(color: style.frameColor, width: style.frameWidth))
        let scale = cb.scale.axisScale
        for tick in ticks.major {
            let y = bar.maxY - scale.normalized(tick.value) * bar.height
            b.stroke(.polyline([Point(bar.maxX, y), Point(bar.maxX + tl, y)]), style: tickStroke)
            ChartText.draw(tick.label, on: b, at: Point(bar.maxX + tl + pad, y), size: style.tickLabelSize,
                           color: style.textColor, anchor: .middleLeft)
        }
        for v in ticks.minor {
            let y = bar.maxY - scale.normalized(v) * bar.height
            b.stroke(.polyline([Point(bar.maxX, y), Point(bar.maxX + style.minorTickLength, y)]), style: tickStroke)
        }
        if let mult = ticks.multiplier {
            ChartText.draw(mult, on: b, at: Point(bar.minX, bar.minY - pad), size: style.tickLabelSize,
                           color: style.textColor, anchor: .bottomLeft)
        }
        var right = bar.maxX + tl + pad + frame.colorbarTextWidth
        if let l = cb.label {
            ChartText.draw(l, on: b, at: Point(right + pad, bar.center.y), size: style.axisLabelSize, color: style.textColor,
                           anchor: .topCenter, angle: Double.pi / 2)
            right += pad + ChartText.height(l, on: b, size: style.axisLabelSize)
        }
        return right + style.colorbarGap
    }
}
