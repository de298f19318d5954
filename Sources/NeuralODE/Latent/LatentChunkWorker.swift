import Foundation

/// What one chunk of a latent batch contributes to −ELBO and its gradient.
///
/// Every term is already divided by the size of the whole batch, so a batch's values are the sums
/// of its chunks' (in chunk order).
struct LatentChunkResult {
    var negativeLogLikelihood = 0.0
    var kl = 0.0
    /// `negativeLogLikelihood` + `kl` as the solve's loss callback returned it.
    var loss = 0.0
    /// ∂/∂θ in the layout of `LatentModel.parameters`; empty when `failure` is set.
    var gradient: [Double] = []
    var forward = SolveStatistics()
    var backward = SolveStatistics()
    var failure: GradientFailure?
}

/// One thread's share of `LatentObjective`: encodes a chunk of sequences, solves and decodes their
/// latent paths, and pulls the chunk's −ELBO back to every parameter.
///
/// It keeps its buffers (a gradient engine per chunk size, the batched encoder, the decoder's
/// trace) between calls; a chunk's result does not depend on what the worker computed before, so
/// any worker gives the same bits for the same chunk. Not thread-safe: one thread uses it at a time.
final class LatentChunkWorker {
    private var engines: [Int: GradientEngine<MLPField>] = [:]
    private var encoderBatch: EncoderBatch?
    /// The decoder's buffers, kept between calls.
    private var decodeBuffers = UnsafeMutableBufferPointer<Double>(start: nil, count: 0)

    deinit { decodeBuffers.deallocate() }

    /// −ELBO of `sequences` (checked by the caller) with noise `noise` (count × latent), every term
    /// times `scale` (one over the whole batch's size), and its gradient.
    func evaluate(model: LatentModel, sequences: [TrajectoryDataset.Trajectory], noise: UnsafePointer<Double>,
                  scale: Double, noiseStandardDeviation: Double,
                  settings: GradientSettings) throws(GradientConfigurationError) -> LatentChunkResult {
        let count = sequences.count, latent = model.latentSize
        let encoder = model.encoder
        let batchEncoder = encoderBatch ?? EncoderBatch(encoder: encoder)
        encoderBatch = batchEncoder
        var moments = [Double](repeating: 0, count: count * 2 * latent)
        moments.withUnsafeMutableBufferPointer { out in
            batchEncoder.encode(encoder: encoder, sequences: sequences, output: out.baseAddress!)
        }
        var z0 = [Double](repeating: 0, count: count * latent)
        var kl = 0.0
        for b in 0..<count {
            for l in 0..<latent {
                let mean = moments[b * 2 * latent + l], logVariance = moments[b * 2 * latent + latent + l]
                z0[b * latent + l] = mean + Foundation.exp(0.5 * logVariance) * noise[b * latent + l]
                kl += 0.5 * (mean * mean + Foundation.exp(logVariance) - 1 - logVariance)
            }
        }
        kl *= scale

        let (times, index) = LatentObjective.sharedTimes(sequences)
        let engine = engine(batch: count, field: model.field)
        var decoderGradient = [Double](repeating: 0, count: model.decoder.parameterCount)
        var negativeLogLikelihood = 0.0
        let solve = try engine.observationGradient(initialStates: z0, t0: 0, times: times, settings: settings) { states, cotangents in
            negativeLogLikelihood = decode(model.decoder, sequences, index: index, states: states, cotangents: cotangents,
                                           scale: scale, noiseStandardDeviation: noiseStandardDeviation,
                                           decoderGradient: &decoderGradient)
            return negativeLogLikelihood + kl
        }
        var result = LatentChunkResult(negativeLogLikelihood: negativeLogLikelihood, kl: kl, loss: solve.loss,
                                       forward: solve.forward, backward: solve.backward, failure: solve.failure)
        guard solve.failure == nil else { return result }

        var encoderGradient = [Double](repeating: 0, count: encoder.parameterCount)
        var cotangents = [Double](repeating: 0, count: count * 2 * latent)
        for b in 0..<count {
            for l in 0..<latent {
                let mean = moments[b * 2 * latent + l], logVariance = moments[b * 2 * latent + latent + l]
                let zbar = solve.initialStateGradient[b * latent + l]
                let sigma = Foundation.exp(0.5 * logVariance)
                cotangents[b * 2 * latent + l] = zbar + scale * mean
                cotangents[b * 2 * latent + latent + l] = zbar * noise[b * latent + l] * 0.5 * sigma
                    + scale * 0.5 * (sigma * sigma - 1)
            }
        }
        cotangents.withUnsafeBufferPointer { v in
            encoderGradient.withUnsafeMutableBufferPointer { gradient in
                batchEncoder.backward(encoder: encoder, cotangents: v.baseAddress!, gradient: gradient.baseAddress!)
            }
        }
        result.gradient = encoderGradient + solve.parameterGradient + decoderGradient
        return result
    }

    /// Decodes every observation's latent state, returns the summed −log-likelihood times `scale`,
    /// writes its cotangents on the latent states and adds the decoder's parameter gradient.
    private func decode(_ decoder: DenseNetwork, _ sequences: [TrajectoryDataset.Trajectory], index: [[Int]],
                        states: UnsafePointer<Double>, cotangents: UnsafeMutablePointer<Double>, scale: Double,
                        noiseStandardDeviation: Double, decoderGradient: inout [Double]) -> Double {
        let count = sequences.count, latent = decoder.inputSize, d = decoder.outputSize
        let rowSize = count * latent
        let points = index.reduce(0) { $0 + $1.count }
        let traceSize = decoder.traceSize(count: points)
        let needed = 2 * points * latent + points * d + traceSize
        if decodeBuffers.count < needed {
            decodeBuffers.deallocate()
            decodeBuffers = .allocate(capacity: needed)
        }
        // The latent states, their cotangents, the outputs' cotangents and the trace: each written before it is read.
        let z = decodeBuffers.baseAddress!, zbar = z + points * latent, xbar = zbar + points * latent, trace = xbar + points * d
        var p = 0
        for (b, rows) in index.enumerated() {
            for j in rows {
                for l in 0..<latent { z[p * latent + l] = states[j * rowSize + b * latent + l] }
                p += 1
            }
        }
        let s2 = noiseStandardDeviation * noiseStandardDeviation
        let constant = Foundation.log(2 * Double.pi) + 2 * Foundation.log(noiseStandardDeviation)
        var sum = 0.0
        decoder.parameters.withUnsafeBufferPointer { theta in
            decoder.forward(theta: theta.baseAddress!, input: z, count: points, trace: trace)
            let predictions = trace + decoder.outputOffset(count: points)
            var p = 0
            for sequence in sequences {
                sequence.values.withUnsafeBufferPointer { values in
                    for i in 0..<(sequence.times.count * d) {
                        let r = predictions[p + i] - values[i]
                        sum += 0.5 * (constant + r * r / s2)
                        xbar[p + i] = scale * r / s2
                    }
                }
                p += sequence.times.count * d
            }
            decoderGradient.withUnsafeMutableBufferPointer { gradient in
                decoder.backward(theta: theta.baseAddress!, trace: UnsafePointer(trace), count: points, outputCotangent: xbar,
                                 parameterCotangent: gradient.baseAddress!, inputCotangent: zbar)
            }
        }
        p = 0
        for (b, rows) in index.enumerated() {
            for j in rows {
                for l in 0..<latent { cotangents[j * rowSize + b * latent + l] += zbar[p * latent + l] }
                p += 1
            }
        }
        return sum * scale
    }

    private func engine(batch: Int, field: MLP) -> GradientEngine<MLPField> {
        if let engine = engines[batch] {
            engine.field.setParameters(field.parameters)
            return engine
        }
        let engine = GradientEngine(field: MLPField(field, batchSize: batch))
        engines[batch] = engine
        return engine
    }
}
