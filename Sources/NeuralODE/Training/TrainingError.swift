/// A training run that cannot start: inconsistent network, data or settings.
public enum TrainingError: Error, CustomStringConvertible, Equatable, Sendable {
    case invalidConfiguration(String)
    case dimensionMismatch(what: String, dimension: Int, networkDimension: Int)
    case solver(GradientConfigurationError)

    public var description: String {
        switch self {
        case .invalidConfiguration(let message): message
        case .dimensionMismatch(let what, let dimension, let networkDimension):
            "\(what) has \(dimension) state components but the network has \(networkDimension)"
        case .solver(let error): error.description
        }
    }
}
