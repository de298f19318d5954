/// Arrows of a vector field at sample points, drawn along the field in data space.
///
/// A data vector (u, v) at (x, y) becomes the device vector through the axes' transform, so
/// directions stay right when x and y have different scales. By default the longest arrow is
/// `lengthFraction` of one grid cell (the cell is known for `grid`, else √(plot area / arrows)),
/// so the arrow count sets the length. An arrow that would still leave the plot is shortened alone.
public struct Quiver: Mark {
    /// Which point of the arrow sits on the sample point.
    public enum Pivot: Hashable, Sendable { case tail, middle, tip }

    public var x: [Double]
    public var y: [Double]
    public var u: [Double]
    public var v: [Double]
    /// Grid spacing in data units when the points form a grid.
    public var cell: (dx: Double, dy: Double)?
    public var color: Color
    /// Colours each arrow by its magnitude when set.
    public var scale: ColorScale?
    /// Draws every arrow the same length (magnitude then shows only through colour).
    public var unitLength: Bool
    public var pivot: Pivot
    /// Device points per device-mapped data unit; nil chooses it from the cell size.
    public var lengthScale: Double?
    public var lengthFraction: Double
    /// Shaft width in points; the head is 3.6× as long and 3.2× as wide.
    public var width: Double
    /// A reference arrow of this magnitude drawn in the plot's top-right corner with `keyLabel`; nil for none.
    public var keyValue: Double?
    public var keyLabel: String?
    /// Text size of the key's label in points.
    public var keySize = 8.5
    public var label: String?

    public init(x: [Double], y: [Double], u: [Double], v: [Double], color: Color = Color(hex: 0x444444),
                scale: ColorScale? = nil, unitLength: Bool = false, pivot: Pivot = .middle, width: Double = 1.1,
                lengthFraction: Double = 0.9, label: String? = nil) {
        precondition(x.count == y.count && x.count == u.count && x.count == v.count, "x, y, u, v must have the same length")
        self.x = x; self.y = y; self.u = u; self.v = v; self.color = color; self.scale = scale
        self.unitLength = unitLength; self.pivot = pivot; self.width = width; self.lengthFraction = lengthFraction
        self.label = label
    }

    /// Arrows at the centres of an nx×ny grid of cells covering the window (so middle-pivot arrows never cross the edge).
    public static func grid(x: ClosedRange<Double>, y: ClosedRange<Double>, nx: Int, ny: Int,
                            field: (Double, Double) -> (Double, Double), color: Color = Color(hex: 0x444444),
                            scale: ColorScale? = nil, unitLength: Bool = false, pivot: Pivot = .middle) -> Quiver {
        let dx = (x.upperBound - x.lowerBound) / Double(nx), dy = (y.upperBound - y.lowerBound) / Double(ny)
        var px: [Double] = [], py: [Double] = [], pu: [Double] = [], pv: [Double] = []
        for j in 0..<ny {
            for i in 0..<nx {
                let cx = x.lowerBound + (Double(i) + 0.5) * dx, cy = y.lowerBound + (Double(j) + 0.5) * dy
                let (a, b) = field(cx, cy)
                px.append(cx); py.append(cy); pu.append(a); pv.append(b)
            }
        }
        var q = Quiver(x: px, y: py, u: pu, v: pv, color: color, scale: scale, unitLength: unitLength, pivot: pivot)
        q.cell = (dx, dy)
        return q
    }

    public var bounds: DataBounds? { DataBounds.enclosing(x: x, y: y) }
    public var colorScale: ColorScale? { scale }
    public var legendEntry: LegendEntry? {
        label.map { LegendEntry(label: $0, line: LineStyle(color: color, width: width)) }
    }

    /// One laid-out arrow in device points.
    public struct PlacedArrow: Hashable, Sendable {
        public var tail: Point
        public var tip: Point
        public var magnitude: Double
    }

    var headLength: Double { 3.6 * width }
    var headWidth: Double { 3.2 * width }

    /// The device length of one grid cell (the smaller of its two sides).
    func cellLength(_ t: DataTransform) -> Double {
        if let c = cell {
            let ppu = t.pointsPerUnit(at: x.first ?? 0, y.first ?? 0)
            return min(abs(c.dx * ppu.x), abs(c.dy * ppu.y))
        }
        return (t.plot.width * t.plot.height / Double(max(1, x.count))).squareRoot()
    }

    /// Device points per unit of device-mapped vector: the chosen length scale.
    public func resolvedScale(in t: DataTransform) -> Double {
        if let s = lengthScale { return s }
        var longest = 0.0
        for i in x.indices {
            let d = t.deviceVector(u[i], v[i], at: x[i], y[i])
            let l = (d.dx * d.dx + d.dy * d.dy).squareRoot()
            if l.isFinite { longest = max(longest, l) }
        }
        return longest > 0 ? lengthFraction * cellLength(t) / longest : 1
    }

    /// Every arrow's tail and tip in device points, inside the plot (inset by half a head width).
    public func arrows(in t: DataTransform) -> [PlacedArrow] {
        let k = resolvedScale(in: t)
        let unit = lengthFraction * cellLength(t)
        let box = t.plot.inset(by: headWidth / 2)
        var out: [PlacedArrow] = []
        out.reserveCapacity(x.count)
        for i in x.indices {
            let p = t.point(x[i], y[i])
            guard p.isFinite, box.contains(p) else { continue }
            let d = t.deviceVector(u[i], v[i], at: x[i], y[i])
            let dl = (d.dx * d.dx + d.dy * d.dy).squareRoot()
            guard dl > 0, dl.isFinite else { continue }
            let f = unitLength ? unit / dl : k
            var vx = d.dx * f, vy = d.dy * f
            let (a, b): (Double, Double)
            switch pivot {
            case .tail: (a, b) = (0, 1)
            case .middle: (a, b) = (-0.5, 0.5)
            case .tip: (a, b) = (-1, 0)
            }
            let shrink = min(Quiver.fit(p, vx, vy, a, box), Quiver.fit(p, vx, vy, b, box))
            vx *= shrink; vy *= shrink
            out.append(PlacedArrow(tail: Point(p.x + a * vx, p.y + a * vy), tip: Point(p.x + b * vx, p.y + b * vy),
                                   magnitude: (u[i] * u[i] + v[i] * v[i]).squareRoot()))
        }
        return out
    }

    /// The largest factor in [0, 1] keeping p + s·c·(vx, vy) inside `box`.
    static func fit(_ p: Point, _ vx: Double, _ vy: Double, _ c: Double, _ box: Rect) -> Double {
        var s = 1.0
        let ex = c * vx, ey = c * vy
        if ex > 0 { s = min(s, (box.maxX - p.x) / ex) } else if ex < 0 { s = min(s, (box.minX - p.x) / ex) }
        if ey > 0 { s = min(s, (box.maxY - p.y) / ey) } else if ey < 0 { s = min(s, (box.minY - p.y) / ey) }
        return max(0, s)
    }

    public func draw(on backend: DrawingBackend, in transform: DataTransform) {
        for a in arrows(in: transform) {
            let path = ArrowShape.arrow(from: a.tail, to: a.tip, width: width, headLength: headLength, headWidth: headWidth)
            backend.fill(path, color: scale?.color(a.magnitude) ?? color)
        }
        if let kv = keyValue, !unitLength { drawKey(kv, on: backend, in: transform) }
    }

    private func drawKey(_ value: Double, on b: DrawingBackend, in t: DataTransform) {
        let ppu = t.pointsPerUnit(at: x.first ?? 0, y.first ?? 0)
        let len = resolvedScale(in: t) * value * abs(ppu.x)
        let text = keyLabel ?? DecimalText.short(value)
        let size = keySize
        let m = Label(text).measure(on: b, size: size)
        let boxW = max(len, m.width) + 10, boxH = m.ascent + m.descent + headWidth + 12
        let box = Rect(x: t.plot.maxX - boxW - 6, y: t.plot.minY + 6, width: boxW, height: boxH)
        b.fill(.rect(box), color: Color.white.withAlpha(0.85))
        let y0 = box.minY + 4 + headWidth / 2
        let tail = Point(box.center.x - len / 2, y0), tip = Point(box.center.x + len / 2, y0)
        b.fill(ArrowShape.arrow(from: tail, to: tip, width: width, headLength: headLength, headWidth: headWidth), color: scale == nil ? color : Color(hex: 0x333333))
        Label(text).draw(on: b, at: Point(box.center.x, box.maxY - 4), size: size, color: Color(hex: 0x222222), anchor: .bottomCenter)
    }
}
