/// Why a Lyapunov spectrum could not be estimated.
public enum LyapunovError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Settings or initial state that cannot run, with the reason.
    case invalid(String)
    /// The solver stopped on the augmented (state + tangent) system.
    case solveFailed(SolveFailure)
    /// A tangent vector collapsed to zero or overflowed between re-orthonormalisations.
    case degenerateFrame(vector: Int)

    public var description: String {
        switch self {
        case .invalid(let reason):
            reason
        case .solveFailed(let failure):
            "the tangent dynamics could not be integrated: \(failure)"
        case .degenerateFrame(let vector):
            "tangent vector \(vector) became zero or infinite between re-orthonormalisations; shorten the interval"
        }
    }
}
