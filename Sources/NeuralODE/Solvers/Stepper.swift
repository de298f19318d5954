/// What the integration loop needs from a method: attempt a step, measure its error, interpolate, accept.
///
/// Conformers hold their system and buffers; none of these calls allocates.
protocol Stepper {
    /// Doubles in the state.
    var stateSize: Int { get }
    /// Order of the propagated solution (used for the automatic initial step).
    var order: Int { get }
    /// k in the controller's exponents: one more than the lower order of the embedded pair.
    var controllerOrder: Int { get }
    /// Local error estimate of the last attempt.
    var errorEstimate: UnsafePointer<Double> { get }
    /// Entries of the state that must stay finite (a passive tail, like the adjoint's θ-part, is checked by its owner).
    var checkedCount: Int { get }
    /// Makes (t, y) the current point and computes f there (at the start, and after a jump changed y).
    func begin(t: Double, y: UnsafePointer<Double>)
    /// f at the current point (valid after `begin` and `accept`).
    var currentDerivative: UnsafePointer<Double> { get }
    /// A buffer of `stateSize` doubles free until the first attempt (the first-step rule's trial derivative).
    var trialDerivative: UnsafeMutablePointer<Double> { get }
    /// One counted evaluation of the system.
    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>)
    /// Attempts a step of size h from the current point (t, y), writing the result into `yNew`.
    func attempt(t: Double, h: Double, y: UnsafePointer<Double>, into yNew: UnsafeMutablePointer<Double>)
    /// The scaled error of the last attempt y → yNew; a step is accepted when it is ≤ 1.
    func errorNorm(_ controller: PIController, y: UnsafePointer<Double>, yNew: UnsafePointer<Double>) -> Double
    /// The size of `v` at the point y in the norm of `errorNorm` (for the first-step rule).
    func scaledNorm(_ v: UnsafePointer<Double>, at y: UnsafePointer<Double>, _ controller: PIController) -> Double
    /// The interpolant of the last attempt (t, h, y → yNew, ending at tNew) at t + θh.
    func interpolate(t: Double, h: Double, tNew: Double, theta: Double, y: UnsafePointer<Double>,
                     yNew: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>)
    /// Moves the current point to the end of the last attempt.
    func accept()
    /// Adds this stepper's evaluation counts to `statistics`.
    func record(into statistics: inout SolveStatistics)
}

extension Stepper {
    var checkedCount: Int { stateSize }

    func errorNorm(_ controller: PIController, y: UnsafePointer<Double>, yNew: UnsafePointer<Double>) -> Double {
        controller.errorNorm(errorEstimate, y: y, yNew: yNew, count: stateSize)
    }

    func scaledNorm(_ v: UnsafePointer<Double>, at y: UnsafePointer<Double>, _ controller: PIController) -> Double {
        controller.errorNorm(v, y: y, yNew: y, count: stateSize)
    }
}

/// An explicit Runge–Kutta method stepping whatever `evaluator` evaluates: a plain field, a field
/// recorded on a tape for backprop, the augmented adjoint system.
///
/// Keeps the first stage between steps (FSAL, or f at the step's end when Hermite interpolation
/// evaluated it) and the tape slots: stage i ≥ 1 of accepted step m is evaluated in slot m·s + i, its
/// first stage in slot m·s or, reused, in the slot it was evaluated in (`firstStageSlots`).
final class ExplicitRKStepper<E: StageEvaluator>: Stepper {
    let evaluator: E
    let kernel: RungeKuttaKernel
    /// Whether `firstStageSlots` is kept (backprop needs it).
    let recordsSlots: Bool
    /// The evaluator's `dynamicCount` and `errorCount`, read once (they are asked every step).
    private let dynamicCount: Int
    private let errorCount: Int
    /// The tape slot of each accepted step's first stage.
    var firstStageSlots: [Int] = []
    private var stepIndex = 0
    private var firstSlot = 0
    private var firstStageValid = false
    private var nextValid = false

    /// A stepper over `kernel` (whose evaluation count it resets).
    init(evaluator: E, kernel: RungeKuttaKernel, recordsSlots: Bool = false) {
        self.evaluator = evaluator
        self.kernel = kernel
        self.recordsSlots = recordsSlots
        dynamicCount = evaluator.dynamicCount
        errorCount = evaluator.errorCount
        kernel.evaluations = 0
    }

    var stateSize: Int { kernel.stateSize }
    var order: Int { kernel.tableau.order }
    var controllerOrder: Int { min(kernel.tableau.order, kernel.tableau.embeddedOrder ?? kernel.tableau.order) + 1 }
    var errorEstimate: UnsafePointer<Double> { UnsafePointer(kernel.error) }
    var checkedCount: Int { dynamicCount }
    var currentDerivative: UnsafePointer<Double> { UnsafePointer(kernel.k[0]) }
    var trialDerivative: UnsafeMutablePointer<Double> { kernel.fNext }

    func begin(t: Double, y: UnsafePointer<Double>) {
        evaluator.prepare(step: stepIndex, stages: kernel.stages)
        firstSlot = stepIndex * kernel.stages
        kernel.evaluateFirst(evaluator, t: t, y: y, slot: firstSlot)
        firstStageValid = true
        nextValid = false
    }

    func evaluate(t: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>) {
        evaluator.evaluate(t: t, y: y, dy: dy, slot: stepIndex * kernel.stages + 1)
        kernel.evaluations += 1
    }

    func attempt(t: Double, h: Double, y: UnsafePointer<Double>, into yNew: UnsafeMutablePointer<Double>) {
        let s = kernel.stages
        evaluator.prepare(step: stepIndex, stages: s)
        if !firstStageValid {
            firstSlot = stepIndex * s
            kernel.evaluateFirst(evaluator, t: t, y: y, slot: firstSlot)
            firstStageValid = true
        }
        nextValid = false
        kernel.attempt(evaluator, t: t, h: h, y: y, into: yNew, slotBase: stepIndex * s,
                       dynamicCount: dynamicCount, errorCount: errorCount)
    }

    func errorNorm(_ controller: PIController, y: UnsafePointer<Double>, yNew: UnsafePointer<Double>) -> Double {
        evaluator.errorNorm(kernel.error, y: y, yNew: yNew, controller)
    }

    func scaledNorm(_ v: UnsafePointer<Double>, at y: UnsafePointer<Double>, _ controller: PIController) -> Double {
        evaluator.errorNorm(v, y: y, yNew: y, controller)
    }

    func interpolate(t: Double, h: Double, tNew: Double, theta: Double, y: UnsafePointer<Double>,
                     yNew: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        if !kernel.hasDense && !kernel.isFSAL && !nextValid {
            // Cubic Hermite needs f at the step's end: the next step's first stage, evaluated in its slot.
            evaluator.evaluate(t: tNew, y: yNew, dy: kernel.fNext, slot: (stepIndex + 1) * kernel.stages)
            kernel.evaluations += 1
            nextValid = true
        }
        kernel.interpolate(h: h, theta: theta, y: y, yNew: yNew, into: out)
    }

    @inline(__always)
    func accept() {
        let s = kernel.stages
        if recordsSlots { firstStageSlots.append(firstSlot) }
        stepIndex += 1
        if kernel.isFSAL {
            kernel.acceptFSAL()
            firstSlot = (stepIndex - 1) * s + s - 1
            firstStageValid = true
        } else if nextValid {
            kernel.acceptNext()
            firstSlot = stepIndex * s
            firstStageValid = true
        } else {
            firstStageValid = false
        }
        nextValid = false
    }

    func record(into statistics: inout SolveStatistics) {
        statistics.functionEvaluations += kernel.evaluations
    }
}
