import Foundation
import NeuralODE

/// Seconds per training epoch on the peers' Van der Pol task (their data and initial weights, copied
/// in assets/data/peers-vdp), full batch, Adam at lr 1e-2: the configurations of the peers' scripts.
enum TrainBench {
    static func run(epochs: Int = 200, folder: String = "assets/data/peers-vdp") throws -> [BenchRecord] {
        let data = try TrajectoryDataset.load(path: "\(folder)/train.csv")
        let network = try ModelFile.load(path: "\(folder)/init.json")
        let adaptive = StepSizeController.tolerances(rtol: 1e-6, atol: 1e-8)
        let configurations: [(String, GradientMethod, GradientSettings)] = [
            ("rk4-38 dt 0.05 backprop", .backprop, GradientSettings(method: .rk438, controller: .fixed(dt: 0.05))),
            ("dopri5 rtol 1e-6 atol 1e-8 backprop", .backprop, GradientSettings(method: .dopri5, controller: adaptive)),
            ("dopri5 rtol 1e-6 atol 1e-8 adjoint", .adjoint, GradientSettings(method: .dopri5, controller: adaptive)),
        ]
        var records: [BenchRecord] = []
        for (name, method, settings) in configurations {
            let configuration = TrainingConfiguration(epochs: epochs, learningRate: 1e-2, gradientMethod: method,
                                                      solver: settings, seed: 0)
            let trainer = try Trainer(network: network, data: data, configuration: configuration)
            let outcome = try trainer.run()
            if let failure = outcome.failure { throw BenchError.solveFailed("\(name): \(failure)") }
            var perEpoch: [Double] = []
            var previous = 0.0
            for record in outcome.log {
                perEpoch.append(record.seconds - previous)
                previous = record.seconds
            }
            let timed = Array(perEpoch.dropFirst(5)).sorted()
            let forward = outcome.log.map { Double($0.forwardEvaluations) }.sorted()
            let backward = outcome.log.map { Double($0.backwardEvaluations) }.sorted()
            records.append(BenchRecord(bench: "train", configuration: "peers vdp task, \(epochs) epochs, \(name)",
                                       seconds: timed[timed.count / 2], functionEvaluations: Int(forward[forward.count / 2]),
                                       extra: ["nfeBackwardMedian": backward[backward.count / 2],
                                               "finalLoss": outcome.log.last?.loss ?? .nan,
                                               "trainWallSeconds": outcome.seconds]))
        }
        return records
    }
}
