import Foundation
import Testing
@testable import NeuralODE

@Suite("Gradient memory")
struct GradientMemoryTests {
    @Test("backprop's tape grows linearly with the steps; the adjoint's memory stays flat")
    func tapeGrowth() throws {
        let batch = try GradientFixtures.planarBatch(trajectories: 2, times: [0, 0.5, 1])
        let mlp = MLP(stateDim: 2, timeInput: true, hidden: [8], activation: .tanh, seed: 2)
        let engine = GradientEngine(field: MLPField(mlp, batchSize: 2))
        var backprop: [Int] = [], adjoint: [Int] = [], steps: [Int] = []
        for count in [10, 100, 1000] {
            let settings = GradientSettings(method: .rk4, controller: .fixed(dt: 1 / Double(count)))
            let b = try engine.gradient(batch, method: .backprop, settings: settings)
            let a = try engine.gradient(batch, method: .adjoint, settings: settings)
            #expect(b.succeeded && a.succeeded)
            steps.append(b.forward.acceptedSteps)
            backprop.append(b.tapeBytes)
            adjoint.append(a.tapeBytes)
        }
        #expect(steps == [10, 100, 1000])
        #expect(backprop[0] > 0)
        #expect(backprop[1] == 10 * backprop[0] && backprop[2] == 100 * backprop[0], "\(backprop)")
        #expect(adjoint[0] > 0 && adjoint[1] == adjoint[0] && adjoint[2] == adjoint[0], "\(adjoint)")
        #expect(backprop[2] > 10 * adjoint[2])
    }
}
