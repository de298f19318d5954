extension GradientEngine {
    /// Reverse mode through the accepted steps of a recorded forward solve (step sizes held constant).
    ///
    /// For each step, backward from its end: the cotangent of y_{m+1} gives k̄ᵢ = h·bᵢ·ȳ plus the
    /// interpolation terms of observations inside the step; stages are then pulled back in reverse
    /// order from their recorded evaluations (Ȳᵢ = k̄ᵢᵀ∂f/∂y, k̄ⱼ += h·aᵢⱼ·Ȳᵢ, θ̄ += k̄ᵢᵀ∂f/∂θ) and
    /// ȳ_m = ȳ_{m+1} + Σᵢ Ȳᵢ. Stages whose cotangent is zero are skipped (the FSAL stage, mostly).
    func backprop(_ batch: ObservationBatch, settings: GradientSettings) -> GradientResult {
        let forward = forwardSolver
        let pass = forward.run(batch, settings: settings, mode: .record)
        guard let kernel = forward.kernel else { preconditionFailure("the forward solve made its kernel") }
        let n = field.stateSize, s = kernel.stages, parameterCount = field.parameterCount
        let steps = forward.stepCount
        let tapeBytes = steps * (s * forward.tape.slotSize * 8 + 3 * 8)
        var result = GradientResult(method: .backprop, loss: .nan, parameterGradient: [], initialStateGradient: [],
                                    forward: pass.statistics, backward: SolveStatistics(), tapeBytes: tapeBytes,
                                    failure: pass.failure)
        guard pass.failure == nil else { return result }
        result.loss = forward.lossValue(batch, kind: settings.loss)
        guard result.loss.isFinite else {
            result.failure = .nonFiniteLoss
            return result
        }
        let buffers = reverseBuffers
        buffers.reserve(times: batch.timeCount, stages: s, stateSize: n, parameters: parameterCount)
        let gbar = buffers.cotangent
        forward.writeLossCotangent(batch, kind: settings.loss, into: gbar)
        let kbar = buffers.stageCotangent, active = buffers.active
        let ybar = buffers.vectors, ybarStart = buffers.vectors + n, pulled = buffers.vectors + 2 * n
        let thetaBar = buffers.parameter
        for i in 0..<parameterCount { thetaBar[i] = 0 }
        for i in 0..<n { ybar[i] = 0 }
        let a = kernel.a, b = kernel.b
        let placements = forward.placements
        var j = placements.count - 1
        var vjps = 0

        for m in stride(from: steps - 1, through: 0, by: -1) {
            let h = forward.stepSizes[m]
            // Observations inside step m occupy placements[low...j].
            var low = j + 1
            while low > 0, placementStep(placements[low - 1]) == m { low -= 1 }
            // Terms on y_{m+1}: observations at the step's end and the Hermite y₁, f₁ terms.
            for o in low..<(j + 1) {
                let g = gbar + o * n
                switch placements[o] {
                case .stepEnd:
                    for i in 0..<n { ybar[i] += g[i] }
                case .interpolated(_, let theta) where !kernel.hasDense:
                    let w = HermiteWeights(theta: theta)
                    for i in 0..<n { ybar[i] += w.y1 * g[i] }
                    if !kernel.isFSAL {
                        for i in 0..<n { kbar[i] = h * w.f1 * g[i] }   // kbar row 0 as scratch for v
                        field.vjpDeferred(tape: forward.tape.slot((m + 1) * s), v: kbar, vy: pulled, vtheta: thetaBar)
                        vjps += 1
                        for i in 0..<n { ybar[i] += pulled[i] }
                    }
                default:
                    break
                }
            }
            for stage in 0..<s {
                let row = kbar + stage * n, coefficient = h * b[stage]
                for i in 0..<n { row[i] = coefficient * ybar[i] }
                active[stage] = coefficient != 0
            }
            for i in 0..<n { ybarStart[i] = ybar[i] }
            // Interpolation terms on y_m and the stages.
            for o in low..<(j + 1) {
                guard case .interpolated(_, let theta) = placements[o] else { continue }
                let g = gbar + o * n
                if kernel.hasDense {
                    kernel.computeDenseWeights(theta: theta)
                    for i in 0..<n { ybarStart[i] += g[i] }
                    for stage in 0..<s {
                        let coefficient = h * kernel.denseWeights[stage]
                        if coefficient == 0 { continue }
                        let row = kbar + stage * n
                        for i in 0..<n { row[i] += coefficient * g[i] }
                        active[stage] = true
                    }
                } else {
                    let w = HermiteWeights(theta: theta)
                    for i in 0..<n {
                        ybarStart[i] += w.y0 * g[i]
                        kbar[i] += h * w.f0 * g[i]
                    }
                    active[0] = true
                    if kernel.isFSAL {
                        let row = kbar + (s - 1) * n
                        for i in 0..<n { row[i] += h * w.f1 * g[i] }
                        active[s - 1] = true
                    }
                }
            }
            j = low - 1
            // Stages in reverse order.
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
        // Observations at t0.
        while j >= 0 {
            if case .initial = placements[j] {
                let g = gbar + j * n
                for i in 0..<n { ybar[i] += g[i] }
            }
            j -= 1
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

    private func placementStep(_ placement: ForwardSolver<F>.Placement) -> Int {
        switch placement {
        case .initial: -1
        case .stepEnd(let m), .interpolated(let m, _): m
        }
    }
}
