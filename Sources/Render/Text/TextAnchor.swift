/// Which point of a label's box is placed at the drawing position.
public struct TextAnchor: Hashable, Sendable {
    public enum Horizontal: Hashable, Sendable { case left, center, right }
    /// `top` and `bottom` are the label's measured ascent and descent; `middle` is halfway between them.
    public enum Vertical: Hashable, Sendable { case baseline, top, middle, bottom }
    public var horizontal: Horizontal
    public var vertical: Vertical
    public init(_ horizontal: Horizontal, _ vertical: Vertical) {
        self.horizontal = horizontal; self.vertical = vertical
    }

    public static let baselineLeft = TextAnchor(.left, .baseline)
    public static let baselineCenter = TextAnchor(.center, .baseline)
    public static let baselineRight = TextAnchor(.right, .baseline)
    public static let topLeft = TextAnchor(.left, .top)
    public static let topCenter = TextAnchor(.center, .top)
    public static let topRight = TextAnchor(.right, .top)
    public static let middleLeft = TextAnchor(.left, .middle)
    public static let center = TextAnchor(.center, .middle)
    public static let middleRight = TextAnchor(.right, .middle)
    public static let bottomLeft = TextAnchor(.left, .bottom)
    public static let bottomCenter = TextAnchor(.center, .bottom)
    public static let bottomRight = TextAnchor(.right, .bottom)

    /// Offset from the anchor point to the baseline start, in the label's unrotated frame (y down).
    func baselineOffset(for m: TextMetrics) -> (dx: Double, dy: Double) {
        let dx: Double
        switch horizontal {
        case .left: dx = 0
        case .center: dx = -m.width / 2
        case .right: dx = -m.width
        }
        let dy: Double
        switch vertical {
        case .baseline: dy = 0
        case .top: dy = m.ascent
        case .middle: dy = (m.ascent - m.descent) / 2
        case .bottom: dy = -m.descent
        }
        return (dx, dy)
    }
}
