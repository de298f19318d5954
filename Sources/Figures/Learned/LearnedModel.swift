import NeuralODE

/// A trained network (a model file) seen as the learned vector field f_θ of a system's state.
///
/// Holds the `MLP` (a value); `makeField()` makes a fresh `MLPField` for each use, since fields
/// keep work buffers and are not thread-safe. Augmented models integrate from the state padded with
/// zeros and show only the first `stateDimension` components.
public struct LearnedModel: Sendable {
    public let mlp: MLP
    /// Where the model came from (a file name), for messages.
    public var name: String

    public init(_ mlp: MLP, name: String = "the model") {
        self.mlp = mlp
        self.name = name
    }

    /// Components of the observed state (`state_dim`).
    public var stateDimension: Int { mlp.stateDim }

    /// A field for one state (`odeDimension` components, augmented ones included).
    public func makeField() -> MLPField { MLPField(mlp, batchSize: 1) }

    /// Throws `incompatible` unless the model's state has as many components as `system`.
    public func check(against system: SystemField) throws(FigureError) {
        guard mlp.stateDim == system.spec.dimension else {
            throw .incompatible("\(name) has state_dim \(mlp.stateDim) but \(system.spec.name) has \(system.spec.dimension) "
                + "component\(system.spec.dimension == 1 ? "" : "s") (\(system.spec.componentNames.joined(separator: ", ")))")
        }
    }

    /// Throws `incompatible` unless the model is a field on the state alone with `dimension`
    /// components: no augmented dimensions (they have no place on a plot of the state).
    public func checkField(dimension: Int, figure: String) throws(FigureError) {
        guard mlp.stateDim == dimension else {
            throw .incompatible("\(figure) needs a model with state_dim \(dimension); \(name) has state_dim \(mlp.stateDim)")
        }
        guard mlp.augmentDim == 0 else {
            throw .incompatible("\(figure) needs a model without augmented dimensions; \(name) has augment_dim \(mlp.augmentDim)")
        }
    }

    /// The learned trajectory from `state` (observed components) on [0, t1] at `points` even times.
    public func trajectory(from state: [Double], t1: Double, points: Int,
                           controller: StepSizeController = SampledTrajectory.defaultController) throws(FigureError) -> SampledTrajectory {
        guard state.count == mlp.stateDim else {
            throw .incompatible("initial state (\(state.map { NumberText.short($0) }.joined(separator: ", "))) has "
                + "\(state.count) components; \(name) has state_dim \(mlp.stateDim)")
        }
        return try SampledTrajectory.solve(makeField(), from: mlp.augmentedInitialState(state), t1: t1, points: points,
                                           keeping: mlp.stateDim, controller: controller)
    }
}
