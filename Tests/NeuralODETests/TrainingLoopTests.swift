import Foundation
import NeuralODE
import Testing

@Suite("Training: the loop, presets, divergence, parity with torchdiffeq")
struct TrainingLoopTests {
    static let assets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("assets/data/peers-vdp")

    /// A small, fast problem: y' = -2y from two noisy trajectories, a 1-6-1 tanh network.
    static func smallProblem() throws -> (MLP, TrajectoryDataset, TrajectoryDataset) {
        let system = try SystemRegistry.field(named: "exp-decay")
        let data = try SimulatedData.make(system: system, initialStates: [[1], [0.5]], t1: 1, points: 21, noise: 0.01, seed: 5)
        let heldOut = try SimulatedData.trajectories(system: system, initialStates: [[0.8]], t1: 1, points: 21)
        return (MLP(stateDim: 1, hidden: [6], seed: 3), data, heldOut)
    }

    static func configuration(epochs: Int, lr: Double, optimizer: OptimizerKind = .adam,
                              sampling: TimeSampling = .whole, batchSize: Int? = nil) -> TrainingConfiguration {
        TrainingConfiguration(epochs: epochs, learningRate: lr, optimizer: optimizer, sampling: sampling,
                              batchSize: batchSize, solver: GradientSettings(method: .rk4, controller: .fixed(dt: 0.05)),
                              seed: 9)
    }

    @Test("the same seed gives identical parameters and model file bytes; another seed does not")
    func determinism() throws {
        let (network, data, heldOut) = try Self.smallProblem()
        var config = Self.configuration(epochs: 12, lr: 0.02, sampling: .windows(.constant(0.3)), batchSize: 2)
        let first = try Trainer(network: network, data: data, heldOut: heldOut, configuration: config).run()
        let second = try Trainer(network: network, data: data, heldOut: heldOut, configuration: config).run()
        #expect(first.model.parameters == second.model.parameters)
        #expect(ModelFile.text(of: first.model) == ModelFile.text(of: second.model))
        #expect(first.log.map(\.loss) == second.log.map(\.loss))
        #expect(first.model.parameters != network.parameters)
        config.seed = 10
        let third = try Trainer(network: network, data: data, heldOut: heldOut, configuration: config).run()
        #expect(third.model.parameters != first.model.parameters)
    }

    @Test("training lowers the loss; the log has one row per epoch with counts and increasing time")
    func logRows() throws {
        let (network, data, heldOut) = try Self.smallProblem()
        let outcome = try Trainer(network: network, data: data, heldOut: heldOut,
                                  configuration: Self.configuration(epochs: 40, lr: 0.02)).run()
        #expect(outcome.succeeded)
        #expect(outcome.log.map(\.epoch) == Array(0..<40))
        let first = try #require(outcome.log.first), last = try #require(outcome.log.last)
        #expect(last.loss < first.loss / 5)
        #expect(first.forwardEvaluations == 20 * 4 + 20 * 4)  // training solve plus the held-out solve
        #expect(first.backwardEvaluations == 20 * 4)
        #expect(outcome.log.allSatisfy { $0.heldOutError != nil && $0.rejectedSteps == 0 && $0.horizon == nil })
        #expect(zip(outcome.log, outcome.log.dropFirst()).allSatisfy { $0.seconds <= $1.seconds })
        #expect(try #require(outcome.finalLoss) < first.loss)
        #expect(outcome.heldOutError == last.heldOutError)
        let csv = EpochRecord.csv(outcome.log).split(separator: "\n")
        #expect(csv.count == 41 && csv[0] == "epoch,loss,heldout_mse,nfe_forward,nfe_backward,rejected_steps,seconds,learning_rate,horizon")
    }

    @Test("a huge learning rate: training stops at the first non-finite loss and keeps the log up to it")
    func divergence() throws {
        let (network, data, _) = try Self.smallProblem()
        let outcome = try Trainer(network: network, data: data,
                                  configuration: Self.configuration(epochs: 50, lr: 1e30, optimizer: .sgd)).run()
        let failure = try #require(outcome.failure)
        #expect(failure.epoch < 49)
        #expect(outcome.log.count == failure.epoch + 1)
        #expect(!(outcome.log.last?.loss.isFinite ?? true))
        #expect(outcome.log.dropLast().allSatisfy { $0.loss.isFinite })
        #expect(outcome.finalLoss == nil)
        #expect(outcome.model.parameters.allSatisfy { $0.isFinite })
        #expect(failure.description.hasPrefix("training diverged at epoch \(failure.epoch): "))
    }

    @Test("early stopping ends the run after `patience` checks without improvement and keeps the best model")
    func earlyStop() throws {
        let (network, data, heldOut) = try Self.smallProblem()
        var config = Self.configuration(epochs: 300, lr: 0.05, sampling: .windows(.constant(0.2)), batchSize: 1)
        config.patience = 3
        let outcome = try Trainer(network: network, data: data, heldOut: heldOut, configuration: config).run()
        #expect(outcome.stoppedEarly)
        let errors = outcome.log.compactMap(\.heldOutError)
        let best = try #require(outcome.bestEpoch)
        #expect(outcome.log[best].heldOutError == errors.min())
        #expect(outcome.log.count == best + 1 + 3)
        #expect(outcome.heldOutError == errors.min())
    }

    @Test("the code-lab preset: loss from about 0.1 to about 0.001 in 120 epochs")
    func codeLabPreset() throws {
        let preset = TrainingPreset.codeLab
        let trainer = try Trainer(network: preset.makeNetwork(seed: 0), data: preset.makeData(seed: 0),
                                  heldOut: preset.makeHeldOut(), configuration: preset.configuration(seed: 0))
        let outcome = try trainer.run()
        #expect(outcome.log.count == 120)
        let start = try #require(outcome.log.first?.loss)
        #expect(start > 0.08 && start < 0.16)
        #expect(try #require(outcome.finalLoss) < 0.0015)
        #expect(try #require(outcome.heldOutError) < 0.01)
    }

    @Test("plain training on the peers' task matches torchdiffeq's losses epoch by epoch to 1e-8")
    func torchdiffeqParity() throws {
        let data = try TrajectoryDataset.load(path: Self.assets.appendingPathComponent("train.csv").path)
        let network = try ModelFile.load(path: Self.assets.appendingPathComponent("init.json").path)
        let reference = try String(contentsOf: Self.assets.appendingPathComponent("torchdiffeq-rk4-losses.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().compactMap { Double($0.split(separator: ",")[1]) }
        try #require(reference.count == 5)
        let config = TrainingConfiguration(epochs: 3, learningRate: 0.01, optimizer: .adam,
                                           solver: GradientSettings(method: .rk438, controller: .fixed(dt: 0.05)))
        let outcome = try Trainer(network: network, data: data, configuration: config).run()
        for (ours, theirs) in zip(outcome.log.map(\.loss), reference) {
            #expect(abs(ours - theirs) < 1e-8, "ours \(ours), torchdiffeq \(theirs)")
        }
        #expect(outcome.log.first?.forwardEvaluations == 800)
    }
}
