/// How a batch of trajectories is cut into chunks for the training threads: fixed by the batch alone.
///
/// The cut depends only on the number of trajectories B, never on the number of threads or the
/// machine's load: one chunk for a single trajectory, otherwise ⌈B/32⌉ chunks but at least two, of
/// sizes differing by at most one (larger first). Each chunk is solved and differentiated on its
/// own (fixed steps: the same discrete map as the whole batch; adaptive methods: each chunk takes
/// its own steps, as a vmapped diffrax solve does per trajectory), and the chunks' losses and
/// gradients are summed in chunk order, so a training's model file is byte-identical for any
/// number of threads.
public enum TrajectoryPartition {
    /// Most trajectories per chunk beyond the first two chunks.
    public static let chunkRows = 32

    /// The chunks of `count` trajectories as index ranges, in order.
    public static func chunks(of count: Int) -> [Range<Int>] {
        guard count >= 2 else { return [0..<max(count, 0)] }
        let k = max(2, (count + chunkRows - 1) / chunkRows)
        let base = count / k, extra = count % k
        var ranges: [Range<Int>] = []
        var start = 0
        for c in 0..<k {
            let size = base + (c < extra ? 1 : 0)
            ranges.append(start..<(start + size))
            start += size
        }
        return ranges
    }

    /// `batch` cut into its chunks (the batch itself when it is one chunk).
    public static func split(_ batch: ObservationBatch) -> [ObservationBatch] {
        let ranges = chunks(of: batch.trajectoryCount)
        if ranges.count == 1 { return [batch] }
        return ranges.map { batch.trajectories($0) }
    }
}

extension TrajectoryPartition {
    /// The most trajectories one chunk of a batch of up to `count` trajectories holds.
    public static func largestChunk(upTo count: Int) -> Int {
        (1...max(count, 1)).reduce(1) { max($0, chunks(of: $1)[0].count) }
    }
}
