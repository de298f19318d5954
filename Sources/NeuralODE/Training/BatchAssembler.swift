/// Turns training samples (stretches of observed trajectories) into `ObservationBatch`es the gradient engine takes.
///
/// Each sample is solved from its first row (the observed state there is its initial state).
/// Samples whose observation times agree (to 1e-9 of the span) after shifting them to start at
/// zero go into one batch, solved together as one batched state. The shift is exact for an
/// autonomous network (and changes nothing for data that start at t = 0: whole trajectories on a
/// common grid are one batch with their own times, the setting of the Python tools); a network with
/// time input keeps absolute times, so its samples are grouped only when they start together.
public struct BatchAssembler: Sendable {
    /// The observed trajectories.
    public let dataset: TrajectoryDataset
    /// Components of the ODE state (observed plus augmented).
    public let stateDimension: Int
    /// Whether samples must keep their absolute times (the network reads t).
    public let absoluteTime: Bool

    /// An assembler for a network with `stateDimension` ≥ the data's dimension (extra components start at zero).
    public init(dataset: TrajectoryDataset, stateDimension: Int, absoluteTime: Bool) {
        precondition(stateDimension >= dataset.dimension, "the ODE state must include every observed component")
        self.dataset = dataset
        self.stateDimension = stateDimension
        self.absoluteTime = absoluteTime
    }

    /// Every trajectory whole, in order.
    public var wholeSamples: [SampleWindow] {
        dataset.trajectories.indices.map { SampleWindow(trajectory: $0, first: 0, last: dataset.trajectories[$0].count - 1) }
    }

    /// The batches for `samples`, in order of their first sample; the sizes of all batches' targets sum
    /// to Σ count·d over the samples.
    public func batches(for samples: [SampleWindow]) -> [ObservationBatch] {
        var groups: [[SampleWindow]] = []
        for sample in samples {
            if let g = groups.firstIndex(where: { compatible($0[0], sample) }) {
                groups[g].append(sample)
            } else {
                groups.append([sample])
            }
        }
        return groups.map(batch(of:))
    }

    private func compatible(_ a: SampleWindow, _ b: SampleWindow) -> Bool {
        guard a.count == b.count else { return false }
        let ta = dataset.trajectories[a.trajectory].times, tb = dataset.trajectories[b.trajectory].times
        let slack = 1e-9 * max(abs(ta[a.last] - ta[a.first]), 1)
        if absoluteTime {
            guard abs(ta[a.first] - tb[b.first]) <= slack else { return false }
        }
        for j in 0..<a.count where abs((ta[a.first + j] - ta[a.first]) - (tb[b.first + j] - tb[b.first])) > slack {
            return false
        }
        return true
    }

    private func batch(of group: [SampleWindow]) -> ObservationBatch {
        let lead = group[0]
        let leadTimes = dataset.trajectories[lead.trajectory].times
        let origin = absoluteTime ? 0 : leadTimes[lead.first]
        let times = (lead.first...lead.last).map { leadTimes[$0] - origin }
        let d = dataset.dimension, D = stateDimension, B = group.count
        var initial = [Double](repeating: 0, count: B * D)
        var targets = [Double](repeating: 0, count: times.count * B * d)
        for (b, sample) in group.enumerated() {
            let values = dataset.trajectories[sample.trajectory].values
            for i in 0..<d { initial[b * D + i] = values[sample.first * d + i] }
            for j in 0..<sample.count {
                for i in 0..<d { targets[(j * B + b) * d + i] = values[(sample.first + j) * d + i] }
            }
        }
        do {
            return try ObservationBatch(t0: times[0], times: times, initialStates: initial, targets: targets,
                                        trajectoryCount: B, stateDimension: D, observedDimension: d)
        } catch {
            // The dataset was validated (finite values, strictly increasing times), so this cannot happen.
            preconditionFailure("inconsistent training batch: \(error)")
        }
    }
}
