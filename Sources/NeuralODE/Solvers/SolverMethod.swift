/// The integration methods, by the names the command line accepts.
public enum SolverMethod: String, CaseIterable, Sendable, Codable {
    /// Forward Euler, order 1, fixed step.
    case euler
    /// Explicit midpoint, order 2, fixed step.
    case midpoint
    /// Classic Runge–Kutta, order 4, fixed step.
    case rk4
    /// Kutta's 3/8 rule, order 4, fixed step (torchdiffeq's "rk4").
    case rk438 = "rk4-38"
    /// Bogacki–Shampine 3(2), adaptive.
    case bs3
    /// Dormand–Prince 5(4), adaptive.
    case dopri5
    /// Tsitouras 5(4), adaptive.
    case tsit5
    /// Shampine–Reichelt Rosenbrock 2(3) (MATLAB's ode23s), adaptive, for stiff problems.
    case rosenbrock23

    /// Parses a method name as typed on the command line (case-insensitive).
    public init?(name: String) {
        self.init(rawValue: name.lowercased())
    }

    /// Every accepted name, for error messages.
    public static var allNames: [String] { allCases.map(\.rawValue) }

    /// The command-line name.
    public var name: String { rawValue }

    /// True when the method has an error estimate, so it can run under the PI controller.
    public var isAdaptive: Bool {
        switch self {
        case .euler, .midpoint, .rk4, .rk438: false
        case .bs3, .dopri5, .tsit5, .rosenbrock23: true
        }
    }

    /// True for the method meant for stiff problems (uses the Jacobian).
    public var isStiff: Bool { self == .rosenbrock23 }

    /// Order of the propagated solution.
    public var order: Int {
        switch self {
        case .euler: 1
        case .midpoint, .rosenbrock23: 2
        case .bs3: 3
        case .rk4, .rk438: 4
        case .dopri5, .tsit5: 5
        }
    }

    /// The Butcher tableau of an explicit Runge–Kutta method (nil for the Rosenbrock method).
    public var tableau: ButcherTableau? {
        switch self {
        case .euler: .euler
        case .midpoint: .midpoint
        case .rk4: .rk4
        case .rk438: .rk438
        case .bs3: .bs3
        case .dopri5: .dopri5
        case .tsit5: .tsit5
        case .rosenbrock23: nil
        }
    }
}
