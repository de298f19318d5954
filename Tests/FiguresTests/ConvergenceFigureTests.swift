import Foundation
import NeuralODE
import Render
import Testing
@testable import Figures

/// Fitted orders on y' = −2y against its closed form, and the Euler-vs-RK4 match of Exercise 3.1.5.
@Suite struct ConvergenceFigureTests {
    func study(t1: Double = 1) throws -> ConvergenceStudy<SystemField> {
        let field = try SystemRegistry.field(named: "exp-decay")
        let exact = try #require(ClosedForm.solution(of: field, from: [1], t0: 0, t1: t1))
        #expect(abs(exact[0] - exp(-2 * t1)) < 1e-15)
        return ConvergenceStudy(field: field, initialState: [1], t1: t1, reference: exact)
    }

    @Test func legendGivesFittedOrdersNearTheNominalOnes() throws {
        let recipe = try ConvergenceFigure(study: try study(), methods: [.euler, .midpoint, .rk4],
                                           stepSizes: [0.1, 0.05, 0.025, 0.0125], systemTitle: "y' = −2y",
                                           referenceText: "closed form")
        let figure = try recipe.makeFigure(options: FigureOptions())
        let left = figure[0, 0]
        #expect(left.xScale == .log && left.yScale == .log)
        #expect(figure[1, 0].xScale == .log && figure[1, 0].yScale == .log)
        // The methods' key is in the cost panel (the left one keeps the guides' entry).
        let labels = figure[1, 0].marks.compactMap(\.legendEntry).map(\.label)
        #expect(left.marks.compactMap(\.legendEntry).map(\.label) == ["nominal order"])
        for (name, order) in [("euler", 1.0), ("midpoint", 2.0), ("rk4", 4.0)] {
            let label = try #require(labels.first { $0.hasPrefix(name + ": order ") })
            let fitted = try #require(Double(label.dropFirst((name + ": order ").count)))
            #expect(abs(fitted - order) < 0.2, "\(label)")
        }
        // Data series with markers on both panels, plus one dashed guide per method on the left.
        let guides = left.marks.compactMap { $0 as? LineSeries }.filter { $0.marker == nil && $0.style.dash == .dashed }
        #expect(guides.count == 3)
        #expect(figure[1, 0].marks.compactMap { $0 as? LineSeries }.count == 3)
    }

    @Test func eulerStepsMatchingRK4AreVerifiedBySolving() throws {
        let s = try study()
        let series = try s.series(methods: [.euler], stepSizes: [0.1, 0.05, 0.025, 0.0125])
        let euler = try #require(series.first)
        let m = try s.match(coarseSeries: euler, fine: .rk4, stepSize: 0.1)
        let target = try s.run(.rk4, stepSize: 0.1).error
        #expect(m.targetError == target && m.fineSteps == 10)
        // The fewest steps: error at n is within the target, with n − 1 it is not.
        #expect(m.verifiedError <= target && m.errorWithOneFewer > target)
        #expect(try s.run(.euler, stepSize: 1 / Double(m.verifiedSteps)).error == m.verifiedError)
        // The fitted line's prediction is close (Euler's error is nearly C·h).
        #expect(abs(Double(m.predictedSteps) / Double(m.verifiedSteps) - 1) < 0.3)
    }

    @Test func badInputsAreRejected() throws {
        #expect(throws: FigureError.self) {
            try ConvergenceFigure(study: try study(), methods: [], stepSizes: [0.1, 0.05], systemTitle: "", referenceText: "")
        }
        #expect(throws: FigureError.self) {
            try ConvergenceFigure(study: try study(), methods: [.rk4], stepSizes: [0.1, -0.05], systemTitle: "", referenceText: "")
        }
        #expect(throws: FigureError.self) {
            try ConvergenceFigure(study: try study(t1: 0.5), methods: [.rk4], stepSizes: [1, 0.5], systemTitle: "", referenceText: "")
        }
    }
}
