/// A number a figure's caption may quote, written once by the recipe that computed it.
///
/// The gallery fills `{{key}}` in a caption with `text`; `value` keeps the full precision in the
/// sidecar for anyone checking, and `meaning` says what exactly was measured (which window, which
/// average), so a caption can state it.
public struct KeyNumber: Hashable, Sendable {
    public var key: String
    public var text: String
    public var value: Double?
    public var meaning: String?

    /// A measured value in `NumberFormat.real` with `significant` figures.
    public init(_ key: String, _ value: Double, significant: Int = 3, meaning: String? = nil) {
        self.key = key; self.value = value; self.meaning = meaning
        text = NumberFormat.real(value, significant: significant)
    }

    /// A setting the figure was made with (a duration, an angle, a step): the fewest significant
    /// figures (at most 6) that write it exactly, so 20 stays "20" and 1e-8 is "1 × 10⁻⁸".
    public init(_ key: String, setting: Double, meaning: String? = nil) {
        self.key = key; self.value = setting; self.meaning = meaning
        let figures = (1...6).first { sig in
            Double(NumberFormat.plain(setting, significant: sig)).map { abs($0 - setting) <= 1e-12 * abs(setting) } ?? false
        } ?? 6
        text = NumberFormat.real(setting, significant: figures)
    }

    /// An exact count with digit groups.
    public init(_ key: String, count: Int, meaning: String? = nil) {
        self.key = key; self.value = Double(count); self.meaning = meaning
        text = NumberFormat.count(count)
    }

    /// A fraction written as a percentage.
    public init(_ key: String, percent fraction: Double, significant: Int = 2, meaning: String? = nil) {
        self.key = key; self.value = fraction; self.meaning = meaning
        text = NumberFormat.percent(fraction, significant: significant)
    }

    /// Text that is not a single number (a list, a method name).
    public init(_ key: String, text: String, meaning: String? = nil) {
        self.key = key; self.text = text; self.value = nil; self.meaning = meaning
    }
}
