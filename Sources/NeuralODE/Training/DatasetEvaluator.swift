/// The mean-squared error of a network over whole trajectories of a data set, by forward solves only.
///
/// Always the MSE over every row, trajectory and observed component (each trajectory's first row
/// included), whatever loss training uses, so held-out errors and final losses compare across runs.
/// Holds its own field and engine (sized for the data set), so evaluating does not disturb a
/// training field; the batches are assembled once.
public final class DatasetEvaluator {
    /// The result of one evaluation.
    public struct Evaluation: Sendable {
        /// The MSE over every row (NaN when a solve failed).
        public var loss: Double
        /// Forward evaluations of all solves.
        public var functionEvaluations: Int
        /// Rejected steps of all solves.
        public var rejectedSteps: Int
        /// The first failure, if any solve failed.
        public var failure: GradientFailure?
    }

    private let field: MLPField
    private let engine: GradientEngine<MLPField>
    private let batches: [ObservationBatch]
    private let settings: GradientSettings

    /// An evaluator of `network`-shaped models on `dataset` with the solver of `settings` (its loss kind is ignored).
    public init(network: MLP, dataset: TrajectoryDataset, settings: GradientSettings) {
        let assembler = BatchAssembler(dataset: dataset, stateDimension: network.odeDimension,
                                       absoluteTime: network.timeInput)
        batches = assembler.batches(for: assembler.wholeSamples)
        field = MLPField(network, batchSize: batches.map(\.trajectoryCount).max() ?? 1)
        engine = GradientEngine(field: field)
        var mse = settings
        mse.loss = .mse
        self.settings = mse
    }

    /// The MSE of the network with `parameters` (layout of `MLP.parameters`).
    public func evaluate(parameters: UnsafePointer<Double>) throws(GradientConfigurationError) -> Evaluation {
        field.setParameters(parameters)
        var total = 0.0, count = 0, evaluations = 0, rejected = 0
        for batch in batches {
            field.batchSize = batch.trajectoryCount
            let result = try engine.loss(batch, settings: settings)
            evaluations += result.statistics.functionEvaluations
            rejected += result.statistics.rejectedSteps
            if let failure = result.failure {
                return Evaluation(loss: .nan, functionEvaluations: evaluations, rejectedSteps: rejected, failure: failure)
            }
            total += result.loss * Double(batch.targetCount)
            count += batch.targetCount
        }
        return Evaluation(loss: total / Double(max(count, 1)), functionEvaluations: evaluations, rejectedSteps: rejected, failure: nil)
    }

    /// The MSE of the network with `parameters`.
    public func evaluate(parameters: [Double]) throws(GradientConfigurationError) -> Evaluation {
        try parameters.withUnsafeBufferPointer { (buffer) throws(GradientConfigurationError) -> Evaluation in
            guard let base = buffer.baseAddress else { throw .invalid("the network has no parameters") }
            return try evaluate(parameters: base)
        }
    }
}
