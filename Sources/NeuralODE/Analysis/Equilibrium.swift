/// A state where the field vanishes, with the Jacobian's eigenvalues there and the type they give.
public struct Equilibrium: Sendable, Equatable {
    /// The full state.
    public var state: [Double]
    /// The Jacobian at `state`, row-major.
    public var jacobian: [Double]
    public var eigen: EigenDecomposition
    public var type: EquilibriumType
    /// max |fᵢ(state)| after Newton's iteration.
    public var residual: Double

    public init(state: [Double], jacobian: [Double], eigen: EigenDecomposition, type: EquilibriumType, residual: Double) {
        self.state = state; self.jacobian = jacobian; self.eigen = eigen; self.type = type; self.residual = residual
    }

    public var eigenvalues: [Eigenvalue] { eigen.values }

    /// The equilibrium of `field` at `state`: its Jacobian, eigenvalues and type.
    public static func at(_ state: [Double], in field: AnalysisField) throws(AnalysisError) -> Equilibrium {
        let jac = field.jacobian(at: state)
        let eigen = try EigenSolver.decompose(jac, n: field.dimension)
        let residual = field.value(at: state).map(abs).max() ?? 0
        return Equilibrium(state: state, jacobian: jac, eigen: eigen, type: EquilibriumType.classify(eigen.values),
                           residual: residual)
    }
}
