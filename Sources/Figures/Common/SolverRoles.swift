import NeuralODE
import Render

extension Theme {
    /// The look of an integration method: its `StyleRole` (one per method, the same in every figure).
    public func solver(_ method: SolverMethod) -> RoleStyle {
        role(StyleRole(method: method.name) ?? .reference)
    }

    /// A line in `method`'s role.
    public func solverLine(_ method: SolverMethod, width: Double? = nil) -> LineStyle {
        line(StyleRole(method: method.name) ?? .reference, width: width)
    }

    /// A marker in `method`'s role.
    public func solverMarker(_ method: SolverMethod, size: Double? = nil) -> MarkerStyle {
        marker(StyleRole(method: method.name) ?? .reference, size: size)
    }
}
