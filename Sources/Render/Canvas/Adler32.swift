/// The Adler-32 checksum of zlib streams (RFC 1950, section 8), 16 bytes at a time with vector sums.
enum Adler32 {
    private static let modulus: UInt64 = 65521

    /// The checksum of `bytes` (1 for no bytes).
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var s1: UInt64 = 1, s2: UInt64 = 0
        guard let base = bytes.baseAddress else { return 1 }
        let n = bytes.count
        var i = 0
        // Blocks of 16 bytes, at most 4096 blocks a chunk so no 32-bit lane overflows (255 · 4096 · 4097 / 2 < 2³²).
        let weights = SIMD16<UInt32>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        while n - i >= 16 {
            let blocks = min((n - i) / 16, 4096)
            // lane sums of the bytes, and the running sum of those sums after each block
            var sums = SIMD16<UInt32>(), prefix = SIMD16<UInt32>()
            for b in 0..<blocks {
                let v = base.loadUnaligned(fromByteOffset: i + 16 * b, as: SIMD16<UInt8>.self)
                prefix &+= sums
                sums &+= SIMD16<UInt32>(truncatingIfNeeded: v)
            }
            let length = UInt64(16 * blocks)
            // Byte j of the chunk (block b, lane k; j = 16b + k) adds (length − j) times to s2.
            let laneTotal = UInt64(sums.wrappedSum())
            let weighted = 16 * SIMD16<UInt64>(truncatingIfNeeded: prefix).wrappedSum() + 16 * laneTotal - UInt64((sums &* weights).wrappedSum())
            s2 = (s2 + length * s1 + weighted) % modulus
            s1 = (s1 + laneTotal) % modulus
            i += 16 * blocks
        }
        let rest = base.assumingMemoryBound(to: UInt8.self)
        while i < n {
            s1 = (s1 + UInt64(rest[i])) % modulus
            s2 = (s2 + s1) % modulus
            i += 1
        }
        return UInt32(s2 << 16 | s1)
    }
}
