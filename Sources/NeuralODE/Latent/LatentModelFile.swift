import Foundation
import InputSafety

/// Reads and writes the JSON latent model file `flowscope.latent.v1` (format in the README).
///
/// Keys: `format`, `latent_size`, `observation_dim`, and three networks whose `layers` use the
/// layer objects of `flowscope.mlp.v1` (`weight` rows as outputs, `bias`, `activation`):
/// `encoder` (`cell`: "gru" or "rnn"; the cell layers, each from [observation; time gap; hidden]
/// to hidden, then the read-out to mean and log-variance), `field` (latent → latent), and
/// `decoder` (latent → observation).
public enum LatentModelFile {
    /// The value of the `format` key.
    public static let formatName = "flowscope.latent.v1"

    /// The file text for `model`; the same model always gives the same bytes.
    public static func text(of model: LatentModel) -> String {
        var out = "{\n"
        out += "  \"format\": \"\(formatName)\",\n"
        out += "  \"latent_size\": \(model.latentSize),\n"
        out += "  \"observation_dim\": \(model.observationSize),\n"
        out += "  \"encoder\": {\n    \"cell\": \"\(model.encoder.kind.rawValue)\",\n"
        out += "    \"layers\": " + layerList(model.encoder.layers) + "\n  },\n"
        out += "  \"field\": {\n    \"layers\": " + layerList(model.field.layers) + "\n  },\n"
        out += "  \"decoder\": {\n    \"layers\": " + layerList(model.decoder.layers) + "\n  }\n}\n"
        return out
    }

    /// The file as UTF-8 bytes; the caller writes it atomically.
    public static func data(of model: LatentModel) -> Data { Data(text(of: model).utf8) }

    /// Reads the latent model file at `path`.
    public static func load(path: String) throws(ModelFileError) -> LatentModel {
        try decode(ModelFile.bytes(path: path))
    }

    /// Whether `data` is a JSON object whose `format` is this one (to tell model kinds apart).
    public static func isLatent(_ data: Data) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return object["format"] as? String == formatName
    }

    /// Parses and validates latent model file bytes.
    public static func decode(_ data: Data) throws(ModelFileError) -> LatentModel {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ModelFile.syntaxError(error, in: data)
        }
        if let duplicate = JSONDuplicateKeys.first(in: data) { throw .notJSON(detail: duplicate.description) }
        if let format = (object as? [String: Any])?["format"] as? String, format != formatName {
            if format == ModelFile.formatName {
                throw .invalidValue(key: "format", detail: "is \"\(format)\", a neural ODE model, where a latent model (\(formatName), written by ode-train --latent) is expected")
            }
            throw .invalidValue(key: "format", detail: "is \"\(format)\", expected \"\(formatName)\"")
        }
        let raw: RawLatent
        do {
            raw = try JSONDecoder().decode(RawLatent.self, from: data)
        } catch let error as DecodingError {
            throw ModelFile.decodingError(error)
        } catch {
            throw .notJSON(detail: "\(error)")
        }
        let latent = try ModelFile.integer(raw.latentSize, key: "latent_size")
        let observed = try ModelFile.integer(raw.observationDim, key: "observation_dim")
        guard latent >= 1 else { throw .invalidValue(key: "latent_size", detail: "must be at least 1, got \(latent)") }
        guard observed >= 1 else { throw .invalidValue(key: "observation_dim", detail: "must be at least 1, got \(observed)") }
        guard let kind = RecurrentCellKind(rawValue: raw.encoder.cell) else {
            throw .invalidValue(key: "encoder.cell", detail: "is \"\(raw.encoder.cell)\", expected \"gru\" or \"rnn\"")
        }
        let encoder = try RecurrentEncoder(kind: kind, observationSize: observed, latentSize: latent,
                                           layers: try layers(raw.encoder.layers, key: "encoder"))
        let fieldLayers = try layers(raw.field.layers, key: "field")
        let field: MLP
        do {
            field = try MLP(stateDim: latent, layers: fieldLayers)
        } catch {
            throw .invalidValue(key: "field", detail: "is not a latent_size → latent_size network: \(error.description)")
        }
        let decoder = try DenseNetwork(inputSize: latent, outputSize: observed,
                                       layers: try layers(raw.decoder.layers, key: "decoder"), key: "decoder")
        return try LatentModel(encoder: encoder, field: field, decoder: decoder)
    }

    private static func layers(_ raw: [RawLayer], key: String) throws(ModelFileError) -> [MLP.Layer] {
        var result: [MLP.Layer] = []
        for (l, layer) in raw.enumerated() {
            guard let activation = Activation(rawValue: layer.activation) else {
                throw .invalidValue(key: "\(key).layers[\(l)].activation",
                                    detail: "\"\(layer.activation)\" is unknown (valid: \(Activation.validNames.joined(separator: ", ")))")
            }
            result.append(MLP.Layer(weight: layer.weight, bias: layer.bias, activation: activation))
        }
        return result
    }

    private static func layerList(_ layers: [MLP.Layer]) -> String { ModelFile.layerList(layers, indent: "    ") }

    private typealias RawLayer = ModelFile.RawLayer

    private struct RawNetwork: Decodable {
        let layers: [RawLayer]
    }

    private struct RawEncoder: Decodable {
        let cell: String
        let layers: [RawLayer]
    }

    private struct RawLatent: Decodable {
        let format: String
        let latentSize: Double
        let observationDim: Double
        let encoder: RawEncoder
        let field: RawNetwork
        let decoder: RawNetwork

        enum CodingKeys: String, CodingKey {
            case format, encoder, field, decoder
            case latentSize = "latent_size"
            case observationDim = "observation_dim"
        }
    }
}
