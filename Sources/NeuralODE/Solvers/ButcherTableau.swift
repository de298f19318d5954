/// The coefficients of an explicit Runge–Kutta method, with optional embedded error weights and dense output.
///
/// Stage i (0-based) evaluates f at t + c[i]·h and y + h·Σⱼ a[i][j]·kⱼ for j < i; the step returns
/// y + h·Σᵢ b[i]·kᵢ. When the method has an embedded pair, `errorWeights` holds b − b̂, so the local
/// error estimate is h·Σᵢ errorWeights[i]·kᵢ. Dense output, where present, is a polynomial per stage:
/// y(t + θh) = y + h·Σᵢ bᵢ(θ)·kᵢ with bᵢ(θ) = Σⱼ dense[i][j]·θ^(j+1), θ ∈ [0, 1], so bᵢ(1) = b[i].
public struct ButcherTableau: Sendable {
    /// Short name, as used on the command line.
    public let name: String
    /// Nodes c, one per stage.
    public let c: [Double]
    /// Strictly lower triangular coupling matrix: `a[i]` holds the i coefficients of stage i.
    public let a: [[Double]]
    /// Weights of the propagated solution.
    public let b: [Double]
    /// b − b̂ for embedded pairs (nil for fixed-step methods).
    public let errorWeights: [Double]?
    /// Order of the propagated solution.
    public let order: Int
    /// Order of the embedded solution (nil without one); the controller's exponent uses it.
    public let embeddedOrder: Int?
    /// Dense-output coefficients per stage, or nil (the solver then uses cubic Hermite interpolation).
    public let dense: [[Double]]?
    /// Order of the dense output (3 for cubic Hermite).
    public let denseOrder: Int
    /// True when the last stage is f(t + h, y_new), so it is the next step's first stage.
    public let isFSAL: Bool

    /// Number of stages.
    public var stages: Int { b.count }

    /// Makes a tableau; FSAL is detected from the coefficients (c_last = 1 and the last row of a equal to b).
    public init(name: String, c: [Double], a: [[Double]], b: [Double], errorWeights: [Double]? = nil,
                order: Int, embeddedOrder: Int? = nil, dense: [[Double]]? = nil, denseOrder: Int? = nil) {
        precondition(c.count == b.count && a.count == b.count, "tableau \(name): c, a and b must have one entry per stage")
        for (i, row) in a.enumerated() {
            precondition(row.count == i, "tableau \(name): row \(i) of a must have \(i) entries")
        }
        if let e = errorWeights { precondition(e.count == b.count, "tableau \(name): error weights per stage") }
        if let d = dense { precondition(d.count == b.count, "tableau \(name): dense coefficients per stage") }
        self.name = name
        self.c = c
        self.a = a
        self.b = b
        self.errorWeights = errorWeights
        self.order = order
        self.embeddedOrder = embeddedOrder
        self.dense = dense
        let s = b.count
        self.denseOrder = denseOrder ?? 3
        self.isFSAL = s > 1 && c[s - 1] == 1 && b[s - 1] == 0 && a[s - 1] == Array(b[0..<(s - 1)])
    }
}

extension ButcherTableau {
    /// Dense-output weight bᵢ(θ) of stage i, or nil when the tableau has no dense output of its own.
    public func denseWeight(stage i: Int, theta: Double) -> Double? {
        guard let dense else { return nil }
        var acc = 0.0
        var power = theta
        for coefficient in dense[i] {
            acc += coefficient * power
            power *= theta
        }
        return acc
    }
}
