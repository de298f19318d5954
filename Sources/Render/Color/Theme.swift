import Foundation
import InputSafety

/// Colours, line widths and font sizes of a figure, built in or loaded from a JSON theme file.
///
/// `assets/theme.json` carries the built-in values (`Theme.standard`); a theme file may give any
/// subset of the keys, the rest keep their built-in values; unknown keys are an error (typos).
/// Colours are `#rrggbb` or `#rrggbbaa`; lengths and sizes are points.
public struct Theme: Hashable, Sendable {
    public var background = Color.white
    /// Text colour.
    public var foreground = Color(hex: 0x222222)
    public var frame = Color(hex: 0x333333)
    public var grid = Color(hex: 0xDDDDDD)
    /// Colours given in turn to series that have no role (`Palette.seriesCycle`; `seriesLine`).
    public var series: [Color] = Palette.seriesCycle
    /// The true (reference) solution: black, solid.
    public var truth = Palette.black
    /// A learned solution: vermillion, dashed, so it differs from the truth in grey too.
    public var learned = Palette.vermillion
    public var learnedDash: [Double] = [5, 2.5]
    public var limitCycle = Color(hex: 0xCC79A7)
    /// Name of the map for magnitudes (speed, loss), see `Colormap.named`.
    public var sequentialColormap = "viridis"
    /// Name of the map for signed errors.
    public var divergingColormap = "RdBu_r"

    public var tickLabelSize = 9.0
    public var axisLabelSize = 10.5
    public var titleSize = 11.5
    public var suptitleSize = 13.5
    public var legendSize = 8.5
    public var annotationSize = 9.0

    public var frameWidth = 0.8
    public var gridWidth = 0.5
    public var lineWidth = 1.5
    public var thickLineWidth = 2.6
    public var streamlineWidth = 1.0
    public var arrowWidth = 0.9
    public var markerSize = 4.0
    public var majorTickLength = 4.0
    public var minorTickLength = 2.2

    /// Font files for text and mathematics (keys `text_font`, `text_bold_font`, `text_italic_font`,
    /// `math_font`); none by default, which keeps DejaVu. Relative paths are relative to the theme file.
    public var fonts = FontFiles()

    public init() {}

    /// The built-in theme (the values in `assets/theme.json`).
    public static let standard = Theme()

    /// The sequential colormap, viridis if the name is unknown.
    public var sequential: Colormap { Colormap.named(sequentialColormap) ?? .viridis }
    /// The diverging colormap, RdBu_r if the name is unknown.
    public var diverging: Colormap { Colormap.named(divergingColormap) ?? .diverging }

    /// Loads a theme file; keys it leaves out keep the built-in values.
    public static func load(path: String) throws(ThemeError) -> Theme {
        let data: Data
        do { data = try InputFile.read(path, maximumBytes: 1 << 20) } catch .notFound { throw .fileMissing(path: path) } catch {
            throw .unreadable(path: path, reason: error.description)
        }
        return try decode(data, name: path, folder: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    /// A theme from JSON bytes; `name` is used in error messages, relative font paths are taken from `folder`
    /// (default: the working folder), and every font file must exist.
    public static func decode(_ data: Data, name: String = "theme", folder: String? = nil) throws(ThemeError) -> Theme {
        guard (try? JSONSerialization.jsonObject(with: data)) != nil else { throw .invalidJSON(path: name, reason: "not valid JSON") }
        if let duplicate = JSONDuplicateKeys.first(in: data) { throw .invalidJSON(path: name, reason: duplicate.description) }
        let dict: [String: ThemeValue]
        do { dict = try JSONDecoder().decode([String: ThemeValue].self, from: data) } catch {
            throw .invalidJSON(path: name, reason: "the top level must be an object of theme keys")
        }
        var theme = Theme()
        for (key, value) in dict.sorted(by: { $0.key < $1.key }) {
            guard let field = ThemeField.all[key] else { throw .unknownKey(path: name, key: key) }
            try field.set(&theme, value, key, name)
        }
        for (key, path) in ThemeField.fontKeys {
            guard let file = theme.fonts[keyPath: path] else { continue }
            let resolved = if let folder, !file.hasPrefix("/") { folder + "/" + file } else { file }
            guard FileManager.default.fileExists(atPath: resolved) else {
                throw .invalidValue(path: name, key: key, expected: "an existing TTF or OTF file (\(resolved) not found)")
            }
            theme.fonts[keyPath: path] = resolved
        }
        return theme
    }

    /// The theme as pretty-printed JSON with sorted keys (the format of `assets/theme.json`).
    public func jsonData() -> Data {
        var dict: [String: Any] = [:]
        for (key, field) in ThemeField.all { if let value = field.get(self) { dict[key] = value } }
        let data = try? JSONSerialization.data(withJSONObject: dict, options: [.prettyPrinted, .sortedKeys])
        return (data ?? Data()) + Data("\n".utf8)
    }
}

/// Why a theme file could not be used.
public enum ThemeError: Error, Equatable, CustomStringConvertible {
    case fileMissing(path: String)
    case unreadable(path: String, reason: String)
    case invalidJSON(path: String, reason: String)
    case unknownKey(path: String, key: String)
    case invalidValue(path: String, key: String, expected: String)

    public var description: String {
        switch self {
        case let .fileMissing(path): return "theme file \(path) does not exist"
        case let .unreadable(path, reason): return "cannot read theme file \(path): \(reason)"
        case let .invalidJSON(path, reason): return "theme file \(path): \(reason)"
        case let .unknownKey(path, key): return "theme file \(path): unknown key \"\(key)\""
        case let .invalidValue(path, key, expected): return "theme file \(path): \"\(key)\" must be \(expected)"
        }
    }
}
