import Foundation
import Testing
@testable import NeuralODE

@Suite("Latent model file")
struct LatentModelFileTests {
    @Test("a model written and read back is the same model, for both encoder cells", arguments: [RecurrentCellKind.gru, .rnn])
    func roundTrip(kind: RecurrentCellKind) throws {
        let model = LatentModel(observationSize: 2, latentSize: 3, encoder: kind, encoderHidden: 4,
                                fieldHidden: [5], decoderHidden: 6, seed: 11)
        let text = LatentModelFile.text(of: model)
        let read = try LatentModelFile.decode(Data(text.utf8))
        #expect(read == model)
        #expect(LatentModelFile.text(of: read) == text)
        #expect(LatentModelFile.isLatent(Data(text.utf8)))
    }

    /// The gallery's committed models were written by ode-train: reading and writing them again gives
    /// the same bytes, so the writers (which share `ModelFile.layerList`) keep the file format exact.
    @Test("the committed model files are rewritten byte for byte")
    func committedFilesRewriteExactly() throws {
        let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("gallery/data")
        let latent = try Data(contentsOf: data.appendingPathComponent("latent.json"))
        #expect(Data(LatentModelFile.text(of: try LatentModelFile.decode(latent)).utf8) == latent)
        for name in ["vdp.json", "lorenz.json", "damped.json"] {
            let mlp = try Data(contentsOf: data.appendingPathComponent(name))
            #expect(ModelFile.data(of: try ModelFile.decode(mlp)) == mlp, "\(name)")
        }
        let snapshots = try Data(contentsOf: data.appendingPathComponent("vdp.snapshots.json"))
        #expect(Data(SnapshotFile.text(of: try SnapshotFile.decode(snapshots)).utf8) == snapshots)
    }

    @Test("a neural ODE model file is refused by the latent reader, and a latent file by the MLP reader")
    func wrongKind() throws {
        let mlp = MLP(stateDim: 2, hidden: [3], seed: 1)
        #expect {
            _ = try LatentModelFile.decode(ModelFile.data(of: mlp))
        } throws: { error in
            "\(error)".contains("flowscope.mlp.v1") && "\(error)".contains("latent model")
        }
        let latent = LatentModel(observationSize: 2, latentSize: 2, encoderHidden: 3, fieldHidden: [3], decoderHidden: 3, seed: 2)
        #expect {
            _ = try ModelFile.decode(LatentModelFile.data(of: latent))
        } throws: { error in
            "\(error)".contains("latent ODE model")
        }
    }

    @Test("shapes that do not fit are named: a decoder with the wrong output size, a GRU with two layers")
    func badShapes() throws {
        let model = LatentModel(observationSize: 2, latentSize: 2, encoderHidden: 3, fieldHidden: [3], decoderHidden: 3, seed: 2)
        var object = try #require(JSONSerialization.jsonObject(with: LatentModelFile.data(of: model)) as? [String: Any])
        object["observation_dim"] = 3
        let wrongOutput = try JSONSerialization.data(withJSONObject: object)
        #expect { _ = try LatentModelFile.decode(wrongOutput) } throws: { error in
            "\(error)".contains("encoder.layers[0].weight") || "\(error)".contains("decoder")
        }
        var encoder = try #require(object["encoder"] as? [String: Any])
        object["observation_dim"] = 2
        encoder["layers"] = Array((encoder["layers"] as? [Any] ?? []).prefix(2))
        object["encoder"] = encoder
        let shortGRU = try JSONSerialization.data(withJSONObject: object)
        #expect { _ = try LatentModelFile.decode(shortGRU) } throws: { error in
            "\(error)".contains("encoder.layers") && "\(error)".contains("gru")
        }
    }

    @Test("the ELU activation: value and derivative from the output")
    func elu() {
        #expect(Activation.elu.value(2) == 2)
        #expect(abs(Activation.elu.value(-1) - (exp(-1) - 1)) < 1e-15)
        let z = -0.7, h = 1e-6
        let fd = (Activation.elu.value(z + h) - Activation.elu.value(z - h)) / (2 * h)
        #expect(abs(Activation.elu.derivative(z) - fd) < 1e-8)
        #expect(Activation.elu.derivative(0.3) == 1)
    }

    @Test("the spiral task is reproducible from its seed and irregular sampling keeps each spiral's first point")
    func spirals() {
        let task = SpiralTask(count: 20, keepRange: 10...30, seed: 5)
        let a = task.generate(), b = task.generate()
        #expect(a == b)
        #expect(a.contains { $0.clockwise } && a.contains { !$0.clockwise })
        for spiral in a {
            #expect(spiral.sequence.times.first == 0)
            #expect((10...30).contains(spiral.sequence.times.count))
            #expect(zip(spiral.sequence.times, spiral.sequence.times.dropFirst()).allSatisfy { $0 < $1 })
        }
        let p = task.truePosition(clockwise: false, startTime: 0, tau: Double.pi / 2)
        #expect(abs(p.x - 5) < 1e-12 && abs(p.y - 0.3 * Double.pi / 2) < 1e-12)
    }
}
