import Render

/// A projected 3-D curve drawn far to near, nearer segments wider and darker (depth cueing).
///
/// Each point has screen coordinates, a depth (larger is nearer) and optionally a value coloured
/// through `scale`; without values every segment takes `color`. Segments are grouped by depth and
/// colour into a few dozen bins and stroked far bins first, so the near strands cover the far ones
/// and the file stays small. The far end is mixed `fade` of the way towards the background.
struct DepthCuedPath: Mark {
    var u: [Double]
    var v: [Double]
    var depth: [Double]
    var values: [Double]?
    var scale: ColorScale?
    var color: Color
    var dash: Dash = .solid
    /// Line widths at the far and near ends of the depth range.
    var widths: (far: Double, near: Double) = (0.45, 1.5)
    var fade = 0.55
    var background = Color.white
    var label: String?
    var depthBins = 8
    var colorBins = 48

    var bounds: DataBounds? { DataBounds.enclosing(x: u, y: v) }
    var colorScale: ColorScale? { values == nil ? nil : scale }
    var legendEntry: LegendEntry? {
        label.map { LegendEntry(label: $0, line: LineStyle(color: color, width: 0.5 * (widths.far + widths.near), dash: dash)) }
    }

    func draw(on backend: DrawingBackend, in transform: DataTransform) {
        let count = min(u.count, v.count, depth.count)
        guard count >= 2 else { return }
        let near = depth.prefix(count).max() ?? 1, far = depth.prefix(count).min() ?? 0
        let span = max(near - far, 1e-12)
        let points = (0..<count).map { transform.point(u[$0], v[$0]) }
        let finite = points.map { $0.x.isFinite && $0.y.isFinite }
        func depthBin(_ i: Int) -> Int {
            min(depthBins - 1, Int(0.5 * (depth[i] + depth[i + 1] - 2 * far) / span * Double(depthBins)))
        }
        func colorBin(_ i: Int) -> Int {
            guard let values, let scale else { return 0 }
            let f = scale.fraction(0.5 * (values[i] + values[i + 1]))
            return f.isFinite ? min(colorBins - 1, max(0, Int(f * Double(colorBins)))) : 0
        }
        let segmentDepth = (0..<(count - 1)).map(depthBin)
        let segmentColor = (0..<(count - 1)).map(colorBin)
        for bin in 0..<depthBins {
            let nearness = (Double(bin) + 0.5) / Double(depthBins)
            let width = widths.far + (widths.near - widths.far) * nearness
            let mix = fade * (1 - nearness)
            var i = 0
            while i < count - 1 {
                guard segmentDepth[i] == bin, finite[i], finite[i + 1] else { i += 1; continue }
                let shade = segmentColor[i]
                var path = Path()
                path.move(to: points[i])
                var j = i
                while j < count - 1, segmentDepth[j] == bin, segmentColor[j] == shade, finite[j + 1] {
                    path.line(to: points[j + 1])
                    j += 1
                }
                var base = color
                if let scale, values != nil { base = scale.colormap((Double(shade) + 0.5) / Double(colorBins)) }
                let faded = Color(r: base.r + (background.r - base.r) * mix, g: base.g + (background.g - base.g) * mix,
                                  b: base.b + (background.b - base.b) * mix)
                backend.stroke(path, style: LineStyle(color: faded, width: width, dash: dash).stroke)
                i = j
            }
        }
    }
}
