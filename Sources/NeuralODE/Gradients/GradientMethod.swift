/// How ∂L/∂θ and ∂L/∂y0 are computed, by the names the command line accepts.
public enum GradientMethod: String, CaseIterable, Sendable, Codable {
    /// Reverse mode through the solver's accepted steps: exact for the discretised problem; memory
    /// grows with the number of steps (step sizes are treated as constants).
    case backprop
    /// The continuous adjoint (Theorem 3.1.1) solved backward as one augmented system [y, a, ∂L/∂θ];
    /// memory does not grow with the number of steps; accurate to the solver tolerances.
    case adjoint
    /// Central differences of the discretised loss over every parameter and initial value, on all cores.
    case finiteDifference = "finite-difference"

    /// Parses a method name (case-insensitive; `fd` is accepted for `finite-difference`).
    public init?(name: String) {
        let lowered = name.lowercased()
        if lowered == "fd" { self = .finiteDifference; return }
        self.init(rawValue: lowered)
    }

    /// Every accepted name, for error messages.
    public static var allNames: [String] { allCases.map(\.rawValue) }

    /// The command-line name.
    public var name: String { rawValue }
}
