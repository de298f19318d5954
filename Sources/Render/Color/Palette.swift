/// Qualitative colour palettes for distinguishing series.
public enum Palette {
    /// The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), distinguishable with
    /// the common colour-vision deficiencies, in its published order: black, orange, sky blue,
    /// bluish green, yellow, blue, vermillion, reddish purple.
    public static let okabeIto: [Color] = [black, orange, skyBlue, bluishGreen, yellow, blue, vermillion, reddishPurple]

    /// Okabe–Ito reordered for series on a white background: strong colours first, yellow
    /// (low contrast on white) and black (kept for reference lines) last.
    public static let seriesCycle: [Color] = [blue, vermillion, bluishGreen, reddishPurple, orange, skyBlue, yellow, black]

    public static let black = Color(hex: 0x000000)
    public static let orange = Color(hex: 0xE69F00)
    public static let skyBlue = Color(hex: 0x56B4E9)
    public static let bluishGreen = Color(hex: 0x009E73)
    public static let yellow = Color(hex: 0xF0E442)
    public static let blue = Color(hex: 0x0072B2)
    public static let vermillion = Color(hex: 0xD55E00)
    public static let reddishPurple = Color(hex: 0xCC79A7)
}
