/// Trains an `ODEClassifier` on labelled points: one full-batch optimiser step per epoch on θ and,
/// when it is trainable, the read-out (w, b), with gradients by backpropagation through the solver.
///
/// ```swift
/// let classifier = try ODEClassifier(mlp: MLP(stateDim: 2, augmentDim: 1, hidden: [16], seed: 1),
///                                    readout: LinearReadout(dimension: 3, seed: 2))
/// let trainer = try ClassifierTrainer(classifier: classifier, data: points,
///                                     configuration: ClassifierTrainingConfiguration(epochs: 100))
/// let outcome = try trainer.run()
/// print(outcome.finalLoss, outcome.log.map(\.forwardEvaluations))
/// ```
/// Deterministic: the only randomness is in the initial network, read-out and data, all seeded by the caller.
public final class ClassifierTrainer {
    /// The model training starts from.
    public let initialClassifier: ODEClassifier
    /// The settings of the run.
    public let configuration: ClassifierTrainingConfiguration
    private let objective: ClassifierGradient

    /// What a run produced.
    public struct Outcome: Sendable {
        /// The model after the last step taken.
        public var classifier: ODEClassifier
        /// One row per epoch run (the failing epoch's row included).
        public var log: [ClassificationEpoch]
        /// Loss of the final model (NaN when its solve failed).
        public var finalLoss: Double
        /// Accuracy of the final model.
        public var finalAccuracy: Double
        /// Forward function evaluations of the final model's solve.
        public var finalForwardEvaluations: Int
        /// The epoch and reason training stopped early, or nil.
        public var failure: (epoch: Int, cause: GradientFailure)?
    }

    /// Prepares a run; throws when the data or configuration do not fit the classifier.
    public init(classifier: ODEClassifier, data: LabelledPoints,
                configuration: ClassifierTrainingConfiguration) throws(ClassificationError) {
        if let message = configuration.validationMessage { throw .invalidConfiguration(message) }
        initialClassifier = classifier
        self.configuration = configuration
        objective = try ClassifierGradient(classifier: classifier, data: data, loss: configuration.loss,
                                           settings: configuration.settings)
    }

    /// Runs every epoch (or until a solve fails or the loss is not finite), calling `onEpoch` after each.
    public func run(onEpoch: (ClassificationEpoch) -> Void = { _ in }) throws(ClassificationError) -> Outcome {
        var classifier = initialClassifier
        let trainsReadout = classifier.readout.isTrainable
        let p = classifier.mlp.parameterCount, d = classifier.readout.dimension
        var vector = classifier.mlp.parameters
        if trainsReadout { vector += classifier.readout.weights + [classifier.readout.bias] }
        var gradient = [Double](repeating: 0, count: vector.count)
        var optimizer = Optimizer(configuration.optimizer, parameterCount: vector.count)
        var log: [ClassificationEpoch] = []
        var failure: (epoch: Int, cause: GradientFailure)?

        for epoch in 0..<configuration.epochs {
            let result = try objective.evaluate(parameters: classifier.mlp.parameters, readout: classifier.readout)
            let record = ClassificationEpoch(epoch: epoch, loss: result.loss, accuracy: result.accuracy,
                                             forwardEvaluations: result.forward.functionEvaluations,
                                             backwardEvaluations: result.backwardEvaluations,
                                             acceptedSteps: result.forward.acceptedSteps,
                                             rejectedSteps: result.forward.rejectedSteps)
            log.append(record)
            onEpoch(record)
            if let cause = result.failure {
                failure = (epoch, cause)
                break
            }
            for i in 0..<p { gradient[i] = result.parameterGradient[i] }
            if trainsReadout {
                for i in 0..<d { gradient[p + i] = result.readoutWeightGradient[i] }
                gradient[p + d] = result.readoutBiasGradient
            }
            optimizer.step(&vector, gradient: gradient, learningRate: configuration.learningRate)
            classifier.mlp.parameters = Array(vector[0..<p])
            if trainsReadout {
                classifier.readout.weights = Array(vector[p..<(p + d)])
                classifier.readout.bias = vector[p + d]
            }
        }
        let last = try objective.evaluate(parameters: classifier.mlp.parameters, readout: classifier.readout)
        return Outcome(classifier: classifier, log: log, finalLoss: last.loss,
                       finalAccuracy: last.failure == nil ? last.accuracy : 0,
                       finalForwardEvaluations: last.forward.functionEvaluations, failure: failure)
    }
}
