import Foundation

/// What an axes' marks and annotations cover on the page, measured by drawing them on a `RecordingBackend`.
///
/// Strokes count as their segments widened by half the line width (dashes as solid lines, curves
/// by their control polygon), fills as their polygons, images and text as their boxes; each shape
/// is cut by the clip it was drawn under. Paint under 10% opacity (light shading of a region) is
/// not data and is ignored. Legend placement
/// asks `intersects(_:)` of every candidate box; the gallery's checks ask it of every placed legend.
public struct DrawnFootprint: Sendable {
    struct Segment: Sendable { var a: Point; var b: Point; var halfWidth: Double; var clip: Rect? }
    struct Polygon: Sendable { var points: [Point]; var clip: Rect? }

    var segments: [Segment] = []
    var polygons: [Polygon] = []
    var boxes: [Rect] = []

    public init() {}

    /// The footprint of recorded drawing operations; text is measured on `backend` (the recorder's
    /// fixed metrics when nil).
    public init(_ operations: [RecordingBackend.Operation], measuringWith backend: DrawingBackend? = nil) {
        for op in operations { add(op, backend) }
    }

    /// Whether nothing was drawn.
    public var isEmpty: Bool { segments.isEmpty && polygons.isEmpty && boxes.isEmpty }

    mutating func add(_ op: RecordingBackend.Operation, _ backend: DrawingBackend?) {
        switch op {
        case let .stroke(path, style, clip):
            guard style.color.a >= 0.1, style.width > 0 else { return }
            for line in DrawnFootprint.polylines(path) {
                if line.count == 1 { segments.append(Segment(a: line[0], b: line[0], halfWidth: style.width / 2, clip: clip)) }
                for i in line.indices.dropFirst() {
                    segments.append(Segment(a: line[i - 1], b: line[i], halfWidth: style.width / 2, clip: clip))
                }
            }
        case let .fill(path, color, clip):
            guard color.a >= 0.1 else { return }
            for ring in DrawnFootprint.polylines(path) where !ring.isEmpty { polygons.append(Polygon(points: ring, clip: clip)) }
        case let .image(_, _, rect, clip):
            if let r = DrawnFootprint.cut(rect, clip) { boxes.append(r) }
        case let .text(s, origin, size, font, color, angle, clip):
            guard color.a >= 0.1, !s.isEmpty else { return }
            let m = backend?.measure(s, size: size, font: font)
                ?? TextMetrics(width: 0.6 * size * Double(s.count), ascent: 0.76 * size, descent: 0.24 * size)
            let box: Rect
            if abs(angle) < 1e-9 {
                box = Rect(x: origin.x, y: origin.y - m.ascent, width: m.width, height: m.ascent + m.descent)
            } else {
                let c = cos(angle), sn = sin(angle), w = m.width
                let corners = [(0.0, -m.ascent), (w, -m.ascent), (w, m.descent), (0.0, m.descent)].map {
                    Point(origin.x + $0.0 * c - $0.1 * sn, origin.y + $0.0 * sn + $0.1 * c)
                }
                let xs = corners.map(\.x), ys = corners.map(\.y)
                box = Rect(x: xs.min() ?? 0, y: ys.min() ?? 0, width: (xs.max() ?? 0) - (xs.min() ?? 0),
                           height: (ys.max() ?? 0) - (ys.min() ?? 0))
            }
            if let r = DrawnFootprint.cut(box, clip) { boxes.append(r) }
        }
    }

    /// Whether anything drawn touches `rect`.
    public func intersects(_ rect: Rect) -> Bool { overlap(rect, stopAtFirst: true) > 0 }

    /// How many drawn shapes touch `rect`.
    public func overlapCount(_ rect: Rect) -> Int { overlap(rect, stopAtFirst: false) }

    private func overlap(_ rect: Rect, stopAtFirst: Bool) -> Int {
        var n = 0
        for b in boxes where DrawnFootprint.meets(b, rect) {
            n += 1
            if stopAtFirst { return n }
        }
        for s in segments {
            guard let r = DrawnFootprint.cut(rect, s.clip) else { continue }
            if DrawnFootprint.segment(s.a, s.b, meets: r.inset(by: -s.halfWidth)) {
                n += 1
                if stopAtFirst { return n }
            }
        }
        for p in polygons {
            guard let r = DrawnFootprint.cut(rect, p.clip) else { continue }
            if DrawnFootprint.polygon(p.points, meets: r) {
                n += 1
                if stopAtFirst { return n }
            }
        }
        return n
    }

    /// The subpaths of `path` as point lists (curves by their control points).
    static func polylines(_ path: Path) -> [[Point]] {
        var out: [[Point]] = []
        var current: [Point] = []
        for e in path.elements {
            switch e {
            case .move(let p):
                if !current.isEmpty { out.append(current) }
                current = [p]
            case .line(let p): current.append(p)
            case let .curve(c1, c2, p): current += [c1, c2, p]
            case .close: if let f = current.first { current.append(f) }
            }
        }
        if !current.isEmpty { out.append(current) }
        return out.map { $0.filter { $0.x.isFinite && $0.y.isFinite } }
    }

    /// `r` cut by `clip`, nil when nothing is left.
    static func cut(_ r: Rect, _ clip: Rect?) -> Rect? {
        guard let c = clip else { return r }
        let x0 = max(r.minX, c.minX), y0 = max(r.minY, c.minY), x1 = min(r.maxX, c.maxX), y1 = min(r.maxY, c.maxY)
        guard x1 > x0, y1 > y0 else { return nil }
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    static func meets(_ a: Rect, _ b: Rect) -> Bool {
        a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY
    }

    /// Whether the segment a–b passes through `r` (Liang–Barsky).
    static func segment(_ a: Point, _ b: Point, meets r: Rect) -> Bool {
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        for (p, q) in [(-dx, a.x - r.minX), (dx, r.maxX - a.x), (-dy, a.y - r.minY), (dy, r.maxY - a.y)] {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let t = q / p
                if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
                if t0 > t1 { return false }
            }
        }
        return true
    }

    /// Whether the filled polygon `ring` and `r` share any area.
    static func polygon(_ ring: [Point], meets r: Rect) -> Bool {
        guard let first = ring.first else { return false }
        var lo = first, hi = first
        for p in ring { lo = Point(min(lo.x, p.x), min(lo.y, p.y)); hi = Point(max(hi.x, p.x), max(hi.y, p.y)) }
        guard meets(Rect(x: lo.x, y: lo.y, width: max(hi.x - lo.x, 1e-9), height: max(hi.y - lo.y, 1e-9)), r) else { return false }
        if ring.contains(where: { r.contains($0) }) { return true }
        for i in ring.indices.dropFirst() where segment(ring[i - 1], ring[i], meets: r) { return true }
        if let last = ring.last, segment(last, first, meets: r) { return true }
        return contains(ring, r.center)
    }

    /// Even–odd point-in-polygon test.
    static func contains(_ ring: [Point], _ p: Point) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in ring.indices {
            let a = ring[i], b = ring[j]
            if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }
}
