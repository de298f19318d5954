/// A length-limited canonical Huffman code as deflate uses it: bit lengths per symbol and the codes, bit-reversed for LSB-first output.
struct HuffmanCode {
    /// Bit length of each symbol (0 for unused symbols).
    private(set) var lengths: [UInt8]
    /// Each symbol's code with its bits reversed, ready to be written least significant bit first.
    private(set) var codes: [UInt16]

    /// An optimal code for `frequencies` with no code longer than `limit` bits.
    ///
    /// Symbols of frequency 0 get no code. Callers give at least two used symbols, so the code is
    /// complete (zlib's inflate rejects an incomplete code except a single distance code).
    /// Equal frequencies are ordered by symbol, so the result depends on the frequencies only.
    init(frequencies: [UInt32], limit: Int) {
        let n = frequencies.count
        lengths = [UInt8](repeating: 0, count: n)
        codes = [UInt16](repeating: 0, count: n)
        // Used symbols, least frequent first.
        let used = frequencies.indices.filter { frequencies[$0] > 0 }
            .sorted { (frequencies[$0], $0) < (frequencies[$1], $1) }
        guard used.count > 1 else {
            if let only = used.first { lengths[only] = 1 }
            assignCodes()
            return
        }
        let counts = Self.lengthCounts(weights: used.map { UInt64(frequencies[$0]) }, limit: limit)
        // The most frequent symbols get the shortest codes.
        var next = used.count - 1
        for length in 1...limit {
            for _ in 0..<counts[length] {
                lengths[used[next]] = UInt8(length)
                next -= 1
            }
        }
        assignCodes()
    }

    /// How many symbols get each code length (index = length) for `weights` sorted ascending.
    ///
    /// Builds the Huffman tree with two queues (leaves, then internal nodes in creation order), then
    /// folds lengths above `limit` into `limit` and restores the Kraft equality by splitting shorter
    /// codes, the usual heuristic (as in miniz); it is optimal whenever no code exceeds the limit.
    private static func lengthCounts(weights: [UInt64], limit: Int) -> [Int] {
        let n = weights.count
        var weight = weights + [UInt64](repeating: 0, count: n - 1)
        var parent = [Int](repeating: 0, count: 2 * n - 1)
        var leaf = 0, inner = n
        func smallest(_ created: Int) -> Int {
            if leaf < n && (inner >= created || weight[leaf] <= weight[inner]) { leaf += 1; return leaf - 1 }
            inner += 1
            return inner - 1
        }
        for node in n..<(2 * n - 1) {
            let a = smallest(node), b = smallest(node)
            weight[node] = weight[a] + weight[b]
            parent[a] = node
            parent[b] = node
        }
        var depth = [Int](repeating: 0, count: 2 * n - 1)
        var counts = [Int](repeating: 0, count: max(limit, n) + 1)
        for node in stride(from: 2 * n - 3, through: 0, by: -1) {
            depth[node] = depth[parent[node]] + 1
            if node < n { counts[depth[node]] += 1 }
        }
        guard counts.count > limit + 1, counts[(limit + 1)...].contains(where: { $0 > 0 }) else {
            return Array(counts.prefix(limit + 1))
        }
        for length in (limit + 1)..<counts.count { counts[limit] += counts[length] }
        counts.removeSubrange((limit + 1)...)
        var total = 0
        for length in 1...limit { total += counts[length] << (limit - length) }
        while total > 1 << limit {
            counts[limit] -= 1
            if let shorter = (1..<limit).reversed().first(where: { counts[$0] > 0 }) {
                counts[shorter] -= 1
                counts[shorter + 1] += 2
            }
            total -= 1
        }
        return counts
    }

    /// Canonical codes from the lengths (RFC 1951, 3.2.2), bit-reversed.
    private mutating func assignCodes() {
        var perLength = [Int](repeating: 0, count: 17)
        for l in lengths where l > 0 { perLength[Int(l)] += 1 }
        var next = [Int](repeating: 0, count: 17)
        var code = 0
        for bits in 1...16 {
            code = (code + perLength[bits - 1]) << 1
            next[bits] = code
        }
        for s in lengths.indices where lengths[s] > 0 {
            let l = Int(lengths[s])
            var c = next[l], r = 0
            next[l] += 1
            for _ in 0..<l { r = r << 1 | c & 1; c >>= 1 }
            codes[s] = UInt16(r)
        }
    }
}
