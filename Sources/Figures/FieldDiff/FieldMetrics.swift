import Foundation

/// How far a learned vector field is from the true one over a grid.
///
/// Angular error is the angle between f_learned and f_true (0°–180°) at every point where neither
/// vector is zero (length at most `FieldComparison.zeroFraction` times the largest |f_true|): there
/// the direction is undefined. Such points count in every other metric.
public struct FieldMetrics: Sendable, Equatable {
    /// Grid points compared.
    public var count: Int
    /// √(mean over points of |f_learned − f_true|²).
    public var rmse: Double
    /// The largest |f_learned − f_true| and the first point where it occurs.
    public var maxError: Double
    public var maxErrorAt: [Double]
    /// Mean angle and its 95th percentile (linear interpolation between order statistics, numpy's
    /// default) in degrees; nil when every point is excluded.
    public var meanAngle: Double?
    public var angle95: Double?
    /// Points left out of the angular error.
    public var angleExcluded: Int
    /// ‖f_learned − f_true‖ / ‖f_true‖ with ‖·‖ the Euclidean norm over all points and components;
    /// infinite when the true field is zero everywhere and the learned one is not.
    public var relativeError: Double

    init(points: [Double], dimension d: Int, error: [Double], trueNorms: [Double], angle: [Double]) {
        count = error.count
        var e2 = 0.0, t2 = 0.0, worst = -1.0, at = 0
        for k in error.indices {
            e2 += error[k] * error[k]; t2 += trueNorms[k] * trueNorms[k]
            if error[k] > worst { worst = error[k]; at = k }
        }
        rmse = count > 0 ? (e2 / Double(count)).squareRoot() : 0
        maxError = max(worst, 0)
        maxErrorAt = count > 0 ? Array(points[(at * d)..<((at + 1) * d)]) : []
        let angles = angle.filter { !$0.isNaN }.sorted()
        angleExcluded = count - angles.count
        meanAngle = angles.isEmpty ? nil : angles.reduce(0, +) / Double(angles.count)
        angle95 = Self.percentile(angles, 0.95)
        relativeError = t2 > 0 ? (e2 / t2).squareRoot() : (e2 > 0 ? .infinity : 0)
    }

    /// The `p` quantile of sorted values by linear interpolation at position p·(n − 1).
    static func percentile(_ sorted: [Double], _ p: Double) -> Double? {
        guard let first = sorted.first else { return nil }
        guard sorted.count > 1 else { return first }
        let position = p * Double(sorted.count - 1)
        let i = Int(position.rounded(.down)), f = position - Double(i)
        return i + 1 < sorted.count ? sorted[i] + f * (sorted[i + 1] - sorted[i]) : sorted[i]
    }
}
