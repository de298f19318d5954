/// The loss over the states at the observation times.
public enum LossKind: String, CaseIterable, Sendable, Codable {
    /// Mean of (y − y*)² over every observed time, trajectory and component, the first row included:
    /// torchdiffeq's `mean((odeint(f, y0, t) - data)**2)`.
    case mse
    /// ½·Σ(y − y*)² over the same entries, the course's form (Example 3.1.2, Exercise 3.1.2).
    case halfSSE = "half-sse"

    /// Parses a name as typed on the command line (case-insensitive).
    public init?(name: String) {
        self.init(rawValue: name.lowercased())
    }

    /// The command-line name.
    public var name: String { rawValue }

    /// The factor c in L = c·Σ(y − y*)² for `count` compared values; ∂L/∂y = 2c·(y − y*).
    public func scale(count: Int) -> Double {
        switch self {
        case .mse: 1 / Double(max(count, 1))
        case .halfSSE: 0.5
        }
    }
}
