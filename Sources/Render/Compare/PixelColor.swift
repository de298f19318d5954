/// Colour arithmetic on RGBA8 pixels for the perceptual comparison: blending over white and YIQ differences.
enum PixelColor {
    /// A channel of a pixel with alpha `a` (0…1) composited over white.
    @inline(__always) static func overWhite(_ c: UInt8, _ a: Double) -> Double { 255 + (Double(c) - 255) * a }

    @inline(__always) static func y(_ r: Double, _ g: Double, _ b: Double) -> Double { r * 0.29889531 + g * 0.58662247 + b * 0.11448223 }
    @inline(__always) static func i(_ r: Double, _ g: Double, _ b: Double) -> Double { r * 0.59597799 - g * 0.27417610 - b * 0.32180189 }
    @inline(__always) static func q(_ r: Double, _ g: Double, _ b: Double) -> Double { r * 0.21147017 - g * 0.52261711 + b * 0.31114694 }

    @inline(__always) static func blended(_ p: UnsafeBufferPointer<UInt8>, _ k: Int) -> (Double, Double, Double) {
        let a = Double(p[k + 3]) / 255
        return (overWhite(p[k], a), overWhite(p[k + 1], a), overWhite(p[k + 2], a))
    }

    /// Luma (Y of YIQ) of the pixel at byte offset `k` over white.
    static func blendedY(_ p: UnsafeBufferPointer<UInt8>, _ k: Int) -> Double {
        let (r, g, b) = blended(p, k)
        return y(r, g, b)
    }

    /// Signed squared YIQ distance between two pixels (negative when the first is brighter); 0 when identical.
    static func delta(_ p: UnsafeBufferPointer<UInt8>, _ k: Int, _ q: UnsafeBufferPointer<UInt8>, _ m: Int) -> Double {
        if p[k] == q[m] && p[k + 1] == q[m + 1] && p[k + 2] == q[m + 2] && p[k + 3] == q[m + 3] { return 0 }
        let (r1, g1, b1) = blended(p, k), (r2, g2, b2) = blended(q, m)
        let y1 = y(r1, g1, b1), y2 = y(r2, g2, b2)
        let dy = y1 - y2, di = i(r1, g1, b1) - i(r2, g2, b2), dq = self.q(r1, g1, b1) - self.q(r2, g2, b2)
        let d = 0.5053 * dy * dy + 0.299 * di * di + 0.1957 * dq * dq
        return y1 > y2 ? -d : d
    }

    /// Difference in luma between two pixels (first minus second); 0 when identical.
    static func brightnessDelta(_ p: UnsafeBufferPointer<UInt8>, _ k: Int, _ q: UnsafeBufferPointer<UInt8>, _ m: Int) -> Double {
        if p[k] == q[m] && p[k + 1] == q[m + 1] && p[k + 2] == q[m + 2] && p[k + 3] == q[m + 3] { return 0 }
        let (r1, g1, b1) = blended(p, k), (r2, g2, b2) = blended(q, m)
        return y(r1, g1, b1) - y(r2, g2, b2)
    }
}
