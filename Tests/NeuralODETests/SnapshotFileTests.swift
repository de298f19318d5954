import Foundation
import Testing
@testable import NeuralODE

/// `flowscope.snapshots.v1`: models kept during training, in one file.
@Suite struct SnapshotFileTests {
    private func model(seed: UInt64, hidden: [Int] = [5]) -> MLP { MLP(stateDim: 2, hidden: hidden, seed: seed) }

    @Test func roundTripKeepsEveryNumberExactly() throws {
        let snapshots = [TrainingSnapshot(epoch: 0, loss: 0.1 + 0.2, model: model(seed: 1)),
                         TrainingSnapshot(epoch: 25, loss: 1.0 / 3, model: model(seed: 2))]
        let text = SnapshotFile.text(of: snapshots)
        #expect(text.hasPrefix("{\n  \"format\": \"flowscope.snapshots.v1\""))
        let back = try SnapshotFile.decode(Data(text.utf8))
        #expect(back.map(\.epoch) == [0, 25])
        #expect(back.map(\.loss) == [0.1 + 0.2, 1.0 / 3])
        #expect(back[1].model.parameters == snapshots[1].model.parameters)
        #expect(back[0].model.parameters != back[1].model.parameters)
        // The same snapshots give the same bytes.
        #expect(SnapshotFile.text(of: back) == text)
    }

    @Test func badFilesNameWhatIsWrong() throws {
        let good = SnapshotFile.text(of: [TrainingSnapshot(epoch: 0, loss: 1, model: model(seed: 1)),
                                          TrainingSnapshot(epoch: 5, loss: 0.5, model: model(seed: 2))])
        func failure(_ text: String) -> String {
            do { _ = try SnapshotFile.decode(Data(text.utf8)); return "decoded" } catch { return error.description }
        }
        #expect(failure(good.replacingOccurrences(of: "\"epoch\": 5", with: "\"epoch\": 0")).contains("snapshots[1].epoch"))
        #expect(failure(good.replacingOccurrences(of: "flowscope.snapshots.v1", with: "flowscope.mlp.v1")).contains("a single model"))
        #expect(failure("{\"format\": \"flowscope.snapshots.v1\", \"snapshots\": []}").contains("holds no snapshot"))
        let other = SnapshotFile.text(of: [TrainingSnapshot(epoch: 9, loss: 0.5, model: model(seed: 2, hidden: [7]))])
        let firstOfOther = other.components(separatedBy: "\"snapshots\": [")[1].components(separatedBy: "\n  ]\n}")[0]
        let mixed = good.replacingOccurrences(of: "\n  ]\n}", with: ",\n" + firstOfOther + "\n  ]\n}")
        #expect(failure(mixed).contains("shape differs"))
        #expect(failure(good.replacingOccurrences(of: "\"loss\": 0.5", with: "\"loss\": \"low\"")).contains("loss"))
    }
}
