import Foundation
import Render

/// What a figure states about itself next to its image: the key numbers its caption may quote and
/// the checks of its layout (printed text size at the page's text width, legends over data, text
/// cut off at the page's edge, titles off the one title style).
///
/// Written as JSON (sorted keys, no dates) when `FigureOptions.sidecarPath` is set; `ode-gallery
/// build` sets it through the `FLOWSCOPE_FIGURE_SIDECAR` environment variable for every figure.
public struct FigureSidecar: Sendable {
    /// The environment variable naming the sidecar file a figure program writes.
    public static let environmentKey = "FLOWSCOPE_FIGURE_SIDECAR"
    /// The text width figures are designed for: 6.5 in.
    public static let textWidth = Length.inches(6.5)
    /// The smallest printed text size the gallery accepts, in points.
    public static let minimumTextSize = 8.0

    public var numbers: [KeyNumber]
    /// The page in inches.
    public var width: Double
    public var height: Double
    /// The smallest text size in points once the figure is printed at the text width (not enlarged
    /// when narrower), leaving out sub- and superscripts.
    public var smallestText: Double
    /// The same for sub- and superscripts (drawn at 0.7 of their label's size).
    public var smallestScript: Double
    /// Every placed legend: its axes (row-major), its box in points, and whether it touches drawn data.
    public var legends: [(axes: Int, box: Rect, coversData: Bool)]
    /// The text runs that reach past the page's edge (cut off in the image), in drawing order.
    public var textOffPage: [String]
    /// The figure's title (its suptitle) and its panels' titles, row-major.
    public var titles: [String]
    /// Where the titles break the one title style, panel titles that cannot sit centred over their plots included (`Figure.titleProblems(on:)`).
    public var titleProblems: [String]

    /// Measures `figure` as drawn on `backend` (whose text metrics it uses).
    public static func measure(_ figure: Figure, on backend: DrawingBackend, numbers: [KeyNumber]) -> FigureSidecar {
        let rec = RecordingBackend(width: figure.width, height: figure.height, measuringWith: backend)
        figure.render(on: rec)
        var sizes: [Double] = []
        var offPage: [String] = []
        let page = Rect(x: 0, y: 0, width: figure.width, height: figure.height)
        for case let .text(s, origin, size, font, _, angle, _) in rec.operations where !s.trimmingCharacters(in: .whitespaces).isEmpty {
            sizes.append(size)
            if !fits(textBox(s, at: origin, size: size, font: font, angle: angle, on: backend), in: page) { offPage.append(s) }
        }
        let all = Set(sizes.map { ($0 * 1000).rounded() / 1000 })
        // A run is a script when its size is 0.7 of another size drawn in the figure.
        let isScript = { (s: Double) in all.contains { abs($0 * 0.7 - s) < 1e-3 } }
        let scale = min(1, textWidth.points / figure.width)
        let text = sizes.filter { !isScript($0) }.min() ?? 0
        let script = sizes.filter(isScript).min() ?? text
        return FigureSidecar(numbers: numbers, width: figure.width / 72, height: figure.height / 72,
                             smallestText: text * scale, smallestScript: script * scale,
                             legends: figure.legendChecks(on: backend), textOffPage: offPage,
                             titles: [figure.suptitle].compactMap { $0 } + figure.axes.compactMap(\.title),
                             titleProblems: figure.titleProblems(on: backend))
    }

    /// Whether `box` lies on `page`, allowing half a point for the font's ascent, which reaches above its tallest glyphs.
    static func fits(_ box: Rect, in page: Rect) -> Bool {
        let slack = 0.5
        return box.minX >= page.minX - slack && box.maxX <= page.maxX + slack
            && box.minY >= page.minY - slack && box.maxY <= page.maxY + slack
    }

    /// The box a run of text covers on the page, rotated by `angle` about its baseline start.
    static func textBox(_ text: String, at origin: Point, size: Double, font: FontStyle, angle: Double,
                        on backend: DrawingBackend) -> Rect {
        let m = backend.measure(text, size: size, font: font)
        let c = cos(angle), s = sin(angle)
        // Corners along the baseline (dx) and down from it (dy), turned counter-clockwise as seen (y down).
        let corners = [(0.0, -m.ascent), (m.width, -m.ascent), (0, m.descent), (m.width, m.descent)]
            .map { (dx, dy) in (origin.x + dx * c + dy * s, origin.y - dx * s + dy * c) }
        let xs = corners.map(\.0), ys = corners.map(\.1)
        let x0 = xs.min() ?? origin.x, y0 = ys.min() ?? origin.y
        return Rect(x: x0, y: y0, width: (xs.max() ?? x0) - x0, height: (ys.max() ?? y0) - y0)
    }

    /// The sidecar as JSON with sorted keys.
    public func jsonData() -> Data {
        var numberObjects: [String: Any] = [:]
        for n in numbers {
            var o: [String: Any] = ["text": n.text]
            if let v = n.value { o["value"] = v }
            if let m = n.meaning { o["meaning"] = m }
            numberObjects[n.key] = o
        }
        let round = { (v: Double) in (v * 100).rounded() / 100 }
        let object: [String: Any] = [
            "format": "flowscope.figure.v1",
            "width_in": round(width), "height_in": round(height),
            "text_width_in": FigureSidecar.textWidth.points / 72,
            "smallest_text_pt": round(smallestText), "smallest_script_pt": round(smallestScript),
            "legends": legends.map { l in
                ["axes": l.axes, "box": [round(l.box.minX), round(l.box.minY), round(l.box.width), round(l.box.height)],
                 "covers_data": l.coversData] as [String: Any]
            },
            "numbers": numberObjects,
            "text_off_page": textOffPage,
            "titles": titles,
            "title_problems": titleProblems,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return data + Data("\n".utf8)
    }
}
