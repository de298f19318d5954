import Foundation

/// A physical length, stored in points (1/72 in).
public struct Length: Hashable, Sendable, Comparable {
    /// The length in points.
    public var points: Double
    public init(points: Double) { self.points = points }

    public static func pt(_ v: Double) -> Length { Length(points: v) }
    public static func inches(_ v: Double) -> Length { Length(points: v * 72) }
    public static func cm(_ v: Double) -> Length { Length(points: v * 72 / 2.54) }
    public static func mm(_ v: Double) -> Length { Length(points: v * 72 / 25.4) }

    public var inches: Double { points / 72 }
    public var centimetres: Double { points * 2.54 / 72 }

    /// The length in device pixels at `dpi` pixels per inch, rounded to the nearest pixel.
    public func pixels(dpi: Double) -> Int { Int((points * dpi / 72).rounded()) }

    public static func < (a: Length, b: Length) -> Bool { a.points < b.points }

    /// Parses `"6in"`, `"15cm"`, `"120mm"` or `"432pt"` (a bare number is taken as inches).
    public init?(parsing text: String) {
        let s = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("in", 72), ("cm", 72 / 2.54), ("mm", 72 / 25.4), ("pt", 1)]
        for (suffix, scale) in units where s.hasSuffix(suffix) {
            guard let v = Double(s.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), v.isFinite else { return nil }
            self.init(points: v * scale)
            return
        }
        guard let v = Double(s), v.isFinite else { return nil }
        self.init(points: v * 72)
    }
}

/// The size of a page (a figure) in physical units.
public struct PageSize: Hashable, Sendable {
    public var width: Length
    public var height: Length
    public init(width: Length, height: Length) { self.width = width; self.height = height }

    /// Width and height in points.
    public var points: (width: Double, height: Double) { (width.points, height.points) }
}
