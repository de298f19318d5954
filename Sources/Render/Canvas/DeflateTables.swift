/// The fixed tables of the deflate format (RFC 1951, section 3.2.5): length and distance codes with their extra bits.
enum DeflateTables {
    /// Smallest match length of each length code 257…285.
    static let lengthBase: [UInt16] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                       35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtraBits: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                           3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    /// Smallest distance of each distance code 0…29.
    static let distanceBase: [UInt16] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                         257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtraBits: [UInt8] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                                             7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    /// Order in which the code-length code's lengths are sent.
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Length code index (0…28) of each match length minus 3 (0…255); 258 gets code 285, not 284 with all extra bits set.
    static let lengthCode: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for (code, base) in lengthBase.enumerated() {
            for extra in 0..<(1 << Int(lengthExtraBits[code])) where Int(base) + extra <= 258 {
                t[Int(base) + extra - 3] = UInt8(code)
            }
        }
        return t
    }()

    /// Distance code of `d − 1` at index `d − 1` for d ≤ 256, and of `d − 1` at index `256 + (d − 1) >> 7` above.
    static let distanceCode: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 512)
        for (code, base) in distanceBase.enumerated() {
            for extra in 0..<(1 << Int(distanceExtraBits[code])) {
                let d = Int(base) + extra - 1
                if d < 256 { t[d] = UInt8(code) } else { t[256 + (d >> 7)] = UInt8(code) }
            }
        }
        return t
    }()
}
