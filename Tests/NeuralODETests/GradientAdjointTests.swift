import Foundation
import Testing
@testable import NeuralODE

@Suite("Continuous adjoint")
struct GradientAdjointTests {
    @Test("Exercise 3.1.2: dL/dα from the adjoint equals −(y0·e^(−αT) − y*)·y0·T·e^(−αT)")
    func exercise312() throws {
        let alpha = 0.7, y0 = 1.3, horizon = 2.0, target = 0.2
        let batch = try ObservationBatch(t0: 0, times: [horizon], initialStates: [y0], targets: [target],
                                         trajectoryCount: 1, stateDimension: 1)
        let engine = GradientEngine(field: GradientTestDecay(alpha: alpha))
        let settings = GradientSettings(method: .dopri5, controller: .tolerances(rtol: 1e-11, atol: 1e-13),
                                        loss: .halfSSE)
        let result = try engine.gradient(batch, method: .adjoint, settings: settings)
        #expect(result.succeeded)
        let decay = exp(-alpha * horizon)
        let dLdAlpha = -(y0 * decay - target) * y0 * horizon * decay
        let dLdY0 = (y0 * decay - target) * decay
        #expect(dLdAlpha < 0, "the correct sign: raising α lowers y(T) towards y* here")
        #expect(abs(result.parameterGradient[0] - dLdAlpha) <= 1e-8 * abs(dLdAlpha),
                "adjoint \(result.parameterGradient[0]) vs closed form \(dLdAlpha)")
        #expect(abs(result.initialStateGradient[0] - dLdY0) <= 1e-8 * abs(dLdY0))
        #expect(abs(result.loss - 0.5 * (y0 * decay - target) * (y0 * decay - target)) <= 1e-10)
        #expect(result.backward.acceptedSteps > 0 && result.backward.functionEvaluations > result.backward.acceptedSteps)
    }

    @Test("converges to the continuous gradient as the tolerances tighten")
    func convergesWithTolerance() throws {
        let batch = try GradientFixtures.planarBatch(trajectories: 3, times: [0, 0.4, 1.1, 1.5, 2.5, 3.0])
        let mlp = MLP(stateDim: 2, timeInput: true, hidden: [8, 8], activation: .tanh, seed: 21)
        let engine = GradientEngine(field: MLPField(mlp, batchSize: 3))
        // Reference: backprop through a very accurate solve (its discretisation error is ~1e-13).
        let reference = try engine.gradient(batch, method: .backprop, settings: GradientSettings(
            method: .dopri5, controller: .tolerances(rtol: 1e-13, atol: 1e-15)))
        #expect(reference.succeeded)
        var errors: [Double] = []
        for rtol in [1e-4, 1e-6, 1e-8, 1e-10] {
            let settings = GradientSettings(method: .dopri5, controller: .tolerances(rtol: rtol, atol: rtol * 1e-2))
            let adjoint = try engine.gradient(batch, method: .adjoint, settings: settings)
            #expect(adjoint.succeeded)
            let theta = GradientFixtures.relativeDifference(adjoint.parameterGradient, reference.parameterGradient)
            let y0 = GradientFixtures.relativeDifference(adjoint.initialStateGradient, reference.initialStateGradient)
            errors.append(max(theta.norm, y0.norm))
        }
        for i in 1..<errors.count {
            #expect(errors[i] < errors[i - 1], "errors over rtol 1e-4…1e-10: \(errors)")
        }
        #expect(errors[3] < 1e-6, "errors over rtol 1e-4…1e-10: \(errors)")
        #expect(errors[0] > 10 * errors[3])
    }

    @Test("the seminorm takes no more backward steps and still converges")
    func seminorm() throws {
        let batch = try GradientFixtures.planarBatch(trajectories: 2, times: [0, 1, 2, 3])
        let mlp = MLP(stateDim: 2, hidden: [16], activation: .tanh, seed: 4)
        let engine = GradientEngine(field: MLPField(mlp, batchSize: 2))
        let reference = try engine.gradient(batch, method: .backprop, settings: GradientSettings(
            method: .tsit5, controller: .tolerances(rtol: 1e-13, atol: 1e-15)))
        var full = GradientSettings(method: .tsit5, controller: .tolerances(rtol: 1e-9, atol: 1e-11))
        let fullResult = try engine.gradient(batch, method: .adjoint, settings: full)
        full.adjointSeminorm = true
        let semi = try engine.gradient(batch, method: .adjoint, settings: full)
        #expect(semi.backward.acceptedSteps <= fullResult.backward.acceptedSteps)
        #expect(GradientFixtures.relativeDifference(semi.parameterGradient, reference.parameterGradient).norm < 1e-5)
    }

    @Test("fixed-step adjoint lands on every observation and matches the closed form to O(dt⁴)")
    func fixedStepAdjoint() throws {
        let alpha = 1.1, y0 = 0.8
        let times = [0.5, 1.0, 1.5]
        let targets = [0.3, 0.25, 0.1]
        let batch = try ObservationBatch(t0: 0, times: times, initialStates: [y0], targets: targets,
                                         trajectoryCount: 1, stateDimension: 1)
        let engine = GradientEngine(field: GradientTestDecay(alpha: alpha))
        let settings = GradientSettings(method: .rk4, controller: .fixed(dt: 0.01), loss: .halfSSE)
        let result = try engine.gradient(batch, method: .adjoint, settings: settings)
        // dL/dα = Σ (y(tⱼ) − y*ⱼ)·(−tⱼ·y(tⱼ)).
        var exact = 0.0
        for (t, target) in zip(times, targets) {
            let y = y0 * exp(-alpha * t)
            exact += (y - target) * (-t * y)
        }
        #expect(result.backward.acceptedSteps == 150)
        #expect(abs(result.parameterGradient[0] - exact) <= 1e-8 * abs(exact))
    }
}
