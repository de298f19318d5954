import Testing
@testable import Render

@Suite struct LegendTests {
    static let legendFill = Color.white.withAlpha(0.88)

    /// The legend box drawn on `rec` (its background fill).
    func legendBox(_ rec: RecordingBackend) throws -> Rect {
        let path = try #require(rec.operations.lazy.compactMap { op -> Path? in
            if case let .fill(p, c, _) = op, c == LegendTests.legendFill { return p } else { return nil }
        }.first)
        let pts = path.elements.compactMap { e -> Point? in
            switch e { case let .move(p), let .line(p): return p; default: return nil }
        }
        let xs = pts.map(\.x), ys = pts.map(\.y)
        let x0 = try #require(xs.min()), x1 = try #require(xs.max()), y0 = try #require(ys.min()), y1 = try #require(ys.max())
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// Points filling the square [a, a+0.4]² of the unit window, plus two points fixing the limits.
    func corner(_ a: (Double, Double)) -> (x: [Double], y: [Double]) {
        var xs = [0.0, 1.0], ys = [0.0, 1.0]
        for i in 0..<15 { for j in 0..<15 { xs.append(a.0 + 0.4 * Double(i) / 14); ys.append(a.1 + 0.4 * Double(j) / 14) } }
        return (xs, ys)
    }

    @Test(arguments: [(0.6, 0.6), (0.0, 0.6), (0.0, 0.0), (0.6, 0.0)])
    func legendAvoidsTheFilledCorner(_ at: (Double, Double)) throws {
        let f = Figure(width: 400, height: 300)
        let ax = f[0, 0]
        ax.xLimits = (0, 1); ax.yLimits = (0, 1)
        let d = corner(at)
        ax.add(Scatter(x: d.x, y: d.y, marker: MarkerStyle(.circle, size: 4, fill: .black), label: "samples"))
        ax.add(LineSeries(x: [0, 0.05], y: [0.5, 0.5], style: LineStyle(color: Color(hex: 0x0072B2)), label: "a short line"))
        ax.legend = .best
        let rec = RecordingBackend(width: 400, height: 300)
        let t = f.transforms(on: rec)[0]
        f.render(on: rec)
        let box = try legendBox(rec)
        #expect(t.plot.contains(Point(box.minX, box.minY)) && t.plot.contains(Point(box.maxX, box.maxY)))
        for (x, y) in zip(d.x, d.y) { #expect(!box.contains(t.point(x, y)), "legend covers (\(x), \(y))") }
        #expect(rec.texts.contains("samples") && rec.texts.contains("a short line"))
    }

    /// `.below`: under the x-axis title, centred on the plot and the plots to its right in its row,
    /// entries in as many columns as fit (read across), and the plot made shorter, not narrower.
    @Test func legendBelowSitsUnderTheRowInColumns() throws {
        let f = Figure(width: 500, height: 360, rows: 1, columns: 2)
        let names = ["first", "second", "third", "fourth"]
        for (k, name) in names.enumerated() {
            f[0, 0].add(LineSeries(x: [0, 1], y: [Double(k), Double(k)], style: LineStyle(color: .black), label: name))
        }
        for ax in f.axes { ax.xLabel = "t"; ax.xLimits = (0, 1); ax.yLimits = (0, 3) }
        let rec = RecordingBackend(width: 500, height: 360)
        let without = f.plotRects(on: rec)
        f[0, 0].legend = .below
        let plots = f.plotRects(on: rec)
        f.render(on: rec)
        let box = try legendBox(rec)
        #expect(plots[0].width == without[0].width && plots[0].height < without[0].height)
        let xTitle = try #require(rec.operations.lazy.compactMap { op -> Point? in
            if case let .text(t, o, _, _, _, _, _) = op, t == "t" { return o } else { return nil }
        }.first)
        #expect(box.minY > xTitle.y && box.maxY <= 360)
        #expect(abs(box.center.x - (plots[0].minX + plots[1].maxX) / 2) < 1e-6)
        // All four short names fit across the row: one row of entries, read left to right.
        let origins = names.compactMap { name in
            rec.operations.lazy.compactMap { op -> Point? in
                if case let .text(t, o, _, _, _, _, _) = op, t == name { return o } else { return nil }
            }.first
        }
        #expect(origins.count == 4)
        #expect(Set(origins.map { ($0.y * 1000).rounded() }).count == 1)
        #expect(zip(origins, origins.dropFirst()).allSatisfy { $0.x < $1.x })
        #expect(f.legendChecks(on: rec).allSatisfy { !$0.coversData })
    }

    @Test func legendGoesOutsideWhenDataIsEverywhere() throws {
        let f = Figure(width: 400, height: 300)
        let ax = f[0, 0]
        var xs: [Double] = [], ys: [Double] = []
        for i in 0...20 { for j in 0...20 { xs.append(Double(i) / 20); ys.append(Double(j) / 20) } }
        ax.add(Scatter(x: xs, y: ys, marker: MarkerStyle(.square, size: 3, fill: .black), label: "grid"))
        ax.legend = .best
        let rec = RecordingBackend(width: 400, height: 300)
        let t = f.transforms(on: rec)[0]
        f.render(on: rec)
        let box = try legendBox(rec)
        #expect(box.minX > t.plot.maxX)
        #expect(box.maxX <= 400)
    }

    @Test func entriesShowStyleMarkerAndColour() throws {
        let f = Figure(width: 400, height: 300)
        let ax = f[0, 0]
        let learned = LineStyle(color: Color(hex: 0xD55E00), width: 2, dash: .dashed)
        let truth = LineStyle(color: Color(hex: 0x0072B2), width: 2)
        ax.add(LineSeries(x: [0, 1], y: [0, 1], style: truth, label: "true"))
        ax.add(LineSeries(x: [0, 1], y: [1, 0], style: learned, marker: MarkerStyle(.triangle, fill: learned.color), label: "learned"))
        ax.legend = .upperCenter
        let rec = RecordingBackend(width: 400, height: 300)
        f.render(on: rec)
        let box = try legendBox(rec)
        let inBox = rec.operations.compactMap { op -> StrokeStyle? in
            if case let .stroke(p, s, _) = op, case let .move(a)? = p.elements.first, box.contains(a), p.elements.count == 2 { return s }
            return nil
        }
        #expect(inBox.map(\.color) == [truth.color, learned.color])
        #expect(inBox[0].dash.isEmpty && !inBox[1].dash.isEmpty)
        let triangles = rec.operations.filter { op in
            if case let .fill(p, c, _) = op, c == learned.color, p.elements.count == 4,
               case let .move(a)? = p.elements.first { return box.contains(a) }
            return false
        }
        #expect(triangles.count == 1)
    }
}
