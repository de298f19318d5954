internal import CCairo
internal import CPNG

enum CairoProbe {
    static var versions: String { "cairo \(String(cString: cairo_version_string())), libpng \(String(cString: png_get_libpng_ver(nil)))" }
}
