import Foundation
import Synchronization
internal import _NetworkKernels

/// Threads that share the products inside the wide layers of one `MLPField`, for a batch too small to
/// cut into chunks (one long trajectory).
///
/// Member 0 is the field's own thread: `run` posts a task, computes part 0 and spins until every other
/// member, looping in `serve`, computed its part. Each part computes whole outputs (columns of a
/// product, rows of a parameter cotangent) with the sums one thread would use, so the field's results
/// are the same bits for any number of members. Members wait by spinning (yielding the CPU after
/// 50 µs), because a handoff happens a few times per evaluation and must cost well under a microsecond.
/// On a busy machine a member can lose its CPU for a whole time slice; when member 0, done with its
/// part, twice finds a member that has not even begun its own and then waits more than its patience,
/// the team stops and the field computes alone from then on (the same bits), rather than paying a time
/// slice per handoff.
/// Only member 0 may call `run` and `stop`; members other than 0 must be in `serve` until `stop`. A
/// team serves once: make a new one for the next job.
final class LayerTeam: @unchecked Sendable {
    /// What the members compute next.
    enum Task {
        /// Layer `layer`'s forward product (and its tanh) for the batch recorded in the field.
        case forward(layer: Int)
        /// The input cotangent of layer `layer` in the field's current backward pass.
        case inputGradient(layer: Int)
        /// The parameter cotangents of the VJPs the field holds.
        case parameterCotangents
        case stop
    }

    /// Threads taking part, member 0 included (at least 2).
    let members: Int
    /// Tasks posted so far; member 0 writes `task` before bumping it.
    private let posted = Atomic<Int>(0)
    /// Parts begun and finished so far by members other than 0, over all tasks.
    private let begun = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    private var task = Task.stop
    /// Tasks member 0 ran.
    private(set) var runs = 0
    /// Waits longer than `patience` so far.
    private var strikes = 0
    /// False once `stop` ran: the field then computes alone.
    private(set) var isActive = true
    /// True when the team stopped early, after two waits for a late member.
    private(set) var gaveUp = false
    /// Longest wait for a late member that is not a strike, in nanoseconds (for the first task at least
    /// 2 ms: the other members may be waking up).
    let patience: UInt64

    /// A team of `members` threads (at least 2) that stops after two waits longer than `patience`
    /// nanoseconds for a late member (`UInt64.max`: never).
    init(members: Int, patience: UInt64 = 100_000) {
        precondition(members >= 2, "a layer team needs at least two members")
        self.members = members
        self.patience = patience
    }

    /// Runs `task` on every member, part 0 here on `field`, and returns when all parts are done.
    func run(_ task: Task, field: MLPField) {
        self.task = task
        runs += 1
        let target = runs * (members - 1)
        posted.add(1, ordering: .releasing)
        field.perform(task, part: 0, of: members)
        let late = begun.load(ordering: .relaxed) < target
        let waited = Self.spin { finished.load(ordering: .acquiring) >= target }
        if late && waited > (runs == 1 ? max(patience, 2_000_000) : patience) {
            strikes += 1
            if strikes == 2 {
                gaveUp = true
                stop()
            }
        }
    }

    /// Ends every member's `serve` (once; later calls do nothing).
    func stop() {
        guard isActive else { return }
        isActive = false
        task = .stop
        posted.add(1, ordering: .releasing)
    }

    /// The loop of member `member` (1...): waits for each task, computes its part on `field`, until `stop`.
    func serve(member: Int, field: MLPField) {
        var seen = 0
        while true {
            Self.spin { posted.load(ordering: .acquiring) != seen }
            seen = posted.load(ordering: .acquiring)
            let current = task
            if case .stop = current { return }
            begun.add(1, ordering: .relaxed)
            field.perform(current, part: member, of: members)
            finished.add(1, ordering: .releasing)
        }
    }

    /// Spins until `ready()`, with the CPU's pause hint; after the first 50 µs each turn yields the CPU,
    /// so on a busy machine the thread it waits for can run. Returns about how long it waited in
    /// nanoseconds (0 when ready within the first turn).
    @discardableResult
    private static func spin(until ready: () -> Bool) -> UInt64 {
        var start: UInt64 = 0
        while true {
            for _ in 0..<64 {
                if ready() { return start == 0 ? 0 : DispatchTime.now().uptimeNanoseconds - start }
                fs_cpu_relax()
            }
            let now = DispatchTime.now().uptimeNanoseconds
            if start == 0 {
                start = now
            } else if now - start > 50_000 {
                sched_yield()
            }
        }
    }
}
