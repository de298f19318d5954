/// A dash pattern, scaled with the line width when stroked.
public enum Dash: Hashable, Sendable {
    case solid
    case dashed
    case dotted
    case dashDot
    /// Explicit on/off lengths in points (not scaled).
    case pattern([Double])
}

/// Colour, width and dash of a stroked series.
public struct LineStyle: Hashable, Sendable {
    public var color: Color
    /// Width in points.
    public var width: Double
    public var dash: Dash

    public init(color: Color, width: Double = 1.5, dash: Dash = .solid) {
        self.color = color; self.width = width; self.dash = dash
    }

    /// The backend stroke: round caps and joins; dots are zero-length dashes with round caps.
    public var stroke: StrokeStyle {
        let w = max(width, 0.8)
        switch dash {
        case .solid:
            return StrokeStyle(color: color, width: width, cap: .round, join: .round)
        case .dashed:
            return StrokeStyle(color: color, width: width, dash: [3.7 * w + 1, 2.2 * w + 1], cap: .butt, join: .round)
        case .dotted:
            return StrokeStyle(color: color, width: width, dash: [0, 2.2 * w + 0.6], cap: .round, join: .round)
        case .dashDot:
            return StrokeStyle(color: color, width: width, dash: [4.5 * w + 1, 1.8 * w + 1, 0.01, 1.8 * w + 1], cap: .round, join: .round)
        case .pattern(let p):
            return StrokeStyle(color: color, width: width, dash: p, cap: .butt, join: .round)
        }
    }
}

/// The shape of a point marker.
public enum MarkerShape: Hashable, Sendable {
    case circle, square, triangle, diamond
}

/// A point marker: shape, size (points across), fill and optional edge.
public struct MarkerStyle: Hashable, Sendable {
    public var shape: MarkerShape
    /// Width of the marker in points.
    public var size: Double
    public var fill: Color
    public var edge: Color?
    public var edgeWidth: Double
    /// When set, the left half of the marker is filled with this colour over `fill` (a half-filled marker).
    public var leftHalf: Color?

    public init(_ shape: MarkerShape = .circle, size: Double = 6, fill: Color, edge: Color? = .white, edgeWidth: Double = 0.8,
                leftHalf: Color? = nil) {
        self.shape = shape; self.size = size; self.fill = fill; self.edge = edge; self.edgeWidth = edgeWidth
        self.leftHalf = leftHalf
    }

    /// The marker outline centred at `p`.
    public func path(at p: Point) -> Path {
        let r = size / 2
        switch shape {
        case .circle:
            return .circle(center: p, radius: r)
        case .square:
            let s = r * 0.9
            return .rect(Rect(x: p.x - s, y: p.y - s, width: 2 * s, height: 2 * s))
        case .triangle:
            let s = r * 1.15
            return .polyline([Point(p.x, p.y - s), Point(p.x + s * 0.866, p.y + s * 0.5), Point(p.x - s * 0.866, p.y + s * 0.5)], closed: true)
        case .diamond:
            let s = r * 1.15
            return .polyline([Point(p.x, p.y - s), Point(p.x + s * 0.75, p.y), Point(p.x, p.y + s), Point(p.x - s * 0.75, p.y)], closed: true)
        }
    }

    /// Fills the marker at `p` and strokes its edge.
    public func draw(on b: DrawingBackend, at p: Point) {
        let path = path(at: p)
        b.fill(path, color: fill)
        if let half = leftHalf {
            b.save()
            b.clip(to: Rect(x: p.x - size, y: p.y - size, width: size, height: 2 * size))
            b.fill(path, color: half)
            b.restore()
        }
        if let e = edge, edgeWidth > 0 { b.stroke(path, style: StrokeStyle(color: e, width: edgeWidth, join: .round)) }
    }
}
