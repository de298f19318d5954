extension ForwardSolver {
    /// The loss of the last run's predictions against `batch.targets`.
    func lossValue(_ batch: ObservationBatch, kind: LossKind) -> Double {
        let n = field.stateSize, big = batch.stateDimension, d = batch.observedDimension
        let trajectories = batch.trajectoryCount
        var sum = 0.0
        batch.targets.withUnsafeBufferPointer { targets in
            for j in 0..<batch.timeCount {
                for b in 0..<trajectories {
                    let row = predictions + j * n + b * big
                    let target = (j * trajectories + b) * d
                    for i in 0..<d {
                        let r = row[i] - targets[target + i]
                        sum += r * r
                    }
                }
            }
        }
        return kind.scale(count: batch.targetCount) * sum
    }

    /// Writes ∂L/∂y at every observation time into `cotangent` (T × n, zero on unobserved components).
    func writeLossCotangent(_ batch: ObservationBatch, kind: LossKind, into cotangent: UnsafeMutablePointer<Double>) {
        let n = field.stateSize, big = batch.stateDimension, d = batch.observedDimension
        let trajectories = batch.trajectoryCount
        let factor = 2 * kind.scale(count: batch.targetCount)
        batch.targets.withUnsafeBufferPointer { targets in
            for j in 0..<batch.timeCount {
                for b in 0..<trajectories {
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
