import Foundation
@testable import NeuralODE
import Testing

@Suite("Training on several threads: the fixed partition, identical results for any thread count")
struct TrainingThreadsTests {
    /// Seven noisy Van der Pol trajectories and a 2-12-12-2 tanh network.
    static func problem() throws -> (MLP, TrajectoryDataset) {
        let system = try SystemRegistry.field(named: "van-der-pol")
        let starts: [[Double]] = [[2, 0], [-1.5, 1], [0.5, -2], [1, 1], [-2, -1], [0.3, 0.7], [-0.8, -1.9]]
        let data = try SimulatedData.make(system: system, initialStates: starts, t1: 2, points: 21, noise: 0.05, seed: 4)
        return (MLP(stateDim: 2, hidden: [12, 12], seed: 8), data)
    }

    @Test("chunks cover the batch in order, sizes differ by at most one, at most 32 each, two or more from two trajectories")
    func partition() {
        for count in 1...300 {
            let chunks = TrajectoryPartition.chunks(of: count)
            #expect(chunks.first?.lowerBound == 0 && chunks.last?.upperBound == count)
            #expect(zip(chunks, chunks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            let sizes = chunks.map(\.count)
            #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1)
            #expect(sizes.allSatisfy { $0 >= 1 && $0 <= 32 })
            #expect(count == 1 ? chunks.count == 1 : chunks.count >= 2)
            #expect(TrajectoryPartition.largestChunk(upTo: count) >= sizes.max() ?? 0)
        }
        #expect(TrajectoryPartition.chunks(of: 5).map(\.count) == [3, 2])
        #expect(TrajectoryPartition.chunks(of: 256).map(\.count) == Array(repeating: 32, count: 8))
    }

    @Test("a slice of a batch holds its trajectories' initial states and targets")
    func slice() throws {
        let batch = try ObservationBatch(times: [0, 1, 2], initialStates: [1, 2, 3, 4, 5, 6],
                                         targets: (0..<9).map(Double.init), trajectoryCount: 3,
                                         stateDimension: 2, observedDimension: 1)
        let part = batch.trajectories(1..<3)
        #expect(part.initialStates == [3, 4, 5, 6])
        #expect(part.targets == [1, 2, 4, 5, 7, 8])
        #expect(part.trajectoryCount == 2 && part.times == batch.times && part.observedDimension == 1)
    }

    @Test("the chunked loss and gradient equal the whole batch's (fixed steps) to rounding",
          arguments: [GradientMethod.backprop, .adjoint])
    func chunkedEqualsWhole(method: GradientMethod) throws {
        let (network, data) = try Self.problem()
        let assembler = BatchAssembler(dataset: data, stateDimension: 2, absoluteTime: false)
        let whole = try #require(assembler.batches(for: assembler.wholeSamples).first)
        let settings = GradientSettings(method: .rk4, controller: .fixed(dt: 0.05))
        let reference = try GradientEngine(field: MLPField(network, batchSize: 7)).gradient(whole, method: method, settings: settings)
        let engine = GradientEngine(field: MLPField(network, batchSize: 4))
        var loss = 0.0
        var gradient = [Double](repeating: 0, count: network.parameterCount)
        for chunk in TrajectoryPartition.split(whole) {
            engine.field.batchSize = chunk.trajectoryCount
            let result = try engine.gradient(chunk, method: method, settings: settings)
            let weight = Double(chunk.targetCount) / Double(whole.targetCount)
            loss += weight * result.loss
            for i in gradient.indices { gradient[i] += weight * result.parameterGradient[i] }
        }
        #expect(abs(loss - reference.loss) <= 1e-13 * reference.loss)
        let scale = reference.parameterGradient.map(abs).max() ?? 1
        for (ours, theirs) in zip(gradient, reference.parameterGradient) {
            #expect(abs(ours - theirs) <= 1e-11 * scale, "\(ours) vs \(theirs)")
        }
    }

    @Test("model files are byte-identical for 1, 2 and 3 threads",
          arguments: [(GradientMethod.backprop, SolverMethod.rk438), (.adjoint, .dopri5), (.backprop, .dopri5)])
    func threadCountIdentity(method: GradientMethod, solver: SolverMethod) throws {
        let (network, data) = try Self.problem()
        let controller: StepSizeController = solver == .dopri5 ? .tolerances(rtol: 1e-5, atol: 1e-7) : .fixed(dt: 0.05)
        var texts: [String] = []
        var losses: [[Double]] = []
        for threads in [1, 2, 3, nil] {
            let config = TrainingConfiguration(epochs: 6, learningRate: 0.01, gradientMethod: method,
                                               solver: GradientSettings(method: solver, controller: controller),
                                               seed: 2, threads: threads)
            let trainer = try Trainer(network: network, data: data, configuration: config)
            #expect(trainer.threads == threads ?? ProcessInfo.processInfo.activeProcessorCount)
            let outcome = try trainer.run()
            #expect(outcome.succeeded)
            texts.append(ModelFile.text(of: outcome.model))
            losses.append(outcome.log.map(\.loss))
        }
        #expect(texts[0] == texts[1] && texts[0] == texts[2] && texts[0] == texts[3])
        #expect(losses[0] == losses[1] && losses[0] == losses[2] && losses[0] == losses[3])
        #expect(texts[0] != ModelFile.text(of: network))
    }

    @Test("chunks solved in lockstep as one batch get each chunk's own loss and gradients, bit for bit",
          arguments: [([12, 12], LossKind.mse, 3 as Int?), ([64, 64], .halfSSE, 2), ([12, 12], .mse, nil)])
    func lockstepEqualsChunks(hidden: [Int], loss: LossKind, held: Int?) throws {
        let (_, data) = try Self.problem()
        let network = MLP(stateDim: 2, hidden: hidden, seed: 8)
        let assembler = BatchAssembler(dataset: data, stateDimension: 2, absoluteTime: false)
        let whole = try #require(assembler.batches(for: assembler.wholeSamples).first)
        let settings = GradientSettings(method: .rk438, controller: .fixed(dt: 0.05), loss: loss)
        let ranges = TrajectoryPartition.chunks(of: whole.trajectoryCount)
        let chunkField = MLPField(network, batchSize: ranges[0].count, heldVJPs: held)
        let lockstep = GradientEngine(field: MLPField(network, batchSize: whole.trajectoryCount, heldVJPs: chunkField.heldVJPs))
        let results = try #require(lockstep.backpropLockstep(whole, groups: ranges, settings: settings))
        #expect(results.count == ranges.count && ranges.count == 2)
        let engine = GradientEngine(field: chunkField)
        for (range, result) in zip(ranges, results) {
            engine.field.batchSize = range.count
            let reference = try engine.gradient(whole.trajectories(range), method: .backprop, settings: settings)
            #expect(result.failure == nil && reference.failure == nil)
            #expect(result.loss == reference.loss)
            #expect(result.parameterGradient == reference.parameterGradient)
            #expect(result.initialStateGradient == reference.initialStateGradient)
            #expect(result.forward.functionEvaluations == reference.forward.functionEvaluations)
            #expect(result.backward.functionEvaluations == reference.backward.functionEvaluations)
            #expect(result.tapeBytes == reference.tapeBytes)
        }
        #expect(results[0].parameterGradient != results[1].parameterGradient)
        let adaptive = GradientSettings(method: .dopri5, controller: .tolerances(rtol: 1e-5, atol: 1e-7))
        #expect(lockstep.backpropLockstep(whole, groups: ranges, settings: adaptive) == nil)
    }

    /// One noisy Van der Pol trajectory of 41 points and a 2-128-128-2 tanh network (wide enough for a layer team).
    static func longTrajectory() throws -> (MLP, TrajectoryDataset) {
        let system = try SystemRegistry.field(named: "van-der-pol")
        let data = try SimulatedData.make(system: system, initialStates: [[2, 0]], t1: 4, points: 41, noise: 0.05, seed: 5)
        return (MLP(stateDim: 2, hidden: [128, 128], seed: 9), data)
    }

    @Test("one trajectory on a layer team: the field's results equal its results alone, bit for bit",
          arguments: [2, 3])
    func layerTeamField(members: Int) throws {
        let (network, data) = try Self.longTrajectory()
        let assembler = BatchAssembler(dataset: data, stateDimension: 2, absoluteTime: false)
        let batch = try #require(assembler.batches(for: assembler.wholeSamples).first)
        #expect(batch.trajectoryCount == 1)
        for (method, solver) in [(GradientMethod.backprop, SolverMethod.rk438), (.adjoint, .dopri5)] {
            let controller: StepSizeController = solver == .dopri5 ? .tolerances(rtol: 1e-6, atol: 1e-8) : .fixed(dt: 0.05)
            let settings = GradientSettings(method: solver, controller: controller)
            let alone = try GradientEngine(field: MLPField(network, batchSize: 1)).gradient(batch, method: method, settings: settings)
            let field = MLPField(network, batchSize: 1)
            #expect(field.teamShares(members: members, batch: 1))
            let team = LayerTeam(members: members, patience: .max), box = FieldBox(field: field)
            let helpers = (1..<members).map { member in
                let thread = Thread { team.serve(member: member, field: box.field) }
                thread.start()
                return thread
            }
            field.team = team
            let shared = try GradientEngine(field: field).gradient(batch, method: method, settings: settings)
            field.team = nil
            team.stop()
            #expect(helpers.count == members - 1)
            #expect(team.runs > 100)
            #expect(team.isActive == false)
            #expect(shared.loss == alone.loss)
            #expect(shared.parameterGradient == alone.parameterGradient)
            #expect(shared.initialStateGradient == alone.initialStateGradient)
            #expect(shared.parameterGradient.contains { $0 != 0 })
        }
    }

    @Test("one trajectory: model files are byte-identical for 1, 2 and 3 threads (a layer team shares the wide layers)",
          arguments: [(GradientMethod.backprop, SolverMethod.rk438), (.adjoint, .dopri5)])
    func longTrajectoryThreads(method: GradientMethod, solver: SolverMethod) throws {
        let (network, data) = try Self.longTrajectory()
        let controller: StepSizeController = solver == .dopri5 ? .tolerances(rtol: 1e-5, atol: 1e-7) : .fixed(dt: 0.05)
        var texts: [String] = []
        for threads in [1, 2, 3] {
            let config = TrainingConfiguration(epochs: 3, learningRate: 0.01, gradientMethod: method,
                                               solver: GradientSettings(method: solver, controller: controller),
                                               seed: 2, threads: threads)
            let outcome = try Trainer(network: network, data: data, configuration: config).run()
            #expect(outcome.succeeded)
            texts.append(ModelFile.text(of: outcome.model))
        }
        #expect(texts[0] == texts[1] && texts[0] == texts[2])
        #expect(texts[0] != ModelFile.text(of: network))
    }
}

/// Hands a field to a team member's thread; the team's protocol orders every access.
private final class FieldBox: @unchecked Sendable {
    let field: MLPField
    init(field: MLPField) { self.field = field }
}
