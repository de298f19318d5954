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

    /// On the recording backend: a panel title too wide to stay centred over its plot on the page (it
    /// is shifted, as vdp-adjoint's were) is named once by `titleProblems(on:)`; one that fits is not,
    /// and without a backend widths are not judged.
    @Test func aPanelTitleThatCannotBeCentredIsReported() throws {
        let f = Figure(width: 400, height: 300, rows: 1, columns: 2)
        f.suptitle = "Two panels"
        for ax in f.axes { ax.xLimits = (0, 1); ax.yLimits = (0, 1) }
        f[0, 1].title = "Adjoint a(t) = ∂L/∂y(t), solved backward from t = 3; dotted: jumps"
        let rec = RecordingBackend(width: 400, height: 300)
        let plots = f.plotRects(on: rec)
        let wide = rec.measure(f[0, 1].title ?? "", size: f.style.titleSize, font: .regular).width
        #expect(wide > plots[1].width)
        let problems = f.titleProblems(on: rec)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("dotted: jumps") == true)
        #expect(f.titleProblems().isEmpty)
        // Drawn, it is indeed not centred over its plot.
        f.render(on: rec)
        var origin: Point?
        for case let .text(t, o, _, _, _, _, _) in rec.operations where t == f[0, 1].title { origin = o }
        let o = try #require(origin)
        #expect(abs(o.x + wide / 2 - plots[1].center.x) > 1)
        f[0, 1].title = "Adjoint a(t)"
        #expect(f.titleProblems(on: rec).isEmpty)
    }

    /// Two titles in a row that, centred over their spans, come within the text pad of each other:
    /// a row title over the middle and right plots and the right plot's own title.
    @Test func titlesThatRunIntoEachOtherAreReported() {
        let (f, rec, plots) = Self.row(of: 3, titled: "Three panels")
        f[0, 1].titleSpansRow = true
        let centre = (plots[1].minX + plots[2].maxX) / 2
        // The row title reaches to 12 pt short of the right plot's centre: it fits its row, and alone is fine.
        var middle = "Middle"
        while rec.measure(middle, size: f.style.titleSize, font: .regular).width / 2 < plots[2].center.x - centre - 12 { middle += " m" }
        f[0, 1].title = middle
        #expect(f.titleProblems(on: rec).isEmpty)
        f[0, 2].title = "Right"
        let problems = f.titleProblems(on: rec)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("run into each other") == true)
    }

    /// The strict rule: a panel title wider than its plot is reported even where, centred, it would
    /// stay on the page and clear of other titles; one that fits is not; a row title is held to its row.
    @Test func aPanelTitleWiderThanItsPlotIsReported() {
        let (f, rec, plots) = Self.row(of: 2, titled: "Two panels")
        func width(_ s: String) -> Double { rec.measure(s, size: f.style.titleSize, font: .regular).width }
        // Grown one word at a time until just wider than the left plot: still on the page, nothing beside it.
        var title = "Training loss"
        while width(title) <= plots[0].width { title += " w" }
        #expect(width(title) < plots[0].width + 20)
        f[0, 0].title = title
        let problems = f.titleProblems(on: rec)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("wider than its plot") == true)
        // One word shorter, it fits.
        f[0, 0].title = String(title.dropLast(2))
        #expect(width(f[0, 0].title ?? "") <= plots[0].width)
        #expect(f.titleProblems(on: rec).isEmpty)
        // Spanning the row, the too-wide title fits; wider than the row it does not.
        f[0, 0].title = title
        f[0, 0].titleSpansRow = true
        #expect(f.titleProblems(on: rec).isEmpty)
        var rowWide = title
        while width(rowWide) <= plots[1].maxX - plots[0].minX { rowWide += " w" }
        f[0, 0].title = rowWide
        #expect(f.titleProblems(on: rec).first?.contains("wider than its row") == true)
    }

    /// A row's title (`titleSpansRow`) is centred over its row's plots and judged against their width.
    @Test func aRowTitleIsCentredOverItsRow() throws {
        let f = Figure(width: 400, height: 300, rows: 1, columns: 2)
        f.suptitle = "Rows"
        for ax in f.axes { ax.xLimits = (0, 1); ax.yLimits = (0, 1) }
        let title = "Initial state (2, 0): mean squared error 0.00052"
        f[0, 0].title = title
        let rec = RecordingBackend(width: 400, height: 300)
        let plots = f.plotRects(on: rec)
        let wide = rec.measure(title, size: f.style.titleSize, font: .regular).width
        #expect(wide > plots[0].width && wide < plots[1].maxX - plots[0].minX)
        #expect(f.titleProblems(on: rec).count == 1)
        f[0, 0].titleSpansRow = true
        #expect(f.titleProblems(on: rec).isEmpty)
        f.render(on: rec)
        let origin = try #require(rec.operations.lazy.compactMap { op -> Point? in
            if case let .text(t, o, _, _, _, _, _) = op, t == title { return o } else { return nil }
        }.first)
        #expect(abs(origin.x + wide / 2 - (plots[0].minX + plots[1].maxX) / 2) < 1e-6)
    }

    /// A 600 × 300 figure of one row of `columns` empty unit plots under `suptitle`, the recording
    /// backend it is measured on, and its plots.
    static func row(of columns: Int, titled suptitle: String) -> (Figure, RecordingBackend, [Rect]) {
        let f = Figure(width: 600, height: 300, rows: 1, columns: columns)
        f.suptitle = suptitle
        for ax in f.axes { ax.xLimits = (0, 1); ax.yLimits = (0, 1) }
        let rec = RecordingBackend(width: 600, height: 300)
        return (f, rec, f.plotRects(on: rec))
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
