import Foundation

extension Color {
    /// CIE L*a*b* (D65) of the sRGB colour, alpha ignored; L* is 0 for black and 100 for white.
    public var lab: (l: Double, a: Double, b: Double) {
        func linear(_ v: Double) -> Double { v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4) }
        let lr = linear(r), lg = linear(g), lb = linear(b)
        let xyz = [(0.4124 * lr + 0.3576 * lg + 0.1805 * lb) / 0.95047, 0.2126 * lr + 0.7152 * lg + 0.0722 * lb,
                   (0.0193 * lr + 0.1192 * lg + 0.9505 * lb) / 1.08883]
        let f = xyz.map { $0 > 216 / 24389 ? cbrt($0) : (24389 / 27 * $0 + 16) / 116 }
        return (116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2]))
    }

    /// The CIE76 distance in L*a*b* to `other`: about 2 is just noticeable, over 20 reads as another colour.
    public func labDistance(to other: Color) -> Double {
        let x = lab, y = other.lab
        return ((x.l - y.l) * (x.l - y.l) + (x.a - y.a) * (x.a - y.a) + (x.b - y.b) * (x.b - y.b)).squareRoot()
    }
}
