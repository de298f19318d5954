import Foundation

/// The step-size side of one solve: a constant-step grid, the PI controller with its automatic first
/// step, or a replayed sequence of steps; it owns the step count, the underflow test and the
/// decision to accept.
///
/// Steps always land on the next stop (t1, or a time where the loop's recorder changes the state).
/// A constant step walks the grid anchor + k·dt from the last stop, its last step shortened to land on
/// the next (a remainder below 1e-9·dt makes no extra sliver step). The PI controller is not
/// restarted at a stop: its step is only shortened to land there.
struct StepControl {
    /// How steps are chosen (kept a plain enum, the settings beside it: an enum with array payloads
    /// here crashed the optimiser of Swift 6.3).
    private enum Mode {
        case grid
        case adaptive
        case replay
    }

    /// What to do next.
    enum Proposal {
        /// Attempt a step of size h ending at tNew.
        case step(h: Double, tNew: Double)
        /// The solve fails here.
        case fail(SolveFailure)
        /// A replayed sequence has run out.
        case exhausted
    }

    private let mode: Mode
    private let dt: Double
    private let pi: PIController
    private let replayStarts: [Double]
    private let replaySizes: [Double]
    private let direction: Double
    private let k: Double
    /// Largest number of attempted steps.
    let maxSteps: Int
    private var h = 0.0
    private var factor = 1.0
    private var previousError = 1.0
    private var lastRejected = false
    private var lastErrorFinite = true
    private var attempts = 0
    private var accepted = 0
    private var anchor = 0.0
    private var gridStop = Double.nan
    private var gridSteps = 0
    private var gridIndex = 0

    /// Control by `controller` (or the replayed steps) for a solve in `direction` (±1) of a method
    /// whose controller order is `order`.
    init(_ controller: StepSizeController, direction: Double, order: Int,
         replay: (starts: [Double], sizes: [Double])? = nil) {
        self.direction = direction
        k = Double(order)
        replayStarts = replay?.starts ?? []
        replaySizes = replay?.sizes ?? []
        switch controller {
        case .constant(let constant):
            dt = constant.dt
            pi = PIController()
            mode = replay == nil ? .grid : .replay
            maxSteps = replay?.sizes.count ?? constant.maxSteps
        case .adaptive(let controller):
            dt = 0
            pi = controller
            mode = replay == nil ? .adaptive : .replay
            maxSteps = replay?.sizes.count ?? controller.maxSteps
        }
    }

    /// The PI controller whose tolerances judge the steps, or nil when steps are not judged.
    var errorControl: PIController? { mode == .adaptive ? pi : nil }

    /// Chooses the first step at (t, y), where `stepper.begin` has been called; `end` is the solve's t1.
    /// `trial` (a state's worth) is overwritten.
    mutating func start<S: Stepper>(_ stepper: S, t: Double, y: UnsafePointer<Double>, end: Double,
                                    trial: UnsafeMutablePointer<Double>) {
        guard mode == .adaptive else { return }
        h = direction * min(pi.initialStep ?? Self.initialStep(stepper, t: t, y: y, end: end, direction: direction,
                                                                 controller: pi, trial: trial),
                            pi.maxStep)
    }

    /// The next step from t towards `stop`.
    @inline(__always)
    mutating func propose(t: Double, stop: Double) -> Proposal {
        if attempts >= maxSteps {
            if mode == .replay { return .exhausted }
            return .fail(.tooManySteps(t: t, maxSteps: maxSteps))
        }
        attempts += 1
        switch mode {
        case .grid:
            if stop != gridStop {
                anchor = t
                gridStop = stop
                gridIndex = 0
                gridSteps = max(1, Int((abs(stop - anchor) / dt - 1e-9).rounded(.up)))
            }
            let tNew = gridIndex + 1 >= gridSteps ? stop : anchor + Double(gridIndex + 1) * direction * dt
            h = tNew - t
            return .step(h: h, tNew: tNew)
        case .replay:
            h = replaySizes[accepted]
            return .step(h: h, tNew: accepted + 1 < replayStarts.count ? replayStarts[accepted + 1] : stop)
        case .adaptive:
            h = direction * min(abs(h), pi.maxStep)
            let tNew: Double
            if direction * (t + 1.01 * h - stop) >= 0 {
                h = stop - t
                tNew = stop
            } else {
                tNew = t + h
            }
            if abs(h) < max(pi.minStep, 10 * max(abs(t), abs(tNew)).ulp) {
                // Shrinking because every attempt came out NaN or infinite is a non-finite state, not stiffness.
                return .fail(lastErrorFinite ? .stepSizeUnderflow(t: t, h: h) : .nonFiniteState(t: t))
            }
            return .step(h: h, tNew: tNew)
        }
    }

    /// Judges the attempted step by its scaled error: true accepts it; a rejection shrinks the step.
    @inline(__always)
    mutating func judge(error err: Double, _ pi: PIController) -> Bool {
        lastErrorFinite = err.isFinite
        if !(err <= 1) {
            h *= pi.rejectFactor(error: err, k: k)
            lastRejected = true
            return false
        }
        factor = pi.acceptFactor(error: err, previous: previousError, k: k, afterRejection: lastRejected)
        previousError = max(err, 1e-4)
        lastRejected = false
        return true
    }

    /// Moves on after an accepted step.
    @inline(__always)
    mutating func advance() {
        accepted += 1
        gridIndex += 1
        h *= factor
        factor = 1
    }

    /// Hairer's automatic choice of the first step magnitude (Solving ODEs I, II.4); one extra evaluation.
    private static func initialStep<S: Stepper>(_ stepper: S, t: Double, y: UnsafePointer<Double>, end: Double,
                                                direction: Double, controller: PIController,
                                                trial: UnsafeMutablePointer<Double>) -> Double {
        let n = stepper.stateSize
        let f0 = stepper.currentDerivative, f1 = stepper.trialDerivative
        let d0 = stepper.scaledNorm(y, at: y, controller), d1 = stepper.scaledNorm(f0, at: y, controller)
        let span = abs(end - t)
        var h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1
        h0 = min(h0, span, controller.maxStep)
        guard h0 > 0, h0.isFinite else { return min(span, controller.maxStep) }
        for i in 0..<n { trial[i] = y[i] + direction * h0 * f0[i] }
        stepper.evaluate(t: t + direction * h0, y: trial, dy: f1)
        for i in 0..<n { trial[i] = f1[i] - f0[i] }
        let d2 = stepper.scaledNorm(trial, at: y, controller) / h0
        let dmax = max(d1, d2)
        let h1 = dmax <= 1e-15 || !dmax.isFinite
            ? max(1e-6, h0 * 1e-3)
            : pow(0.01 / dmax, 1.0 / Double(stepper.order + 1))
        return min(100 * h0, h1, span, controller.maxStep)
    }
}
