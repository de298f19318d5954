/// Why a figure could not be drawn or written.
public enum RenderError: Error, Equatable, CustomStringConvertible {
    /// The path's extension is not .png, .svg or .pdf.
    case unsupportedFormat(path: String, extension: String)
    /// The page is empty, not finite, or too large for a raster surface.
    case invalidSize(width: Double, height: Double, dpi: Double)
    /// A Cairo call failed; `operation` names it, `message` is Cairo's status text.
    case cairo(operation: String, message: String)
    /// A font file is missing.
    case fontMissing(path: String)
    /// FreeType could not load a font file.
    case fontUnreadable(path: String, code: Int32)
    /// The image could not be encoded as PNG (bad size or metadata, or libdeflate failed).
    case pngEncoding(message: String)
    /// Text metadata that PNG cannot carry (tEXt is Latin-1 with a keyword of 1–79 characters).
    case invalidMetadata(key: String, reason: String)
    /// The file could not be written; no partial file was left.
    case writeFailed(path: String, reason: String)
    /// A drawing call with inconsistent arguments (a programming error in the caller).
    case invalidDrawing(String)
    /// Drawing or finishing after the backend was finished.
    case alreadyFinished
    /// The path names no animation format (.mp4, .gif, .webp, .pdf, or a folder ending in /).
    case unsupportedAnimation(path: String, extension: String)
    /// Animation settings out of range (fps, frame count, loops).
    case invalidAnimation(String)
    /// An external program a format needs is not installed (`ffmpeg` for MP4).
    case toolMissing(program: String, format: String)
    /// An encoder (giflib, libwebp, ffmpeg) failed; `message` says how.
    case encoderFailed(format: String, message: String)

    public var description: String {
        switch self {
        case let .unsupportedFormat(path, ext):
            return ext.isEmpty ? "cannot tell the image format of \(path): give it a .png, .svg or .pdf extension"
                : "unsupported image format .\(ext) for \(path): use .png, .svg or .pdf"
        case let .invalidSize(w, h, dpi):
            return "invalid figure size \(w)×\(h) pt at \(dpi) dpi (must be positive, finite, and under 32767 pixels a side)"
        case let .cairo(op, msg): return "cairo failed in \(op): \(msg)"
        case let .fontMissing(path):
            return "font file \(path) is missing" + (path.contains("DejaVu") || path.contains("/dejavu/") ? "; install the Debian package fonts-dejavu-core" : "")
        case let .fontUnreadable(path, code): return "FreeType could not load \(path) (error \(code))"
        case let .pngEncoding(msg): return "cannot encode the PNG: \(msg)"
        case let .invalidMetadata(key, reason): return "PNG text chunk \(key): \(reason)"
        case let .writeFailed(path, reason): return "could not write \(path): \(reason)"
        case let .invalidDrawing(what): return "invalid drawing call: \(what)"
        case .alreadyFinished: return "the drawing was already finished"
        case let .unsupportedAnimation(path, ext):
            return (ext.isEmpty ? "cannot tell the animation format of \(path)" : "unsupported animation format .\(ext) for \(path)")
                + ": use \(AnimationFormat.choices)"
        case let .invalidAnimation(what): return "invalid animation: \(what)"
        case let .toolMissing(program, format):
            return "writing .\(format) needs the \(program) program, which is not on PATH; install the Debian package \(program) (scripts/setup.sh does)"
        case let .encoderFailed(format, message): return "the \(format) encoder failed: \(message)"
        }
    }
}
