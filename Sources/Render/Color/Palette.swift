/// Qualitative colour palettes for distinguishing series.
public enum Palette {
    /// The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), distinguishable with
    /// the common colour-vision deficiencies, in its published order: black, orange, sky blue,
    /// bluish green, yellow, blue, vermillion, reddish purple.
    public static let okabeIto: [Color] = [black, orange, skyBlue, bluishGreen, yellow, blue, vermillion, reddishPurple]

    /// Colours for series that have no `StyleRole` (the components of a state, runs of a sweep):
    /// slate, copper and periwinkle, colours no role uses, chosen far (in CIELAB, and for
    /// deuteranopes) from every role's colour, so a generic series is never read as a solver, a
    /// gradient method, a nullcline or a model. Three only: more series need dashes and markers
    /// as well (`Theme.seriesLine`) or a sequential ramp.
    public static let seriesCycle: [Color] = [slate, copper, periwinkle]

    /// The first colour of generic series: dark slate blue, darkest in grey.
    public static let slate = Color(hex: 0x444477)
    /// The second: copper, mid grey.
    public static let copper = Color(hex: 0xBB7755)
    /// The third: periwinkle, mid grey (told from copper by its dash).
    public static let periwinkle = Color(hex: 0x7788EE)

    public static let black = Color(hex: 0x000000)
    public static let orange = Color(hex: 0xE69F00)
    public static let skyBlue = Color(hex: 0x56B4E9)
    public static let bluishGreen = Color(hex: 0x009E73)
    public static let yellow = Color(hex: 0xF0E442)
    public static let blue = Color(hex: 0x0072B2)
    public static let vermillion = Color(hex: 0xD55E00)
    public static let reddishPurple = Color(hex: 0xCC79A7)
}
