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

    /// Renames every `id="name123"` to `name` + its rank among ids with that stem (the part before
    /// the first digit), and every `#name123` reference with it.
    static func renumberIDs(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let idMarker = Array("id=\"".utf8)
        var mapping: [ArraySlice<UInt8>: [UInt8]] = [:]
        var counters: [ArraySlice<UInt8>: Int] = [:]
        var i = 0
        while let start = find(idMarker, in: bytes, from: i) {
            let nameStart = start + idMarker.count
            let nameEnd = nameEnd(bytes, from: nameStart)
            i = nameEnd
            let name = bytes[nameStart..<nameEnd]
            guard !name.isEmpty, mapping[name] == nil else { continue }
            let stemEnd = name.firstIndex(where: { $0 >= 0x30 && $0 <= 0x39 }) ?? nameEnd
            let stem = bytes[nameStart..<stemEnd]
            let n = (counters[stem] ?? 0) + 1
            counters[stem] = n
            mapping[name] = Array(stem) + Array(String(n).utf8)
        }
        guard mapping.contains(where: { Array($0.key) != $0.value }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        i = 0
        while i < bytes.count {
            let isIDValue = i >= idMarker.count && bytes[(i - idMarker.count)..<i].elementsEqual(idMarker)
            let isReference = i >= 1 && bytes[i - 1] == UInt8(ascii: "#")
            if isIDValue || isReference {
                let end = nameEnd(bytes, from: i)
                if end > i, let new = mapping[bytes[i..<end]] {
                    out += new
                    i = end
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// End of an XML name made of letters, digits, `_` and `-` starting at `from`.
    private static func nameEnd(_ b: [UInt8], from: Int) -> Int {
        var j = from
        while j < b.count {
            let c = b[j]
            let ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2D
            if !ok { break }
            j += 1
        }
        return j
    }

    private static func find(_ needle: [UInt8], in b: [UInt8], from: Int) -> Int? {
        guard needle.count <= b.count else { return nil }
        var j = from
        while j + needle.count <= b.count {
            if b[j] == needle[0] && b[j..<(j + needle.count)].elementsEqual(needle) { return j }
            j += 1
        }
        return nil
    }

    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
