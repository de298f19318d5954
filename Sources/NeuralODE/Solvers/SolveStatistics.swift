/// Counts and step history of one solve.
public struct SolveStatistics: Sendable, Codable, Equatable {
    /// Calls of the vector field (including those for finite-difference Jacobians).
    public var functionEvaluations = 0
    /// Jacobian evaluations (analytic or finite-difference).
    public var jacobianEvaluations = 0
    /// LU factorisations (stiff method only).
    public var luDecompositions = 0
    /// Accepted steps.
    public var acceptedSteps = 0
    /// Rejected steps.
    public var rejectedSteps = 0
    /// Start time of each accepted step, in order.
    public var acceptedTimes: [Double] = []
    /// Signed size of each accepted step (negative when integrating backward).
    public var acceptedStepSizes: [Double] = []
    /// Start time of each rejected attempt.
    public var rejectedTimes: [Double] = []
    /// Signed size of each rejected attempt.
    public var rejectedStepSizes: [Double] = []

    /// Empty statistics.
    public init() {}
}
