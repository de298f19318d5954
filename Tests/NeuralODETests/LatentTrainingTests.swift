import Foundation
import Testing
@testable import NeuralODE

@Suite("Latent ODE training and prediction")
struct LatentTrainingTests {
    static let settings = GradientSettings(method: .rk4, controller: .fixed(dt: 0.1))

    @Test("Adam on −ELBO lowers the loss on irregularly sampled spirals, reproducibly")
    func trainingLowersLoss() throws {
        let spirals = SpiralTask(count: 16, keepRange: 8...16, seed: 9).generate()
        let model = LatentModel(observationSize: 2, latentSize: 4, encoderHidden: 12, fieldHidden: [16], decoderHidden: 16, seed: 4)
        let configuration = LatentTrainingConfiguration(iterations: 40, learningRate: 0.01, batchSize: 8,
                                                        solver: Self.settings, seed: 1)
        let first = try LatentTrainer(model: model, sequences: spirals.map(\.sequence), configuration: configuration).run()
        let second = try LatentTrainer(model: model, sequences: spirals.map(\.sequence), configuration: configuration).run()
        #expect(first.failure == nil)
        #expect(first.log.count == 40)
        #expect(first.log.map(\.loss) == second.log.map(\.loss))
        let start = first.log.prefix(5).map(\.loss).reduce(0, +) / 5
        let end = first.log.suffix(5).map(\.loss).reduce(0, +) / 5
        #expect(end < 0.5 * start, "mean −ELBO of the first five steps \(start), of the last five \(end)")
    }

    @Test("the trained parameters are the same bits on 1, 2 and 3 threads (chunks fixed by the batch size)")
    func threadCountDoesNotChangeBits() throws {
        let spirals = SpiralTask(count: 70, keepRange: 6...12, seed: 5).generate().map(\.sequence)
        let model = LatentModel(observationSize: 2, latentSize: 3, encoder: .rnn, encoderHidden: 9, fieldHidden: [8],
                                decoderHidden: 6, seed: 2)
        #expect(TrajectoryPartition.chunks(of: spirals.count).count == 3)
        var results: [[Double]] = []
        for threads in [1, 2, 3] {
            let configuration = LatentTrainingConfiguration(
                iterations: 4, learningRate: 0.01, solver: GradientSettings(method: .dopri5, controller: .tolerances(rtol: 1e-5, atol: 1e-7)),
                seed: 3, threads: threads)
            let outcome = try LatentTrainer(model: model, sequences: spirals, configuration: configuration).run()
            #expect(outcome.failure == nil)
            results.append(outcome.model.parameters)
        }
        #expect(results[0] != model.parameters)
        #expect(results[1] == results[0])
        #expect(results[2] == results[0])
    }

    @Test("prediction: backward and forward solves meet at the first observation, where z is the posterior mean")
    func predictionBothWays() throws {
        let spiral = SpiralTask(count: 1, seed: 3).generate()[0]
        let model = LatentModel(observationSize: 2, latentSize: 3, encoderHidden: 6, fieldHidden: [8], decoderHidden: 5, seed: 8)
        let predictor = LatentPredictor(model: model)
        let prediction = try predictor.predict(spiral.sequence, times: [-0.5, -0.25, 0, 0.3, 1.2])
        #expect(prediction.observations.count == 10)
        #expect(Array(prediction.latent[6..<9]) == prediction.mean)
        // The backward path run forward again returns to z0 (to the solver's tolerance).
        let back = Array(prediction.latent[0..<3])
        let solution = try ODESolve.solve(ODEProblem(field: MLPField(model.field), t0: -0.5, t1: 0, y0: back),
                                          method: .dopri5, controller: .tolerances(rtol: 1e-9, atol: 1e-11))
        for l in 0..<3 { #expect(abs(solution.states[l] - prediction.mean[l]) < 1e-6) }
        #expect(throws: LatentPredictionError.self) { _ = try predictor.predict(spiral.sequence, times: [1, 0.5]) }
    }

    @Test("held-out extrapolation stays on the spiral grid")
    func heldOutGrid() {
        let task = SpiralTask(count: 30, seed: 12)
        let heldOut = LatentHeldOut(task: task, spirals: task.generate(), extrapolationPoints: 100)
        // Past the grid's end the clockwise radius 50b/θ grows without bound (θ → 0).
        for item in heldOut.cases {
            #expect(item.extrapolationTruth.allSatisfy { abs($0) < 25 })
            #expect(item.extrapolationTimes.count == item.extrapolationTruth.count / 2)
        }
        #expect(heldOut.cases.contains { $0.extrapolationTimes.count == 100 })
    }
}
