import NeuralODE

/// Training runs for the course's exercise figures: a preset's data, network and recipe with overrides.
struct CourseTraining {
    var preset: TrainingPreset
    var seed: UInt64 = 0

    /// The preset's noisy training data.
    func data() throws(FigureError) -> TrajectoryDataset {
        do { return try preset.makeData(seed: seed) } catch { throw .computationFailed("training data: \(error)") }
    }

    /// Trains from the preset's initial network with `adjust` applied to its configuration.
    func run(data: TrajectoryDataset? = nil, heldOut: TrajectoryDataset? = nil,
             adjust: (inout TrainingConfiguration) -> Void = { _ in }) throws(FigureError) -> TrainingOutcome {
        var configuration = preset.configuration(seed: seed)
        adjust(&configuration)
        let network: MLP
        do { network = try preset.makeNetwork(seed: seed) } catch { throw .computationFailed("network: \(error)") }
        let trainingData: TrajectoryDataset
        if let data { trainingData = data } else { trainingData = try self.data() }
        do {
            let trainer = try Trainer(network: network, data: trainingData, heldOut: heldOut, configuration: configuration)
            return try trainer.run()
        } catch {
            throw .computationFailed("training failed: \(error.description)")
        }
    }

    /// The first epoch whose training loss is below `threshold`, or nil.
    static func firstEpoch(below threshold: Double, in log: [EpochRecord]) -> Int? {
        log.first { $0.loss < threshold }?.epoch
    }

    /// The epoch at which a run diverged (its failure), or nil when it ran to the end.
    static func divergedEpoch(_ outcome: TrainingOutcome) -> Int? { outcome.failure?.epoch }
}
