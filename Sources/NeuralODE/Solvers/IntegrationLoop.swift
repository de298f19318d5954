/// What a solve keeps of the steps it takes, and where it may change the state: the integration
/// loop's one extension point besides the stepper.
///
/// Saved outputs (`OutputRecorder`), and the adjoint's jumps at observation times (`AdjointJumps`).
/// The loop lands a step exactly on every `nextStop`; `accepted` may then change the new state
/// (a jump), after which the loop evaluates the system afresh there.
protocol IntegrationRecorder {
    /// The next time a step must end on, or nil when only t1 is.
    var nextStop: Double? { get }
    /// The solve starts at (t0, y).
    mutating func begin(t0: Double, y: UnsafePointer<Double>)
    /// Step t → tNew (size h) from y to `yNew` was accepted; the stepper can still interpolate it.
    /// Returns true when it changed `yNew`.
    mutating func accepted<S: Stepper>(t: Double, h: Double, tNew: Double, y: UnsafePointer<Double>,
                                       yNew: UnsafeMutablePointer<Double>, stepper: S) -> Bool
}

/// How a solve ended: the time reached, the buffer holding the state there, statistics, failure.
struct LoopOutcome {
    var t: Double
    var state: UnsafeMutablePointer<Double>
    var statistics: SolveStatistics
    var failure: SolveFailure?
    /// True when a replayed step sequence ran out before t1 (not a failure of the loop itself).
    var exhausted = false
}

/// The one stepping loop (diffrax's `_integrate.loop` is the model): the stepper evaluates and
/// estimates, `StepControl` chooses, accepts and counts steps, the recorder saves or jumps.
///
/// Plain solves (`ODESolve`), the gradient passes' forward solve (recording a tape or replaying a
/// step sequence) and the adjoint's backward solve all run here. Nothing allocates inside a step
/// except the statistics arrays' amortised growth.
struct IntegrationLoop<S: Stepper> {
    let stepper: S
    let t0: Double
    let t1: Double
    let controller: StepSizeController
    /// Steps to replay (start times and sizes) instead of choosing them.
    var replay: (starts: [Double], sizes: [Double])? = nil

    /// Runs from (t0, `buffer[0..<n]`) to t1; `buffer` holds 2n doubles (the state and the trial state).
    func run<R: IntegrationRecorder>(_ buffer: UnsafeMutablePointer<Double>, recorder: inout R) -> LoopOutcome {
        let n = stepper.stateSize
        var y = buffer, yNew = buffer + n
        var statistics = SolveStatistics()
        func finish(_ t: Double, _ failure: SolveFailure?, exhausted: Bool = false) -> LoopOutcome {
            stepper.record(into: &statistics)
            return LoopOutcome(t: t, state: y, statistics: statistics, failure: failure, exhausted: exhausted)
        }
        recorder.begin(t0: t0, y: y)
        let direction: Double = t1 > t0 ? 1 : -1
        guard direction * (t1 - t0) > 0 else { return finish(t0, nil) }

        stepper.begin(t: t0, y: y)
        var control = StepControl(controller, direction: direction, order: stepper.controllerOrder, replay: replay)
        control.start(stepper, t: t0, y: y, end: t1, trial: yNew)
        let pi = control.errorControl
        var t = t0
        while direction * (t1 - t) > 0 {
            let stop = recorder.nextStop ?? t1
            let h: Double, tNew: Double
            switch control.propose(t: t, stop: stop) {
            case .step(let size, let end): (h, tNew) = (size, end)
            case .fail(let failure): return finish(t, failure)
            case .exhausted: return finish(t, nil, exhausted: true)
            }
            stepper.attempt(t: t, h: h, y: y, into: yNew)
            if let pi, !control.judge(error: stepper.errorNorm(pi, y: y, yNew: yNew), pi) {
                statistics.rejectedSteps += 1
                statistics.rejectedTimes.append(t)
                statistics.rejectedStepSizes.append(h)
                continue
            }
            if !allFinite(yNew, stepper.checkedCount) { return finish(t, .nonFiniteState(t: t)) }
            statistics.acceptedSteps += 1
            statistics.acceptedTimes.append(t)
            statistics.acceptedStepSizes.append(h)
            let jumped = recorder.accepted(t: t, h: h, tNew: tNew, y: y, yNew: yNew, stepper: stepper)
            stepper.accept()
            swap(&y, &yNew)
            t = tNew
            control.advance()
            if jumped && direction * (t1 - t) > 0 { stepper.begin(t: t, y: y) }
        }
        return finish(t, nil)
    }

    @inline(__always)
    private func allFinite(_ y: UnsafePointer<Double>, _ n: Int) -> Bool {
        var sum = 0.0
        for i in 0..<n { sum += y[i] * 0 }
        return sum == 0
    }
}
