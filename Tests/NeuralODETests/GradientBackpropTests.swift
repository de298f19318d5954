import Foundation
import Testing
@testable import NeuralODE

@Suite("Backpropagation through the solver")
struct GradientBackpropTests {
    struct Case: CustomStringConvertible, Sendable {
        let method: SolverMethod
        let controller: StepSizeController
        var description: String { method.name }
    }

    static let cases: [Case] = [
        Case(method: .euler, controller: .fixed(dt: 0.2)),
        Case(method: .midpoint, controller: .fixed(dt: 0.2)),
        Case(method: .rk4, controller: .fixed(dt: 0.2)),
        Case(method: .rk438, controller: .fixed(dt: 0.2)),
        Case(method: .bs3, controller: .tolerances(rtol: 1e-5, atol: 1e-7)),
        Case(method: .dopri5, controller: .tolerances(rtol: 1e-6, atol: 1e-8)),
        Case(method: .tsit5, controller: .tolerances(rtol: 1e-6, atol: 1e-8)),
    ]

    @Test("agrees with finite differences of the discretised loss", arguments: cases)
    func agreesWithFiniteDifferences(_ c: Case) throws {
        // Times off the dt = 0.2 grid exercise the interpolants; t = 0 is observed too.
        let batch = try GradientFixtures.planarBatch(trajectories: 3, times: [0, 0.3, 0.5, 1.0, 1.7])
        let mlp = MLP(stateDim: 2, timeInput: true, hidden: [8, 8], activation: .tanh, seed: 11)
        let engine = GradientEngine(field: MLPField(mlp, batchSize: 3))
        for loss in LossKind.allCases {
            let settings = GradientSettings(method: c.method, controller: c.controller, loss: loss)
            let backprop = try engine.gradient(batch, method: .backprop, settings: settings)
            let reference = try engine.gradient(batch, method: .finiteDifference, settings: settings)
            #expect(backprop.succeeded && reference.succeeded)
            #expect(backprop.loss == reference.loss)
            #expect(backprop.forward.acceptedSteps > 3)
            let theta = GradientFixtures.relativeDifference(backprop.parameterGradient, reference.parameterGradient)
            let y0 = GradientFixtures.relativeDifference(backprop.initialStateGradient, reference.initialStateGradient)
            #expect(theta.norm < 1e-6, "\(c) \(loss): ∂L/∂θ relative difference \(theta.norm)")
            #expect(y0.norm < 1e-6, "\(c) \(loss): ∂L/∂y0 relative difference \(y0.norm)")
        }
    }

    @Test("the loss equals the mean of squared errors of ODESolve's states")
    func lossMatchesODESolve() throws {
        let times = [0, 0.25, 0.5, 1.25, 2.0]
        let batch = try GradientFixtures.planarBatch(trajectories: 2, times: times)
        let mlp = MLP(stateDim: 2, hidden: [16], activation: .tanh, seed: 5)
        let field = MLPField(mlp, batchSize: 2)
        let engine = GradientEngine(field: field)
        let settings = GradientSettings(method: .dopri5, controller: .tolerances(rtol: 1e-7, atol: 1e-9))
        let evaluation = try engine.loss(batch, settings: settings)
        let solution = try ODESolve.solve(ODEProblem(field: MLPField(mlp, batchSize: 2), t0: 0, t1: 2,
                                                     y0: batch.initialStates),
                                          method: .dopri5, controller: settings.controller, saveAt: .times(times))
        #expect(evaluation.predictions == solution.states)
        #expect(evaluation.statistics.acceptedSteps == solution.statistics.acceptedSteps)
        var sum = 0.0
        for (p, q) in zip(solution.states, batch.targets) { sum += (p - q) * (p - q) }
        #expect(abs(evaluation.loss - sum / Double(batch.targetCount)) <= 1e-15 * sum)
    }
}
