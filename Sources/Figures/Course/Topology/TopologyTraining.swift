import NeuralODE

/// Training and solving for the topology figures, with NeuralODE's errors turned into figure errors.
enum TopologyTraining {
    /// Tolerances for drawing a learned flow (tighter than training's, so curves are smooth and accurate).
    static let drawing = StepSizeController.tolerances(rtol: 1e-7, atol: 1e-9)

    /// Trains `classifier` on `data` with `configuration`; a run that stops early is an error.
    static func train(_ classifier: ODEClassifier, on data: LabelledPoints,
                      configuration: ClassifierTrainingConfiguration) throws(FigureError) -> ClassifierTrainer.Outcome {
        let outcome: ClassifierTrainer.Outcome
        do {
            outcome = try ClassifierTrainer(classifier: classifier, data: data, configuration: configuration).run()
        } catch {
            throw .computationFailed(error.description)
        }
        if let failure = outcome.failure {
            throw .computationFailed("training stopped at epoch \(failure.epoch): \(failure.cause.description)")
        }
        return outcome
    }

    /// A classifier from its parts, or a figure error.
    static func classifier(_ mlp: MLP, readout: LinearReadout, endTime: Double) throws(FigureError) -> ODEClassifier {
        do { return try ODEClassifier(mlp: mlp, readout: readout, endTime: endTime) } catch {
            throw .invalidInput(error.description)
        }
    }

    /// The flow of `points` saved at `times` (tight tolerances); a failed solve is an error.
    static func flow(_ classifier: ODEClassifier, points: [Double], times: [Double]) throws(FigureError) -> ODESolution {
        let solution: ODESolution
        do { solution = try classifier.flow(points, times: times, controller: drawing) } catch {
            throw .solverSettings(error.description)
        }
        if let failure = solution.failure { throw .computationFailed("flow solve failed: \(failure.description)") }
        return solution
    }

    /// Component `component` of state `index` (of `dimension` components) at every saved time.
    static func path(_ solution: ODESolution, index: Int, component: Int, dimension: Int) -> [Double] {
        let n = solution.stateSize
        return (0..<solution.count).map { j in solution.states[j * n + index * dimension + component] }
    }

    /// `count` evenly spaced values from `low` to `high` inclusive.
    static func linspace(_ low: Double, _ high: Double, _ count: Int) -> [Double] {
        (0..<count).map { low + (high - low) * Double($0) / Double(max(count - 1, 1)) }
    }
}

extension TopologyTraining {
    /// `v` with `digits` significant digits for a summary line on stdout ("1.0007", "4.74e-14").
    static func text(_ v: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)g", v)
    }
}
