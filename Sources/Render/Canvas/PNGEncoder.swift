internal import CDeflate
import Foundation

/// Encodes 8-bit pixels (RGBA, RGB, grey or indexed) as PNG with sRGB, pHYs and text chunks.
///
/// The chunks are written here; the image data is deflated by libdeflate at `compressionLevel`, rows
/// unfiltered (libpng's writer was slower at equal or larger size, and its errors arrive by longjmp,
/// which must not cross Swift frames). No tIME chunk is written, so equal pixels give equal bytes with
/// the same libdeflate.
enum PNGEncoder {
    /// How the pixel bytes given to `encode` are laid out.
    enum Layout: Equatable {
        /// 4 bytes a pixel, straight alpha.
        case rgba
        case rgb
        case grey
        /// 1 byte a pixel indexing `palette` (RGB triples, at most 256).
        case indexed(palette: [UInt8])

        var bytesPerPixel: Int { self == .rgba ? 4 : self == .rgb ? 3 : 1 }

        /// The IHDR colour type.
        var colourType: UInt8 {
            switch self {
            case .grey: return 0
            case .rgb: return 2
            case .indexed: return 3
            case .rgba: return 6
            }
        }
    }

    /// libdeflate's level. Measured on nine gallery figures against zlib (levels 1–6, default, filtered and
    /// RLE strategies) and libpng's writer: level 1 was the fastest on the large figures and 6% smaller than
    /// zlib's level 1; Up filtering made every candidate larger (README, Dependencies).
    static let compressionLevel: Int32 = 1

    /// PNG bytes for `pixels` (rows top first, laid out as `layout` says).
    static func encode(pixels: [UInt8], width: Int, height: Int, layout: Layout = .rgba, dpi: Double?,
                       text: [(key: String, value: String)]) throws(RenderError) -> Data {
        guard width > 0, height > 0, pixels.count == width * height * layout.bytesPerPixel else {
            throw .pngEncoding(message: "pixel buffer of \(pixels.count) bytes does not match \(width)×\(height) pixels")
        }
        let rowBytes = width * layout.bytesPerPixel
        return try pixels.withUnsafeBufferPointer { (src) throws(RenderError) -> Data in
            try encode(width: width, height: height, layout: layout, dpi: dpi, text: text) { y, row in
                guard let base = src.baseAddress, let out = row.baseAddress else { return }
                out.update(from: base + y * rowBytes, count: rowBytes)
            }
        }
    }

    /// PNG bytes for an image whose rows `fillRow` writes: it gets the row index (0 at the top) and
    /// a buffer of exactly width × bytes-per-pixel bytes to fill completely.
    static func encode(width: Int, height: Int, layout: Layout, dpi: Double?, text: [(key: String, value: String)],
                       fillRow: (Int, UnsafeMutableBufferPointer<UInt8>) -> Void) throws(RenderError) -> Data {
        guard (1...Int(Int32.max)).contains(width), (1...Int(Int32.max)).contains(height),
              width * layout.bytesPerPixel < Int(Int32.max) / height else {
            throw .pngEncoding(message: "image of \(width)×\(height) pixels is empty or too large")
        }
        var chunks: [[UInt8]] = []
        var ihdr = PNGChunks.bigEndian(UInt32(width)) + PNGChunks.bigEndian(UInt32(height))
        ihdr += [8, layout.colourType, 0, 0, 0]   // bit depth, colour type, deflate, adaptive filtering, no interlace
        chunks.append(PNGChunks.chunk("IHDR", ihdr))
        chunks.append(PNGChunks.chunk("sRGB", [0]))   // perceptual intent; Cairo draws in sRGB
        if case .indexed(let palette) = layout {
            guard palette.count % 3 == 0, (3...768).contains(palette.count) else {
                throw .pngEncoding(message: "a palette needs 1–256 RGB entries")
            }
            chunks.append(PNGChunks.chunk("PLTE", palette))
        }
        if let dpi {
            guard dpi.isFinite, dpi > 0 else { throw .pngEncoding(message: "DPI \(dpi) is not positive") }
            chunks.append(PNGChunks.physicalSize(dpi: dpi))
        }
        for (key, value) in text { chunks.append(try PNGChunks.text(key: key, value: value)) }

        let compressed = try deflatedRows(width: width, height: height, bytesPerPixel: layout.bytesPerPixel, fillRow: fillRow)
        var out = Data(capacity: 8 + chunks.reduce(0) { $0 + $1.count } + compressed.count + 24)
        out.append(contentsOf: PNGChunks.signature)
        for c in chunks { out.append(contentsOf: c) }
        out.append(contentsOf: PNGChunks.chunk("IDAT", compressed))
        out.append(contentsOf: PNGChunks.chunk("IEND", []))
        return out
    }

    /// The zlib stream of the scanlines (each row: filter byte 0, then the pixel bytes).
    private static func deflatedRows(width: Int, height: Int, bytesPerPixel bpp: Int,
                                     fillRow: (Int, UnsafeMutableBufferPointer<UInt8>) -> Void) throws(RenderError) -> [UInt8] {
        let rowBytes = width * bpp, pitch = rowBytes + 1
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: height * pitch)
        defer { buffer.deallocate() }
        guard let base = buffer.baseAddress else { return [] }
        for y in 0..<height {
            base[y * pitch] = 0
            fillRow(y, UnsafeMutableBufferPointer(start: base + y * pitch + 1, count: rowBytes))
        }
        guard let compressor = libdeflate_alloc_compressor(compressionLevel) else {
            throw .pngEncoding(message: "libdeflate could not allocate a compressor")
        }
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_zlib_compress_bound(compressor, buffer.count)
        let out = [UInt8](unsafeUninitializedCapacity: bound) { out, count in
            count = libdeflate_zlib_compress(compressor, base, buffer.count, out.baseAddress, bound)
        }
        guard !out.isEmpty else { throw .pngEncoding(message: "libdeflate could not compress \(buffer.count) bytes") }
        return out
    }
}
