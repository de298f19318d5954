import Foundation
import Testing
@testable import NeuralODE

@Suite("Classifier training")
struct ClassificationTrainingTests {
    static func train(augment: Int, epochs: Int = 300) throws -> ClassifierTrainer.Outcome {
        let mlp = MLP(stateDim: 1, augmentDim: augment, hidden: [16], seed: 7)
        let classifier = try ODEClassifier(mlp: mlp, readout: .firstComponent(dimension: mlp.odeDimension), endTime: 1)
        let configuration = ClassifierTrainingConfiguration(epochs: epochs, learningRate: 0.02)
        return try ClassifierTrainer(classifier: classifier, data: .crossing, configuration: configuration).run()
    }

    /// A 1-D flow is increasing (trajectories cannot cross), so φ(−1) = u < v = φ(1) and the MSE
    /// ½[(u − 1)² + (v + 1)²] is at least its minimum over u ≤ v, reached at u = v = 0: 1.
    @Test("the plain 1-D model cannot swap −1 and 1: its MSE stays at or above 1")
    func plainCrossingIsBounded() throws {
        let outcome = try Self.train(augment: 0)
        #expect(outcome.failure == nil)
        #expect(outcome.finalLoss >= 1)
        #expect(outcome.log.allSatisfy { $0.loss >= 1 })
        // It does approach the bound (both images pulled towards 0), so the bound is what stops it.
        #expect(outcome.finalLoss < 1.01)
        let images = try outcome.classifier.outputs([-1, 1], controller: .tolerances(rtol: 1e-8, atol: 1e-10)).values
        #expect(images[0] < images[1])
        #expect(!outcome.classifier.readout.isTrainable)
        #expect(outcome.classifier.readout.weights == [1])
    }

    @Test("one augmented dimension solves the crossing task")
    func augmentedCrossingSucceeds() throws {
        let outcome = try Self.train(augment: 1)
        #expect(outcome.failure == nil)
        #expect(outcome.finalLoss < 1e-4)
        let images = try outcome.classifier.outputs([-1, 1], controller: .tolerances(rtol: 1e-8, atol: 1e-10)).values
        #expect(abs(images[0] - 1) < 0.02 && abs(images[1] + 1) < 0.02)
        #expect(outcome.log.count == 300)
        #expect(outcome.log.allSatisfy { $0.forwardEvaluations > 0 && $0.backwardEvaluations > 0 })
    }

    @Test("an augmented classifier separates concentric circles, on held-out points too")
    func augmentedCircles() throws {
        let circles = try ConcentricCircles()
        let data = try circles.sample(inner: 25, outer: 50, seed: 3)
        let heldOut = try circles.sample(inner: 50, outer: 100, seed: 1003)
        let mlp = MLP(stateDim: 2, augmentDim: 1, hidden: [16], seed: 1)
        let classifier = try ODEClassifier(mlp: mlp, readout: LinearReadout(dimension: 3, seed: 2), endTime: 1)
        let configuration = ClassifierTrainingConfiguration(epochs: 150, learningRate: 0.01)
        let outcome = try ClassifierTrainer(classifier: classifier, data: data, configuration: configuration).run()
        #expect(outcome.failure == nil)
        #expect(outcome.finalAccuracy >= 0.97)
        let accuracy = try outcome.classifier.accuracy(on: heldOut, controller: configuration.settings.controller)
        #expect(accuracy >= 0.95)
        #expect(outcome.finalLoss < (outcome.log.first?.loss ?? 0) / 5)
        // Training moved the read-out too.
        #expect(outcome.classifier.readout != classifier.readout)
    }

    @Test("the circles sample is seeded, balanced as asked and inside its radii")
    func circlesSample() throws {
        let circles = try ConcentricCircles(innerRadius: 0.5, annulusInner: 1, annulusOuter: 1.5)
        let a = try circles.sample(inner: 10, outer: 20, seed: 9), b = try circles.sample(inner: 10, outer: 20, seed: 9)
        #expect(a == b)
        #expect(a != (try circles.sample(inner: 10, outer: 20, seed: 10)))
        #expect(a.labels.filter { $0 < 0 }.count == 10)
        for k in 0..<a.count {
            let p = a.point(k)
            #expect(circles.label(x: p[p.startIndex], y: p[p.startIndex + 1]) == a.labels[k])
        }
        #expect(throws: ClassificationError.self) { _ = try ConcentricCircles(innerRadius: 1, annulusInner: 1, annulusOuter: 2) }
        #expect(throws: ClassificationError.self) { _ = try LabelledPoints(dimension: 2, points: [1], labels: [1]) }
    }

    @Test("a read-out that does not fit the state is rejected")
    func readoutShape() {
        let mlp = MLP(stateDim: 2, augmentDim: 1, hidden: [4], seed: 1)
        #expect(throws: ClassificationError.self) {
            _ = try ODEClassifier(mlp: mlp, readout: LinearReadout(dimension: 2, seed: 1))
        }
        #expect(throws: ClassificationError.self) {
            _ = try ODEClassifier(mlp: mlp, readout: LinearReadout(dimension: 3, seed: 1), endTime: 0)
        }
    }
}
