extension GradientEngine {
    /// Backpropagation through the solver for a loss of the final state alone, the loss and its
    /// cotangent given by `terminal`: the flow's part of a model with a read-out after the ODE.
    ///
    /// Solves from `initialStates` (the field's whole state, `stateSize` values) at `t0` to `t1`,
    /// recording every accepted step, then calls `terminal(finalState, cotangent)`: it returns the
    /// loss and writes ∂L/∂y(t1) into `cotangent` (`stateSize` values, zeroed beforehand). The
    /// result holds that loss, ∂L/∂θ and ∂L/∂y(t0); its `forward` statistics are the solve's and
    /// `backward.functionEvaluations` counts the vector-Jacobian products. A failed solve, or a
    /// non-finite loss or gradient, is reported in `failure` (`terminal` is not called after a failed solve).
    ///
    /// Throws when `t1` is not after `t0`, when the initial states do not fit the field, or for
    /// settings the engine cannot run (as `gradient(_:method:settings:)`). `settings.loss` is not used.
    public func terminalGradient(
        initialStates: [Double], t0: Double, t1: Double, settings: GradientSettings,
        terminal: (_ finalState: UnsafePointer<Double>, _ cotangent: UnsafeMutablePointer<Double>) -> Double
    ) throws(GradientConfigurationError) -> GradientResult {
        let n = field.stateSize
        guard t0.isFinite, t1.isFinite, t1 > t0 else {
            throw .invalid("a terminal loss needs t1 after t0, got t0 = \(t0), t1 = \(t1)")
        }
        guard initialStates.count == n else {
            throw .invalid("expected \(n) initial values for the field's state, got \(initialStates.count)")
        }
        let batch = try ObservationBatch(t0: t0, times: [t1], initialStates: initialStates,
                                         targets: [Double](repeating: 0, count: n),
                                         trajectoryCount: 1, stateDimension: n)
        try validate(batch, settings: settings)
        let forward = forwardSolver
        let pass = forward.run(batch, settings: settings, mode: .record)
        var result = GradientResult(method: .backprop, loss: .nan, parameterGradient: [], initialStateGradient: [],
                                    forward: pass.statistics, backward: SolveStatistics(),
                                    tapeBytes: recordedTapeBytes, failure: pass.failure)
        guard pass.failure == nil else { return result }
        var pullback = recordedPullback(times: 1)
        result.loss = terminal(forward.predictions, pullback.ybar)
        guard result.loss.isFinite else {
            result.failure = .nonFiniteLoss
            return result
        }
        // The only observation is the end of the last step: each step's pull-back is the plain reverse.
        for m in stride(from: forward.stepCount - 1, through: 0, by: -1) {
            let h = forward.stepSizes[m]
            pullback.seed(h: h)
            pullback.pullBack(step: m, h: h)
        }
        pullback.finish(&result, steps: forward.stepCount)
        return result
    }
}
