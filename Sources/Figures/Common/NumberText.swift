import Foundation

/// Numbers as figure text: shortest round-trip digits, no float noise, a typographic minus.
public enum NumberText {
    /// The typographic minus sign.
    public static let minus = "\u{2212}"

    /// `v` with at most `significant` significant digits and no trailing zeros ("0.1", "−3", "2.5",
    /// "6.663"), written as `NumberFormat` writes numbers: powers of ten below 0.001 and from a
    /// million up, as "2.5 × 10^{−8}", and digit groups from 10 000.
    public static func short(_ v: Double, significant: Int = 6) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v < 0 ? minus + "∞" : "∞") }
        if v == 0 { return "0" }
        let sig = max(1, significant)
        var e = v.magnitude.exponentOfTen
        // Rounding to `sig` figures can carry into the next power (9.996 → 10).
        if (v.magnitude / pow(10, Double(e - sig + 1))).rounded() >= pow(10, Double(sig)) { e += 1 }
        let sign = v < 0 ? minus : ""
        if e < -3 || e >= 6 {
            let mantissa = trimmed(String(format: "%.\(sig - 1)f", v.magnitude / pow(10, Double(e))))
            return sign + mantissa + " × 10^{" + (e < 0 ? minus : "") + "\(abs(e))}"
        }
        return sign + NumberFormat.grouped(trimmed(String(format: "%.\(max(0, sig - 1 - e))f", v.magnitude)))
    }

    /// `v` for machine-read text (JSON, plain output): at most `significant` digits from `%g`, no
    /// trailing zeros, an ASCII minus, an exponent as "e-7".
    public static func ascii(_ v: Double, significant: Int = 6) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v < 0 ? "-inf" : "inf") }
        if v == 0 { return "0" }
        let s = String(format: "%.\(max(1, significant))g", v)
        guard let e = s.firstIndex(of: "e") else { return trimmed(s) }
        return trimmed(String(s[..<e])) + "e" + String(Int(s[s.index(after: e)...]) ?? 0)
    }

    /// A decimal string without trailing zeros after its point.
    static func trimmed(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }

    /// A point as "(x, y)" with `short` coordinates.
    public static func point(_ values: [Double], significant: Int = 6) -> String {
        "(" + values.map { short($0, significant: significant) }.joined(separator: ", ") + ")"
    }
}
