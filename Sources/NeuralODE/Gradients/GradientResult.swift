/// The loss, its gradients and the statistics of the passes that computed them.
///
/// Statistics by method: `forward` is always the forward solve that produced `loss`. `backward` is,
/// for `backprop`, the replay of the accepted steps (`functionEvaluations` counts vector-Jacobian
/// products, `acceptedSteps` the steps replayed); for `adjoint`, the backward solve of the augmented
/// system (evaluations of the augmented field, each one f evaluation plus one VJP); for
/// `finite-difference`, the totals over every perturbed forward solve.
public struct GradientResult: Sendable {
    /// The method that computed the gradients.
    public var method: GradientMethod
    /// The loss at the current parameters.
    public var loss: Double
    /// ∂L/∂θ in the field's parameter layout (`MLP.parameters` for an MLP field).
    public var parameterGradient: [Double]
    /// ∂L/∂y0 in the layout of `ObservationBatch.initialStates` (B × D).
    public var initialStateGradient: [Double]
    /// Statistics of the forward solve.
    public var forward: SolveStatistics
    /// Statistics of the backward pass (see the type's documentation).
    public var backward: SolveStatistics
    /// Bytes of step-dependent memory the method kept: the backprop tape (grows linearly with the
    /// number of steps); for the adjoint the augmented state and its stage buffers (flat); 0 for
    /// finite differences.
    public var tapeBytes: Int
    /// Why the computation stopped, or nil on success (then every value above is finite).
    public var failure: GradientFailure?

    /// True when the loss and gradients are complete and finite.
    public var succeeded: Bool { failure == nil }
}
