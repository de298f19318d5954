import Testing
@testable import Render

@Suite("Titles: one style")
struct TitleStyleTests {
    @Test func sentenceCaseWithoutFullStop() {
        #expect(TitleStyle.problems("Loss curves").isEmpty)
        #expect(TitleStyle.problems("x(t): slow drifts").isEmpty)
        #expect(TitleStyle.problems("t = 0.5").isEmpty)
        #expect(TitleStyle.problems("dL/dw_{2}: four ways").isEmpty)
        #expect(TitleStyle.problems("dopri5, rtol 10^{-6}").isEmpty)
        #expect(TitleStyle.problems("(x, a): MSE 0.1").isEmpty)
        #expect(TitleStyle.problems("loss curves").count == 1)
        #expect(TitleStyle.problems("held-out error").count == 1)
        #expect(TitleStyle.problems("Loss curves.").count == 1)
        #expect(TitleStyle.problems("Loss curves:").count == 1)
        #expect(TitleStyle.problems(" Loss").count == 1)
        #expect(TitleStyle.problems("") == ["an empty title"])
    }

    @Test func aOnePanelFigureTitlesThePage() {
        let f = Figure(width: 300, height: 200)
        f[0, 0].title = "Van der Pol oscillator"
        #expect(f.titleProblems().count == 1)
        f.suptitle = f[0, 0].title
        f[0, 0].title = nil
        #expect(f.titleProblems().isEmpty)
        let g = Figure(width: 300, height: 200, rows: 1, columns: 2)
        g.suptitle = "Two panels"
        g[0, 0].title = "Forward"
        g[0, 1].title = "adjoint"
        #expect(g.titleProblems().count == 1)
    }

    /// On the recording backend: the figure title at the suptitle size centred on the page, each
    /// panel title at the title size centred over its plot, above it.
    @Test func titlesAreDrawnInOnePlaceAndSize() throws {
        let f = Figure(width: 400, height: 300, rows: 1, columns: 2)
        f.suptitle = "Figure"
        f[0, 0].title = "Left"
        f[0, 1].title = "Right"
        for ax in f.axes { ax.xLimits = (0, 1); ax.yLimits = (0, 1) }
        let rec = RecordingBackend(width: 400, height: 300)
        let plots = f.plotRects(on: rec)
        f.render(on: rec)
        func run(_ s: String) -> (origin: Point, size: Double)? {
            for case let .text(t, origin, size, _, _, _, _) in rec.operations where t == s { return (origin, size) }
            return nil
        }
        let top = try #require(run("Figure"))
        #expect(top.size == f.style.suptitleSize)
        let w = rec.measure("Figure", size: top.size, font: .regular).width
        #expect(abs(top.origin.x + w / 2 - 200) < 1e-6)
        for (name, plot) in zip(["Left", "Right"], plots) {
            let t = try #require(run(name))
            #expect(t.size == f.style.titleSize)
            let tw = rec.measure(name, size: t.size, font: .regular).width
            #expect(abs(t.origin.x + tw / 2 - plot.center.x) < 1e-6)
            #expect(t.origin.y < plot.minY && t.origin.y > top.origin.y)
        }
    }

    /// Hidden tick labels hide the tick marks: no short strokes leave the plot's left edge.
    @Test func hiddenTickLabelsDrawNoTicks() {
        func leftTicks(_ shows: Bool) -> Int {
            let f = Figure(width: 300, height: 200)
            f[0, 0].xLimits = (0, 1); f[0, 0].yLimits = (0, 1)
            f[0, 0].showsYTickLabels = shows
            let rec = RecordingBackend(width: 300, height: 200)
            let plot = f.plotRects(on: rec)[0]
            f.render(on: rec)
            return rec.operations.filter { op in
                if case let .stroke(p, _, _) = op, p.elements.count == 2, case let .move(a)? = p.elements.first,
                   case let .line(b)? = p.elements.last, abs(a.x - plot.minX) < 1e-9, b.x < a.x, abs(a.y - b.y) < 1e-9 { return true }
                return false
            }.count
        }
        #expect(leftTicks(true) >= 3)
        #expect(leftTicks(false) == 0)
    }
}
