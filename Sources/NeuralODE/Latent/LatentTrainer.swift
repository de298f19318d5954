import Foundation

/// Settings of a latent ODE training run.
public struct LatentTrainingConfiguration: Sendable {
    /// Optimiser steps.
    public var iterations: Int
    public var learningRate: Double
    /// Fixed observation noise standard deviation of the likelihood.
    public var noiseStandardDeviation: Double
    /// Sequences per step, drawn without replacement each iteration (nil: all of them, as torchdiffeq).
    public var batchSize: Int?
    /// The latent solve and its gradient (an explicit Runge–Kutta method).
    public var solver: GradientSettings
    /// Seeds the minibatches and the reparameterisation noise.
    public var seed: UInt64
    /// Held-out errors every this many iterations (and at the last); 0 never.
    public var heldOutEvery: Int
    /// Threads each step's chunks run on (nil: every core); the results do not depend on it.
    public var threads: Int?

    public init(iterations: Int, learningRate: Double = 0.01, noiseStandardDeviation: Double = 0.3,
                batchSize: Int? = nil, solver: GradientSettings, seed: UInt64, heldOutEvery: Int = 0, threads: Int? = nil) {
        self.iterations = iterations
        self.learningRate = learningRate
        self.noiseStandardDeviation = noiseStandardDeviation
        self.batchSize = batchSize
        self.solver = solver
        self.seed = seed
        self.heldOutEvery = heldOutEvery
        self.threads = threads
    }
}

/// One row of a latent training log.
public struct LatentIterationRecord: Sendable, Equatable {
    public var iteration: Int
    /// −ELBO of the step's batch at the parameters before the step, and its two parts.
    public var loss: Double
    public var negativeLogLikelihood: Double
    public var kl: Double
    /// Held-out reconstruction and extrapolation MSE after the step, when evaluated.
    public var reconstructionError: Double?
    public var extrapolationError: Double?
    public var forwardEvaluations: Int
    public var backwardEvaluations: Int
    /// Wall time since training started, at the end of the iteration, without the time spent on
    /// held-out evaluations (so it measures training alone).
    public var seconds: Double

    public static let csvHeader =
        "iteration,neg_elbo,neg_log_likelihood,kl,heldout_reconstruction_mse,heldout_extrapolation_mse,nfe_forward,nfe_backward,seconds"

    public var csvRow: String {
        ["\(iteration)", "\(loss)", "\(negativeLogLikelihood)", "\(kl)", reconstructionError.map { "\($0)" } ?? "",
         extrapolationError.map { "\($0)" } ?? "", "\(forwardEvaluations)", "\(backwardEvaluations)", "\(seconds)"]
            .joined(separator: ",")
    }

    public static func csv(_ records: [LatentIterationRecord]) -> String {
        ([csvHeader] + records.map(\.csvRow)).joined(separator: "\n") + "\n"
    }
}

/// How a latent training run ended: the model after the last good step, the log, and a failure if any.
public struct LatentTrainingOutcome: Sendable {
    public var model: LatentModel
    public var log: [LatentIterationRecord]
    public var failure: String?
}

/// Trains a latent ODE by Adam on −ELBO (torchdiffeq's latent ODE example), seeded throughout.
public final class LatentTrainer {
    public let configuration: LatentTrainingConfiguration
    private let objective: LatentObjective
    private let sequences: [TrajectoryDataset.Trajectory]
    private let heldOut: LatentHeldOut?

    /// Prepares a run; throws for sequences that do not fit the model or settings that cannot run.
    public init(model: LatentModel, sequences: [TrajectoryDataset.Trajectory], heldOut: LatentHeldOut? = nil,
                configuration: LatentTrainingConfiguration) throws(GradientConfigurationError) {
        guard !sequences.isEmpty else { throw .invalid("the training data has no sequences") }
        guard configuration.iterations >= 1 else { throw .invalid("iterations must be at least 1") }
        guard configuration.learningRate > 0, configuration.noiseStandardDeviation > 0 else {
            throw .invalid("the learning rate and the observation noise must be positive")
        }
        if let batch = configuration.batchSize, batch < 1 { throw .invalid("the batch size must be at least 1") }
        if let threads = configuration.threads, let problem = ThreadCount.problem(threads) { throw .invalid("threads \(problem)") }
        guard configuration.solver.method.tableau != nil else {
            throw .invalid("latent training needs an explicit Runge–Kutta method, not \(configuration.solver.method.rawValue)")
        }
        for sequence in sequences where sequence.times.count < 2 {
            throw .invalid("trajectory \(sequence.label) has \(sequence.times.count) observation; a latent model needs at least 2 per trajectory")
        }
        self.configuration = configuration
        self.sequences = sequences
        self.heldOut = heldOut
        objective = LatentObjective(model: model, noiseStandardDeviation: configuration.noiseStandardDeviation,
                                    settings: configuration.solver, threads: configuration.threads)
    }

    /// Runs every iteration, calling `onIteration` after each; a failed solve or non-finite value
    /// ends the run with the model of the last good step.
    public func run(onIteration: (LatentIterationRecord) -> Void = { _ in }) throws(GradientConfigurationError) -> LatentTrainingOutcome {
        let config = configuration
        var generator = SeededGenerator(seed: config.seed)
        var parameters = objective.model.parameters
        var optimizer = Optimizer(.adam, parameterCount: parameters.count)
        let latent = objective.model.latentSize
        let batch = min(config.batchSize ?? sequences.count, sequences.count)
        var log: [LatentIterationRecord] = []
        let clock = ContinuousClock(), start = clock.now
        var evaluating = Duration.zero
        for iteration in 1...config.iterations {
            let chosen = batch == sequences.count ? sequences
                : generator.permutation(sequences.count).prefix(batch).map { sequences[$0] }
            let noise = (0..<(chosen.count * latent)).map { _ in generator.nextGaussian() }
            objective.model.parameters = parameters
            let evaluation = try objective.evaluate(chosen, noise: noise)
            if let failure = evaluation.failure {
                return LatentTrainingOutcome(model: objective.model, log: log,
                                             failure: "training diverged at iteration \(iteration): \(failure)")
            }
            optimizer.step(&parameters, gradient: evaluation.gradient, learningRate: config.learningRate)
            var record = LatentIterationRecord(
                iteration: iteration, loss: evaluation.loss, negativeLogLikelihood: evaluation.negativeLogLikelihood,
                kl: evaluation.kl, forwardEvaluations: evaluation.forward.functionEvaluations,
                backwardEvaluations: evaluation.backward.functionEvaluations, seconds: 0)
            if let heldOut, config.heldOutEvery > 0, iteration % config.heldOutEvery == 0 || iteration == config.iterations {
                let evaluationStart = clock.now
                defer { evaluating += clock.now - evaluationStart }
                var model = objective.model
                model.parameters = parameters
                let predictor = LatentPredictor(model: model, method: config.solver.method, controller: config.solver.controller)
                if let errors = try? heldOut.meanSquaredErrors(predictor) {
                    record.reconstructionError = errors.reconstruction
                    record.extrapolationError = errors.extrapolation
                }
            }
            record.seconds = (clock.now - start - evaluating).seconds
            log.append(record)
            onIteration(record)
        }
        objective.model.parameters = parameters
        return LatentTrainingOutcome(model: objective.model, log: log, failure: nil)
    }
}

private extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}
