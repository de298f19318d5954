import Foundation

/// Fills a caption's `{{key}}` placeholders with the key numbers its figure's sidecar holds, so a
/// caption quotes what the computation wrote and cannot disagree with its figure.
enum GalleryCaption {
    /// The texts of the key numbers in the sidecar at `path` (empty when it is missing or unreadable).
    static func numbers(sidecarAt path: String) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let numbers = object["numbers"] as? [String: Any] else { return [:] }
        var out: [String: String] = [:]
        for (key, value) in numbers {
            if let v = value as? [String: Any], let text = v["text"] as? String { out[key] = text }
        }
        return out
    }

    /// The keys `caption` quotes, in order of appearance.
    static func keys(_ caption: String) -> [String] {
        var keys: [String] = []
        var rest = caption[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            keys.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return keys
    }

    /// `caption` with every `{{key}}` that `numbers` holds replaced; unknown keys stay as written.
    static func fill(_ caption: String, numbers: [String: String]) -> String {
        var text = caption
        for key in keys(caption) {
            if let value = numbers[key] { text = text.replacingOccurrences(of: "{{" + key + "}}", with: value) }
        }
        return text
    }

    /// The keys `caption` quotes that `numbers` lacks.
    static func missing(_ caption: String, numbers: [String: String]) -> [String] {
        keys(caption).filter { numbers[$0] == nil }
    }
}
