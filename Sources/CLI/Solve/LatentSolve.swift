import Foundation
import NeuralODE

/// `ode-solve --model latent.json --data prefix.csv`: each trajectory of the prefix encoded, its
/// latent state solved forward and backward from its first observation, decoded at evenly spaced times.
struct LatentSolve {
    let modelPath: String
    let dataPath: String
    /// Output window: `t0` (default each trajectory's first time) to `t1`, `points` rows each.
    let t0: Double?
    let t1: Double
    let points: Int
    let settings: SolverSettings

    /// The decoded trajectories as a data file (`trajectory,t,<components>`).
    func run() throws -> String {
        let model: LatentModel
        do {
            model = try LatentModelFile.load(path: modelPath)
        } catch {
            throw ProgramError.badInput("\(modelPath): \(error.description)")
        }
        let data = try TrainingPlan.loadData(dataPath, option: "--data")
        guard data.dimension == model.observationSize else {
            throw ProgramError.badInput("--data: \(data.dimension) components per row, the model observes \(model.observationSize)")
        }
        let predictor = LatentPredictor(model: model, method: settings.method, controller: settings.controller)
        var out: [TrajectoryDataset.Trajectory] = []
        for sequence in data.trajectories {
            let start = t0 ?? sequence.times[0]
            guard start != t1 else {
                throw ProgramError.badInput("--t1 must differ from the start time \(start) of trajectory \(sequence.label)")
            }
            let low = min(start, t1), high = max(start, t1)
            let times = (0..<points).map { low + (high - low) * Double($0) / Double(points - 1) }
            let prediction: LatentPrediction
            do {
                prediction = try predictor.predict(sequence, times: times)
            } catch .invalid(let reason) {
                throw ProgramError.badInput("trajectory \(sequence.label): \(reason)")
            } catch {
                throw ProgramError.failure("trajectory \(sequence.label): \(error.description)")
            }
            let ordered = start <= t1 ? (times, prediction.observations)
                : (Array(times.reversed()), reversedRows(prediction.observations, width: model.observationSize))
            out.append(TrajectoryDataset.Trajectory(label: sequence.label, times: ordered.0, values: ordered.1))
        }
        return TrajectoryDataset(componentNames: data.componentNames, trajectories: out).csvText(includeLabels: true)
    }

    private func reversedRows(_ values: [Double], width: Int) -> [Double] {
        let rows = values.count / width
        return (0..<rows).reversed().flatMap { values[($0 * width)..<(($0 + 1) * width)] }
    }
}
