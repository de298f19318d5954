/// The adjoint system of Theorem 3.1.1 on z = [y, a, g] (n + n + P doubles), in forward-time form:
/// y' = f(t, y), a' = −aᵀ∂f/∂y, g' = −aᵀ∂f/∂θ. Integrated from t1 back to t0 with g(t1) = 0,
/// a(t0) = ∂L/∂y0 and g(t0) = ∂L/∂θ. Reads only the [y, a] part of z; g is a passive tail.
///
/// A step's error is the largest of the RMS norms of the y, a and g parts (the g part left out
/// when `seminorm`, which makes the steps cheaper and does not spoil g: nothing depends on it).
struct AugmentedAdjointField<F: DifferentiableField>: StageEvaluator {
    let field: F
    let n: Int
    let parameterCount: Int
    /// n doubles of scratch for −a.
    let negatedAdjoint: UnsafeMutablePointer<Double>
    /// Whether the error norm leaves out the g part.
    var seminorm = false

    var dynamicCount: Int { 2 * n }
    var errorCount: Int { seminorm ? 2 * n : 2 * n + parameterCount }

    @inline(__always)
    func evaluate(t: Double, y z: UnsafePointer<Double>, dy dz: UnsafeMutablePointer<Double>, slot: Int) {
        field.evaluate(t: t, y: z, dy: dz)
        let a = z + n
        for i in 0..<n { negatedAdjoint[i] = -a[i] }
        let dg = dz + 2 * n
        for i in 0..<parameterCount { dg[i] = 0 }
        // The VJP with v = −a gives −aᵀ∂f/∂y and accumulates −aᵀ∂f/∂θ: no negation pass over θ.
        field.vjp(t: t, y: z, v: negatedAdjoint, vy: dz + n, vtheta: dg)
    }

    /// The largest of the RMS norms of the y, a (and g) parts.
    func errorNorm(_ error: UnsafePointer<Double>, y z: UnsafePointer<Double>, yNew zNew: UnsafePointer<Double>,
                   _ controller: PIController) -> Double {
        var norm = 0.0
        for part in 0..<(seminorm ? 2 : 3) {
            let start = part * n, count = part == 2 ? parameterCount : n
            if count == 0 { continue }
            var sum = 0.0
            for i in start..<(start + count) {
                let scale = controller.atol + controller.rtol * max(abs(z[i]), abs(zNew[i]))
                let r = error[i] / scale
                sum += r * r
            }
            norm = max(norm, (sum / Double(count)).squareRoot())
        }
        return norm
    }
}
