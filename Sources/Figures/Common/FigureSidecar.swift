import Foundation
import Render

/// What a figure states about itself next to its image: the key numbers its caption may quote and
/// the checks of its layout (printed text size at the page's text width, legends over data).
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

    /// Measures `figure` as drawn on `backend` (whose text metrics it uses).
    public static func measure(_ figure: Figure, on backend: DrawingBackend, numbers: [KeyNumber]) -> FigureSidecar {
        let rec = RecordingBackend(width: figure.width, height: figure.height, measuringWith: backend)
        figure.render(on: rec)
        var sizes: [Double] = []
        for case let .text(s, _, size, _, _, _, _) in rec.operations where !s.trimmingCharacters(in: .whitespaces).isEmpty {
            sizes.append(size)
        }
        let all = Set(sizes.map { ($0 * 1000).rounded() / 1000 })
        // A run is a script when its size is 0.7 of another size drawn in the figure.
        let isScript = { (s: Double) in all.contains { abs($0 * 0.7 - s) < 1e-3 } }
        let scale = min(1, textWidth.points / figure.width)
        let text = sizes.filter { !isScript($0) }.min() ?? 0
        let script = sizes.filter(isScript).min() ?? text
        return FigureSidecar(numbers: numbers, width: figure.width / 72, height: figure.height / 72,
                             smallestText: text * scale, smallestScript: script * scale,
                             legends: figure.legendChecks(on: backend))
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
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return data + Data("\n".utf8)
    }
}
