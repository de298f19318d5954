import Foundation
import Testing
@testable import NeuralODE

@Suite("Adaptive-depth Euler")
struct AdaptiveDepthEulerTests {
    @Test("threshold 0 takes ODESolve's Euler steps and lands on the same state")
    func matchesFixedStep() throws {
        let field = try SystemRegistry.field(named: "van-der-pol")
        let problem = ODEProblem(field: field, t0: 0, t1: 3, y0: [2, 0])
        let fixed = try ODESolve.solve(problem, method: .euler, controller: .fixed(dt: 0.05))
        let adaptive = try AdaptiveDepthEuler.solve(problem, dt: 0.05, threshold: 0)
        #expect(adaptive.steps == fixed.statistics.acceptedSteps && adaptive.steps == 60)
        #expect(adaptive.state == fixed.lastState)
        #expect(!adaptive.stoppedEarly && adaptive.stopTime == 3)
    }

    @Test("stops at the first state where |f| < ε, on y' = −2y")
    func stopsWhenSmall() throws {
        let field = try SystemRegistry.field(named: "exp-decay", parameters: ["k": 2])
        let result = try AdaptiveDepthEuler.solve(ODEProblem(field: field, t0: 0, t1: 5, y0: [1]), dt: 0.1, threshold: 0.1)
        // Euler: y_k = 0.8^k; |f| = 2·0.8^k < 0.1 first at k = 14.
        #expect(result.steps == 14 && result.functionEvaluations == 15)
        #expect(abs(result.state[0] - pow(0.8, 14)) < 1e-14)
        #expect(abs(result.stopTime - 1.4) < 1e-12)
        let norm = try #require(result.stoppingNorm)
        #expect(norm < 0.1 && 2 * pow(0.8, 13) >= 0.1)
    }

    @Test("rejects a bad step, threshold or state")
    func rejects() throws {
        let field = try SystemRegistry.field(named: "exp-decay")
        let problem = ODEProblem(field: field, t0: 0, t1: 1, y0: [1])
        #expect(throws: ODEConfigurationError.self) { try AdaptiveDepthEuler.solve(problem, dt: 0, threshold: 0.1) }
        #expect(throws: ODEConfigurationError.self) { try AdaptiveDepthEuler.solve(problem, dt: 0.1, threshold: -1) }
        #expect(throws: ODEConfigurationError.self) {
            try AdaptiveDepthEuler.solve(ODEProblem(field: field, t0: 0, t1: 1, y0: [1, 2]), dt: 0.1, threshold: 0.1)
        }
    }
}
