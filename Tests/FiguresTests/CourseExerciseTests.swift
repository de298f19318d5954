import Foundation
import Testing
import NeuralODE
import Render
@testable import Figures

@Suite("Course figures: computational exercises")
struct CourseExerciseTests {
    @Test("exercise-3.1.4: the backprop tape grows exactly linearly with N, the adjoint's memory is flat")
    func memory() throws {
        var recipe = Exercise314Figure()
        recipe.stepCounts = [10, 100, 1000]
        let n = try recipe.compute()
        #expect(n.steps == [10, 100, 1000])
        for i in n.steps.indices {
            #expect(n.backpropBytes[i] * n.steps[0] == n.backpropBytes[0] * n.steps[i], "\(n.backpropBytes)")
            #expect(n.adjointBytes[i] == n.adjointBytes[0])
        }
        #expect(abs(n.fittedSlope - 1) < 1e-9)
        #expect(n.backpropBytes[0] > n.adjointBytes[0])
        _ = courseFigureText(recipe.layout(n, options: courseOptions(recipe)))
    }

    @Test("exercise-3.1.7: η = 0.1 trains (loss ≈ 0.00104), η = 20 diverges and is kept with its epoch")
    func learningRates() throws {
        var recipe = Exercise317Figure()
        recipe.courseRates = [0.001, 0.1]
        recipe.largerRates = [20]
        let n = try recipe.compute()
        #expect(n.runs.count == 3)
        let slow = n.runs[0], fast = n.runs[1], huge = n.runs[2]
        #expect(slow.divergedAt == nil && fast.divergedAt == nil)
        #expect(abs(fast.finalLoss - 0.00104) < 1e-5, "\(fast.finalLoss)")
        #expect(slow.finalLoss > 50 * fast.finalLoss)
        let k = try #require(huge.divergedAt)
        #expect(huge.losses.count == recipe.epochs && huge.losses[k] > 10 * huge.losses[0])
        let text = courseFigureText(recipe.layout(n, options: courseOptions(recipe)))
        #expect(text.contains("unstable from epoch \(k)"))
        let numbers = Dictionary(uniqueKeysWithValues: recipe.keyNumbers(n).map { ($0.key, $0.text) })
        #expect(numbers["eta20Unstable"] == "\(k)")
        #expect(numbers["eta0_1"] == NumberFormat.real(fast.finalLoss))
    }

    @Test("exercise-3.1.7: every rate has its own look, darker in grey for smaller rates")
    func learningRateLooks() {
        let rates = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 20]
        let runs = rates.map { Exercise317Figure.Run(rate: $0, fromCourse: $0 <= 0.1, losses: [], finalLoss: 0, divergedAt: nil) }
        let looks = Exercise317Figure.runLooks(runs)
        // Dash, marker shape and fill tell every run apart without its colour.
        let keys = looks.map { "\($0.line.dash) \($0.marker.shape) \($0.marker.fill == .white)" }
        #expect(Set(keys).count == rates.count)
        // The ramp reads in grey: luminance grows with the rate.
        let grey = looks.map(\.line.color.luminance)
        #expect(zip(grey, grey.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test("exercise-3.1.8: finite differences and backprop take the same epochs; backprop costs far fewer evaluations")
    func gradientsCompared() throws {
        let n = try Exercise318Figure().compute()
        let fd = try #require(n.finiteDifference.epochsToThreshold), bp = try #require(n.backprop.epochsToThreshold)
        #expect(fd == bp)
        for (a, b) in zip(n.finiteDifference.losses, n.backprop.losses) { #expect(abs(a - b) <= 1e-6 * b) }
        #expect(n.finiteDifference.cumulativeEvaluations[fd] > 20 * n.backprop.cumulativeEvaluations[bp])
        #expect(n.backprop.cumulativeEvaluations == n.backprop.cumulativeEvaluations.sorted())
    }

    @Test("exercise-3.1.9: steps never grow with ε; the smallest ε is the fixed-step solver")
    func adaptiveDepth() throws {
        let recipe = Exercise319Figure()
        let n = try recipe.compute()
        #expect(n.fixedSteps == 10)
        #expect(n.meanSteps[0] == 10 && abs(n.meanError[0] - n.fixedError) < 1e-15)
        for i in 1..<n.meanSteps.count { #expect(n.meanSteps[i] <= n.meanSteps[i - 1]) }
        #expect(n.meanSteps.last == 0)
        _ = courseFigureText(recipe.layout(n, options: courseOptions(recipe)))
    }

    @Test("exercise-3.1.10: the curriculum follows 0.5 → 2 by epoch 60 and is ahead on the full horizon at epoch 60")
    func curriculum() throws {
        var recipe = Exercise3110Figure()
        recipe.epochs = 61
        let n = try recipe.compute()
        #expect(n.curriculum.horizons[0] == 0.5 && n.curriculum.horizons[60] == 2 && n.full.horizons.allSatisfy { $0 == 2 })
        #expect(n.curriculum.fullHorizonLoss[0] == n.full.fullHorizonLoss[0] || n.curriculum.fullHorizonLoss[0] > 0)
        #expect(n.curriculum.fullHorizonLoss[60] < n.full.fullHorizonLoss[60] / 4,
                "\(n.curriculum.fullHorizonLoss[60]) vs \(n.full.fullHorizonLoss[60])")
    }

    @Test("the catalog names resolve, in course order")
    func catalog() {
        let names = CourseFigureCatalog.names
        for name in ["example-3.1.1", "example-3.1.2", "exercise-3.1.2", "exercise-3.1.4", "exercise-3.1.7",
                     "exercise-3.1.8", "exercise-3.1.9", "exercise-3.1.10"] {
            #expect(names.contains(name) && CourseFigureCatalog.figure(named: name) != nil, "\(name)")
        }
        if let nine = names.firstIndex(of: "exercise-3.1.9"), let ten = names.firstIndex(of: "exercise-3.1.10") {
            #expect(nine < ten)
        }
    }
}
