/// An animation's output, chosen from the path: `.mp4`, `.gif`, `.webp`, `.pdf` (one frame a page) or
/// a path ending in `/` (a folder of numbered PNG frames).
public enum AnimationFormat: String, Hashable, Sendable, CaseIterable {
    case mp4, gif, webp, pdf
    /// A folder of `frame-0001.png`, `frame-0002.png`, …
    case frames

    /// The format named by `path`: a trailing `/` is a folder of frames, else the extension (case-insensitive).
    public init(path: String) throws(RenderError) {
        if path.hasSuffix("/") { self = .frames; return }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { throw .unsupportedAnimation(path: path, extension: "") }
        let ext = String(name[name.index(after: dot)...]).lowercased()
        guard ext != "frames", let f = AnimationFormat(rawValue: ext) else { throw .unsupportedAnimation(path: path, extension: ext) }
        self = f
    }

    /// Whether frames are pixels (every format but the PDF).
    public var isRaster: Bool { self != .pdf }

    /// The extensions (and the folder form) as the help text lists them.
    public static let choices = ".mp4, .gif, .webp, .pdf, or a folder path ending in /"
}
