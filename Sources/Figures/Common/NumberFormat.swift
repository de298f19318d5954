import Foundation

/// The one way numbers are written in captions and figure text: a fixed number of significant
/// figures (trailing zeros kept, so 0.300 stands next to 0.0275), digit groups of three separated
/// by a narrow no-break space from 10 000 up, a typographic minus, and powers of ten below 0.001
/// and from a million up.
public enum NumberFormat {
    /// The digit-group separator (U+202F narrow no-break space).
    public static let groupSeparator = "\u{202F}"

    /// How a power of ten is written: Unicode superscripts for prose, label notation for figures.
    public enum Style: Sendable { case prose, label }

    /// `v` with `significant` significant figures ("0.0275", "0.300", "1.02", "9.10 × 10⁻⁷").
    public static func real(_ v: Double, significant: Int = 3, style: Style = .prose) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v < 0 ? NumberText.minus + "∞" : "∞") }
        if v == 0 { return "0" }
        let sig = max(1, significant)
        var e = v.magnitude.exponentOfTen
        // Rounding to `sig` figures can carry into the next power (9.996 → 10.0).
        let rounded = (v.magnitude / pow(10, Double(e - sig + 1))).rounded()
        if rounded >= pow(10, Double(sig)) { e += 1 }
        let sign = v < 0 ? NumberText.minus : ""
        if e < -3 || e >= 6 {
            let mantissa = v.magnitude / pow(10, Double(e))
            let m = String(format: "%.\(sig - 1)f", mantissa)
            let power = style == .prose ? "10" + superscript(e) : "10^{" + (e < 0 ? NumberText.minus : "") + "\(abs(e))}"
            return sign + m + " × " + power
        }
        let decimals = max(0, sig - 1 - e)
        let fixed = String(format: "%.\(decimals)f", v.magnitude)
        return sign + grouped(fixed)
    }

    /// `v` rounded to `significant` figures in a form `Double(_:)` reads back ("2.5e-08").
    static func plain(_ v: Double, significant: Int) -> String { String(format: "%.\(max(1, significant))g", v) }

    /// An exact count with digit groups ("9839", "19 440", "1 691 309").
    public static func count(_ n: Int) -> String {
        (n < 0 ? NumberText.minus : "") + grouped(String(n.magnitude))
    }

    /// A percentage of `fraction` with `significant` figures ("84.0 %" is written "84.0%").
    public static func percent(_ fraction: Double, significant: Int = 3) -> String {
        real(100 * fraction, significant: significant) + "%"
    }

    /// Groups the integer part of a plain decimal string when it has five digits or more.
    static func grouped(_ s: String) -> String {
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let int = parts[0]
        guard int.count >= 5 else { return s }
        var out = ""
        for (i, c) in int.enumerated() {
            if i > 0 && (int.count - i) % 3 == 0 { out += groupSeparator }
            out.append(c)
        }
        return parts.count > 1 ? out + "." + parts[1] : out
    }

    static func superscript(_ e: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(String(abs(e)).compactMap { $0.wholeNumberValue.map { digits[$0] } })
        return (e < 0 ? "⁻" : "") + body
    }
}

extension Double {
    /// floor(log10(self)) for a positive finite value, exact at powers of ten.
    var exponentOfTen: Int {
        var e = Int(log10(self).rounded(.down))
        if pow(10, Double(e)) > self { e -= 1 }
        if pow(10, Double(e + 1)) <= self { e += 1 }
        return e
    }
}
