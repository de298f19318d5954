import Foundation

/// Builds the stale figures of a plan on several threads: each figure's commands in order, figures in parallel.
///
/// A figure starts once every figure it needs has finished; when one of those failed, it fails
/// too without running. Results are reported (serialised) as each figure finishes.
final class GalleryRunner: @unchecked Sendable {
    /// How one figure ended.
    enum Outcome: Sendable {
        case built(GalleryStamps.Stamp, seconds: Double)
        case failed(String)
    }

    private let builder: GalleryFigureBuilder
    private let report: @Sendable (GalleryFigure, Outcome) -> Void
    private let condition = NSCondition()
    private var pending: [GalleryFigure]
    private var keys: [String: String]
    private var outcomes: [String: Outcome] = [:]
    private let stale: Set<String>

    private init(plan: GalleryPlan, builder: GalleryFigureBuilder, report: @escaping @Sendable (GalleryFigure, Outcome) -> Void) {
        self.builder = builder
        self.report = report
        pending = plan.stale.map(\.figure)
        stale = Set(pending.map(\.name))
        keys = plan.keys
    }

    /// Builds every stale figure of `plan` with at most `jobs` at a time; returns each one's outcome.
    static func run(_ plan: GalleryPlan, builder: GalleryFigureBuilder, jobs: Int,
                    report: @escaping @Sendable (GalleryFigure, Outcome) -> Void) -> [String: Outcome] {
        let runner = GalleryRunner(plan: plan, builder: builder, report: report)
        let workers = max(1, min(jobs, runner.pending.count))
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                runner.work()
                group.leave()
            }
            thread.start()
        }
        group.wait()
        return runner.outcomes
    }

    private func work() {
        condition.lock()
        defer { condition.unlock() }
        while !pending.isEmpty {
            guard let index = pending.firstIndex(where: isReady) else {
                condition.wait()
                continue
            }
            let figure = pending.remove(at: index)
            if let failed = figure.needs.first(where: { if case .failed = outcomes[$0] { return true } else { return false } }) {
                finish(figure, .failed("needs \(failed), which failed"))
                continue
            }
            let needKeys = keys
            condition.unlock()
            let start = ProcessInfo.processInfo.systemUptime
            let result = builder.build(figure, needKeys: needKeys)
            let seconds = ProcessInfo.processInfo.systemUptime - start
            condition.lock()
            switch result {
            case .success(let stamp):
                keys[figure.name] = stamp.key
                finish(figure, .built(stamp, seconds: seconds))
            case .failure(let failure):
                finish(figure, .failed(failure.description))
            }
        }
    }

    /// Whether every figure `figure` needs that is being rebuilt has finished (called with the lock held).
    private func isReady(_ figure: GalleryFigure) -> Bool {
        figure.needs.allSatisfy { !stale.contains($0) || outcomes[$0] != nil }
    }

    private func finish(_ figure: GalleryFigure, _ outcome: Outcome) {
        outcomes[figure.name] = outcome
        report(figure, outcome)
        condition.broadcast()
    }
}
