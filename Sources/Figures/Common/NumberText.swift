import Foundation

/// Numbers as figure text: shortest round-trip digits, no float noise, a typographic minus.
public enum NumberText {
    /// The typographic minus sign.
    public static let minus = "\u{2212}"

    /// `v` with at most `significant` significant digits and no trailing zeros ("0.1", "−3", "2.5", "6.663").
    public static func short(_ v: Double, significant: Int = 6) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v < 0 ? minus + "∞" : "∞") }
        if v == 0 { return "0" }
        var s = String(format: "%.\(max(1, significant))g", v)
        if s.contains("e") {
            // Scientific notation: drop trailing zeros of the mantissa, keep the exponent.
            let parts = s.split(separator: "e", maxSplits: 1).map(String.init)
            var mantissa = parts[0]
            if mantissa.contains(".") {
                while mantissa.hasSuffix("0") { mantissa.removeLast() }
                if mantissa.hasSuffix(".") { mantissa.removeLast() }
            }
            let exponent = Int(parts[1]) ?? 0
            s = mantissa + "×10^{\(exponent)}"
        } else if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s.replacingOccurrences(of: "-", with: minus)
    }

    /// A point as "(x, y)" with `short` coordinates.
    public static func point(_ values: [Double], significant: Int = 6) -> String {
        "(" + values.map { short($0, significant: significant) }.joined(separator: ", ") + ")"
    }
}
