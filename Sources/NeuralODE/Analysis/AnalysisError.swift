/// Why an analysis could not be carried out.
public enum AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The eigenvalue computation failed.
    case eigenFailure(String)
    /// The settings of the analysis are unusable (an empty window, a wrong slice).
    case invalid(String)

    public var description: String {
        switch self {
        case .eigenFailure(let reason): return "eigenvalues: \(reason)"
        case .invalid(let reason): return reason
        }
    }
}
