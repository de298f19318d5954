import Foundation
import NeuralODE
import Render
import Testing
@testable import Figures

@Suite struct PhasePortraitTests {
    /// The course figure, laid out and drawn on a recorder.
    private func drawn() throws -> (PhasePortrait<SystemField>, PhasePortrait<SystemField>.Data, Figure, RecordingBackend) {
        let portrait = try PhasePortrait.courseFigure()
        let data = try portrait.compute()
        let figure = portrait.layout(data, options: FigureOptions())
        let rec = RecordingBackend(width: figure.width, height: figure.height)
        figure.render(on: rec)
        return (portrait, data, figure, rec)
    }

    /// Every stroke with the clip in force (nil: unclipped).
    private func strokes(_ rec: RecordingBackend) -> [(Path, StrokeStyle, Rect?)] {
        rec.operations.compactMap { if case let .stroke(p, s, c) = $0 { return (p, s, c) } else { return nil } }
    }

    private func points(of path: Path) -> [Point] {
        path.elements.compactMap {
            switch $0 {
            case .move(let p), .line(let p): return p
            case .curve(_, _, let p): return p
            case .close: return nil
            }
        }
    }

    @Test func quiverArrowsStayInsideThePlot() throws {
        let (_, _, figure, rec) = try drawn()
        let t = try #require(figure.transforms(on: rec).first)
        let quivers = figure[0, 0].marks.compactMap { ($0 as? Clipped<Quiver>)?.inner }
        #expect(quivers.count == 1)
        let quiver = try #require(quivers.first)
        let arrows = quiver.arrows(in: t)
        // 21 × 21 cell centres; the one at the origin is the equilibrium (no direction, no arrow).
        #expect(arrows.count == 21 * 21 - 1)
        for a in arrows {
            #expect(t.plot.contains(a.tail) && t.plot.contains(a.tip))
        }
        // Unit-length arrows: the same device length except those shortened to stay inside the plot.
        let lengths = arrows.map { hypot($0.tip.x - $0.tail.x, $0.tip.y - $0.tail.y) }
        let longest = lengths.max() ?? 0
        #expect(longest > 0.8 * t.plot.width / 21 && longest < t.plot.width / 21)
        #expect(lengths.filter { abs($0 - longest) < 1e-9 }.count > arrows.count * 9 / 10)
    }

    @Test func colorbarShowsTheSpeedScale() throws {
        let (_, _, figure, rec) = try drawn()
        let bar = try #require(figure[0, 0].colorbar)
        #expect(bar.label == "speed |f(x, y)|")
        #expect(bar.scale.lower == 0)
        // The largest |f| is at the corners (−3, −3) and (3, 3): √(3² + ((1 − 9)(−3) + 3)²) = √738.
        #expect(abs(bar.scale.upper - 738.0.squareRoot()) < 1e-9)
        let images = rec.operations.filter { if case .image = $0 { return true } else { return false } }
        #expect(images.count == 1)
    }

    @Test func limitCycleIsOneClosedThickStrokeOverTheCurves() throws {
        let (_, data, figure, rec) = try drawn()
        let theme = Theme.standard
        let all = strokes(rec)
        // Marks clip themselves; the legend's sample lines are drawn unclipped.
        let cycles = all.enumerated().filter {
            $0.element.1.color == theme.limitCycle && $0.element.1.width == theme.thickLineWidth && $0.element.2 != nil
        }
        #expect(cycles.count == 1)
        let (index, (path, _, _)) = try #require(cycles.first)
        #expect(path.elements.last == .close)
        // Simplified for stroking, yet within 0.05 pt of every sample of the orbit.
        let stroked = points(of: path)
        let cycleData = try #require(data.limitCycle)
        #expect(stroked.count > 60 && stroked.count < cycleData.times.count)
        let t = try #require(figure.transforms(on: rec).first)
        for (x, y) in zip(cycleData.component(0), cycleData.component(1)) {
            let p = t.point(x, y)
            var best = Double.infinity
            for k in stroked.indices {
                let a = stroked[k], b = stroked[(k + 1) % stroked.count]
                let dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy
                let u = l2 > 0 ? min(1, max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2)) : 0
                best = min(best, hypot(a.x + u * dx - p.x, a.y + u * dy - p.y))
            }
            #expect(best <= 0.05 + 1e-9)
        }
        // Drawn after every solution curve (so curves that join it disappear under it).
        let curveIndices = all.enumerated().filter { theme.series.prefix(3).contains($0.element.1.color) && $0.element.2 != nil }
            .map(\.offset)
        #expect(curveIndices.count == 3)
        #expect(curveIndices.allSatisfy { $0 < index })
        let cycle = try #require(data.limitCycle)
        #expect(abs(cycle.period - 6.6632868593) < 1e-6)
    }

    @Test func threeCurvesDifferInColourDashAndMarker() throws {
        let (_, _, figure, rec) = try drawn()
        let curves = strokes(rec).filter { Theme.standard.series.prefix(3).contains($0.1.color) && $0.2 != nil }
        #expect(Set(curves.map(\.1.color)).count == 3)
        #expect(Set(curves.map(\.1.dash)).count == 3)
        let entries = figure[0, 0].marks.compactMap(\.legendEntry).filter { $0.label.hasPrefix("from ") }
        #expect(entries.map(\.label) == ["from (0.1, 0)", "from (−3, 2)", "from (2.5, −3)"])
        #expect(Set(entries.compactMap { $0.marker?.shape }).count == 3)
        // In grey the three still differ: dash patterns differ even where luminances are close.
        #expect(Set(entries.compactMap { $0.line?.dash }).count == 3)
    }

    @Test func curvesEndWhereTheyJoinTheCycle() throws {
        let (portrait, data, _, _) = try drawn()
        let cycle = try #require(data.limitCycle)
        for path in data.paths {
            let end = cycle.planarDistance(toX: path.x[path.count - 1], y: path.y[path.count - 1])
            #expect(end < 6.0 / 400 * 1.01, "curve ends \(end) from the cycle")
            #expect(path.t.last ?? portrait.duration < portrait.duration)
        }
    }

    @Test func legendCoversNeitherTheCycleNorAStartMarker() throws {
        // Laid out with the real font's metrics, as in the written file.
        let portrait = try PhasePortrait.courseFigure()
        let figure = try portrait.makeFigure(options: FigureOptions())
        let rec = try FontMeasuringRecorder(width: figure.width, height: figure.height)
        figure.render(on: rec)
        let boxFill = Color.white.withAlpha(0.88)
        let legendPath = try #require(rec.fills.first { $0.1 == boxFill }?.0)
        let corners = points(of: legendPath)
        let box = Rect(x: corners.map(\.x).min() ?? 0, y: corners.map(\.y).min() ?? 0,
                       width: (corners.map(\.x).max() ?? 0) - (corners.map(\.x).min() ?? 0),
                       height: (corners.map(\.y).max() ?? 0) - (corners.map(\.y).min() ?? 0))
        let theme = Theme.standard
        let cyclePath = try #require(rec.strokes.first { $0.1.color == theme.limitCycle && $0.1.width == theme.thickLineWidth }?.0)
        #expect(!points(of: cyclePath).contains { box.inset(by: -2).contains($0) })
        let t = try #require(figure.transforms(on: rec).first)
        for s in [(0.1, 0.0), (-3.0, 2.0), (2.5, -3.0)] {
            #expect(!box.inset(by: -3).contains(t.point(s.0, s.1)))
        }
        // Streamlines fill the plot, so no inside corner is free: the legend goes outside, touching nothing drawn.
        #expect(box.minX > t.plot.maxX)
        #expect(figure.legendChecks(on: rec).allSatisfy { !$0.coversData })
    }

    /// A plane stretched to the page (not kept square) with a colour bar: the key goes under the plot,
    /// in columns, touching nothing drawn, instead of beyond the colour bar (where it squeezed the
    /// plane into a column); every start marker lies inside the widened window, off the frame.
    @Test func aStretchedPlaneHasItsKeyBelow() throws {
        var portrait = try PhasePortrait.courseFigure()
        portrait.window = try PhaseWindow(x: -3.15...3.15, y: -4...4)
        let options = FigureOptions(size: .init(width: .inches(6.5), height: .inches(5.2)))
        let figure = try portrait.makeFigure(options: options)
        let ax = figure[0, 0]
        #expect(!ax.equalAspect && ax.colorbar != nil && ax.legend == .below)
        let rec = try FontMeasuringRecorder(width: figure.width, height: figure.height)
        let t = try #require(figure.transforms(on: rec).first)
        let checks = figure.legendChecks(on: rec)
        let box = try #require(checks.first?.box)
        #expect(checks.allSatisfy { !$0.coversData })
        #expect(box.minY > t.plot.maxY + 20 && box.maxY <= figure.height)
        #expect(abs(box.center.x - t.plot.center.x) < 1e-6)
        // Four entries in more than one column: the box is shorter than four rows of legend text.
        #expect(box.height < 4 * 12)
        // The plane is wider than the squeezed one with the key at the side (over half the page).
        #expect(t.plot.width > 0.55 * figure.width)
        for s in portrait.initialStates {
            let p = t.point(s.x, s.y)
            #expect(p.x - t.plot.minX > 4 && t.plot.maxX - p.x > 4, "start \(s) on the frame")
        }
    }

    @Test func labelsAndTitleComeFromTheSystem() throws {
        let (_, _, figure, rec) = try drawn()
        let ax = figure[0, 0]
        #expect(figure.suptitle == "Van der Pol oscillator (\\mu = 1)" && ax.title == nil)
        #expect(ax.xLabel == "x" && ax.yLabel == "y = \\dot{x}")
        #expect(ax.equalAspect)
        #expect(rec.texts.joined(separator: " ").contains("μ"))
        for case let .text(_, origin, _, _, _, _, _) in rec.operations {
            #expect(origin.x >= 0 && origin.x <= figure.width && origin.y >= 0 && origin.y <= figure.height)
        }
    }

    @Test func optionsChooseLayersAndTitle() throws {
        var portrait = try PhasePortrait.courseFigure()
        portrait.showsQuiver = false
        portrait.limitCycle = nil
        portrait.initialStates = []
        let figure = try portrait.makeFigure(options: FigureOptions(title: ""))
        let ax = figure[0, 0]
        #expect(figure.suptitle == nil && ax.title == nil)
        #expect(ax.legend == nil)
        #expect(ax.marks.count == 1)
        #expect(ax.marks.first is Clipped<Streamlines>)
        // Streamlines alone carry the speed colour.
        #expect(ax.colorbar != nil)
    }

    @Test func onlyPlanarSystemsAndOnlyCyclingOnesAreAccepted() throws {
        #expect(throws: FigureError.notPlanar(system: "lorenz", dimension: 3)) {
            try PhasePortrait(system: try SystemRegistry.field(named: "lorenz"))
        }
        do {
            _ = try PhasePortrait.limitCycleFinder(for: try SystemRegistry.field(named: "lotka-volterra"))
            Issue.record("lotka-volterra has closed orbits, not a limit cycle")
        } catch let error as FigureError {
            #expect(error.isBadInput)
            #expect(error.description.hasPrefix("lotka-volterra has no limit cycle (systems with one: van-der-pol"))
        }
        #expect(throws: FigureError.invalidWindow("the x range 1:1 is empty")) { try PhaseWindow(x: 1...1, y: 0...1) }
    }

    @Test func pngOutputCarriesDPIAndProvenance() throws {
        let portrait = try PhasePortrait.courseFigure()
        let bytes = try portrait.render(format: .png, options: FigureOptions(dpi: 100), version: "9.9", command: "ode-plot phase x")
        let info = try #require(PNGInfo(data: bytes))
        #expect(info.width == 600 && info.height == 600)
        #expect(abs((info.dpi ?? 0) - 100) < 0.1)
        #expect(info.text["Title"] == "Van der Pol oscillator (μ = 1)")
        #expect(info.text["Software"] == "Flowscope 9.9")
        #expect(info.text["Source"] == "ode-plot phase x")
        #expect(!info.chunkTypes.contains("tIME"))
    }
}

/// Records fills and strokes but measures text with the real DejaVu font through Cairo.
final class FontMeasuringRecorder: DrawingBackend {
    let pageSize: (width: Double, height: Double)
    private let cairo: CairoBackend
    private(set) var fills: [(Path, Color)] = []
    private(set) var strokes: [(Path, StrokeStyle)] = []

    init(width: Double, height: Double) throws {
        pageSize = (width, height)
        cairo = try CairoBackend(format: .svg, size: PageSize(width: .pt(width), height: .pt(height)))
    }

    func save() {}
    func restore() {}
    func clip(to rect: Rect) {}
    func fill(_ path: Path, color: Color) { fills.append((path, color)) }
    func stroke(_ path: Path, style: StrokeStyle) { strokes.append((path, style)) }
    func drawImage(rgba: [Double], pixelWidth: Int, pixelHeight: Int, in rect: Rect, smooth: Bool) {}
    func measure(_ text: String, size: Double, font: FontStyle) -> TextMetrics { cairo.measure(text, size: size, font: font) }
    func text(_ text: String, at origin: Point, size: Double, font: FontStyle, color: Color, angle: Double) {}
}
