internal import CCairo
import Foundation

/// A `DrawingBackend` over a Cairo surface: PNG, SVG or PDF from the same drawing calls.
///
/// Coordinates are points (1/72 in) with the origin at the top left; PNG pixels are points × dpi/72.
/// Cairo errors are sticky: the first failing call is remembered and thrown by `finish`.
/// Text is measured on a separate unscaled context with hinting off, so layout is the same
/// in every format and at every DPI. Not thread-safe: one backend per figure, used by one thread.
public final class CairoBackend: DrawingBackend {
    public let format: ImageFormat
    public let size: PageSize
    /// Raster resolution in pixels per inch (used by PNG only).
    public let dpi: Double
    public let pageSize: (width: Double, height: Double)
    /// Pixel size of a PNG page; nil for vector formats.
    public let pixelSize: (width: Int, height: Int)?

    let surface: OpaquePointer
    let cr: OpaquePointer
    private let measureSurface: OpaquePointer
    private let measureContext: OpaquePointer
    private let fontOptions: OpaquePointer
    private let sink = ByteSink()
    private let fonts: FontSet
    var firstError: RenderError?
    var finished = false

    /// Tangent of the synthetic italic slant (about 11°, close to DejaVu Sans Oblique).
    static let italicSlant = 0.2

    /// A page of `size` in `format`; `dpi` sets the PNG pixel size.
    ///
    /// `fontDirectory` replaces the folder of the DejaVu files (default: where fonts-dejavu-core installs them);
    /// `fontFiles` are a theme's own fonts for text and mathematics (see `FontFiles`).
    public init(format: ImageFormat, size: PageSize, dpi: Double = 150, fontDirectory: String? = nil,
                fontFiles: FontFiles = FontFiles()) throws(RenderError) {
        let (w, h) = size.points
        guard w.isFinite, h.isFinite, w > 0, h > 0, dpi.isFinite, dpi > 0 else { throw .invalidSize(width: w, height: h, dpi: dpi) }
        self.format = format
        self.size = size
        self.dpi = dpi
        self.pageSize = (w, h)
        fonts = try FontSet(files: fontFiles, directory: fontDirectory)

        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let made: OpaquePointer?
        switch format {
        case .png:
            let pw = size.width.pixels(dpi: dpi), ph = size.height.pixels(dpi: dpi)
            guard (1...32767).contains(pw), (1...32767).contains(ph) else { throw .invalidSize(width: w, height: h, dpi: dpi) }
            pixelSize = (pw, ph)
            made = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(pw), Int32(ph))
        case .svg:
            pixelSize = nil
            made = cairo_svg_surface_create_for_stream(ByteSink.write, closure, w, h)
        case .pdf:
            pixelSize = nil
            made = cairo_pdf_surface_create_for_stream(ByteSink.write, closure, w, h)
        }
        guard let made else { throw .cairo(operation: "creating the \(format.rawValue) surface", message: "no surface returned") }
        try Self.check(surface: made, "creating the \(format.rawValue) surface")
        surface = made
        if format == .svg { cairo_svg_surface_set_document_unit(made, CAIRO_SVG_UNIT_PT) }

        guard let measureSurface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1) else {
            cairo_surface_destroy(made)
            throw .cairo(operation: "creating the text measuring surface", message: "no surface returned")
        }
        self.measureSurface = measureSurface
        guard let cr = cairo_create(made), let mc = cairo_create(measureSurface), let opts = cairo_font_options_create() else {
            cairo_surface_destroy(made)
            cairo_surface_destroy(measureSurface)
            throw .cairo(operation: "cairo_create", message: "no context returned")
        }
        self.cr = cr
        self.measureContext = mc
        self.fontOptions = opts
        cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY)
        cairo_set_font_options(cr, opts)
        cairo_set_font_options(mc, opts)
        if format == .png { cairo_scale(cr, dpi / 72, dpi / 72) }
        try Self.check(context: cr, "cairo_create")
        try Self.check(context: mc, "cairo_create (measuring)")
    }

    /// A page whose format comes from the extension of `path`.
    public convenience init(path: String, size: PageSize, dpi: Double = 150) throws(RenderError) {
        try self.init(format: ImageFormat(path: path), size: size, dpi: dpi)
    }

    deinit {
        cairo_destroy(cr)
        cairo_destroy(measureContext)
        cairo_surface_destroy(surface)
        cairo_surface_destroy(measureSurface)
        cairo_font_options_destroy(fontOptions)
    }

    // MARK: Drawing

    public func save() { cairo_save(cr); check("cairo_save") }
    public func restore() { cairo_restore(cr); check("cairo_restore") }

    public func clip(to rect: Rect) {
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(cr)
        check("cairo_clip")
    }

    public func fill(_ path: Path, color: Color) {
        setPath(path)
        setSource(color)
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING)
        cairo_fill(cr)
        check("cairo_fill")
    }

    public func stroke(_ path: Path, style: StrokeStyle) {
        setPath(path)
        setSource(style.color)
        cairo_set_line_width(cr, style.width)
        style.dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
        switch style.cap {
        case .butt: cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        case .round: cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        case .square: cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE)
        }
        switch style.join {
        case .miter: cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER)
        case .round: cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        case .bevel: cairo_set_line_join(cr, CAIRO_LINE_JOIN_BEVEL)
        }
        cairo_stroke(cr)
        check("cairo_stroke")
    }

    public func drawImage(rgba: [Double], pixelWidth: Int, pixelHeight: Int, in rect: Rect, smooth: Bool) {
        guard pixelWidth > 0, pixelHeight > 0, rgba.count == pixelWidth * pixelHeight * 4 else {
            record(.invalidDrawing("drawImage got \(rgba.count) values for \(pixelWidth)×\(pixelHeight) RGBA pixels"))
            return
        }
        // SVG and PDF viewers smooth images whatever the filter says; repeating each cell k×k times
        // keeps cells sharp there (the smoothing then spans 1/k of a cell).
        let k = smooth || format == .png ? 1 : max(1, min(Self.vectorCellRepeat, Int((4_000_000 / Double(pixelWidth * pixelHeight)).squareRoot())))
        let w = pixelWidth * k, h = pixelHeight * k
        guard let image = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(w), Int32(h)) else {
            record(.cairo(operation: "cairo_image_surface_create (drawImage)", message: "no surface returned"))
            return
        }
        defer { cairo_surface_destroy(image) }
        let status = cairo_surface_status(image)
        guard status == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(image) else {
            record(.cairo(operation: "cairo_image_surface_create (drawImage)", message: String(cString: cairo_status_to_string(status))))
            return
        }
        cairo_surface_flush(image)
        let stride = Int(cairo_image_surface_get_stride(image))
        func byte(_ v: Double) -> UInt32 { UInt32((min(max(v, 0), 1) * 255).rounded()) }
        for y in 0..<h {
            let row = UnsafeMutableRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<w {
                let i = 4 * ((y / k) * pixelWidth + x / k)
                let a = min(max(rgba[i + 3], 0), 1)
                row[x] = byte(a) << 24 | byte(rgba[i] * a) << 16 | byte(rgba[i + 1] * a) << 8 | byte(rgba[i + 2] * a)
            }
        }
        cairo_surface_mark_dirty(image)
        cairo_save(cr)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(cr)
        cairo_translate(cr, rect.x, rect.y)
        cairo_scale(cr, rect.width / Double(w), rect.height / Double(h))
        cairo_set_source_surface(cr, image, 0, 0)
        if let pattern = cairo_get_source(cr) {
            cairo_pattern_set_filter(pattern, smooth ? CAIRO_FILTER_GOOD : CAIRO_FILTER_NEAREST)
            cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD)
        }
        cairo_paint(cr)
        cairo_restore(cr)
        check("drawImage")
    }

    /// Source pixels per cell side for sharp images in vector output (capped at 4 million pixels an image).
    static let vectorCellRepeat = 8

    public func measure(_ text: String, size: Double, font: FontStyle) -> TextMetrics {
        guard !text.isEmpty else { return TextMetrics(width: 0, ascent: 0, descent: 0) }
        var metrics = TextMetrics(width: 0, ascent: 0, descent: 0)
        for run in fonts.runs(text, style: font) {
            select(run, on: measureContext, size: size)
            var e = cairo_text_extents_t()
            cairo_text_extents(measureContext, run.text, &e)
            if cairo_status(measureContext) != CAIRO_STATUS_SUCCESS {
                record(.cairo(operation: "cairo_text_extents", message: String(cString: cairo_status_to_string(cairo_status(measureContext)))))
            }
            metrics.width += e.x_advance
            metrics.ascent = max(metrics.ascent, -e.y_bearing)
            metrics.descent = max(metrics.descent, e.height + e.y_bearing)
        }
        return metrics
    }

    public func text(_ text: String, at origin: Point, size: Double, font: FontStyle, color: Color, angle: Double) {
        guard !text.isEmpty else { return }
        cairo_save(cr)
        cairo_translate(cr, origin.x, origin.y)
        if angle != 0 { cairo_rotate(cr, -angle) }
        setSource(color)
        cairo_move_to(cr, 0, 0)
        // Each run starts where the previous one's advance left the current point.
        for run in fonts.runs(text, style: font) {
            select(run, on: cr, size: size)
            cairo_show_text(cr, run.text)
        }
        cairo_restore(cr)
        check("cairo_show_text")
    }

    // MARK: Output

    /// Finishes the page and returns the file's bytes (PNG with sRGB, pHYs and text chunks;
    /// SVG with deterministic ids and a title; PDF with fixed document info and no dates).
    public func finish(metadata: ImageMetadata) throws(RenderError) -> Data {
        guard !finished else { throw .alreadyFinished }
        finished = true
        if let firstError { throw firstError }
        try Self.check(context: cr, "drawing")
        switch format {
        case .png:
            cairo_surface_flush(surface)
            try Self.check(surface: surface, "cairo_surface_flush")
            return try encodePNG(text: metadata.entries)
        case .pdf:
            // Both dates are set to empty strings, so cairo 1.16 writes neither /CreationDate nor /ModDate.
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, metadata.title)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, metadata.software)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, metadata.command)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "")
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, "")
            cairo_surface_finish(surface)
            try Self.check(surface: surface, "finishing the PDF")
            return sink.bytes
        case .svg:
            cairo_surface_finish(surface)
            try Self.check(surface: surface, "finishing the SVG")
            return SVGNormalizer.normalize(sink.bytes, title: metadata.title)
        }
    }

    /// Finishes the page and writes it to `path` atomically.
    public func write(to path: String, metadata: ImageMetadata) throws(RenderError) {
        try AtomicFile.write(finish(metadata: metadata), to: path)
    }

    // MARK: Helpers

    private func setPath(_ path: Path) {
        cairo_new_path(cr)
        for e in path.elements {
            switch e {
            case .move(let p): cairo_move_to(cr, p.x, p.y)
            case .line(let p): cairo_line_to(cr, p.x, p.y)
            case let .curve(c1, c2, p): cairo_curve_to(cr, c1.x, c1.y, c2.x, c2.y, p.x, p.y)
            case .close: cairo_close_path(cr)
            }
        }
    }

    private func setSource(_ c: Color) {
        func unit(_ v: Double) -> Double { min(max(v, 0), 1) }
        cairo_set_source_rgba(cr, unit(c.r), unit(c.g), unit(c.b), unit(c.a))
    }

    private func select(_ run: FontSet.Run, on context: OpaquePointer, size: Double) {
        cairo_set_font_face(context, run.face)
        var m = cairo_matrix_t()
        // The slant shifts points above the baseline (negative y in font space) to the right.
        cairo_matrix_init(&m, size, 0, run.slant ? -Self.italicSlant * size : 0, size, 0, 0)
        cairo_set_font_matrix(context, &m)
    }

    /// The page as PNG: RGB when every pixel is opaque (the usual white page), otherwise straight-alpha RGBA.
    ///
    /// Rows are converted from Cairo's premultiplied native-endian ARGB32 straight into the encoder's buffer.
    func encodePNG(text: [(key: String, value: String)]) throws(RenderError) -> Data {
        guard let (w, h) = pixelSize, let data = cairo_image_surface_get_data(surface) else {
            throw .cairo(operation: "cairo_image_surface_get_data", message: "no pixel data")
        }
        let stride = Int(cairo_image_surface_get_stride(surface))
        func row(_ y: Int) -> UnsafePointer<UInt32> { UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self) }
        var opaque = true
        for y in 0..<h where opaque {
            let r = row(y)
            var all: UInt32 = 0xFF00_0000
            for x in 0..<w { all &= r[x] }
            opaque = all == 0xFF00_0000
        }
        if opaque {
            return try PNGEncoder.encode(width: w, height: h, layout: .rgb, dpi: dpi, text: text) { y, out in
                let r = row(y)
                for x in 0..<w {
                    let p = r[x]
                    out[3 * x] = UInt8(truncatingIfNeeded: p >> 16)
                    out[3 * x + 1] = UInt8(truncatingIfNeeded: p >> 8)
                    out[3 * x + 2] = UInt8(truncatingIfNeeded: p)
                }
            }
        }
        return try PNGEncoder.encode(width: w, height: h, layout: .rgba, dpi: dpi, text: text) { y, out in
            let r = row(y)
            for x in 0..<w {
                let p = r[x], a = p >> 24
                var red = (p >> 16) & 0xFF, green = (p >> 8) & 0xFF, blue = p & 0xFF
                if a != 255 && a != 0 {
                    red = min(255, (red * 255 + a / 2) / a)
                    green = min(255, (green * 255 + a / 2) / a)
                    blue = min(255, (blue * 255 + a / 2) / a)
                }
                out[4 * x] = UInt8(truncatingIfNeeded: red)
                out[4 * x + 1] = UInt8(truncatingIfNeeded: green)
                out[4 * x + 2] = UInt8(truncatingIfNeeded: blue)
                out[4 * x + 3] = UInt8(truncatingIfNeeded: a)
            }
        }
    }

    private func check(_ operation: @autoclosure () -> String) {
        let s = cairo_status(cr)
        if s != CAIRO_STATUS_SUCCESS { record(.cairo(operation: operation(), message: String(cString: cairo_status_to_string(s)))) }
    }

    private func record(_ error: RenderError) { if firstError == nil { firstError = error } }

    static func check(surface: OpaquePointer, _ operation: String) throws(RenderError) {
        let s = cairo_surface_status(surface)
        guard s == CAIRO_STATUS_SUCCESS else { throw .cairo(operation: operation, message: String(cString: cairo_status_to_string(s))) }
    }

    static func check(context: OpaquePointer, _ operation: String) throws(RenderError) {
        let s = cairo_status(context)
        guard s == CAIRO_STATUS_SUCCESS else { throw .cairo(operation: operation, message: String(cString: cairo_status_to_string(s))) }
    }
}

/// Collects the bytes a Cairo stream surface writes.
final class ByteSink {
    var bytes = Data()

    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().bytes.append(data, count: Int(length))
        return CAIRO_STATUS_SUCCESS
    }
}
