import Foundation

/// The spiral task of torchdiffeq's latent ODE example (Chen et al. 2018, section 5), generated
/// from a seed: Archimedean spirals in the plane, clockwise and counter-clockwise, each observed
/// over a window of `samplePoints` consecutive points of a `totalPoints` grid on [0, `stop`]
/// starting at a random index in [samplePoints, totalPoints − samplePoints), with Gaussian noise.
///
/// Counter-clockwise: θ = t, r = a + b·θ, centre (5, 0). Clockwise: θ = stop + 1 − t,
/// r = a + 50·b/θ, centre (−5, 0). Times of a sequence are relative to its window's start (as
/// torchdiffeq's `samp_ts`). With `keepRange`, each spiral keeps a random subset of its window's
/// points, of a size drawn uniformly from the range (the first point always kept): irregular sampling.
public struct SpiralTask: Sendable, Equatable {
    public var count = 1000
    public var totalPoints = 1000
    public var samplePoints = 100
    public var stop = 6 * Double.pi
    public var noise = 0.3
    public var a = 0.0
    public var b = 0.3
    /// Points kept per spiral (nil keeps the whole window).
    public var keepRange: ClosedRange<Int>?
    public var seed: UInt64

    public init(count: Int = 1000, keepRange: ClosedRange<Int>? = nil, seed: UInt64) {
        self.count = count
        self.keepRange = keepRange
        self.seed = seed
    }

    /// One generated spiral: its direction, where its window starts, and its noisy observations.
    public struct Spiral: Sendable, Equatable {
        public var clockwise: Bool
        /// Grid time of the window's first point (relative time 0).
        public var startTime: Double
        /// Observations at times relative to `startTime`.
        public var sequence: TrajectoryDataset.Trajectory
    }

    /// Spacing of the time grid.
    public var gridStep: Double { stop / Double(totalPoints - 1) }

    /// The noise-free position of a spiral at relative time `tau` (any real: extrapolation included).
    public func truePosition(clockwise: Bool, startTime: Double, tau: Double) -> (x: Double, y: Double) {
        let t = startTime + tau
        if clockwise {
            let theta = stop + 1 - t, r = a + b * 50 / theta
            return (r * cos(theta) - 5, r * sin(theta))
        }
        let r = a + b * t
        return (r * cos(t) + 5, r * sin(t))
    }

    /// The spirals, drawn from `seed`.
    public func generate() -> [Spiral] {
        var generator = SeededGenerator(seed: seed)
        let span = UInt64(totalPoints - 2 * samplePoints)
        return (0..<count).map { s in
            let start = Int(generator.nextBelow(span)) + samplePoints
            let clockwise = generator.nextUniform() <= 0.5
            let startTime = Double(start) * gridStep
            var indices = Array(0..<samplePoints)
            if let keepRange {
                let keep = min(samplePoints, keepRange.lowerBound + Int(generator.nextBelow(UInt64(keepRange.count))))
                let rest = generator.permutation(samplePoints - 1).prefix(keep - 1).map { $0 + 1 }
                indices = ([0] + rest).sorted()
            }
            var times: [Double] = [], values: [Double] = []
            for k in indices {
                let tau = Double(k) * gridStep
                let p = truePosition(clockwise: clockwise, startTime: startTime, tau: tau)
                times.append(tau)
                values += [p.x + noise * generator.nextGaussian(), p.y + noise * generator.nextGaussian()]
            }
            let label = (clockwise ? "cw-" : "ccw-") + "\(s)"
            return Spiral(clockwise: clockwise, startTime: startTime,
                          sequence: TrajectoryDataset.Trajectory(label: label, times: times, values: values))
        }
    }
}
