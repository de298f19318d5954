/// Why a system could not be configured.
public enum SystemError: Error, CustomStringConvertible, Equatable, Sendable {
    case unknownSystem(name: String, valid: [String])
    case unknownParameter(system: String, name: String, valid: [String])
    case nonFiniteParameter(system: String, name: String)
    case invalidBatchSize(Int)

    public var description: String {
        switch self {
        case let .unknownSystem(name, valid):
            return "unknown system '\(name)' (valid: \(valid.joined(separator: ", ")))"
        case let .unknownParameter(system, name, valid):
            let list = valid.isEmpty ? "it has none" : "valid: \(valid.joined(separator: ", "))"
            return "unknown parameter '\(name)' for system '\(system)' (\(list))"
        case let .nonFiniteParameter(system, name):
            return "parameter '\(name)' of system '\(system)' must be a finite number"
        case let .invalidBatchSize(size):
            return "batch size must be at least 1 (got \(size))"
        }
    }
}
