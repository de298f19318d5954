import Foundation
import NeuralODE
import Testing

@Suite("Training: optimisers")
struct TrainingOptimizerTests {
    @Test("plain SGD moves against the gradient by lr times it")
    func plainSGD() {
        var optimizer = Optimizer(.sgd, parameterCount: 3)
        var theta = [1.0, -2.0, 0.5]
        optimizer.step(&theta, gradient: [0.5, -0.25, 0], learningRate: 0.1)
        #expect(theta == [0.95, -1.975, 0.5])
        #expect(optimizer.stepCount == 1)
    }

    @Test("SGD with momentum: b = g on the first step, then b = mu b + g")
    func momentumSGD() {
        var optimizer = Optimizer(.sgd(momentum: 0.9), parameterCount: 1)
        var theta = [1.0]
        optimizer.step(&theta, gradient: [0.5], learningRate: 0.1)
        #expect(abs(theta[0] - 0.95) < 1e-15)
        optimizer.step(&theta, gradient: [0.2], learningRate: 0.1)
        // b = 0.9 * 0.5 + 0.2 = 0.65, theta = 0.95 - 0.065
        #expect(abs(theta[0] - 0.885) < 1e-15)
    }

    @Test("Adam's first step is lr times g/(|g| + eps) per parameter (bias correction)")
    func adamFirstStep() {
        var optimizer = Optimizer(.adam, parameterCount: 2)
        var theta = [1.0, -2.0]
        optimizer.step(&theta, gradient: [0.5, -0.1], learningRate: 0.1)
        // 0.1 * 0.5 / (0.5 + 1e-8) = 0.099999998..., 0.1 * 0.1 / (0.1 + 1e-8) = 0.09999999...
        #expect(abs(theta[0] - 0.900000002) < 1e-14)
        #expect(abs(theta[1] - -1.90000001) < 1e-14)
    }

    @Test("Adam's second step matches the textbook formulas m-hat/(sqrt(v-hat) + eps)")
    func adamSecondStep() {
        var optimizer = Optimizer(.adam, parameterCount: 2)
        var theta = [1.0, -2.0]
        let g1 = [0.5, -0.1], g2 = [0.2, 0.3]
        optimizer.step(&theta, gradient: g1, learningRate: 0.1)
        let afterFirst = theta
        optimizer.step(&theta, gradient: g2, learningRate: 0.1)
        for i in 0..<2 {
            let m = 0.9 * (0.1 * g1[i]) + 0.1 * g2[i]
            let v = 0.999 * (0.001 * g1[i] * g1[i]) + 0.001 * g2[i] * g2[i]
            let mHat = m / (1 - 0.9 * 0.9), vHat = v / (1 - 0.999 * 0.999)
            let expected = afterFirst[i] - 0.1 * mHat / (vHat.squareRoot() + 1e-8)
            #expect(abs(theta[i] - expected) < 1e-14)
        }
        // By hand: m = (0.065, 0.021), v = (0.00028975, 0.00009999), so the steps are about 0.08986 and 0.04942.
        #expect(abs((afterFirst[0] - theta[0]) - 0.0898575) < 1e-6)
        #expect(abs((afterFirst[1] - theta[1]) - 0.0494190) < 1e-6)
    }

    @Test("reset forgets the moments: the next step is a first step again")
    func reset() {
        var optimizer = Optimizer(.adam, parameterCount: 1)
        var a = [1.0], b = [1.0]
        optimizer.step(&a, gradient: [3], learningRate: 0.01)
        optimizer.reset()
        optimizer.step(&b, gradient: [0.5], learningRate: 0.01)
        #expect(optimizer.stepCount == 1)
        #expect(abs(b[0] - (1 - 0.01 * 0.5 / (0.5 + 1e-8))) < 1e-15)
    }
}
