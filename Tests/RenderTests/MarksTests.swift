import Testing
@testable import Render

@Suite struct MarksTests {
    let t = DataTransform(plot: Rect(x: 0, y: 0, width: 200, height: 200),
                          x: AxisScale(lower: -2, upper: 2), y: AxisScale(lower: -2, upper: 2))

    func strokes(_ rec: RecordingBackend) -> [(Path, StrokeStyle)] {
        rec.operations.compactMap { if case let .stroke(p, s, _) = $0 { return (p, s) } else { return nil } }
    }

    @Test func contourOfACircleIsOneClosedLoopAtTheRadius() throws {
        let c = Contour(sampling: { x, y in x * x + y * y }, x: -2...2, y: -2...2, nx: 81, ny: 81, levels: [1])
        let lines = c.lines
        #expect(lines.count == 1)
        let loop = try #require(lines.first)
        #expect(loop.closed)
        #expect(loop.x.first == loop.x.last && loop.y.first == loop.y.last)
        #expect(loop.x.count > 100)
        for (x, y) in zip(loop.x, loop.y) { #expect(abs((x * x + y * y).squareRoot() - 1) < 2e-3) }
    }

    @Test func contourLevelsComeFromTheTickAlgorithm() {
        let c = Contour(sampling: { x, y in x * x + y * y }, x: -2...2, y: -2...2)
        #expect(c.levels == [1, 2, 3, 4, 5, 6, 7])
        let closed = c.lines.filter(\.closed).map(\.level)
        #expect(closed == [1, 2, 3, 4])
        #expect(c.lines.filter { $0.level == 5 }.count == 4)
    }

    /// First and last point of a line, rounded to thirds.
    static func endpoints(_ l: ContourLine) -> [Double] {
        let raw: [Double] = [l.x.first ?? .nan, l.y.first ?? .nan, l.x.last ?? .nan, l.y.last ?? .nan]
        return raw.map { v in (v * 3).rounded() / 3 }
    }

    @Test func saddleFollowsTheAsymptoticDecider() {
        // bl = 2, br = −1, tr = 2, tl = −1: the bilinear saddle value is (4 − 1)/6 = 0.5 > 0,
        // so the high corners connect and the two lines cut off the low corners br and tl.
        let lines = MarchingSquares.lines(x: [0, 1], y: [0, 1], z: [[2, -1], [-1, 2]], level: 0)
        #expect(lines.count == 2)
        let ends = Set(lines.map(MarksTests.endpoints))
        // Around br (1, 0): bottom edge at x = 2/3 and right edge at y = 1/3; around tl (0, 1): top x = 1/3, left y = 2/3.
        let third = 1.0 / 3, twoThirds = 2.0 / 3
        let brCut: Set<[Double]> = [[twoThirds, 0, 1, third], [1, third, twoThirds, 0]]
        let tlCut: Set<[Double]> = [[third, 1, 0, twoThirds], [0, twoThirds, third, 1]]
        #expect(!ends.isDisjoint(with: brCut) && !ends.isDisjoint(with: tlCut))
        // Flip the saddle value below the level: the lines now cut off bl and tr.
        let other = MarchingSquares.lines(x: [0, 1], y: [0, 1], z: [[1, -2], [-2, 1]], level: 0)
        let ends2 = Set(other.map(MarksTests.endpoints))
        #expect(ends2.isDisjoint(with: brCut))
    }

    @Test func nanBreaksALine() {
        let rec = RecordingBackend(width: 200, height: 200)
        LineSeries(x: [-1, -0.5, 0, 0.5, 1], y: [0, 1, .nan, 1, 0], style: LineStyle(color: .black)).draw(on: rec, in: t)
        let s = strokes(rec)
        #expect(s.count == 2)
        #expect(s.allSatisfy { $0.0.elements.count == 2 })
    }

    @Test func dashesDifferAndScaleWithWidth() {
        let solid = LineStyle(color: .black, width: 2).stroke
        let dashed = LineStyle(color: .black, width: 2, dash: .dashed).stroke
        let dotted = LineStyle(color: .black, width: 2, dash: .dotted).stroke
        #expect(solid.dash.isEmpty)
        #expect(dashed.dash == [8.4, 5.4])
        #expect(dotted.dash.first == 0 && dotted.cap == .round)
        #expect(LineStyle(color: .black, width: 4, dash: .dashed).stroke.dash[0] > dashed.dash[0])
    }

    @Test func markersHaveTheirShapes() {
        let rec = RecordingBackend(width: 200, height: 200)
        for shape in [MarkerShape.circle, .square, .triangle, .diamond] {
            LineSeries(x: [0], y: [0], style: LineStyle(color: .black), marker: MarkerStyle(shape, fill: .black)).draw(on: rec, in: t)
        }
        let fills = rec.operations.compactMap { if case let .fill(p, _, _) = $0 { return p.elements.count } else { return nil } }
        #expect(fills == [6, 5, 4, 5])   // 4 curves + move + close; 4-gon; triangle; diamond
    }

    @Test func heatmapMapsTheGridOntoItsDataRectangle() {
        let scale = ColorScale(lower: 0, upper: 1, map: .viridis)
        let h = Heatmap(values: [[0, 1, 0], [1, 0, 1]], x: -1...1, y: 0...2, scale: scale)
        let rec = RecordingBackend(width: 200, height: 200)
        h.draw(on: rec, in: t)
        #expect(rec.operations == [.image(pixelWidth: 3, pixelHeight: 2, rect: Rect(x: 50, y: 0, width: 100, height: 100), clip: nil)])
        let px = h.pixels()
        // Top row of the image is the last (highest-y) row of values.
        let top = scale.color(1)
        #expect(Array(px[0..<4]) == [top.r, top.g, top.b, top.a])
    }

    @Test func trajectoryColouredByTimeWithAStartMarker() throws {
        let scale = ColorScale(lower: 0, upper: 1, colormap: { Color(r: $0, g: 0, b: 0) })
        let n = 50
        let ts = (0..<n).map { Double($0) / Double(n - 1) }
        let tr = Trajectory(x: ts.map { $0 - 0.5 }, y: ts.map { $0 * $0 }, t: ts, style: LineStyle(color: .white, width: 2), timeScale: scale)
        let rec = RecordingBackend(width: 200, height: 200)
        tr.draw(on: rec, in: t)
        tr.drawOverlay(on: rec, in: t)
        let reds = strokes(rec).map(\.1.color.r)
        #expect(reds.count > 20)
        #expect(reds == reds.sorted())                 // later segments are later colours
        let marker = try #require(rec.operations.compactMap { if case let .fill(p, _, _) = $0 { return p } else { return nil } }.first)
        // The start marker is a circle centred on the first point.
        let c = t.point(-0.5, 0)
        if case let .move(p)? = marker.elements.first { #expect(abs(p.x - (c.x + 3.2)) < 1e-9 && abs(p.y - c.y) < 1e-9) }
    }

    @Test func fillBetweenMakesOneClosedOutline() {
        let rec = RecordingBackend(width: 200, height: 200)
        FillBetween(x: [0, 1, 2], upper: [1, 1.5, 1], lower: [0, 0, 0], color: Color(hex: 0x88ccee)).draw(on: rec, in: t)
        let fills = rec.operations.compactMap { if case let .fill(p, _, _) = $0 { return p } else { return nil } }
        #expect(fills.count == 1 && fills[0].elements.count == 7 && fills[0].elements.last == .close)
    }
}
