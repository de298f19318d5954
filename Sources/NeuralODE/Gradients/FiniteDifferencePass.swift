import Foundation

extension GradientEngine {
    /// Central differences of the loss over every parameter, then every initial value, on all cores.
    ///
    /// Value x is perturbed by δ = `finiteDifferenceStep`·max(1, |x|): ∂L/∂x ≈ (L(x+δ) − L(x−δ))/2δ.
    /// Each worker has its own copy of the field and its own forward solver; with
    /// `finiteDifferenceFreezesSteps` every perturbed solve replays the unperturbed accepted steps.
    func finiteDifference(_ batch: ObservationBatch, settings: GradientSettings) -> GradientResult {
        let (pass, start) = forwardResult(.finiteDifference, batch, settings)
        var result = start
        guard result.failure == nil else { return result }
        let mode: ForwardSolver<F>.Mode = settings.finiteDifferenceFreezesSteps
            ? .replay(starts: pass.statistics.acceptedTimes, sizes: pass.statistics.acceptedStepSizes)
            : .plain
        let total = field.parameterCount + batch.initialStates.count
        let workers = max(1, min(settings.threads ?? ProcessInfo.processInfo.activeProcessorCount, total))
        let job = FiniteDifferenceJob(fields: (0..<workers).map { _ in field.copy() }, parameters: field.parameters,
                                      batch: batch, settings: settings, mode: mode)
        WorkerThreads(count: workers).run(job, workers: workers)
        for worker in job.statistics {
            result.backward.functionEvaluations += worker.functionEvaluations
            result.backward.acceptedSteps += worker.acceptedSteps
            result.backward.rejectedSteps += worker.rejectedSteps
        }
        let parameterCount = field.parameterCount
        result.parameterGradient = Array(job.gradient[0..<parameterCount])
        result.initialStateGradient = Array(job.gradient[parameterCount...])
        if !job.gradient.allSatisfy(\.isFinite) { result.failure = .nonFiniteGradient }
        return result
    }
}

/// The shared state of one finite-difference gradient: worker w owns field w and writes only the
/// entries w, w + W, w + 2W, … of `gradient` and its own `statistics` slot, hence `@unchecked Sendable`.
final class FiniteDifferenceJob<F: ParametricField>: ConcurrentWork, @unchecked Sendable {
    let fields: [F]
    let parameters: [Double]
    let batch: ObservationBatch
    let settings: GradientSettings
    let mode: ForwardSolver<F>.Mode
    private let output: UnsafeMutableBufferPointer<Double>
    private let workerStatistics: UnsafeMutableBufferPointer<SolveStatistics>

    init(fields: [F], parameters: [Double], batch: ObservationBatch, settings: GradientSettings,
         mode: ForwardSolver<F>.Mode) {
        self.fields = fields
        self.parameters = parameters
        self.batch = batch
        self.settings = settings
        self.mode = mode
        output = .allocate(capacity: parameters.count + batch.initialStates.count)
        output.initialize(repeating: .nan)
        workerStatistics = .allocate(capacity: fields.count)
        workerStatistics.initialize(repeating: SolveStatistics())
    }

    deinit {
        output.deallocate()
        workerStatistics.deallocate()
    }

    /// ∂L/∂θ then ∂L/∂y0 (valid after every worker ran).
    var gradient: [Double] { Array(output) }
    /// Totals of each worker's perturbed solves.
    var statistics: [SolveStatistics] { Array(workerStatistics) }

    /// Runs worker `worker`'s share of the differences.
    func work(_ worker: Int) {
        let workers = fields.count, field = fields[worker]
        let solver = ForwardSolver(field: field)
        let parameterCount = parameters.count, initialStates = batch.initialStates
        let total = parameterCount + initialStates.count
        let relative = settings.finiteDifferenceStep
        var theta = parameters, initial = initialStates
        var totals = SolveStatistics()
        func loss() -> Double {
            let run = solver.run(batch, settings: settings, mode: mode, initialStates: initial)
            totals.functionEvaluations += run.statistics.functionEvaluations
            totals.acceptedSteps += run.statistics.acceptedSteps
            totals.rejectedSteps += run.statistics.rejectedSteps
            return run.failure == nil ? solver.lossValue(batch, kind: settings.loss) : .nan
        }
        var restored = true
        for index in stride(from: worker, to: total, by: workers) {
            if index < parameterCount {
                let x = parameters[index], delta = relative * max(1, abs(x))
                theta[index] = x + delta
                field.setParameters(theta)
                let plus = loss()
                theta[index] = x - delta
                field.setParameters(theta)
                let minus = loss()
                theta[index] = x
                restored = false
                output[index] = (plus - minus) / (2 * delta)
            } else {
                if !restored {
                    field.setParameters(parameters)
                    restored = true
                }
                let i = index - parameterCount
                let x = initialStates[i], delta = relative * max(1, abs(x))
                initial[i] = x + delta
                let plus = loss()
                initial[i] = x - delta
                let minus = loss()
                initial[i] = x
                output[index] = (plus - minus) / (2 * delta)
            }
        }
        workerStatistics[worker] = totals
    }
}
