/// Contour lines of a gridded function, levels chosen by the tick algorithm unless given.
public struct Contour: Mark {
    public var x: [Double]
    public var y: [Double]
    /// `z[j][i]` at (`x[i]`, `y[j]`).
    public var z: [[Double]]
    public var levels: [Double]
    public var style: LineStyle
    /// Colours each level through this scale when set.
    public var scale: ColorScale?
    public var label: String?

    /// Contours of `z`; `levels` nil picks about `count` 1-2-5 values strictly inside the data range.
    public init(x: [Double], y: [Double], z: [[Double]], levels: [Double]? = nil, count: Int = 7,
                style: LineStyle = LineStyle(color: Color(hex: 0x333333), width: 0.9), scale: ColorScale? = nil,
                label: String? = nil) {
        self.x = x; self.y = y; self.z = z; self.style = style; self.scale = scale; self.label = label
        if let l = levels {
            self.levels = l
        } else {
            let finite = z.joined().filter(\.isFinite)
            let lo = finite.min() ?? 0, hi = finite.max() ?? 0
            self.levels = lo < hi ? TickLocator.linear(lo, hi, target: count).values.filter { $0 > lo && $0 < hi } : []
        }
    }

    /// Contours of `f` sampled on an nx×ny node grid over the window.
    public init(sampling f: (Double, Double) -> Double, x: ClosedRange<Double>, y: ClosedRange<Double>, nx: Int = 80, ny: Int = 80,
                levels: [Double]? = nil, count: Int = 7,
                style: LineStyle = LineStyle(color: Color(hex: 0x333333), width: 0.9), scale: ColorScale? = nil, label: String? = nil) {
        let xs = (0..<nx).map { x.lowerBound + (x.upperBound - x.lowerBound) * Double($0) / Double(nx - 1) }
        let ys = (0..<ny).map { y.lowerBound + (y.upperBound - y.lowerBound) * Double($0) / Double(ny - 1) }
        self.init(x: xs, y: ys, z: ys.map { py in xs.map { px in f(px, py) } }, levels: levels, count: count,
                  style: style, scale: scale, label: label)
    }

    /// Every contour line, level by level.
    public var lines: [ContourLine] {
        levels.flatMap { MarchingSquares.lines(x: x, y: y, z: z, level: $0) }
    }

    public var bounds: DataBounds? {
        guard let x0 = x.first, let x1 = x.last, let y0 = y.first, let y1 = y.last else { return nil }
        return DataBounds(xMin: min(x0, x1), xMax: max(x0, x1), yMin: min(y0, y1), yMax: max(y0, y1), padded: false)
    }
    public var colorScale: ColorScale? { scale }
    public var legendEntry: LegendEntry? { label.map { LegendEntry(label: $0, line: style) } }

    public func draw(on backend: DrawingBackend, in transform: DataTransform) {
        for l in lines {
            var s = style
            if let sc = scale { s.color = sc.color(l.level) }
            var pts = zip(l.x, l.y).map { transform.point($0, $1) }
            if l.closed { pts.removeLast() }
            guard pts.count > 1 else { continue }
            backend.stroke(.polyline(pts, closed: l.closed), style: s.stroke)
        }
    }
}
