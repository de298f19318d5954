/// Why a model file or a set of layers does not describe a valid network; one line per case.
///
/// Layer indices are 0-based, as in the file's `layers` array (`layers[0]` is the first layer).
public enum ModelFileError: Error, CustomStringConvertible, Equatable {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case notJSON(detail: String)
    case missingKey(path: String)
    case wrongType(path: String, expected: String)
    case wrongFormat(found: String)
    case invalidValue(key: String, detail: String)
    case noLayers
    case emptyWeight(layer: Int)
    case raggedWeight(layer: Int, row: Int, count: Int, expected: Int)
    case weightShape(layer: Int, rows: Int, columns: Int, expectedInput: Int)
    case biasShape(layer: Int, count: Int, rows: Int)
    case nonFinite(path: String)
    case unknownActivation(layer: Int, name: String)
    case outputSize(found: Int, stateDim: Int, augmentDim: Int)

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "model file not found: \(path)"
        case .unreadable(let path, let reason):
            return "cannot read model file \(path): \(reason)"
        case .notJSON(let detail):
            return "model file is not valid JSON: \(detail)"
        case .missingKey(let path):
            return "model file is missing the key \"\(path)\""
        case .wrongType(let path, let expected):
            return "model file key \"\(path)\" must be \(expected)"
        case .wrongFormat(let found) where found == LatentModelFile.formatName:
            return "model file is a latent ODE model (\(found)), where a neural ODE model (\(ModelFile.formatName)) is expected;"
                + " a latent model is used by ode-solve --model FILE --data PREFIX.csv and ode-plot latent-spirals/latent-pca/latent-sampling"
        case .wrongFormat(let found):
            return "model file format is \"\(found)\", expected \"\(ModelFile.formatName)\""
        case .invalidValue(let key, let detail):
            return "model file \"\(key)\" \(detail)"
        case .noLayers:
            return "model file has no layers"
        case .emptyWeight(let layer):
            return "layers[\(layer)].weight has no rows"
        case .raggedWeight(let layer, let row, let count, let expected):
            return "layers[\(layer)].weight row \(row) has \(count) values, row 0 has \(expected)"
        case .weightShape(let layer, let rows, let columns, let expectedInput):
            return "layers[\(layer)].weight is \(rows)×\(columns) but its input has size \(expectedInput)"
                + " (expected \(rows)×\(expectedInput))"
        case .biasShape(let layer, let count, let rows):
            return "layers[\(layer)].bias has \(count) values but the weight has \(rows) rows"
        case .nonFinite(let path):
            return "model file value \(path) is not a finite number"
        case .unknownActivation(let layer, let name):
            return "layers[\(layer)].activation \"\(name)\" is unknown"
                + " (valid: \(Activation.validNames.joined(separator: ", ")))"
        case .outputSize(let found, let stateDim, let augmentDim):
            return "the last layer has \(found) outputs but state_dim + augment_dim = \(stateDim) + \(augmentDim)"
                + " = \(stateDim + augmentDim)"
        }
    }
}
