import Foundation

/// Lyapunov exponents by the tangent dynamics with periodic QR re-orthonormalisation (Benettin et al. 1980; Shimada and Nagashima 1979).
///
/// The state and k tangent vectors are integrated together as one `TangentDynamics` field through
/// `ODESolve`; every `interval` (shortened so that equal segments fill the run) the tangent frame
/// is replaced by the Q of its QR decomposition (modified Gram–Schmidt, two passes so that a frame
/// spanning exponents far apart stays orthogonal to rounding) and log Rᵢᵢ is added to the i-th
/// sum. After the transient, the sums divided by the elapsed time are the running estimates; the
/// last are the exponents. With k = d
/// the exponents' sum equals the time average of tr J (Liouville), which is integrated alongside
/// as an independent check.
///
/// ```swift
/// let lorenz = try SystemRegistry.field(named: "lorenz")
/// let spectrum = try LyapunovSpectrum.estimate(lorenz, y0: [1, 1, 1])   // ≈ (0.906, 0, −14.57)
/// ```
public enum LyapunovSpectrum {
    /// The spectrum of `field` (one state of d components) from `y0`.
    public static func estimate<F: JacobianField>(_ field: F, y0: [Double], t0: Double = 0,
                                                  settings: LyapunovSettings = LyapunovSettings())
        throws(LyapunovError) -> LyapunovResult {
        let d = field.stateSize
        guard d >= 1 else { throw .invalid("the system has no state") }
        guard y0.count == d else { throw .invalid("the initial state has \(y0.count) values but the system has dimension \(d)") }
        guard y0.allSatisfy(\.isFinite) else { throw .invalid("the initial state must be finite") }
        if let message = settings.validationMessage(dimension: d) { throw .invalid(message) }
        let k = settings.exponents ?? d
        let tangent = TangentDynamics(base: field, vectors: k)
        var frame = [Double](repeating: 0, count: k * d)
        for i in 0..<k { frame[i * d + i] = 1 }
        var state = tangent.initialState(state: y0, vectors: frame)
        var t = t0
        var evaluations = 0

        let transientSegments = Self.segments(settings.transient, interval: settings.interval)
        for segment in stride(from: 1, through: transientSegments, by: 1) {
            let next = t0 + settings.transient * Double(segment) / Double(transientSegments)
            state = try advance(tangent, state: state, from: t, to: next, settings: settings, evaluations: &evaluations)
            _ = try orthonormalise(&state, tangent: tangent)
            t = next
        }
        state[tangent.traceOffset] = 0

        let segments = Self.segments(settings.duration, interval: settings.interval)
        let recordEvery = max(1, Int((Double(segments) / Double(settings.maxRecords - 1)).rounded(.up)))
        var sums = [Double](repeating: 0, count: k)
        var times: [Double] = [], estimates: [Double] = []
        let start = t
        for segment in 1...segments {
            let next = start + settings.duration * Double(segment) / Double(segments)
            state = try advance(tangent, state: state, from: t, to: next, settings: settings, evaluations: &evaluations)
            let logs = try orthonormalise(&state, tangent: tangent)
            for i in 0..<k { sums[i] += logs[i] }
            t = next
            if segment % recordEvery == 0 || segment == segments {
                times.append(t - start)
                estimates.append(contentsOf: sums.map { $0 / (t - start) })
            }
        }
        let elapsed = t - start
        let exponents = sums.map { $0 / elapsed }
        return LyapunovResult(exponents: exponents, dimension: d, times: times, estimates: estimates,
                              traceAverage: state[tangent.traceOffset] / elapsed,
                              finalState: Array(state[0..<d]), evaluations: evaluations)
    }

    /// Equal segments no longer than `interval` covering `length` (0 for an empty length).
    static func segments(_ length: Double, interval: Double) -> Int {
        length > 0 ? max(1, Int((length / interval * (1 - 1e-12)).rounded(.up))) : 0
    }

    private static func advance<F: JacobianField>(_ tangent: TangentDynamics<F>, state: [Double], from t0: Double,
                                                  to t1: Double, settings: LyapunovSettings,
                                                  evaluations: inout Int) throws(LyapunovError) -> [Double] {
        let problem = ODEProblem(field: tangent, t0: t0, t1: t1, y0: state)
        let solution: ODESolution
        do {
            solution = try ODESolve.solve(problem, method: settings.method, controller: settings.controller, saveAt: .final)
        } catch {
            throw .invalid(error.description)
        }
        evaluations += solution.statistics.functionEvaluations
        if let failure = solution.failure { throw .solveFailed(failure) }
        return solution.lastState
    }

    /// Replaces the tangent vectors by an orthonormal basis of the same nested spans; returns log Rᵢᵢ.
    static func orthonormalise<F: JacobianField>(_ state: inout [Double], tangent: TangentDynamics<F>)
        throws(LyapunovError) -> [Double] {
        let d = tangent.dimension, k = tangent.vectorCount
        var logs = [Double](repeating: 0, count: k)
        for i in 0..<k {
            let vi = tangent.vectorOffset(i)
            for _ in 0..<2 {
                for j in 0..<i {
                    let vj = tangent.vectorOffset(j)
                    var dot = 0.0
                    for c in 0..<d { dot += state[vi + c] * state[vj + c] }
                    for c in 0..<d { state[vi + c] -= dot * state[vj + c] }
                }
            }
            var norm = 0.0
            for c in 0..<d { norm += state[vi + c] * state[vi + c] }
            norm = norm.squareRoot()
            guard norm > 0, norm.isFinite else { throw .degenerateFrame(vector: i + 1) }
            for c in 0..<d { state[vi + c] /= norm }
            logs[i] = Foundation.log(norm)
        }
        return logs
    }
}
