internal import CGif
import Foundation

/// Reads an animated GIF's frames as they are shown (each composed over the ones before), with giflib.
///
/// Handles what players do: local and global palettes, transparency, and the three disposal modes.
/// The gallery check compares these frames with a rebuilt animation's.
public enum GIFDecoder {
    /// Every frame of `data`, composed, as opaque RGB (transparent areas of the screen shown white).
    public static func frames(_ data: Data) throws(RenderError) -> [RGBFrame] {
        let source = GIFByteSource(data)
        var error: Int32 = 0
        guard let gif = DGifOpen(Unmanaged.passUnretained(source).toOpaque(), GIFByteSource.read, &error) else {
            throw .encoderFailed(format: "gif", message: "cannot read: " + message(error))
        }
        defer { DGifCloseFile(gif, &error) }
        guard DGifSlurp(gif) == GIF_OK else { throw .encoderFailed(format: "gif", message: "cannot read: " + message(gif.pointee.Error)) }
        let width = Int(gif.pointee.SWidth), height = Int(gif.pointee.SHeight)
        guard width > 0, height > 0, width * height <= 100_000_000 else { throw .encoderFailed(format: "gif", message: "bad screen size") }
        var canvas = [UInt8](repeating: 255, count: width * height * 3)
        var frames: [RGBFrame] = []
        for k in 0..<Int(gif.pointee.ImageCount) {
            let image = gif.pointee.SavedImages[k]
            var control = GraphicsControlBlock(DisposalMode: DISPOSAL_UNSPECIFIED, UserInputFlag: false, DelayTime: 0,
                                               TransparentColor: NO_TRANSPARENT_COLOR)
            _ = DGifSavedExtensionToGCB(gif, Int32(k), &control)
            guard let map = image.ImageDesc.ColorMap ?? gif.pointee.SColorMap, let bits = image.RasterBits else {
                throw .encoderFailed(format: "gif", message: "frame \(k + 1) has no palette or pixels")
            }
            let d = image.ImageDesc
            let left = Int(d.Left), top = Int(d.Top), w = Int(d.Width), h = Int(d.Height)
            let before = control.DisposalMode == DISPOSE_PREVIOUS ? canvas : nil
            let colors = Int(map.pointee.ColorCount)
            for y in 0..<h where top + y < height {
                for x in 0..<w where left + x < width {
                    let index = Int(bits[y * w + x])
                    guard index != Int(control.TransparentColor), index < colors else { continue }
                    let c = map.pointee.Colors[index], o = 3 * ((top + y) * width + left + x)
                    canvas[o] = c.Red; canvas[o + 1] = c.Green; canvas[o + 2] = c.Blue
                }
            }
            frames.append(RGBFrame(width: width, height: height, pixels: canvas))
            if control.DisposalMode == DISPOSE_BACKGROUND {
                for y in top..<min(height, top + h) {
                    for x in left..<min(width, left + w) { let o = 3 * (y * width + x); canvas[o] = 255; canvas[o + 1] = 255; canvas[o + 2] = 255 }
                }
            } else if let before {
                canvas = before
            }
        }
        return frames
    }

    private static func message(_ code: Int32) -> String {
        GifErrorString(code).map { String(cString: $0) } ?? "giflib error \(code)"
    }
}

/// Hands giflib the bytes of a GIF in memory.
final class GIFByteSource {
    let bytes: [UInt8]
    var offset = 0

    init(_ data: Data) { bytes = [UInt8](data) }

    static let read: InputFunc = { gif, buffer, length in
        guard let gif, let user = gif.pointee.UserData, let buffer, length > 0 else { return 0 }
        let source = Unmanaged<GIFByteSource>.fromOpaque(user).takeUnretainedValue()
        let n = min(Int(length), source.bytes.count - source.offset)
        guard n > 0 else { return 0 }
        source.bytes.withUnsafeBufferPointer { src in
            guard let base = src.baseAddress else { return }
            buffer.update(from: base + source.offset, count: n)
        }
        source.offset += n
        return Int32(n)
    }
}
