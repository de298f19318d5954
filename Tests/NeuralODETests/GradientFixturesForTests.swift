import Foundation
import NeuralODE

/// y' = −α·y on a batch of `count` scalar states, θ = [α]: Exercise 3.1.2's system.
final class GradientTestDecay: ParametricField {
    var alpha: Double
    let count: Int
    init(alpha: Double, count: Int = 1) {
        self.alpha = alpha
        self.count = count
    }
    var stateSize: Int { count }
    var parameterCount: Int { 1 }
    var parameters: [Double] { [alpha] }
    func setParameters(_ newValue: [Double]) { alpha = newValue[0] }
    func copy() -> GradientTestDecay { GradientTestDecay(alpha: alpha, count: count) }
    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        for i in 0..<count { dy[i] = -alpha * y[i] }
    }
    func vjp(t: Double, y: UnsafePointer<Double>, v: UnsafePointer<Double>,
             vy: UnsafeMutablePointer<Double>, vtheta: UnsafeMutablePointer<Double>) {
        for i in 0..<count {
            vy[i] = -alpha * v[i]
            vtheta[0] -= v[i] * y[i]
        }
    }
}

enum GradientFixtures {
    /// A batch of `trajectories` 2-D states with targets from a rotation-like curve (not the model's).
    static func planarBatch(trajectories: Int, times: [Double], t0: Double = 0) throws -> ObservationBatch {
        var initial: [Double] = []
        for b in 0..<trajectories { initial += [1 + 0.3 * Double(b), -0.5 + 0.2 * Double(b)] }
        var targets: [Double] = []
        for t in times {
            for b in 0..<trajectories {
                let x = initial[2 * b], y = initial[2 * b + 1]
                targets += [x * cos(t) - y * sin(t), x * sin(t) + y * cos(t)]
            }
        }
        return try ObservationBatch(t0: t0, times: times, initialStates: initial, targets: targets,
                                    trajectoryCount: trajectories, stateDimension: 2)
    }

    /// Euclidean norm of a − b over the norm of b, and the largest |aᵢ − bᵢ| / max|b|.
    static func relativeDifference(_ a: [Double], _ b: [Double]) -> (norm: Double, maxComponent: Double) {
        var diff = 0.0, reference = 0.0, largest = 0.0, scale = 0.0
        for (x, y) in zip(a, b) {
            diff += (x - y) * (x - y)
            reference += y * y
            largest = max(largest, abs(x - y))
            scale = max(scale, abs(y))
        }
        return ((diff / reference).squareRoot(), largest / scale)
    }
}
