import Foundation
import NeuralODE
import Render
import Testing
@testable import Figures

@Suite struct ChaosFigureTests {
    @Test func viewBoxMapsTheBoxToAUnitCubeAndKeepsItsLabelsOnThePage() throws {
        let box = ViewBox(low: [-20, -30, 0], high: [20, 30, 50], view: ObliqueProjection(azimuth: 0, elevation: 0))
        // Seen from the front (no turn, no tilt): u is x, v is z, both scaled to [−1, 1]; depth is −y.
        let corner = box.project(20, -30, 50)
        #expect(abs(corner.u - 1) < 1e-12 && abs(corner.v - 1) < 1e-12 && abs(corner.depth - 1) < 1e-12)
        let centre = box.project(0, 0, 25)
        #expect(abs(centre.u) < 1e-12 && abs(centre.v) < 1e-12 && abs(centre.depth) < 1e-12)
        let ax = Axes()
        box.drawBox(on: ax, labels: ["x", "y", "z"], foreground: Palette.black)
        #expect(ax.marks.filter { $0 is LineSeries }.count >= 12 + 3 * 2)
        let limits = try #require(ax.xLimits)
        #expect(limits.0 < -1 && limits.1 > 1)
        let texts = ax.annotations.compactMap { if case let .text(s, _, _, _, _, _) = $0 { return s } else { return nil } }
        #expect(texts.contains("x") && texts.contains("y") && texts.contains("z") && texts.contains("20"))
    }

    @Test func attractorViewIsDepthCuedFarToNear() throws {
        let lorenz = try SystemRegistry.field(named: "lorenz")
        var recipe = try AttractorFigure(system: lorenz, model: nil)
        recipe.duration = 10
        recipe.points = 1500
        recipe.coloring = .none
        let data = try recipe.compute()
        #expect(data.truth?.count == 1500 * 3 && data.learned == nil)
        let figure = recipe.layout(data, options: FigureOptions())
        #expect(figure.axes.count == 4 && !figure.axes[0].showsFrame)
        let view = try #require(figure.axes[0].marks.compactMap { $0 as? DepthCuedPath }.first)
        let rec = RecordingBackend(width: 400, height: 400)
        view.draw(on: rec, in: DataTransform(plot: Rect(x: 0, y: 0, width: 400, height: 400),
                                               x: AxisScale(kind: .linear, lower: -2, upper: 2),
                                               y: AxisScale(kind: .linear, lower: -2, upper: 2)))
        let strokes = rec.operations.compactMap { if case let .stroke(_, style, _) = $0 { return style } else { return nil } }
        let widths = strokes.map(\.width)
        // Drawn in depth order: widths never shrink, and near strands are darker than far ones.
        #expect(Set(widths).count >= 4)
        #expect(zip(widths, widths.dropFirst()).allSatisfy { $0 <= $1 })
        let first = try #require(strokes.first), last = try #require(strokes.last)
        #expect(first.color.r > last.color.r + 0.3)
    }

    @Test func attractorNeedsThreeComponents() throws {
        let vanDerPol = try SystemRegistry.field(named: "van-der-pol")
        #expect(throws: FigureError.self) { try AttractorFigure(system: vanDerPol, model: nil) }
    }

    @Test func overlayDrawsTruthSolidAndLearnedDashed() throws {
        let lorenz = try SystemRegistry.field(named: "lorenz")
        let mlp = MLP(stateDim: 3, hidden: [8], seed: 3)
        var recipe = try AttractorFigure(system: lorenz, model: LearnedModel(mlp))
        recipe.duration = 2
        recipe.points = 200
        let data = try recipe.compute()
        let figure = recipe.layout(data, options: FigureOptions())
        let paths = figure.axes[0].marks.compactMap { $0 as? DepthCuedPath }
        #expect(paths.count == 2)
        #expect(paths[0].dash == .solid && paths[1].dash != .solid)
        #expect(paths[0].color == Theme.standard.truth && paths[1].color == Theme.standard.learned)
        #expect(figure.axes[3].colorbar == nil)
    }

    @Test func butterflyDistanceGrowsAtTheLargestExponent() throws {
        let lorenz = try SystemRegistry.field(named: "lorenz")
        var recipe = try ButterflyFigure(system: lorenz, model: nil)
        recipe.duration = 25
        recipe.lyapunovDuration = 300
        let data = try recipe.compute()
        #expect(abs(data.distance[0] - 1e-8) < 1e-15)
        #expect(abs(data.lyapunov - 0.9056) < 0.06)
        // Least-squares slope of log distance while it stays well below the attractor's size.
        let growing = zip(data.times, data.distance).filter { $0.1 < 1e-2 * data.attractorSize }
        let n = Double(growing.count)
        let mt = growing.map(\.0).reduce(0, +) / n, ml = growing.map { log($0.1) }.reduce(0, +) / n
        let slope = growing.map { ($0.0 - mt) * (log($0.1) - ml) }.reduce(0, +) / growing.map { pow($0.0 - mt, 2) }.reduce(0, +)
        #expect(abs(slope - data.lyapunov) < 0.25 * data.lyapunov)
        let crossing = try #require(data.divergenceTime)
        #expect(crossing > 10 && crossing < 25)
        let figure = recipe.layout(data, options: FigureOptions())
        #expect(figure.axes[1].yScale == .log)
    }
}
