import CLI
import Foundation
import NeuralODE
import Render
import Testing

/// Every input the fuzzers kept (Fuzz/corpus, Fuzz/seeds) and every crash they found
/// (Fuzz/crashes), fed once to its parser in the ordinary test build: a regression is a trap here.
/// `Fuzz/fuzz.sh` runs the real fuzzers; this replay needs no sanitizer build.
@Suite struct FuzzCorpusReplayTests {
    static let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz").path

    /// The saved inputs of `target`, in name order.
    static func inputs(_ target: String) -> [Data] {
        var files: [String] = []
        for kind in ["seeds", "corpus", "crashes"] {
            let folder = "\(fuzz)/\(kind)/\(target)"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            files += names.sorted().map { "\(folder)/\($0)" }
        }
        return files.compactMap { FileManager.default.contents(atPath: $0) }
    }

    @Test func csvInputs() {
        let inputs = Self.inputs("FuzzCSV")
        #expect(inputs.count >= 3)
        var read = 0
        for data in inputs where (try? TrajectoryDataset.parse(data)) != nil { read += 1 }
        #expect(read >= 1)
    }

    @Test func modelInputs() {
        let inputs = Self.inputs("FuzzModelJSON")
        #expect(inputs.count >= 2)
        var read = 0
        for data in inputs where (try? ModelFile.decode(data)) != nil { read += 1 }
        #expect(read >= 1)
    }

    @Test func manifestInputs() {
        let inputs = Self.inputs("FuzzGalleryManifest")
        #expect(inputs.count >= 1)
        var read = 0
        for data in inputs where (try? GalleryManifestReader.parse(data, name: "replay.json")) != nil { read += 1 }
        #expect(read >= 1)
    }

    @Test func expressionInputs() {
        let inputs = Self.inputs("FuzzExpression")
        #expect(inputs.count >= 3)
        var read = 0
        for data in inputs {
            let text = String(decoding: data, as: UTF8.self)
            if let system = try? TextSystem.parse(text, name: "replay"), (try? system.field()) != nil { read += 1 }
        }
        #expect(read >= 3)
    }

    @Test func pngInputs() {
        let inputs = Self.inputs("FuzzPNG")
        #expect(inputs.count >= 30)
        var read = 0
        for data in inputs where (try? RGBAImage(pngData: data, maximumBytes: 64 << 20)) != nil { read += 1 }
        #expect(read >= 30)
    }
}
