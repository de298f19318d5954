import Foundation
import NeuralODE
import Render
import Testing
@testable import Figures

/// The adjoint figure: one adjoint piece per observation interval, jumps drawn apart, the true dL/dθ.
@Suite struct AdjointFigureTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func model() throws -> MLP {
        try ModelFile.load(path: Self.packageRoot.appendingPathComponent("assets/models/example-3.1.1.json").path)
    }

    @Test func onePiecePerIntervalAndADottedJumpAtEachObservation() throws {
        let mlp = try model()
        let batch = try ObservationBatch(t0: 0, times: [0.1, 0.25, 0.4, 0.5], initialStates: [1], targets: [0.8, 0.6, 0.45, 0.37],
                                         trajectoryCount: 1, stateDimension: 1)
        let recipe = try AdjointFigure(field: MLPField(mlp), batch: batch, componentNames: ["y"],
                                       parameterNames: ParameterNames.of(mlp))
        let trace = try recipe.compute()
        // t0 = 0 lies before the first observation: intervals [0, 0.1], [0.1, 0.25], [0.25, 0.4], [0.4, 0.5].
        #expect(trace.intervals.count == 4)
        let figure = recipe.layout(trace, options: FigureOptions())
        let adjointPanel = figure[1, 0]
        let lines = adjointPanel.marks.compactMap { $0 as? LineSeries }
        let pieces = lines.filter { $0.style.dash == .solid && $0.style.width == Theme.standard.lineWidth }
        #expect(pieces.count == trace.intervals.count)
        // No piece crosses an observation time: each lies within one interval.
        for (piece, interval) in zip(pieces, trace.intervals) {
            #expect(piece.x.first == interval.times.first && piece.x.last == interval.times.last)
        }
        // A dotted jump at every observation, from a(τ⁺) to a(τ⁻) = a(τ⁺) + ∂L/∂y(τ).
        let jumps = lines.filter { $0.style.dash == .dotted }
        #expect(jumps.count == 4)
        for jump in jumps { #expect(abs((jump.y[1] - jump.y[0]) - trace.jumps[batch.times.firstIndex(of: jump.x[0]) ?? 0]) < 1e-12) }
        // Observation times drawn in all three panels, shared time axis.
        #expect(figure.sharedX)
        for ax in figure.axes { #expect(ax.marks.compactMap { $0 as? VerticalRule }.map(\.x) == batch.times) }
    }

    @Test func courseExampleShowsTheTrueGradient() throws {
        // Example 3.1.2: y*(0.5) = 0.37, L = ½(y(0.5) − y*)²; the course's +0.0862 is wrong (sign and size).
        let mlp = try model()
        let batch = try ObservationBatch(t0: 0, times: [0, 0.5], initialStates: [1], targets: [1, 0.37],
                                         trajectoryCount: 1, stateDimension: 1)
        var recipe = try AdjointFigure(field: MLPField(mlp), batch: batch, componentNames: ["y"],
                                       parameterNames: ParameterNames.of(mlp))
        recipe.loss = .halfSSE
        let trace = try recipe.compute()
        let engine = GradientEngine(field: MLPField(mlp))
        let fd = try engine.gradient(batch, method: .finiteDifference, settings: GradientSettings(
            method: .dopri5, controller: .tolerances(rtol: 1e-11, atol: 1e-13), loss: .halfSSE))
        #expect(ParameterNames.of(mlp) == ["w_{1}", "b_{1}", "w_{2}", "b_{2}"])
        let w2 = trace.parameterGradient[2]
        #expect(abs(w2 - fd.parameterGradient[2]) < 1e-7)
        #expect(w2 < 0 && abs(w2 - 0.0862) > 0.05)
        let figure = recipe.layout(trace, options: FigureOptions())
        let labels = figure[2, 0].marks.compactMap(\.legendEntry).map(\.label)
        #expect(labels.count == 4)
        #expect(labels[2] == "dL/dw_{2} = " + NumberText.short(w2, significant: 4))
        // One piece on [0, 0.5]; the jump at 0.5 from 0 to y(0.5) − y*.
        let lines = figure[1, 0].marks.compactMap { $0 as? LineSeries }
        #expect(lines.filter { $0.style.dash == .solid }.count == 1)
        let jump = try #require(lines.first { $0.style.dash == .dotted })
        #expect(jump.x == [0.5, 0.5] && jump.y[0] == 0 && abs(jump.y[1] - (trace.predictions[1] - 0.37)) < 1e-12)
    }

    @Test func manyParametersStateTheNormAndDrawTheLargestThree() throws {
        let mlp = MLP(stateDim: 2, hidden: [4], activation: .tanh, seed: 3)
        let batch = try ObservationBatch(t0: 0, times: [0, 0.5, 1], initialStates: [1, 0], targets: [1, 0, 0.8, -0.5, 0.5, -0.8],
                                         trajectoryCount: 1, stateDimension: 2)
        let recipe = try AdjointFigure(field: MLPField(mlp), batch: batch, componentNames: ["x", "v"],
                                       parameterNames: ParameterNames.of(mlp))
        let trace = try recipe.compute()
        let shown = recipe.shownParameters(trace)
        #expect(shown.count == 3)
        let smallestShown = shown.map { abs(trace.parameterGradient[$0]) }.min() ?? 0
        let others = (0..<mlp.parameterCount).filter { !shown.contains($0) }.map { abs(trace.parameterGradient[$0]) }
        #expect(others.allSatisfy { $0 <= smallestShown })
        let figure = recipe.layout(trace, options: FigureOptions())
        // The norm is in the title, not drawn (it would squash the components).
        let curves = figure[2, 0].marks.compactMap { $0 as? LineSeries }.filter { $0.label != nil }
        #expect(curves.count == 3)
        #expect(figure[2, 0].title?.contains("‖∂L/∂θ‖ = ") == true)
        #expect(figure[2, 0].title?.contains("of \(mlp.parameterCount) gradients") == true)
        // The three names go under the plot, where they leave the panels the page's width; every
        // panel title fits over its plot (measured with the real font, as in the written file).
        #expect(figure[2, 0].legend == .below)
        let rec = try FontMeasuringRecorder(width: figure.width, height: figure.height)
        #expect(figure.titleProblems(on: rec).isEmpty, "\(figure.titleProblems(on: rec))")
        #expect(figure.legendChecks(on: rec).allSatisfy { !$0.coversData })
        // Two components: one adjoint piece per interval for each.
        let pieces = figure[1, 0].marks.compactMap { $0 as? LineSeries }.filter { $0.style.width == Theme.standard.lineWidth }
        #expect(pieces.count == 2 * trace.intervals.count)
    }
}
