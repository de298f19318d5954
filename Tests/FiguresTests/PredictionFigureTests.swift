import Foundation
@testable import NeuralODE
import Render
import Testing
@testable import Figures

@Suite struct PredictionFigureTests {
    /// A comparison result whose median error is 1e-3·e^{0.8t} (each state's curve a fixed multiple of it).
    private func syntheticResult() -> DynamicsComparison.Result {
        let times = (0...250).map { Double($0) * 0.02 }
        let curves = [0.5, 1, 2].map { factor in times.map { min(factor * 1e-3 * exp(0.8 * $0), 1.5) } }
        let valid = curves.map { curve in times[curve.firstIndex { $0 > 0.4 } ?? 0] }
        return DynamicsComparison.Result(trueSpectrum: [0.9, 0, -14.6], learnedSpectrum: [0.85, 0, -12], validTimes: valid,
                                         medianValidTime: valid.sorted()[1], medianValidLyapunovTimes: valid.sorted()[1] * 0.9,
                                         attractorSize: 14, stateSpaceDivergence: 0.1, spectrumDistances: [0.1, 0.1, 0.1],
                                         capped: 0, curveTimes: times, errorCurves: curves, threshold: 0.4, predictionHorizon: 5)
    }

    private func prediction() throws -> PredictionComparison {
        try PredictionComparison(system: SystemRegistry.field(named: "lorenz"),
                                 model: LearnedModel(MLP(stateDim: 3, hidden: [4], seed: 1)))
    }

    @Test func errorGrowthFitsTheMediansRateAndDrawsTheGuide() throws {
        let data = syntheticResult()
        let rate = try #require(ErrorGrowthFigure.growthRate(data))
        #expect(abs(rate - 0.8) < 1e-9)
        let median = ErrorGrowthFigure.medianCurve(data)
        #expect(abs(median[50] - 1e-3 * exp(0.8)) < 1e-15)
        let recipe = ErrorGrowthFigure(try prediction())
        let numbers = Dictionary(uniqueKeysWithValues: recipe.keyNumbers(data).map { ($0.key, $0.value ?? .nan) })
        #expect(abs((numbers["growthRatio"] ?? 0) - 0.8 / 0.9) < 1e-9)
        #expect(abs((numbers["medianLyapunovTimes"] ?? 0) - data.medianValidTime * 0.9) < 1e-12)
        #expect(abs((numbers["lambdaError"] ?? 0) - 0.05 / 0.9) < 1e-12)
        let figure = recipe.layout(data, options: FigureOptions())
        let lines = figure.axes[0].marks.compactMap { $0 as? LineSeries }
        // Three curves, the median, the e^{λ₁t} guide and the threshold.
        #expect(lines.count == 6)
        let guide = try #require(lines.first { $0.label?.hasPrefix("e^") == true })
        let slope = log(guide.y[1] / guide.y[0]) / (guide.x[1] - guide.x[0])
        #expect(abs(slope - 1) < 1e-9)   // e^{λ₁t} on an axis in Lyapunov times λ₁t
        #expect(figure.axes[0].yScale == .log)
    }

    @Test func predictionTimesDrawOneBarPerStateSortedWithTheMedian() throws {
        let data = syntheticResult()
        let recipe = PredictionTimesFigure(try prediction(), goal: 3)
        let figure = recipe.layout(data, options: FigureOptions())
        let bars = figure.axes[0].marks.compactMap { $0 as? Polygon }
        #expect(bars.count == 3)
        let heights = bars.map { $0.y.max() ?? 0 }
        #expect(heights == heights.sorted())
        #expect(abs((heights.last ?? 0) - (data.validTimes.max() ?? 0) * 0.9) < 1e-12)
        let lines = figure.axes[0].marks.compactMap { $0 as? LineSeries }
        #expect(lines.contains { $0.y == [data.medianValidTime * 0.9, data.medianValidTime * 0.9] })
        #expect(lines.contains { $0.y == [3, 3] })
        #expect(recipe.keyNumbers(data).contains { $0.key == "goal" && $0.value == 3 })
    }
}
