import Foundation

/// How one theme key is read from and written to JSON.
struct ThemeField: Sendable {
    /// The key's JSON value; nil leaves the key out.
    let get: @Sendable (Theme) -> Any?
    let set: @Sendable (inout Theme, ThemeValue, String, String) throws(ThemeError) -> Void

    static func color(_ kp: WritableKeyPath<Theme, Color> & Sendable) -> ThemeField {
        ThemeField(get: { HexColor.format($0[keyPath: kp]) }, set: { theme, value, key, path throws(ThemeError) in
            guard case .string(let s) = value, let c = HexColor.parse(s) else {
                throw .invalidValue(path: path, key: key, expected: "a colour \"#rrggbb\" or \"#rrggbbaa\"")
            }
            theme[keyPath: kp] = c
        })
    }

    static func colors(_ kp: WritableKeyPath<Theme, [Color]> & Sendable) -> ThemeField {
        ThemeField(get: { $0[keyPath: kp].map(HexColor.format) }, set: { theme, value, key, path throws(ThemeError) in
            guard case .strings(let a) = value, !a.isEmpty else {
                throw .invalidValue(path: path, key: key, expected: "a non-empty list of colours")
            }
            var out: [Color] = []
            for s in a {
                guard let c = HexColor.parse(s) else { throw .invalidValue(path: path, key: key, expected: "a list of \"#rrggbb\" colours") }
                out.append(c)
            }
            theme[keyPath: kp] = out
        })
    }

    static func number(_ kp: WritableKeyPath<Theme, Double> & Sendable) -> ThemeField {
        ThemeField(get: { $0[keyPath: kp] }, set: { theme, value, key, path throws(ThemeError) in
            guard case .number(let n) = value, n.isFinite, n >= 0 else {
                throw .invalidValue(path: path, key: key, expected: "a non-negative number (points)")
            }
            theme[keyPath: kp] = n
        })
    }

    static func numbers(_ kp: WritableKeyPath<Theme, [Double]> & Sendable) -> ThemeField {
        ThemeField(get: { $0[keyPath: kp] }, set: { theme, value, key, path throws(ThemeError) in
            guard case .numbers(let a) = value, a.allSatisfy({ $0.isFinite && $0 > 0 }) else {
                throw .invalidValue(path: path, key: key, expected: "a list of positive numbers (dash lengths in points)")
            }
            theme[keyPath: kp] = a
        })
    }

    static func colormap(_ kp: WritableKeyPath<Theme, String> & Sendable) -> ThemeField {
        ThemeField(get: { $0[keyPath: kp] }, set: { theme, value, key, path throws(ThemeError) in
            guard case .string(let s) = value, Colormap.named(s) != nil else {
                throw .invalidValue(path: path, key: key, expected: "one of viridis, cividis, magma, RdBu_r")
            }
            theme[keyPath: kp] = s
        })
    }

    static func fontFile(_ kp: WritableKeyPath<FontFiles, String?> & Sendable) -> ThemeField {
        ThemeField(get: { $0.fonts[keyPath: kp] }, set: { theme, value, key, path throws(ThemeError) in
            guard case .string(let s) = value, !s.isEmpty else {
                throw .invalidValue(path: path, key: key, expected: "the path of a TTF or OTF font file")
            }
            theme.fonts[keyPath: kp] = s
        })
    }

    /// The font keys and the file each names.
    static let fontKeys: [(String, WritableKeyPath<FontFiles, String?> & Sendable)] = [
        ("text_font", \.text), ("text_bold_font", \.textBold), ("text_italic_font", \.textItalic), ("math_font", \.math),
    ]

    /// Every key of a theme file.
    static let all: [String: ThemeField] = [
        "background": color(\.background), "foreground": color(\.foreground), "frame": color(\.frame),
        "grid": color(\.grid), "series": colors(\.series), "truth": color(\.truth), "learned": color(\.learned),
        "learned_dash": numbers(\.learnedDash), "limit_cycle": color(\.limitCycle),
        "sequential_colormap": colormap(\.sequentialColormap), "diverging_colormap": colormap(\.divergingColormap),
        "tick_label_size": number(\.tickLabelSize), "axis_label_size": number(\.axisLabelSize),
        "title_size": number(\.titleSize), "suptitle_size": number(\.suptitleSize),
        "legend_size": number(\.legendSize), "annotation_size": number(\.annotationSize),
        "frame_width": number(\.frameWidth), "grid_width": number(\.gridWidth), "line_width": number(\.lineWidth),
        "thick_line_width": number(\.thickLineWidth), "streamline_width": number(\.streamlineWidth),
        "arrow_width": number(\.arrowWidth), "marker_size": number(\.markerSize),
        "major_tick_length": number(\.majorTickLength), "minor_tick_length": number(\.minorTickLength),
    ].merging(fontKeys.map { ($0.0, fontFile($0.1)) }) { a, _ in a }
}

/// A value in a theme file: the JSON shapes a theme key can take.
enum ThemeValue: Decodable, Sendable {
    case number(Double)
    case string(String)
    case numbers([Double])
    case strings([String])
    case other

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        // Bool first: JSONDecoder will not read true as a number, nor 1 as a Bool.
        if (try? c.decode(Bool.self)) != nil { self = .other }
        else if let v = try? c.decode(Double.self) { self = .number(v) }
        else if let v = try? c.decode(String.self) { self = .string(v) }
        else if let v = try? c.decode([Double].self) { self = .numbers(v) }
        else if let v = try? c.decode([String].self) { self = .strings(v) }
        else { self = .other }
    }
}
