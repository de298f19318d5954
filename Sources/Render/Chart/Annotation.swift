/// Text or an arrow placed in data coordinates on an axes.
public enum Annotation {
    /// Text whose `anchor` sits at data point `at`, shifted by `offset` points (x right, y up).
    case text(String, at: (Double, Double), offset: (Double, Double) = (0, 0), anchor: TextAnchor = .bottomLeft,
              size: Double? = nil, color: Color? = nil)
    /// An arrow from one data point to another with a filled head, optional text at its tail.
    case arrow(from: (Double, Double), to: (Double, Double), color: Color, width: Double = 1, text: String? = nil)

    func draw(on b: DrawingBackend, in t: DataTransform, style: ChartStyle) {
        switch self {
        case let .text(s, at, offset, anchor, size, color):
            let p = t.point(at.0, at.1)
            guard p.isFinite else { return }
            ChartText.draw(s, on: b, at: Point(p.x + offset.0, p.y - offset.1), size: size.map { $0 * style.textScale } ?? style.annotationSize,
                           color: color ?? style.textColor, anchor: anchor)
        case let .arrow(from, to, color, width, text):
            let a = t.point(from.0, from.1), c = t.point(to.0, to.1)
            guard a.isFinite, c.isFinite else { return }
            let dx = c.x - a.x, dy = c.y - a.y
            let len = (dx * dx + dy * dy).squareRoot()
            guard len > 0 else { return }
            let head = 4 + 3 * width
            let ux = dx / len, uy = dy / len
            if len > head {
                b.stroke(.polyline([a, Point(c.x - ux * head * 0.8, c.y - uy * head * 0.8)]),
                         style: StrokeStyle(color: color, width: width, cap: .round))
            }
            b.fill(ArrowShape.head(tip: c, direction: ux, uy, length: min(head, len), width: head * 0.75), color: color)
            if let s = text {
                let anchor = TextAnchor(ux > 0.3 ? .right : (ux < -0.3 ? .left : .center), uy > 0.3 ? .bottom : (uy < -0.3 ? .top : .middle))
                ChartText.draw(s, on: b, at: Point(a.x - ux * 3, a.y - uy * 3), size: style.annotationSize,
                               color: style.textColor, anchor: anchor)
            }
        }
    }
}
