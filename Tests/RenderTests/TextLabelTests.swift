import Testing
@testable import Render

@Suite("Label layout")
struct TextLabelTests {
    func textOps(_ b: RecordingBackend) -> [(String, Point, Double, Double)] {
        b.operations.compactMap { op in
            if case let .text(s, origin, size, _, _, angle, _) = op { return (s, origin, size, angle) }
            return nil
        }
    }

    @Test func superscriptIsSmallerAndRaised() throws {
        let b = RecordingBackend(width: 200, height: 100)
        Label("x^2").draw(on: b, at: Point(10, 50), size: 10, color: .black)
        let ops = textOps(b)
        try #require(ops.count == 2)
        #expect(ops[0].0 == "x" && ops[0].1 == Point(10, 50) && ops[0].2 == 10)
        #expect(ops[1].0 == "2")
        #expect(abs(ops[1].2 - 7) < 1e-12)
        #expect(ops[1].1.y < 50 - 3)
        // The script starts where the base's advance (0.6 em in the recorder) ends.
        #expect(abs(ops[1].1.x - 16) < 1e-12)
        let m = Label("x^2").measure(on: b, size: 10)
        #expect(m.ascent > Label("x").measure(on: b, size: 10).ascent)
    }

    @Test func subscriptIsLoweredAndWidens() throws {
        let b = RecordingBackend(width: 200, height: 100)
        let plain = Label("f").measure(on: b, size: 10)
        let sub = Label("f_\\theta").measure(on: b, size: 10)
        #expect(sub.width > plain.width)
        #expect(sub.descent > plain.descent)
        Label("f_\\theta").draw(on: b, at: Point(0, 50), size: 10, color: .black)
        let ops = textOps(b)
        #expect(ops.map(\.0) == ["f", "θ"])
        #expect(ops[1].1.y > 50)
    }

    @Test func stackedScriptsShareTheirStart() throws {
        let b = RecordingBackend(width: 200, height: 100)
        Label("x_i^2").draw(on: b, at: Point(0, 50), size: 10, color: .black)
        let ops = textOps(b)
        try #require(ops.count == 3)
        #expect(ops[1].1.x == ops[2].1.x)
        #expect(abs(Label("x_i^2").measure(on: b, size: 10).width - (6 + 4.2)) < 1e-12)
    }

    @Test func dotIsAFilledCircleAboveTheGlyph() throws {
        let b = RecordingBackend(width: 200, height: 100)
        Label("\\dot{y}").draw(on: b, at: Point(20, 50), size: 10, color: .black)
        var circles: [Path] = []
        for op in b.operations { if case let .fill(p, _, _) = op { circles.append(p) } }
        try #require(circles.count == 1)
        guard case let .move(start)? = circles[0].elements.first else { Issue.record("empty dot path"); return }
        // Centre x over the glyph (20 + 6/2) plus the radius the path starts at; above the glyph's ascent.
        #expect(abs(start.x - (23 + 0.6)) < 1e-9)
        #expect(start.y < 50 - 7.6)
        #expect(Label("\\dot{y}").measure(on: b, size: 10).ascent > Label("y").measure(on: b, size: 10).ascent)
    }

    @Test(arguments: [
        (TextAnchor.baselineLeft, 0.0, 0.0), (.baselineCenter, -9.0, 0.0), (.baselineRight, -18.0, 0.0),
        (.topLeft, 0.0, 7.6), (.middleLeft, 0.0, 2.6), (.bottomLeft, 0.0, -2.4),
    ])
    func anchorsPlaceTheBox(anchor: TextAnchor, dx: Double, dy: Double) throws {
        let b = RecordingBackend(width: 200, height: 100)
        Label("abc").draw(on: b, at: Point(100, 50), size: 10, color: .black, anchor: anchor)
        let o = try #require(textOps(b).first).1
        #expect(abs(o.x - (100 + dx)) < 1e-9 && abs(o.y - (50 + dy)) < 1e-9)
    }

    @Test func rotatedLabelRunsUpward() throws {
        let b = RecordingBackend(width: 200, height: 100)
        Label("y^2").draw(on: b, at: Point(50, 50), size: 10, color: .black, angle: .pi / 2)
        let ops = textOps(b)
        try #require(ops.count == 2)
        // Rotated a quarter turn counter-clockwise, the superscript sits above the base and to its left.
        #expect(ops[1].1.y < ops[0].1.y - 5)
        #expect(ops[1].1.x < ops[0].1.x)
        #expect(ops.allSatisfy { $0.3 == .pi / 2 })
    }

    @Test func cairoMetricsFromTheDejaVuFile() throws {
        let b = try CairoBackend(format: .svg, size: PageSize(width: .pt(100), height: .pt(100)))
        let f = Label("f").measure(on: b, size: 10)
        let ftheta = Label("f_\\theta").measure(on: b, size: 10)
        #expect(ftheta.width > f.width)
        #expect(ftheta.descent > f.descent)
        #expect(Label("x^2").measure(on: b, size: 10).ascent > Label("x").measure(on: b, size: 10).ascent)
        // DejaVu Sans: 'x' is about 0.55 em tall, 'X' about 0.73 em.
        #expect(abs(b.measure("x", size: 100, font: .regular).ascent - 54.7) < 1.5)
        #expect(abs(b.measure("X", size: 100, font: .regular).ascent - 72.9) < 1.5)
        #expect(b.measure("MM", size: 10, font: .regular).width > b.measure("ii", size: 10, font: .regular).width)
        #expect(b.measure("abc", size: 10, font: FontStyle(bold: true)).width > b.measure("abc", size: 10, font: .regular).width)
    }

    @Test func textMetricsDoNotDependOnDPI() throws {
        let size = PageSize(width: .pt(100), height: .pt(100))
        let low = try CairoBackend(format: .png, size: size, dpi: 72)
        let high = try CairoBackend(format: .png, size: size, dpi: 300)
        let text = "Van der Pol, μ = 1"
        #expect(low.measure(text, size: 9, font: .regular) == high.measure(text, size: 9, font: .regular))
    }
}
