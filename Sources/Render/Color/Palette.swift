/// Qualitative colour palettes for distinguishing series.
public enum Palette {
    /// The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), distinguishable with
    /// the common colour-vision deficiencies, in its published order: black, orange, sky blue,
    /// bluish green, yellow, blue, vermillion, reddish purple.
    public static let okabeIto: [Color] = [black, orange, skyBlue, bluishGreen, yellow, blue, vermillion, reddishPurple]

    /// Colours for series that have no `StyleRole`: Okabe–Ito blue, orange and sky blue, then Paul
    /// Tol's muted wine, teal, olive and indigo. It leaves out the colours the model roles own
    /// (truth black, learned vermillion, held-out bluish green, limit-cycle reddish purple), so a
    /// generic series is never read as one of them.
    public static let seriesCycle: [Color] = [blue, orange, skyBlue, Color(hex: 0x882255), Color(hex: 0x44AA99),
                                              Color(hex: 0x999933), Color(hex: 0x332288)]

    public static let black = Color(hex: 0x000000)
    public static let orange = Color(hex: 0xE69F00)
    public static let skyBlue = Color(hex: 0x56B4E9)
    public static let bluishGreen = Color(hex: 0x009E73)
    public static let yellow = Color(hex: 0xF0E442)
    public static let blue = Color(hex: 0x0072B2)
    public static let vermillion = Color(hex: 0xD55E00)
    public static let reddishPurple = Color(hex: 0xCC79A7)
}
