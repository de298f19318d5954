import Foundation

/// A function built into the expression language (XPPAUT's names).
enum BuiltinFunction: String, Hashable, Sendable, CaseIterable {
    case sin, cos, tan, asin, acos, atan, atan2, sinh, cosh, tanh, exp, log, log10, sqrt, abs, sign, heav
    case max, min, mod, floor, ceil

    /// Number of arguments.
    var arity: Int {
        switch self {
        case .atan2, .max, .min, .mod: 2
        default: 1
        }
    }

    /// The function's value; `b` is ignored by one-argument functions.
    @inline(__always)
    func apply(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .sin: Foundation.sin(a)
        case .cos: Foundation.cos(a)
        case .tan: Foundation.tan(a)
        case .asin: Foundation.asin(a)
        case .acos: Foundation.acos(a)
        case .atan: Foundation.atan(a)
        case .atan2: Foundation.atan2(a, b)
        case .sinh: Foundation.sinh(a)
        case .cosh: Foundation.cosh(a)
        case .tanh: Foundation.tanh(a)
        case .exp: Foundation.exp(a)
        case .log: Foundation.log(a)
        case .log10: Foundation.log10(a)
        case .sqrt: a.squareRoot()
        case .abs: Swift.abs(a)
        case .sign: a > 0 ? 1 : (a < 0 ? -1 : 0)
        case .heav: a >= 0 ? 1 : 0
        case .max: Swift.max(a, b)
        case .min: Swift.min(a, b)
        // XPPAUT's mod: the remainder with the sign of the divisor.
        case .mod: a - b * Foundation.floor(a / b)
        case .floor: Foundation.floor(a)
        case .ceil: Foundation.ceil(a)
        }
    }
}
