/// The Huffman codes of one dynamic deflate block and the header describing them (RFC 1951, 3.2.7).
struct DynamicHeader {
    /// Literal/length code (symbols 0…285).
    let literal: HuffmanCode
    /// Distance code (symbols 0…29).
    let distance: HuffmanCode
    private let lengthsCode: HuffmanCode
    /// The literal and distance code lengths, run-length coded: symbol 0…18 and the value of its extra bits.
    private let runs: [(symbol: UInt8, extra: UInt8)]
    private let literalCount: Int
    private let distanceCount: Int
    private let lengthsCount: Int
    /// Size of the whole block in bits: block type, header, every symbol's code and extra bits.
    let blockBits: Int

    /// Codes for these symbol counts; the end-of-block symbol 256 must be counted by the caller.
    init(literalFrequencies: [UInt32], distanceFrequencies: [UInt32]) {
        literal = HuffmanCode(frequencies: Self.atLeastTwo(literalFrequencies), limit: 15)
        distance = HuffmanCode(frequencies: Self.atLeastTwo(distanceFrequencies), limit: 15)
        literalCount = max(257, (literal.lengths.lastIndex { $0 > 0 } ?? 0) + 1)
        distanceCount = max(1, (distance.lengths.lastIndex { $0 > 0 } ?? 0) + 1)
        runs = Self.runLengths(Array(literal.lengths[..<literalCount]) + Array(distance.lengths[..<distanceCount]))
        var frequencies = [UInt32](repeating: 0, count: 19)
        for r in runs { frequencies[Int(r.symbol)] += 1 }
        let lengthsCode = HuffmanCode(frequencies: Self.atLeastTwo(frequencies), limit: 7)
        self.lengthsCode = lengthsCode
        lengthsCount = max(4, (DeflateTables.codeLengthOrder.lastIndex { lengthsCode.lengths[$0] > 0 } ?? 0) + 1)
        var bits = 3 + 5 + 5 + 4 + 3 * lengthsCount
        for r in runs { bits += Int(lengthsCode.lengths[Int(r.symbol)]) + Self.extraBits(ofRun: r.symbol) }
        for s in 0..<286 {
            let extra = s > 256 ? Int(DeflateTables.lengthExtraBits[s - 257]) : 0
            bits += Int(literalFrequencies[s]) * (Int(literal.lengths[s]) + extra)
        }
        for s in 0..<30 {
            bits += Int(distanceFrequencies[s]) * (Int(distance.lengths[s]) + Int(DeflateTables.distanceExtraBits[s]))
        }
        blockBits = bits
    }

    /// Writes HLIT, HDIST, HCLEN, the code-length code and the run-length coded code lengths.
    func write(into sink: inout BitSink) {
        sink.put(UInt32(literalCount - 257), 5)
        sink.put(UInt32(distanceCount - 1), 5)
        sink.put(UInt32(lengthsCount - 4), 4)
        for k in 0..<lengthsCount { sink.put(UInt32(lengthsCode.lengths[DeflateTables.codeLengthOrder[k]]), 3) }
        for r in runs {
            sink.put(UInt32(lengthsCode.codes[Int(r.symbol)]), Int(lengthsCode.lengths[Int(r.symbol)]))
            let extra = Self.extraBits(ofRun: r.symbol)
            if extra > 0 { sink.put(UInt32(r.extra), extra) }
        }
    }

    /// The frequencies with symbols 0 and 1 made used as needed so at least two symbols are (a one-symbol code would be incomplete).
    private static func atLeastTwo(_ f: [UInt32]) -> [UInt32] {
        var f = f
        var missing = 2 - f.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        for s in 0..<2 where missing > 0 && f[s] == 0 {
            f[s] = 1
            missing -= 1
        }
        return f
    }

    /// Code lengths with repeats coded as 16 (previous length 3–6 times), 17 (zero 3–10 times), 18 (zero 11–138 times).
    private static func runLengths(_ lengths: [UInt8]) -> [(symbol: UInt8, extra: UInt8)] {
        var out: [(symbol: UInt8, extra: UInt8)] = []
        var i = 0
        while i < lengths.count {
            let l = lengths[i]
            var run = 1
            while i + run < lengths.count, lengths[i + run] == l { run += 1 }
            var left = run
            if l == 0 {
                while left >= 11 {
                    let r = min(left, 138)
                    out.append((18, UInt8(r - 11)))
                    left -= r
                }
                if left >= 3 {
                    out.append((17, UInt8(left - 3)))
                    left = 0
                }
            } else {
                out.append((l, 0))
                left -= 1
                while left >= 3 {
                    let r = min(left, 6)
                    out.append((16, UInt8(r - 3)))
                    left -= r
                }
            }
            out += repeatElement((symbol: l, extra: UInt8(0)), count: left)
            i += run
        }
        return out
    }

    private static func extraBits(ofRun symbol: UInt8) -> Int {
        switch symbol {
        case 16: return 2
        case 17: return 3
        case 18: return 7
        default: return 0
        }
    }
}
