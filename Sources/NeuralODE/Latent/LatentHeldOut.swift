/// Held-out sequences with the noise-free truth to score a latent model on: reconstruction over the
/// observed window and extrapolation after it, each as a mean squared error over points and components.
public struct LatentHeldOut: Sendable, Equatable {
    /// One held-out sequence and its truth.
    public struct Case: Sendable, Equatable {
        /// The noisy observations the encoder sees.
        public var sequence: TrajectoryDataset.Trajectory
        /// Truth at the observed times (count × observation size).
        public var reconstructionTruth: [Double]
        /// Times after the window and the truth there.
        public var extrapolationTimes: [Double]
        public var extrapolationTruth: [Double]

        public init(sequence: TrajectoryDataset.Trajectory, reconstructionTruth: [Double],
                    extrapolationTimes: [Double], extrapolationTruth: [Double]) {
            self.sequence = sequence
            self.reconstructionTruth = reconstructionTruth
            self.extrapolationTimes = extrapolationTimes
            self.extrapolationTruth = extrapolationTruth
        }
    }

    public var cases: [Case]

    public init(cases: [Case]) { self.cases = cases }

    /// The held-out set of spirals: truth at each observed time, and over the `extrapolationPoints`
    /// grid points after the window's last one (fewer for a window near the grid's end).
    public init(task: SpiralTask, spirals: [SpiralTask.Spiral], extrapolationPoints: Int) {
        cases = spirals.map { spiral in
            func truth(_ times: [Double]) -> [Double] {
                times.flatMap { tau in
                    let p = task.truePosition(clockwise: spiral.clockwise, startTime: spiral.startTime, tau: tau)
                    return [p.x, p.y]
                }
            }
            // Extrapolate only over the grid (beyond it the clockwise radius 50b/θ blows up as θ → 0).
            let startIndex = Int((spiral.startTime / task.gridStep).rounded())
            let room = task.totalPoints - startIndex - task.samplePoints
            let end = Double(task.samplePoints - 1) * task.gridStep
            let future = (0..<max(0, min(extrapolationPoints, room))).map { end + Double($0 + 1) * task.gridStep }
            return Case(sequence: spiral.sequence, reconstructionTruth: truth(spiral.sequence.times),
                        extrapolationTimes: future, extrapolationTruth: truth(future))
        }
    }

    /// Mean squared errors of `predictor`'s decoded means against the truth, over every case.
    public func meanSquaredErrors(_ predictor: LatentPredictor) throws(LatentPredictionError) -> (reconstruction: Double, extrapolation: Double) {
        var reconstruction = 0.0, extrapolation = 0.0, nr = 0, ne = 0
        for item in cases {
            let times = item.sequence.times + item.extrapolationTimes
            let prediction = try predictor.predict(item.sequence, times: times)
            let split = item.reconstructionTruth.count
            for i in 0..<split {
                let r = prediction.observations[i] - item.reconstructionTruth[i]
                reconstruction += r * r
            }
            for i in 0..<item.extrapolationTruth.count {
                let r = prediction.observations[split + i] - item.extrapolationTruth[i]
                extrapolation += r * r
            }
            nr += split
            ne += item.extrapolationTruth.count
        }
        return (reconstruction / Double(max(nr, 1)), extrapolation / Double(max(ne, 1)))
    }

    /// The held-out set as CSV for another program to score a model on: `trajectory,t`, the observed
    /// components (empty on the extrapolation rows after each window), then the noise-free truth
    /// (`NAME_true`). Times are relative to each sequence's first observation.
    public func csvText(componentNames: [String]) -> String {
        let d = componentNames.count
        var lines = [(["trajectory", "t"] + componentNames + componentNames.map { $0 + "_true" }).joined(separator: ",")]
        for item in cases {
            let sequence = item.sequence
            for (k, t) in sequence.times.enumerated() {
                let observed = (0..<d).map { "\(sequence.values[k * d + $0])" }
                let truth = (0..<d).map { "\(item.reconstructionTruth[k * d + $0])" }
                lines.append(([sequence.label, "\(t)"] + observed + truth).joined(separator: ","))
            }
            for (k, t) in item.extrapolationTimes.enumerated() {
                let truth = (0..<d).map { "\(item.extrapolationTruth[k * d + $0])" }
                lines.append(([sequence.label, "\(t)"] + [String](repeating: "", count: d) + truth).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
