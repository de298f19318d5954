import Foundation

/// Trains a neural ODE f_θ on observed trajectories: one optimiser step per minibatch, epoch after epoch.
///
/// ```swift
/// let trainer = try Trainer(network: mlp, data: dataset, heldOut: heldOutSet, configuration: config)
/// let outcome = try trainer.run { record in print(record.epoch, record.loss) }
/// if let failure = outcome.failure { print(failure) }   // the log up to that epoch is in outcome.log
/// ```
/// Each epoch asks the sampler for its minibatches (seeded), turns each into observation batches,
/// computes the loss and ∂L/∂θ at the current parameters with the configured gradient method, and
/// takes one optimiser step at the schedule's learning rate. The first non-finite loss or gradient,
/// or failed solve, ends training at that epoch (no step is taken with it). Everything random comes
/// from the configuration's seed, so a run is reproducible bit for bit.
public final class Trainer {
    /// The settings of the run.
    public let configuration: TrainingConfiguration
    /// The network training starts from.
    public let initialNetwork: MLP
    private let field: MLPField
    private let workers: GradientWorkers
    private let assembler: BatchAssembler
    private let trainingTimes: [[Double]]
    private let evaluator: DatasetEvaluator
    private let heldOutEvaluator: DatasetEvaluator?
    private var gradient: [Double]

    /// Threads computing the gradients (the configuration's, or every core).
    public var threads: Int { workers.threads }
    /// The network's parameters now (during `run`, in `onEpoch`: after that epoch's steps).
    public var parameters: [Double] { field.parameters }

    /// Prepares a run; throws when the data, held-out set or configuration do not fit the network.
    public init(network: MLP, data: TrajectoryDataset, heldOut: TrajectoryDataset? = nil,
                configuration: TrainingConfiguration) throws(TrainingError) {
        if let message = configuration.validationMessage { throw .invalidConfiguration(message) }
        guard data.dimension == network.stateDim else {
            throw .dimensionMismatch(what: "the training data", dimension: data.dimension, networkDimension: network.stateDim)
        }
        guard !data.trajectories.isEmpty else { throw .invalidConfiguration("the training data has no trajectories") }
        if let heldOut, heldOut.dimension != network.stateDim {
            throw .dimensionMismatch(what: "the held-out data", dimension: heldOut.dimension, networkDimension: network.stateDim)
        }
        if configuration.patience != nil, heldOut == nil {
            throw .invalidConfiguration("early stopping (patience) needs held-out data")
        }
        if configuration.solver.method == .rosenbrock23 {
            throw .invalidConfiguration("training needs an explicit Runge–Kutta method, not rosenbrock23")
        }
        self.configuration = configuration
        initialNetwork = network
        assembler = BatchAssembler(dataset: data, stateDimension: network.odeDimension, absoluteTime: network.timeInput)
        trainingTimes = data.trajectories.map(\.times)
        let largest = Self.largestBatch(times: trainingTimes, configuration: configuration)
        field = MLPField(network, batchSize: TrajectoryPartition.largestChunk(upTo: largest))
        workers = GradientWorkers(primary: field,
                                  threads: configuration.threads ?? ProcessInfo.processInfo.activeProcessorCount)
        evaluator = DatasetEvaluator(network: network, dataset: data, settings: configuration.solver)
        heldOutEvaluator = heldOut.map { DatasetEvaluator(network: network, dataset: $0, settings: configuration.solver) }
        gradient = [Double](repeating: 0, count: network.parameterCount)
    }

    /// Runs every epoch (or until failure or early stop), calling `onEpoch` after each with its log row.
    ///
    /// Throws only when the solver settings cannot run at all (found at the first solve);
    /// divergence is reported in the outcome's `failure`.
    public func run(onEpoch: (EpochRecord) -> Void = { _ in }) throws(TrainingError) -> TrainingOutcome {
        let config = configuration
        let clock = ContinuousClock()
        let started = clock.now
        var sampler = MinibatchSampler(times: trainingTimes, sampling: config.sampling,
                                       batchSize: config.batchSize, seed: config.seed)
        var optimizer = Optimizer(config.optimizer, parameterCount: field.parameterCount)
        var stopper = config.patience.map(EarlyStopping.init(patience:))
        var log: [EpochRecord] = []
        var failure: TrainingFailure?
        var stoppedEarly = false
        field.setParameters(initialNetwork.parameters)

        for epoch in 0..<config.epochs {
            let rate = config.schedule.rate(base: config.learningRate, epoch: epoch, epochs: config.epochs)
            var record = EpochRecord(epoch: epoch, loss: 0, heldOutError: nil, forwardEvaluations: 0,
                                     backwardEvaluations: 0, rejectedSteps: 0, seconds: 0, learningRate: rate,
                                     horizon: config.sampling.horizon(epoch: epoch))
            var lossSum = 0.0, rowCount = 0
            for minibatch in sampler.minibatches(epoch: epoch) {
                let step = try gradientStep(assembler.batches(for: minibatch), record: &record)
                if let cause = step.failure {
                    failure = TrainingFailure(epoch: epoch, cause: cause)
                    lossSum = step.lossSum
                    break
                }
                lossSum += step.lossSum
                rowCount += step.rows
                gradient.withUnsafeBufferPointer { g in
                    field.withParameters { theta in optimizer.step(theta, gradient: g, learningRate: rate) }
                }
            }
            record.loss = failure == nil && config.solver.loss == .mse ? lossSum / Double(max(rowCount, 1)) : lossSum
            if failure == nil, let heldOutEvaluator, (epoch + 1) % config.evaluateEvery == 0 || epoch == config.epochs - 1 {
                let evaluation = try evaluate(heldOutEvaluator)
                record.heldOutError = evaluation.loss
                record.forwardEvaluations += evaluation.functionEvaluations
                record.rejectedSteps += evaluation.rejectedSteps
                if stopper?.record(error: evaluation.loss, epoch: epoch, parameters: field.parameters) == true {
                    stoppedEarly = true
                }
            }
            record.seconds = Self.seconds(clock.now - started)
            log.append(record)
            onEpoch(record)
            if failure != nil || stoppedEarly { break }
        }

        var outcome = TrainingOutcome(model: field.mlp, log: log, failure: failure, stoppedEarly: stoppedEarly,
                                      bestEpoch: nil, finalLoss: nil, heldOutError: nil, seconds: 0)
        if failure == nil {
            if let best = stopper?.best {
                outcome.model.parameters = best.parameters
                outcome.bestEpoch = best.epoch
            }
            let finalParameters = outcome.model.parameters
            outcome.finalLoss = try evaluate(evaluator, parameters: finalParameters).loss
            if let heldOutEvaluator {
                outcome.heldOutError = try evaluate(heldOutEvaluator, parameters: finalParameters).loss
            }
        }
        outcome.seconds = Self.seconds(clock.now - started)
        return outcome
    }

    /// Loss and gradient of one minibatch (its batches combined as one loss over all their rows)
    /// into `gradient`; counts go into `record`. On failure `lossSum` is the failing batch's loss.
    ///
    /// Each batch is cut by `TrajectoryPartition`; the chunks run on the worker threads and are
    /// summed here in chunk order. A batch's evaluation counts are its largest chunk's (the chunks
    /// are solved side by side); rejected steps add up.
    private func gradientStep(_ batches: [ObservationBatch],
                              record: inout EpochRecord) throws(TrainingError) -> (lossSum: Double, rows: Int, failure: GradientFailure?) {
        let settings = configuration.solver
        let rows = batches.reduce(0) { $0 + $1.targetCount }
        let results: [GradientWorkers.ChunkResult]
        do {
            results = try workers.gradients(batches, method: configuration.gradientMethod, settings: settings)
        } catch {
            throw .solver(error)
        }
        for i in gradient.indices { gradient[i] = 0 }
        var lossSum = 0.0
        var forward = 0, backward = 0
        for (c, chunk) in results.enumerated() {
            let result = chunk.result
            forward = max(forward, result.forward.functionEvaluations)
            backward = max(backward, result.backward.functionEvaluations)
            if c + 1 == results.count || results[c + 1].batch != chunk.batch {
                record.forwardEvaluations += forward
                record.backwardEvaluations += backward
                forward = 0
                backward = 0
            }
            record.rejectedSteps += result.forward.rejectedSteps + result.backward.rejectedSteps
            if let failure = result.failure {
                return (result.loss, rows, failure)
            }
            // MSE: each chunk's mean weighted by its share of the rows; ½·SSE: plain sums.
            let weight = settings.loss == .mse ? Double(chunk.targetCount) / Double(rows) : 1
            lossSum += settings.loss == .mse ? result.loss * Double(chunk.targetCount) : result.loss
            let g = result.parameterGradient
            for i in gradient.indices { gradient[i] += weight * g[i] }
        }
        return (lossSum, rows, nil)
    }

    private func evaluate(_ evaluator: DatasetEvaluator,
                          parameters: [Double]? = nil) throws(TrainingError) -> DatasetEvaluator.Evaluation {
        do {
            return try evaluator.evaluate(parameters: parameters ?? field.parameters)
        } catch {
            throw .solver(error)
        }
    }

    /// The most samples one minibatch can hold, so the field is made large enough once.
    public static func largestBatch(times: [[Double]], configuration: TrainingConfiguration) -> Int {
        var samples = times.count
        if case .windows(let curriculum) = configuration.sampling {
            let shortest = min(curriculum.start, curriculum.end)
            samples = times.reduce(0) { total, t in
                total + max(1, Int(((t[t.count - 1] - t[0]) / shortest - 1e-9).rounded(.up)))
            }
        }
        return max(1, min(samples, configuration.batchSize ?? samples))
    }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
