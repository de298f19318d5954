/// One opaque frame: 8-bit RGB, rows top first, no padding.
public struct RGBFrame: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// `width × height × 3` bytes.
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 3, "RGBFrame needs width × height × 3 bytes")
        self.width = width; self.height = height; self.pixels = pixels
    }

    /// The frame grown to even width and height (H.264 with 4:2:0 chroma needs them) by repeating the
    /// last column and row; the frame itself when both are even.
    public func evenSized() -> RGBFrame {
        let w = width + width % 2, h = height + height % 2
        guard w != width || h != height else { return self }
        var out = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            let sy = min(y, height - 1)
            for x in 0..<w {
                let sx = min(x, width - 1)
                let s = 3 * (sy * width + sx), d = 3 * (y * w + x)
                out[d] = pixels[s]; out[d + 1] = pixels[s + 1]; out[d + 2] = pixels[s + 2]
            }
        }
        return RGBFrame(width: w, height: h, pixels: out)
    }
}

extension RGBAImage {
    /// An opaque image of `frame`'s pixels (to compare frames with `ImageComparator`).
    public init?(rgb frame: RGBFrame) {
        var rgba = [UInt8](repeating: 255, count: frame.width * frame.height * 4)
        for i in 0..<(frame.width * frame.height) {
            rgba[4 * i] = frame.pixels[3 * i]; rgba[4 * i + 1] = frame.pixels[3 * i + 1]; rgba[4 * i + 2] = frame.pixels[3 * i + 2]
        }
        self.init(width: frame.width, height: frame.height, pixels: rgba)
    }
}
