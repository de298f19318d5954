import Foundation
import InputSafety

/// One model kept during training: the epoch after which it was taken and that epoch's loss.
public struct TrainingSnapshot: Sendable {
    public var epoch: Int
    public var loss: Double
    public var model: MLP

    public init(epoch: Int, loss: Double, model: MLP) {
        self.epoch = epoch; self.loss = loss; self.model = model
    }
}

/// Reads and writes `flowscope.snapshots.v1`: the models of one training run, every K epochs, in one JSON file.
///
/// `{"format": "flowscope.snapshots.v1", "snapshots": [{"epoch": 0, "loss": 0.52, "model": {…}}, …]}`:
/// `epoch` (integer ≥ 0, strictly increasing), `loss` (the epoch's training loss, finite) and `model`
/// (a `flowscope.mlp.v1` object, written exactly as a model file). Every model must have the same
/// shape (state and augmented dimensions, time input, layer sizes and activations). Errors are
/// `ModelFileError`s naming the snapshot (`snapshots[2].epoch`).
public enum SnapshotFile {
    /// The value of the `format` key.
    public static let formatName = "flowscope.snapshots.v1"

    /// The file text; the same snapshots always give the same bytes (numbers exact, as in model files).
    public static func text(of snapshots: [TrainingSnapshot]) -> String {
        var out = "{\n  \"format\": \"\(formatName)\",\n  \"snapshots\": ["
        for (k, s) in snapshots.enumerated() {
            out += k == 0 ? "\n" : ",\n"
            let model = ModelFile.text(of: s.model).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "      " + $0 }.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            out += "    {\n      \"epoch\": \(s.epoch),\n      \"loss\": \(s.loss),\n      \"model\": \(model)\n    }"
        }
        out += "\n  ]\n}\n"
        return out
    }

    /// Reads the snapshot file at `path`.
    public static func load(path: String) throws(ModelFileError) -> [TrainingSnapshot] {
        try decode(ModelFile.bytes(path: path))
    }

    /// Parses and validates snapshot file bytes.
    public static func decode(_ data: Data) throws(ModelFileError) -> [TrainingSnapshot] {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch { throw ModelFile.syntaxError(error, in: data) }
        if let duplicate = JSONDuplicateKeys.first(in: data) { throw .notJSON(detail: duplicate.description) }
        let format = (object as? [String: Any])?["format"] as? String
        guard format == formatName else {
            throw .invalidValue(key: "format", detail: format.map { "is \"\($0)\", expected \"\(formatName)\"" + ($0 == ModelFile.formatName
                ? " (a single model; ode-train --snapshots K writes a snapshot file)" : "") } ?? "missing, expected \"\(formatName)\"")
        }
        let raw: RawFile
        do { raw = try JSONDecoder().decode(RawFile.self, from: data) } catch let error as DecodingError {
            throw ModelFile.decodingError(error)
        } catch {
            throw .notJSON(detail: "\(error)")
        }
        guard !raw.snapshots.isEmpty else { throw .invalidValue(key: "snapshots", detail: "holds no snapshot") }
        var out: [TrainingSnapshot] = []
        for (k, s) in raw.snapshots.enumerated() {
            let name = "snapshots[\(k)]"
            let epoch = try ModelFile.integer(s.epoch, key: name + ".epoch")
            if let previous = out.last, epoch <= previous.epoch {
                throw .invalidValue(key: name + ".epoch", detail: "\(epoch) does not follow \(previous.epoch) (epochs must increase)")
            }
            guard s.loss.isFinite else { throw .nonFinite(path: name + ".loss") }
            guard s.model.format == ModelFile.formatName else {
                throw .invalidValue(key: name + ".model.format", detail: "is \"\(s.model.format)\", expected \"\(ModelFile.formatName)\"")
            }
            let model: MLP
            do { model = try ModelFile.network(s.model) } catch {
                throw .invalidValue(key: name + ".model", detail: error.description)
            }
            if let first = out.first?.model, !sameShape(first, model) {
                throw .invalidValue(key: name + ".model", detail: "its shape differs from snapshots[0]'s "
                    + "(\(shapeText(model)) against \(shapeText(first)))")
            }
            out.append(TrainingSnapshot(epoch: epoch, loss: s.loss, model: model))
        }
        return out
    }

    /// Whether two networks have the same dimensions, time input, layer sizes and activations.
    static func sameShape(_ a: MLP, _ b: MLP) -> Bool {
        a.stateDim == b.stateDim && a.augmentDim == b.augmentDim && a.timeInput == b.timeInput && a.layers.count == b.layers.count
            && zip(a.layers, b.layers).allSatisfy { $0.activation == $1.activation && $0.bias.count == $1.bias.count
                && $0.weight.first?.count == $1.weight.first?.count }
    }

    /// "2 → 32 → 2 (tanh, identity)".
    static func shapeText(_ m: MLP) -> String {
        ([m.layers.first?.weight.first?.count ?? 0] + m.layers.map(\.bias.count)).map(String.init).joined(separator: " → ")
            + " (" + m.layers.map(\.activation.rawValue).joined(separator: ", ") + ")"
    }

    private struct RawSnapshot: Decodable {
        let epoch: Double
        let loss: Double
        let model: ModelFile.RawModel
    }

    private struct RawFile: Decodable {
        let format: String
        let snapshots: [RawSnapshot]
    }
}
