/// Solver, controller and loss settings of a gradient computation (the method is chosen per call).
public struct GradientSettings: Sendable {
    /// The explicit Runge–Kutta method of the forward solve (and of the adjoint's backward solve).
    public var method: SolverMethod
    /// Step-size choice of the forward solve.
    public var controller: StepSizeController
    /// The loss over the observations.
    public var loss: LossKind
    /// Step-size choice of the adjoint's backward solve; nil uses `controller`.
    public var adjointController: StepSizeController?
    /// The adjoint's error norm is the largest of the RMS norms of its y, a and θ parts (torchdiffeq's
    /// default mixed norm). When true, the θ part is left out (a seminorm, Kidger et al. 2021): fewer
    /// backward steps, and the θ-integral is then only as accurate as the steps chosen for [y, a].
    public var adjointSeminorm: Bool
    /// Relative finite-difference step: each value x is perturbed by ±`finiteDifferenceStep`·max(1, |x|).
    public var finiteDifferenceStep: Double
    /// When true (default), finite differences replay the forward solve's accepted steps (t, h) for
    /// every perturbation, so they differentiate the same discretised map as `backprop`; when false
    /// each perturbed solve chooses its own steps (the loss a user sees, including dh/dθ effects).
    public var finiteDifferenceFreezesSteps: Bool
    /// Worker threads for finite differences; nil uses every core.
    public var threads: Int?

    /// Makes settings; only `method` and `controller` are required.
    public init(method: SolverMethod, controller: StepSizeController, loss: LossKind = .mse,
                adjointController: StepSizeController? = nil, adjointSeminorm: Bool = false,
                finiteDifferenceStep: Double = 1e-6, finiteDifferenceFreezesSteps: Bool = true,
                threads: Int? = nil) {
        self.method = method
        self.controller = controller
        self.loss = loss
        self.adjointController = adjointController
        self.adjointSeminorm = adjointSeminorm
        self.finiteDifferenceStep = finiteDifferenceStep
        self.finiteDifferenceFreezesSteps = finiteDifferenceFreezesSteps
        self.threads = threads
    }
}
