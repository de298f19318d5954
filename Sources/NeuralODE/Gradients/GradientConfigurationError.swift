/// A gradient computation that cannot start: inconsistent batch, field or settings.
public enum GradientConfigurationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The solver settings are invalid (wrong sizes, non-positive dt, a fixed-step method under tolerances).
    case solver(ODEConfigurationError)
    /// Any other invalid setting, with its reason.
    case invalid(String)

    public var description: String {
        switch self {
        case .solver(let error): error.description
        case .invalid(let reason): reason
        }
    }
}
