import Foundation
import InputSafety

/// Reads and writes the JSON model file `flowscope.mlp.v1` (see the module README for the format).
///
/// Keys: `format` (must be "flowscope.mlp.v1"), `state_dim` (integer ≥ 1), `time_input`
/// (true/false, default false), `augment_dim` (integer ≥ 0, default 0), and `layers`, an array of
/// `{"weight": [[…]], "bias": […], "activation": name}` with weight rows as outputs.
public enum ModelFile {
    /// The value of the `format` key.
    public static let formatName = "flowscope.mlp.v1"

    /// The model file text for `mlp`: the same network always gives the same bytes, and every
    /// number is written in its shortest form that reads back to the identical double.
    public static func text(of mlp: MLP) -> String {
        var out = "{\n"
        out += "  \"format\": \"\(formatName)\",\n"
        out += "  \"state_dim\": \(mlp.stateDim),\n"
        out += "  \"time_input\": \(mlp.timeInput),\n"
        out += "  \"augment_dim\": \(mlp.augmentDim),\n"
        out += "  \"layers\": " + layerList(mlp.layers, indent: "  ") + "\n}\n"
        return out
    }

    /// A `layers` array: one object per layer (`activation`, `weight` rows, `bias`), its closing
    /// bracket at `indent` and each level inside two spaces deeper; shared by every model format.
    static func layerList(_ layers: [MLP.Layer], indent: String) -> String {
        let object = indent + "  ", key = object + "  ", row = key + "  "
        var out = "["
        for (l, layer) in layers.enumerated() {
            out += l == 0 ? "\n" : ",\n"
            out += object + "{\n"
            out += key + "\"activation\": \"\(layer.activation.rawValue)\",\n"
            out += key + "\"weight\": [\n"
            out += layer.weight.map { row + numberList($0) }.joined(separator: ",\n")
            out += "\n" + key + "],\n"
            out += key + "\"bias\": \(numberList(layer.bias))\n"
            out += object + "}"
        }
        return out + "\n" + indent + "]"
    }

    /// The model file for `mlp` as UTF-8 bytes (see `text(of:)`); the caller writes it atomically.
    public static func data(of mlp: MLP) -> Data {
        Data(text(of: mlp).utf8)
    }

    /// Reads the model file at `path`.
    public static func load(path: String) throws(ModelFileError) -> MLP {
        try decode(bytes(path: path))
    }

    /// The bytes of a model file (of any kind) at `path`, at most `maximumFileBytes`.
    static func bytes(path: String) throws(ModelFileError) -> Data {
        do {
            return try InputFile.read(path, maximumBytes: maximumFileBytes)
        } catch .notFound {
            throw .fileNotFound(path: path)
        } catch {
            throw .unreadable(path: path, reason: error.description)
        }
    }

    /// The largest model file read (a 2→1000→1000→2 network is about 20 MB of text).
    public static let maximumFileBytes = 256 << 20

    /// Parses and validates model file bytes; a key repeated in one object is an error.
    public static func decode(_ data: Data) throws(ModelFileError) -> MLP {
        // JSONSerialization checks the syntax and says where it fails; JSONDecoder then reads the
        // numbers (it keeps every double exact) and names the path of a missing key or wrong type.
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw syntaxError(error, in: data)
        }
        if let duplicate = JSONDuplicateKeys.first(in: data) {
            throw .notJSON(detail: duplicate.description)
        }
        // Another kind of model file (a latent ODE's) is named before its keys are checked.
        if let format = (object as? [String: Any])?["format"] as? String, format != formatName {
            throw .wrongFormat(found: format)
        }
        let raw: RawModel
        do {
            raw = try JSONDecoder().decode(RawModel.self, from: data)
        } catch let error as DecodingError {
            throw decodingError(error)
        } catch {
            throw .notJSON(detail: "\(error)")
        }
        guard raw.format == formatName else { throw .wrongFormat(found: raw.format) }
        return try network(raw)
    }

    /// The network a decoded model object describes, validated.
    static func network(_ raw: RawModel) throws(ModelFileError) -> MLP {
        let stateDim = try integer(raw.stateDim, key: "state_dim")
        let augmentDim = try integer(raw.augmentDim ?? 0, key: "augment_dim")
        var layers: [MLP.Layer] = []
        for (l, layer) in raw.layers.enumerated() {
            guard let activation = Activation(rawValue: layer.activation) else {
                throw .unknownActivation(layer: l, name: layer.activation)
            }
            layers.append(MLP.Layer(weight: layer.weight, bias: layer.bias, activation: activation))
        }
        return try MLP(stateDim: stateDim, augmentDim: augmentDim, timeInput: raw.timeInput ?? false,
                       layers: layers)
    }

    struct RawLayer: Decodable {
        let weight: [[Double]]
        let bias: [Double]
        let activation: String
    }

    struct RawModel: Decodable {
        let format: String
        let stateDim: Double
        let timeInput: Bool?
        let augmentDim: Double?
        let layers: [RawLayer]

        enum CodingKeys: String, CodingKey {
            case format, layers
            case stateDim = "state_dim"
            case timeInput = "time_input"
            case augmentDim = "augment_dim"
        }
    }

    static func numberList(_ values: [Double]) -> String {
        "[" + values.map { "\($0)" }.joined(separator: ", ") + "]"
    }

    static func integer(_ value: Double, key: String) throws(ModelFileError) -> Int {
        guard value == value.rounded() else {
            throw .wrongType(path: key, expected: "an integer")
        }
        guard Swift.abs(value) <= Double(Int32.max) else {
            throw .invalidValue(key: key, detail: "is \(Swift.abs(value) < 9e18 ? String(Int64(value)) : String(value)), more than the largest size \(Int32.max)")
        }
        return Int(value)
    }

    private static func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
        var text = ""
        for key in codingPath + (last.map { [$0] } ?? []) {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "(top level)" : text
    }

    static func decodingError(_ error: DecodingError) -> ModelFileError {
        switch error {
        case .keyNotFound(let key, let context):
            return .missingKey(path: path(context.codingPath, key))
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return .wrongType(path: path(context.codingPath), expected: typeName(type))
        case .dataCorrupted(let context):
            return .notJSON(detail: "\(path(context.codingPath)): \(context.debugDescription)")
        @unknown default:
            return .notJSON(detail: "\(error)")
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Double.Type: return "a number"
        case is [Any].Type, is [Double].Type, is [[Double]].Type, is [RawLayer].Type: return "an array"
        default: return "an object"
        }
    }

    /// Foundation's syntax message, with the byte offset it names turned into a line and column.
    static func syntaxError(_ error: any Error, in data: Data) -> ModelFileError {
        let message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        if message.contains("not representable") {
            return .notJSON(detail: "\(message) (numbers must be finite doubles)")
        }
        guard let range = message.range(of: "character "),
              let offset = Int(message[range.upperBound...].prefix { $0.isNumber }) else {
            return .notJSON(detail: message)
        }
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
        }
        return .notJSON(detail: "\(message) (line \(line), column \(column))")
    }
}
