import Foundation
import Testing
@testable import NeuralODE

@Suite("Observation batches, losses and settings")
struct GradientBatchTests {
    @Test("augmented dimensions: the loss looks at the observed components only, gradients still exact")
    func augmentedState() throws {
        let mlp = MLP(stateDim: 2, augmentDim: 1, hidden: [8], activation: .tanh, seed: 8)
        let times = [0.0, 0.5, 1.0]
        // Two trajectories, D = 3 (the third starts at zero), d = 2 observed.
        let initial: [Double] = [1, 0, 0, -0.5, 0.5, 0]
        let targets: [Double] = [1, 0, -0.5, 0.5, 0.8, 0.4, -0.2, 0.6, 0.5, 0.7, 0.1, 0.5]
        let batch = try ObservationBatch(times: times, initialStates: initial, targets: targets, trajectoryCount: 2,
                                         stateDimension: 3, observedDimension: 2)
        let engine = GradientEngine(field: MLPField(mlp, batchSize: 2))
        let settings = GradientSettings(method: .tsit5, controller: .tolerances(rtol: 1e-7, atol: 1e-9))
        let evaluation = try engine.loss(batch, settings: settings)
        #expect(evaluation.predictions.count == 3 * 6)
        var sum = 0.0
        for j in 0..<3 {
            for b in 0..<2 {
                for i in 0..<2 {
                    let r = evaluation.predictions[j * 6 + b * 3 + i] - targets[(j * 2 + b) * 2 + i]
                    sum += r * r
                }
            }
        }
        #expect(abs(evaluation.loss - sum / 12) <= 1e-15 * sum)
        let backprop = try engine.gradient(batch, method: .backprop, settings: settings)
        let fd = try engine.gradient(batch, method: .finiteDifference, settings: settings)
        #expect(backprop.initialStateGradient.count == 6)
        let check = GradientCheck.compare(.backprop, backprop.parameterGradient + backprop.initialStateGradient,
                                          fd.parameterGradient + fd.initialStateGradient)
        #expect(check.normRelative < 1e-6)
        // The first row is the initial state itself: its error is zero, so ∂L/∂y0 comes from later rows only.
        #expect(backprop.initialStateGradient.contains { abs($0) > 1e-4 })
    }

    @Test("the halfSSE loss is ½Σ(y − y*)² and mse is its 2/N multiple")
    func lossScales() throws {
        let batch = try ObservationBatch(t0: 0, times: [1, 2], initialStates: [1, 2], targets: [0.1, 0.2, 0.3, 0.4],
                                         trajectoryCount: 2, stateDimension: 1)
        let engine = GradientEngine(field: GradientTestDecay(alpha: 0.5, count: 2))
        let half = try engine.loss(batch, settings: GradientSettings(method: .dopri5,
            controller: .tolerances(rtol: 1e-12, atol: 1e-14), loss: .halfSSE))
        let mse = try engine.loss(batch, settings: GradientSettings(method: .dopri5,
            controller: .tolerances(rtol: 1e-12, atol: 1e-14), loss: .mse))
        var exact = 0.0
        for (j, t) in [1.0, 2.0].enumerated() {
            for (b, y0) in [1.0, 2.0].enumerated() {
                let r = y0 * exp(-0.5 * t) - batch.targets[j * 2 + b]
                exact += r * r
            }
        }
        #expect(abs(half.loss - exact / 2) <= 1e-10 * exact)
        #expect(abs(mse.loss - exact / 4) <= 1e-10 * exact)
    }

    @Test("inconsistent batches and settings are configuration errors with a reason")
    func invalidInput() throws {
        #expect(throws: GradientConfigurationError.self) {
            try ObservationBatch(times: [0, 1, 1], initialStates: [1], targets: [1, 1, 1], trajectoryCount: 1,
                                 stateDimension: 1)
        }
        #expect(throws: GradientConfigurationError.self) {
            try ObservationBatch(t0: 2, times: [1, 3], initialStates: [1], targets: [1, 1], trajectoryCount: 1,
                                 stateDimension: 1)
        }
        #expect(throws: GradientConfigurationError.self) {
            try ObservationBatch(times: [0, 1], initialStates: [1, 2], targets: [1, 1], trajectoryCount: 1,
                                 stateDimension: 1)
        }
        let batch = try ObservationBatch(times: [0, 1], initialStates: [1], targets: [1, 0.5], trajectoryCount: 1,
                                         stateDimension: 1)
        let engine = GradientEngine(field: GradientTestDecay(alpha: 1, count: 2))
        let settings = GradientSettings(method: .rk4, controller: .fixed(dt: 0.1))
        do {
            _ = try engine.gradient(batch, method: .backprop, settings: settings)
            Issue.record("a field of state size 2 accepted a batch of 1 state")
        } catch {
            #expect(error.description.contains("state has 2 values"))
        }
        let single = GradientEngine(field: GradientTestDecay(alpha: 1))
        #expect(throws: GradientConfigurationError.self) {
            try single.gradient(batch, method: .adjoint, settings: GradientSettings(method: .rosenbrock23,
                                                                                    controller: .tolerances(rtol: 1e-6, atol: 1e-9)))
        }
        #expect(throws: GradientConfigurationError.solver(.methodNotAdaptive(.rk4))) {
            try single.gradient(batch, method: .backprop, settings: GradientSettings(method: .rk4,
                                                                                     controller: .tolerances(rtol: 1e-6, atol: 1e-9)))
        }
    }

    @Test("a forward failure is a value: the loss is NaN and the reason is kept")
    func forwardFailure() throws {
        let batch = try ObservationBatch(t0: 0, times: [200], initialStates: [1], targets: [0], trajectoryCount: 1,
                                         stateDimension: 1)
        let engine = GradientEngine(field: GradientTestDecay(alpha: -400))
        for method in GradientMethod.allCases {
            let result = try engine.gradient(batch, method: method, settings: GradientSettings(method: .rk4,
                                                                                               controller: .fixed(dt: 0.5)))
            #expect(!result.succeeded)
            if case .forward(.nonFiniteState) = result.failure {} else { Issue.record("\(method): \(String(describing: result.failure))") }
            #expect(result.loss.isNaN)
        }
    }

    @Test("method and loss names parse as typed on the command line")
    func names() {
        #expect(GradientMethod(name: "Finite-Difference") == .finiteDifference)
        #expect(GradientMethod(name: "fd") == .finiteDifference)
        #expect(GradientMethod(name: "backprop") == .backprop)
        #expect(GradientMethod(name: "reverse") == nil)
        #expect(LossKind(name: "half-sse") == .halfSSE)
        #expect(LossKind(name: "MSE") == .mse)
    }
}
