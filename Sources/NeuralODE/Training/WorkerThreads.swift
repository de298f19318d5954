import Foundation
import Synchronization
internal import _NetworkKernels

/// Threads kept for the life of a trainer that run `ConcurrentWork` with the caller as worker 0.
///
/// Between jobs a worker spins (with the CPU's pause hint, yielding the CPU after 50 µs) for up to
/// `spinSeconds` before it sleeps; the caller, whose share is the largest (chunks are larger first),
/// spins only 50 µs for the others before it sleeps, so on a busy machine it leaves its CPU to them.
/// An epoch of the mini-project's size takes about a millisecond, and waking a sleeping thread on an
/// idle virtual CPU can cost a large part of that, which is why `DispatchQueue.concurrentPerform`
/// gained little from a second thread there.
/// Only the calling thread may call `run`; `run` calls do not overlap.
final class WorkerThreads {
    /// Threads taking part in a job, the caller included (at least 1).
    let count: Int
    private let shared: Shared

    /// A pool for `count` threads in all: `count − 1` are started now.
    init(count: Int, spinSeconds: Double = 0.001) {
        self.count = max(1, count)
        shared = Shared(spinNanoseconds: UInt64(spinSeconds * 1e9))
        for worker in 1..<self.count {
            let shared = shared
            let thread = Thread { shared.serve(worker: worker) }
            thread.name = "flowscope-worker-\(worker)"
            thread.start()
        }
    }

    deinit { shared.stop() }

    /// Runs `work.work(w)` for w in 0..<`workers` (at most `count`) at once, w = 0 on the calling thread.
    func run(_ work: any ConcurrentWork, workers: Int) {
        let used = min(max(workers, 1), count)
        if used == 1 {
            work.work(0)
            return
        }
        shared.start(work, workers: used)
        work.work(0)
        shared.waitForWorkers(used - 1)
    }
}

/// What the caller and the workers share. The job is written under `condition`'s lock before the
/// generation moves on and read by a worker only after it saw the new generation, hence `@unchecked Sendable`.
private final class Shared: @unchecked Sendable {
    let spinNanoseconds: UInt64
    /// Bumped once per job (and once to stop).
    let generation = Atomic<Int>(0)
    /// Workers that finished the current job.
    let finished = Atomic<Int>(0)
    let condition = NSCondition()
    private var job: (any ConcurrentWork)?
    private var workers = 0
    private var stopping = false

    init(spinNanoseconds: UInt64) {
        self.spinNanoseconds = spinNanoseconds
    }

    func start(_ work: any ConcurrentWork, workers: Int) {
        finished.store(0, ordering: .relaxed)
        condition.lock()
        job = work
        self.workers = workers
        generation.add(1, ordering: .releasing)
        condition.broadcast()
        condition.unlock()
    }

    func stop() {
        condition.lock()
        stopping = true
        generation.add(1, ordering: .releasing)
        condition.broadcast()
        condition.unlock()
    }

    /// Spins, then sleeps, until `count` workers finished the current job.
    func waitForWorkers(_ count: Int) {
        if spin(until: { self.finished.load(ordering: .acquiring) >= count }, limit: 50_000) { return }
        condition.lock()
        while finished.load(ordering: .acquiring) < count { condition.wait() }
        condition.unlock()
    }

    /// The loop of worker `worker` (1...): wait for a generation, run its job if it takes part, repeat.
    func serve(worker: Int) {
        var seen = 0
        while true {
            if !spin(until: { self.generation.load(ordering: .acquiring) != seen }, limit: spinNanoseconds) {
                condition.lock()
                while generation.load(ordering: .acquiring) == seen { condition.wait() }
                condition.unlock()
            }
            condition.lock()
            seen = generation.load(ordering: .acquiring)
            let work = job, taking = worker < workers, done = stopping
            condition.unlock()
            if done { return }
            guard taking, let work else { continue }
            work.work(worker)
            finished.add(1, ordering: .releasing)
            condition.lock()
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Spins until `ready()` or `limit` nanoseconds pass; true when ready. After the first 50 µs each
    /// turn yields the CPU, so on a busy machine other threads (this pool's too) run while it waits.
    private func spin(until ready: () -> Bool, limit: UInt64) -> Bool {
        let start = DispatchTime.now().uptimeNanoseconds
        while true {
            for _ in 0..<64 {
                if ready() { return true }
                fs_cpu_relax()
            }
            let waited = DispatchTime.now().uptimeNanoseconds - start
            if waited > limit { return ready() }
            if waited > 50_000 { sched_yield() }
        }
    }
}

/// Work split over workers by index: `work(w)` runs worker w's share. The one way the numerics run
/// work in parallel (`WorkerThreads.run`).
protocol ConcurrentWork: Sendable {
    func work(_ worker: Int)
}
