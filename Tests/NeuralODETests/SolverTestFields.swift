import Foundation
import NeuralODE

/// y' = −λy, exact y0·e^(−λt).
struct SolverTestDecay: VectorField {
    var rate = 2.0
    var stateSize: Int { 1 }
    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        dy[0] = -rate * y[0]
    }
    func exact(_ t: Double, y0: Double = 1) -> Double { y0 * exp(-rate * t) }
}

/// A batch of `copies` planar rotations y' = ω·(−y₂, y₁), exact rotation by ωt.
struct SolverTestRotation: VectorField, JacobianField {
    var omega = 1.0
    var copies = 1
    var stateSize: Int { 2 * copies }
    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        for b in 0..<copies {
            dy[2 * b] = -omega * y[2 * b + 1]
            dy[2 * b + 1] = omega * y[2 * b]
        }
    }
    func jacobian(t: Double, y: UnsafePointer<Double>, into jacobian: UnsafeMutablePointer<Double>) {
        let n = stateSize
        for i in 0..<(n * n) { jacobian[i] = 0 }
        for b in 0..<copies {
            jacobian[(2 * b) * n + 2 * b + 1] = -omega
            jacobian[(2 * b + 1) * n + 2 * b] = omega
        }
    }
    func exact(_ t: Double, from y0: [Double]) -> [Double] {
        let c = cos(omega * t), s = sin(omega * t)
        var out = y0
        for b in 0..<copies {
            out[2 * b] = c * y0[2 * b] - s * y0[2 * b + 1]
            out[2 * b + 1] = s * y0[2 * b] + c * y0[2 * b + 1]
        }
        return out
    }
}

/// Non-autonomous and (for large λ) stiff: y' = −λ(y − cos t) − sin t, exact cos t + (y0 − 1)e^(−λt).
struct SolverTestForced: VectorField {
    var lambda = 2.0
    var stateSize: Int { 1 }
    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        dy[0] = -lambda * (y[0] - cos(t)) - sin(t)
    }
    func exact(_ t: Double, y0: Double) -> Double { cos(t) + (y0 - 1) * exp(-lambda * t) }
}

/// y' = y², exact 1/(1/y0 − t): blows up at t = 1/y0.
struct SolverTestBlowUp: VectorField {
    var stateSize: Int { 1 }
    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        dy[0] = y[0] * y[0]
    }
}

/// Van der Pol x' = v, v' = μ(1 − x²)v − x, with its Jacobian.
struct SolverTestVanDerPol: JacobianField {
    var mu: Double
    var stateSize: Int { 2 }
    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        dy[0] = y[1]
        dy[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0]
    }
    func jacobian(t: Double, y: UnsafePointer<Double>, into jacobian: UnsafeMutablePointer<Double>) {
        jacobian[0] = 0
        jacobian[1] = 1
        jacobian[2] = -2 * mu * y[0] * y[1] - 1
        jacobian[3] = mu * (1 - y[0] * y[0])
    }
}

/// The same Van der Pol field without a Jacobian (the solver must difference it).
struct SolverTestVanDerPolPlain: VectorField {
    var mu: Double
    var stateSize: Int { 2 }
    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        dy[0] = y[1]
        dy[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0]
    }
}

/// Least-squares slope of log(error) against log(step).
func solverTestFittedOrder(steps: [Double], errors: [Double]) -> Double {
    let xs = steps.map { log($0) }, ys = errors.map { log($0) }
    let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
    var num = 0.0, den = 0.0
    for (x, y) in zip(xs, ys) {
        num += (x - mx) * (y - my)
        den += (x - mx) * (x - mx)
    }
    return num / den
}

/// Largest absolute difference between two equally long sequences.
func solverTestMaxDifference<A: Collection<Double>, B: Collection<Double>>(_ a: A, _ b: B) -> Double {
    zip(a, b).map { abs($0 - $1) }.max() ?? .infinity
}
