import Foundation
import Synchronization

/// The training objective of a latent ODE, −ELBO, and its gradient by hand: backpropagation through
/// time in the encoder, the decoder's vector-Jacobian product, and the latent solve's gradient from
/// the gradient engine's backpropagation through the solver.
///
/// For each sequence b with observations x_k at times t_k: (μ, log σ²) = encoder(x), z0 = μ + σ⊙ε with
/// ε the given noise (the reparameterisation trick), z(t_k − t_0) solved from z0, and
/// −ELBO_b = Σ_k Σ_c ½[log 2π + 2 log s + (x_kc − decoder(z(t_k − t_0))_c)²/s²] + Σ_l ½(μ_l² + σ_l² − 1 − log σ_l²)
/// with s the fixed observation noise; the loss is the mean over sequences (torchdiffeq's latent ODE example).
/// The batch is cut by `TrajectoryPartition` (fixed by its size alone); each chunk is encoded,
/// solved (one batched solve over the union of its sequences' relative times; times within 1e-9
/// relative of each other count as one) and differentiated on its own, on `threads` threads, and
/// the chunks are summed in order, so the values do not depend on the number of threads. Adaptive
/// methods choose each chunk's steps by its own error. Not thread-safe.
public final class LatentObjective {
    /// The model whose parameters are evaluated; set `model.parameters` between calls.
    public var model: LatentModel
    /// Observation noise standard deviation s.
    public let noiseStandardDeviation: Double
    /// Solver and step control of the latent solve (an explicit Runge–Kutta method).
    public let settings: GradientSettings
    /// Threads the chunks run on (at least 1).
    public var threads: Int { pool.count }
    private let pool: WorkerThreads
    private var workers: [LatentChunkWorker] = []

    /// An objective on `threads` threads (nil: every core).
    public init(model: LatentModel, noiseStandardDeviation: Double, settings: GradientSettings, threads: Int? = nil) {
        precondition(noiseStandardDeviation > 0, "the observation noise must be positive")
        self.model = model
        self.noiseStandardDeviation = noiseStandardDeviation
        self.settings = settings
        pool = WorkerThreads(count: threads ?? ProcessInfo.processInfo.activeProcessorCount)
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
        let scale = 1 / Double(count)
        let chunks = TrajectoryPartition.chunks(of: count)
        let used = min(pool.count, chunks.count)
        while workers.count < used { workers.append(LatentChunkWorker()) }
        let job = LatentChunkJob(workers: Array(workers[0..<used]), model: model, sequences: sequences, chunks: chunks,
                                 noise: noise, scale: scale, noiseStandardDeviation: noiseStandardDeviation,
                                 settings: settings)
        pool.run(job, workers: used)
        var evaluation = LatentEvaluation(loss: 0, negativeLogLikelihood: 0, kl: 0, gradient: [], forward: SolveStatistics(),
                                          backward: SolveStatistics(), failure: nil)
        var gradient = [Double](repeating: 0, count: model.parameterCount)
        for c in chunks.indices {
            let part = try job.result(c)
            evaluation.loss += part.loss
            evaluation.negativeLogLikelihood += part.negativeLogLikelihood
            evaluation.kl += part.kl
            evaluation.forward = Self.larger(evaluation.forward, part.forward)
            evaluation.backward = Self.larger(evaluation.backward, part.backward)
            if evaluation.failure == nil, let failure = part.failure { evaluation.failure = failure }
            guard evaluation.failure == nil else { continue }
            for i in gradient.indices { gradient[i] += part.gradient[i] }
        }
        guard evaluation.failure == nil else { return evaluation }
        evaluation.gradient = gradient
        if !gradient.allSatisfy(\.isFinite) { evaluation.failure = .nonFiniteGradient }
        return evaluation
    }

    /// The statistics of the chunk with more function evaluations (a batch counts its largest chunk's).
    private static func larger(_ a: SolveStatistics, _ b: SolveStatistics) -> SolveStatistics {
        b.functionEvaluations > a.functionEvaluations ? b : a
    }
}

/// One evaluation's shared state: each worker takes the next chunk not yet taken (so a thread the
/// machine holds back leaves its share to the others), computes it with its own `workers[w]` (whose
/// results do not depend on what it computed before) and writes only that chunk's slot, hence
/// `@unchecked Sendable`.
private final class LatentChunkJob: ConcurrentWork, @unchecked Sendable {
    let workers: [LatentChunkWorker]
    let model: LatentModel
    let sequences: [TrajectoryDataset.Trajectory]
    let chunks: [Range<Int>]
    let noise: [Double]
    let scale: Double
    let noiseStandardDeviation: Double
    let settings: GradientSettings
    private let output: WorkerResults<LatentChunkResult, GradientConfigurationError>
    /// The next chunk to take.
    private let next = Atomic<Int>(0)

    init(workers: [LatentChunkWorker], model: LatentModel, sequences: [TrajectoryDataset.Trajectory], chunks: [Range<Int>],
         noise: [Double], scale: Double, noiseStandardDeviation: Double, settings: GradientSettings) {
        self.workers = workers
        self.model = model
        self.sequences = sequences
        self.chunks = chunks
        self.noise = noise
        self.scale = scale
        self.noiseStandardDeviation = noiseStandardDeviation
        self.settings = settings
        output = WorkerResults(count: chunks.count)
    }

    func work(_ worker: Int) {
        let latent = model.latentSize
        while true {
            let c = next.add(1, ordering: .relaxed).oldValue
            guard c < chunks.count else { return }
            let range = chunks[c]
            let part = range.count == sequences.count ? sequences : Array(sequences[range])
            output.store(c, noise.withUnsafeBufferPointer { noise in
                do throws(GradientConfigurationError) {
                    return .success(try workers[worker].evaluate(
                        model: model, sequences: part, noise: noise.baseAddress! + range.lowerBound * latent, scale: scale,
                        noiseStandardDeviation: noiseStandardDeviation, settings: settings))
                } catch {
                    return .failure(error)
                }
            })
        }
    }

    /// Chunk `c`'s result (valid after every worker ran).
    func result(_ c: Int) throws(GradientConfigurationError) -> LatentChunkResult {
        try output.value(c)
    }
}
