import NeuralODE

/// y' = −α·y on one scalar state with θ = [α]: Exercise 3.1.2's system as a differentiable field.
struct LinearDecayField: DifferentiableField {
    var alpha: Double
    var stateSize: Int { 1 }
    var parameterCount: Int { 1 }

    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        dy[0] = -alpha * y[0]
    }

    func vjp(t: Double, y: UnsafePointer<Double>, v: UnsafePointer<Double>,
             vy: UnsafeMutablePointer<Double>, vtheta: UnsafeMutablePointer<Double>) {
        vy[0] = -alpha * v[0]
        vtheta[0] -= v[0] * y[0]
    }
}
