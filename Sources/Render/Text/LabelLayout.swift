import Foundation

/// Label notation laid out into plain runs and dots, in the label's own frame (baseline start at the origin, rise upward).
struct LabelLayout {
    struct Run { var text: String; var x: Double; var rise: Double; var size: Double }
    struct Dot { var x: Double; var rise: Double; var radius: Double }

    /// Size of sub- and superscripts relative to their parent.
    static let scriptScale = 0.7
    /// Superscript baseline raise, in parent ems.
    static let superscriptRise = 0.38
    /// Subscript baseline drop, in parent ems.
    static let subscriptDrop = 0.2

    private(set) var runs: [Run] = []
    private(set) var dots: [Dot] = []
    private(set) var metrics = TextMetrics(width: 0, ascent: 0, descent: 0)
    let font: FontStyle

    init(nodes: [NotationNode], backend: DrawingBackend, size: Double, font: FontStyle) {
        self.font = font
        var top = 0.0, bottom = 0.0
        let width = layout(nodes, x: 0, rise: 0, size: size, backend: backend, top: &top, bottom: &bottom)
        metrics = TextMetrics(width: width, ascent: max(0, top), descent: max(0, bottom))
    }

    /// Lays out `nodes` starting at `x`; returns the advance. `top` and `bottom` collect the ink bounds.
    private mutating func layout(_ nodes: [NotationNode], x x0: Double, rise: Double, size: Double,
                                 backend: DrawingBackend, top: inout Double, bottom: inout Double) -> Double {
        var x = x0
        var k = 0
        while k < nodes.count {
            switch nodes[k] {
            case .text(let s):
                let m = backend.measure(s, size: size, font: font)
                runs.append(Run(text: s, x: x, rise: rise, size: size))
                top = max(top, rise + m.ascent)
                bottom = max(bottom, m.descent - rise)
                x += m.width
            case .sub(let c), .sup(let c):
                let small = size * Self.scriptScale
                let shift = { (n: NotationNode) -> Double in
                    if case .sub = n { return -Self.subscriptDrop * size } else { return Self.superscriptRise * size }
                }
                var advance = layout(c, x: x, rise: rise + shift(nodes[k]), size: small,
                                     backend: backend, top: &top, bottom: &bottom)
                // A subscript directly followed by a superscript (or the reverse) is stacked, as in x_i^2.
                if k + 1 < nodes.count, let other = Self.scriptPartner(nodes[k], nodes[k + 1]) {
                    let w = layout(other, x: x, rise: rise + shift(nodes[k + 1]), size: small,
                                   backend: backend, top: &top, bottom: &bottom)
                    advance = max(advance, w)
                    k += 1
                }
                x += advance
            case .dot(let c):
                var innerTop = rise
                let w = layout(c, x: x, rise: rise, size: size, backend: backend, top: &innerTop, bottom: &bottom)
                let radius = 0.06 * size
                let dotRise = innerTop + 0.14 * size + radius
                dots.append(Dot(x: x + w / 2, rise: dotRise, radius: radius))
                top = max(top, innerTop, dotRise + radius)
                x += w
            }
            k += 1
        }
        return x - x0
    }

    private static func scriptPartner(_ a: NotationNode, _ b: NotationNode) -> [NotationNode]? {
        switch (a, b) {
        case (.sub, .sup(let c)), (.sup, .sub(let c)): return c
        default: return nil
        }
    }

    /// Draws the layout with its baseline start at `origin` moved by `offset` (in the label's frame, y down), rotated by `angle` about `origin`.
    func draw(on backend: DrawingBackend, origin: Point, offset: (dx: Double, dy: Double), color: Color, angle: Double) {
        let c = cos(angle), s = sin(angle)
        func place(_ u: Double, _ v: Double) -> Point {
            Point(origin.x + u * c + v * s, origin.y - u * s + v * c)
        }
        for r in runs {
            backend.text(r.text, at: place(offset.dx + r.x, offset.dy - r.rise), size: r.size, font: font, color: color, angle: angle)
        }
        for d in dots {
            backend.fill(.circle(center: place(offset.dx + d.x, offset.dy - d.rise), radius: d.radius), color: color)
        }
    }
}
