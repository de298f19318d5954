internal import CGif

/// One palette for a whole GIF animation: giflib's median cut (`GifQuantizeBuffer`) over frames
/// sampled across the animation, and a nearest-colour lookup for every frame.
///
/// A shared palette keeps colours steady from frame to frame (a per-frame palette makes flat areas
/// flicker) and lets unchanged pixels be skipped. Index 255 is kept free for transparency. No
/// dithering: figures are flat colours and lines, and dither noise would defeat the frame differencing.
struct GIFPalette {
    /// RGB triples, at most 255.
    let colors: [(r: UInt8, g: UInt8, b: UInt8)]
    /// Nearest palette index by colour at 7 bits a channel; -1 until first asked.
    private var lookup: [Int16]

    /// The index GIF frames use for "unchanged since the previous frame".
    static let transparentIndex: UInt8 = 255

    /// The median-cut palette of the sample frames (stacked into one image).
    init(samples: [RGBFrame]) throws(RenderError) {
        guard let first = samples.first else { throw .encoderFailed(format: "gif", message: "no frames to choose a palette from") }
        let n = samples.reduce(0) { $0 + $1.width * $1.height }
        var red = [UInt8](repeating: 0, count: n), green = red, blue = red, out = red
        var k = 0
        for frame in samples {
            let p = frame.pixels
            for i in 0..<(frame.width * frame.height) {
                red[k] = p[3 * i]; green[k] = p[3 * i + 1]; blue[k] = p[3 * i + 2]
                k += 1
            }
        }
        var size: Int32 = 255
        var map = [GifColorType](repeating: GifColorType(), count: 256)
        let status = GifQuantizeBuffer(UInt32(first.width), UInt32(n / first.width), &size, &red, &green, &blue, &out, &map)
        guard status == GIF_OK, size > 0, size <= 255 else {
            throw .encoderFailed(format: "gif", message: "median-cut palette failed (giflib status \(status))")
        }
        // giflib's entries are box averages at 5 bits a channel (white comes out as 248): each entry
        // becomes the mean of the sample pixels it was given, so flat colours stay exact.
        var sums = [(r: Int, g: Int, b: Int, n: Int)](repeating: (0, 0, 0, 0), count: Int(size))
        for i in 0..<n where Int(out[i]) < sums.count {
            let j = Int(out[i])
            sums[j].r += Int(red[i]); sums[j].g += Int(green[i]); sums[j].b += Int(blue[i]); sums[j].n += 1
        }
        colors = zip(map.prefix(Int(size)), sums).map { entry, sum in
            guard sum.n > 0 else { return (entry.Red, entry.Green, entry.Blue) }
            func mean(_ v: Int) -> UInt8 { UInt8((v + sum.n / 2) / sum.n) }
            return (mean(sum.r), mean(sum.g), mean(sum.b))
        }
        lookup = [Int16](repeating: -1, count: 1 << 21)
    }

    /// The palette as giflib's 256-entry colour map (unused entries black).
    var colorMap: [GifColorType] {
        var map = colors.map { GifColorType(Red: $0.r, Green: $0.g, Blue: $0.b) }
        map += [GifColorType](repeating: GifColorType(Red: 0, Green: 0, Blue: 0), count: 256 - map.count)
        return map
    }

    /// The palette index of every pixel of `frame`.
    mutating func indices(of frame: RGBFrame) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: frame.width * frame.height)
        let p = frame.pixels
        for i in 0..<out.count {
            let r = Int(p[3 * i]), g = Int(p[3 * i + 1]), b = Int(p[3 * i + 2])
            let key = (r >> 1) << 14 | (g >> 1) << 7 | (b >> 1)
            var index = lookup[key]
            if index < 0 {
                index = Int16(nearest(r: r | 1, g: g | 1, b: b | 1))
                lookup[key] = index
            }
            out[i] = UInt8(index)
        }
        return out
    }

    /// The entry closest in RGB (squared distance; ties to the lower index).
    private func nearest(r: Int, g: Int, b: Int) -> Int {
        var best = 0, bestDistance = Int.max
        for (i, c) in colors.enumerated() {
            let dr = Int(c.r) - r, dg = Int(c.g) - g, db = Int(c.b) - b
            let d = dr * dr + dg * dg + db * db
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }
}
