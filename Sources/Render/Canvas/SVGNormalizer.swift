import Foundation

/// Makes Cairo's SVG output independent of process history: ids renumbered in order of first appearance, and a title added.
///
/// Cairo names some SVG elements after process-wide counters (for example `surface5` for an
/// embedded image), so the same drawing can get different ids later in a run.
enum SVGNormalizer {
    static func normalize(_ data: Data, title: String) -> Data {
        guard var text = String(data: data, encoding: .utf8) else { return data }
        text = renumberIDs(text)
        if !title.isEmpty, let open = text.range(of: "<svg"), let end = text.range(of: ">", range: open.upperBound..<text.endIndex) {
            text.insert(contentsOf: "\n<title>\(escape(title))</title>", at: end.upperBound)
        }
        return Data(text.utf8)
    }

    /// Renames every `id="name123"` to `name` + its rank among ids with that stem, and every `#name123` reference with it.
    static func renumberIDs(_ text: String) -> String {
        guard let idPattern = try? NSRegularExpression(pattern: #"\bid="([A-Za-z_][A-Za-z_-]*?)(\d+)((?:-\d+)*)""#),
              let namePattern = try? NSRegularExpression(pattern: #"(?<=\bid="|#)([A-Za-z_][A-Za-z0-9_-]*)"#) else { return text }
        let ns = text as NSString
        var mapping: [String: String] = [:]
        var counters: [String: Int] = [:]
        for m in idPattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let stem = ns.substring(with: m.range(at: 1))
            let old = stem + ns.substring(with: m.range(at: 2)) + ns.substring(with: m.range(at: 3))
            guard mapping[old] == nil else { continue }
            let n = (counters[stem] ?? 0) + 1
            counters[stem] = n
            mapping[old] = "\(stem)\(n)"
        }
        guard mapping.contains(where: { $0.key != $0.value }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var last = 0
        for m in namePattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let name = ns.substring(with: m.range)
            guard let new = mapping[name] else { continue }
            out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
            out += new
            last = m.range.location + m.range.length
        }
        out += ns.substring(from: last)
        return out
    }

    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
