import Foundation

/// Adaptive Bogacki–Shampine 3(2) stepping along a vector field's direction, parametrised by device arc length.
///
/// The state is in data coordinates; the field is normalised so one unit of the parameter is one
/// point on the page, whatever the axis scales. Errors are measured in device points.
struct StreamlineIntegrator {
    let field: (Double, Double) -> (Double, Double)
    let transform: DataTransform
    /// +1 along the field, −1 against it.
    let direction: Double
    /// Local error tolerance in points.
    let tolerance: Double
    let maxStep: Double
    let minStep: Double

    /// The unit-device-speed direction at (x, y) in data units per point; nil at a zero or non-finite field.
    func slope(_ x: Double, _ y: Double) -> (Double, Double)? {
        let (u, v) = field(x, y)
        let d = transform.deviceVector(u, v, at: x, y)
        let l = (d.dx * d.dx + d.dy * d.dy).squareRoot()
        guard l > 1e-300, l.isFinite else { return nil }
        return (direction * u / l, direction * v / l)
    }

    enum Outcome {
        /// The new state, the device length of the step taken, and the step to try next.
        case step(x: Double, y: Double, taken: Double, next: Double)
        /// The field vanished or the step size underflowed: a fixed point or a stall.
        case stalled
    }

    /// One accepted step from (x, y) starting with step `h` (points); retries with smaller steps as needed.
    func advance(_ x: Double, _ y: Double, h h0: Double) -> Outcome {
        var h = min(h0, maxStep)
        while h >= minStep {
            guard let k1 = slope(x, y),
                  let k2 = slope(x + 0.5 * h * k1.0, y + 0.5 * h * k1.1),
                  let k3 = slope(x + 0.75 * h * k2.0, y + 0.75 * h * k2.1) else { return .stalled }
            let x3 = x + h * (2.0 / 9 * k1.0 + 1.0 / 3 * k2.0 + 4.0 / 9 * k3.0)
            let y3 = y + h * (2.0 / 9 * k1.1 + 1.0 / 3 * k2.1 + 4.0 / 9 * k3.1)
            guard let k4 = slope(x3, y3) else { return .stalled }
            let ex = h * (2.0 / 9 - 7.0 / 24) * k1.0 + h * (1.0 / 3 - 0.25) * k2.0 + h * (4.0 / 9 - 1.0 / 3) * k3.0 - h * 0.125 * k4.0
            let ey = h * (2.0 / 9 - 7.0 / 24) * k1.1 + h * (1.0 / 3 - 0.25) * k2.1 + h * (4.0 / 9 - 1.0 / 3) * k3.1 - h * 0.125 * k4.1
            let e = transform.deviceVector(ex, ey, at: x, y)
            let err = (e.dx * e.dx + e.dy * e.dy).squareRoot()
            let factor = err > 0 ? min(2, max(0.2, 0.9 * cbrt(tolerance / err))) : 2
            if err <= tolerance {
                return .step(x: x3, y: y3, taken: h, next: min(maxStep, h * factor))
            }
            h *= min(0.5, factor)
        }
        return .stalled
    }
}
