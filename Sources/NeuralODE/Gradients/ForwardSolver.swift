import Foundation

/// The forward solve of the gradient passes: steps like `ODESolve`, saves the states at the
/// observation times, and optionally records every accepted step for backprop or replays a
/// recorded step sequence (finite differences on the discretised problem).
///
/// Step choice matches `ODESolve.solve` with t1 = the last observation time: the same grid for a
/// constant step, the same PI controller decisions for adaptive methods; an observation within
/// 1e-10·|h| of a step's end takes that step's state, others the dense output (cubic Hermite for
/// methods without one). All buffers are kept between runs.
final class ForwardSolver<F: ParametricField> {
    /// Where an observation sits in the solve.
    enum Placement {
        /// At t0: the initial state itself.
        case initial
        /// At the end of accepted step m.
        case stepEnd(Int)
        /// Interpolated at θ inside accepted step m.
        case interpolated(Int, Double)
    }

    /// Plain solve, solve recording the stage evaluations, or replay of given steps (start times, sizes).
    enum Mode {
        case plain
        case record
        case replay(starts: [Double], sizes: [Double])
    }

    /// The outcome of one run.
    struct Pass {
        var statistics = SolveStatistics()
        var failure: GradientFailure?
    }

    let field: F
    private(set) var kernel: RungeKuttaKernel?
    let tape = StageTape()
    /// y, yNew, scratch (3 states).
    private var states: UnsafeMutablePointer<Double>
    private var stateCapacity = 0
    /// States at the observation times, T × n.
    private(set) var predictions: UnsafeMutablePointer<Double>
    private var predictionCapacity = 0
    /// Start time, size and first-stage tape slot of each accepted step.
    private(set) var stepStarts: UnsafeMutablePointer<Double>
    private(set) var stepSizes: UnsafeMutablePointer<Double>
    private(set) var firstStageSlots: UnsafeMutablePointer<Int>
    private var stepCapacity = 0
    /// Accepted steps of the last run.
    private(set) var stepCount = 0
    /// Placement of each observation of the last run.
    private(set) var placements: [Placement] = []

    init(field: F) {
        self.field = field
        states = .allocate(capacity: 1)
        predictions = .allocate(capacity: 1)
        stepStarts = .allocate(capacity: 1)
        stepSizes = .allocate(capacity: 1)
        firstStageSlots = .allocate(capacity: 1)
    }

    deinit {
        states.deallocate()
        predictions.deallocate()
        stepStarts.deallocate()
        stepSizes.deallocate()
        firstStageSlots.deallocate()
    }

    /// The final state of the last run (valid after a successful run with at least one step).
    var finalState: UnsafePointer<Double> { UnsafePointer(states) }

    /// Solves from the batch's initial states to its last observation time.
    /// `initialStates` replaces the batch's (same count) when given.
    func run(_ batch: ObservationBatch, settings: GradientSettings, mode: Mode,
             initialStates: [Double]? = nil) -> Pass {
        guard let tableau = settings.method.tableau else { preconditionFailure("validated: explicit method") }
        let n = field.stateSize
        prepare(tableau: tableau, stateSize: n, times: batch.timeCount)
        (initialStates ?? batch.initialStates).withUnsafeBufferPointer { source in
            for i in 0..<n { states[i] = source[i] }
        }
        switch mode {
        case .plain:
            return loop(PlainEvaluator(field: field), batch, settings, replay: nil, recording: false)
        case .record:
            tape.reset(slotSize: field.tapeSize)
            return loop(RecordingEvaluator(field: field, tape: tape), batch, settings, replay: nil, recording: true)
        case .replay(let starts, let sizes):
            return loop(PlainEvaluator(field: field), batch, settings, replay: (starts, sizes), recording: false)
        }
    }

    private func prepare(tableau: ButcherTableau, stateSize n: Int, times: Int) {
        if kernel == nil || kernel?.tableau.name != tableau.name || kernel?.stateSize != n {
            kernel = RungeKuttaKernel(tableau: tableau, stateSize: n)
        }
        if stateCapacity < 3 * n {
            states.deallocate()
            states = .allocate(capacity: 3 * n)
            stateCapacity = 3 * n
        }
        if predictionCapacity < times * n {
            predictions.deallocate()
            predictions = .allocate(capacity: times * n)
            predictionCapacity = times * n
        }
        placements.removeAll(keepingCapacity: true)
        placements.reserveCapacity(times)
    }

    private func reserveSteps(_ count: Int) {
        guard count > stepCapacity else { return }
        let capacity = max(count, 2 * stepCapacity, 256)
        func grow<T>(_ old: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
            let new = UnsafeMutablePointer<T>.allocate(capacity: capacity)
            if stepCapacity > 0 { new.moveInitialize(from: old, count: stepCapacity) }
            old.deallocate()
            return new
        }
        stepStarts = grow(stepStarts)
        stepSizes = grow(stepSizes)
        firstStageSlots = grow(firstStageSlots)
        stepCapacity = capacity
    }

    /// The stepping loop; mirrors `IntegrationLoop.run` for forward time.
    private func loop<E: StageEvaluator>(_ evaluator: E, _ batch: ObservationBatch, _ settings: GradientSettings,
                                         replay: ([Double], [Double])?, recording: Bool) -> Pass {
        guard let kernel else { preconditionFailure("prepared") }
        kernel.evaluations = 0
        let n = kernel.stateSize, s = kernel.stages
        var y = states, yNew = states + n
        let scratch = states + 2 * n
        let times = batch.times, count = times.count
        let t0 = batch.t0
        guard let tEnd = times.last else { preconditionFailure("validated: at least one time") }
        var pass = Pass()
        var next = 0
        stepCount = 0

        func store(_ state: UnsafePointer<Double>, _ index: Int) {
            let row = predictions + index * n
            for i in 0..<n { row[i] = state[i] }
        }
        func finish(_ failure: SolveFailure?) -> Pass {
            if let failure {
                pass.failure = .forward(failure)
                for j in next..<count {
                    for i in 0..<n { predictions[j * n + i] = .nan }
                }
            }
            pass.statistics.functionEvaluations = kernel.evaluations
            pass.statistics.acceptedSteps = stepCount
            pass.statistics.acceptedTimes = Array(UnsafeBufferPointer(start: stepStarts, count: stepCount))
            pass.statistics.acceptedStepSizes = Array(UnsafeBufferPointer(start: stepSizes, count: stepCount))
            if y != states {
                for i in 0..<n { states[i] = y[i] }   // finalState reads the first buffer
            }
            return pass
        }

        while next < count, times[next] == t0 {
            store(y, next)
            placements.append(.initial)
            next += 1
        }
        if next == count { return finish(nil) }

        if recording { tape.reserve(slots: 2 * s, keep: 0) }
        reserveSteps(1)
        kernel.evaluateFirst(evaluator, t: t0, y: y, slot: 0)
        var firstSlot = 0
        var t = t0

        var adaptive = false
        var pi = PIController()
        var fixedDt = 0.0, fixedSteps = 0
        var maxSteps: Int
        var h: Double
        switch settings.controller {
        case .constant(let constant):
            fixedDt = constant.dt
            maxSteps = constant.maxSteps
            fixedSteps = max(1, Int(((tEnd - t0) / fixedDt - 1e-9).rounded(.up)))
            h = fixedDt
        case .adaptive(let controller):
            pi = controller
            adaptive = replay == nil
            maxSteps = controller.maxSteps
            h = 0
            if adaptive {
                h = min(controller.initialStep ?? initialStep(evaluator, t: t0, tEnd: tEnd, y: y, trial: yNew,
                                                              controller: controller),
                        controller.maxStep)
            }
        }
        if let replay { maxSteps = replay.1.count }
        let order = Double(min(kernel.tableau.order, kernel.tableau.embeddedOrder ?? kernel.tableau.order) + 1)
        var previousError = 1.0, lastRejected = false, lastErrorFinite = true
        var attempts = 0
        let needsNext = !kernel.hasDense && !kernel.isFSAL

        while t < tEnd {
            if attempts >= maxSteps {
                if replay != nil { break }
                return finish(.tooManySteps(t: t, maxSteps: maxSteps))
            }
            var tNew: Double
            if let replay {
                h = replay.1[stepCount]
                tNew = stepCount + 1 < replay.0.count ? replay.0[stepCount + 1] : tEnd
            } else if adaptive {
                h = min(h, pi.maxStep)
                if t + 1.01 * h - tEnd >= 0 {
                    h = tEnd - t
                    tNew = tEnd
                } else {
                    tNew = t + h
                }
                if h < max(pi.minStep, 10 * max(abs(t), abs(tNew)).ulp) {
                    return finish(lastErrorFinite ? .stepSizeUnderflow(t: t, h: h) : .nonFiniteState(t: t))
                }
            } else {
                tNew = stepCount + 1 >= fixedSteps ? tEnd : t0 + Double(stepCount + 1) * fixedDt
                h = tNew - t
            }
            attempts += 1
            if recording { tape.reserve(slots: (stepCount + 2) * s, keep: (stepCount + 1) * s) }
            reserveSteps(stepCount + 1)
            kernel.attempt(evaluator, t: t, h: h, y: y, into: yNew, slotBase: stepCount * s)

            var factor = 1.0
            if adaptive {
                let err = pi.errorNorm(kernel.error, y: y, yNew: yNew, count: n)
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
            for i in 0..<n { finiteCheck += yNew[i] * 0 }
            if finiteCheck != 0 { return finish(.nonFiniteState(t: t)) }

            stepStarts[stepCount] = t
            stepSizes[stepCount] = h
            firstStageSlots[stepCount] = firstSlot
            var nextReady = false
            let snap = 1e-10 * abs(h)
            while next < count {
                let tau = times[next]
                if abs(tau - tNew) <= snap {
                    store(yNew, next)
                    placements.append(.stepEnd(stepCount))
                } else if tau < tNew {
                    if needsNext && !nextReady {
                        evaluator.evaluate(t: tNew, y: yNew, dy: kernel.fNext, slot: (stepCount + 1) * s)
                        kernel.evaluations += 1
                        nextReady = true
                    }
                    let theta = (tau - t) / h
                    kernel.interpolate(h: h, theta: theta, y: y, yNew: yNew, into: scratch)
                    store(scratch, next)
                    placements.append(.interpolated(stepCount, theta))
                } else {
                    break
                }
                next += 1
            }
            stepCount += 1
            swap(&y, &yNew)
            t = tNew
            h *= factor
            if kernel.isFSAL {
                kernel.acceptFSAL()
                firstSlot = (stepCount - 1) * s + s - 1
            } else if t < tEnd {
                if nextReady {
                    kernel.acceptNext()
                } else {
                    kernel.evaluateFirst(evaluator, t: t, y: y, slot: stepCount * s)
                }
                firstSlot = stepCount * s
            }
        }
        if next < count { return finish(.tooManySteps(t: t, maxSteps: maxSteps)) }
        return finish(nil)
    }

    /// Hairer's automatic first step (Solving ODEs I, II.4), as `IntegrationLoop` chooses it.
    private func initialStep<E: StageEvaluator>(_ evaluator: E, t: Double, tEnd: Double, y: UnsafePointer<Double>,
                                                trial: UnsafeMutablePointer<Double>,
                                                controller: PIController) -> Double {
        guard let kernel else { return tEnd - t }
        let n = kernel.stateSize
        let f0 = kernel.k[0], f1 = kernel.fNext
        var d0 = 0.0, d1 = 0.0
        for i in 0..<n {
            let scale = controller.atol + controller.rtol * abs(y[i])
            d0 += (y[i] / scale) * (y[i] / scale)
            d1 += (f0[i] / scale) * (f0[i] / scale)
        }
        d0 = (d0 / Double(n)).squareRoot()
        d1 = (d1 / Double(n)).squareRoot()
        let span = tEnd - t
        var h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1
        h0 = min(h0, span, controller.maxStep)
        guard h0 > 0, h0.isFinite else { return min(span, controller.maxStep) }
        for i in 0..<n { trial[i] = y[i] + h0 * f0[i] }
        evaluator.evaluate(t: t + h0, y: trial, dy: f1, slot: 1)
        kernel.evaluations += 1
        var d2 = 0.0
        for i in 0..<n {
            let scale = controller.atol + controller.rtol * abs(y[i])
            let r = (f1[i] - f0[i]) / scale
            d2 += r * r
        }
        d2 = (d2 / Double(n)).squareRoot() / h0
        let dmax = max(d1, d2)
        let h1 = dmax <= 1e-15 || !dmax.isFinite
            ? max(1e-6, h0 * 1e-3)
            : pow(0.01 / dmax, 1.0 / Double(kernel.tableau.order + 1))
        return min(100 * h0, h1, span, controller.maxStep)
    }
}
