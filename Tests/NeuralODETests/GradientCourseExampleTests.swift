import Foundation
import Testing
@testable import NeuralODE

/// Example 3.1.2 of the course: f(y) = w₂·tanh(w₁y + b₁) + b₂ with w₁ = 1.5, b₁ = 0, w₂ = −2, b₂ = 0,
/// y(0) = 1, Euler with dt = 0.25 on [0, 0.5], y*(0.5) = 0.37, L = ½(y(0.5) − y*)².
///
/// The course prints dL/dw₂ ≈ +0.0862; it evaluated ∂f/∂y and ∂f/∂w₂ at y₁ where it says y₂ and
/// left out [0, 0.25]. The true values are computed here by hand, independently of the library.
@Suite("Course Example 3.1.2")
struct GradientCourseExampleTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let w1 = 1.5, w2 = -2.0, target = 0.37, dt = 0.25

    /// y₂ and the chain rule through the two Euler steps: (y₂, dy₂/dw₂, dy₂/dy₀).
    static func handChainRule() -> (y2: Double, dw2: Double, dy0: Double) {
        let y0 = 1.0
        let f0 = w2 * tanh(w1 * y0)
        let y1 = y0 + dt * f0
        let f1 = w2 * tanh(w1 * y1)
        let y2 = y1 + dt * f1
        let sech2At1 = 1 - tanh(w1 * y1) * tanh(w1 * y1)
        let sech2At0 = 1 - tanh(w1 * y0) * tanh(w1 * y0)
        let dfdyAt1 = w2 * w1 * sech2At1, dfdyAt0 = w2 * w1 * sech2At0
        let dy1dw2 = dt * tanh(w1 * y0)
        let dy2dw2 = dy1dw2 * (1 + dt * dfdyAt1) + dt * tanh(w1 * y1)
        let dy2dy0 = (1 + dt * dfdyAt0) * (1 + dt * dfdyAt1)
        return (y2, dy2dw2, dy2dy0)
    }

    /// dL/dw₂ of the continuous problem: y and s = ∂y/∂w₂ (s' = f_y·s + tanh(w₁y)) by hand-written RK4.
    static func continuousGradient(steps: Int) -> Double {
        func rhs(_ y: Double, _ s: Double) -> (Double, Double) {
            let th = tanh(w1 * y)
            return (w2 * th, w2 * w1 * (1 - th * th) * s + th)
        }
        var y = 1.0, s = 0.0
        let h = 0.5 / Double(steps)
        for _ in 0..<steps {
            let k1 = rhs(y, s)
            let k2 = rhs(y + h / 2 * k1.0, s + h / 2 * k1.1)
            let k3 = rhs(y + h / 2 * k2.0, s + h / 2 * k2.1)
            let k4 = rhs(y + h * k3.0, s + h * k3.1)
            y += h / 6 * (k1.0 + 2 * k2.0 + 2 * k3.0 + k4.0)
            s += h / 6 * (k1.1 + 2 * k2.1 + 2 * k3.1 + k4.1)
        }
        return (y - target) * s
    }

    func engine() throws -> GradientEngine<MLPField> {
        let mlp = try ModelFile.load(path: Self.packageRoot.appendingPathComponent("assets/models/example-3.1.1.json").path)
        #expect(mlp.parameters == [Self.w1, 0, Self.w2, 0])
        return GradientEngine(field: MLPField(mlp))
    }

    func batch() throws -> ObservationBatch {
        try ObservationBatch(t0: 0, times: [0.5], initialStates: [1], targets: [Self.target],
                             trajectoryCount: 1, stateDimension: 1)
    }

    @Test("backprop through the two Euler steps gives the true dL/dw₂ ≈ −0.0486, not +0.0862")
    func discretisedGradient() throws {
        let hand = Self.handChainRule()
        let residual = hand.y2 - Self.target
        let dLdw2 = residual * hand.dw2, dLdy0 = residual * hand.dy0
        #expect(abs(hand.y2 - 0.2096) < 5e-5)
        #expect(dLdw2 < 0 && abs(dLdw2 + 0.0486) < 5e-4, "hand chain rule: \(dLdw2)")
        let engine = try engine()
        let settings = GradientSettings(method: .euler, controller: .fixed(dt: Self.dt), loss: .halfSSE)
        let backprop = try engine.gradient(try batch(), method: .backprop, settings: settings)
        let reference = try engine.gradient(try batch(), method: .finiteDifference, settings: settings)
        #expect(backprop.forward.acceptedSteps == 2)
        #expect(abs(backprop.loss - 0.5 * residual * residual) <= 1e-15)
        #expect(abs(backprop.parameterGradient[2] - dLdw2) <= 1e-12 * abs(dLdw2))
        #expect(abs(backprop.initialStateGradient[0] - dLdy0) <= 1e-12 * abs(dLdy0))
        #expect(abs(reference.parameterGradient[2] - dLdw2) <= 1e-7 * abs(dLdw2))
    }

    @Test("the continuous adjoint gives the continuous problem's dL/dw₂")
    func continuousAdjoint() throws {
        let exact = Self.continuousGradient(steps: 4000)
        #expect(abs(exact - Self.continuousGradient(steps: 2000)) < 1e-12)
        let engine = try engine()
        let settings = GradientSettings(method: .dopri5, controller: .tolerances(rtol: 1e-11, atol: 1e-13),
                                        loss: .halfSSE)
        let adjoint = try engine.gradient(try batch(), method: .adjoint, settings: settings)
        #expect(adjoint.succeeded)
        #expect(exact < 0)
        #expect(abs(adjoint.parameterGradient[2] - exact) <= 1e-8 * abs(exact),
                "adjoint \(adjoint.parameterGradient[2]) vs forward sensitivity \(exact)")
    }
}
