import NeuralODE

/// Finds an attracting periodic orbit by integrating to convergence on a Poincaré section.
///
/// The section is the hyperplane through a point p of the trajectory, normal to f(p); a return is
/// the next crossing in the direction of the flow that lies closer to p than half the farthest the
/// trajectory got since (so the far side of a non-convex orbit does not count). Each return moves
/// the section to the crossing. The orbit has converged when two successive returns agree in
/// period, in every component's amplitude (relative `tolerance`) and in position. Crossing times are
/// located by cubic Hermite interpolation on the solver's steps, then polished by Newton's method on
/// short solves. One period is then sampled from the last crossing.
public struct LimitCycleFinder: Sendable {
    /// Where the trajectory starts (any state in the orbit's basin of attraction).
    public var start: [Double]
    /// Relative change of period and amplitudes between returns accepted as converged.
    public var tolerance: Double
    /// Most section returns before giving up.
    public var maxReturns: Int
    /// Most integration time before giving up.
    public var maxTime: Double
    /// States sampled over the final period.
    public var samples: Int
    public var rtol: Double
    public var atol: Double
    /// Time integrated before the first section is placed.
    public var transientTime: Double
    /// Most attempted steps of each solve (a chunk of the integration, a crossing, the final period).
    public var maxSteps = 1_000_000

    public init(start: [Double], tolerance: Double = 1e-7, maxReturns: Int = 400, maxTime: Double = 20_000,
                samples: Int = 720, rtol: Double = 1e-11, atol: Double = 1e-12, transientTime: Double = 10) {
        self.start = start; self.tolerance = tolerance; self.maxReturns = maxReturns; self.maxTime = maxTime
        self.samples = samples; self.rtol = rtol; self.atol = atol; self.transientTime = transientTime
    }

    /// One return to the section.
    private struct Return {
        var time: Double
        var point: [Double]
        var period: Double
        var amplitudes: [Double]
    }

    /// The limit cycle the trajectory from `start` converges to.
    public func find<F: VectorField>(in field: F) throws(LimitCycleError) -> LimitCycle {
        let n = field.stateSize
        guard start.count == n else { throw .invalidStart("\(start.count) components for a field of \(n)") }
        guard start.allSatisfy(\.isFinite) else { throw .invalidStart("not finite") }
        var pi = PIController(rtol: rtol, atol: atol)
        pi.maxSteps = maxSteps
        let controller = StepSizeController.adaptive(pi)
        var f0 = [Double](repeating: 0, count: n), f1 = f0
        // A short transient first, so the section is anchored near the attractor.
        let transient = try steps(field, from: start, t0: 0, t1: transientTime, controller: controller)
        var t = transient.lastTime, y = transient.lastState
        guard norm(y) < 1e12 else { throw .diverged(time: t) }
        var anchor = y, anchorTime = t
        var normal = try direction(field, at: anchor, into: &f0)
        var farthest = 0.0
        var low = y, high = y
        var returns: [Return] = []
        var chunk = 10.0
        while t < maxTime {
            let solution = try steps(field, from: y, t0: t, t1: t + chunk, controller: controller)
            var foundReturn = false
            var prev = Array(solution.state(0))
            evaluate(field, t: solution.times[0], prev, into: &f0)
            for i in 1..<solution.count {
                let cur = Array(solution.state(i))
                evaluate(field, t: solution.times[i], cur, into: &f1)
                let g0 = dot(normal, prev, minus: anchor), g1 = dot(normal, cur, minus: anchor)
                if g0 < 0 && g1 >= 0 {
                    let (tc, c) = try crossing(field, t0: solution.times[i - 1], y0: prev, f0: f0,
                                               t1: solution.times[i], y1: cur, f1: f1,
                                               normal: normal, anchor: anchor, controller: controller)
                    let isReturn = distance(c, anchor) < 0.5 * farthest
                    if isReturn || returns.isEmpty {
                        // Before the first return, any crossing re-anchors the section (still in the transient).
                        if !isReturn {
                            anchor = c; anchorTime = tc
                            normal = try direction(field, at: anchor, into: &f1)
                            evaluate(field, t: solution.times[i], cur, into: &f1)
                            farthest = 0; low = c; high = c
                            prev = cur
                            swap(&f0, &f1)
                            continue
                        }
                        let r = Return(time: tc, point: c, period: tc - anchorTime,
                                       amplitudes: zip(high, low).map { ($0 - $1) / 2 })
                        if let last = returns.last, converged(r, last) {
                            return try sample(field, from: r, returns: returns.count + 1, controller: controller)
                        }
                        returns.append(r)
                        if returns.count >= max(2, maxReturns) {
                            throw .notConverged(returns: returns.count, time: tc,
                                                periodChange: relativeChange(r.period, returns[returns.count - 2].period))
                        }
                        if (r.amplitudes.max() ?? 0) < 1e-9 * max(1, norm(c)) { throw .fixedPoint(c) }
                        anchor = c; anchorTime = tc
                        normal = try direction(field, at: anchor, into: &f1)
                        evaluate(field, t: solution.times[i], cur, into: &f1)
                        farthest = 0; low = c; high = c
                        foundReturn = true
                    }
                }
                farthest = max(farthest, distance(cur, anchor))
                let h = solution.times[i] - solution.times[i - 1]
                for k in 0..<n {
                    low[k] = min(low[k], cur[k]); high[k] = max(high[k], cur[k])
                    if (f0[k] > 0) != (f1[k] > 0) {
                        let e = Self.hermiteExtremum(prev[k], h * f0[k], cur[k], h * f1[k])
                        low[k] = min(low[k], e); high[k] = max(high[k], e)
                    }
                }
                guard norm(cur) < 1e12 else { throw .diverged(time: solution.times[i]) }
                prev = cur
                swap(&f0, &f1)
            }
            t = solution.lastTime
            y = solution.lastState
            if !foundReturn {
                evaluate(field, t: t, y, into: &f0)
                if norm(f0) < 1e-10 * max(1, norm(y)) { throw .fixedPoint(y) }
                chunk = min(chunk * 2, 1000)
            }
        }
        let change = returns.count >= 2 ? relativeChange(returns[returns.count - 1].period, returns[returns.count - 2].period) : 1
        throw .notConverged(returns: returns.count, time: t, periodChange: change)
    }

    private func converged(_ r: Return, _ last: Return) -> Bool {
        let scale = max(r.amplitudes.max() ?? 0, 1e-300)
        guard relativeChange(r.period, last.period) <= tolerance else { return false }
        for (a, b) in zip(r.amplitudes, last.amplitudes) where abs(a - b) > tolerance * scale { return false }
        return distance(r.point, last.point) <= 10 * tolerance * scale
    }

    /// One period sampled from the converged return.
    private func sample<F: VectorField>(_ field: F, from r: Return, returns: Int,
                                        controller: StepSizeController) throws(LimitCycleError) -> LimitCycle {
        let m = max(8, samples)
        let solution: ODESolution
        do {
            solution = try ODESolve.solve(ODEProblem(field: field, t0: 0, t1: r.period, y0: r.point), method: .dopri5,
                                          controller: controller, saveAt: .points(m + 1))
        } catch {
            throw .invalidStart(error.description)
        }
        if let failure = solution.failure { throw .solveFailed(failure) }
        let n = solution.stateSize
        let states = Array(solution.states[0..<(m * n)])
        return LimitCycle(period: r.period, amplitudes: r.amplitudes, times: Array(solution.times[0..<m]), states: states,
                          dimension: n, returns: returns, settlingTime: r.time)
    }

    /// The extreme value of the cubic Hermite interpolant with end values `a`, `b` and end slopes
    /// (per unit of s in [0, 1]) `da`, `db` of opposite signs: where its derivative vanishes.
    static func hermiteExtremum(_ a: Double, _ da: Double, _ b: Double, _ db: Double) -> Double {
        func value(_ s: Double) -> Double {
            let s2 = s * s, s3 = s2 * s
            return (2 * s3 - 3 * s2 + 1) * a + (s3 - 2 * s2 + s) * da + (-2 * s3 + 3 * s2) * b + (s3 - s2) * db
        }
        func slope(_ s: Double) -> Double {
            let s2 = s * s
            return (6 * s2 - 6 * s) * a + (3 * s2 - 4 * s + 1) * da + (-6 * s2 + 6 * s) * b + (3 * s2 - 2 * s) * db
        }
        var lo = 0.0, hi = 1.0
        let rising = da > 0
        for _ in 0..<50 {
            let m = (lo + hi) / 2
            if (slope(m) > 0) == rising { lo = m } else { hi = m }
        }
        return value((lo + hi) / 2)
    }

    /// The section crossing between two steps: Hermite interpolation, then Newton on short solves from the first step.
    private func crossing<F: VectorField>(_ field: F, t0: Double, y0: [Double], f0: [Double], t1: Double, y1: [Double],
                                          f1: [Double], normal: [Double], anchor: [Double],
                                          controller: StepSizeController) throws(LimitCycleError) -> (Double, [Double]) {
        let h = t1 - t0
        let g0 = dot(normal, y0, minus: anchor), g1 = dot(normal, y1, minus: anchor)
        let d0 = h * dot(normal, f0), d1 = h * dot(normal, f1)
        // g(s) on s in [0, 1] as a cubic Hermite polynomial; bisection keeps the bracket.
        func g(_ s: Double) -> Double {
            let s2 = s * s, s3 = s2 * s
            return (2 * s3 - 3 * s2 + 1) * g0 + (s3 - 2 * s2 + s) * d0 + (-2 * s3 + 3 * s2) * g1 + (s3 - s2) * d1
        }
        var a = 0.0, b = 1.0
        for _ in 0..<60 {
            let m = (a + b) / 2
            if g(m) < 0 { a = m } else { b = m }
        }
        var tc = t0 + h * (a + b) / 2
        var point = y1
        var fc = f1
        for _ in 0..<3 {
            guard tc - t0 > 1e-14 * max(1, abs(t0)) else { return (t0, y0) }
            let s: ODESolution
            do {
                s = try ODESolve.solve(ODEProblem(field: field, t0: t0, t1: tc, y0: y0), method: .dopri5,
                                       controller: controller, saveAt: .final)
            } catch {
                throw .invalidStart(error.description)
            }
            if let failure = s.failure { throw .solveFailed(failure) }
            point = s.lastState
            evaluate(field, t: tc, point, into: &fc)
            let rate = dot(normal, fc)
            guard rate != 0 else { break }
            let step = dot(normal, point, minus: anchor) / rate
            tc = min(t1, max(t0, tc - step))
            if abs(step) < 1e-15 * max(1, abs(tc)) { break }
        }
        return (tc, point)
    }

    private func steps<F: VectorField>(_ field: F, from y: [Double], t0: Double, t1: Double,
                                       controller: StepSizeController) throws(LimitCycleError) -> ODESolution {
        let s: ODESolution
        do {
            s = try ODESolve.solve(ODEProblem(field: field, t0: t0, t1: t1, y0: y), method: .dopri5,
                                   controller: controller, saveAt: .steps)
        } catch {
            throw .invalidStart(error.description)
        }
        if let failure = s.failure { throw .solveFailed(failure) }
        return s
    }

    /// The unit vector along f at `y`; an equilibrium is an error.
    private func direction<F: VectorField>(_ field: F, at y: [Double], into f: inout [Double]) throws(LimitCycleError) -> [Double] {
        evaluate(field, t: 0, y, into: &f)
        let l = norm(f)
        guard l > 1e-12 * max(1, norm(y)), l.isFinite else { throw .fixedPoint(y) }
        return f.map { $0 / l }
    }

    private func evaluate<F: VectorField>(_ field: F, t: Double, _ y: [Double], into f: inout [Double]) {
        y.withUnsafeBufferPointer { yb in
            f.withUnsafeMutableBufferPointer { fb in
                if let yp = yb.baseAddress, let fp = fb.baseAddress { field.evaluate(t: t, y: yp, dy: fp) }
            }
        }
    }
}

private func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in a.indices { s += a[i] * b[i] }
    return s
}

private func dot(_ n: [Double], _ y: [Double], minus p: [Double]) -> Double {
    var s = 0.0
    for i in n.indices { s += n[i] * (y[i] - p[i]) }
    return s
}

private func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

private func distance(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in a.indices { s += (a[i] - b[i]) * (a[i] - b[i]) }
    return s.squareRoot()
}

private func relativeChange(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(a), 1e-300) }
