/// The backward solve of the continuous adjoint: the augmented system [y, a, g] integrated by the
/// integration loop from the last observation time to t0, with a jump at every observation time.
///
/// As torchdiffeq's `odeint_adjoint` does, y is reset to the forward solution at each observation
/// time (limiting the drift of re-integrating y backward) and a jumps by ∂L/∂y there. The
/// controller is not restarted at observations: the step is only shortened to land on them. Only
/// the augmented state and the stage buffers are kept: memory does not grow with the number of steps.
final class AdjointSolver<F: ParametricField> {
    let field: F
    private(set) var kernel: RungeKuttaKernel?
    private var states: UnsafeMutablePointer<Double>
    private var stateCapacity = 0

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
        let times = batch.times, last = times.count - 1
        // z(t_end) = [y(t_end), ∂L/∂y(t_end), 0].
        for i in 0..<n {
            states[i] = predictions[last * n + i]
            states[n + i] = cotangent[last * n + i]
        }
        for i in 0..<parameterCount { states[2 * n + i] = 0 }
        let evaluator = AugmentedAdjointField(field: field, n: n, parameterCount: parameterCount,
                                              negatedAdjoint: states + 2 * size, seminorm: settings.adjointSeminorm)
        let stepper = ExplicitRKStepper(evaluator: evaluator, kernel: kernel)
        var jumps = AdjointJumps(times: times, next: last - 1, stateSize: n, predictions: predictions,
                                 cotangent: cotangent)
        let loop = IntegrationLoop(stepper: stepper, t0: times[last], t1: batch.t0,
                                   controller: settings.adjointController ?? settings.controller)
        let outcome = loop.run(states, recorder: &jumps)
        let z = outcome.state
        // An observation exactly at t0 adds its cotangent to a(t0).
        if outcome.failure == nil { jumps.addRemaining(to: z) }
        for i in 0..<n { initialGradient[i] = z[n + i] }
        for i in 0..<parameterCount { parameterGradient[i] = z[2 * n + i] }
        return Pass(statistics: outcome.statistics, failure: outcome.failure,
                    bytes: ((kernel.stages + 3) * size + 2 * size + n) * 8)
    }
}

/// The adjoint's jump hook: at each observation time τⱼ (going backward) y is reset to the forward
/// solution and a gains ∂L/∂y(τⱼ).
struct AdjointJumps: IntegrationRecorder {
    let times: [Double]
    /// Index of the next observation to land on (going down), −1 when none is left.
    private(set) var next: Int
    let stateSize: Int
    let predictions: UnsafePointer<Double>
    let cotangent: UnsafePointer<Double>

    init(times: [Double], next: Int, stateSize: Int, predictions: UnsafePointer<Double>,
         cotangent: UnsafePointer<Double>) {
        self.times = times
        self.next = next
        self.stateSize = stateSize
        self.predictions = predictions
        self.cotangent = cotangent
    }

    var nextStop: Double? { next >= 0 ? times[next] : nil }

    func begin(t0: Double, y: UnsafePointer<Double>) {}

    mutating func accepted<S: Stepper>(t: Double, h: Double, tNew: Double, y: UnsafePointer<Double>,
                                       yNew: UnsafeMutablePointer<Double>, stepper: S) -> Bool {
        guard next >= 0, tNew == times[next] else { return false }
        jump(next, yNew)
        next -= 1
        return true
    }

    /// Adds the jumps of the observations not landed on (those at t0 itself).
    mutating func addRemaining(to z: UnsafeMutablePointer<Double>) {
        let n = stateSize
        while next >= 0 {
            for i in 0..<n { z[n + i] += cotangent[next * n + i] }
            next -= 1
        }
    }

    private func jump(_ j: Int, _ z: UnsafeMutablePointer<Double>) {
        let n = stateSize
        for i in 0..<n {
            z[i] = predictions[j * n + i]
            z[n + i] += cotangent[j * n + i]
        }
    }
}
