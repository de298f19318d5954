/// A grid of values drawn as an image of sharp cells coloured through a colour scale.
///
/// `values[j][i]` is the cell in column i (x increasing) and row j (y increasing) of a grid
/// spanning `x` by `y` (cell edges, data units). NaN cells are transparent. Linear axes only.
public struct Heatmap: Mark {
    public var values: [[Double]]
    public var x: ClosedRange<Double>
    public var y: ClosedRange<Double>
    public var scale: ColorScale

    public init(values: [[Double]], x: ClosedRange<Double>, y: ClosedRange<Double>, scale: ColorScale) {
        precondition(!values.isEmpty && values.allSatisfy { $0.count == values[0].count }, "rows of equal length")
        self.values = values; self.x = x; self.y = y; self.scale = scale
    }

    /// A heatmap of `f` sampled at the centres of an nx×ny grid, with a scale fitted to the samples unless given.
    public init(sampling f: (Double, Double) -> Double, x: ClosedRange<Double>, y: ClosedRange<Double>, nx: Int, ny: Int,
                scale: ColorScale? = nil, colormap: @escaping @Sendable (Double) -> Color) {
        let dx = (x.upperBound - x.lowerBound) / Double(nx), dy = (y.upperBound - y.lowerBound) / Double(ny)
        let v = (0..<ny).map { j in (0..<nx).map { i in f(x.lowerBound + (Double(i) + 0.5) * dx, y.lowerBound + (Double(j) + 0.5) * dy) } }
        self.init(values: v, x: x, y: y, scale: scale ?? ColorScale.fitting(v.joined(), colormap: colormap))
    }

    public var bounds: DataBounds? {
        DataBounds(xMin: x.lowerBound, xMax: x.upperBound, yMin: y.lowerBound, yMax: y.upperBound, padded: false)
    }
    public var colorScale: ColorScale? { scale }

    /// RGBA pixels, top row (largest y) first.
    func pixels() -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(values.count * values[0].count * 4)
        for row in values.reversed() {
            for v in row {
                let c = scale.color(v)
                out += [c.r, c.g, c.b, c.a]
            }
        }
        return out
    }

    public func draw(on backend: DrawingBackend, in transform: DataTransform) {
        let a = transform.point(x.lowerBound, y.upperBound), b = transform.point(x.upperBound, y.lowerBound)
        let rect = Rect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y))
        var px = pixels()
        var w = values[0].count
        let h = values.count
        if a.x > b.x { px = Heatmap.flipColumns(px, width: w, height: h) }
        if a.y > b.y { px = Heatmap.flipRows(px, width: w, height: h) }
        w = values[0].count
        backend.drawImage(rgba: px, pixelWidth: w, pixelHeight: h, in: rect, smooth: false)
    }

    private static func flipColumns(_ p: [Double], width w: Int, height h: Int) -> [Double] {
        var out = p
        for j in 0..<h { for i in 0..<w { for c in 0..<4 { out[(j * w + i) * 4 + c] = p[(j * w + (w - 1 - i)) * 4 + c] } } }
        return out
    }

    private static func flipRows(_ p: [Double], width w: Int, height h: Int) -> [Double] {
        var out = p
        for j in 0..<h { for k in 0..<(w * 4) { out[j * w * 4 + k] = p[(h - 1 - j) * w * 4 + k] } }
        return out
    }
}
