import Foundation

/// What a PNG file says about itself: size, resolution and text chunks.
public struct PNGInfo: Hashable, Sendable {
    public var width: Int
    public var height: Int
    /// Pixels per inch from the pHYs chunk; nil when absent or not in metres.
    public var dpi: Double?
    /// tEXt and uncompressed iTXt entries by keyword.
    public var text: [String: String]
    /// Chunk types in file order (to check, for example, that no tIME chunk is present).
    public var chunkTypes: [String]

    /// Reads the chunks of a PNG file's bytes; nil when they are not a well-formed PNG (bad signature, truncated, bad CRC).
    public init?(data: Data) {
        guard let chunks = PNGChunks.walk(Array(data)), let first = chunks.first, first.type == "IHDR",
              first.payload.count == 13 else { return nil }
        let ihdr = Array(first.payload)
        width = Int(PNGChunks.readBigEndian(ihdr, 0))
        height = Int(PNGChunks.readBigEndian(ihdr, 4))
        dpi = nil
        text = [:]
        chunkTypes = chunks.map(\.type)
        for (type, payload) in chunks {
            let p = Array(payload)
            switch type {
            case "pHYs" where p.count == 9 && p[8] == 1:
                dpi = Double(PNGChunks.readBigEndian(p, 0)) * 0.0254
            case "tEXt":
                guard let nul = p.firstIndex(of: 0) else { continue }
                let key = String(decoding: p[..<nul], as: Unicode.ASCII.self)
                text[key] = String(data: Data(p[(nul + 1)...]), encoding: .isoLatin1)
            case "iTXt":
                guard let nul = p.firstIndex(of: 0), nul + 2 < p.count, p[nul + 1] == 0 else { continue }
                let key = String(decoding: p[..<nul], as: Unicode.ASCII.self)
                var rest = p[(nul + 3)...]
                guard let langEnd = rest.firstIndex(of: 0) else { continue }
                rest = rest[(langEnd + 1)...]
                guard let transEnd = rest.firstIndex(of: 0) else { continue }
                text[key] = String(decoding: rest[(transEnd + 1)...], as: UTF8.self)
            default:
                break
            }
        }
    }
}
