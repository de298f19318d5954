/// Computes a loss over observations of a field's trajectories and its gradients ∂L/∂θ and ∂L/∂y0.
///
/// ```swift
/// let engine = GradientEngine(field: MLPField(mlp, batchSize: 5))
/// let settings = GradientSettings(method: .dopri5, controller: .tolerances(rtol: 1e-6, atol: 1e-8))
/// let result = try engine.gradient(batch, method: .backprop, settings: settings)
/// if let failure = result.failure { print(failure) } else { step(result.parameterGradient) }
/// ```
/// The engine keeps its buffers (tape, stage and adjoint buffers) between calls, so repeated calls
/// on batches of the same shape do not allocate per step; `field` keeps its parameters (set them
/// through the field between calls). Not thread-safe: one engine per thread. Works with every
/// explicit Runge–Kutta method (not `rosenbrock23`).
public final class GradientEngine<F: ParametricField> {
    /// The vector field whose parameters are differentiated.
    public let field: F
    let forwardSolver: ForwardSolver<F>
    let adjointSolver: AdjointSolver<F>
    let reverseBuffers = ReverseBuffers()

    /// An engine for `field`; its state size must be B·D of the batches it is given.
    public init(field: F) {
        self.field = field
        forwardSolver = ForwardSolver(field: field)
        adjointSolver = AdjointSolver(field: field)
    }

    /// The loss and its gradients by `method`; solver failures are in the result's `failure`.
    ///
    /// Throws only for settings that make the computation impossible to start (batch and field
    /// sizes disagree, an implicit or fixed-step method where it cannot run, a non-positive dt).
    public func gradient(_ batch: ObservationBatch, method: GradientMethod,
                         settings: GradientSettings) throws(GradientConfigurationError) -> GradientResult {
        try validate(batch, settings: settings)
        switch method {
        case .backprop: return backprop(batch, settings: settings)
        case .adjoint: return adjoint(batch, settings: settings)
        case .finiteDifference: return finiteDifference(batch, settings: settings)
        }
    }

    /// The loss alone (one forward solve, no tape), with the predicted states, e.g. for held-out error.
    public func loss(_ batch: ObservationBatch, settings: GradientSettings) throws(GradientConfigurationError) -> LossEvaluation {
        try validate(batch, settings: settings)
        let pass = forwardSolver.run(batch, settings: settings, mode: .plain)
        let predictions = forwardSolver.predictionArray(batch)
        guard pass.failure == nil else {
            return LossEvaluation(loss: .nan, predictions: predictions, statistics: pass.statistics, failure: pass.failure)
        }
        let value = forwardSolver.lossValue(batch, kind: settings.loss)
        return LossEvaluation(loss: value, predictions: predictions, statistics: pass.statistics,
                              failure: value.isFinite ? nil : .nonFiniteLoss)
    }

    /// Runs the forward pass of `method` and starts its result: the pass's statistics (and tape size
    /// when recording), and its failure or else the loss of its predictions (non-finite: the failure).
    func forwardResult(_ method: GradientMethod, _ batch: ObservationBatch, _ settings: GradientSettings,
                       mode: ForwardSolver<F>.Mode = .plain) -> (pass: ForwardSolver<F>.Pass, result: GradientResult) {
        let pass = forwardSolver.run(batch, settings: settings, mode: mode)
        var tapeBytes = 0
        if case .record = mode { tapeBytes = recordedTapeBytes }
        var result = GradientResult(method: method, loss: .nan, parameterGradient: [], initialStateGradient: [],
                                    forward: pass.statistics, backward: SolveStatistics(), tapeBytes: tapeBytes,
                                    failure: pass.failure)
        guard pass.failure == nil else { return (pass, result) }
        result.loss = forwardSolver.lossValue(batch, kind: settings.loss)
        if !result.loss.isFinite { result.failure = .nonFiniteLoss }
        return (pass, result)
    }
}
