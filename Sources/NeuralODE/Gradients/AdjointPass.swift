extension GradientEngine {
    /// The continuous adjoint: a plain forward solve, then the augmented system solved backward.
    func adjoint(_ batch: ObservationBatch, settings: GradientSettings) -> GradientResult {
        var result = forwardResult(.adjoint, batch, settings).result
        guard result.failure == nil else { return result }
        let forward = forwardSolver
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
