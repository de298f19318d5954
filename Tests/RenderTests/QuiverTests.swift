import Testing
@testable import Render

@Suite struct QuiverTests {
    /// A one-axes figure with fixed limits and no text, laid out on a recorder.
    func layout(x: (Double, Double), y: (Double, Double), width: Double = 400, height: Double = 300,
                _ marks: [any Mark]) -> (Figure, RecordingBackend, DataTransform) {
        let f = Figure(width: width, height: height)
        f[0, 0].xLimits = x
        f[0, 0].yLimits = y
        for m in marks { f[0, 0].add(m) }
        let rec = RecordingBackend(width: width, height: height)
        let t = f.transforms(on: rec)[0]
        f.render(on: rec)
        return (f, rec, t)
    }

    func fills(_ rec: RecordingBackend, where keep: (Color) -> Bool) -> [Path] {
        rec.operations.compactMap { if case let .fill(p, c, _) = $0, keep(c) { return p } else { return nil } }
    }

    func vertices(_ p: Path) -> [Point] {
        p.elements.compactMap { if case let .move(q) = $0 { return q } else if case let .line(q) = $0 { return q } else { return nil } }
    }

    @Test func arrowsStayInsideThePlotForEveryPivot() throws {
        let red = Color(hex: 0xff0000)
        for pivot in [Quiver.Pivot.tail, .middle, .tip] {
            // Points on and near the border, strong field pointing outward everywhere.
            var xs: [Double] = [], ys: [Double] = []
            for i in 0...8 { for j in 0...8 { xs.append(-2 + 0.5 * Double(i)); ys.append(-2 + 0.5 * Double(j)) } }
            let q = Quiver(x: xs, y: ys, u: xs.map { 50 * $0 }, v: ys.map { 50 * $0 }, color: red, pivot: pivot)
            let (_, rec, t) = layout(x: (-2, 2), y: (-2, 2), [q])
            let arrows = fills(rec) { $0 == red }
            #expect(arrows.count > 40)
            for a in arrows {
                for p in vertices(a) { #expect(t.plot.contains(p), "pivot \(pivot): \(p) outside \(t.plot)") }
            }
        }
    }

    @Test func directionsFollowDataSpaceWithUnequalScales() throws {
        // x spans 10 units and y spans 1 on a 400×300 page: a unit of y is much longer on the page than a unit of x.
        let q = Quiver(x: [5], y: [0.5], u: [1], v: [0.1], pivot: .middle)
        let (_, _, t) = layout(x: (0, 10), y: (0, 1), [q])
        let a = try #require(q.arrows(in: t).first)
        let dx = a.tip.x - a.tail.x, dy = a.tip.y - a.tail.y
        // The data segment (5, 0.5) → (6, 0.6) on the page:
        let p0 = t.point(5, 0.5), p1 = t.point(6, 0.6)
        let ex = p1.x - p0.x, ey = p1.y - p0.y
        let cross = (dx * ey - dy * ex) / ((dx * dx + dy * dy).squareRoot() * (ex * ex + ey * ey).squareRoot())
        #expect(abs(cross) < 1e-12)
        #expect(dx * ex + dy * ey > 0)
        // and not along the naive (1, -0.1) page direction.
        let naive = abs(dx * -0.1 - dy * 1) / (dx * dx + dy * dy).squareRoot()
        #expect(naive > 0.5)
    }

    @Test func autoscaleMakesTheLongestArrowOneCell() throws {
        let field: (Double, Double) -> (Double, Double) = { x, y in (-y, x) }
        for n in [10, 20] {
            let q = Quiver.grid(x: -1...1, y: -1...1, nx: n, ny: n, field: field)
            let (_, _, t) = layout(x: (-1, 1), y: (-1, 1), [q])
            let longest = q.arrows(in: t).map { a in
                ((a.tip.x - a.tail.x) * (a.tip.x - a.tail.x) + (a.tip.y - a.tail.y) * (a.tip.y - a.tail.y)).squareRoot()
            }.max() ?? 0
            let cell = min(t.plot.width, t.plot.height) / Double(n)
            #expect(abs(longest - 0.9 * cell) < 1e-9, "n = \(n)")
        }
    }

    @Test func unitArrowsAreEqualAndColouredByMagnitude() throws {
        let scale = ColorScale(lower: 0, upper: 2, colormap: { Color(r: $0, g: 0, b: 1 - $0) })
        let q = Quiver(x: [0, 1], y: [0, 0], u: [0.5, 2], v: [0, 0], scale: scale, unitLength: true)
        let (_, rec, t) = layout(x: (-1, 2), y: (-1, 1), [q])
        let a = q.arrows(in: t)
        #expect(a.count == 2)
        #expect(abs((a[0].tip.x - a[0].tail.x) - (a[1].tip.x - a[1].tail.x)) < 1e-9)
        let colours = rec.operations.compactMap { if case let .fill(_, c, _) = $0, c.g == 0 { return c } else { return nil } }
        #expect(colours == [scale.color(0.5), scale.color(2)])
    }

    @Test func arrowHeadsAreFilledPolygonsWithAKey() {
        var q = Quiver(x: [0], y: [0], u: [1], v: [0], color: Color(hex: 0x123456))
        q.keyValue = 1
        q.keyLabel = "1 m/s"
        let (_, rec, _) = layout(x: (-1, 1), y: (-1, 1), [q])
        let arrows = fills(rec) { $0 == Color(hex: 0x123456) }
        #expect(arrows.count == 2)   // the arrow and its key
        #expect(arrows.allSatisfy { vertices($0).count == 7 && $0.elements.last == .close })
        #expect(rec.texts.contains("1 m/s"))
    }
}
