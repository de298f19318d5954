/// The forward solve of the gradient passes: the integration loop with the states saved at the
/// observation times, optionally recording every stage on a tape for backprop or replaying a
/// recorded step sequence (finite differences on the discretised problem).
///
/// Step choice matches `ODESolve.solve` with t1 = the last observation time (the same loop); an
/// observation within 1e-10·|h| of a step's end takes that step's state, others the dense output
/// (cubic Hermite for methods without one). All buffers are kept between runs.
final class ForwardSolver<F: ParametricField> {
    /// Where an observation sits in the solve.
    typealias Placement = OutputPlacement

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
    /// y, yNew, interpolation scratch (3 states).
    private var states: UnsafeMutablePointer<Double>
    private var stateCapacity = 0
    private let outputs: OutputBuffer
    /// Sizes of the accepted steps of the last run.
    private(set) var stepSizes: [Double] = []
    /// The tape slot of each accepted step's first stage (recording runs).
    private(set) var firstStageSlots: [Int] = []

    init(field: F) {
        self.field = field
        states = .allocate(capacity: 1)
        outputs = OutputBuffer()
    }

    deinit { states.deallocate() }

    /// States at the observation times of the last run, T × n (NaN after a failure).
    var predictions: UnsafePointer<Double> { UnsafePointer(outputs.states) }
    /// Accepted steps of the last run.
    var stepCount: Int { stepSizes.count }
    /// Placement of each observation of the last run.
    var placements: [Placement] { outputs.placements }

    /// Solves from the batch's initial states to its last observation time.
    /// `initialStates` replaces the batch's (same count) when given.
    func run(_ batch: ObservationBatch, settings: GradientSettings, mode: Mode,
             initialStates: [Double]? = nil) -> Pass {
        guard let tableau = settings.method.tableau else { preconditionFailure("validated: explicit method") }
        let n = field.stateSize
        if kernel == nil || kernel?.tableau.name != tableau.name || kernel?.stateSize != n {
            kernel = RungeKuttaKernel(tableau: tableau, stateSize: n)
        }
        if stateCapacity < 3 * n {
            states.deallocate()
            states = .allocate(capacity: 3 * n)
            stateCapacity = 3 * n
        }
        (initialStates ?? batch.initialStates).withUnsafeBufferPointer { source in
            for i in 0..<n { states[i] = source[i] }
        }
        switch mode {
        case .plain:
            return solve(PlainEvaluator(field: field), batch, settings, replay: nil)
        case .record:
            tape.reset(slotSize: field.tapeSize)
            return solve(RecordingEvaluator(field: field, tape: tape), batch, settings, replay: nil, recording: true)
        case .replay(let starts, let sizes):
            return solve(PlainEvaluator(field: field), batch, settings, replay: (starts, sizes))
        }
    }

    private func solve<E: StageEvaluator>(_ evaluator: E, _ batch: ObservationBatch, _ settings: GradientSettings,
                                          replay: (starts: [Double], sizes: [Double])?,
                                          recording: Bool = false) -> Pass {
        guard let kernel, let tEnd = batch.times.last else { preconditionFailure("prepared and validated") }
        let n = field.stateSize, count = batch.timeCount
        let stepper = ExplicitRKStepper(evaluator: evaluator, kernel: kernel, recordsSlots: recording)
        if recording {
            firstStageSlots.removeAll(keepingCapacity: true)
            swap(&stepper.firstStageSlots, &firstStageSlots)
        }
        var recorder = OutputRecorder(requested: batch.times, direction: 1, stateSize: n, buffer: outputs,
                                      scratch: states + 2 * n)
        var loop = IntegrationLoop(stepper: stepper, t0: batch.t0, t1: tEnd, controller: settings.controller)
        loop.replay = replay
        let outcome = loop.run(states, recorder: &recorder)
        if recording { swap(&stepper.firstStageSlots, &firstStageSlots) }
        stepSizes = outcome.statistics.acceptedStepSizes
        var pass = Pass(statistics: outcome.statistics)
        var failure = outcome.failure
        if failure == nil, recorder.next < count {
            failure = .tooManySteps(t: outcome.t, maxSteps: replay?.sizes.count ?? 0)
        }
        if let failure {
            pass.failure = .forward(failure)
            let rows = outputs.states
            for j in outputs.count..<count {
                for i in 0..<n { rows[j * n + i] = .nan }
            }
        }
        return pass
    }
}
