internal import CCairo
import Foundation

/// Drawing many frames on one backend: a PNG page is read out and cleared, a PDF page is ended and a new one begun.
extension CairoBackend {
    /// The PNG page's pixels composited over white, as an opaque RGB frame.
    func rgbFrame() throws(RenderError) -> RGBFrame {
        guard format == .png, let (w, h) = pixelSize else { throw .invalidDrawing("rgbFrame needs a PNG page") }
        if let firstError { throw firstError }
        try Self.check(context: cr, "drawing a frame")
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else {
            throw .cairo(operation: "cairo_image_surface_get_data", message: "no pixel data")
        }
        let stride = Int(cairo_image_surface_get_stride(surface))
        var out = [UInt8](repeating: 0, count: w * h * 3)
        out.withUnsafeMutableBufferPointer { dst in
            for y in 0..<h {
                let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                var d = 3 * w * y
                for x in 0..<w {
                    // Premultiplied: over white adds (255 − alpha) to every channel.
                    let p = row[x], inverse = 255 - (p >> 24)
                    dst[d] = UInt8(truncatingIfNeeded: min(255, ((p >> 16) & 0xFF) + inverse))
                    dst[d + 1] = UInt8(truncatingIfNeeded: min(255, ((p >> 8) & 0xFF) + inverse))
                    dst[d + 2] = UInt8(truncatingIfNeeded: min(255, (p & 0xFF) + inverse))
                    d += 3
                }
            }
        }
        return RGBFrame(width: w, height: h, pixels: out)
    }

    /// The PNG page as a PNG file (DPI and `metadata`), without finishing the backend.
    func pngPage(metadata: ImageMetadata) throws(RenderError) -> Data {
        guard format == .png else { throw .invalidDrawing("pngPage needs a PNG page") }
        if let firstError { throw firstError }
        try Self.check(context: cr, "drawing a frame")
        cairo_surface_flush(surface)
        return try encodePNG(text: metadata.entries)
    }

    /// Starts the next frame: a PDF page is ended (the next drawing goes on a new page); a PNG page is cleared to transparent.
    func beginNextFrame() throws(RenderError) {
        guard !finished else { throw .alreadyFinished }
        switch format {
        case .pdf:
            cairo_show_page(cr)
        case .png:
            cairo_save(cr)
            cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR)
            cairo_paint(cr)
            cairo_restore(cr)
        case .svg:
            throw .invalidDrawing("an SVG holds one frame")
        }
        try Self.check(context: cr, "starting the next frame")
    }
}
