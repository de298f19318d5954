import Foundation
import Testing
@testable import CLI
import Figures

@Suite("Gallery captions and sidecars")
struct GalleryCaptionTests {
    @Test func placeholdersAreFilledFromTheSidecarNumbers() {
        let caption = "orders {{euler}} and {{rk4}}; {{missing}} stays"
        #expect(GalleryCaption.keys(caption) == ["euler", "rk4", "missing"])
        let filled = GalleryCaption.fill(caption, numbers: ["euler": "1.02", "rk4": "4.11"])
        #expect(filled == "orders 1.02 and 4.11; {{missing}} stays")
        #expect(GalleryCaption.missing(caption, numbers: ["euler": "1.02", "rk4": "4.11"]) == ["missing"])
    }

    /// The committed gallery: every figure has a sidecar whose printed text is at least 8 pt at the
    /// 6.5 in text width, whose legends touch no drawn data, whose titles follow `TitleStyle` (a
    /// figure title as the page's suptitle, sentence case, no full stop) and whose text stays on the page (measured when the figure was
    /// drawn, on a recording backend with Cairo's text metrics; `ode-gallery check` re-measures),
    /// and every number a caption quotes is in its sidecar.
    @Test func everyGalleryFigurePassesItsLayoutChecks() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let manifest = try GalleryManifestReader.read(path: root.appendingPathComponent("gallery/gallery.json").path)
        let layout = GalleryLayout(root: root.path, outFolder: root.appendingPathComponent("gallery").path, programFolder: "/")
        #expect(manifest.figures.count >= 33)
        for figure in manifest.figures {
            let path = layout.sidecarPath(figure.name)
            let data = try #require(FileManager.default.contents(atPath: path), "\(figure.name): no sidecar")
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let text = try #require(object["smallest_text_pt"] as? Double)
            #expect(text >= FigureSidecar.minimumTextSize - 0.005, "\(figure.name): text prints at \(text) pt")
            let legends = object["legends"] as? [[String: Any]] ?? []
            for legend in legends {
                #expect(legend["covers_data"] as? Bool == false, "\(figure.name): legend of axes \(legend["axes"] ?? "?") covers data")
            }
            let titles = object["title_problems"] as? [String]
            #expect(titles == [], "\(figure.name): titles off the title style: \(titles ?? ["(no check recorded)"])")
            let cut = object["text_off_page"] as? [String]
            #expect(cut == [], "\(figure.name): text cut off at the page's edge: \(cut ?? ["(no check recorded)"])")
            let numbers = GalleryCaption.numbers(sidecarAt: path)
            #expect(GalleryCaption.missing(figure.caption, numbers: numbers).isEmpty, "\(figure.name): caption quotes missing numbers")
        }
    }
}
