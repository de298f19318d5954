internal import CGif
import Foundation

/// Writes an animated GIF with giflib: one shared palette (`GIFPalette`), a looping extension, and
/// each frame stored as the rectangle that changed since the previous one, unchanged pixels inside it transparent.
final class GIFEncoder {
    private let width: Int
    private let height: Int
    private var palette: GIFPalette
    private let sink = GIFByteSink()
    private let gif: UnsafeMutablePointer<GifFileType>
    private var previous: [UInt8]?
    private var closed = false

    init(width: Int, height: Int, palette: GIFPalette, loopCount: Int) throws(RenderError) {
        guard (1...65_535).contains(width), (1...65_535).contains(height) else {
            throw .invalidAnimation("a GIF is at most 65535 pixels a side (got \(width)×\(height))")
        }
        self.width = width; self.height = height; self.palette = palette
        var error: Int32 = 0
        guard let gif = EGifOpen(Unmanaged.passUnretained(sink).toOpaque(), GIFByteSink.write, &error) else {
            throw .encoderFailed(format: "gif", message: Self.message(error))
        }
        self.gif = gif
        EGifSetGifVersion(gif, true)
        var colors = palette.colorMap
        guard let map = GifMakeMapObject(256, &colors) else {
            EGifCloseFile(gif, &error)
            closed = true
            throw .encoderFailed(format: "gif", message: "could not make the colour map")
        }
        defer { GifFreeMapObject(map) }
        do {
            try check(EGifPutScreenDesc(gif, Int32(width), Int32(height), 8, 0, map), "writing the screen descriptor")
            // NETSCAPE2.0 application extension: loop count, little-endian, 0 for ever.
            try check(EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE), "writing the loop extension")
            var name = Array("NETSCAPE2.0".utf8)
            try check(EGifPutExtensionBlock(gif, 11, &name), "writing the loop extension")
            var loop: [UInt8] = [1, UInt8(loopCount & 0xFF), UInt8(loopCount >> 8)]
            try check(EGifPutExtensionBlock(gif, 3, &loop), "writing the loop extension")
            try check(EGifPutExtensionTrailer(gif), "writing the loop extension")
        } catch let failure {
            EGifCloseFile(gif, &error)
            closed = true
            throw failure
        }
    }

    deinit {
        if !closed {
            var error: Int32 = 0
            EGifCloseFile(gif, &error)
        }
    }

    /// Adds a frame shown for `centiseconds`.
    func add(_ frame: RGBFrame, centiseconds: Int) throws(RenderError) {
        guard frame.width == width, frame.height == height else {
            throw .invalidAnimation("frame of \(frame.width)×\(frame.height) pixels in a \(width)×\(height) GIF")
        }
        let current = palette.indices(of: frame)
        var x0 = 0, y0 = 0, x1 = width - 1, y1 = height - 1
        var pixels = current
        if let previous {
            // The bounding box of changed pixels (a 1×1 box when nothing changed).
            x0 = width; y0 = height; x1 = -1; y1 = -1
            for y in 0..<height {
                for x in 0..<width where current[y * width + x] != previous[y * width + x] {
                    x0 = min(x0, x); x1 = max(x1, x); y0 = min(y0, y); y1 = max(y1, y)
                }
            }
            if x1 < 0 { x0 = 0; y0 = 0; x1 = 0; y1 = 0 }
            pixels = current
            for i in pixels.indices where pixels[i] == previous[i] { pixels[i] = GIFPalette.transparentIndex }
        }
        var control = GraphicsControlBlock(DisposalMode: DISPOSE_DO_NOT, UserInputFlag: false, DelayTime: Int32(centiseconds),
                                           TransparentColor: previous == nil ? NO_TRANSPARENT_COLOR : Int32(GIFPalette.transparentIndex))
        var block = [UInt8](repeating: 0, count: 4)
        let length = EGifGCBToExtension(&control, &block)
        try check(EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, Int32(length), block), "writing a frame's delay")
        let w = x1 - x0 + 1, h = y1 - y0 + 1
        try check(EGifPutImageDesc(gif, Int32(x0), Int32(y0), Int32(w), Int32(h), false, nil), "writing a frame descriptor")
        var row = [UInt8](repeating: 0, count: w)
        for y in y0...y1 {
            for x in 0..<w { row[x] = pixels[y * width + x0 + x] }
            try check(EGifPutLine(gif, &row, Int32(w)), "writing a frame's pixels")
        }
        previous = current
    }

    /// Closes the file and returns its bytes.
    func finish() throws(RenderError) -> Data {
        var error: Int32 = 0
        closed = true
        guard EGifCloseFile(gif, &error) == GIF_OK else { throw .encoderFailed(format: "gif", message: Self.message(error)) }
        return sink.bytes
    }

    private func check(_ status: Int32, _ what: String) throws(RenderError) {
        guard status == GIF_OK else { throw .encoderFailed(format: "gif", message: "\(what): " + Self.message(gif.pointee.Error)) }
    }

    private static func message(_ code: Int32) -> String {
        GifErrorString(code).map { String(cString: $0) } ?? "giflib error \(code)"
    }
}

/// Collects the bytes giflib writes.
final class GIFByteSink {
    var bytes = Data()

    static let write: OutputFunc = { gif, data, length in
        guard let gif, let user = gif.pointee.UserData, let data, length >= 0 else { return 0 }
        Unmanaged<GIFByteSink>.fromOpaque(user).takeUnretainedValue().bytes.append(data, count: Int(length))
        return length
    }
}
