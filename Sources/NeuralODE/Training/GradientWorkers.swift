import Foundation

/// Computes the losses and gradients of a list of batches on several threads, one engine per thread.
///
/// Each batch is cut by `TrajectoryPartition`; chunk i (counting over all batches) goes to thread
/// i mod T, whose engine and field compute it exactly as one thread would (an engine's result does
/// not depend on what it computed before), and the results come back in chunk order: what a caller
/// sums from them does not depend on T. Thread 0 works on the field given at init, the others on
/// copies, refreshed from it before every call. On one thread, the chunks of a batch of at most
/// `lockstepRows` trajectories with fixed steps and backprop run as one batch in lockstep
/// (`GradientEngine.backpropLockstep`: the same results, faster on small chunks). A call that is one
/// chunk (one trajectory) runs on the primary field with every thread in its `LayerTeam` when the
/// network is wide enough (the same results again).
final class GradientWorkers {
    /// One chunk's result: the batch it belongs to, its number of target values, its loss and gradients.
    struct ChunkResult {
        let batch: Int
        let targetCount: Int
        let result: GradientResult
    }

    /// Threads used at most (at least 1).
    let threads: Int
    private let primary: MLPField
    private let engines: [GradientEngine<MLPField>]
    private let pool: WorkerThreads
    private var lockstepEngine: GradientEngine<MLPField>?
    /// Calls left before a layer team is tried again, after one gave up (a busy machine).
    private var teamBackoff = 0
    /// Calls skipped after a layer team gave up.
    static let teamBackoffCalls = 16

    /// Largest batch whose chunks run in lockstep on one thread.
    static let lockstepRows = TrajectoryPartition.chunkRows

    /// Workers for `threads` threads; `primary` holds the parameters and serves thread 0.
    init(primary: MLPField, threads: Int) {
        self.threads = max(1, threads)
        self.primary = primary
        pool = WorkerThreads(count: self.threads)
        var engines = [GradientEngine(field: primary)]
        for _ in 1..<self.threads { engines.append(GradientEngine(field: primary.copy())) }
        self.engines = engines
    }

    /// Threads a call on these batches uses: one per chunk, at most `threads`.
    func threadsUsed(for batches: [ObservationBatch]) -> Int {
        min(threads, batches.reduce(0) { $0 + TrajectoryPartition.chunks(of: $1.trajectoryCount).count })
    }

    /// The result of every chunk of every batch, in order; throws the first configuration error in that order.
    func gradients(_ batches: [ObservationBatch], method: GradientMethod,
                   settings: GradientSettings) throws(GradientConfigurationError) -> [ChunkResult] {
        let used = threadsUsed(for: batches)
        var chunks: [ObservationBatch] = [], owners: [Int] = []
        var results: [ChunkResult] = []
        for (index, batch) in batches.enumerated() {
            let ranges = TrajectoryPartition.chunks(of: batch.trajectoryCount)
            if used == 1, method == .backprop, ranges.count > 1, batch.trajectoryCount <= Self.lockstepRows,
               let lockstep = lockstep(batch, ranges: ranges, settings: settings) {
                for (range, result) in zip(ranges, lockstep) {
                    results.append(ChunkResult(batch: index, targetCount: batch.timeCount * range.count * batch.observedDimension,
                                               result: result))
                }
                continue
            }
            for range in ranges {
                let chunk = ranges.count == 1 ? batch : batch.trajectories(range)
                let teamFits = used == 1 && ranges.count == 1 && threads > 1 && method != .finiteDifference
                    && primary.teamShares(members: threads, batch: chunk.trajectoryCount)
                let useTeam = teamFits && teamBackoff == 0
                if teamFits && teamBackoff > 0 { teamBackoff -= 1 }
                if useTeam {
                    results.append(ChunkResult(batch: index, targetCount: chunk.targetCount,
                                               result: try shared(chunk, method: method, settings: settings)))
                } else if used == 1 {
                    results.append(ChunkResult(batch: index, targetCount: chunk.targetCount,
                                               result: try Self.compute(chunk, engine: engines[0], method: method,
                                                                        settings: settings)))
                } else {
                    chunks.append(chunk)
                    owners.append(index)
                }
            }
        }
        if used == 1 { return results }
        var parallel = settings
        parallel.threads = 1   // finite differences: no threads inside threads
        let job = GradientJob(engines: Array(engines[0..<used]), batches: chunks, method: method, settings: parallel,
                              parameters: primary.parameters)
        pool.run(job, workers: used)
        return try zip(zip(chunks, owners), job.results()).map { pair, result in
            ChunkResult(batch: pair.1, targetCount: pair.0.targetCount, result: result)
        }
    }

    /// One chunk on the primary field with every thread sharing its wide layers (`LayerTeam`): the
    /// same results as on one thread. When the team gives up (a busy machine), the next
    /// `teamBackoffCalls` such chunks run on one thread.
    private func shared(_ chunk: ObservationBatch, method: GradientMethod,
                        settings: GradientSettings) throws(GradientConfigurationError) -> GradientResult {
        let team = LayerTeam(members: threads)
        let job = SharedChunkJob(engine: engines[0], team: team, chunk: chunk, method: method, settings: settings)
        pool.run(job, workers: threads)
        if team.gaveUp { teamBackoff = Self.teamBackoffCalls }
        return try job.result()
    }

    /// The chunks `ranges` of `batch` in lockstep on one engine (made for the largest batch so far,
    /// summing deferred VJPs as many at a time as the primary field), or nil when lockstep cannot run.
    private func lockstep(_ batch: ObservationBatch, ranges: [Range<Int>],
                          settings: GradientSettings) -> [GradientResult]? {
        let rows = batch.trajectoryCount
        if (lockstepEngine?.field.capacity ?? 0) < rows {
            lockstepEngine = GradientEngine(field: MLPField(primary.mlp, batchSize: rows, heldVJPs: primary.heldVJPs))
        }
        guard let engine = lockstepEngine else { return nil }
        engine.field.setParameters(primary.parameters)
        engine.field.batchSize = rows
        return engine.backpropLockstep(batch, groups: ranges, settings: settings)
    }

    fileprivate static func compute(_ batch: ObservationBatch, engine: GradientEngine<MLPField>, method: GradientMethod,
                                    settings: GradientSettings) throws(GradientConfigurationError) -> GradientResult {
        engine.field.batchSize = batch.trajectoryCount
        return try engine.gradient(batch, method: method, settings: settings)
    }
}

/// One call's shared state: worker w uses engine w alone (workers after the first first copy
/// `parameters` into its field) and writes only the slots w, w + W, … of `output`, hence `@unchecked Sendable`.
private final class GradientJob: ConcurrentWork, @unchecked Sendable {
    let engines: [GradientEngine<MLPField>]
    let batches: [ObservationBatch]
    let method: GradientMethod
    let settings: GradientSettings
    let parameters: [Double]
    private let output: WorkerResults<GradientResult, GradientConfigurationError>

    init(engines: [GradientEngine<MLPField>], batches: [ObservationBatch], method: GradientMethod,
         settings: GradientSettings, parameters: [Double]) {
        self.engines = engines
        self.parameters = parameters
        self.batches = batches
        self.method = method
        self.settings = settings
        output = WorkerResults(count: batches.count)
    }

    func work(_ worker: Int) {
        let engine = engines[worker]
        if worker > 0 { engine.field.setParameters(parameters) }
        for index in stride(from: worker, to: batches.count, by: engines.count) {
            do throws(GradientConfigurationError) {
                output.store(index, .success(try GradientWorkers.compute(batches[index], engine: engine, method: method,
                                                                         settings: settings)))
            } catch {
                output.store(index, .failure(error))
            }
        }
    }

    /// Every batch's result in order (valid after every worker ran).
    func results() throws(GradientConfigurationError) -> [GradientResult] {
        var results: [GradientResult] = []
        for index in 0..<output.count { results.append(try output.value(index)) }
        return results
    }
}

/// One chunk computed by worker 0 on its engine while the other workers serve its field's layer team;
/// only worker 0 touches the engine and `outcome`, hence `@unchecked Sendable`.
private final class SharedChunkJob: ConcurrentWork, @unchecked Sendable {
    let engine: GradientEngine<MLPField>
    let team: LayerTeam
    let chunk: ObservationBatch
    let method: GradientMethod
    let settings: GradientSettings
    private var outcome: Result<GradientResult, GradientConfigurationError>?

    init(engine: GradientEngine<MLPField>, team: LayerTeam, chunk: ObservationBatch, method: GradientMethod,
         settings: GradientSettings) {
        self.engine = engine
        self.team = team
        self.chunk = chunk
        self.method = method
        self.settings = settings
    }

    func work(_ worker: Int) {
        guard worker == 0 else {
            team.serve(member: worker, field: engine.field)
            return
        }
        let field = engine.field
        field.team = team
        defer {
            field.team = nil
            team.stop()
        }
        do throws(GradientConfigurationError) {
            outcome = .success(try GradientWorkers.compute(chunk, engine: engine, method: method, settings: settings))
        } catch {
            outcome = .failure(error)
        }
    }

    /// The chunk's result (valid after every worker ran).
    func result() throws(GradientConfigurationError) -> GradientResult {
        guard let outcome else { throw .invalid("the shared chunk was not computed") }
        return try outcome.get()
    }
}
