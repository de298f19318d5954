/// Runs several gradient methods on one batch and compares each with finite differences.
///
/// Differences are over the concatenation [∂L/∂θ, ∂L/∂y0]: `normRelative` = ‖g − g_fd‖ / ‖g_fd‖,
/// `maxComponentRelative` = maxᵢ |gᵢ − g_fdᵢ| / max(|g_fdᵢ|, 1e-8·‖g_fd‖∞) (the floor keeps entries
/// that are zero up to rounding from dominating).
public struct GradientCheck: Sendable {
    /// One method's agreement with finite differences.
    public struct Comparison: Sendable {
        /// The compared method.
        public let method: GradientMethod
        /// ‖g − g_fd‖ / ‖g_fd‖ (Euclidean).
        public let normRelative: Double
        /// Largest per-entry relative difference (see the type's documentation).
        public let maxComponentRelative: Double
        /// Index of that entry in [θ, y0].
        public let worstIndex: Int
    }

    /// Each method's result, in the order asked.
    public let results: [GradientResult]
    /// Seconds each method took, in the order of `results`.
    public let seconds: [Double]
    /// Each non-finite-difference method against finite differences (empty when those were not run
    /// or failed).
    public let comparisons: [Comparison]

    /// Runs `methods` (finite differences always run when any comparison is wanted) on `engine`.
    public static func run<F: ParametricField>(_ engine: GradientEngine<F>, batch: ObservationBatch,
                                               settings: GradientSettings,
                                               methods: [GradientMethod] = GradientMethod.allCases)
        throws(GradientConfigurationError) -> GradientCheck {
        var results: [GradientResult] = [], seconds: [Double] = []
        let clock = ContinuousClock()
        for method in methods {
            var result: GradientResult?
            var failure: GradientConfigurationError?
            let elapsed = clock.measure {
                do throws(GradientConfigurationError) {
                    result = try engine.gradient(batch, method: method, settings: settings)
                } catch { failure = error }
            }
            if let failure { throw failure }
            guard let result else { preconditionFailure("either a result or a failure") }
            results.append(result)
            seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        var comparisons: [Comparison] = []
        if let reference = results.first(where: { $0.method == .finiteDifference && $0.succeeded }) {
            let fd = reference.parameterGradient + reference.initialStateGradient
            for result in results where result.method != .finiteDifference && result.succeeded {
                comparisons.append(compare(result.method, result.parameterGradient + result.initialStateGradient, fd))
            }
        }
        return GradientCheck(results: results, seconds: seconds, comparisons: comparisons)
    }

    /// The comparison of `gradient` with the reference `fd` (same layout).
    public static func compare(_ method: GradientMethod, _ gradient: [Double], _ fd: [Double]) -> Comparison {
        var difference = 0.0, reference = 0.0, largest = 0.0
        for (g, r) in zip(gradient, fd) {
            difference += (g - r) * (g - r)
            reference += r * r
            largest = max(largest, abs(r))
        }
        let floor = max(1e-8 * largest, .leastNormalMagnitude)
        var worst = 0.0, worstIndex = 0
        for (i, (g, r)) in zip(gradient, fd).enumerated() {
            let relative = abs(g - r) / max(abs(r), floor)
            if relative > worst {
                worst = relative
                worstIndex = i
            }
        }
        let norm = reference > 0 ? (difference / reference).squareRoot() : difference.squareRoot()
        return Comparison(method: method, normRelative: norm, maxComponentRelative: worst, worstIndex: worstIndex)
    }

    /// The comparison for `method`, if it was run and compared.
    public func comparison(for method: GradientMethod) -> Comparison? {
        comparisons.first { $0.method == method }
    }
}
