import Foundation
import Testing
@testable import NeuralODE

@Suite struct AnalysisHorizonGradientTests {
    /// y' = w·y + b as a network with no hidden layer (one linear layer).
    private func linearModel(w: Double, b: Double) -> MLP {
        var model = MLP(stateDim: 1, hidden: [], seed: 0)
        model.parameters = [w, b]
        return model
    }

    @Test func gradientNormsMatchTheClosedFormOfALinearModel() throws {
        // Truth y' = a·y; model y' = w·y + b with b = 0: ŷ = y₀e^{wt}. With n + 1 rows every h,
        // L = mean (ŷ_k − y_k)², ∂L/∂w = 2/(n+1) Σ (ŷ_k − y_k)·y₀t_k e^{wt_k},
        // ∂L/∂b = 2/(n+1) Σ (ŷ_k − y_k)·(e^{wt_k} − 1)/w.
        let a = 0.9, w = 0.95, y0 = 1.3
        var measurement = HorizonGradient(from: 0.2, to: 3, count: 8)
        measurement.fitFrom = 0.5
        let result = try measurement.measure(model: linearModel(w: w, b: 0),
                                             truth: LinearTestField(matrix: [a], stateSize: 1), starts: [[y0]])
        for (h, T) in result.horizons.enumerated() {
            let n = Int((T / 0.01).rounded())
            var dw = 0.0, db = 0.0
            for k in 0...n {
                let t = Double(k) * 0.01
                let residual = y0 * exp(w * t) - y0 * exp(a * t)
                dw += 2 * residual * y0 * t * exp(w * t) / Double(n + 1)
                db += 2 * residual * (exp(w * t) - 1) / w / Double(n + 1)
            }
            let exact = (dw * dw + db * db).squareRoot()
            #expect(abs(result.norms[0][h] - exact) < 1e-7 * exact, "T = \(T)")
        }
        // Horizons sit on the observation grid and the median of one start is that start.
        #expect(result.horizons.allSatisfy { abs($0 / 0.01 - ($0 / 0.01).rounded()) < 1e-9 })
        #expect(result.medianNorms == result.norms[0])
    }

    @Test func theGrowthRateIsTheSlopeOfTheLogarithm() {
        let x = [0.5, 1, 2, 3, 4.5]
        #expect(abs(HorizonGradient.slope(x: x, y: x.map { 0.7 * $0 - 2 }) - 0.7) < 1e-12)
        #expect(HorizonGradient.slope(x: [1], y: [2]).isNaN)
        #expect(HorizonGradient.median([3, 1, 2]) == 2 && HorizonGradient.median([4, 1, 2, 3]) == 2.5)
    }

    @Test func aChaoticModelsGradientGrowsFasterThanAStableOnes() throws {
        // A model off by b = 0.01 from its truth: contracting (a = w = −0.9), the gradient levels off
        // (closed form: rate 0.59 over T in [0.5, 4], from a norm that still grows at short T);
        // expanding (a = w = 0.9), residual and sensitivity both grow like e^{aT}: rate 2.30.
        let stable = try HorizonGradient(from: 0.5, to: 4, count: 6).measure(
            model: linearModel(w: -0.9, b: 0.01), truth: LinearTestField(matrix: [-0.9], stateSize: 1), starts: [[1]])
        let unstable = try HorizonGradient(from: 0.5, to: 4, count: 6).measure(
            model: linearModel(w: 0.9, b: 0.01), truth: LinearTestField(matrix: [0.9], stateSize: 1), starts: [[1]])
        #expect(abs(stable.growthRate - 0.586) < 0.01)
        #expect(abs(unstable.growthRate - 2.297) < 0.01)
        #expect(throws: LyapunovError.self) {
            try HorizonGradient().measure(model: linearModel(w: 1, b: 0), truth: LinearTestField(matrix: [1, 0, 0, 1], stateSize: 2),
                                          starts: [[1, 1]])
        }
    }
}
