import Foundation
import Testing
@testable import NeuralODE

@Suite("Classifier gradients")
struct ClassificationGradientTests {
    /// Central differences of the classifier's loss over θ, w and b (fixed steps: the same discretised map).
    static func finiteDifferences(_ objective: ClassifierGradient, classifier: ODEClassifier,
                                  step: Double = 1e-6) throws -> [Double] {
        let theta = classifier.mlp.parameters, readout = classifier.readout
        func loss(_ theta: [Double], _ readout: LinearReadout) throws -> Double {
            try objective.evaluate(parameters: theta, readout: readout).loss
        }
        var out: [Double] = []
        for i in theta.indices {
            let h = step * max(1, abs(theta[i]))
            var plus = theta, minus = theta
            plus[i] += h
            minus[i] -= h
            out.append((try loss(plus, readout) - loss(minus, readout)) / (2 * h))
        }
        for i in 0...readout.dimension {
            var plus = readout, minus = readout
            let value = i < readout.dimension ? readout.weights[i] : readout.bias
            let h = step * max(1, abs(value))
            if i < readout.dimension {
                plus.weights[i] += h
                minus.weights[i] -= h
            } else {
                plus.bias += h
                minus.bias -= h
            }
            out.append((try loss(theta, plus) - loss(theta, minus)) / (2 * h))
        }
        return out
    }

    struct Case: CustomStringConvertible, Sendable {
        let augment: Int
        let timeInput: Bool
        let loss: ClassificationLoss
        var description: String { "augment \(augment), time \(timeInput), \(loss.rawValue)" }
    }

    static let cases = [Case(augment: 0, timeInput: false, loss: .mse), Case(augment: 1, timeInput: true, loss: .mse),
                        Case(augment: 2, timeInput: false, loss: .logistic)]

    @Test("flow and read-out gradients agree with central differences", arguments: cases)
    func agreesWithFiniteDifferences(_ c: Case) throws {
        let data = try ConcentricCircles().sample(inner: 5, outer: 7, seed: 3)
        let mlp = MLP(stateDim: 2, augmentDim: c.augment, timeInput: c.timeInput, hidden: [6], seed: 21)
        let classifier = try ODEClassifier(mlp: mlp, readout: LinearReadout(dimension: mlp.odeDimension, seed: 4),
                                           endTime: 1)
        // dopri5 on a fixed grid: backprop and the differences see the same discretised map (FSAL stages included).
        let settings = GradientSettings(method: .dopri5, controller: .fixed(dt: 0.125))
        let objective = try ClassifierGradient(classifier: classifier, data: data, loss: c.loss, settings: settings)
        let result = try objective.evaluate(parameters: mlp.parameters, readout: classifier.readout)
        #expect(result.failure == nil)
        #expect(result.forward.acceptedSteps == 8)
        let analytic = result.parameterGradient + result.readoutWeightGradient + [result.readoutBiasGradient]
        let reference = try Self.finiteDifferences(objective, classifier: classifier)
        #expect(analytic.count == reference.count)
        for (i, (a, r)) in zip(analytic, reference).enumerated() {
            #expect(abs(a - r) <= 1e-6 * max(abs(r), 1e-3), "\(c): component \(i): \(a) vs \(r)")
        }
    }

    @Test("the terminal gradient of a squared error equals the engine's backprop of the same loss")
    func terminalMatchesObservationBackprop() throws {
        let mlp = MLP(stateDim: 2, augmentDim: 1, hidden: [8], seed: 5)
        let initial = [0.3, -0.2, 0, 1.1, 0.4, 0, -0.7, 0.9, 0]
        let targets = [1.0, 0.0, -1.0, 0.5, 0.2, -0.3]   // first two components of each of three states
        let batch = try ObservationBatch(t0: 0, times: [1.5], initialStates: initial, targets: targets,
                                         trajectoryCount: 3, stateDimension: 3, observedDimension: 2)
        let settings = GradientSettings(method: .dopri5, controller: .tolerances(rtol: 1e-7, atol: 1e-9), loss: .halfSSE)
        let engine = GradientEngine(field: MLPField(mlp, batchSize: 3))
        let reference = try engine.gradient(batch, method: .backprop, settings: settings)
        let terminal = try engine.terminalGradient(initialStates: initial, t0: 0, t1: 1.5, settings: settings) { z, cotangent in
            var loss = 0.0
            for b in 0..<3 {
                for i in 0..<2 {
                    let r = z[3 * b + i] - targets[2 * b + i]
                    loss += 0.5 * r * r
                    cotangent[3 * b + i] = r
                }
            }
            return loss
        }
        #expect(terminal.failure == nil && reference.failure == nil)
        #expect(abs(terminal.loss - reference.loss) <= 1e-14 * reference.loss)
        #expect(terminal.forward.functionEvaluations == reference.forward.functionEvaluations)
        #expect(terminal.backward.functionEvaluations > 0)
        let theta = GradientFixtures.relativeDifference(terminal.parameterGradient, reference.parameterGradient)
        let y0 = GradientFixtures.relativeDifference(terminal.initialStateGradient, reference.initialStateGradient)
        #expect(theta.maxComponent < 1e-12)
        #expect(y0.maxComponent < 1e-12)
    }

    @Test("a terminal loss needs t1 after t0 and a state of the field's size")
    func terminalRejectsBadInput() {
        let engine = GradientEngine(field: MLPField(MLP(stateDim: 1, hidden: [2], seed: 1)))
        let settings = GradientSettings(method: .dopri5, controller: .tolerances(rtol: 1e-6, atol: 1e-8))
        #expect(throws: GradientConfigurationError.self) {
            _ = try engine.terminalGradient(initialStates: [1], t0: 1, t1: 1, settings: settings) { _, _ in 0 }
        }
        #expect(throws: GradientConfigurationError.self) {
            _ = try engine.terminalGradient(initialStates: [1, 2], t0: 0, t1: 1, settings: settings) { _, _ in 0 }
        }
    }

    @Test("the logistic loss and its derivative are stable and consistent")
    func logisticLoss() {
        let loss = ClassificationLoss.logistic
        #expect(abs(loss.value(output: 0, label: 1) - log(2)) < 1e-15)
        #expect(loss.value(output: 800, label: -1) == 800)
        #expect(loss.value(output: 800, label: 1) == 0)
        for o in [-3.0, -0.2, 0.7, 4.0] {
            let h = 1e-6
            let fd = (loss.value(output: o + h, label: -1) - loss.value(output: o - h, label: -1)) / (2 * h)
            #expect(abs(fd - loss.derivative(output: o, label: -1)) < 1e-9)
        }
    }
}
