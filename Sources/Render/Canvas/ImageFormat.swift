/// An output file format of `CairoBackend`, chosen from a file's extension.
public enum ImageFormat: String, Hashable, Sendable, CaseIterable {
    case png, svg, pdf

    /// The format named by the extension of `path` (case-insensitive).
    public init(path: String) throws(RenderError) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { throw .unsupportedFormat(path: path, extension: "") }
        let ext = String(name[name.index(after: dot)...]).lowercased()
        guard let f = ImageFormat(rawValue: ext) else { throw .unsupportedFormat(path: path, extension: ext) }
        self = f
    }

    /// Whether the format is a raster (its size depends on the DPI).
    public var isRaster: Bool { self == .png }
}
