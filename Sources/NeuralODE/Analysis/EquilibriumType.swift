/// The type of an equilibrium read from the eigenvalues of the Jacobian there.
///
/// Hyperbolic equilibria (no eigenvalue on the imaginary axis) are typed by the linearisation
/// (Hartman–Grobman): all real parts negative is stable, all positive unstable, mixed a saddle;
/// a node has only real eigenvalues, a focus a complex pair. Non-hyperbolic ones are `centre`
/// (a purely imaginary pair, no zero eigenvalue: the linearisation cannot tell a centre from a
/// weak focus) or `degenerate` (a zero eigenvalue).
public enum EquilibriumType: String, Sendable, CaseIterable, Codable {
    case stableNode = "stable node"
    case unstableNode = "unstable node"
    case stableFocus = "stable focus"
    case unstableFocus = "unstable focus"
    case saddle
    case centre
    case degenerate

    /// Eigenvalues whose size is at most `relativeTolerance` times the largest (or 1) count as zero,
    /// real parts that small as on the imaginary axis.
    public static let relativeTolerance = 1e-8

    /// The type for these eigenvalues.
    public static func classify(_ values: [Eigenvalue]) -> EquilibriumType {
        let scale = max(1, values.map(\.magnitude).max() ?? 0)
        let eps = relativeTolerance * scale
        if values.contains(where: { $0.magnitude <= eps }) { return .degenerate }
        if values.contains(where: { abs($0.re) <= eps }) { return .centre }
        let negative = values.filter { $0.re < 0 }.count
        let oscillates = values.contains { abs($0.im) > eps }
        if negative == values.count { return oscillates ? .stableFocus : .stableNode }
        if negative == 0 { return oscillates ? .unstableFocus : .unstableNode }
        return .saddle
    }

    /// Whether every nearby state tends to the equilibrium.
    public var isStable: Bool { self == .stableNode || self == .stableFocus }

    /// Whether the linearisation leaves the type open ("linearisation inconclusive").
    public var isInconclusive: Bool { self == .centre || self == .degenerate }

    /// The name with the caveat a reader needs: "centre (linearisation inconclusive)".
    public var description: String { isInconclusive ? "\(rawValue) (linearisation inconclusive)" : rawValue }
}
