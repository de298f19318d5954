import Foundation
import Testing
@testable import NeuralODE

@Suite struct TrainingScalingTests {
    private func dataset() -> TrajectoryDataset {
        TrajectoryDataset(componentNames: ["x", "y", "z"], trajectories: [
            .init(label: "0", times: [0, 1, 2], values: [1, 10, 30, 3, -10, 40, 5, 0, 50]),
            .init(label: "1", times: [0, 1], values: [7, 0, 20, 9, 0, 10]),
        ])
    }

    @Test func fitsTheMeanAndStandardDeviationOfEveryRow() {
        let scaling = DataScaling(fitting: dataset())
        // x: 1, 3, 5, 7, 9 → mean 5, variance 8; y: 10, −10, 0, 0, 0 → 0, 40; z: 30, 40, 50, 20, 10 → 30, 200.
        #expect(abs(scaling.mean[0] - 5) < 1e-12 && abs(scaling.scale[0] - 8.0.squareRoot()) < 1e-12)
        #expect(abs(scaling.mean[1]) < 1e-12 && abs(scaling.scale[1] - 40.0.squareRoot()) < 1e-12)
        #expect(abs(scaling.mean[2] - 30) < 1e-12 && abs(scaling.scale[2] - 200.0.squareRoot()) < 1e-12)
        let scaled = scaling.scaled(dataset())
        #expect(abs(scaled.trajectories[0].values[0] - (1 - 5) / 8.0.squareRoot()) < 1e-12)
        #expect(abs(scaled.trajectories[1].values[5] - (10 - 30) / 200.0.squareRoot()) < 1e-12)
        #expect(scaled.trajectories[1].times == [0, 1])
    }

    @Test func aConstantComponentKeepsScaleOne() {
        let data = TrajectoryDataset(componentNames: ["a", "b"], trajectories: [
            .init(label: "0", times: [0, 1, 2], values: [4, 1, 4, 2, 4, 3]),
        ])
        let scaling = DataScaling(fitting: data)
        #expect(scaling.scale[0] == 1 && scaling.mean[0] == 4)
    }

    @Test func theFoldedNetworkIsTheScaledFieldInTheDataCoordinates() {
        let scaling = DataScaling(mean: [2, -3, 25], scale: [8, 9, 7.5])
        for hidden in [[16, 16], [5], []] {
            let g = MLP(stateDim: 3, hidden: hidden, seed: 11)
            let folded = scaling.fold(g)
            #expect(folded.widths == g.widths)
            var generator = SeededGenerator(seed: 4)
            for _ in 0..<5 {
                let y = (0..<3).map { _ in generator.nextUniform(in: -20, 45) }
                let z = (0..<3).map { (y[$0] - scaling.mean[$0]) / scaling.scale[$0] }
                let expected = zip(g.evaluate(t: 0, state: z), scaling.scale).map { $0 * $1 }
                let got = folded.evaluate(t: 0, state: y)
                for i in 0..<3 { #expect(abs(got[i] - expected[i]) < 1e-11 * max(1, abs(expected[i]))) }
            }
        }
    }

    @Test func anAugmentedNetworkFoldsOnlyTheObservedComponents() {
        let scaling = DataScaling(mean: [1, 2], scale: [3, 4])
        let g = MLP(stateDim: 2, augmentDim: 1, hidden: [6], seed: 2)
        let folded = scaling.fold(g)
        let y = [4.0, -6, 0.5]
        let expected = g.evaluate(t: 0, state: [(4.0 - 1) / 3, (-6.0 - 2) / 4, 0.5])
        let got = folded.evaluate(t: 0, state: y)
        #expect(abs(got[0] - 3 * expected[0]) < 1e-12)
        #expect(abs(got[1] - 4 * expected[1]) < 1e-12)
        #expect(abs(got[2] - expected[2]) < 1e-12)
    }

    @Test func aTransientStartsTheObservationsLater() throws {
        let lorenz = try SystemRegistry.field(named: "lorenz")
        let late = try SimulatedData.trajectories(system: lorenz, initialStates: [[1, 1, 1]], t1: 1, points: 11, transient: 2)
        let whole = try SimulatedData.trajectories(system: lorenz, initialStates: [[1, 1, 1]], t1: 3, points: 31)
        // Row 0 of the late run is the state at t = 2 of the whole run (same solver, tight tolerances).
        for i in 0..<3 {
            #expect(abs(late.trajectories[0].values[i] - whole.trajectories[0].values[20 * 3 + i]) < 1e-6)
        }
        #expect(late.trajectories[0].times.first == 0)
        #expect(throws: SimulatedData.Failure.self) {
            try SimulatedData.trajectories(system: lorenz, initialStates: [[1, 1, 1]], t1: 1, points: 11, transient: -1)
        }
    }
}
