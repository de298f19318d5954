import Figures
import Foundation
import Render

/// Compares rebuilt figures with the committed ones through Render's image comparison, writing diff images.
///
/// A figure is `ok` when its RMS difference (all channels, 0–255 scale) is at most the tolerance,
/// `drifted` when it is over (or the sizes differ), `missing` when no committed PNG exists.
struct GalleryChecker {
    /// The verdict on one figure.
    enum Verdict: Equatable {
        case ok(rms: Double)
        case drifted(rms: Double?, detail: String)
        case missing
        case failed(String)
        /// The pixels match but the sidecar does not pass: small text, a legend over data, changed numbers.
        case unfit(String)

        /// Whether the check fails because of it.
        var fails: Bool { if case .ok = self { false } else { true } }
    }

    let committedFolder: String
    let rebuiltFolder: String
    let diffFolder: String
    let tolerance: Double

    /// Compares `name.png` in the two folders; writes `<diffFolder>/<name>.png` when it drifted and removes an old one otherwise.
    func verdict(for name: String) -> Verdict {
        let committed = committedFolder + "/" + name + ".png"
        let rebuilt = rebuiltFolder + "/" + name + ".png"
        let diffPath = diffFolder + "/" + name + ".png"
        unlink(diffPath)
        guard FileManager.default.fileExists(atPath: committed) else { return .missing }
        let comparison: ImageComparison
        do {
            comparison = try ImageComparator().compare(file: committed, with: rebuilt)
        } catch .sizeMismatch(let a, let b) {
            return .drifted(rms: nil, detail: "size \(a.width)×\(a.height) committed, \(b.width)×\(b.height) rebuilt")
        } catch {
            return .failed(error.description)
        }
        guard comparison.rms > tolerance else { return .ok(rms: comparison.rms) }
        return drifted(comparison, detail: "\(comparison.differingPixels) differing pixels", diffPath: diffPath)
    }

    /// A drifted verdict for `comparison`, its diff image written to `diffPath` (said in the detail).
    private func drifted(_ comparison: ImageComparison, detail: String, diffPath: String) -> Verdict {
        var detail = detail
        do {
            try FileManager.default.createDirectory(atPath: diffFolder, withIntermediateDirectories: true)
            try AtomicFile.write(try comparison.diff.pngData(), to: diffPath)
            detail += ", diff \(diffPath)"
        } catch {
            detail += ", diff not written: \(error)"
        }
        return .drifted(rms: comparison.rms, detail: detail)
    }

    /// Compares the frames of animation `name.ext` at `sampledFrames` spots (first and last
    /// included) with the RMS rule of `verdict(for:)`; the first frame over tolerance drifts, named
    /// by its number (from 1), with its diff image `<diffFolder>/<name>.frame-K.png`.
    func animationVerdict(for name: String, extension ext: String) -> Verdict {
        let committed = committedFolder + "/" + name + "." + ext, rebuilt = rebuiltFolder + "/" + name + "." + ext
        guard FileManager.default.fileExists(atPath: committed) else { return .missing }
        guard FileManager.default.fileExists(atPath: rebuilt) else { return .failed("no \(name).\(ext) was rebuilt") }
        let a: [RGBFrame], b: [RGBFrame]
        do {
            a = try Self.frames(of: committed, extension: ext)
            b = try Self.frames(of: rebuilt, extension: ext)
        } catch {
            return .failed(error.description)
        }
        guard a.count == b.count else { return .drifted(rms: nil, detail: "\(a.count) frames committed, \(b.count) rebuilt") }
        var worst = 0.0
        for i in AnimationWriter.sampleIndices(count: a.count, samples: Self.sampledFrames) {
            guard let first = RGBAImage(rgb: a[i]), let second = RGBAImage(rgb: b[i]) else {
                return .drifted(rms: nil, detail: "frame \(i + 1): size \(a[i].width)×\(a[i].height) committed, \(b[i].width)×\(b[i].height) rebuilt")
            }
            let comparison: ImageComparison
            do { comparison = try ImageComparator().compare(first, second) } catch {
                return .drifted(rms: nil, detail: "frame \(i + 1): \(error)")
            }
            worst = max(worst, comparison.rms)
            guard comparison.rms > tolerance else { continue }
            return drifted(comparison, detail: "frame \(i + 1) of \(a.count), \(comparison.differingPixels) differing pixels",
                           diffPath: diffFolder + "/" + name + ".frame-\(i + 1).png")
        }
        return .ok(rms: worst)
    }

    /// Every shown frame of the animation at `path`: GIF by giflib, WebP by libwebp, MP4 through ffmpeg.
    static func frames(of path: String, extension ext: String) throws(RenderError) -> [RGBFrame] {
        if ext == "mp4" { return try FFmpegDecoder.frames(path: path) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .writeFailed(path: path, reason: "cannot read it") }
        return ext == "webp" ? try WebPDecoder.frames(data) : try GIFDecoder.frames(data)
    }

    /// Frames of an animation the check compares.
    static let sampledFrames = 9

    /// What is wrong with figure `name`'s rebuilt sidecar: printed text under the minimum, a legend
    /// touching drawn data, text cut off at the page's edge, titles off `TitleStyle`, or key numbers whose text differs from the committed sidecar's.
    func sidecarProblems(for name: String) -> [String] {
        let rebuilt = rebuiltFolder + "/data/" + name + ".figure.json"
        guard let data = FileManager.default.contents(atPath: rebuilt),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return ["no sidecar was written"]
        }
        var problems: [String] = []
        if let pt = object["smallest_text_pt"] as? Double, pt < FigureSidecar.minimumTextSize - 0.005 {
            problems.append("text prints at \(pt) pt at the text width (minimum \(FigureSidecar.minimumTextSize))")
        }
        let covering = (object["legends"] as? [[String: Any]] ?? []).filter { $0["covers_data"] as? Bool == true }
        if !covering.isEmpty {
            problems.append("legend over data in axes " + covering.map { "\($0["axes"] ?? "?")" }.joined(separator: ", "))
        }
        if let cut = object["text_off_page"] as? [String], !cut.isEmpty {
            problems.append("text cut off at the page's edge: " + cut.map { "\"\($0)\"" }.joined(separator: ", "))
        }
        if let titles = object["title_problems"] as? [String], !titles.isEmpty {
            problems.append("titles off the title style: " + titles.joined(separator: "; "))
        }
        let old = GalleryCaption.numbers(sidecarAt: committedFolder + "/data/" + name + ".figure.json")
        let new = GalleryCaption.numbers(sidecarAt: rebuilt)
        let changed = Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
        if !changed.isEmpty { problems.append("caption numbers changed: " + changed.joined(separator: ", ")) }
        return problems
    }

    /// Names of committed PNGs (top level of the folder, not hidden) that no figure in `names` makes, sorted.
    func extras(known names: Set<String>) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: committedFolder)) ?? []
        return files.filter { $0.hasSuffix(".png") && !$0.hasPrefix(".") }
            .map { String($0.dropLast(4)) }
            .filter { !names.contains($0) }
            .sorted()
    }

    /// The line printed for a verdict: `ok NAME`, `drifted NAME rms=…`, `missing NAME`, `failed NAME: …`.
    static func line(_ name: String, _ verdict: Verdict) -> String {
        switch verdict {
        case .ok: return "ok \(name)"
        case let .drifted(rms, detail):
            return "drifted \(name)" + (rms.map { " rms=" + String(format: "%.3f", $0) } ?? "") + " (\(detail))"
        case .missing: return "missing \(name)"
        case let .failed(message): return "failed \(name): \(message)"
        case let .unfit(message): return "unfit \(name): \(message)"
        }
    }
}
