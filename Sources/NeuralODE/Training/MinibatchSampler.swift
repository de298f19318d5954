/// Splits each epoch's samples into seeded minibatches.
///
/// Each epoch: the samples of `TimeSampling` (one per trajectory, or ⌈span/h⌉ random windows per
/// trajectory), shuffled by a seeded permutation, then cut into minibatches of `batchSize` (the last
/// may be smaller). Without a batch size the epoch is one minibatch in trajectory order, which is
/// the plain full-batch setting. The same seed gives the same sequence of minibatches.
public struct MinibatchSampler: Sendable {
    /// Observation times of each trajectory.
    public let times: [[Double]]
    /// How samples cover the trajectories.
    public let sampling: TimeSampling
    /// Samples per minibatch, or nil for the whole epoch in one.
    public let batchSize: Int?
    private var generator: SeededGenerator

    /// A sampler over trajectories with the given observation times (each strictly increasing, ≥ 2).
    public init(times: [[Double]], sampling: TimeSampling, batchSize: Int?, seed: UInt64) {
        precondition(times.allSatisfy { $0.count >= 2 }, "every trajectory needs at least two times")
        precondition(batchSize.map { $0 >= 1 } ?? true, "batch size must be positive")
        self.times = times
        self.sampling = sampling
        self.batchSize = batchSize
        generator = SeededGenerator(seed: seed)
    }

    /// The minibatches of `epoch`; call once per epoch, in order (the random stream advances).
    public mutating func minibatches(epoch: Int) -> [[SampleWindow]] {
        var samples: [SampleWindow] = []
        switch sampling {
        case .whole:
            samples = times.indices.map { SampleWindow(trajectory: $0, first: 0, last: times[$0].count - 1) }
        case .prefix(let curriculum):
            let h = curriculum.horizon(epoch: epoch)
            samples = times.indices.map { k in
                SampleWindow(trajectory: k, first: 0, last: Self.lastRow(times[k], from: 0, horizon: h))
            }
        case .windows(let curriculum):
            let h = curriculum.horizon(epoch: epoch)
            for k in times.indices {
                samples.append(contentsOf: windows(times[k], trajectory: k, horizon: h))
            }
        }
        let shuffle: Bool
        switch sampling {
        case .windows: shuffle = true
        case .whole, .prefix: shuffle = batchSize.map { $0 < samples.count } ?? false
        }
        if shuffle {
            let order = generator.permutation(samples.count)
            samples = order.map { samples[$0] }
        }
        guard let size = batchSize, size < samples.count else { return [samples] }
        return stride(from: 0, to: samples.count, by: size).map { Array(samples[$0..<min($0 + size, samples.count)]) }
    }

    /// The last row within `horizon` of row `first` (at least `first + 1`).
    static func lastRow(_ t: [Double], from first: Int, horizon: Double) -> Int {
        let limit = t[first] + horizon + tolerance(t)
        var last = first + 1
        while last + 1 < t.count, t[last + 1] <= limit { last += 1 }
        return last
    }

    /// Slack for comparing times, so that grid times computed in floating point are not missed.
    static func tolerance(_ t: [Double]) -> Double {
        1e-9 * max(abs(t[t.count - 1] - t[0]), 1)
    }

    private mutating func windows(_ t: [Double], trajectory k: Int, horizon h: Double) -> [SampleWindow] {
        let span = t[t.count - 1] - t[0]
        let slack = Self.tolerance(t)
        if h >= span - slack {
            return [SampleWindow(trajectory: k, first: 0, last: t.count - 1)]
        }
        var lastStart = 0
        while lastStart + 1 < t.count, t[t.count - 1] - t[lastStart + 1] >= h - slack { lastStart += 1 }
        let count = Int((span / h - 1e-9).rounded(.up))
        return (0..<max(count, 1)).map { _ in
            let s = Int(generator.nextBelow(UInt64(lastStart + 1)))
            return SampleWindow(trajectory: k, first: s, last: Self.lastRow(t, from: s, horizon: h))
        }
    }
}
