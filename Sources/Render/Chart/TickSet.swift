/// A labelled tick at a data value.
public struct Tick: Hashable, Sendable {
    public var value: Double
    /// The label in `Label` notation (e.g. "0.25", "−3", "10^{-3}").
    public var label: String
    public init(value: Double, label: String) { self.value = value; self.label = label }
}

/// The ticks chosen for one axis.
public struct TickSet: Hashable, Sendable {
    /// Labelled ticks in increasing value order.
    public var major: [Tick]
    /// Unlabelled ticks (log axes: 2…9 × 10^k), in increasing order.
    public var minor: [Double]
    /// A shared factor for every label (e.g. "×10^{-4}"), drawn once at the axis end; nil when labels are plain.
    public var multiplier: String?

    public init(major: [Tick], minor: [Double] = [], multiplier: String? = nil) {
        self.major = major; self.minor = minor; self.multiplier = multiplier
    }

    public var values: [Double] { major.map(\.value) }
    public var labels: [String] { major.map(\.label) }
}
