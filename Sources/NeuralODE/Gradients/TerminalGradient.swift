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
        guard let kernel = forward.kernel else { preconditionFailure("the forward solve made its kernel") }
        let s = kernel.stages, parameterCount = field.parameterCount, steps = forward.stepCount
        var result = GradientResult(method: .backprop, loss: .nan, parameterGradient: [], initialStateGradient: [],
                                    forward: pass.statistics, backward: SolveStatistics(),
                                    tapeBytes: steps * (s * forward.tape.slotSize * 8 + 3 * 8), failure: pass.failure)
        guard pass.failure == nil else { return result }

        let buffers = reverseBuffers
        buffers.reserve(times: 1, stages: s, stateSize: n, parameters: parameterCount)
        let ybar = buffers.vectors, ybarStart = buffers.vectors + n, pulled = buffers.vectors + 2 * n
        for i in 0..<n { ybar[i] = 0 }
        result.loss = terminal(forward.predictions, ybar)
        guard result.loss.isFinite else {
            result.failure = .nonFiniteLoss
            return result
        }
        let thetaBar = buffers.parameter, kbar = buffers.stageCotangent, active = buffers.active
        for i in 0..<parameterCount { thetaBar[i] = 0 }
        let a = kernel.a, b = kernel.b
        var vjps = 0
        // The only observation is the end of the last step, so each step's pull-back is the plain
        // reverse of its stages: k̄ᵢ = h·bᵢ·ȳ, then Ȳᵢ = k̄ᵢᵀ∂f/∂y in reverse order, k̄ⱼ += h·aᵢⱼ·Ȳᵢ.
        for m in stride(from: steps - 1, through: 0, by: -1) {
            let h = forward.stepSizes[m]
            for stage in 0..<s {
                let row = kbar + stage * n, coefficient = h * b[stage]
                for i in 0..<n { row[i] = coefficient * ybar[i] }
                active[stage] = coefficient != 0
            }
            for i in 0..<n { ybarStart[i] = ybar[i] }
            for stage in stride(from: s - 1, through: 0, by: -1) where active[stage] {
                let slot = stage == 0 ? forward.firstStageSlots[m] : m * s + stage
                field.vjpDeferred(tape: forward.tape.slot(slot), v: kbar + stage * n, vy: pulled, vtheta: thetaBar)
                vjps += 1
                for i in 0..<n { ybarStart[i] += pulled[i] }
                let row = a + stage * s
                for earlier in 0..<stage {
                    let coefficient = h * row[earlier]
                    if coefficient == 0 { continue }
                    let target = kbar + earlier * n
                    for i in 0..<n { target[i] += coefficient * pulled[i] }
                    active[earlier] = true
                }
            }
            for i in 0..<n { ybar[i] = ybarStart[i] }
        }
        field.flushParameterCotangents()
        result.parameterGradient = Array(UnsafeBufferPointer(start: thetaBar, count: parameterCount))
        result.initialStateGradient = Array(UnsafeBufferPointer(start: ybar, count: n))
        result.backward.functionEvaluations = vjps
        result.backward.acceptedSteps = steps
        if !(result.parameterGradient.allSatisfy(\.isFinite) && result.initialStateGradient.allSatisfy(\.isFinite)) {
            result.failure = .nonFiniteGradient
        }
        return result
    }
}
