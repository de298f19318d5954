/// Colours written as `#RRGGBB` or `#RRGGBBAA` text, as in theme files.
enum HexColor {
    /// The colour for `#RRGGBB` / `#RRGGBBAA` (the `#` optional, case-insensitive); nil when malformed.
    static func parse(_ text: String) -> Color? {
        let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard digits.count == 6 || digits.count == 8, let v = UInt32(digits, radix: 16) else { return nil }
        if digits.count == 6 { return Color(hex: v) }
        return Color(hex: v >> 8, alpha: Double(v & 0xFF) / 255)
    }

    /// `#rrggbb`, or `#rrggbbaa` when not opaque; components rounded to 8 bits.
    static func format(_ c: Color) -> String {
        func byte(_ v: Double) -> String {
            let s = String(Int((min(max(v, 0), 1) * 255).rounded()), radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + byte(c.r) + byte(c.g) + byte(c.b) + (c.a < 1 ? byte(c.a) : "")
    }
}
