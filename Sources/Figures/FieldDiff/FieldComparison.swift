import Foundation
import NeuralODE

/// A learned vector field against the true one on a grid: per-point errors and summary metrics.
///
/// The grid has `resolution` points per axis at the centres of equal cells covering the window
/// (so a heatmap of the values lines up with its cells), first axis fastest. Fields are evaluated
/// at t = 0.
public struct FieldComparison: Sendable {
    /// One range per state component (1 or 2; grids of more dimensions are not drawn).
    public let window: [ClosedRange<Double>]
    public let resolution: Int
    /// Grid points, `dimension` coordinates each, flat.
    public let points: [Double]
    /// f_true and f_learned at the points, flat like `points`.
    public let truth: [Double]
    public let learned: [Double]
    /// |f_learned − f_true|, |f_true| and |f_learned| per point.
    public let errorMagnitude: [Double]
    public let trueNorms: [Double]
    public let learnedNorms: [Double]
    /// Angle between f_learned and f_true in degrees per point; NaN where excluded (see `FieldMetrics`).
    public let angle: [Double]
    public let metrics: FieldMetrics

    public var dimension: Int { window.count }
    public var count: Int { errorMagnitude.count }

    /// A zero vector is one of length at most this fraction of the largest |f_true| on the grid.
    public static let zeroFraction = 1e-12

    /// Evaluates both fields on the grid. `truth` and `learned` take states of `window.count` components.
    public init<T: VectorField, L: VectorField>(truth trueField: T, learned learnedField: L, window: [ClosedRange<Double>],
                                                resolution: Int) {
        precondition(window.count == trueField.stateSize && window.count == learnedField.stateSize, "fields must match the window")
        precondition(resolution >= 1 && (1...2).contains(window.count), "at least one point per axis, 1 or 2 axes")
        let d = window.count, n = resolution
        let total = d == 1 ? n : n * n
        var points = [Double](), t = [Double](), l = [Double]()
        points.reserveCapacity(total * d); t.reserveCapacity(total * d); l.reserveCapacity(total * d)
        var y = [Double](repeating: 0, count: d), ft = y, fl = y
        for index in 0..<total {
            var rest = index
            for c in 0..<d {
                let i = rest % n
                rest /= n
                let r = window[c]
                y[c] = r.lowerBound + (Double(i) + 0.5) * (r.upperBound - r.lowerBound) / Double(n)
            }
            y.withUnsafeBufferPointer { yb in
                guard let yp = yb.baseAddress else { return }
                ft.withUnsafeMutableBufferPointer { if let p = $0.baseAddress { trueField.evaluate(t: 0, y: yp, dy: p) } }
                fl.withUnsafeMutableBufferPointer { if let p = $0.baseAddress { learnedField.evaluate(t: 0, y: yp, dy: p) } }
            }
            points += y; t += ft; l += fl
        }
        self.init(window: window, resolution: n, points: points, truth: t, learned: l)
    }

    /// Errors and metrics from already evaluated fields (flat, `window.count` components per point).
    public init(window: [ClosedRange<Double>], resolution: Int, points: [Double], truth: [Double], learned: [Double]) {
        let d = window.count, count = truth.count / max(d, 1)
        var error = [Double](repeating: 0, count: count), angle = [Double](repeating: .nan, count: count)
        var trueNorms = [Double](repeating: 0, count: count), learnedNorms = trueNorms
        for k in 0..<count {
            var e2 = 0.0, t2 = 0.0, l2 = 0.0
            for c in 0..<d {
                let a = truth[k * d + c], b = learned[k * d + c]
                e2 += (b - a) * (b - a); t2 += a * a; l2 += b * b
            }
            error[k] = e2.squareRoot(); trueNorms[k] = t2.squareRoot(); learnedNorms[k] = l2.squareRoot()
        }
        let zero = Self.zeroFraction * (trueNorms.max() ?? 0)
        for k in 0..<count where trueNorms[k] > zero && learnedNorms[k] > zero {
            // atan2(|a ∧ b|, a · b): accurate for small angles too, where acos of the cosine is not.
            var dot = 0.0, wedge = 0.0
            for c in 0..<d {
                let a = truth[k * d + c], b = learned[k * d + c]
                dot += a * b
                for e in (c + 1)..<max(c + 1, d) {
                    let w = a * learned[k * d + e] - truth[k * d + e] * b
                    wedge += w * w
                }
            }
            angle[k] = atan2(wedge.squareRoot(), dot) * 180 / Double.pi
        }
        self.window = window; self.resolution = resolution; self.points = points; self.truth = truth; self.learned = learned
        errorMagnitude = error; self.angle = angle; self.trueNorms = trueNorms; self.learnedNorms = learnedNorms
        metrics = FieldMetrics(points: points, dimension: d, error: error, trueNorms: trueNorms, angle: angle)
    }

    /// Values of a per-point array as heatmap rows (`rows[j][i]`, y index j), for a planar grid.
    public func rows(_ values: [Double]) -> [[Double]] {
        (0..<resolution).map { j in Array(values[(j * resolution)..<((j + 1) * resolution)]) }
    }

    /// Component `c` of a flat per-point vector array.
    public func component(_ values: [Double], _ c: Int) -> [Double] {
        stride(from: c, to: values.count, by: dimension).map { values[$0] }
    }
}
