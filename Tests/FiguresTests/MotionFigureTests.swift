import Foundation
import NeuralODE
import Render
import Testing
@testable import Figures

/// The animated recipes of issue 11: topology flows, the adjoint sweep, the butterfly and training snapshots.
@Suite struct MotionFigureTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A quickly trained disk → annulus flow.
    private func smallDisk() -> DiskAnnulusFlow {
        var figure = DiskAnnulusFigure()
        figure.epochs = 30
        figure.trainingPoints = 40
        figure.gridLines = 3
        figure.maxGap = 0.1
        return DiskAnnulusFlow(figure: figure)
    }

    @Test func diskFlowSavesOneTimePerFrameAndStartsOnTheDisk() throws {
        let flow = smallDisk()
        let n = try flow.compute(frameCount: 5)
        #expect(n.times == [0, 0.25, 0.5, 0.75, 1])
        // Frame 0 is the identity: the boundary's image is the unit circle and the centre stays at 0.
        let bx = n.curvesX[n.boundaryIndex][0], by = n.curvesY[n.boundaryIndex][0]
        let radii = zip(bx, by).map { ($0 * $0 + $1 * $1).squareRoot() }
        #expect(radii.allSatisfy { abs($0 - 1) < 1e-12 })
        #expect(abs(n.centre[0][0]) < 1e-12 && abs(n.centre[0][1]) < 1e-12)
        // The flow is a homeomorphism at every frame.
        #expect(n.boundarySimple == [true, true, true, true, true])
        #expect(n.centreWinding == [1, 1, 1, 1, 1])
        // The centre moves (the trained flow is not the identity).
        #expect(abs(n.centre[4][0] - n.centre[0][0]) + abs(n.centre[4][1] - n.centre[0][1]) > 1e-3)
    }

    @Test func diskFlowKeepsOneWindowAndNamesTheTimeInTheTitle() throws {
        let flow = smallDisk()
        let n = try flow.compute(frameCount: 3)
        let at = flow.scene(n, options: FigureOptions())
        let first = at(0), middle = at(1), last = at(2)
        #expect(first[0, 0].xLimits.map { [$0.0, $0.1] } == last[0, 0].xLimits.map { [$0.0, $0.1] })
        #expect(first[0, 0].title?.hasPrefix("t = 0.00") == true)
        #expect(middle[0, 0].title?.hasPrefix("t = 0.50") == true)
        #expect(last[0, 0].title?.hasSuffix("% in hole") == true)
        // The last frame draws the final images: its boundary series is the last time's.
        let lines = last[0, 0].marks.compactMap { $0 as? LineSeries }.filter { $0.style.width == 2.2 && $0.x.count > 1 }
        #expect(lines.first?.x.dropLast() == n.curvesX[n.boundaryIndex][2][...])
    }

    @Test func circlesFlowTrainsTheFirstSeedAndFixesBothWindows() throws {
        var figure = CirclesFigure()
        figure.epochs = 5
        figure.seeds = [4, 5, 6]
        figure.inner = 10
        figure.outer = 20
        figure.hidden = [6]
        figure.gridSize = 11
        let flow = CirclesFlow(figure: figure)
        let n = try flow.compute(frameCount: 4)
        #expect(n.plain.logs.count == 1 && n.augmented.logs.count == 1)
        #expect(n.times.count == 4 && n.plain.states.count == 4 && n.augmented.states.count == 4)
        // At t = 0 the augmented coordinate is 0 for every point, later it is not.
        let d = 3
        #expect((0..<n.data.count).allSatisfy { n.augmented.states[0][$0 * d + 2] == 0 })
        #expect((0..<n.data.count).contains { n.augmented.states[3][$0 * d + 2] != 0 })
        let at = flow.scene(n, options: FigureOptions())
        let a = at(0), b = at(3)
        #expect(a[0, 0].xLimits.map { [$0.0, $0.1] } == b[0, 0].xLimits.map { [$0.0, $0.1] })
        #expect(a[0, 1].xLimits.map { [$0.0, $0.1] } == b[0, 1].xLimits.map { [$0.0, $0.1] })
        // The read-out boundary only at T.
        #expect(!a[0, 0].marks.contains { ($0 as? LineSeries)?.style.dash == .dashed })
        #expect(b[0, 0].marks.contains { ($0 as? LineSeries)?.style.dash == .dashed })
    }

    private func adjointSweep() throws -> AdjointSweep<MLPField> {
        let mlp = try ModelFile.load(path: Self.packageRoot.appendingPathComponent("assets/models/example-3.1.1.json").path)
        let batch = try ObservationBatch(t0: 0, times: [0.1, 0.25, 0.4, 0.5], initialStates: [1], targets: [0.8, 0.6, 0.45, 0.37],
                                         trajectoryCount: 1, stateDimension: 1)
        return AdjointSweep(figure: try AdjointFigure(field: MLPField(mlp), batch: batch, componentNames: ["y"],
                                                      parameterNames: ParameterNames.of(mlp)))
    }

    @Test func adjointSweepRunsBackwardAndShowsOnlyThePassedJumps() throws {
        let sweep = try adjointSweep()
        let data = try sweep.compute(frameCount: 11)
        #expect(AdjointSweep<MLPField>.sweepTime(data.trace, frame: 0, of: 11) == 0.5)
        #expect(abs(AdjointSweep<MLPField>.sweepTime(data.trace, frame: 4, of: 11) - 0.3) < 1e-12)
        #expect(AdjointSweep<MLPField>.sweepTime(data.trace, frame: 10, of: 11) == 0)
        let at = sweep.scene(data, options: FigureOptions())
        // Frame 4: the sweep is at t = 0.3, past the observations at 0.5 and 0.4 only.
        let panel = at(4)[1, 0]
        let lines = panel.marks.compactMap { $0 as? LineSeries }
        let solid = lines.filter { $0.style.dash == .solid }
        #expect(!solid.isEmpty)
        #expect(solid.allSatisfy { ($0.x.first ?? 0) >= 0.3 - 1e-12 })
        #expect(solid.contains { abs(($0.x.first ?? 0) - 0.3) < 1e-12 })
        #expect(Set(lines.filter { $0.style.dash == .dotted }.map { $0.x[0] }) == [0.4, 0.5])
        // The cursor is in every panel, and the adjoint's axis is the whole solve's at every frame.
        let rules = at(4).axes.map { $0.marks.compactMap { $0 as? VerticalRule }.map(\.x) }
        #expect(rules.allSatisfy { $0.contains(0.3) || $0.contains { abs($0 - 0.3) < 1e-12 } })
        #expect(at(0)[1, 0].yLimits.map { [$0.0, $0.1] } == at(10)[1, 0].yLimits.map { [$0.0, $0.1] })
        // The last frame has every jump and the final gradients labelled at t0.
        #expect(at(10)[1, 0].marks.compactMap { $0 as? LineSeries }.filter { $0.style.dash == .dotted }.count == 4)
        #expect(!at(10)[2, 0].annotations.isEmpty && at(4)[2, 0].annotations.isEmpty)
    }

    @Test func butterflyFlightDrawsUpToTheFrameAndTurns() throws {
        var flight = try ButterflyFlight(system: try SystemRegistry.field(named: "lorenz"))
        flight.transient = 5
        flight.duration = 10
        flight.points = 1001
        flight.separation = 1e-3
        let data = try flight.compute(frameCount: 5)
        #expect(ButterflyFlight.lastPoint(frame: 0, of: data) == 0)
        #expect(ButterflyFlight.lastPoint(frame: 2, of: data) == 500)
        #expect(ButterflyFlight.lastPoint(frame: 4, of: data) == 1000)
        #expect(abs(data.distance[0] - 1e-3) < 1e-15)
        // Nearby runs part: over 10 time units of Lorenz (λ₁ ≈ 0.9) the distance grows by orders of magnitude.
        #expect((data.distance.max() ?? 0) > 100 * data.distance[0])
        let at = flight.scene(data, options: FigureOptions())
        let a = at(0)[0, 0], b = at(4)[0, 0]
        #expect(a.title?.hasPrefix("t = 0.0") == true && b.title?.hasPrefix("t = 10.0") == true)
        // One window for every angle, while the box's drawn edges move as the view turns.
        #expect(a.xLimits.map { [$0.0, $0.1] } == b.xLimits.map { [$0.0, $0.1] })
        let edge = { (ax: Axes) in ax.marks.compactMap { $0 as? LineSeries }.first?.x ?? [] }
        #expect(edge(a) != edge(b))
        #expect(throws: FigureError.self) { try ButterflyFlight(system: try SystemRegistry.field(named: "van-der-pol")) }
    }

    @Test func trainingEvolutionShowsEachSnapshotWithItsEpoch() throws {
        let system = try SystemRegistry.field(named: "damped-oscillator")
        // Three snapshots: a zero field, half the true field, the true field (x' = v, v' = −x − 0.5v).
        func model(_ s: Double) throws -> MLP {
            try MLP(stateDim: 2, augmentDim: 0, timeInput: false,
                    layers: [MLP.Layer(weight: [[0, s], [-s, -0.5 * s]], bias: [0, 0], activation: .identity)])
        }
        let snapshots = [TrainingSnapshot(epoch: 0, loss: 0.8, model: try model(0)),
                         TrainingSnapshot(epoch: 10, loss: 0.2, model: try model(0.5)),
                         TrainingSnapshot(epoch: 20, loss: 0.01, model: try model(1))]
        var recipe = try TrainingEvolution(snapshots: snapshots, system: system, window: try PhaseWindow(x: -3...3, y: -3...3))
        recipe.initialStates = [SIMD2(2, 0)]
        recipe.duration = 4
        let data = try recipe.compute(frameCount: 5)
        #expect(data.frameSnapshot == [0, 1, 1, 2, 2])
        // The zero field leaves the curve at its start; the true field's curve is the true one.
        #expect(data.learned[0][0].x.allSatisfy { $0 == 2 })
        let truth = data.truth[0], learned = data.learned[2][0]
        #expect(zip(truth.x, learned.x).allSatisfy { abs($0 - $1) < 1e-6 })
        let at = recipe.scene(data, options: FigureOptions())
        #expect(at(0)[0, 0].title == "Epoch 0" && at(4)[0, 0].title == "Epoch 20")
        let cursor = at(3)[0, 1].marks.compactMap { $0 as? LineSeries }.first { $0.x.count == 2 && $0.x[0] == $0.x[1] && !$0.x.isEmpty }
        #expect(cursor?.x == [20, 20])
        #expect(throws: FigureError.self) {
            try TrainingEvolution(snapshots: snapshots, system: try SystemRegistry.field(named: "lorenz"), window: try PhaseWindow(x: -3...3, y: -3...3))
        }
    }
}
