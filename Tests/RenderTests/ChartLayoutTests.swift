import Testing
@testable import Render

@Suite struct ChartLayoutTests {
    @Test func marksAreClippedToThePlotArea() throws {
        let f = Figure(width: 300, height: 200)
        let c = Color(hex: 0xabcdef)
        f[0, 0].add(LineSeries(x: [0, 1, 2], y: [0, 5, 1], style: LineStyle(color: c)))
        f[0, 0].yLimits = (0, 2)
        let rec = RecordingBackend(width: 300, height: 200)
        let plot = f.plotRects(on: rec)[0]
        f.render(on: rec)
        let clips = rec.operations.compactMap { op -> Rect?? in
            if case let .stroke(_, s, clip) = op, s.color == c { return clip } else { return nil }
        }
        #expect(clips == [plot])
        // The frame and tick labels are drawn unclipped.
        #expect(rec.operations.contains { if case let .text(_, _, _, _, _, _, clip) = $0 { return clip == nil } else { return false } })
    }

    @Test func colorbarTicksMatchTheScale() throws {
        let f = Figure(width: 400, height: 300)
        let scale = ColorScale(lower: 0, upper: 27, map: .viridis)
        f[0, 0].add(Heatmap(values: [[0, 27], [13, 5]], x: 0...1, y: 0...1, scale: scale))
        f[0, 0].addColorbar(label: "speed")
        let rec = RecordingBackend(width: 400, height: 300)
        let plot = f.plotRects(on: rec)[0]
        f.render(on: rec)
        let bar = Rect(x: plot.maxX + f.style.colorbarGap, y: plot.minY, width: f.style.colorbarWidth, height: plot.height)
        let expected = TickLocator.linear(0, 27, target: max(3, min(9, Int(plot.height / 42))))
        #expect(expected.labels == ["0", "5", "10", "15", "20", "25"])
        for label in expected.labels { #expect(rec.texts.contains(label)) }
        let tickYs = rec.operations.compactMap { op -> Double? in
            if case let .stroke(p, _, _) = op, p.elements.count == 2, case let .move(a)? = p.elements.first,
               abs(a.x - bar.maxX) < 1e-9 { return a.y }
            return nil
        }
        let want = expected.values.map { bar.maxY - $0 / 27 * bar.height }
        #expect(tickYs.count == want.count)
        for (a, b) in zip(tickYs, want) { #expect(abs(a - b) < 1e-9) }
        #expect(rec.texts.contains("speed"))
        // The bar image sits exactly in the bar rectangle.
        #expect(rec.operations.contains { if case let .image(1, 256, r, _) = $0 { return r == bar } else { return false } })
    }

    @Test func equalAspectGivesEqualPointsPerUnit() throws {
        let f = Figure(width: 500, height: 300)
        f[0, 0].xLimits = (0, 10); f[0, 0].yLimits = (-1, 1)
        f[0, 0].equalAspect = true
        let rec = RecordingBackend(width: 500, height: 300)
        let t = f.transforms(on: rec)[0]
        let ppu = t.pointsPerUnit(at: 0, 0)
        #expect(abs(ppu.x - ppu.y) < 1e-9)
        f[0, 0].equalAspect = false
        let free = f.transforms(on: rec)[0]
        #expect(free.pointsPerUnit(at: 0, 0).y > 2 * free.pointsPerUnit(at: 0, 0).x)
        // Shrunk box centred where the free one was.
        #expect(abs(t.plot.center.y - free.plot.center.y) < 1e-9)
        #expect(t.plot.height < 0.5 * free.plot.height)
    }

    @Test func gridOfAxesDoesNotOverlapAndSharesX() throws {
        let f = Figure(width: 500, height: 400, rows: 2, columns: 2, sharedX: true)
        for (i, ax) in f.axes.enumerated() {
            ax.add(LineSeries(x: [0, Double(i + 1)], y: [0, 1000 * Double(i)], style: LineStyle(color: .black)))
            ax.title = "panel \(i)"
            ax.yLabel = "value"
            ax.xLabel = "time t"
        }
        f.suptitle = "Four panels"
        let rec = RecordingBackend(width: 500, height: 400)
        let ts = f.transforms(on: rec)
        for i in ts.indices { for j in ts.indices where i < j { #expect(!ts[i].plot.intersects(ts[j].plot)) } }
        #expect(Set(ts.map { $0.x.lower }).count == 1 && Set(ts.map { $0.x.upper }).count == 1)
        f.render(on: rec)
        // Text boxes (recording metrics: 0.6 em per character) never overlap a plot they do not belong to and stay on the page.
        for op in rec.operations {
            guard case let .text(s, o, size, _, _, angle, _) = op, angle == 0 else { continue }
            let box = Rect(x: o.x, y: o.y - 0.76 * size, width: 0.6 * size * Double(s.count), height: size)
            #expect(box.minX >= 0 && box.maxX <= 500 && box.minY >= 0 && box.maxY <= 400, "\(s) off the page")
            for t in ts { #expect(!box.inset(by: 0.5).intersects(t.plot), "\(s) overlaps a plot") }
        }
        // Only the bottom row shows x tick labels: the top panels' x ticks are unlabelled.
        let topPlot = ts[0].plot
        let under = rec.operations.filter {
            if case let .text(_, o, _, _, _, _, _) = $0 { return o.y > topPlot.maxY && o.y < topPlot.maxY + 20 && o.x > topPlot.minX && o.x < topPlot.maxX }
            return false
        }
        #expect(under.isEmpty)
    }

    @Test func logAxisDrawsDecadesAndMinorTicks() throws {
        let f = Figure(width: 400, height: 300)
        let ax = f[0, 0]
        ax.yScale = .log
        ax.yLimits = (1e-3, 1e2)
        ax.xLimits = (0, 1)
        ax.add(LineSeries(x: [0, 0.5, 1], y: [1e-3, 1, 1e2], style: LineStyle(color: .black)))
        let rec = RecordingBackend(width: 400, height: 300)
        let t = f.transforms(on: rec)[0]
        f.render(on: rec)
        // The line's middle point (y = 1) lands halfway up the plot: log mapping.
        #expect(abs(t.deviceY(1) - (t.plot.maxY - 0.6 * t.plot.height)) < 1e-9)
        // Major ticks 10^-3 … 10^2 (6) and 4·8 + … minor ticks, all on the left edge.
        let leftTicks = rec.operations.compactMap { op -> Double? in
            if case let .stroke(p, _, _) = op, p.elements.count == 2, case let .move(a)? = p.elements.first,
               case let .line(b)? = p.elements.last, a.x == t.plot.minX, b.x < a.x { return a.x - b.x }
            return nil
        }
        #expect(leftTicks.filter { abs($0 - f.style.majorTickLength) < 1e-9 }.count == 6)
        #expect(leftTicks.filter { abs($0 - f.style.minorTickLength) < 1e-9 }.count == 40)
    }

    @Test func annotationsAreInDataCoordinates() throws {
        let f = Figure(width: 300, height: 300)
        f[0, 0].xLimits = (0, 1); f[0, 0].yLimits = (0, 1)
        f[0, 0].annotate(.text("fixed point", at: (0.5, 0.5)))
        f[0, 0].annotate(.arrow(from: (0.2, 0.2), to: (0.5, 0.5), color: Color(hex: 0x00aa00)))
        let rec = RecordingBackend(width: 300, height: 300)
        let t = f.transforms(on: rec)[0]
        f.render(on: rec)
        let origin = rec.operations.compactMap { if case let .text("fixed point", o, _, _, _, _, _) = $0 { return o } else { return nil } }.first
        let p = t.point(0.5, 0.5)
        #expect(origin.map { abs($0.x - p.x) < 1e-9 && $0.y < p.y } == true)
        let head = rec.operations.compactMap { if case let .fill(path, c, _) = $0, c == Color(hex: 0x00aa00) { return path } else { return nil } }
        #expect(head.first?.elements.first == .move(p))
    }
}
