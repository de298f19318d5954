/// A solve that cannot start: inconsistent problem, solver, controller or output settings.
public enum ODEConfigurationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// y0 does not have the field's state size.
    case stateSizeMismatch(expected: Int, got: Int)
    /// A fixed-step method was paired with the adaptive controller.
    case methodNotAdaptive(SolverMethod)
    /// Any other invalid setting, with its reason.
    case invalid(String)

    public var description: String {
        switch self {
        case .stateSizeMismatch(let expected, let got):
            "initial state has \(got) values but the system has dimension \(expected)"
        case .methodNotAdaptive(let method):
            "method \(method.name) has no error estimate; give a step size (dt) or choose one of "
                + SolverMethod.allCases.filter(\.isAdaptive).map(\.name).joined(separator: ", ")
        case .invalid(let reason):
            reason
        }
    }
}
