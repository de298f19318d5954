internal import CPNGRead
import Foundation
import InputSafety

/// An 8-bit straight-alpha RGBA raster, rows top first; what PNG files decode to for comparison.
public struct RGBAImage: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// `width × height × 4` bytes: R, G, B, A per pixel.
    public var pixels: [UInt8]

    /// An image from raw RGBA bytes; nil when the count does not match the size.
    public init?(width: Int, height: Int, pixels: [UInt8]) {
        guard width > 0, height > 0, pixels.count == width * height * 4 else { return nil }
        self.width = width; self.height = height; self.pixels = pixels
    }

    /// An image filled with one colour.
    public init(width: Int, height: Int, fill: [UInt8]) {
        precondition(width > 0 && height > 0 && fill.count == 4, "an image needs a positive size and an RGBA fill")
        self.width = width; self.height = height
        pixels = Array([[UInt8]](repeating: fill, count: width * height).joined())
    }

    /// The four bytes of pixel (x, y).
    public func pixel(x: Int, y: Int) -> [UInt8] {
        let i = 4 * (y * width + x)
        return Array(pixels[i..<(i + 4)])
    }

    public mutating func setPixel(x: Int, y: Int, _ rgba: [UInt8]) {
        let i = 4 * (y * width + x)
        for k in 0..<4 { pixels[i + k] = rgba[k] }
    }

    /// The largest decoded image accepted by default, in bytes of RGBA (a 16384×16384 image).
    public static let defaultMaximumBytes = 1 << 30

    /// Decodes a PNG file of any bit depth and colour type (grey, RGB, palette, with or without
    /// alpha, interlaced or not) to RGBA8 in the file's own transfer function (see `init(pngData:)`).
    public init(contentsOfFile path: String, maximumBytes: Int = defaultMaximumBytes) throws(CompareError) {
        let data: Data
        do { data = try InputFile.read(path, maximumBytes: maximumBytes) } catch .notFound {
            throw .fileMissing(path: path)
        } catch {
            throw .unreadable(path: path, reason: error.description)
        }
        try self.init(pngData: data, name: path, maximumBytes: maximumBytes)
    }

    /// Decodes PNG bytes; `name` is used in error messages.
    ///
    /// No gamma or colour-space conversion: 8-bit samples are kept as stored, 16-bit samples are
    /// scaled to 8 bits with rounding (v·255/65535) in the file's own transfer function, and low
    /// bit depths and palettes are expanded. An image of more than `maximumBytes` of RGBA is refused
    /// before its pixels are allocated.
    public init(pngData data: Data, name: String = "data", maximumBytes: Int = defaultMaximumBytes) throws(CompareError) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8, Array(bytes[0..<8]) == PNGChunks.signature else { throw .notPNG(path: name) }
        var message = [CChar](repeating: 0, count: Int(FLOWSCOPE_PNG_MESSAGE_SIZE))
        var pixels: UnsafeMutablePointer<UInt8>?
        var w: UInt32 = 0, h: UInt32 = 0
        let status = bytes.withUnsafeBufferPointer { input in
            message.withUnsafeMutableBufferPointer { text in
                flowscope_png_read_rgba8(input.baseAddress, input.count, maximumBytes, &pixels, &w, &h, text.baseAddress)
            }
        }
        switch Int(status) {
        case Int(FLOWSCOPE_PNG_OK.rawValue):
            guard let pixels, w > 0, h > 0 else { throw .decodeFailed(path: name, message: "libpng returned no pixels") }
            defer { flowscope_png_free(pixels) }
            width = Int(w); height = Int(h)
            self.pixels = Array(UnsafeBufferPointer(start: pixels, count: Int(w) * Int(h) * 4))
        case Int(FLOWSCOPE_PNG_TOO_LARGE.rawValue):
            let needed = MemoryBudget.Estimate(count: Int(w) * Int(h), bytes: 4)
            throw .decodeFailed(path: name, message: "the image is \(w)×\(h), \(needed.text) decoded, more than the "
                                + "\(ByteCount.text(maximumBytes)) allowed")
        default:
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw .decodeFailed(path: name, message: text.isEmpty ? "libpng reported an error" : text)
        }
    }

    /// PNG bytes for the image (with a pHYs chunk when `dpi` is given).
    public func pngData(dpi: Double? = nil) throws(RenderError) -> Data {
        try PNGEncoder.encode(pixels: pixels, width: width, height: height, dpi: dpi, text: [])
    }
}
