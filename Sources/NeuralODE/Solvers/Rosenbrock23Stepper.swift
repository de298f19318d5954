/// The Shampine–Reichelt Rosenbrock 2(3) method (MATLAB's ode23s) for stiff problems.
///
/// Why this method: it is L-stable, a W-method (its order survives an approximate Jacobian, so a
/// finite-difference Jacobian is enough), needs one LU factorisation and three solves per step, has
/// a third-order error estimate that stays reliable at the crude tolerances stiff problems are run
/// at, and has its own interpolant. Each step: W = I − h·d·J with d = 1/(2 + √2),
/// k₁ = W⁻¹(f₀ + h·d·T), k₂ = W⁻¹(f(t + h/2, y + h/2·k₁) − k₁) + k₁, y_new = y + h·k₂,
/// k₃ = W⁻¹(f(t+h, y_new) − e₃₂(k₂ − F₁) − 2(k₁ − f₀) + h·d·T), error h/6·(k₁ − 2k₂ + k₃);
/// T = ∂f/∂t by a forward difference. J and T are computed once per accepted point (reused on rejection).
final class Rosenbrock23Stepper<Field: JacobianField>: Stepper {
    let field: Field
    let stateSize: Int
    let order = 2
    let controllerOrder = 3
    private let d = 1 / (2 + 2.0.squareRoot())
    private let e32 = 6 + 2.0.squareRoot()
    private let storage: UnsafeMutablePointer<Double>
    private var f0: UnsafeMutablePointer<Double>
    private var f2: UnsafeMutablePointer<Double>
    private let k1, k2, k3, f1, dfdt, work, errorBuffer: UnsafeMutablePointer<Double>
    private let jacobian, w: UnsafeMutablePointer<Double>
    private let pivots: UnsafeMutablePointer<Int>
    private var jacobianValid = false
    private var evaluations = 0
    private var jacobianEvaluations = 0
    private var factorisations = 0

    init(field: Field) {
        self.field = field
        let n = field.stateSize
        stateSize = n
        storage = .allocate(capacity: 9 * n + 2 * n * n)
        storage.initialize(repeating: 0, count: 9 * n + 2 * n * n)
        f0 = storage
        f2 = storage + n
        k1 = storage + 2 * n
        k2 = storage + 3 * n
        k3 = storage + 4 * n
        f1 = storage + 5 * n
        dfdt = storage + 6 * n
        work = storage + 7 * n
        errorBuffer = storage + 8 * n
        jacobian = storage + 9 * n
        w = storage + 9 * n + n * n
        pivots = .allocate(capacity: n)
        pivots.initialize(repeating: 0, count: n)
    }

    deinit {
        storage.deallocate()
        pivots.deallocate()
    }

    var errorEstimate: UnsafePointer<Double> { UnsafePointer(errorBuffer) }
    var currentDerivative: UnsafePointer<Double> { UnsafePointer(f0) }
    /// f at the step's end is written here by `attempt`, so it is free before the first one.
    var trialDerivative: UnsafeMutablePointer<Double> { f2 }

    func begin(t: Double, y: UnsafePointer<Double>) {
        evaluate(t: t, y: y, dy: f0)
        jacobianValid = false
    }

    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        field.evaluate(t: t, y: y, dy: dy)
        evaluations += 1
    }

    func attempt(t: Double, h: Double, y: UnsafePointer<Double>, into yNew: UnsafeMutablePointer<Double>) {
        let n = stateSize
        if !jacobianValid {
            field.jacobian(t: t, y: y, into: jacobian)
            jacobianEvaluations += 1
            let delta = ((t + Double.ulpOfOne.squareRoot() * max(abs(t), abs(h))) - t)
            evaluate(t: t + delta, y: y, dy: work)
            for i in 0..<n { dfdt[i] = (work[i] - f0[i]) / delta }
            jacobianValid = true
        }
        let hd = h * d
        for i in 0..<(n * n) { w[i] = -hd * jacobian[i] }
        for i in 0..<n { w[i * n + i] += 1 }
        factorisations += 1
        guard LinearAlgebra.luFactor(w, n: n, pivots: pivots) else {
            for i in 0..<n { errorBuffer[i] = .infinity }
            yNew.update(from: y, count: n)
            return
        }
        for i in 0..<n { k1[i] = f0[i] + hd * dfdt[i] }
        LinearAlgebra.luSolve(w, n: n, pivots: pivots, k1)
        for i in 0..<n { work[i] = y[i] + 0.5 * h * k1[i] }
        evaluate(t: t + 0.5 * h, y: work, dy: f1)
        for i in 0..<n { k2[i] = f1[i] - k1[i] }
        LinearAlgebra.luSolve(w, n: n, pivots: pivots, k2)
        for i in 0..<n {
            k2[i] += k1[i]
            yNew[i] = y[i] + h * k2[i]
        }
        evaluate(t: t + h, y: yNew, dy: f2)
        for i in 0..<n {
            k3[i] = f2[i] - e32 * (k2[i] - f1[i]) - 2 * (k1[i] - f0[i]) + hd * dfdt[i]
        }
        LinearAlgebra.luSolve(w, n: n, pivots: pivots, k3)
        for i in 0..<n { errorBuffer[i] = h / 6 * (k1[i] - 2 * k2[i] + k3[i]) }
    }

    func interpolate(t: Double, h: Double, tNew: Double, theta: Double, y: UnsafePointer<Double>,
                     yNew: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        let scale = 1 / (1 - 2 * d)
        let w1 = theta * (1 - theta) * scale
        let w2 = theta * (theta - 2 * d) * scale
        for i in 0..<stateSize { out[i] = y[i] + h * (w1 * k1[i] + w2 * k2[i]) }
    }

    func accept() {
        swap(&f0, &f2)
        jacobianValid = false
    }

    func record(into statistics: inout SolveStatistics) {
        statistics.functionEvaluations += evaluations
        if let counting = field as? any JacobianEvaluationCounting {
            statistics.functionEvaluations += counting.jacobianEvaluationCalls
        }
        statistics.jacobianEvaluations += jacobianEvaluations
        statistics.luDecompositions += factorisations
    }
}

/// A Jacobian provider that calls the field to build Jacobians and counts those calls.
protocol JacobianEvaluationCounting {
    var jacobianEvaluationCalls: Int { get }
}

extension FiniteDifferenceJacobian: JacobianEvaluationCounting {}
