import Foundation

/// Computes the losses and gradients of a list of batches on several threads, one engine per thread.
///
/// Batch i goes to thread i mod T, whose engine and field compute it exactly as one thread would
/// (an engine's result does not depend on what it computed before), and the results come back in
/// batch order: what a caller sums from them does not depend on T. Thread 0 works on the field
/// given at init, the others on copies, refreshed from it before every call.
final class GradientWorkers {
    /// Threads used (at least 1).
    let threads: Int
    private let primary: MLPField
    private let engines: [GradientEngine<MLPField>]
    private let pool: WorkerThreads

    /// Workers for `threads` threads; `primary` holds the parameters and serves thread 0.
    init(primary: MLPField, threads: Int) {
        self.threads = max(1, threads)
        self.primary = primary
        pool = WorkerThreads(count: self.threads)
        var engines = [GradientEngine(field: primary)]
        for _ in 1..<self.threads { engines.append(GradientEngine(field: primary.copy())) }
        self.engines = engines
    }

    /// The result of each batch, in order; throws the first configuration error in batch order.
    func gradients(_ batches: [ObservationBatch], method: GradientMethod,
                   settings: GradientSettings) throws(GradientConfigurationError) -> [GradientResult] {
        let used = min(threads, batches.count)
        var settings = settings
        if used > 1 { settings.threads = 1 }   // finite differences: no threads inside threads
        if used <= 1 {
            var results: [GradientResult] = []
            for batch in batches { results.append(try compute(batch, engine: engines[0], method: method, settings: settings)) }
            return results
        }
        let parameters = primary.parameters
        for engine in engines[1..<used] { engine.field.setParameters(parameters) }
        let job = GradientJob(engines: Array(engines[0..<used]), batches: batches, method: method, settings: settings)
        pool.run(job, workers: used)
        return try job.results()
    }

    fileprivate static func compute(_ batch: ObservationBatch, engine: GradientEngine<MLPField>, method: GradientMethod,
                                    settings: GradientSettings) throws(GradientConfigurationError) -> GradientResult {
        engine.field.batchSize = batch.trajectoryCount
        return try engine.gradient(batch, method: method, settings: settings)
    }

    private func compute(_ batch: ObservationBatch, engine: GradientEngine<MLPField>, method: GradientMethod,
                         settings: GradientSettings) throws(GradientConfigurationError) -> GradientResult {
        try Self.compute(batch, engine: engine, method: method, settings: settings)
    }
}

/// One call's shared state: worker w uses engine w alone and writes only the slots w, w + W, …
/// of `output`, hence `@unchecked Sendable`.
private final class GradientJob: ConcurrentWork, @unchecked Sendable {
    let engines: [GradientEngine<MLPField>]
    let batches: [ObservationBatch]
    let method: GradientMethod
    let settings: GradientSettings
    private let output: UnsafeMutableBufferPointer<Result<GradientResult, GradientConfigurationError>?>

    init(engines: [GradientEngine<MLPField>], batches: [ObservationBatch], method: GradientMethod,
         settings: GradientSettings) {
        self.engines = engines
        self.batches = batches
        self.method = method
        self.settings = settings
        output = .allocate(capacity: batches.count)
        output.initialize(repeating: nil)
    }

    deinit {
        _ = output.deinitialize()
        output.deallocate()
    }

    func work(_ worker: Int) {
        let engine = engines[worker]
        for index in stride(from: worker, to: batches.count, by: engines.count) {
            do throws(GradientConfigurationError) {
                output[index] = .success(try GradientWorkers.compute(batches[index], engine: engine, method: method,
                                                                     settings: settings))
            } catch {
                output[index] = .failure(error)
            }
        }
    }

    /// Every batch's result in order (valid after every worker ran).
    func results() throws(GradientConfigurationError) -> [GradientResult] {
        var results: [GradientResult] = []
        for slot in output {
            guard let slot else { preconditionFailure("every batch was computed") }
            results.append(try slot.get())
        }
        return results
    }
}
