/// Closest names by edit distance, for "did you mean" hints.
enum Suggestions {
    /// Up to three of `candidates` within edit distance max(2, |name|/3) of `name`, nearest first.
    static func closest(to name: String, among candidates: [String]) -> [String] {
        let limit = max(2, name.count / 3)
        var scored: [(name: String, distance: Int)] = []
        for candidate in candidates {
            let d = distance(name, candidate)
            if d <= limit { scored.append((candidate, d)) }
        }
        scored.sort { ($0.distance, $0.name) < ($1.distance, $1.name) }
        return scored.prefix(3).map(\.name)
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where j <= b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
