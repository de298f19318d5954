import Foundation

/// The stepping loop shared by every method: step-size choice, acceptance, output, statistics, failures.
struct IntegrationLoop<S: Stepper> {
    let stepper: S
    let t0: Double
    let t1: Double
    let controller: StepSizeController
    /// Requested output times in the direction of integration, or nil to save every step.
    let requested: [Double]?

    /// Runs from (t0, y0) to t1; `y0` has `stepper.stateSize` doubles.
    func run(y0: [Double]) -> ODESolution {
        let n = stepper.stateSize
        var statistics = SolveStatistics()
        var times: [Double] = []
        var states: [Double] = []
        if let requested {
            times.reserveCapacity(requested.count)
            states.reserveCapacity(requested.count * n)
        }
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: 3 * n)
        defer { buffer.deallocate() }
        var y = buffer, yNew = buffer + n
        let scratch = buffer + 2 * n
        y0.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            y.update(from: base, count: n)
        }
        var nextOutput = 0
        func save(_ t: Double, _ state: UnsafePointer<Double>) {
            times.append(t)
            states.append(contentsOf: UnsafeBufferPointer(start: state, count: n))
        }
        func finish(t: Double, state: UnsafePointer<Double>, failure: SolveFailure?) -> ODESolution {
            stepper.record(into: &statistics)
            return ODESolution(times: times, states: states, stateSize: n, statistics: statistics, failure: failure,
                               lastTime: t, lastState: Array(UnsafeBufferPointer(start: state, count: n)))
        }

        // Outputs at t0 itself.
        if let requested {
            while nextOutput < requested.count, requested[nextOutput] == t0 {
                save(t0, y)
                nextOutput += 1
            }
        } else {
            save(t0, y)
        }
        if t0 == t1 {
            if let requested {
                while nextOutput < requested.count { save(requested[nextOutput], y); nextOutput += 1 }
            }
            return finish(t: t0, state: y, failure: nil)
        }

        let direction: Double = t1 > t0 ? 1 : -1
        stepper.begin(t: t0, y: y)
        var t = t0

        // Step-size state.
        var fixedSteps = 0
        var fixedDt = 0.0
        var maxSteps: Int
        var pi = PIController()
        var h: Double
        var adaptive = false
        switch controller {
        case .constant(let constant):
            fixedDt = constant.dt
            maxSteps = constant.maxSteps
            // Number of grid steps; a remainder below 1e-9·dt does not make an extra sliver step.
            fixedSteps = max(1, Int((abs(t1 - t0) / fixedDt - 1e-9).rounded(.up)))
            h = direction * fixedDt
            // Reserve for the grid only up to a bound: the step count comes from the user's interval and
            // dt, so it may be far beyond what memory holds (the arrays grow as the steps come).
            let reserved = min(fixedSteps, maxSteps, 1 << 16)
            statistics.acceptedTimes.reserveCapacity(reserved)
            statistics.acceptedStepSizes.reserveCapacity(reserved)
        case .adaptive(let controller):
            pi = controller
            adaptive = true
            maxSteps = controller.maxSteps
            h = direction * min(controller.initialStep ?? initialStep(t: t0, y: y, controller: controller,
                                                                     direction: direction, trial: yNew,
                                                                     scratch: scratch),
                                controller.maxStep)
        }
        let k = Double(stepper.controllerOrder)
        var previousError = 1.0
        var lastRejected = false
        var lastErrorFinite = true
        var attempts = 0
        var accepted = 0

        while direction * (t1 - t) > 0 {
            if attempts >= maxSteps {
                return finish(t: t, state: y, failure: .tooManySteps(t: t, maxSteps: maxSteps))
            }
            var tNew: Double
            if adaptive {
                h = direction * min(abs(h), pi.maxStep)
                if direction * (t + 1.01 * h - t1) >= 0 {
                    h = t1 - t
                    tNew = t1
                } else {
                    tNew = t + h
                }
                if abs(h) < max(pi.minStep, 10 * max(abs(t), abs(tNew)).ulp) {
                    // Shrinking because every attempt came out NaN or infinite is a non-finite state, not stiffness.
                    let failure: SolveFailure = lastErrorFinite ? .stepSizeUnderflow(t: t, h: h) : .nonFiniteState(t: t)
                    return finish(t: t, state: y, failure: failure)
                }
            } else {
                tNew = accepted + 1 >= fixedSteps ? t1 : t0 + Double(accepted + 1) * direction * fixedDt
                h = tNew - t
            }
            attempts += 1
            stepper.attempt(t: t, h: h, y: y, into: yNew)

            var factor = 1.0
            if adaptive {
                let err = pi.errorNorm(stepper.errorEstimate, y: y, yNew: yNew, count: n)
                lastErrorFinite = err.isFinite
                if !(err <= 1) {
                    statistics.rejectedSteps += 1
                    statistics.rejectedTimes.append(t)
                    statistics.rejectedStepSizes.append(h)
                    h *= pi.rejectFactor(error: err, k: k)
                    lastRejected = true
                    continue
                }
                factor = pi.acceptFactor(error: err, previous: previousError, k: k, afterRejection: lastRejected)
                previousError = max(err, 1e-4)
                lastRejected = false
            }
            if !allFinite(yNew, n) {
                return finish(t: t, state: y, failure: .nonFiniteState(t: t))
            }
            accepted += 1
            statistics.acceptedSteps += 1
            statistics.acceptedTimes.append(t)
            statistics.acceptedStepSizes.append(h)

            if let requested {
                let snap = 1e-10 * abs(h)
                while nextOutput < requested.count {
                    let tau = requested[nextOutput]
                    if abs(tau - tNew) <= snap {
                        save(tau, yNew)
                    } else if direction * (tau - tNew) < 0 {
                        stepper.interpolate(t: t, h: h, theta: (tau - t) / h, y: y, yNew: yNew, into: scratch)
                        save(tau, scratch)
                    } else {
                        break
                    }
                    nextOutput += 1
                }
            } else {
                save(tNew, yNew)
            }
            stepper.accept()
            swap(&y, &yNew)
            t = tNew
            h *= factor
        }
        return finish(t: t, state: y, failure: nil)
    }

    /// Hairer's automatic choice of the first step magnitude (Solving ODEs I, II.4); one extra evaluation.
    func initialStep(t: Double, y: UnsafePointer<Double>, controller: PIController, direction: Double,
                     trial yTrial: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>) -> Double {
        let n = stepper.stateSize
        let f0 = stepper.currentDerivative
        var d0 = 0.0, d1 = 0.0
        for i in 0..<n {
            let scale = controller.atol + controller.rtol * abs(y[i])
            d0 += (y[i] / scale) * (y[i] / scale)
            d1 += (f0[i] / scale) * (f0[i] / scale)
        }
        d0 = (d0 / Double(n)).squareRoot()
        d1 = (d1 / Double(n)).squareRoot()
        let span = abs(t1 - t)
        var h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1
        h0 = min(h0, span, controller.maxStep)
        guard h0 > 0, h0.isFinite else { return min(span, controller.maxStep) }
        for i in 0..<n { yTrial[i] = y[i] + direction * h0 * f0[i] }
        stepper.evaluate(t: t + direction * h0, y: yTrial, dy: scratch)
        var d2 = 0.0
        for i in 0..<n {
            let scale = controller.atol + controller.rtol * abs(y[i])
            let r = (scratch[i] - f0[i]) / scale
            d2 += r * r
        }
        d2 = (d2 / Double(n)).squareRoot() / h0
        let dmax = max(d1, d2)
        let h1 = dmax <= 1e-15 || !dmax.isFinite
            ? max(1e-6, h0 * 1e-3)
            : pow(0.01 / dmax, 1.0 / Double(stepper.order + 1))
        return min(100 * h0, h1, span, controller.maxStep)
    }

    @inline(__always)
    private func allFinite(_ y: UnsafePointer<Double>, _ n: Int) -> Bool {
        var sum = 0.0
        for i in 0..<n { sum += y[i] * 0 }
        return sum == 0
    }
}
