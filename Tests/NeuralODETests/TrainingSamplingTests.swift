import Foundation
import NeuralODE
import Testing

@Suite("Training: simulated data, minibatches, windows")
struct TrainingSamplingTests {
    /// 101 times on [0, 10], as `SaveAt.points(101)` makes them.
    static let grid = (0...100).map { 10 * Double($0) / 100 }

    @Test("whole sampling without a batch size is one minibatch of every trajectory in order")
    func wholeFullBatch() {
        var sampler = MinibatchSampler(times: [Self.grid, Self.grid, Self.grid], sampling: .whole, batchSize: nil, seed: 1)
        let batches = sampler.minibatches(epoch: 0)
        #expect(batches == [[SampleWindow(trajectory: 0, first: 0, last: 100), SampleWindow(trajectory: 1, first: 0, last: 100),
                             SampleWindow(trajectory: 2, first: 0, last: 100)]])
    }

    @Test("a growing prefix covers the rows within the horizon of each trajectory's start")
    func prefixCurriculum() {
        var sampler = MinibatchSampler(times: [Self.grid], sampling: .prefix(.exercise3_1_10), batchSize: nil, seed: 1)
        #expect(sampler.minibatches(epoch: 0)[0][0] == SampleWindow(trajectory: 0, first: 0, last: 5))
        #expect(sampler.minibatches(epoch: 30)[0][0].last == 12)  // horizon 1.25: up to t = 1.2
        #expect(sampler.minibatches(epoch: 60)[0][0].last == 20)
        #expect(sampler.minibatches(epoch: 90)[0][0].last == 20)
    }

    @Test("random windows: ceil(span/h) per trajectory, each fits and spans h, seeded")
    func randomWindows() {
        let times = [Self.grid, Self.grid]
        var sampler = MinibatchSampler(times: times, sampling: .windows(.constant(1)), batchSize: 3, seed: 7)
        let batches = sampler.minibatches(epoch: 0)
        #expect(batches.map(\.count) == [3, 3, 3, 3, 3, 3, 2])
        let samples = batches.flatMap { $0 }
        #expect(samples.filter { $0.trajectory == 0 }.count == 10)
        #expect(samples.filter { $0.trajectory == 1 }.count == 10)
        for sample in samples {
            #expect(sample.count == 11)
            #expect(sample.first >= 0 && sample.last <= 100)
        }
        #expect(Set(samples.map(\.first)).count > 5)  // starts are spread out
        var again = MinibatchSampler(times: times, sampling: .windows(.constant(1)), batchSize: 3, seed: 7)
        #expect(again.minibatches(epoch: 0) == batches)
        var other = MinibatchSampler(times: times, sampling: .windows(.constant(1)), batchSize: 3, seed: 8)
        #expect(other.minibatches(epoch: 0) != batches)
        #expect(sampler.minibatches(epoch: 1) != batches)  // a new draw every epoch
    }

    @Test("a window at least as long as the span is the whole trajectory")
    func longWindow() {
        var sampler = MinibatchSampler(times: [Self.grid], sampling: .windows(HorizonCurriculum(start: 2, end: 10, rampEpochs: 8)),
                                       batchSize: nil, seed: 3)
        #expect(sampler.minibatches(epoch: 0)[0].count == 5)
        #expect(sampler.minibatches(epoch: 8) == [[SampleWindow(trajectory: 0, first: 0, last: 100)]])
    }

    @Test("samples on the same relative times form one batch: initial states from the first row, targets T x B x d")
    func assembly() throws {
        let dataset = TrajectoryDataset(componentNames: ["x", "y"], trajectories: [
            .init(label: "a", times: [0, 1, 2], values: [1, 2, 3, 4, 5, 6]),
            .init(label: "b", times: [0, 1, 2, 3], values: [10, 20, 30, 40, 50, 60, 70, 80]),
        ])
        let assembler = BatchAssembler(dataset: dataset, stateDimension: 3, absoluteTime: false)
        let batches = assembler.batches(for: [SampleWindow(trajectory: 0, first: 1, last: 2),
                                              SampleWindow(trajectory: 1, first: 2, last: 3),
                                              SampleWindow(trajectory: 1, first: 0, last: 2)])
        try #require(batches.count == 2)
        let pair = batches[0]
        #expect(pair.times == [0, 1])
        #expect(pair.trajectoryCount == 2 && pair.stateDimension == 3 && pair.observedDimension == 2)
        #expect(pair.initialStates == [3, 4, 0, 50, 60, 0])
        #expect(pair.targets == [3, 4, 50, 60, 5, 6, 70, 80])
        #expect(batches[1].times == [0, 1, 2] && batches[1].initialStates == [10, 20, 0])
        // With time input the windows keep their absolute times and are not grouped.
        let timed = BatchAssembler(dataset: dataset, stateDimension: 2, absoluteTime: true)
        let separate = timed.batches(for: [SampleWindow(trajectory: 0, first: 1, last: 2),
                                           SampleWindow(trajectory: 1, first: 2, last: 3)])
        #expect(separate.map(\.times) == [[1, 2], [2, 3]])
    }

    @Test("simulated data: first rows exact, noise of the requested size, seeded")
    func simulatedData() throws {
        let system = try SystemRegistry.field(named: "damped-oscillator")
        let states = [[1.0, 0.0], [0.0, 1.0]]
        let clean = try SimulatedData.trajectories(system: system, initialStates: states, t1: 4, points: 1001)
        let noisy = try SimulatedData.make(system: system, initialStates: states, t1: 4, points: 1001, noise: 0.05, seed: 11)
        #expect(noisy.trajectories.map(\.times) == clean.trajectories.map(\.times))
        var residuals: [Double] = []
        for (c, n) in zip(clean.trajectories, noisy.trajectories) {
            #expect(Array(n.values[0..<2]) == Array(c.values[0..<2]))
            residuals += zip(n.values.dropFirst(2), c.values.dropFirst(2)).map { $0 - $1 }
        }
        let rms = (residuals.map { $0 * $0 }.reduce(0, +) / Double(residuals.count)).squareRoot()
        #expect(abs(rms - 0.05) < 0.0025)  // 4000 draws: the sample RMS is within 5% of sigma
        // The clean solution is exact: x(t) of the damped oscillator from (1, 0) at t = 4.
        let omega = (1 - 0.0625).squareRoot()
        let exact = exp(-1.0) * (cos(omega * 4) + 0.25 / omega * sin(omega * 4))
        #expect(abs(clean.trajectories[0].values[2000] - exact) < 1e-9)
        let again = try SimulatedData.make(system: system, initialStates: states, t1: 4, points: 1001, noise: 0.05, seed: 11)
        let other = try SimulatedData.make(system: system, initialStates: states, t1: 4, points: 1001, noise: 0.05, seed: 12)
        #expect(again == noisy)
        #expect(other != noisy)
    }

    @Test("simulated data rejects a state of the wrong dimension, naming it")
    func wrongDimension() throws {
        let system = try SystemRegistry.field(named: "van-der-pol")
        #expect(throws: SimulatedData.Failure.invalid("initial state 2 has 3 components, van-der-pol has 2")) {
            try SimulatedData.make(system: system, initialStates: [[1, 0], [1, 2, 3]], t1: 1, points: 5, noise: 0, seed: 0)
        }
    }
}
