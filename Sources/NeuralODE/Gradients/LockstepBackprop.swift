extension GradientEngine where F == MLPField {
    /// Backprop of several chunks of one batch solved as that one batch in lockstep: the result of each
    /// chunk `groups[g]` (trajectory ranges covering the batch in order) with the same bits as
    /// `gradient(batch.trajectories(groups[g]), method: .backprop, settings:)` on a field holding only
    /// those trajectories and `heldVJPs` like this one; nil when it cannot (then compute the chunks apart).
    ///
    /// Only for fixed steps, where every chunk takes the same steps as the batch: each state, stage and
    /// network output is computed row by row with the same sums, the loss and its cotangent per chunk,
    /// and the parameter cotangents per chunk in the field's `rowGroups`. Small chunks gain most: one
    /// evaluation of five rows costs less than one of three and one of two (fewer calls and loop turns,
    /// the narrow last layer's dependency chains side by side).
    func backpropLockstep(_ batch: ObservationBatch, groups: [Range<Int>],
                          settings: GradientSettings) -> [GradientResult]? {
        guard case .constant = settings.controller, groups.count > 1,
              groups.first?.lowerBound == 0, groups.last?.upperBound == batch.trajectoryCount,
              field.batchSize == batch.trajectoryCount,
              (try? validate(batch, settings: settings)) != nil else { return nil }
        field.rowGroups = groups
        defer { field.rowGroups = [] }
        let pass = forwardSolver.run(batch, settings: settings, mode: .record)
        guard pass.failure == nil else { return nil }
        let losses = groups.map { forwardSolver.lossValue(batch, kind: settings.loss, rows: $0) }
        guard losses.allSatisfy(\.isFinite) else { return nil }
        var pullback = recordedPullback(times: batch.timeCount, parameterSlots: groups.count)
        forwardSolver.writeLossCotangent(batch, kind: settings.loss, into: reverseBuffers.cotangent, groups: groups)
        var whole = GradientResult(method: .backprop, loss: .nan, parameterGradient: [], initialStateGradient: [],
                                   forward: pass.statistics, backward: SolveStatistics(), tapeBytes: 0, failure: nil)
        pullBackObservations(&pullback, into: &whole)
        let p = field.parameterCount, d = batch.stateDimension, steps = forwardSolver.stepCount
        let stages = forwardSolver.kernel?.stages ?? 0
        let thetaBar = pullback.thetaBar, ybar = pullback.ybar
        return groups.enumerated().map { g, rows in
            let parameters = Array(UnsafeBufferPointer(start: thetaBar + g * p, count: p))
            let initial = Array(UnsafeBufferPointer(start: ybar + rows.lowerBound * d, count: rows.count * d))
            let finite = parameters.allSatisfy(\.isFinite) && initial.allSatisfy(\.isFinite)
            return GradientResult(method: .backprop, loss: losses[g], parameterGradient: parameters,
                                  initialStateGradient: initial, forward: pass.statistics, backward: whole.backward,
                                  tapeBytes: steps * (stages * max(rows.count * field.tapeWidth, 1) * 8 + 3 * 8),
                                  failure: finite ? nil : .nonFiniteGradient)
        }
    }
}
