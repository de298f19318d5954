/// Why a loss or gradient could not be computed; the partial statistics are kept in the result.
public enum GradientFailure: Error, CustomStringConvertible, Equatable, Sendable {
    /// The forward solve stopped early.
    case forward(SolveFailure)
    /// The adjoint's backward solve stopped early.
    case backward(SolveFailure)
    /// The loss is NaN or infinite.
    case nonFiniteLoss
    /// Some gradient entry is NaN or infinite.
    case nonFiniteGradient

    public var description: String {
        switch self {
        case .forward(let failure): "forward solve failed: \(failure)"
        case .backward(let failure): "backward (adjoint) solve failed: \(failure)"
        case .nonFiniteLoss: "the loss is not finite (NaN or infinity)"
        case .nonFiniteGradient: "the gradient is not finite (NaN or infinity)"
        }
    }
}
