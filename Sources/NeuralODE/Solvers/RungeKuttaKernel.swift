/// Coefficients and stage buffers of one explicit Runge–Kutta tableau: the one layout that solves,
/// backprop's reverse pass and the adjoint all use.
///
/// The caller chooses how each stage is evaluated (`StageEvaluator`: plainly, recorded on a tape, the
/// augmented adjoint system); the reverse pass reads the coefficients. Nothing allocates after init.
final class RungeKuttaKernel {
    let tableau: ButcherTableau
    let stages: Int
    let stateSize: Int
    let isFSAL: Bool
    let hasError: Bool
    let hasDense: Bool
    let denseDegree: Int
    /// a (s×s row-major), b, c, e, dense polynomials (s×degree), dense weights scratch (s), powers of θ (degree).
    let coefficients: UnsafeMutablePointer<Double>
    /// Stage derivatives kᵢ (s pointers into `storage`); k[0] is f at the step's start.
    let k: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    /// The current stage input Yᵢ (after a step: the last stage's input).
    let stageInput: UnsafeMutablePointer<Double>
    /// Local error estimate h·Σ eᵢkᵢ of the last attempt.
    let error: UnsafeMutablePointer<Double>
    /// f(t + h, y_new) for cubic Hermite interpolation in methods that are neither FSAL nor dense.
    let fNext: UnsafeMutablePointer<Double>
    private let storage: UnsafeMutablePointer<Double>
    /// The nonzero weights of each stage row of a, then of b and e (rows s and s + 1), in stage order:
    /// row r's terms are `termStages[termStart[r]..<termStart[r + 1]]` with `termWeights` beside them.
    private let termStart: UnsafeMutablePointer<Int>
    private let termStages: UnsafeMutablePointer<Int>
    private let termWeights: UnsafeMutablePointer<Double>
    /// Scratch of dense output: the stages whose weight is nonzero at the θ being interpolated.
    private let denseStages: UnsafeMutablePointer<Int>
    /// Calls of the stage function so far.
    var evaluations = 0

    /// States up to this size form stage inputs entry by entry (the sum in a register); longer ones
    /// stage by stage (loops over the state that vectorise). The same operations in the same order.
    static let entrywiseLimit = 16

    var a: UnsafeMutablePointer<Double> { coefficients }
    var b: UnsafeMutablePointer<Double> { coefficients + stages * stages }
    var c: UnsafeMutablePointer<Double> { coefficients + stages * (stages + 1) }
    var e: UnsafeMutablePointer<Double> { coefficients + stages * (stages + 2) }
    var densePolynomials: UnsafeMutablePointer<Double> { coefficients + stages * (stages + 3) }
    var denseWeights: UnsafeMutablePointer<Double> { coefficients + stages * (stages + 3 + denseDegree) }
    /// θ, θ², …, θ^degree of the last `computeDenseWeights` (scratch).
    var densePowers: UnsafeMutablePointer<Double> { coefficients + stages * (stages + 4 + denseDegree) }

    init(tableau: ButcherTableau, stateSize: Int) {
        self.tableau = tableau
        self.stateSize = stateSize
        let s = tableau.stages
        stages = s
        isFSAL = tableau.isFSAL
        hasError = tableau.errorWeights != nil
        hasDense = tableau.dense != nil
        let degree = tableau.dense?.map(\.count).max() ?? 0
        denseDegree = degree
        let count = s * (s + 4 + degree) + degree
        coefficients = .allocate(capacity: count)
        coefficients.initialize(repeating: 0, count: count)
        for i in 0..<s {
            for (j, value) in tableau.a[i].enumerated() { coefficients[i * s + j] = value }
            coefficients[s * s + i] = tableau.b[i]
            coefficients[s * (s + 1) + i] = tableau.c[i]
            coefficients[s * (s + 2) + i] = tableau.errorWeights?[i] ?? 0
            for (j, value) in (tableau.dense?[i] ?? []).enumerated() {
                coefficients[s * (s + 3) + i * degree + j] = value
            }
        }
        storage = .allocate(capacity: (s + 3) * stateSize)
        storage.initialize(repeating: 0, count: (s + 3) * stateSize)
        k = .allocate(capacity: s)
        for i in 0..<s { (k + i).initialize(to: storage + i * stateSize) }
        stageInput = storage + s * stateSize
        error = storage + (s + 1) * stateSize
        fNext = storage + (s + 2) * stateSize
        termStart = .allocate(capacity: s + 3)
        termStages = .allocate(capacity: s * (s + 2))
        termWeights = .allocate(capacity: s * (s + 2))
        denseStages = .allocate(capacity: max(s, 1))
        var terms = 0
        for row in 0..<(s + 2) {
            termStart[row] = terms
            let weights = row < s ? coefficients + row * s : (row == s ? coefficients + s * s : coefficients + s * (s + 2))
            for j in 0..<(row < s ? row : s) where weights[j] != 0 {
                termStages[terms] = j
                termWeights[terms] = weights[j]
                terms += 1
            }
        }
        termStart[s + 2] = terms
    }

    deinit {
        coefficients.deallocate()
        storage.deallocate()
        k.deallocate()
        termStart.deallocate()
        termStages.deallocate()
        termWeights.deallocate()
        denseStages.deallocate()
    }

    /// Evaluates k₀ = f(t, y) into `k[0]`.
    @inline(__always)
    func evaluateFirst<E: StageEvaluator>(_ evaluator: E, t: Double, y: UnsafePointer<Double>, slot: Int) {
        evaluator.evaluate(t: t, y: y, dy: k[0], slot: slot)
        evaluations += 1
    }

    /// One step of size h from (t, y) into `yNew`, with k[0] = f(t, y) already in place; stage i ≥ 1
    /// is evaluated in slot `slotBase + i`. Fills `error` for embedded pairs.
    ///
    /// Only the first `dynamicCount` entries of the stage inputs are formed (the evaluator must not
    /// read the others: the adjoint's θ-part, which nothing depends on); `yNew` is complete, `error`
    /// holds its first `errorCount` entries.
    func attempt<E: StageEvaluator>(_ evaluator: E, t: Double, h: Double, y: UnsafePointer<Double>,
                                    into yNew: UnsafeMutablePointer<Double>, slotBase: Int,
                                    dynamicCount: Int? = nil, errorCount: Int? = nil) {
        let n = stateSize, s = stages, dynamic = dynamicCount ?? n
        let c = self.c, input = stageInput
        for i in 1..<max(s, 1) {
            // 0 + x = x: each sum starts from its first nonzero term, the same value as a sum from zero.
            combineTerms(row: i, h: h, base: y, into: input, range: 0..<dynamic)
            evaluator.evaluate(t: t + c[i] * h, y: input, dy: k[i], slot: slotBase + i)
        }
        evaluations += s - 1
        if isFSAL {
            // The last stage input is y_new (a_{s−1,j} = b_j); the passive tail is summed the same way.
            for m in 0..<dynamic { yNew[m] = input[m] }
            if dynamic < n { combineTerms(row: s, h: h, base: y, into: yNew, range: dynamic..<n) }
        } else {
            combineTerms(row: s, h: h, base: y, into: yNew, range: 0..<n)
        }
        if hasError { combineTerms(row: s + 1, h: h, base: nil, into: error, range: 0..<(errorCount ?? n)) }
    }

    /// out = base + h·Σⱼ wⱼkⱼ over `range` with the precomputed nonzero weights of `row` (a's rows, then
    /// b, then e; base nil: out = h·Σⱼ wⱼkⱼ; no terms: out = base, or 0). Each entry is summed in stage
    /// order: the first term, + the next, …, then base + h·sum, exactly as `combine` sums.
    @inline(__always)
    private func combineTerms(row: Int, h: Double, base: UnsafePointer<Double>?,
                              into out: UnsafeMutablePointer<Double>, range: Range<Int>) {
        let first = termStart[row], end = termStart[row + 1]
        let lower = range.lowerBound, upper = range.upperBound
        if first == end {
            if let base {
                for m in lower..<upper { out[m] = base[m] }
            } else {
                for m in lower..<upper { out[m] = h * 0 }
            }
            return
        }
        if upper - lower > Self.entrywiseLimit {
            let k0 = UnsafePointer(k[termStages[first]]), w0 = termWeights[first]
            for m in lower..<upper { out[m] = w0 * k0[m] }
            for term in (first + 1)..<end {
                let kj = UnsafePointer(k[termStages[term]]), w = termWeights[term]
                for m in lower..<upper { out[m] += w * kj[m] }
            }
            if let base {
                for m in lower..<upper { out[m] = base[m] + h * out[m] }
            } else {
                for m in lower..<upper { out[m] = h * out[m] }
            }
            return
        }
        let stagesOfTerms = termStages, weights = termWeights, stagePointers = k
        for m in lower..<upper {
            var sum = weights[first] * stagePointers[stagesOfTerms[first]][m]
            for term in (first + 1)..<end {
                sum += weights[term] * stagePointers[stagesOfTerms[term]][m]
            }
            if let base {
                out[m] = base[m] + h * sum
            } else {
                out[m] = h * sum
            }
        }
    }

    /// out = base + h·Σⱼ wⱼkⱼ over `range` (base nil: out = h·Σⱼ wⱼkⱼ). Each entry is summed in stage
    /// order (w₀k₀ + w₁k₁ + …, zero weights skipped, then base + h·sum): entry by entry up to
    /// `entrywiseLimit` entries, else with the loops over the state innermost so they vectorise.
    @inline(__always)
    private func combine(_ w: UnsafePointer<Double>, h: Double, base: UnsafePointer<Double>?,
                         into out: UnsafeMutablePointer<Double>, range: Range<Int>) {
        let lower = range.lowerBound, upper = range.upperBound
        if upper - lower <= Self.entrywiseLimit {
            for m in lower..<upper {
                var sum = 0.0, started = false
                for j in 0..<stages where w[j] != 0 {
                    let term = w[j] * k[j][m]
                    if started { sum += term } else { sum = term; started = true }
                }
                if let base {
                    out[m] = base[m] + h * sum
                } else {
                    out[m] = h * sum
                }
            }
            return
        }
        var first = true
        for j in 0..<stages {
            let coefficient = w[j]
            if coefficient == 0 { continue }
            let kj = UnsafePointer(k[j])
            if first {
                for m in lower..<upper { out[m] = coefficient * kj[m] }
                first = false
            } else {
                for m in lower..<upper { out[m] += coefficient * kj[m] }
            }
        }
        if first {
            for m in lower..<upper { out[m] = 0 }
        }
        if let base {
            for m in lower..<upper { out[m] = base[m] + h * out[m] }
        } else {
            for m in lower..<upper { out[m] = h * out[m] }
        }
    }

    /// Fills `denseWeights` with bᵢ(θ) of the tableau's dense output.
    ///
    /// Each weight is 0 + p₁θ + p₂θ² + … summed in that order, θ^j formed by repeated products (once
    /// for all stages: the same values as forming them per stage).
    func computeDenseWeights(theta: Double) {
        let w = denseWeights, poly = densePolynomials, degree = denseDegree
        let powers = densePowers
        var power = theta
        for j in 0..<degree {
            powers[j] = power
            power *= theta
        }
        for i in 0..<stages {
            let row = poly + i * degree
            var acc = 0.0
            for j in 0..<degree { acc += row[j] * powers[j] }
            w[i] = acc
        }
    }

    /// The interpolant at t + θh of the last attempt: dense output, or cubic Hermite with
    /// f₁ = k[s−1] (FSAL) or `fNext` (which the caller must have filled).
    func interpolate(h: Double, theta: Double, y: UnsafePointer<Double>, yNew: UnsafePointer<Double>,
                     into out: UnsafeMutablePointer<Double>) {
        let n = stateSize
        if hasDense {
            computeDenseWeights(theta: theta)
            if n > Self.entrywiseLimit {
                combine(denseWeights, h: h, base: y, into: out, range: 0..<n)
                return
            }
            // As `combine` sums (zero weights skipped, the first term starting the sum), with the
            // stages of nonzero weight listed once rather than tested for every entry.
            let w = denseWeights, used = denseStages, stagePointers = k
            var count = 0
            for j in 0..<stages where w[j] != 0 {
                used[count] = j
                count += 1
            }
            for m in 0..<n {
                var sum = 0.0
                if count > 0 {
                    sum = w[used[0]] * stagePointers[used[0]][m]
                    for q in 1..<count { sum += w[used[q]] * stagePointers[used[q]][m] }
                }
                out[m] = y[m] + h * sum
            }
            return
        }
        let f0 = k[0], f1 = isFSAL ? k[stages - 1] : fNext
        let w = HermiteWeights(theta: theta)
        for m in 0..<n {
            out[m] = w.y0 * y[m] + w.y1 * yNew[m] + h * (w.f0 * f0[m] + w.f1 * f1[m])
        }
    }

    /// Makes the accepted step's end the current point: for FSAL, k[0] takes the last stage.
    func acceptFSAL() {
        let first = k[0]
        k[0] = k[stages - 1]
        k[stages - 1] = first
    }

    /// Copies `fNext` into k[0] (the next step's first stage when it was evaluated for interpolation).
    func acceptNext() {
        for m in 0..<stateSize { k[0][m] = fNext[m] }
    }
}

/// The four weights of cubic Hermite interpolation at θ ∈ [0, 1] through (y₀, f₀), (y₁, f₁).
struct HermiteWeights {
    let y0: Double, y1: Double, f0: Double, f1: Double

    init(theta: Double) {
        let t2 = theta * theta, t3 = t2 * theta
        y0 = 2 * t3 - 3 * t2 + 1
        y1 = -2 * t3 + 3 * t2
        f0 = t3 - 2 * t2 + theta
        f1 = t3 - t2
    }
}
