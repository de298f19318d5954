import Foundation
import Testing
@testable import NeuralODE

@Suite("Model file")
struct ModelFileTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func decode(_ text: String) throws(ModelFileError) -> MLP {
        try ModelFile.decode(Data(text.utf8))
    }

    /// A valid one-layer file whose pieces a test can replace.
    static func file(format: String = "\"flowscope.mlp.v1\"", stateDim: String = "2", extra: String = "",
                     layers: String = #"[{"weight": [[1, 2], [3, 4]], "bias": [0.5, -0.5], "activation": "tanh"}]"#) -> String {
        #"{"format": \#(format), "state_dim": \#(stateDim), \#(extra)"layers": \#(layers)}"#
    }

    @Test("Example 3.1.1's network file gives f(1) = −2·tanh(1.5)")
    func example311() throws {
        let path = Self.packageRoot.appendingPathComponent("assets/models/example-3.1.1.json").path
        let mlp = try ModelFile.load(path: path)
        #expect(mlp.widths == [1, 1, 1])
        #expect(mlp.activations == [.tanh, .identity])
        let f = mlp.evaluate(t: 0, state: [1])[0]
        #expect(abs(f - (-2 * Foundation.tanh(1.5))) <= 1e-15)
        #expect(abs(f - (-1.8103)) < 5e-5)
        #expect(MLPField(mlp).evaluate(t: 0, [1]) == [f])
    }

    @Test("saving then loading gives the same network and the same bytes")
    func roundTrip() throws {
        for mlp in [MLP(stateDim: 2, hidden: [32, 32], seed: 1),
                    MLP(stateDim: 3, augmentDim: 2, timeInput: true, hidden: [5], activation: .softplus,
                        outputActivation: .sigmoid, seed: 2)] {
            let text = ModelFile.text(of: mlp)
            let loaded = try Self.decode(text)
            #expect(loaded == mlp)
            #expect(loaded.parameters.map(\.bitPattern) == mlp.parameters.map(\.bitPattern))
            #expect(ModelFile.text(of: loaded) == text)
            #expect(ModelFile.data(of: loaded) == Data(text.utf8))
        }
    }

    @Test("awkward numbers survive a round trip exactly")
    func awkwardNumbers() throws {
        let values = [0.1, 0.30000000000000004, 5e-324, -1.7976931348623157e308, 1e-5, 123456789.123, -0.0, 1.0 / 3]
        let layer = MLP.Layer(weight: [values], bias: [2.5e-17], activation: .identity)
        let mlp = try MLP(stateDim: 1, augmentDim: 0, timeInput: false,
                          layers: [MLP.Layer(weight: Array(repeating: [1], count: values.count),
                                             bias: Array(repeating: 0, count: values.count), activation: .relu), layer])
        let loaded = try Self.decode(ModelFile.text(of: mlp))
        #expect(loaded.parameters.map(\.bitPattern) == mlp.parameters.map(\.bitPattern))
    }

    @Test("time_input and augment_dim default to false and 0")
    func defaults() throws {
        let mlp = try Self.decode(Self.file())
        #expect(!mlp.timeInput && mlp.augmentDim == 0)
        #expect(mlp.parameters == [1, 2, 3, 4, 0.5, -0.5])
    }

    static let badCases: [(name: String, text: String, error: ModelFileError)] = [
        ("not JSON", "{\"format\": \"flowscope.mlp.v1\",\n  \"state_dim\": 2,,}",
         .notJSON(detail: "Invalid value around character 48. (line 2, column 18)")),
        ("missing key", #"{"format": "flowscope.mlp.v1", "state_dim": 2}"#, .missingKey(path: "layers")),
        ("missing layer key", file(layers: #"[{"weight": [[1, 2], [3, 4]], "activation": "tanh"}]"#),
         .missingKey(path: "layers[0].bias")),
        ("wrong format", file(format: "\"flowscope.mlp.v0\""), .wrongFormat(found: "flowscope.mlp.v0")),
        ("state_dim not an integer", file(stateDim: "2.5"), .wrongType(path: "state_dim", expected: "an integer")),
        ("time_input not a bool", file(extra: #""time_input": 1, "#), .wrongType(path: "time_input", expected: "true or false")),
        ("negative augment_dim", file(extra: #""augment_dim": -1, "#),
         .invalidValue(key: "augment_dim", detail: "must be at least 0, got -1")),
        ("string weight", file(layers: #"[{"weight": [[1, "a"], [3, 4]], "bias": [0, 0], "activation": "tanh"}]"#),
         .wrongType(path: "layers[0].weight[0][1]", expected: "a number")),
        ("wrong weight shape", file(layers: #"[{"weight": [[1, 2, 3], [3, 4, 5]], "bias": [0, 0], "activation": "tanh"}]"#),
         .weightShape(layer: 0, rows: 2, columns: 3, expectedInput: 2)),
        ("ragged weight", file(layers: #"[{"weight": [[1, 2], [3]], "bias": [0, 0], "activation": "tanh"}]"#),
         .raggedWeight(layer: 0, row: 1, count: 1, expected: 2)),
        ("bias length", file(layers: #"[{"weight": [[1, 2], [3, 4]], "bias": [0], "activation": "tanh"}]"#),
         .biasShape(layer: 0, count: 1, rows: 2)),
        ("second layer shape", file(layers: #"[{"weight": [[1, 2], [3, 4]], "bias": [0, 0], "activation": "tanh"}, {"weight": [[1, 2, 3], [1, 1, 1]], "bias": [0, 0], "activation": "identity"}]"#),
         .weightShape(layer: 1, rows: 2, columns: 3, expectedInput: 2)),
        ("unknown activation", file(layers: #"[{"weight": [[1, 2], [3, 4]], "bias": [0, 0], "activation": "gelu"}]"#),
         .unknownActivation(layer: 0, name: "gelu")),
        ("output size", file(layers: #"[{"weight": [[1, 2], [3, 4], [5, 6]], "bias": [0, 0, 0], "activation": "tanh"}]"#),
         .outputSize(found: 3, stateDim: 2, augmentDim: 0)),
        ("no layers", file(layers: "[]"), .noLayers),
        ("empty weight", file(layers: #"[{"weight": [], "bias": [], "activation": "tanh"}]"#), .emptyWeight(layer: 0)),
        ("overflowing number", file(layers: #"[{"weight": [[1e999, 2], [3, 4]], "bias": [0, 0], "activation": "tanh"}]"#),
         .notJSON(detail: "Number 1e999 is not representable in Swift. (numbers must be finite doubles)")),
        ("NaN literal", file(layers: #"[{"weight": [[NaN, 2], [3, 4]], "bias": [0, 0], "activation": "tanh"}]"#),
         .notJSON(detail: "Invalid value around character 71. (line 1, column 72)")),
    ]

    @Test("each malformed model file gets its own message", arguments: badCases.indices)
    func badFile(index: Int) {
        let (name, text, expected) = Self.badCases[index]
        do {
            _ = try Self.decode(text)
            Issue.record("\(name): accepted")
        } catch {
            #expect(error == expected, "\(name): \(error)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("non-finite weights given in code are rejected with their path")
    func nonFiniteInCode() {
        let layer = MLP.Layer(weight: [[1, .nan]], bias: [0], activation: .identity)
        #expect(throws: ModelFileError.nonFinite(path: "layers[0].weight[0][1]")) {
            try MLP(stateDim: 1, augmentDim: 0, timeInput: true, layers: [layer])
        }
    }

    @Test("a missing file is named in the error")
    func missingFile() {
        #expect(throws: ModelFileError.fileNotFound(path: "/nonexistent/model.json")) {
            try ModelFile.load(path: "/nonexistent/model.json")
        }
        #expect(ModelFileError.fileNotFound(path: "/x.json").description == "model file not found: /x.json")
    }

    @Test("the shape message names the sizes")
    func shapeMessage() {
        let error = ModelFileError.weightShape(layer: 1, rows: 32, columns: 3, expectedInput: 32)
        #expect(error.description == "layers[1].weight is 32×3 but its input has size 32 (expected 32×32)")
        #expect(ModelFileError.unknownActivation(layer: 0, name: "gelu").description
            == "layers[0].activation \"gelu\" is unknown (valid: tanh, relu, softplus, sigmoid, elu, identity)")
    }
}
