import NeuralODE

/// A Van der Pol model with learnable coefficients θ = (μ, k): x' = v, v' = μ(1 − x²)v − k·x.
///
/// One state (x, v); hand-written vector-Jacobian products. For gradient figures that need a
/// strongly attracting limit cycle (the backward reconstruction of y in the adjoint is then unstable).
final class ParametricVanDerPol: ParametricField {
    private var mu: Double
    private var k: Double

    init(mu: Double, k: Double) {
        self.mu = mu
        self.k = k
    }

    var stateSize: Int { 2 }
    var parameterCount: Int { 2 }
    var parameters: [Double] { [mu, k] }

    func setParameters(_ newValue: [Double]) {
        precondition(newValue.count == 2, "θ = (μ, k)")
        mu = newValue[0]
        k = newValue[1]
    }

    func copy() -> ParametricVanDerPol { ParametricVanDerPol(mu: mu, k: k) }

    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        let x = y[0], v = y[1]
        dy[0] = v
        dy[1] = mu * (1 - x * x) * v - k * x
    }

    func vjp(t: Double, y: UnsafePointer<Double>, v w: UnsafePointer<Double>,
             vy: UnsafeMutablePointer<Double>, vtheta: UnsafeMutablePointer<Double>) {
        let x = y[0], v = y[1]
        vy[0] = w[1] * (-2 * mu * x * v - k)
        vy[1] = w[0] + w[1] * mu * (1 - x * x)
        vtheta[0] += w[1] * (1 - x * x) * v
        vtheta[1] -= w[1] * x
    }
}
