internal import CWebP
import Foundation

/// Reads an animated (or still) WebP's frames as they are shown, with libwebp's `WebPAnimDecoder`.
///
/// Frames come out composed over the ones before and blended onto white where they are
/// transparent, as opaque RGB; the gallery check compares them with a rebuilt animation's.
public enum WebPDecoder {
    /// Every frame of `data`, composed, as opaque RGB.
    public static func frames(_ data: Data) throws(RenderError) -> [RGBFrame] {
        let bytes = [UInt8](data)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(RenderError) -> [RGBFrame] in
            var webp = WebPData(bytes: buffer.baseAddress, size: buffer.count)
            var options = WebPAnimDecoderOptions()
            guard WebPAnimDecoderOptionsInit(&options) != 0 else { throw .encoderFailed(format: "webp", message: "libwebp version mismatch") }
            options.color_mode = MODE_RGBA
            options.use_threads = 0
            guard let decoder = WebPAnimDecoderNew(&webp, &options) else {
                throw .encoderFailed(format: "webp", message: "cannot read: not a WebP file, or a damaged one")
            }
            defer { WebPAnimDecoderDelete(decoder) }
            var info = WebPAnimInfo()
            guard WebPAnimDecoderGetInfo(decoder, &info) != 0 else { throw .encoderFailed(format: "webp", message: "cannot read its header") }
            let width = Int(info.canvas_width), height = Int(info.canvas_height)
            guard width > 0, height > 0, width * height <= 100_000_000 else { throw .encoderFailed(format: "webp", message: "bad canvas size") }
            var frames: [RGBFrame] = []
            while WebPAnimDecoderHasMoreFrames(decoder) != 0 {
                var pixels: UnsafeMutablePointer<UInt8>?
                var timestamp: Int32 = 0
                guard WebPAnimDecoderGetNext(decoder, &pixels, &timestamp) != 0, let pixels else {
                    throw .encoderFailed(format: "webp", message: "cannot decode frame \(frames.count + 1)")
                }
                var rgb = [UInt8](repeating: 255, count: width * height * 3)
                for i in 0..<(width * height) {
                    let a = Int(pixels[4 * i + 3])
                    for c in 0..<3 { rgb[3 * i + c] = UInt8((Int(pixels[4 * i + c]) * a + 255 * (255 - a) + 127) / 255) }
                }
                frames.append(RGBFrame(width: width, height: height, pixels: rgb))
            }
            return frames
        }
    }
}
