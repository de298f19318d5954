/// The adjoint system of Theorem 3.1.1 on z = [y, a, g] (n + n + P doubles), in forward-time form:
/// y' = f(t, y), a' = −aᵀ∂f/∂y, g' = −aᵀ∂f/∂θ. Integrated from t1 back to t0 with g(t1) = 0,
/// a(t0) = ∂L/∂y0 and g(t0) = ∂L/∂θ. Reads only the [y, a] part of z.
struct AugmentedAdjointField<F: DifferentiableField>: StageEvaluator {
    let field: F
    let n: Int
    let parameterCount: Int
    /// n doubles of scratch for −a.
    let negatedAdjoint: UnsafeMutablePointer<Double>

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
}
