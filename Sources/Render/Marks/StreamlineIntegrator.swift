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

    /// The field at one point: the unit-device-speed direction (data units per point) and the field itself.
    struct Slope {
        var dx: Double
        var dy: Double
        /// The field's components (data units), before normalising.
        var u: Double
        var v: Double
        /// |f| in data units.
        var speed: Double { (u * u + v * v).squareRoot() }
    }

    /// The field at (x, y); nil at a zero or non-finite field.
    func slope(_ x: Double, _ y: Double) -> Slope? {
        let (u, v) = field(x, y)
        let d = transform.deviceVector(u, v, at: x, y)
        let l = (d.dx * d.dx + d.dy * d.dy).squareRoot()
        guard l > 1e-300, l.isFinite else { return nil }
        return Slope(dx: direction * u / l, dy: direction * v / l, u: u, v: v)
    }

    enum Outcome {
        /// The new state, the device length of the step taken, the step to try next, and the field at the new state.
        case step(x: Double, y: Double, taken: Double, next: Double, slope: Slope)
        /// The field vanished or the step size underflowed: a fixed point or a stall.
        case stalled
    }

    /// One accepted step from (x, y), where the field is `k1`, starting with step `h` (points); retries with smaller steps as needed.
    ///
    /// The field at the new state (the method's last stage, first-same-as-last) is returned for the next step.
    func advance(_ x: Double, _ y: Double, h h0: Double, slope k1: Slope) -> Outcome {
        var h = min(h0, maxStep)
        while h >= minStep {
            guard let k2 = slope(x + 0.5 * h * k1.dx, y + 0.5 * h * k1.dy),
                  let k3 = slope(x + 0.75 * h * k2.dx, y + 0.75 * h * k2.dy) else { return .stalled }
            let x3 = x + h * (2.0 / 9 * k1.dx + 1.0 / 3 * k2.dx + 4.0 / 9 * k3.dx)
            let y3 = y + h * (2.0 / 9 * k1.dy + 1.0 / 3 * k2.dy + 4.0 / 9 * k3.dy)
            guard let k4 = slope(x3, y3) else { return .stalled }
            let ex = h * (2.0 / 9 - 7.0 / 24) * k1.dx + h * (1.0 / 3 - 0.25) * k2.dx + h * (4.0 / 9 - 1.0 / 3) * k3.dx - h * 0.125 * k4.dx
            let ey = h * (2.0 / 9 - 7.0 / 24) * k1.dy + h * (1.0 / 3 - 0.25) * k2.dy + h * (4.0 / 9 - 1.0 / 3) * k3.dy - h * 0.125 * k4.dy
            let e = transform.deviceVector(ex, ey, at: x, y)
            let err = (e.dx * e.dx + e.dy * e.dy).squareRoot()
            let factor = err > 0 ? min(2, max(0.2, 0.9 * cbrt(tolerance / err))) : 2
            if err <= tolerance {
                return .step(x: x3, y: y3, taken: h, next: min(maxStep, h * factor), slope: k4)
            }
            h *= min(0.5, factor)
        }
        return .stalled
    }
}
