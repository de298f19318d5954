import Foundation

/// The backward solve of the continuous adjoint: the augmented system [y, a, g] from the last
/// observation time to t0, landing on every observation time to add its jump to a.
///
/// As torchdiffeq's `odeint_adjoint` does, y is reset to the forward solution at each observation
/// time (limiting the drift of re-integrating y backward). The controller is not restarted at
/// observations: the step is only shortened to land on them. The error norm is the largest of the
/// RMS norms of the y, a and g parts (the g part left out with `adjointSeminorm`). Only the
/// augmented state and the stage buffers are kept: memory does not grow with the number of steps.
final class AdjointSolver<F: ParametricField> {
    let field: F
    private(set) var kernel: RungeKuttaKernel?
    private var states: UnsafeMutablePointer<Double>
    private var stateCapacity = 0
    private var acceptedTimes: [Double] = []
    private var acceptedSizes: [Double] = []

    /// The outcome of a backward solve: statistics, failure, and the memory it used.
    struct Pass {
        var statistics = SolveStatistics()
        var failure: SolveFailure?
        var bytes = 0
    }

    init(field: F) {
        self.field = field
        states = .allocate(capacity: 1)
    }

    deinit { states.deallocate() }

    /// a(t0) into `initialGradient` (n) and g(t0) into `parameterGradient` (P), from the forward
    /// predictions (T × n) and the loss cotangents `cotangent` (T × n).
    func run(_ batch: ObservationBatch, settings: GradientSettings, predictions: UnsafePointer<Double>,
             cotangent: UnsafePointer<Double>, initialGradient: UnsafeMutablePointer<Double>,
             parameterGradient: UnsafeMutablePointer<Double>) -> Pass {
        guard let tableau = settings.method.tableau else { preconditionFailure("validated: explicit method") }
        let n = field.stateSize, parameterCount = field.parameterCount
        let size = 2 * n + parameterCount
        if kernel == nil || kernel?.tableau.name != tableau.name || kernel?.stateSize != size {
            kernel = RungeKuttaKernel(tableau: tableau, stateSize: size)
        }
        guard let kernel else { preconditionFailure("made above") }
        if stateCapacity < 2 * size + n {
            states.deallocate()
            states = .allocate(capacity: 2 * size + n)
            stateCapacity = 2 * size + n
        }
        kernel.evaluations = 0
        acceptedTimes.removeAll(keepingCapacity: true)
        acceptedSizes.removeAll(keepingCapacity: true)
        var pass = Pass()
        pass.bytes = ((kernel.stages + 3) * size + 2 * size + n) * 8
        let evaluator = AugmentedAdjointField(field: field, n: n, parameterCount: parameterCount,
                                              negatedAdjoint: states + 2 * size)
        let controller = settings.adjointController ?? settings.controller
        let times = batch.times, t0 = batch.t0
        var j = times.count - 1
        var z = states, zNew = states + size
        var t = times[j]
        // z(t_end) = [y(t_end), ∂L/∂y(t_end), 0].
        for i in 0..<n {
            z[i] = predictions[j * n + i]
            z[n + i] = cotangent[j * n + i]
        }
        for i in 0..<parameterCount { z[2 * n + i] = 0 }
        j -= 1

        func finish(_ failure: SolveFailure?) -> Pass {
            for i in 0..<n { initialGradient[i] = z[n + i] }
            for i in 0..<parameterCount { parameterGradient[i] = z[2 * n + i] }
            pass.failure = failure
            pass.statistics.functionEvaluations = kernel.evaluations
            pass.statistics.acceptedSteps = acceptedTimes.count
            pass.statistics.acceptedTimes = acceptedTimes
            pass.statistics.acceptedStepSizes = acceptedSizes
            return pass
        }

        var adaptive = false
        var pi = PIController()
        var dt = 0.0
        var maxSteps: Int
        switch controller {
        case .constant(let constant):
            dt = constant.dt
            maxSteps = constant.maxSteps
        case .adaptive(let settings):
            pi = settings
            adaptive = true
            maxSteps = settings.maxSteps
        }
        let partCount = settings.adjointSeminorm ? 2 : 3
        if t > t0 { kernel.evaluateFirst(evaluator, t: t, y: z, slot: 0) }
        var h = adaptive ? -min(pi.initialStep ?? initialStep(evaluator, t: t, span: t - t0, z: z, trial: zNew,
                                                               controller: pi, parts: partCount),
                                pi.maxStep) : -dt
        let order = Double(min(tableau.order, tableau.embeddedOrder ?? tableau.order) + 1)
        var previousError = 1.0, lastRejected = false, lastErrorFinite = true
        var attempts = 0

        while t > t0 {
            let target = j >= 0 ? times[j] : t0
            if attempts >= maxSteps { return finish(.tooManySteps(t: t, maxSteps: maxSteps)) }
            var tNew: Double
            if adaptive {
                h = -min(abs(h), pi.maxStep)
                if t + 1.01 * h <= target {
                    h = target - t
                    tNew = target
                } else {
                    tNew = t + h
                }
                if abs(h) < max(pi.minStep, 10 * max(abs(t), abs(tNew)).ulp) {
                    return finish(lastErrorFinite ? .stepSizeUnderflow(t: t, h: h) : .nonFiniteState(t: t))
                }
            } else {
                // Steps of dt from each observation time towards the previous one, the last shortened.
                if t - dt * (1 + 1e-9) <= target {
                    tNew = target
                } else {
                    tNew = t - dt
                }
                h = tNew - t
            }
            attempts += 1
            kernel.attempt(evaluator, t: t, h: h, y: z, into: zNew, slotBase: 0, dynamicCount: 2 * n,
                           errorCount: partCount == 2 ? 2 * n : size)
            var factor = 1.0
            if adaptive {
                let err = errorNorm(kernel.error, z: z, zNew: zNew, n: n, parameterCount: parameterCount,
                                    controller: pi, parts: partCount)
                lastErrorFinite = err.isFinite
                if !(err <= 1) {
                    pass.statistics.rejectedSteps += 1
                    pass.statistics.rejectedTimes.append(t)
                    pass.statistics.rejectedStepSizes.append(h)
                    h *= pi.rejectFactor(error: err, k: order)
                    lastRejected = true
                    continue
                }
                factor = pi.acceptFactor(error: err, previous: previousError, k: order, afterRejection: lastRejected)
                previousError = max(err, 1e-4)
                lastRejected = false
            }
            var finiteCheck = 0.0
            for i in 0..<(2 * n) { finiteCheck += zNew[i] * 0 }   // the θ-part is checked at the end
            if finiteCheck != 0 { return finish(.nonFiniteState(t: t)) }
            acceptedTimes.append(t)
            acceptedSizes.append(h)
            swap(&z, &zNew)
            t = tNew
            h *= factor
            if tNew == target, j >= 0 {
                // Jump at an observation time; y back to the forward solution there.
                for i in 0..<n {
                    z[i] = predictions[j * n + i]
                    z[n + i] += cotangent[j * n + i]
                }
                j -= 1
                if t > t0 { kernel.evaluateFirst(evaluator, t: t, y: z, slot: 0) }
            } else if kernel.isFSAL {
                kernel.acceptFSAL()
            } else if t > t0 {
                kernel.evaluateFirst(evaluator, t: t, y: z, slot: 0)
            }
        }
        // An observation exactly at t0 adds its cotangent to a(t0).
        while j >= 0 {
            for i in 0..<n { z[n + i] += cotangent[j * n + i] }
            j -= 1
        }
        if z != states {
            for i in 0..<size { states[i] = z[i] }
            z = states
        }
        return finish(nil)
    }

    /// The largest of the RMS norms of the y, a (and g) parts of a scaled error.
    private func errorNorm(_ error: UnsafePointer<Double>, z: UnsafePointer<Double>, zNew: UnsafePointer<Double>,
                           n: Int, parameterCount: Int, controller: PIController, parts: Int) -> Double {
        var norm = 0.0
        for part in 0..<parts {
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

    /// Hairer's automatic first step magnitude for the backward solve, in the same norm.
    private func initialStep(_ evaluator: AugmentedAdjointField<F>, t: Double, span: Double,
                             z: UnsafePointer<Double>, trial: UnsafeMutablePointer<Double>,
                             controller: PIController, parts: Int) -> Double {
        guard let kernel else { return span }
        let size = kernel.stateSize, n = evaluator.n, parameterCount = evaluator.parameterCount
        let f0 = kernel.k[0], f1 = kernel.fNext
        let zero = UnsafeMutablePointer<Double>(mutating: z)
        func norm(_ v: UnsafePointer<Double>) -> Double {
            // errorNorm with z as both ends gives the scaled RMS of v.
            errorNorm(v, z: zero, zNew: zero, n: n, parameterCount: parameterCount, controller: controller, parts: parts)
        }
        let d0 = norm(z), d1 = norm(f0)
        var h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1
        h0 = min(h0, span, controller.maxStep)
        guard h0 > 0, h0.isFinite else { return min(span, controller.maxStep) }
        for i in 0..<size { trial[i] = z[i] - h0 * f0[i] }
        evaluator.evaluate(t: t - h0, y: trial, dy: f1, slot: 0)
        kernel.evaluations += 1
        for i in 0..<size { trial[i] = f1[i] - f0[i] }
        let d2 = norm(trial) / h0
        let dmax = max(d1, d2)
        let h1 = dmax <= 1e-15 || !dmax.isFinite
            ? max(1e-6, h0 * 1e-3)
            : pow(0.01 / dmax, 1.0 / Double(kernel.tableau.order + 1))
        return min(100 * h0, h1, span, controller.maxStep)
    }
}
