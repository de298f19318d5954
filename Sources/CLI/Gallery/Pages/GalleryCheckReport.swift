import Foundation
import Render

/// The HTML report of an `ode-gallery check`: one page with, per figure, its status, RMS, the
/// baseline, rebuilt and diff images side by side and the commands that made it; failures first.
///
/// The images are copied next to the page (`NAME.baseline.png`, `NAME.new.png`, `NAME.diff.png`),
/// so the folder is self-contained: CI keeps it as an artifact and a browser opens it offline.
struct GalleryCheckReport {
    let folder: String
    /// Where the committed, rebuilt and diff PNGs are.
    let committedFolder: String
    let rebuiltFolder: String
    let diffFolder: String
    let tolerance: Double
    /// The committed gallery's layout, for the commands as a user runs them.
    let layout: GalleryLayout

    /// Copies the images and writes `index.html`; throws `ProgramError.failure` naming the file that could not be written.
    func write(_ results: [GalleryCheckResult], seconds: Double) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ProgramError.failure("cannot create the report folder \(folder): \(error.localizedDescription)")
        }
        var body = summary(results, seconds: seconds)
        for result in GalleryCheckResult.reportOrder(results) {
            body += try entry(result)
        }
        let page = HTMLText.page(title: "Gallery check: \(headline(results))", style: Self.style, body: body)
        try save(Data(page.utf8), as: "index.html")
    }

    private func headline(_ results: [GalleryCheckResult]) -> String {
        let failing = results.filter { $0.verdict.fails }.count
        return failing == 0 ? "all \(results.count) figures ok" : "\(failing) of \(results.count) figures failing"
    }

    private func summary(_ results: [GalleryCheckResult], seconds: Double) -> [String] {
        let counts = ["failed", "missing", "drifted", "unfit", "ok"].map { word in
            (word, results.filter { $0.status == word }.count)
        }
        let items = counts.map { "<span class=\"badge \($0.0)\">\($0.1) \($0.0)</span>" }.joined(separator: " ")
        return [
            "<h1>Gallery check: \(HTMLText.escape(headline(results)))</h1>",
            "<p class=\"summary\">\(items)</p>",
            "<p>Each figure was rebuilt and its PNG compared with the committed one: RMS difference over every "
                + "channel on the 0–255 scale, tolerance \(format(tolerance)); checked in \(String(format: "%.1f", seconds)) s. "
                + "In a diff image the committed figure is faded, differing pixels are red and anti-aliasing "
                + "differences yellow. To accept a change, rebuild the figure with <code>ode-gallery build NAME --force</code> "
                + "and commit it.</p>",
        ]
    }

    private func entry(_ result: GalleryCheckResult) throws -> [String] {
        let name = result.figure.name
        var detail = ""
        switch result.verdict {
        case let .ok(rms): detail = "RMS \(format(rms))"
        case let .drifted(rms, text): detail = (rms.map { "RMS \(format($0)) &gt; \(format(tolerance)), " } ?? "") + HTMLText.escape(text)
        case .missing: detail = "no committed image"
        case let .failed(message): detail = HTMLText.escape(message)
        case let .unfit(message): detail = "unfit for the page: " + HTMLText.escape(message)
        }
        var images: [String] = []
        images.append(try image(from: committedFolder + "/\(name).png", as: "\(name).baseline.png", label: "baseline (committed)"))
        images.append(try image(from: rebuiltFolder + "/\(name).png", as: "\(name).new.png", label: "new (rebuilt)"))
        if case .drifted = result.verdict {
            images.append(try image(from: diffFolder + "/\(name).png", as: "\(name).diff.png", label: "difference"))
        } else {
            images.append("<figure class=\"none\"><figcaption>no diff image (\(result.status))</figcaption></figure>")
        }
        let commands = GalleryReadmeWriter.commandLines(result.figure, layout: layout).map(HTMLText.escape).joined(separator: "\n")
        return [
            "<section class=\"figure \(result.status)\" id=\"\(HTMLText.escape(name))\">",
            "<h2><span class=\"badge \(result.status)\">\(result.status)</span> \(HTMLText.escape(name))</h2>",
            "<p class=\"detail\">\(detail)</p>",
            "<p class=\"caption\">\(HTMLText.markdown(GalleryReadmeWriter.caption(result.figure, layout: layout)))</p>",
            "<div class=\"images\">",
        ] + images + [
            "</div>",
            "<pre><code>\(commands)</code></pre>",
            "</section>",
        ]
    }

    /// Copies `source` next to the page as `file` and returns its `<figure>`; a missing source gives a placeholder.
    private func image(from source: String, as file: String, label: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: source) else {
            return "<figure class=\"none\"><figcaption>\(HTMLText.escape(label)): none</figcaption></figure>"
        }
        try save(data, as: file)
        let src = HTMLText.escape(file)
        return "<figure><a href=\"\(src)\"><img src=\"\(src)\" alt=\"\(HTMLText.escape(label))\"></a>"
            + "<figcaption>\(HTMLText.escape(label))</figcaption></figure>"
    }

    private func save(_ data: Data, as file: String) throws {
        let path = folder + "/" + file
        do { try AtomicFile.write(data, to: path) } catch {
            throw ProgramError.failure("cannot write \(path): \(error)")
        }
    }

    private func format(_ value: Double) -> String { String(format: "%.3f", value) }

    static let style = """
    body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; max-width: 110em; }
    h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin: 0 0 0.3em; }
    .summary .badge { font-size: 1em; }
    .badge { display: inline-block; padding: 0.1em 0.5em; border-radius: 0.3em; color: #fff; font-size: 0.85em; }
    .badge.ok { background: #2e7d32; } .badge.drifted { background: #c62828; }
    .badge.missing { background: #6a1b9a; } .badge.failed { background: #000; } .badge.unfit { background: #e65100; }
    section.figure { border: 1px solid #ccc; border-left: 0.4em solid #2e7d32; padding: 0.8em 1em; margin: 1em 0; }
    section.drifted { border-left-color: #c62828; } section.missing { border-left-color: #6a1b9a; } section.unfit { border-left-color: #e65100; }
    section.failed { border-left-color: #000; }
    .detail { font-family: ui-monospace, monospace; font-size: 0.9em; margin: 0.2em 0; }
    .caption { margin: 0.2em 0 0.6em; color: #444; }
    .images { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0.8em; }
    figure { margin: 0; } figure img { width: 100%; height: auto; border: 1px solid #ddd; }
    figure.none { border: 1px dashed #ccc; display: flex; align-items: center; justify-content: center; min-height: 6em; }
    figcaption { text-align: center; font-size: 0.85em; color: #555; }
    pre { background: #f5f5f5; padding: 0.5em; overflow-x: auto; font-size: 0.85em; }
    """
}
