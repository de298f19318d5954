extension GradientEngine {
    /// Backpropagation through the solver for any loss of the states at observation times, the loss
    /// and its cotangents given by `loss`: the flow's part of a model with a read-out after the ODE
    /// at every observation (a latent ODE's decoder).
    ///
    /// Solves from `initialStates` (the field's whole state) at `t0` through `times` (strictly
    /// increasing, the first ≥ `t0`), recording every accepted step, then calls
    /// `loss(states, cotangents)`: `states` holds the solution at each time (T × `stateSize`, time-major),
    /// and `loss` returns the loss and writes ∂L/∂y(tⱼ) into `cotangents` (same layout, zeroed beforehand).
    /// The result holds that loss, ∂L/∂θ and ∂L/∂y(t0), with the same statistics as `backprop`.
    /// A failed solve, or a non-finite loss or gradient, is reported in `failure`.
    ///
    /// Throws for times or initial states that do not fit, or settings the engine cannot run.
    /// `settings.loss` is not used.
    public func observationGradient(
        initialStates: [Double], t0: Double, times: [Double], settings: GradientSettings,
        loss: (_ states: UnsafePointer<Double>, _ cotangents: UnsafeMutablePointer<Double>) -> Double
    ) throws(GradientConfigurationError) -> GradientResult {
        let n = field.stateSize
        guard initialStates.count == n else {
            throw .invalid("expected \(n) initial values for the field's state, got \(initialStates.count)")
        }
        let batch = try ObservationBatch(t0: t0, times: times, initialStates: initialStates,
                                         targets: [Double](repeating: 0, count: n * times.count),
                                         trajectoryCount: 1, stateDimension: n)
        try validate(batch, settings: settings)
        let pass = forwardSolver.run(batch, settings: settings, mode: .record)
        var result = GradientResult(method: .backprop, loss: .nan, parameterGradient: [], initialStateGradient: [],
                                    forward: pass.statistics, backward: SolveStatistics(),
                                    tapeBytes: recordedTapeBytes, failure: pass.failure)
        guard pass.failure == nil else { return result }
        var pullback = recordedPullback(times: times.count)
        let cotangents = reverseBuffers.cotangent
        for i in 0..<(n * times.count) { cotangents[i] = 0 }
        result.loss = loss(forwardSolver.predictions, cotangents)
        guard result.loss.isFinite else {
            result.failure = .nonFiniteLoss
            return result
        }
        pullBackObservations(&pullback, into: &result)
        return result
    }
}
