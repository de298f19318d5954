import Foundation

/// A proportional-integral step-size controller; it owns the tolerances.
///
/// The error of a step is the RMS over all state entries of eᵢ / (atol + rtol·max(|yᵢ|, |y_newᵢ|));
/// a step is accepted when it is ≤ 1. The next step is h·clamp(safety · err⁻⁽ᵖ⁺ⁱ⁾ᐟᵏ · err_prev^(p/k),
/// minFactor, maxFactor) with p = `pcoeff`, i = `icoeff` and k = 1 + the lower order of the pair
/// (Gustafsson's PI controller with diffrax's naming; p = 0, i = 1 gives the plain I controller).
/// After a rejection the step only shrinks. The default atol is 1e-9 rather than 1e-8 so that states
/// of size 1e-3 (decays, scaled data) still get about six correct digits.
public struct PIController: Sendable, Equatable {
    /// Relative tolerance.
    public var rtol: Double
    /// Absolute tolerance.
    public var atol: Double
    /// Safety factor on the proposed step.
    public var safety: Double
    /// Smallest factor by which a step may shrink.
    public var minFactor: Double
    /// Largest factor by which a step may grow.
    public var maxFactor: Double
    /// Proportional coefficient.
    public var pcoeff: Double
    /// Integral coefficient.
    public var icoeff: Double
    /// First step magnitude; nil chooses it automatically (Hairer, Nørsett & Wanner, II.4).
    public var initialStep: Double?
    /// Smallest step magnitude allowed; below it (or below 10 ulp of t) the solve fails with underflow.
    public var minStep: Double
    /// Largest step magnitude allowed.
    public var maxStep: Double
    /// Largest number of attempted steps (accepted plus rejected).
    public var maxSteps: Int

    /// Makes a controller; defaults are rtol 1e-6, atol 1e-9, safety 0.9, factors in [0.2, 10], PI 0.4/0.3.
    public init(rtol: Double = 1e-6, atol: Double = 1e-9, safety: Double = 0.9,
                minFactor: Double = 0.2, maxFactor: Double = 10, pcoeff: Double = 0.4, icoeff: Double = 0.3,
                initialStep: Double? = nil, minStep: Double = 0, maxStep: Double = .infinity,
                maxSteps: Int = 1_000_000) {
        self.rtol = rtol
        self.atol = atol
        self.safety = safety
        self.minFactor = minFactor
        self.maxFactor = maxFactor
        self.pcoeff = pcoeff
        self.icoeff = icoeff
        self.initialStep = initialStep
        self.minStep = minStep
        self.maxStep = maxStep
        self.maxSteps = maxSteps
    }

    /// Scaled RMS norm of an error estimate `error` for the step y → yNew.
    func errorNorm(_ error: UnsafePointer<Double>, y: UnsafePointer<Double>, yNew: UnsafePointer<Double>,
                   count n: Int) -> Double {
        var sum = 0.0
        for i in 0..<n {
            let scale = atol + rtol * max(abs(y[i]), abs(yNew[i]))
            let r = error[i] / scale
            sum += r * r
        }
        return (sum / Double(n)).squareRoot()
    }

    /// Step factor after an accepted step with error `err` (≤ 1), the previous accepted error and order k.
    func acceptFactor(error err: Double, previous: Double, k: Double, afterRejection: Bool) -> Double {
        let e = max(err, 1e-10)
        var factor = safety * pow(e, -(pcoeff + icoeff) / k) * pow(previous, pcoeff / k)
        factor = min(maxFactor, max(minFactor, factor))
        return afterRejection ? min(1, factor) : factor
    }

    /// Step factor after a rejected step with error `err` (> 1 or not finite).
    func rejectFactor(error err: Double, k: Double) -> Double {
        guard err.isFinite else { return minFactor }
        return min(1, max(minFactor, safety * pow(err, -1 / k)))
    }

    /// Checks the settings, returning a one-line reason when one is invalid.
    func validationMessage() -> String? {
        if !(rtol >= 0) || !(atol >= 0) || rtol + atol == 0 { return "rtol and atol must be non-negative and not both zero" }
        if !(safety > 0 && safety <= 1) { return "safety factor must be in (0, 1]" }
        if !(minFactor > 0 && minFactor < 1) || !(maxFactor > 1) { return "need 0 < minFactor < 1 < maxFactor" }
        if let h = initialStep, !(h > 0 && h.isFinite) { return "initial step must be positive" }
        if !(minStep >= 0) || !(maxStep > 0) || minStep > maxStep { return "need 0 ≤ minStep ≤ maxStep, maxStep > 0" }
        if maxSteps < 1 { return "maxSteps must be at least 1" }
        return nil
    }
}
