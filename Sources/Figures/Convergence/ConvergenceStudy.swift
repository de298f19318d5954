import Foundation
import NeuralODE

/// Global error at t1 against step size for fixed-step solvers, with fitted orders.
///
/// Each method is run with constant steps h from `stepSizes`; the error is the largest component
/// of |y_h(t1) − y_ref(t1)|. The order is the least-squares slope of log error against log h over
/// the points above the round-off floor (1e-13 of the reference's size).
public struct ConvergenceStudy<Field: VectorField> {
    /// One method's runs, in the order of `stepSizes`.
    public struct Series: Sendable {
        public var method: SolverMethod
        public var stepSizes: [Double]
        public var errors: [Double]
        /// Function evaluations of each run.
        public var evaluations: [Int]
        /// The fitted slope, nil with fewer than two usable points.
        public var order: Double?
        /// log10 of the fitted line's error at h = 1 (error ≈ 10^intercept · h^order).
        public var intercept: Double?

        /// The fitted error at step size `h`.
        public func fittedError(at h: Double) -> Double? {
            guard let order, let intercept else { return nil }
            return pow(10, intercept + order * log10(h))
        }
    }

    /// How many steps of a low-order method match a higher-order method's error at one step size.
    public struct Match: Sendable {
        public var coarse: SolverMethod
        public var fine: SolverMethod
        /// The fine method's step size and its error there.
        public var fineStepSize: Double
        public var fineSteps: Int
        public var targetError: Double
        /// Steps of the coarse method predicted from its fitted line.
        public var predictedSteps: Int
        /// The fewest steps whose actual error is at most the target (found by solving).
        public var verifiedSteps: Int
        /// The coarse method's actual errors at `verifiedSteps` and one step fewer.
        public var verifiedError: Double
        public var errorWithOneFewer: Double
    }

    public var field: Field
    public var initialState: [Double]
    public var t0: Double
    public var t1: Double
    /// y(t1) exactly (closed form) or from a tight solve.
    public var reference: [Double]

    public init(field: Field, initialState: [Double], t0: Double = 0, t1: Double, reference: [Double]) {
        self.field = field; self.initialState = initialState; self.t0 = t0; self.t1 = t1; self.reference = reference
    }

    /// y(t1) from dopri5 at rtol 1e-12, atol 1e-14 (the reference when there is no closed form).
    public static func tightReference(_ field: Field, initialState: [Double], t0: Double, t1: Double) throws(FigureError) -> [Double] {
        let s: ODESolution
        do {
            s = try ODESolve.solve(ODEProblem(field: field, t0: t0, t1: t1, y0: initialState), method: .dopri5,
                                   controller: .tolerances(rtol: 1e-12, atol: 1e-14))
        } catch {
            throw .solverSettings(error.description)
        }
        if let failure = s.failure { throw .computationFailed("the reference solve failed: \(failure.description)") }
        return s.lastState
    }

    /// The error at t1 and the evaluations of `method` with constant step `h`.
    public func run(_ method: SolverMethod, stepSize h: Double) throws(FigureError) -> (error: Double, evaluations: Int) {
        let s: ODESolution
        do {
            s = try ODESolve.solve(ODEProblem(field: field, t0: t0, t1: t1, y0: initialState), method: method,
                                   controller: .constant(ConstantStepSize(dt: h, maxSteps: 200_000_000)))
        } catch {
            throw .solverSettings(error.description)
        }
        if let failure = s.failure { throw .computationFailed("\(method.name) with h = \(h) failed: \(failure.description)") }
        var e = 0.0
        for (a, b) in zip(s.lastState, reference) { e = max(e, abs(a - b)) }
        return (e, s.statistics.functionEvaluations)
    }

    /// Runs every method at every step size and fits the orders.
    public func series(methods: [SolverMethod], stepSizes: [Double]) throws(FigureError) -> [Series] {
        let floor = 1e-13 * max(1, reference.map(abs).max() ?? 1)
        var out: [Series] = []
        for m in methods {
            var errors: [Double] = [], evaluations: [Int] = []
            for h in stepSizes {
                let r = try run(m, stepSize: h)
                errors.append(r.error)
                evaluations.append(r.evaluations)
            }
            let usable = zip(stepSizes, errors).filter { $0.1 > floor && $0.1.isFinite }
            let fit = Self.fitLine(x: usable.map { log10($0.0) }, y: usable.map { log10($0.1) })
            out.append(Series(method: m, stepSizes: stepSizes, errors: errors, evaluations: evaluations,
                              order: fit?.slope, intercept: fit?.intercept))
        }
        return out
    }

    /// The fewest steps of `coarse` (fitted in `coarseSeries`) matching `fine`'s error at step `h`.
    ///
    /// The prediction comes from the fitted line; the count is then refined and checked by actual
    /// solves (error · n is nearly constant for a first-order method), so `verifiedSteps` is exact.
    public func match(coarseSeries: Series, fine: SolverMethod, stepSize h: Double,
                      maxSteps: Int = 100_000_000) throws(FigureError) -> Match {
        let span = t1 - t0
        let target = try run(fine, stepSize: h).error
        guard target > 0, let p = coarseSeries.order, let c = coarseSeries.intercept, p > 0 else {
            throw .invalidInput("cannot match: \(fine.name)'s error at h = \(h) is zero or \(coarseSeries.method.name) has no fitted order")
        }
        let hStar = pow(10, (log10(target) - c) / p)
        let predicted = max(1, Int((span / hStar).rounded(.up)))
        guard predicted <= maxSteps else {
            throw .invalidInput("\(coarseSeries.method.name) would need about \(predicted) steps (more than \(maxSteps)) to match")
        }
        var cache: [Int: Double] = [:]
        func error(_ n: Int) throws(FigureError) -> Double {
            if let e = cache[n] { return e }
            let e = try run(coarseSeries.method, stepSize: span / Double(n)).error
            cache[n] = e
            return e
        }
        var n = predicted
        for _ in 0..<6 {
            let scaled = (try error(n)) * pow(Double(n), p) / target
            let next = max(1, Int(pow(scaled, 1 / p).rounded(.up)))
            if next == n || next > maxSteps { break }
            n = next
        }
        var guardCount = 0
        while try error(n) > target, n < maxSteps, guardCount < 50 { n += 1; guardCount += 1 }
        while n > 1, try error(n - 1) <= target, guardCount < 100 { n -= 1; guardCount += 1 }
        return Match(coarse: coarseSeries.method, fine: fine, fineStepSize: h, fineSteps: Int((span / h).rounded(.up)),
                     targetError: target, predictedSteps: predicted, verifiedSteps: n, verifiedError: try error(n),
                     errorWithOneFewer: n > 1 ? try error(n - 1) : .infinity)
    }

    /// Least-squares line through (x, y); nil with fewer than two distinct x.
    static func fitLine(x: [Double], y: [Double]) -> (slope: Double, intercept: Double)? {
        guard x.count >= 2 else { return nil }
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0
        for (a, b) in zip(x, y) {
            sxx += (a - mx) * (a - mx)
            sxy += (a - mx) * (b - my)
        }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        return (slope, my - slope * mx)
    }
}
