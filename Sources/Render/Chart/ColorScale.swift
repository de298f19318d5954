import Foundation

/// Maps data values to colours through a colormap over [lower, upper]; shared by a mark and its colorbar.
public struct ColorScale: Sendable {
    public var lower: Double
    public var upper: Double
    /// Logarithmic mapping (both limits must be positive).
    public var logarithmic: Bool
    /// The colormap on 0…1.
    public var colormap: @Sendable (Double) -> Color

    public init(lower: Double, upper: Double, logarithmic: Bool = false, colormap: @escaping @Sendable (Double) -> Color) {
        self.lower = lower; self.upper = upper; self.logarithmic = logarithmic; self.colormap = colormap
    }

    /// A scale through one of the built-in colormaps.
    public init(lower: Double, upper: Double, logarithmic: Bool = false, map: Colormap) {
        self.init(lower: lower, upper: upper, logarithmic: logarithmic, colormap: { map.color(at: $0) })
    }

    /// Position of `v` in 0…1, clamped; NaN stays NaN.
    public func fraction(_ v: Double) -> Double {
        guard !v.isNaN else { return .nan }
        let a = logarithmic ? log10(lower) : lower, b = logarithmic ? log10(upper) : upper
        let x = logarithmic ? (v > 0 ? log10(v) : -Double.infinity) : v
        guard b != a else { return 0.5 }
        return min(1, max(0, (x - a) / (b - a)))
    }

    /// The colour of `v` (transparent for NaN).
    public func color(_ v: Double) -> Color {
        let t = fraction(v)
        return t.isNaN ? Color(r: 0, g: 0, b: 0, a: 0) : colormap(t)
    }

    /// The axis scale a colorbar uses for this colour scale.
    public var axisScale: AxisScale { AxisScale(kind: logarithmic ? .log : .linear, lower: lower, upper: upper) }

    /// A scale over the finite values of `values` (0…1 when there are none).
    public static func fitting<S: Sequence>(_ values: S, logarithmic: Bool = false,
                                             colormap: @escaping @Sendable (Double) -> Color) -> ColorScale where S.Element == Double {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite && (!logarithmic || v > 0) { lo = min(lo, v); hi = max(hi, v) }
        if lo > hi { (lo, hi) = (logarithmic ? 1 : 0, logarithmic ? 10 : 1) }
        return ColorScale(lower: lo, upper: hi, logarithmic: logarithmic, colormap: colormap)
    }

    /// A scale from 0 to the largest speed |f| of `field` on an n×n grid over the window.
    public static func speed(of field: (Double, Double) -> (Double, Double), x: ClosedRange<Double>, y: ClosedRange<Double>,
                             samples n: Int = 64, colormap: @escaping @Sendable (Double) -> Color) -> ColorScale {
        var top = 0.0
        let m = max(2, n)
        for j in 0..<m {
            for i in 0..<m {
                let px = x.lowerBound + (x.upperBound - x.lowerBound) * Double(i) / Double(m - 1)
                let py = y.lowerBound + (y.upperBound - y.lowerBound) * Double(j) / Double(m - 1)
                let (u, v) = field(px, py)
                let s = (u * u + v * v).squareRoot()
                if s.isFinite { top = max(top, s) }
            }
        }
        return ColorScale(lower: 0, upper: top > 0 ? top : 1, colormap: colormap)
    }
}
