import Foundation

/// Exact decimal text for numbers of the form n·10^e (integers n, e), so labels never show float noise.
enum DecimalText {
    /// The typographic minus sign used in every label.
    static let minus = "−"

    /// `n`·10^`e` written with `max(0, -e)` decimals ("−0.25", "1500", "0.0").
    static func format(_ n: Int64, exponent e: Int) -> String {
        let negative = n < 0
        var digits = String(n.magnitude)
        if e >= 0 {
            if n != 0 { digits += String(repeating: "0", count: e) }
        } else {
            let d = -e
            if digits.count <= d { digits = String(repeating: "0", count: d - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -d))
        }
        return negative ? minus + digits : digits
    }

    /// The double nearest to `n`·10^`e` (correctly rounded for |e| ≤ 22 and |n| < 2^53).
    static func value(_ n: Int64, exponent e: Int) -> Double {
        if e >= 0 { return Double(n) * power10(e) }
        return Double(n) / power10(-e)
    }

    /// 10^k for k ≥ 0, exact up to 10^22.
    static func power10(_ k: Int) -> Double {
        var r = 1.0
        for _ in 0..<k { r *= 10 }
        return r
    }

    /// A short label for an arbitrary value (annotations, keys): up to `significant` digits, trailing zeros removed.
    static func short(_ v: Double, significant: Int = 3) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v < 0 ? minus + "∞" : "∞") }
        if v == 0 { return "0" }
        let mag = v.exponent10
        let e = mag - (significant - 1)
        let n = Int64((e >= 0 ? v / power10(e) : v * power10(-e)).rounded())
        var s = format(n, exponent: e)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
}

extension Double {
    /// floor(log10(|self|)) as an integer, exact at powers of ten (where log10 may round either way).
    var exponent10: Int {
        let a = abs(self)
        var e = Int(log10(a).rounded(.down))
        if DecimalText.value(1, exponent: e) > a { e -= 1 }
        if DecimalText.value(1, exponent: e + 1) <= a { e += 1 }
        return e
    }
}
