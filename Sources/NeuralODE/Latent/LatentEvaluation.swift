/// The negative ELBO of a batch of sequences under a latent model, its parts, and its gradient.
public struct LatentEvaluation: Sendable {
    /// −ELBO averaged over the sequences: `negativeLogLikelihood` + `kl`.
    public var loss: Double
    /// −log p(x | z) summed over each sequence's observations and components, averaged over sequences.
    public var negativeLogLikelihood: Double
    /// KL(q(z0 | x) ‖ N(0, I)) averaged over sequences.
    public var kl: Double
    /// ∂loss/∂θ in the layout of `LatentModel.parameters` (encoder, field, decoder).
    public var gradient: [Double]
    /// The latent solve's forward statistics; `backward` counts the vector-Jacobian products.
    public var forward: SolveStatistics
    public var backward: SolveStatistics
    /// Why the evaluation stopped, or nil (then every value above is finite).
    public var failure: GradientFailure?
}
