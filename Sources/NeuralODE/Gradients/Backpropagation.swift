extension GradientEngine {
    /// Reverse mode through the accepted steps of a recorded forward solve (step sizes held constant).
    ///
    /// For each step, backward from its end: the cotangent of y_{m+1} gives k̄ᵢ = h·bᵢ·ȳ plus the
    /// interpolation terms of observations inside the step, then `StepPullback` runs the stages in
    /// reverse from their recorded evaluations.
    func backprop(_ batch: ObservationBatch, settings: GradientSettings) -> GradientResult {
        var result = forwardResult(.backprop, batch, settings, mode: .record).result
        guard result.failure == nil else { return result }
        var pullback = recordedPullback(times: batch.timeCount)
        forwardSolver.writeLossCotangent(batch, kind: settings.loss, into: reverseBuffers.cotangent)
        pullBackObservations(&pullback, into: &result)
        return result
    }

    /// The reverse sweep of `backprop` over the last recorded forward pass, from the loss cotangents
    /// already written in `reverseBuffers.cotangent` (T × n, one row per observation); finishes `result`.
    func pullBackObservations(_ pullback: inout StepPullback<F>, into result: inout GradientResult) {
        let forward = forwardSolver
        let kernel = pullback.kernel
        let n = field.stateSize, s = kernel.stages
        let gbar = reverseBuffers.cotangent
        let kbar = pullback.kbar, active = pullback.active, ybar = pullback.ybar, ybarStart = pullback.ybarStart
        let placements = forward.placements
        var j = placements.count - 1

        for m in stride(from: forward.stepCount - 1, through: 0, by: -1) {
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
                        pullback.vjp(slot: (m + 1) * s, v: kbar)
                        for i in 0..<n { ybar[i] += pullback.pulled[i] }
                    }
                default:
                    break
                }
            }
            pullback.seed(h: h)
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
            pullback.pullBack(step: m, h: h)
        }
        // Observations at t0.
        while j >= 0 {
            if case .initial = placements[j] {
                let g = gbar + j * n
                for i in 0..<n { ybar[i] += g[i] }
            }
            j -= 1
        }
        pullback.finish(&result, steps: forward.stepCount)
    }

    /// Bytes of the last recorded forward pass's tape (stage records, step sizes and slots).
    var recordedTapeBytes: Int {
        let s = forwardSolver.kernel?.stages ?? 0
        return forwardSolver.stepCount * (s * forwardSolver.tape.slotSize * 8 + 3 * 8)
    }

    /// A pullback over the last recorded forward pass, with buffers for `times` observations and
    /// `parameterSlots` parameter cotangents side by side (all zero).
    func recordedPullback(times: Int, parameterSlots: Int = 1) -> StepPullback<F> {
        let forward = forwardSolver
        guard let kernel = forward.kernel else { preconditionFailure("the forward solve made its kernel") }
        let p = field.parameterCount
        reverseBuffers.reserve(times: times, stages: kernel.stages, stateSize: field.stateSize,
                               parameters: parameterSlots * p)
        for i in p..<(parameterSlots * p) { reverseBuffers.parameter[i] = 0 }
        return StepPullback(field: field, kernel: kernel, tape: forward.tape,
                            firstStageSlots: forward.firstStageSlots, buffers: reverseBuffers)
    }

    private func placementStep(_ placement: OutputPlacement) -> Int {
        switch placement {
        case .initial: -1
        case .stepEnd(let m), .interpolated(let m, _): m
        }
    }
}
