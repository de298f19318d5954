import Foundation

/// How data values map to positions along an axis.
public enum ScaleKind: Hashable, Sendable {
    case linear
    /// Base-10 logarithmic; only positive values are drawn.
    case log
}

/// One axis's mapping from data values to the unit interval, 0 at `lower` and 1 at `upper`.
///
/// `lower > upper` gives a reversed axis.
public struct AxisScale: Hashable, Sendable {
    public var kind: ScaleKind
    public var lower: Double
    public var upper: Double

    public init(kind: ScaleKind = .linear, lower: Double, upper: Double) {
        self.kind = kind; self.lower = lower; self.upper = upper
    }

    /// The value in scale space (itself, or its base-10 logarithm; NaN when not positive on a log scale).
    @inline(__always)
    public func warp(_ v: Double) -> Double {
        switch kind {
        case .linear: return v
        case .log: return v > 0 ? log10(v) : .nan
        }
    }

    /// The inverse of `warp`.
    @inline(__always)
    public func unwarp(_ s: Double) -> Double {
        switch kind {
        case .linear: return s
        case .log: return pow(10, s)
        }
    }

    /// Position of `v` on the axis: 0 at `lower`, 1 at `upper`.
    @inline(__always)
    public func normalized(_ v: Double) -> Double {
        let a = warp(lower), b = warp(upper)
        return (warp(v) - a) / (b - a)
    }

    /// The data value at normalised position `t`.
    public func value(atNormalized t: Double) -> Double {
        let a = warp(lower), b = warp(upper)
        return unwarp(a + t * (b - a))
    }

    /// d(normalized)/d(value) at `v`.
    @inline(__always)
    public func derivative(at v: Double) -> Double {
        let a = warp(lower), b = warp(upper)
        switch kind {
        case .linear: return 1 / (b - a)
        case .log: return 1 / ((b - a) * v * M_LN10)
        }
    }

    /// Span of the axis in scale space (data units, or decades), always positive.
    public var span: Double { abs(warp(upper) - warp(lower)) }

    /// Whether `v` lies within the axis limits (inclusive, either orientation).
    public func contains(_ v: Double) -> Bool {
        v >= min(lower, upper) && v <= max(lower, upper)
    }
}
