internal import CDeflate
import Foundation

/// Building and walking PNG chunks (length, type, data, CRC-32).
enum PNGChunks {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// CRC-32 (ISO 3309, reflected polynomial 0xEDB88320) as PNG defines it, computed by libdeflate.
    static func crc32<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        crc32(continuing: 0, bytes)
    }

    /// The CRC-32 of the bytes that follow ones whose CRC-32 is `crc`.
    static func crc32<C: Collection>(continuing crc: UInt32, _ bytes: C) -> UInt32 where C.Element == UInt8 {
        if let c = bytes.withContiguousStorageIfAvailable({ buffer -> UInt32 in
            libdeflate_crc32(crc, buffer.baseAddress, buffer.count)
        }) {
            return c
        }
        return crc32(continuing: crc, Array(bytes))
    }

    /// One complete chunk: length, type, data and CRC.
    static func chunk(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        var out = bigEndian(UInt32(payload.count))
        out.reserveCapacity(payload.count + 12)
        out += typeBytes
        out += payload
        out += bigEndian(crc32(continuing: crc32(typeBytes), payload))
        return out
    }

    /// A pHYs chunk giving `dpi` in pixels per metre, the unit PNG stores.
    static func physicalSize(dpi: Double) -> [UInt8] {
        let ppm = UInt32((dpi / 0.0254).rounded())
        return chunk("pHYs", bigEndian(ppm) + bigEndian(ppm) + [1])
    }

    /// A tEXt chunk when `value` is Latin-1, otherwise an uncompressed iTXt chunk (UTF-8).
    static func text(key: String, value: String) throws(RenderError) -> [UInt8] {
        guard (1...79).contains(key.count), let keyBytes = key.data(using: .isoLatin1),
              !keyBytes.contains(0), key.first != " ", key.last != " " else {
            throw .invalidMetadata(key: key, reason: "keywords are 1–79 Latin-1 characters without leading or trailing spaces")
        }
        if let latin1 = value.data(using: .isoLatin1), !latin1.contains(0) {
            return chunk("tEXt", Array(keyBytes) + [0] + Array(latin1))
        }
        let utf8 = Array(value.utf8)
        guard !utf8.contains(0) else { throw .invalidMetadata(key: key, reason: "the value contains a NUL character") }
        // keyword, NUL, compression flag 0, method 0, empty language tag + NUL, empty translated keyword + NUL, text.
        return chunk("iTXt", Array(keyBytes) + [0, 0, 0, 0, 0] + utf8)
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    static func readBigEndian(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }

    /// Every chunk of a PNG file, in order, with its CRC checked; nil when the bytes are not a well-formed PNG.
    static func walk(_ bytes: [UInt8]) -> [(type: String, payload: ArraySlice<UInt8>)]? {
        guard bytes.count >= 8, Array(bytes[0..<8]) == signature else { return nil }
        var out: [(String, ArraySlice<UInt8>)] = []
        var i = 8
        while i + 12 <= bytes.count {
            let length = Int(readBigEndian(bytes, i))
            guard length <= bytes.count - i - 12 else { return nil }
            let typeBytes = bytes[(i + 4)..<(i + 8)]
            let payload = bytes[(i + 8)..<(i + 8 + length)]
            guard crc32(bytes[(i + 4)..<(i + 8 + length)]) == readBigEndian(bytes, i + 8 + length) else { return nil }
            let type = String(decoding: typeBytes, as: UTF8.self)
            out.append((type, payload))
            i += 12 + length
            if type == "IEND" { return out }
        }
        return nil
    }
}
