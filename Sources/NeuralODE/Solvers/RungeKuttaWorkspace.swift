/// Stage buffers and coefficients for stepping one explicit Runge–Kutta tableau; made once per solve.
///
/// Nothing here allocates after `init`. The driver in `ODESolve` caches the first stage between
/// steps (FSAL or not); the public `step` recomputes every stage, so it can re-run any recorded
/// step (t, h) from its starting state, e.g. for backpropagation through the accepted steps.
/// After `step`, `stage(i)` holds kᵢ = f(t + cᵢh, Yᵢ) and `stageInput(i)` holds Yᵢ.
public final class RungeKuttaWorkspace {
    /// The method being stepped.
    public let tableau: ButcherTableau
    /// Number of doubles in the state.
    public let stateSize: Int
    /// Number of calls of the vector field made through this workspace so far.
    public internal(set) var evaluations = 0

    let stageCount: Int
    let hasError: Bool
    let hasDense: Bool
    let denseDegree: Int
    let coefficients: UnsafeMutablePointer<Double>   // a (s×s row-major), b, c, e, dense weights, dense polynomials
    let storage: UnsafeMutablePointer<Double>
    let k: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    let inputs: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    /// Local error estimate h·Σ eᵢkᵢ of the last step (zero for methods without an embedded pair).
    public let error: UnsafeMutablePointer<Double>
    var fNext: UnsafeMutablePointer<Double>
    var fNextValid = false
    var firstStageValid = false

    var aCoef: UnsafeMutablePointer<Double> { coefficients }
    var bCoef: UnsafeMutablePointer<Double> { coefficients + stageCount * stageCount }
    var cCoef: UnsafeMutablePointer<Double> { coefficients + stageCount * (stageCount + 1) }
    var eCoef: UnsafeMutablePointer<Double> { coefficients + stageCount * (stageCount + 2) }
    var denseWeights: UnsafeMutablePointer<Double> { coefficients + stageCount * (stageCount + 3) }
    var densePolynomials: UnsafeMutablePointer<Double> { coefficients + stageCount * (stageCount + 4) }

    /// Makes buffers for `tableau` on states of `stateSize` doubles.
    public init(tableau: ButcherTableau, stateSize: Int) {
        precondition(stateSize > 0, "state size must be positive")
        self.tableau = tableau
        self.stateSize = stateSize
        let s = tableau.stages
        stageCount = s
        hasError = tableau.errorWeights != nil
        hasDense = tableau.dense != nil
        let degree = tableau.dense?.map(\.count).max() ?? 0
        denseDegree = degree
        let coefficientCount = s * (s + 4 + degree)
        coefficients = .allocate(capacity: coefficientCount)
        coefficients.initialize(repeating: 0, count: coefficientCount)
        for i in 0..<s {
            for (j, value) in tableau.a[i].enumerated() { coefficients[i * s + j] = value }
        }
        for i in 0..<s {
            coefficients[s * s + i] = tableau.b[i]
            coefficients[s * (s + 1) + i] = tableau.c[i]
            coefficients[s * (s + 2) + i] = tableau.errorWeights?[i] ?? 0
            for (j, value) in (tableau.dense?[i] ?? []).enumerated() {
                coefficients[s * (s + 4) + i * degree + j] = value
            }
        }
        // Buffers: s stages, s stage inputs, error, fNext.
        storage = .allocate(capacity: (2 * s + 2) * stateSize)
        storage.initialize(repeating: 0, count: (2 * s + 2) * stateSize)
        k = .allocate(capacity: s)
        inputs = .allocate(capacity: s)
        for i in 0..<s {
            (k + i).initialize(to: storage + i * stateSize)
            (inputs + i).initialize(to: storage + (s + i) * stateSize)
        }
        error = storage + 2 * s * stateSize
        fNext = storage + (2 * s + 1) * stateSize
    }

    deinit {
        coefficients.deallocate()
        storage.deallocate()
        k.deallocate()
        inputs.deallocate()
    }

    /// Stage derivative kᵢ of the last step (0-based).
    public func stage(_ i: Int) -> UnsafePointer<Double> { UnsafePointer(k[i]) }

    /// Stage input Yᵢ = y + h·Σⱼ aᵢⱼkⱼ of the last step (Y₀ is a copy of y).
    public func stageInput(_ i: Int) -> UnsafePointer<Double> { UnsafePointer(inputs[i]) }

    /// Takes one step of size `h` (negative to go backward) from (t, y), writing y(t + h) into `yNew`.
    ///
    /// Evaluates every stage afresh (`tableau.stages` evaluations); `error` receives the local
    /// error estimate. `y` and `yNew` must not alias.
    public func step<F: VectorField>(_ field: F, t: Double, h: Double,
                                     y: UnsafePointer<Double>, into yNew: UnsafeMutablePointer<Double>) {
        firstStageValid = false
        advance(field, t: t, h: h, y: y, into: yNew)
    }

    /// Sets k₁ = f(t, y) for the next `advance` (the start of a solve).
    func begin<F: VectorField>(_ field: F, t: Double, y: UnsafePointer<Double>) {
        field.evaluate(t: t, y: y, dy: k[0])
        evaluations += 1
        firstStageValid = true
    }

    /// f(t, y) at the current point (valid after `begin` or `accept`).
    var currentDerivative: UnsafePointer<Double> { UnsafePointer(k[0]) }

    /// One step reusing a cached first stage when there is one.
    func advance<F: VectorField>(_ field: F, t: Double, h: Double,
                                 y: UnsafePointer<Double>, into yNew: UnsafeMutablePointer<Double>) {
        let n = stateSize
        let s = stageCount
        let a = aCoef, c = cCoef
        let y0 = inputs[0]
        y0.update(from: y, count: n)
        if !firstStageValid {
            field.evaluate(t: t, y: y, dy: k[0])
            evaluations += 1
            firstStageValid = true
        }
        fNextValid = false
        var i = 1
        while i < s {
            let yi = inputs[i]
            let row = a + i * s
            for m in 0..<n {
                var acc = 0.0
                var j = 0
                while j < i {
                    acc += row[j] * k[j][m]
                    j += 1
                }
                yi[m] = y[m] + h * acc
            }
            field.evaluate(t: t + c[i] * h, y: yi, dy: k[i])
            evaluations += 1
            i += 1
        }
        if tableau.isFSAL {
            // The last stage input is the new state exactly.
            yNew.update(from: inputs[s - 1], count: n)
        } else {
            let b = bCoef
            for m in 0..<n {
                var acc = 0.0
                for j in 0..<s { acc += b[j] * k[j][m] }
                yNew[m] = y[m] + h * acc
            }
        }
        if hasError {
            let e = eCoef
            for m in 0..<n {
                var acc = 0.0
                for j in 0..<s { acc += e[j] * k[j][m] }
                error[m] = h * acc
            }
        }
    }

    /// Writes the interpolant at t + θh of the last step (t, h, y → yNew) into `out`.
    ///
    /// Uses the tableau's dense output y + h·Σ bᵢ(θ)kᵢ, or cubic Hermite through (y, f(t, y)) and
    /// (yNew, f(t+h, yNew)); for a non-FSAL tableau the latter costs one evaluation per step (the
    /// solve loop reuses it as the next k₁). Call it after `step` and before stepping again.
    public func interpolate<F: VectorField>(_ field: F, t: Double, h: Double, theta: Double,
                                     y: UnsafePointer<Double>, yNew: UnsafePointer<Double>,
                                     into out: UnsafeMutablePointer<Double>) {
        let n = stateSize
        let s = stageCount
        if hasDense {
            let w = denseWeights
            let poly = densePolynomials
            let degree = denseDegree
            for i in 0..<s {
                var acc = 0.0
                var power = theta
                for j in 0..<degree {
                    acc += poly[i * degree + j] * power
                    power *= theta
                }
                w[i] = acc
            }
            for m in 0..<n {
                var acc = 0.0
                for j in 0..<s { acc += w[j] * k[j][m] }
                out[m] = y[m] + h * acc
            }
            return
        }
        let f1: UnsafePointer<Double>
        if tableau.isFSAL {
            f1 = UnsafePointer(k[s - 1])
        } else {
            if !fNextValid {
                field.evaluate(t: t + h, y: yNew, dy: fNext)
                evaluations += 1
                fNextValid = true
            }
            f1 = UnsafePointer(fNext)
        }
        let f0 = k[0]
        let th2 = theta * theta, th3 = th2 * theta
        let h00 = 2 * th3 - 3 * th2 + 1, h10 = th3 - 2 * th2 + theta
        let h01 = -2 * th3 + 3 * th2, h11 = th3 - th2
        for m in 0..<n {
            out[m] = h00 * y[m] + h01 * yNew[m] + h * (h10 * f0[m] + h11 * f1[m])
        }
    }

    /// Makes the accepted step's end point the current point, reusing f there as the next k₁ when known.
    func accept() {
        let s = stageCount
        if tableau.isFSAL {
            let first = k[0]
            k[0] = k[s - 1]
            k[s - 1] = first
            firstStageValid = true
        } else if fNextValid {
            let first = k[0]
            k[0] = fNext
            fNext = first
            fNextValid = false
            firstStageValid = true
        } else {
            firstStageValid = false
        }
    }

    /// Forgets the cached first stage (after a rejected step nothing changes: the point is the same).
    func invalidate() {
        firstStageValid = false
        fNextValid = false
    }
}
