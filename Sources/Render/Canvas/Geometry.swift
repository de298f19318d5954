/// A point in device points (1/72 in), origin at the top left, y growing downward.
public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
}

/// An axis-aligned rectangle in device points.
public struct Rect: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var minX: Double { x }
    public var minY: Double { y }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var center: Point { Point(x + width / 2, y + height / 2) }
    /// Whether `p` lies inside or on the border.
    public func contains(_ p: Point) -> Bool { p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY }
    /// Whether the two rectangles share interior area.
    public func intersects(_ o: Rect) -> Bool { minX < o.maxX && o.minX < maxX && minY < o.maxY && o.minY < maxY }
    /// The rectangle shrunk by `d` on every side (grown when `d` is negative).
    public func inset(by d: Double) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
}

/// One element of a path.
public enum PathElement: Hashable, Sendable {
    case move(Point)
    case line(Point)
    case curve(Point, Point, Point)
    case close
}

/// A vector path in device points.
public struct Path: Hashable, Sendable {
    public var elements: [PathElement] = []
    public init() {}
    public init(_ elements: [PathElement]) { self.elements = elements }
    public mutating func move(to p: Point) { elements.append(.move(p)) }
    public mutating func line(to p: Point) { elements.append(.line(p)) }
    public mutating func curve(_ c1: Point, _ c2: Point, _ p: Point) { elements.append(.curve(c1, c2, p)) }
    public mutating func close() { elements.append(.close) }
    /// A polyline through `points` (empty when there are none).
    public static func polyline(_ points: [Point], closed: Bool = false) -> Path {
        var p = Path()
        for (i, q) in points.enumerated() { if i == 0 { p.move(to: q) } else { p.line(to: q) } }
        if closed && !points.isEmpty { p.close() }
        return p
    }
    public static func rect(_ r: Rect) -> Path {
        polyline([Point(r.minX, r.minY), Point(r.maxX, r.minY), Point(r.maxX, r.maxY), Point(r.minX, r.maxY)], closed: true)
    }
    /// A circle approximated by four cubic Béziers.
    public static func circle(center c: Point, radius r: Double) -> Path {
        let k = 0.5522847498307936 * r
        var p = Path()
        p.move(to: Point(c.x + r, c.y))
        p.curve(Point(c.x + r, c.y + k), Point(c.x + k, c.y + r), Point(c.x, c.y + r))
        p.curve(Point(c.x - k, c.y + r), Point(c.x - r, c.y + k), Point(c.x - r, c.y))
        p.curve(Point(c.x - r, c.y - k), Point(c.x - k, c.y - r), Point(c.x, c.y - r))
        p.curve(Point(c.x + k, c.y - r), Point(c.x + r, c.y - k), Point(c.x + r, c.y))
        p.close()
        return p
    }
}
