/// Compares two RGBA images: RMS difference, and a perceptual per-pixel test that tolerates anti-aliasing.
///
/// The per-pixel test follows pixelmatch (Mapbox): both pixels are blended over white, the
/// difference is measured in YIQ with weights 0.5053, 0.299, 0.1957 (Kotsarenko & Ramos, 2010),
/// and a pixel differs when that exceeds 35215 · threshold² (35215 is the largest possible value).
/// A differing pixel is anti-aliasing (Vysniauskas, 2009) when, in either image, it has at most
/// two neighbours of equal brightness, both darker and brighter neighbours, and its darkest or
/// brightest neighbour sits in a flat area (more than two identical neighbours) in both images.
public struct ImageComparator: Sendable {
    /// Perceptual threshold in 0…1; smaller is stricter (pixelmatch's default is 0.1).
    public var threshold: Double
    /// Whether anti-aliased pixels are tolerated (counted apart, not as differing).
    public var tolerateAntialiasing: Bool

    public init(threshold: Double = 0.1, tolerateAntialiasing: Bool = true) {
        self.threshold = threshold; self.tolerateAntialiasing = tolerateAntialiasing
    }

    /// Largest possible YIQ distance between two colours on the 0–255 scale.
    static let maxYIQDelta = 35215.0

    public func compare(_ a: RGBAImage, _ b: RGBAImage) throws(CompareError) -> ImageComparison {
        guard a.width == b.width, a.height == b.height else {
            throw .sizeMismatch(first: (a.width, a.height), second: (b.width, b.height))
        }
        let w = a.width, h = a.height
        let limit = Self.maxYIQDelta * threshold * threshold
        var sumSquares = 0.0
        var differing = 0, antialiased = 0
        var diff = [UInt8](repeating: 0, count: w * h * 4)
        a.pixels.withUnsafeBufferPointer { p in
            b.pixels.withUnsafeBufferPointer { q in
                for k in 0..<(w * h * 4) {
                    let d = Double(p[k]) - Double(q[k])
                    sumSquares += d * d
                }
                for y in 0..<h {
                    for x in 0..<w {
                        let k = 4 * (y * w + x)
                        let delta = PixelColor.delta(p, k, q, k)
                        let out: (UInt8, UInt8, UInt8)
                        if abs(delta) > limit {
                            if tolerateAntialiasing && (Self.isAntialiased(p, q, x, y, w, h) || Self.isAntialiased(q, p, x, y, w, h)) {
                                antialiased += 1
                                out = (255, 255, 0)
                            } else {
                                differing += 1
                                out = (255, 0, 0)
                            }
                        } else {
                            let grey = UInt8((255 + (PixelColor.blendedY(p, k) - 255) * 0.1).rounded())
                            out = (grey, grey, grey)
                        }
                        diff[k] = out.0; diff[k + 1] = out.1; diff[k + 2] = out.2; diff[k + 3] = 255
                    }
                }
            }
        }
        let rms = (sumSquares / Double(w * h * 4)).squareRoot()
        let diffImage = RGBAImage(width: w, height: h, pixels: diff) ?? RGBAImage(width: w, height: h, fill: [0, 0, 0, 0])
        return ImageComparison(width: w, height: h, rms: rms, differingPixels: differing, antialiasedPixels: antialiased,
                               threshold: threshold, diff: diffImage)
    }

    /// Decodes both PNG files and compares them.
    public func compare(file first: String, with second: String) throws(CompareError) -> ImageComparison {
        try compare(RGBAImage(contentsOfFile: first), RGBAImage(contentsOfFile: second))
    }

    /// Whether pixel (x, y) of `img` looks like anti-aliasing; `other` is the second image.
    static func isAntialiased(_ img: UnsafeBufferPointer<UInt8>, _ other: UnsafeBufferPointer<UInt8>,
                              _ x1: Int, _ y1: Int, _ w: Int, _ h: Int) -> Bool {
        let x0 = max(x1 - 1, 0), y0 = max(y1 - 1, 0), x2 = min(x1 + 1, w - 1), y2 = min(y1 + 1, h - 1)
        let k = 4 * (y1 * w + x1)
        var equal = (x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2) ? 1 : 0
        var darkest = 0.0, brightest = 0.0
        var darkAt = (0, 0), brightAt = (0, 0)
        for x in x0...x2 {
            for y in y0...y2 where x != x1 || y != y1 {
                let d = PixelColor.brightnessDelta(img, k, img, 4 * (y * w + x))
                if d == 0 {
                    equal += 1
                    if equal > 2 { return false }
                } else if d < darkest {
                    darkest = d; darkAt = (x, y)
                } else if d > brightest {
                    brightest = d; brightAt = (x, y)
                }
            }
        }
        if darkest == 0 || brightest == 0 { return false }
        return (hasManySiblings(img, darkAt.0, darkAt.1, w, h) && hasManySiblings(other, darkAt.0, darkAt.1, w, h))
            || (hasManySiblings(img, brightAt.0, brightAt.1, w, h) && hasManySiblings(other, brightAt.0, brightAt.1, w, h))
    }

    /// Whether pixel (x, y) has more than two neighbours of exactly its colour (image borders count as one).
    static func hasManySiblings(_ img: UnsafeBufferPointer<UInt8>, _ x1: Int, _ y1: Int, _ w: Int, _ h: Int) -> Bool {
        let x0 = max(x1 - 1, 0), y0 = max(y1 - 1, 0), x2 = min(x1 + 1, w - 1), y2 = min(y1 + 1, h - 1)
        let k = 4 * (y1 * w + x1)
        var equal = (x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2) ? 1 : 0
        for x in x0...x2 {
            for y in y0...y2 where x != x1 || y != y1 {
                let m = 4 * (y * w + x)
                if img[k] == img[m] && img[k + 1] == img[m + 1] && img[k + 2] == img[m + 2] && img[k + 3] == img[m + 3] {
                    equal += 1
                    if equal > 2 { return true }
                }
            }
        }
        return false
    }
}
