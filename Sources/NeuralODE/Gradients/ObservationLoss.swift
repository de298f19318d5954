extension ForwardSolver {
    /// The loss of the last run's predictions against `batch.targets`, or of trajectories `rows` alone
    /// (the loss a batch of just those trajectories would have: the same sums in the same order).
    func lossValue(_ batch: ObservationBatch, kind: LossKind, rows: Range<Int>? = nil) -> Double {
        let n = field.stateSize, big = batch.stateDimension, d = batch.observedDimension
        let trajectories = batch.trajectoryCount, rows = rows ?? 0..<trajectories
        var sum = 0.0
        batch.targets.withUnsafeBufferPointer { targets in
            for j in 0..<batch.timeCount {
                for b in rows {
                    let row = predictions + j * n + b * big
                    let target = (j * trajectories + b) * d
                    for i in 0..<d {
                        let r = row[i] - targets[target + i]
                        sum += r * r
                    }
                }
            }
        }
        return kind.scale(count: batch.timeCount * rows.count * d) * sum
    }

    /// Writes ∂L/∂y at every observation time into `cotangent` (T × n, zero on unobserved components);
    /// with `groups`, each group of trajectories as the gradient of its own loss (`lossValue(rows:)`).
    func writeLossCotangent(_ batch: ObservationBatch, kind: LossKind, into cotangent: UnsafeMutablePointer<Double>,
                            groups: [Range<Int>] = []) {
        let n = field.stateSize, big = batch.stateDimension, d = batch.observedDimension
        let trajectories = batch.trajectoryCount
        var group = 0, groupEnd = groups.first?.upperBound ?? trajectories
        var factor = 2 * kind.scale(count: batch.timeCount * (groups.first?.count ?? trajectories) * d)
        batch.targets.withUnsafeBufferPointer { targets in
            for b in 0..<trajectories {
                if b == groupEnd {
                    group += 1
                    groupEnd = groups[group].upperBound
                    factor = 2 * kind.scale(count: batch.timeCount * groups[group].count * d)
                }
                for j in 0..<batch.timeCount {
                    let row = predictions + j * n + b * big
                    let out = cotangent + j * n + b * big
                    let target = (j * trajectories + b) * d
                    for i in 0..<big {
                        out[i] = i < d ? factor * (row[i] - targets[target + i]) : 0
                    }
                }
            }
        }
    }

    /// The predictions of the last run as an array (T × n).
    func predictionArray(_ batch: ObservationBatch) -> [Double] {
        Array(UnsafeBufferPointer(start: predictions, count: batch.timeCount * field.stateSize))
    }
}
