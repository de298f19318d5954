import Foundation
import NeuralODE
import Render
import Testing
@testable import Figures

@Suite("Topology figures")
struct TopologyFigureTests {
    private func drawn(_ figure: Figure) -> RecordingBackend {
        let recorder = RecordingBackend(width: figure.width, height: figure.height)
        figure.render(on: recorder)
        return recorder
    }

    @Test("crossing: the 1-D flow keeps the order of every start and stays above the MSE bound")
    func crossing() throws {
        let recipe = CrossingFigure()
        let n = try recipe.compute()
        #expect(n.plainLoss >= CrossingFigure.plainLossBound)
        #expect(n.plainImages[0] < n.plainImages[1])
        #expect(n.augmentedLoss < 1e-4)
        #expect(abs(n.augmentedImages[0] - 1) < 0.02 && abs(n.augmentedImages[1] + 1) < 0.02)
        // Starts are increasing; at every saved time the plain images are too (no crossing).
        for j in n.times.indices {
            let column = n.plainPaths.map { $0[j] }
            #expect(zip(column, column.dropFirst()).allSatisfy { $0 < $1 }, "order broken at t = \(n.times[j])")
        }
        // The augmented x(t) of the two training points do cross: x swaps sign.
        let low = n.augmentedX[n.trainingIndices[0]], high = n.augmentedX[n.trainingIndices[1]]
        #expect(low[0] < high[0] && (low.last ?? 0) > (high.last ?? 0))
        let figure = recipe.layout(n, options: FigureOptions(size: recipe.preferredSize))
        let texts = drawn(figure).texts
        #expect(figure.axes.count == 3)
        #expect(texts.contains { $0.contains("no crossing") })
        #expect(recipe.summary(n).contains("bound >= 1"))
    }

    @Test("disk-annulus: the boundary's image stays a simple closed curve around the centre's image")
    func diskAnnulus() throws {
        var recipe = DiskAnnulusFigure()
        recipe.epochs = 60
        recipe.trainingPoints = 60
        recipe.gridLines = 5
        recipe.maxGap = 0.08
        let n = try recipe.compute()
        #expect(n.boundarySimple == Array(repeating: true, count: recipe.fractions.count))
        #expect(n.centreWinding == Array(repeating: 1, count: recipe.fractions.count))
        #expect(n.largestGap <= recipe.maxGap)
        // Training pushes points out of the disk: the flow stretches and refinement had work to do.
        #expect(n.largestStretch > 1.5)
        #expect(n.insertedPoints > 0)
        #expect(n.inHole < 0.9)
        let figure = recipe.layout(n, options: FigureOptions(size: recipe.preferredSize))
        // Two rows for the page's width; the spare cell holds the legend.
        #expect(figure.axes.count == 2 * ((recipe.fractions.count + 2) / 2))
        #expect(figure.axes[recipe.fractions.count].legend == .centerLeft)
        #expect(drawn(figure).texts.contains("image of the centre"))
    }

    @Test("circles: both models trained on every seed, regions on the grid, nine panels drawn")
    func circles() throws {
        var recipe = CirclesFigure()
        recipe.epochs = 20
        recipe.seeds = [1, 2]
        recipe.inner = 15
        recipe.outer = 30
        recipe.hidden = [8]
        recipe.gridSize = 21
        let n = try recipe.compute()
        for model in [n.plain, n.augmented] {
            #expect(model.logs.count == 2 && model.logs.allSatisfy { $0.count == 20 })
            #expect(model.decision.count == 21 && model.decision.allSatisfy { $0.count == 21 })
            #expect(model.states.count == 3)
            #expect(model.states[0].count == 45 * (2 + model.augment))
            #expect(model.lateEvaluations.allSatisfy { $0 >= 6 })
        }
        // The flow starts at the data (augmented components zero).
        #expect(Array(n.plain.states[0]) == n.data.points)
        #expect(stride(from: 2, to: n.augmented.states[0].count, by: 3).allSatisfy { n.augmented.states[0][$0] == 0 })
        let summary = recipe.summary(n)
        #expect(summary.contains("augmented (+1)") && summary.contains("over the last 4 epochs"))
        let figure = recipe.layout(n, options: FigureOptions(size: recipe.preferredSize))
        #expect(figure.axes.count == 9)
        // Titles no wider than the small plots: the lifted model named by its dimension, the maps by their test accuracy.
        let texts = drawn(figure).texts
        #expect(texts.contains("\u{25CF} −1, \u{25B2} +1"))
        #expect(texts.filter { $0.hasPrefix("3-D, t = ") }.count == 2)
        for model in [n.plain, n.augmented] {
            #expect(texts.contains("Test \(NumberText.short(100 * model.testAccuracy[0], significant: 3))%"))
        }
    }

    @Test("planar curves: a circle is simple and winds once around its centre; a figure eight is not simple")
    func planarCurves() {
        let angles = (0..<64).map { 2 * Double.pi * Double($0) / 64 }
        let cx = angles.map { cos($0) }, cy = angles.map { sin($0) }
        #expect(PlanarCurves.isSimple(x: cx, y: cy))
        #expect(PlanarCurves.windingNumber(x: cx, y: cy, around: 0.2, -0.3) == 1)
        #expect(PlanarCurves.windingNumber(x: cx, y: cy, around: 1.5, 0) == 0)
        #expect(PlanarCurves.windingNumber(x: cx.reversed(), y: cy.reversed(), around: 0, 0) == -1)
        let eight = (angles.map { sin($0) }, angles.map { sin($0) * cos($0) })
        #expect(!PlanarCurves.isSimple(x: eight.0, y: eight.1))
    }

    @Test("carried curves are refined until neighbouring images are within the gap")
    func refinement() throws {
        // A shear that stretches x by 1 + 20·y²: the line y = 1 grows 21-fold.
        let carried = try CarriedCurves(starts: [([0, 1], [1, 1], false)], timeCount: 2, maxGap: 0.1) { points throws(FigureError) in
            var stretched: [Double] = []
            for k in stride(from: 0, to: points.count, by: 2) {
                let x: Double = points[k], y: Double = points[k + 1]
                stretched.append(x * (1 + 20 * y * y))
                stretched.append(y)
            }
            return [points, stretched]
        }
        #expect(abs(carried.largestStretch - 21) < 1e-12)
        #expect(carried.largestGap <= 0.1)
        #expect(carried.curves[0].startX.count == 2 + carried.insertedPoints)
        #expect(carried.curves[0].imageX[1].last == 21)
    }

    @Test("the read-out plane cut by a box is a convex polygon on the plane")
    func planeInBox() {
        let square = ObliqueProjection.planeInBox(normal: [0, 0, 1], offset: -0.5, low: [0, 0, 0], high: [1, 1, 1])
        #expect(square.count == 4)
        #expect(square.allSatisfy { abs($0[2] - 0.5) < 1e-15 })
        let hexagon = ObliqueProjection.planeInBox(normal: [1, 1, 1], offset: -1.5, low: [0, 0, 0], high: [1, 1, 1])
        #expect(hexagon.count == 6)
        #expect(ObliqueProjection.planeInBox(normal: [1, 0, 0], offset: -5, low: [0, 0, 0], high: [1, 1, 1]).isEmpty)
        let view = ObliqueProjection(azimuth: 0, elevation: 0)
        let p = view.project(1, 2, 3)
        #expect(p.u == 1 && p.v == 3 && p.depth == -2)
    }
}
