/// An RGBA colour with components in 0…1 (not premultiplied).
public struct Color: Hashable, Sendable {
    public var r: Double
    public var g: Double
    public var b: Double
    public var a: Double
    public init(r: Double, g: Double, b: Double, a: Double = 1) { self.r = r; self.g = g; self.b = b; self.a = a }
    /// A colour from a 0xRRGGBB integer.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(r: Double((hex >> 16) & 0xff) / 255, g: Double((hex >> 8) & 0xff) / 255,
                  b: Double(hex & 0xff) / 255, a: alpha)
    }
    public func withAlpha(_ a: Double) -> Color { Color(r: r, g: g, b: b, a: a) }
    /// Relative luminance (Rec. 709 weights on the sRGB values), for judging contrast in grey.
    public var luminance: Double { 0.2126 * r + 0.7152 * g + 0.0722 * b }
    public static let black = Color(r: 0, g: 0, b: 0)
    public static let white = Color(r: 1, g: 1, b: 1)
}

/// How a line is stroked.
public struct StrokeStyle: Hashable, Sendable {
    public enum Cap: Hashable, Sendable { case butt, round, square }
    public enum Join: Hashable, Sendable { case miter, round, bevel }
    public var color: Color
    /// Width in points.
    public var width: Double
    /// Dash lengths in points; empty for a solid line.
    public var dash: [Double]
    public var cap: Cap
    public var join: Join
    public init(color: Color, width: Double = 1, dash: [Double] = [], cap: Cap = .butt, join: Join = .miter) {
        self.color = color; self.width = width; self.dash = dash; self.cap = cap; self.join = join
    }
}

/// Weight and slant of a font face.
public struct FontStyle: Hashable, Sendable {
    public var bold: Bool
    public var italic: Bool
    public var monospace: Bool
    public init(bold: Bool = false, italic: Bool = false, monospace: Bool = false) {
        self.bold = bold; self.italic = italic; self.monospace = monospace
    }
    public static let regular = FontStyle()
}

/// Measured extents of a run of text, in points.
public struct TextMetrics: Hashable, Sendable {
    /// Horizontal advance of the run.
    public var width: Double
    /// Height above the baseline (positive).
    public var ascent: Double
    /// Depth below the baseline (positive).
    public var descent: Double
    public init(width: Double, ascent: Double, descent: Double) {
        self.width = width; self.ascent = ascent; self.descent = descent
    }
}

/// The few primitives every output (Cairo surface, recorder) provides; everything else draws through them.
///
/// Coordinates are device points (1/72 in) with the origin at the top left. Rich labels
/// (sub/superscripts, Greek) are laid out above this layer from plain runs.
public protocol DrawingBackend: AnyObject {
    /// Width and height of the page in points.
    var pageSize: (width: Double, height: Double) { get }
    /// Pushes the graphics state (clip, transform).
    func save()
    /// Pops the graphics state pushed by the matching `save`.
    func restore()
    /// Intersects the clip with `rect` until the matching `restore`.
    func clip(to rect: Rect)
    /// Fills `path` with `color` (non-zero winding).
    func fill(_ path: Path, color: Color)
    /// Strokes `path`.
    func stroke(_ path: Path, style: StrokeStyle)
    /// Draws an RGBA image (row-major, `pixelWidth`×`pixelHeight`, 0…1 components, top row first) scaled into `rect`.
    /// `smooth` false keeps cells sharp (heatmaps), true interpolates.
    func drawImage(rgba: [Double], pixelWidth: Int, pixelHeight: Int, in rect: Rect, smooth: Bool)
    /// Measures a plain run of text at `size` points.
    func measure(_ text: String, size: Double, font: FontStyle) -> TextMetrics
    /// Draws a plain run with its baseline start at `origin`, rotated by `angle` radians (counter-clockwise as seen) about `origin`.
    func text(_ text: String, at origin: Point, size: Double, font: FontStyle, color: Color, angle: Double)
}
