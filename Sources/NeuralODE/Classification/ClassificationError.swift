/// Why a classification task, model or training run cannot be set up; each case reads as one line.
public enum ClassificationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The points or labels are malformed.
    case invalidData(String)
    /// The model, read-out or settings do not fit together.
    case invalidConfiguration(String)
    /// The solver or gradient engine rejected its settings.
    case solverSettings(String)

    public var description: String {
        switch self {
        case .invalidData(let reason): "invalid classification data: \(reason)"
        case .invalidConfiguration(let reason): "invalid classifier configuration: \(reason)"
        case .solverSettings(let reason): "solver settings rejected: \(reason)"
        }
    }
}
