/// A backend that draws nothing and remembers every call, for tests of what was drawn.
///
/// Text is measured with a fixed advance of 0.6 em per character (ascent 0.76 em,
/// descent 0.24 em) so layouts are reproducible without a font file, or by another backend
/// (`measuringWith`) to record what that backend would draw.
public final class RecordingBackend: DrawingBackend {
    /// One recorded drawing call, with the clip rectangle in force when it was made (nil: the whole page).
    public enum Operation: Hashable, Sendable {
        case fill(Path, Color, clip: Rect?)
        case stroke(Path, StrokeStyle, clip: Rect?)
        case image(pixelWidth: Int, pixelHeight: Int, rect: Rect, clip: Rect?)
        case text(String, origin: Point, size: Double, font: FontStyle, color: Color, angle: Double, clip: Rect?)
    }

    public let pageSize: (width: Double, height: Double)
    /// Every call in drawing order.
    public private(set) var operations: [Operation] = []
    private var clipStack: [Rect?] = []
    private var currentClip: Rect?

    private let measurer: DrawingBackend?

    public init(width: Double, height: Double, measuringWith measurer: DrawingBackend? = nil) {
        pageSize = (width, height); self.measurer = measurer
    }

    public func save() { clipStack.append(currentClip) }
    public func restore() { currentClip = clipStack.popLast() ?? nil }
    public func clip(to rect: Rect) {
        guard let c = currentClip else { currentClip = rect; return }
        let x0 = max(c.minX, rect.minX), y0 = max(c.minY, rect.minY)
        let x1 = min(c.maxX, rect.maxX), y1 = min(c.maxY, rect.maxY)
        currentClip = Rect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
    }
    public func fill(_ path: Path, color: Color) { operations.append(.fill(path, color, clip: currentClip)) }
    public func stroke(_ path: Path, style: StrokeStyle) { operations.append(.stroke(path, style, clip: currentClip)) }
    public func drawImage(rgba: [Double], pixelWidth: Int, pixelHeight: Int, in rect: Rect, smooth: Bool) {
        operations.append(.image(pixelWidth: pixelWidth, pixelHeight: pixelHeight, rect: rect, clip: currentClip))
    }
    public func measure(_ text: String, size: Double, font: FontStyle) -> TextMetrics {
        if let m = measurer { return m.measure(text, size: size, font: font) }
        return TextMetrics(width: 0.6 * size * Double(text.count), ascent: 0.76 * size, descent: 0.24 * size)
    }
    public func text(_ text: String, at origin: Point, size: Double, font: FontStyle, color: Color, angle: Double) {
        operations.append(.text(text, origin: origin, size: size, font: font, color: color, angle: angle, clip: currentClip))
    }

    /// The strings of every text call, in order.
    public var texts: [String] {
        operations.compactMap { if case let .text(s, _, _, _, _, _, _) = $0 { return s } else { return nil } }
    }
}
