/// A Lyapunov spectrum with its running estimates and the quantities derived from it.
public struct LyapunovResult: Sendable, Equatable {
    /// The k exponents, largest first (the order QR produces them in), per unit time.
    public let exponents: [Double]
    /// Components of the state (d); k = d means the full spectrum.
    public let dimension: Int
    /// Elapsed averaging time of each running estimate.
    public let times: [Double]
    /// Running estimates, flat: record r holds `estimates[r*k ..< (r+1)*k]`.
    public let estimates: [Double]
    /// The time average of tr J over the averaging run; equals the exponents' sum when k = d.
    public let traceAverage: Double
    /// The base state at the end of the run.
    public let finalState: [Double]
    /// Evaluations of the augmented field (each one f and J).
    public let evaluations: Int

    /// Makes a result.
    public init(exponents: [Double], dimension: Int, times: [Double], estimates: [Double], traceAverage: Double,
                finalState: [Double], evaluations: Int) {
        self.exponents = exponents
        self.dimension = dimension
        self.times = times
        self.estimates = estimates
        self.traceAverage = traceAverage
        self.finalState = finalState
        self.evaluations = evaluations
    }

    /// The running estimate of exponent `i` (0-based) at every recorded time.
    public func runningEstimate(_ i: Int) -> [Double] {
        let k = exponents.count
        return stride(from: i, to: estimates.count, by: k).map { estimates[$0] }
    }

    /// The largest exponent λ₁.
    public var largest: Double { exponents[0] }

    /// 1/λ₁ when λ₁ > 0 (the e-folding time of small errors), else nil.
    public var lyapunovTime: Double? { largest > 0 ? 1 / largest : nil }

    /// Exponents within this fraction of the largest magnitude count as zero in `kaplanYorkeDimension`.
    ///
    /// A finite-time estimate of a zero exponent (the flow direction of a limit cycle or a chaotic
    /// attractor) comes out as a small number of either sign, its error shrinking like 1/t; −1e-4
    /// next to −1 must not turn a limit cycle (dimension 1) into a point (dimension 0).
    public static let zeroFraction = 1e-2

    /// The Kaplan–Yorke dimension j + (λ₁ + … + λⱼ)/|λⱼ₊₁|, j the largest index with a non-negative partial sum.
    ///
    /// Exponents within `zeroFraction` of the largest magnitude count as zero. 0 when λ₁ < 0 (a stable
    /// equilibrium); 1 for a limit cycle; d when the full spectrum's sum is non-negative; nil when only
    /// k < d exponents were computed and their partial sums never turn negative (the dimension is then
    /// at least k, not known).
    public var kaplanYorkeDimension: Double? {
        let scale = exponents.map(abs).max() ?? 0
        let sorted = exponents.map { abs($0) <= Self.zeroFraction * scale ? 0 : $0 }.sorted(by: >)
        guard let first = sorted.first, first >= 0 else { return 0 }
        var sum = 0.0
        for (j, lambda) in sorted.enumerated() {
            if sum + lambda < 0 { return Double(j) + sum / abs(lambda) }
            sum += lambda
        }
        return sorted.count == dimension ? Double(dimension) : nil
    }
}
