/// A continuous colour map on 0…1 from a table of evenly spaced sRGB entries.
///
/// Between entries the colour is interpolated linearly in sRGB. Positions outside 0…1 are
/// clamped; NaN gives `badColor`.
public struct Colormap: Hashable, Sendable {
    public let name: String
    /// Flattened R, G, B triples in 0…1, first entry at 0, last at 1.
    let table: [Double]
    /// The colour for NaN: mid grey by default, distinct from every entry of the built-in maps
    /// (in particular from the light centre of the diverging map, so a missing value never reads as zero).
    public var badColor: Color

    /// A map through `entries` (at least two), evenly spaced over 0…1.
    public init(name: String, entries: [Color], badColor: Color = Colormap.defaultBadColor) {
        precondition(entries.count >= 2, "a colormap needs at least two entries")
        self.init(name: name, table: entries.flatMap { [$0.r, $0.g, $0.b] }, badColor: badColor)
    }

    init(name: String, table: [Double], badColor: Color = Colormap.defaultBadColor) {
        self.name = name; self.table = table; self.badColor = badColor
    }

    public static let defaultBadColor = Color(r: 0.5, g: 0.5, b: 0.5)

    /// Number of table entries.
    public var count: Int { table.count / 3 }

    /// Table entry `i` (0 ..< count).
    public func entry(_ i: Int) -> Color { Color(r: table[3 * i], g: table[3 * i + 1], b: table[3 * i + 2]) }

    /// The colour at `t` in 0…1 (clamped; NaN gives `badColor`).
    public func color(at t: Double) -> Color {
        guard !t.isNaN else { return badColor }
        let p = min(max(t, 0), 1) * Double(count - 1)
        let i = min(Int(p), count - 2)
        let f = p - Double(i)
        let a = 3 * i, b = 3 * (i + 1)
        return Color(r: table[a] + f * (table[b] - table[a]),
                     g: table[a + 1] + f * (table[b + 1] - table[a + 1]),
                     b: table[a + 2] + f * (table[b + 2] - table[a + 2]))
    }

    /// The same map run from 1 to 0.
    public var reversed: Colormap {
        var t: [Double] = []
        t.reserveCapacity(table.count)
        for i in stride(from: count - 1, through: 0, by: -1) { t += table[(3 * i)..<(3 * i + 3)] }
        return Colormap(name: name.hasSuffix("_r") ? String(name.dropLast(2)) : name + "_r", table: t, badColor: badColor)
    }

    /// Perceptually uniform, dark blue to yellow (matplotlib's default).
    public static let viridis = Colormap(name: "viridis", table: ColormapTables.viridis)
    /// Perceptually uniform and readable with red–green colour-vision deficiency, dark blue to yellow.
    public static let cividis = Colormap(name: "cividis", table: ColormapTables.cividis)
    /// Perceptually uniform, black through purple to light yellow.
    public static let magma = Colormap(name: "magma", table: ColormapTables.magma)
    /// Diverging blue–white–red for signed quantities (negative blue, zero near white, positive red):
    /// ColorBrewer RdBu reversed, matplotlib's "RdBu_r". Centre it with a symmetric range.
    public static let diverging = Colormap(name: "RdBu_r", table: ColormapTables.rdBuReversed)

    /// The built-in maps by name (`viridis`, `cividis`, `magma`, `RdBu_r`, also `diverging`), case-insensitive.
    public static func named(_ name: String) -> Colormap? {
        switch name.lowercased() {
        case "viridis": return viridis
        case "cividis": return cividis
        case "magma": return magma
        case "rdbu_r", "diverging": return diverging
        default: return nil
        }
    }
}
