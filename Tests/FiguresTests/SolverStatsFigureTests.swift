import NeuralODE
import Render
import Testing
@testable import Figures

/// The solver-statistics figure: one marker per rejected attempt, step sizes on a log axis, evaluations in the
/// title and the accepted and rejected counts in the legend.
@Suite struct SolverStatsFigureTests {
    func stiffish() throws -> SolverStatsFigure<SystemField> {
        let field = try SystemRegistry.field(named: "van-der-pol", parameters: ["mu": 10])
        return try SolverStatsFigure(system: field, initialState: [2, 0], t1: 30)
    }

    @Test func rejectedMarkersMatchTheStatistics() throws {
        let recipe = try stiffish()
        let solution = try recipe.compute()
        let stats = solution.statistics
        #expect(stats.rejectedSteps > 0)
        let figure = recipe.layout(solution, options: FigureOptions())
        let steps = figure[1, 0]
        #expect(steps.yScale == .log)
        let rejected = steps.marks.compactMap { $0 as? Scatter }.filter { $0.label?.hasPrefix("rejected") == true }
        #expect(rejected.count == 1)
        #expect(rejected.first?.x.count == stats.rejectedSteps)
        #expect(rejected.first?.label == "rejected (\(stats.rejectedSteps))")
        let accepted = try #require(steps.marks.compactMap { $0 as? LineSeries }.first)
        #expect(accepted.x.count == stats.acceptedSteps)
        #expect(accepted.y.allSatisfy { $0 > 0 })
        // Rejected markers differ from the accepted series in shape and colour.
        let marker = try #require(rejected.first?.marker)
        #expect(marker.shape != accepted.marker?.shape && marker.fill != accepted.style.color)
        let title = try #require(steps.title)
        #expect(title.contains("NFE \(stats.functionEvaluations)") && !title.contains("accepted"))
        #expect(accepted.label == "accepted (\(stats.acceptedSteps))")
        // The solution panel above: one curve per component.
        #expect(figure[0, 0].marks.compactMap { $0 as? LineSeries }.count == 2)
    }

    @Test func logPanelShowsEvaluationsPerEpoch() throws {
        var recipe = try stiffish()
        recipe.t1 = 5
        recipe.log = try TrainingLog.parse("epoch,loss,nfe_forward,nfe_backward\n0,1,10,30\n1,0.5,12,36\n", name: "l.csv")
        let figure = try recipe.makeFigure(options: FigureOptions())
        #expect(figure.axes.count == 3)
        let panel = figure[2, 0]
        // Drawn curves, then the legend's samples (empty series with the curve's line and marker).
        let series = panel.marks.compactMap { $0 as? LineSeries }.filter { !$0.x.isEmpty }
        #expect(series.map(\.y) == [[10, 12], [30, 36]])
        #expect(series.map(\.style.dash) == [.solid, .dashed])
        // The two counts often coincide: their markers differ and sit at different epochs.
        let samples = panel.marks.compactMap { $0 as? LineSeries }.filter { $0.x.isEmpty }
        #expect(samples.map(\.label) == ["forward", "backward"])
        #expect(samples.count == 2 && samples[0].marker?.shape != samples[1].marker?.shape)
        // Neither is drawn in a role's colour, nor in the components' colours above.
        let components = figure[0, 0].marks.compactMap { $0 as? LineSeries }.map(\.style.color)
        for s in series {
            #expect(!StyleRole.allCases.map { Theme.standard.role($0).color }.contains(s.style.color))
            #expect(!components.contains(s.style.color))
        }
        #expect(panel.title?.contains("forward 22, backward 66") == true)
    }

    /// Epochs that also evaluated the held-out error count its solves as forward evaluations: they
    /// are left out of the curves (else the curve alternates into a band) but not out of the totals.
    @Test func heldOutEpochsAreLeftOutOfTheCurves() throws {
        var recipe = try stiffish()
        recipe.t1 = 5
        recipe.log = try TrainingLog.parse("epoch,loss,heldout_mse,nfe_forward,nfe_backward\n0,1,,10,10\n1,0.5,0.7,50,12\n2,0.4,,14,14\n",
                                           name: "l.csv")
        let figure = try recipe.makeFigure(options: FigureOptions())
        let series = figure[2, 0].marks.compactMap { $0 as? LineSeries }.filter { !$0.x.isEmpty }
        #expect(series.map(\.x) == [[0, 2], [0, 2]])
        #expect(series.map(\.y) == [[10, 14], [10, 14]])
        #expect(figure[2, 0].title?.contains("forward 74, backward 36") == true)
        let numbers = Dictionary(uniqueKeysWithValues: recipe.keyNumbers(try recipe.compute()).map { ($0.key, $0.text) })
        #expect(numbers["heldOutEpochs"] == "1" && numbers["finalForward"] == "14" && numbers["forwardTotal"] == "74")
    }

    @Test func toleranceText() {
        #expect(SolverStatsFigure<SystemField>.tolerance(1e-6) == "10^{-6}")
        #expect(SolverStatsFigure<SystemField>.tolerance(2.5e-7) == "2.5 × 10^{−7}")
    }
}
