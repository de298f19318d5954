import Testing
@testable import Render

@Suite struct StreamlineTests {
    func transform(_ x: (Double, Double), _ y: (Double, Double), plot: Rect = Rect(x: 40, y: 20, width: 300, height: 300)) -> DataTransform {
        DataTransform(plot: plot, x: AxisScale(lower: x.0, upper: x.1), y: AxisScale(lower: y.0, upper: y.1))
    }

    static func distance(_ p: Point, _ a: Point, _ b: Point) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let l2 = dx * dx + dy * dy
        let t = l2 > 0 ? min(1, max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2)) : 0
        let ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y
        return (ex * ex + ey * ey).squareRoot()
    }

    /// The smallest distance from a point of one line to a segment of another.
    static func closestApproach(_ lines: [Streamline]) -> Double {
        var best = Double.infinity
        for (i, a) in lines.enumerated() {
            for (j, b) in lines.enumerated() where i != j {
                for p in a.points {
                    for k in b.points.indices.dropFirst() { best = min(best, distance(p, b.points[k - 1], b.points[k])) }
                }
            }
        }
        return best
    }

    @Test func linesKeepTheirSeparation() {
        let s = Streamlines(field: { x, y in (y, (1 - x * x) * y - x) }, density: 0.8)
        let t = transform((-3, 3), (-3, 3))
        let lines = s.lines(in: t)
        let sep = s.resolvedSeparation(in: t)
        #expect(lines.count > 15)
        #expect(StreamlineTests.closestApproach(lines) > 0.4 * sep)
        // Lines cover the plot: total length about plot area / separation.
        let total = lines.reduce(0) { $0 + $1.length }
        #expect(total > 0.5 * 300 * 300 / sep)
        for l in lines { for p in l.points { #expect(t.plot.contains(p)) } }
    }

    @Test func spacingFollowsDensity() {
        let field: (Double, Double) -> (Double, Double) = { _, _ in (1, 0.3) }
        let t = transform((0, 1), (0, 1))
        let sparse = Streamlines(field: field, density: 0.5).lines(in: t).count
        let dense = Streamlines(field: field, density: 1.5).lines(in: t).count
        #expect(dense > 2 * sparse)
    }

    @Test func circularFieldCloses() throws {
        let s = Streamlines(field: { x, y in (-y, x) }, seeds: [(1, 0)])
        let t = transform((-2, 2), (-2, 2))
        let first = try #require(s.lines(in: t).first)
        #expect(first.closed)
        #expect(first.points.first == first.points.last)
        // Every point lies on the unit circle (radius 75 pt here) to within a small fraction of a point.
        let c = t.point(0, 0)
        for p in first.points {
            let r = ((p.x - c.x) * (p.x - c.x) + (p.y - c.y) * (p.y - c.y)).squareRoot()
            #expect(abs(r - 75) < 0.05)
        }
        // No overlap stub: the traced length is one circumference.
        #expect(abs(first.length - 2 * Double.pi * 75) < 1)
    }

    @Test func closedLineIsDrawnAsAClosedPath() throws {
        let s = Streamlines(field: { x, y in (-y, x) }, style: LineStyle(color: Color(hex: 0x00ff00), width: 1), seeds: [(1, 0)])
        let t = transform((-2, 2), (-2, 2))
        let rec = RecordingBackend(width: 400, height: 400)
        s.draw(on: rec, in: t)
        let strokes = rec.operations.compactMap { if case let .stroke(p, st, _) = $0, st.color == Color(hex: 0x00ff00) { return p } else { return nil } }
        #expect(strokes.first?.elements.last == .close)
        // One arrow head per line.
        let heads = rec.operations.filter { if case .fill = $0 { return true } else { return false } }
        #expect(heads.count == s.lines(in: t).count)
    }

    /// A Van der Pol field (μ = 1): curved lines, a limit cycle, fast and slow parts.
    static let vanDerPol: @Sendable (Double, Double) -> (Double, Double) = { x, y in (y, (1 - x * x) * y - x) }

    @Test func simplifiedStrokeStaysWithinTolerance() {
        let t = transform((-3, 3), (-3, 3))
        var dropped = 0, total = 0
        for line in Streamlines(field: Self.vanDerPol).lines(in: t) {
            let kept = PolylineTools.simplified(line.points, tolerance: Streamlines.simplifyTolerance)
            #expect(kept.first == line.points.first && kept.last == line.points.last)
            dropped += line.points.count - kept.count
            total += line.points.count
            // Every traced point lies within the tolerance of the simplified polyline.
            let worst = line.points.map { p in
                kept.indices.dropFirst().map { Self.distance(p, kept[$0 - 1], kept[$0]) }.min() ?? 0
            }.max() ?? 0
            #expect(worst <= Streamlines.simplifyTolerance + 1e-12)
        }
        // The integrator's steps are short, so straight stretches lose many points.
        #expect(dropped > total / 10)
    }

    @Test func strokesAreTheSimplifiedLines() throws {
        let s = Streamlines(field: Self.vanDerPol, style: LineStyle(color: Color(hex: 0xBDBDBD), width: 0.7), arrowSize: 4.2)
        let t = transform((-3, 3), (-3, 3))
        let rec = RecordingBackend(width: 400, height: 400)
        s.draw(on: rec, in: t)
        let strokes = rec.operations.compactMap { if case let .stroke(p, _, _) = $0 { return p } else { return nil } }
        let lines = s.lines(in: t)
        #expect(strokes.count == lines.count)
        var drawnTotal = 0
        for (path, line) in zip(strokes, lines) {
            let drawn = path.elements.compactMap { e -> Point? in
                switch e {
                case .move(let p), .line(let p): return p
                default: return nil
                }
            }
            // Every drawn vertex is a traced point (a closed line drops its repeated last point).
            #expect(Set(drawn.map { [$0.x, $0.y] }).isSubset(of: Set(line.points.map { [$0.x, $0.y] })))
            drawnTotal += drawn.count
        }
        #expect(drawnTotal < lines.reduce(0) { $0 + $1.points.count } * 9 / 10)
    }

    @Test func linesStopAtAStableNode() {
        let s = Streamlines(field: { x, y in (-x, -2 * y) })
        let t = transform((-1, 1), (-1, 1))
        let lines = s.lines(in: t)
        #expect(!lines.isEmpty)
        let limit = 40 * 600.0
        #expect(lines.allSatisfy { $0.length < limit && !$0.closed })
    }

    @Test func streamlinesRespectUnequalScales() throws {
        // Along y = 0.1 x in data space; x spans 10, y spans 1, so on the page the lines run at 45°.
        let s = Streamlines(field: { _, _ in (1, 0.1) })
        let t = transform((0, 10), (0, 1))
        let line = try #require(s.lines(in: t).max { $0.length < $1.length })
        let a = line.points[0], b = line.points[line.points.count - 1]
        #expect(abs(abs(b.x - a.x) - abs(b.y - a.y)) < 1e-6 * line.length)
    }

    @Test func colourBySpeedUsesTheScale() {
        let scale = ColorScale(lower: 0, upper: 2, colormap: { Color(r: $0, g: 1 - $0, b: 0.5) })
        let s = Streamlines(field: { x, _ in (1 + x, 0) }, speedScale: scale)
        let t = transform((0, 1), (0, 1))
        let rec = RecordingBackend(width: 400, height: 400)
        s.draw(on: rec, in: t)
        let colours = Set(rec.operations.compactMap { if case let .stroke(_, st, _) = $0 { return st.color } else { return nil } })
        #expect(colours.count > 10)
        #expect(colours.allSatisfy { $0.b == 0.5 && $0.r >= 0.5 - 0.02 && $0.r <= 1 })
    }
}
