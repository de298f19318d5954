extension GradientEngine {
    /// The continuous adjoint: a plain forward solve, then the augmented system solved backward.
    func adjoint(_ batch: ObservationBatch, settings: GradientSettings) -> GradientResult {
        let forward = forwardSolver
        let pass = forward.run(batch, settings: settings, mode: .plain)
        var result = GradientResult(method: .adjoint, loss: .nan, parameterGradient: [], initialStateGradient: [],
                                    forward: pass.statistics, backward: SolveStatistics(), tapeBytes: 0,
                                    failure: pass.failure)
        guard pass.failure == nil else { return result }
        result.loss = forward.lossValue(batch, kind: settings.loss)
        guard result.loss.isFinite else {
            result.failure = .nonFiniteLoss
            return result
        }
        let n = field.stateSize, parameterCount = field.parameterCount
        let buffers = reverseBuffers
        buffers.reserve(times: batch.timeCount, stages: 1, stateSize: n, parameters: parameterCount)
        forward.writeLossCotangent(batch, kind: settings.loss, into: buffers.cotangent)
        var initial = [Double](repeating: 0, count: n)
        var parameters = [Double](repeating: 0, count: parameterCount)
        let back = initial.withUnsafeMutableBufferPointer { initialBuffer in
            parameters.withUnsafeMutableBufferPointer { parameterBuffer in
                adjointSolver.run(batch, settings: settings, predictions: forward.predictions,
                                  cotangent: buffers.cotangent, initialGradient: initialBuffer.baseAddress ?? buffers.vectors,
                                  parameterGradient: parameterBuffer.baseAddress ?? buffers.parameter)
            }
        }
        result.initialStateGradient = initial
        result.parameterGradient = parameters
        result.backward = back.statistics
        result.tapeBytes = back.bytes
        if let failure = back.failure {
            result.failure = .backward(failure)
        } else if !(parameters.allSatisfy(\.isFinite) && initial.allSatisfy(\.isFinite)) {
            result.failure = .nonFiniteGradient
        }
        return result
    }
}
