/// Outlines of arrows as single filled polygons (shaft and head), in device points.
public enum ArrowShape {
    /// A filled arrow from `tail` to `tip`: shaft `width` wide, head `headLength` long and `headWidth` wide.
    ///
    /// Arrows shorter than the head are drawn as a head scaled down to their length (never a reversed shaft).
    public static func arrow(from tail: Point, to tip: Point, width: Double, headLength: Double, headWidth: Double) -> Path {
        let dx = tip.x - tail.x, dy = tip.y - tail.y
        let len = (dx * dx + dy * dy).squareRoot()
        guard len > 1e-9 else { return Path() }
        let ux = dx / len, uy = dy / len
        let nx = -uy, ny = ux
        var hl = headLength, hw = headWidth, sw = width
        if len < hl {
            let k = len / hl
            hl = len; hw *= k; sw *= k
        }
        func at(_ along: Double, _ across: Double) -> Point {
            Point(tail.x + ux * along + nx * across, tail.y + uy * along + ny * across)
        }
        let neck = len - hl
        return .polyline([
            at(0, -sw / 2), at(neck, -sw / 2), at(neck, -hw / 2), at(len, 0),
            at(neck, hw / 2), at(neck, sw / 2), at(0, sw / 2),
        ], closed: true)
    }

    /// A filled triangular head with its tip at `tip`, pointing along the unit direction (`ux`, `uy`).
    public static func head(tip: Point, direction ux: Double, _ uy: Double, length: Double, width: Double) -> Path {
        let nx = -uy, ny = ux
        let bx = tip.x - ux * length, by = tip.y - uy * length
        return .polyline([tip, Point(bx + nx * width / 2, by + ny * width / 2),
                          Point(bx - nx * width / 2, by - ny * width / 2)], closed: true)
    }
}
