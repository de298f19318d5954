/// One traced streamline in device points, ordered along the field.
public struct Streamline: Hashable, Sendable {
    public var points: [Point]
    /// |f| (data units) at each point.
    public var speeds: [Double]
    /// Whether the line returned to its seed (a closed orbit); then the last point equals the first.
    public var closed: Bool

    /// Length in points.
    public var length: Double {
        var l = 0.0
        for i in points.indices.dropFirst() {
            let dx = points[i].x - points[i - 1].x, dy = points[i].y - points[i - 1].y
            l += (dx * dx + dy * dy).squareRoot()
        }
        return l
    }

    /// The point at half the length and the unit direction there.
    func midpoint() -> (Point, Double, Double)? {
        let half = length / 2
        var acc = 0.0
        for i in points.indices.dropFirst() {
            let a = points[i - 1], b = points[i]
            let l = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            if acc + l >= half, l > 0 {
                let t = (half - acc) / l
                return (Point(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)), (b.x - a.x) / l, (b.y - a.y) / l)
            }
            acc += l
        }
        return nil
    }
}

/// Evenly spaced streamlines of a vector field given as a closure, traced on the exact field when drawn.
///
/// Lines are computed for the axes' final plot rectangle and limits (device spacing), then cached
/// for that transform. `density` 1 puts lines about 1/28 of the plot's smaller side apart.
public final class Streamlines: Mark {
    public let field: (Double, Double) -> (Double, Double)
    public var density: Double
    /// Explicit spacing in points (overrides `density`).
    public var separation: Double?
    public var style: LineStyle
    /// Colours lines by speed |f| when set.
    public var speedScale: ColorScale?
    /// Length of the arrow head at mid-line in points (0 for none).
    public var arrowSize: Double
    /// Data points traced first (other seeds fill the rest).
    public var seeds: [(Double, Double)]
    /// Lines shorter than this many separations are dropped.
    public var minLength: Double
    public var seed: UInt64
    public var label: String?
    private var cache: (DataTransform, [Streamline])?

    public init(field: @escaping (Double, Double) -> (Double, Double), density: Double = 1,
                style: LineStyle = LineStyle(color: Color(hex: 0xb8b8b8), width: 0.75), speedScale: ColorScale? = nil,
                arrowSize: Double = 5, seeds: [(Double, Double)] = [], minLength: Double = 1.5, seed: UInt64 = 1,
                label: String? = nil) {
        self.field = field; self.density = density; self.style = style; self.speedScale = speedScale
        self.arrowSize = arrowSize; self.seeds = seeds; self.minLength = minLength; self.seed = seed; self.label = label
    }

    public var bounds: DataBounds? { nil }
    public var colorScale: ColorScale? { speedScale }
    public var legendEntry: LegendEntry? { label.map { LegendEntry(label: $0, line: style) } }

    /// The spacing in points used for `transform`.
    public func resolvedSeparation(in transform: DataTransform) -> Double {
        separation ?? min(transform.plot.width, transform.plot.height) / (28 * max(0.05, density))
    }

    /// The traced lines for `transform` (computed once per transform).
    public func lines(in transform: DataTransform) -> [Streamline] {
        if let (t, l) = cache, t == transform { return l }
        let tracer = StreamlineTracer(field: field, transform: transform, separation: resolvedSeparation(in: transform),
                                      minLength: minLength, seedPoints: seeds.map { transform.point($0.0, $0.1) }, seed: seed)
        let l = tracer.trace()
        cache = (transform, l)
        return l
    }

    /// How far (points) a stroked line may move when its polyline is simplified before drawing.
    static let simplifyTolerance = 0.05

    /// Draws each line, then its arrow head.
    ///
    /// Plain lines are simplified first (no point moves more than `simplifyTolerance`): the integrator's
    /// short steps leave many nearly collinear points, and Cairo's stroking time grows with the vertex
    /// count (about half the vertices and a third less stroking time on a Van der Pol portrait). One path
    /// for all lines was tried and was slower: Cairo rasterises the whole plot area at once.
    public func draw(on backend: DrawingBackend, in transform: DataTransform) {
        for line in lines(in: transform) {
            if let s = speedScale {
                PolylineTools.strokeColored(line.points, values: line.speeds, scale: s, width: style.width, on: backend)
            } else {
                let pts = PolylineTools.simplified(line.points, tolerance: Self.simplifyTolerance)
                backend.stroke(.polyline(line.closed ? Array(pts.dropLast()) : pts, closed: line.closed), style: style.stroke)
            }
            guard let head = arrowHead(of: line) else { continue }
            backend.fill(head, color: speedScale.map { $0.color(line.speeds[line.speeds.count / 2]) } ?? style.color)
        }
    }

    /// The arrow head at mid-line, pointing along the field; nil without arrows or for a degenerate line.
    func arrowHead(of line: Streamline) -> Path? {
        guard arrowSize > 0, let (p, ux, uy) = line.midpoint() else { return nil }
        let tip = Point(p.x + ux * arrowSize / 2, p.y + uy * arrowSize / 2)
        return ArrowShape.head(tip: tip, direction: ux, uy, length: arrowSize, width: arrowSize * 0.8)
    }
}
