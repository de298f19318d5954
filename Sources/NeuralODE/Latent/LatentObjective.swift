import Foundation

/// The training objective of a latent ODE, −ELBO, and its gradient by hand: backpropagation through
/// time in the encoder, the decoder's vector-Jacobian product, and the latent solve's gradient from
/// the gradient engine's backpropagation through the solver.
///
/// For each sequence b with observations x_k at times t_k: (μ, log σ²) = encoder(x), z0 = μ + σ⊙ε with
/// ε the given noise (the reparameterisation trick), z(t_k − t_0) solved from z0, and
/// −ELBO_b = Σ_k Σ_c ½[log 2π + 2 log s + (x_kc − decoder(z(t_k − t_0))_c)²/s²] + Σ_l ½(μ_l² + σ_l² − 1 − log σ_l²)
/// with s the fixed observation noise; the loss is the mean over sequences (torchdiffeq's latent ODE example).
/// All sequences share one batched solve over the union of their relative times (times within
/// 1e-9 relative of each other count as one). Not thread-safe.
public final class LatentObjective {
    /// The model whose parameters are evaluated; set `model.parameters` between calls.
    public var model: LatentModel
    /// Observation noise standard deviation s.
    public let noiseStandardDeviation: Double
    /// Solver and step control of the latent solve (an explicit Runge–Kutta method).
    public let settings: GradientSettings
    private var engines: [Int: GradientEngine<MLPField>] = [:]
    private var encoderBatch: EncoderBatch?
    /// The decoder's buffers, kept between calls (every element is written before it is read).
    private var decodeInputs: [Double] = []
    private var decodeTrace: [Double] = []
    private var decodeOutputCotangents: [Double] = []
    private var decodeInputCotangents: [Double] = []

    public init(model: LatentModel, noiseStandardDeviation: Double, settings: GradientSettings) {
        precondition(noiseStandardDeviation > 0, "the observation noise must be positive")
        self.model = model
        self.noiseStandardDeviation = noiseStandardDeviation
        self.settings = settings
    }

    /// The union of the sequences' relative times and, per observation, its index in that union.
    public static func sharedTimes(_ sequences: [TrajectoryDataset.Trajectory]) -> (times: [Double], index: [[Int]]) {
        // Every sequence on the first one's relative times (a regular grid): the first one's union is everyone's.
        if let first = sequences.first, sequences.count > 1, sequences.allSatisfy({ sameRelativeTimes($0.times, first.times) }) {
            let (times, index) = sharedTimes([first])
            return (times, [[Int]](repeating: index[0], count: sequences.count))
        }
        var entries: [(t: Double, b: Int, k: Int)] = []
        for (b, sequence) in sequences.enumerated() {
            for (k, t) in sequence.times.enumerated() { entries.append((t - sequence.times[0], b, k)) }
        }
        entries.sort { $0.t < $1.t }
        var times: [Double] = []
        var index = sequences.map { [Int](repeating: 0, count: $0.times.count) }
        for entry in entries {
            if let last = times.last, entry.t - last <= 1e-9 * max(1, Swift.abs(entry.t)) {
                index[entry.b][entry.k] = times.count - 1
            } else {
                times.append(entry.t)
                index[entry.b][entry.k] = times.count - 1
            }
        }
        return (times, index)
    }

    private static func sameRelativeTimes(_ a: [Double], _ b: [Double]) -> Bool {
        guard a.count == b.count, let a0 = a.first, let b0 = b.first else { return false }
        for k in a.indices where a[k] - a0 != b[k] - b0 { return false }
        return true
    }

    /// −ELBO and its gradient for `sequences` (each at least two observations of
    /// `model.observationSize` components) with reparameterisation noise `noise` (B × latent).
    ///
    /// Throws for sequences or noise that do not fit, or solver settings the engine cannot run;
    /// a failed solve or a non-finite value is the result's `failure`.
    public func evaluate(_ sequences: [TrajectoryDataset.Trajectory],
                         noise: [Double]) throws(GradientConfigurationError) -> LatentEvaluation {
        let count = sequences.count, latent = model.latentSize, d = model.observationSize
        guard count >= 1 else { throw .invalid("a latent batch needs at least one sequence") }
        guard noise.count == count * latent else {
            throw .invalid("expected \(count * latent) noise values (\(count) × \(latent)), got \(noise.count)")
        }
        for (b, sequence) in sequences.enumerated() {
            guard sequence.times.count >= 2 else {
                throw .invalid("sequence \(sequence.label) has \(sequence.times.count) observation; a latent model needs at least 2")
            }
            guard sequence.values.count == sequence.times.count * d else {
                throw .invalid("sequence \(b) has \(sequence.values.count) values for \(sequence.times.count) times of \(d) components")
            }
        }
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
        kl /= Double(count)

        let (times, index) = Self.sharedTimes(sequences)
        let engine = engine(batch: count)
        var decoderGradient = [Double](repeating: 0, count: model.decoder.parameterCount)
        var negativeLogLikelihood = 0.0
        let solve = try engine.observationGradient(initialStates: z0, t0: 0, times: times, settings: settings) { states, cotangents in
            negativeLogLikelihood = decode(sequences, index: index, states: states, cotangents: cotangents,
                                           decoderGradient: &decoderGradient)
            return negativeLogLikelihood + kl
        }
        var evaluation = LatentEvaluation(loss: solve.loss, negativeLogLikelihood: negativeLogLikelihood, kl: kl,
                                          gradient: [], forward: solve.forward, backward: solve.backward,
                                          failure: solve.failure)
        guard solve.failure == nil else { return evaluation }

        var encoderGradient = [Double](repeating: 0, count: encoder.parameterCount)
        var cotangents = [Double](repeating: 0, count: count * 2 * latent)
        let scale = 1 / Double(count)
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
        evaluation.gradient = encoderGradient + solve.parameterGradient + decoderGradient
        if !evaluation.gradient.allSatisfy(\.isFinite) { evaluation.failure = .nonFiniteGradient }
        return evaluation
    }

    /// Decodes every observation's latent state, returns the summed −log-likelihood over the batch
    /// size, writes its cotangents on the latent states and adds the decoder's parameter gradient.
    private func decode(_ sequences: [TrajectoryDataset.Trajectory], index: [[Int]], states: UnsafePointer<Double>,
                        cotangents: UnsafeMutablePointer<Double>, decoderGradient: inout [Double]) -> Double {
        let count = sequences.count, latent = model.latentSize, d = model.observationSize
        let rowSize = count * latent
        let points = index.reduce(0) { $0 + $1.count }
        if decodeInputs.count != points * latent {
            decodeInputs = [Double](repeating: 0, count: points * latent)
            decodeInputCotangents = decodeInputs
            decodeOutputCotangents = [Double](repeating: 0, count: points * d)
            decodeTrace = [Double](repeating: 0, count: model.decoder.traceSize(count: points))
        }
        var z = decodeInputs, trace = decodeTrace, xbar = decodeOutputCotangents, zbar = decodeInputCotangents
        decodeInputs = []; decodeTrace = []; decodeOutputCotangents = []; decodeInputCotangents = []
        defer { decodeInputs = z; decodeTrace = trace; decodeOutputCotangents = xbar; decodeInputCotangents = zbar }
        var p = 0
        for (b, rows) in index.enumerated() {
            for j in rows {
                for l in 0..<latent { z[p * latent + l] = states[j * rowSize + b * latent + l] }
                p += 1
            }
        }
        let decoder = model.decoder
        let s2 = noiseStandardDeviation * noiseStandardDeviation
        let constant = Foundation.log(2 * Double.pi) + 2 * Foundation.log(noiseStandardDeviation)
        let scale = 1 / Double(count)
        var sum = 0.0
        decoder.parameters.withUnsafeBufferPointer { theta in
            trace.withUnsafeMutableBufferPointer { trace in
                z.withUnsafeBufferPointer { z in
                    decoder.forward(theta: theta.baseAddress!, input: z.baseAddress!, count: points, trace: trace.baseAddress!)
                }
                let predictions = trace.baseAddress! + decoder.outputOffset(count: points)
                var p = 0
                for sequence in sequences {
                    for k in 0..<sequence.times.count {
                        for c in 0..<d {
                            let r = predictions[p * d + c] - sequence.values[k * d + c]
                            sum += 0.5 * (constant + r * r / s2)
                            xbar[p * d + c] = scale * r / s2
                        }
                        p += 1
                    }
                }
                xbar.withUnsafeBufferPointer { xbar in
                    decoderGradient.withUnsafeMutableBufferPointer { gradient in
                        zbar.withUnsafeMutableBufferPointer { zbar in
                            decoder.backward(theta: theta.baseAddress!, trace: UnsafePointer(trace.baseAddress!), count: points,
                                             outputCotangent: xbar.baseAddress!, parameterCotangent: gradient.baseAddress!,
                                             inputCotangent: zbar.baseAddress!)
                        }
                    }
                }
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

    private func engine(batch: Int) -> GradientEngine<MLPField> {
        if let engine = engines[batch] {
            engine.field.setParameters(model.field.parameters)
            return engine
        }
        let engine = GradientEngine(field: MLPField(model.field, batchSize: batch))
        engines[batch] = engine
        return engine
    }
}
