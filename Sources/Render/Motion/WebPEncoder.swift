internal import CWebP
import Foundation

/// Writes an animated WebP with libwebp's `WebPAnimEncoder`, lossless by default (figures are flat
/// colours and lines: lossless is both exact and small), one thread, so equal frames give equal bytes.
final class WebPEncoder {
    private let width: Int
    private let height: Int
    private let encoder: OpaquePointer
    private var config = WebPConfig()

    /// `quality` nil: lossless; else lossy at that quality (0–100).
    init(width: Int, height: Int, loopCount: Int, quality: Double? = nil) throws(RenderError) {
        guard (1...16_383).contains(width), (1...16_383).contains(height) else {
            throw .invalidAnimation("a WebP is at most 16383 pixels a side (got \(width)×\(height))")
        }
        self.width = width; self.height = height
        var options = WebPAnimEncoderOptions()
        guard WebPAnimEncoderOptionsInit(&options) != 0 else { throw .encoderFailed(format: "webp", message: "libwebp version mismatch") }
        options.anim_params.loop_count = Int32(loopCount)
        options.anim_params.bgcolor = 0xFFFF_FFFF
        options.allow_mixed = 0
        options.minimize_size = 0
        guard let made = WebPAnimEncoderNew(Int32(width), Int32(height), &options) else {
            throw .encoderFailed(format: "webp", message: "could not create the animation encoder")
        }
        encoder = made
        guard WebPConfigInit(&config) != 0 else {
            WebPAnimEncoderDelete(made)
            throw .encoderFailed(format: "webp", message: "libwebp version mismatch")
        }
        if let quality {
            config.lossless = 0
            config.quality = Float(min(max(quality, 0), 100))
        } else {
            config.lossless = 1
            config.quality = 75
        }
        config.method = 4
        config.thread_level = 0
    }

    deinit { WebPAnimEncoderDelete(encoder) }

    /// Adds a frame shown from `milliseconds` on.
    func add(_ frame: RGBFrame, milliseconds: Int) throws(RenderError) {
        guard frame.width == width, frame.height == height else {
            throw .invalidAnimation("frame of \(frame.width)×\(frame.height) pixels in a \(width)×\(height) WebP")
        }
        var picture = WebPPicture()
        guard WebPPictureInit(&picture) != 0 else { throw .encoderFailed(format: "webp", message: "libwebp version mismatch") }
        picture.use_argb = 1
        picture.width = Int32(width)
        picture.height = Int32(height)
        defer { WebPPictureFree(&picture) }
        let imported = frame.pixels.withUnsafeBufferPointer { WebPPictureImportRGB(&picture, $0.baseAddress, Int32(3 * width)) }
        guard imported != 0 else { throw .encoderFailed(format: "webp", message: "could not import a frame (out of memory?)") }
        guard WebPAnimEncoderAdd(encoder, &picture, Int32(milliseconds), &config) != 0 else {
            throw .encoderFailed(format: "webp", message: errorText())
        }
    }

    /// Ends the last frame at `endMilliseconds` and returns the file's bytes.
    func finish(endMilliseconds: Int) throws(RenderError) -> Data {
        guard WebPAnimEncoderAdd(encoder, nil, Int32(endMilliseconds), nil) != 0 else {
            throw .encoderFailed(format: "webp", message: errorText())
        }
        var data = WebPData()
        guard WebPAnimEncoderAssemble(encoder, &data) != 0, let bytes = data.bytes else {
            throw .encoderFailed(format: "webp", message: errorText())
        }
        defer { WebPDataClear(&data) }
        return Data(bytes: bytes, count: data.size)
    }

    private func errorText() -> String {
        WebPAnimEncoderGetError(encoder).map { String(cString: $0) } ?? "unknown libwebp error"
    }
}
