/// Which states a solve returns.
public enum SaveAt: Sendable, Equatable {
    /// N evenly spaced times from t0 to t1 inclusive, 2 ≤ N ≤ `maximumPoints`.
    case points(Int)
    /// The given times, each between t0 and t1 and ordered in the direction of integration.
    case times([Double])
    /// t0 and the end of every accepted step.
    case steps
    /// t1 only.
    case final

    /// The most evenly spaced output times one solve returns (callers check their memory budget first).
    public static let maximumPoints = Int(Int32.max)

    /// The requested times for a solve from t0 to t1 (nil for `.steps`), or a one-line reason they are invalid.
    func resolvedTimes(t0: Double, t1: Double) -> Result<[Double]?, ODEConfigurationError> {
        switch self {
        case .points(let n):
            guard n >= 2 else { return .failure(.invalid("the number of output points must be at least 2, got \(n)")) }
            guard n <= Self.maximumPoints else {
                return .failure(.invalid("the number of output points must be at most \(Self.maximumPoints), got \(n)"))
            }
            let span = t1 - t0
            var times = (0..<n).map { t0 + span * Double($0) / Double(n - 1) }
            times[n - 1] = t1
            return .success(times)
        case .times(let times):
            let direction: Double = t1 >= t0 ? 1 : -1
            let low = min(t0, t1), high = max(t0, t1)
            for (i, t) in times.enumerated() {
                guard t.isFinite, t >= low, t <= high else {
                    return .failure(.invalid("output time \(t) lies outside [\(low), \(high)]"))
                }
                if i > 0, direction * (t - times[i - 1]) < 0 {
                    return .failure(.invalid("output times must be ordered from t0 towards t1 (\(times[i - 1]) then \(t))"))
                }
            }
            return .success(times)
        case .steps:
            return .success(nil)
        case .final:
            return .success([t1])
        }
    }
}
