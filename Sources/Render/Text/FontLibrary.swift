internal import CCairo
import Foundation

/// Font faces loaded by file path through FreeType (not fontconfig), cached for the life of the process.
///
/// The DejaVu faces are found by name in a folder; a theme's own fonts (any TTF or OTF) by path.
/// fonts-dejavu-core has no oblique faces; italic is a synthetic slant applied by the backend's font matrix.
final class FontLibrary: @unchecked Sendable {
    enum Face: CaseIterable, Hashable, Sendable {
        case sans, sansBold, mono, monoBold
        var fileName: String {
            switch self {
            case .sans: return "DejaVuSans.ttf"
            case .sansBold: return "DejaVuSans-Bold.ttf"
            case .mono: return "DejaVuSansMono.ttf"
            case .monoBold: return "DejaVuSansMono-Bold.ttf"
            }
        }
        init(_ style: FontStyle) {
            switch (style.monospace, style.bold) {
            case (false, false): self = .sans
            case (false, true): self = .sansBold
            case (true, false): self = .mono
            case (true, true): self = .monoBold
            }
        }
    }

    /// A loaded face: the cairo font face and the FreeType face under it (both owned by the library).
    struct Loaded: Hashable, @unchecked Sendable {
        let cairo: OpaquePointer
        let freetype: FT_Face
        let path: String
        static func == (a: Loaded, b: Loaded) -> Bool { a.path == b.path }
        func hash(into hasher: inout Hasher) { hasher.combine(path) }
    }

    /// Where fonts-dejavu-core installs its files.
    static let defaultDirectory = "/usr/share/fonts/truetype/dejavu"
    static let shared = library(directory: defaultDirectory)

    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var registry: [String: FontLibrary] = [:]

    /// The one library for `directory` (faces are loaded once per process and folder).
    static func library(directory: String) -> FontLibrary {
        registryLock.lock()
        defer { registryLock.unlock() }
        if let l = registry[directory] { return l }
        let l = FontLibrary(directory: directory)
        registry[directory] = l
        return l
    }

    let directory: String
    // Guards `library` and `faces`: FreeType's FT_Library is not safe for concurrent FT_New_Face calls.
    private let lock = NSLock()
    private var library: FT_Library?
    private var faces: [String: Loaded] = [:]

    private init(directory: String) { self.directory = directory }

    /// The cairo font face (a `cairo_font_face_t *`, owned by the library) for the DejaVu `face`.
    func cairoFace(_ face: Face) throws(RenderError) -> OpaquePointer {
        try loaded(path: directory + "/" + face.fileName).cairo
    }

    /// The face in the font file at `path` (its first face when the file holds several).
    func loaded(path: String) throws(RenderError) -> Loaded {
        lock.lock()
        defer { lock.unlock() }
        if let f = faces[path] { return f }
        guard FileManager.default.fileExists(atPath: path) else { throw .fontMissing(path: path) }
        if library == nil {
            var lib: FT_Library?
            let err = FT_Init_FreeType(&lib)
            guard err == 0, let lib else { throw .fontUnreadable(path: path, code: err) }
            library = lib
        }
        var ftFace: FT_Face?
        let err = FT_New_Face(library, path, 0, &ftFace)
        guard err == 0, let ftFace else { throw .fontUnreadable(path: path, code: err) }
        // Unhinted outlines: glyph shapes and advances scale linearly, so layout does not depend on the DPI.
        guard let cf = cairo_ft_font_face_create_for_ft_face(ftFace, Int32(FT_LOAD_NO_HINTING)) else {
            FT_Done_Face(ftFace)
            throw .cairo(operation: "cairo_ft_font_face_create_for_ft_face", message: "no font face returned")
        }
        let status = cairo_font_face_status(cf)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_font_face_destroy(cf)
            FT_Done_Face(ftFace)
            throw .cairo(operation: "cairo_ft_font_face_create_for_ft_face(\(path))",
                         message: String(cString: cairo_status_to_string(status)))
        }
        // The FT_Face must outlive the cairo face; both live for the rest of the process.
        let face = Loaded(cairo: cf, freetype: ftFace, path: path)
        faces[path] = face
        return face
    }

    /// Whether `face` has a glyph for `scalar` (its character map names one).
    func hasGlyph(_ face: Loaded, _ scalar: Unicode.Scalar) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return FT_Get_Char_Index(face.freetype, FT_ULong(scalar.value)) != 0
    }
}
