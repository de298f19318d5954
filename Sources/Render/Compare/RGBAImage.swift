internal import CPNG
import Foundation

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

    /// Decodes a PNG file of any 8- or 16-bit colour type (grey, RGB, palette, with or without alpha) to RGBA8.
    public init(contentsOfFile path: String) throws(CompareError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileMissing(path: path) }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        try self.init(pngData: data, name: path)
    }

    /// Decodes PNG bytes; `name` is used in error messages.
    public init(pngData data: Data, name: String = "data") throws(CompareError) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8, Array(bytes[0..<8]) == PNGChunks.signature else { throw .notPNG(path: name) }
        // The simplified API catches libpng's longjmp errors itself and reports a message.
        // libpng reads the bytes lazily until png_image_finish_read, so they must stay alive (and
        // in place) for both calls: an optimised build may free `bytes` right after its last use.
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        let decoded = bytes.withUnsafeBytes { (memory) -> Result<[UInt8], CompareError> in
            guard png_image_begin_read_from_memory(&image, memory.baseAddress, memory.count) != 0 else {
                return .failure(.decodeFailed(path: name, message: Self.message(image)))
            }
            image.format = png_uint_32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)
            let w = Int(image.width), h = Int(image.height)
            guard w > 0, h > 0, w <= 1 << 15, h <= 1 << 15 else {
                png_image_free(&image)
                return .failure(.decodeFailed(path: name, message: "unsupported size \(w)×\(h)"))
            }
            var buffer = [UInt8](repeating: 0, count: w * h * 4)
            let done = buffer.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
            guard done != 0 else {
                let msg = Self.message(image)
                png_image_free(&image)
                return .failure(.decodeFailed(path: name, message: msg))
            }
            return .success(buffer)
        }
        let buffer = try decoded.get()
        let w = Int(image.width), h = Int(image.height)
        width = w; height = h; pixels = buffer
    }

    /// PNG bytes for the image (with a pHYs chunk when `dpi` is given).
    public func pngData(dpi: Double? = nil) throws(RenderError) -> Data {
        try PNGEncoder.encode(pixels: pixels, width: width, height: height, dpi: dpi, text: [])
    }

    private static func message(_ image: png_image) -> String {
        let s = withUnsafeBytes(of: image.message) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
        return s.isEmpty ? "libpng reported an error" : s
    }
}
