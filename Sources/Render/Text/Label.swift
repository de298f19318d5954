import Foundation

/// A text label written in a small TeX-like notation (`f_\theta`, `x^2`, `e^{-2t}`, `\dot{y}`), laid out from plain runs.
///
/// Text that is not valid notation (an unknown command, an unbalanced brace) is shown literally;
/// use `init(validating:)` to get the parse error instead.
public struct Label: Hashable, Sendable {
    /// The notation as written.
    public let notation: String
    /// The parsed notation.
    public let nodes: [NotationNode]

    public init(_ notation: String) {
        self.notation = notation
        self.nodes = (try? NotationParser.parse(notation)) ?? [.text(notation)]
    }

    /// A label whose notation must parse.
    public init(validating notation: String) throws(NotationError) {
        self.notation = notation
        self.nodes = try NotationParser.parse(notation)
    }

    /// The label as plain Unicode text (sub- and superscript markers dropped), for logs and alt text.
    public var plainText: String { NotationNode.plainText(nodes) }

    /// Extents of the whole label in points at font `size` (points).
    public func measure(on backend: DrawingBackend, size: Double, font: FontStyle = .regular) -> TextMetrics {
        LabelLayout(nodes: nodes, backend: backend, size: size, font: font).metrics
    }

    /// Draws the label so that `anchor` of its box lies at `point`, rotated by `angle` radians
    /// (counter-clockwise as seen) about `point`.
    public func draw(on backend: DrawingBackend, at point: Point, size: Double, color: Color,
                     angle: Double = 0, anchor: TextAnchor = .baselineLeft, font: FontStyle = .regular) {
        let layout = LabelLayout(nodes: nodes, backend: backend, size: size, font: font)
        let (dx, dy) = anchor.baselineOffset(for: layout.metrics)
        layout.draw(on: backend, origin: point, offset: (dx, dy), color: color, angle: angle)
    }
}
