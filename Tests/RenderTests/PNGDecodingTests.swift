import Foundation
import Testing
@testable import Render

/// PNG decoding of every colour type, bit depth and interlace method against RGBA written by an
/// independent decoder (`scripts/make_png_fixtures.py`: Python's zlib, cross-checked with Pillow).
@Suite("PNG decoding")
struct PNGDecodingTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/png").path

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".png") }.map { String($0.dropLast(4)) }.sorted()
    }

    @Test func everyLayoutHasAFixture() {
        #expect(Self.names.count == 30)
        #expect(Self.names.contains("type6-depth16-adam7"))
        #expect(Self.names.contains("type3-depth1"))
    }

    @Test(arguments: names) func decodesLikeTheIndependentDecoder(_ name: String) throws {
        let image = try RGBAImage(contentsOfFile: "\(Self.folder)/\(name).png")
        let expected = try Data(contentsOf: URL(fileURLWithPath: "\(Self.folder)/\(name).rgba"))
        #expect(image.width == 13 && image.height == 9)
        let mismatches = zip(image.pixels, expected).enumerated().filter { $0.element.0 != $0.element.1 }
        #expect(image.pixels.count == expected.count)
        #expect(mismatches.isEmpty, "\(name): \(mismatches.count) bytes differ, first at \(mismatches.first?.offset ?? -1)")
    }

    /// A 16-bit copy of an 8-bit image (each sample v as 257·v) compares equal: no linear-light conversion.
    @Test func sixteenBitCopyOfAnImageIsIdentical() throws {
        let source = try RGBAImage(contentsOfFile: "\(Self.folder)/type6-depth8.png")
        var body = Data()
        for y in 0..<source.height {
            body.append(0)
            for x in 0..<source.width {
                for v in source.pixel(x: x, y: y) { body.append(contentsOf: [v, v]) }
            }
        }
        let png = Self.png(width: source.width, height: source.height, depth: 16, colorType: 6, rows: body)
        let wide = try RGBAImage(pngData: png)
        #expect(wide == source)
        #expect(try ImageComparator().compare(source, wide).rms == 0)
    }

    @Test func oversizedImageIsRefusedBeforeAllocating() throws {
        let png = Self.png(width: 30000, height: 30000, depth: 8, colorType: 6, rows: Data([0]))
        let error = #expect(throws: CompareError.self) { try RGBAImage(pngData: png, name: "big.png", maximumBytes: 1 << 20) }
        #expect(error?.description.contains("30000×30000") == true)
    }

    @Test func truncatedAndCorruptDataGiveErrors() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(Self.folder)/type2-depth8.png"))
        for cut in [8, 20, 33, bytes.count / 2, bytes.count - 13] {
            #expect(throws: CompareError.self) { try RGBAImage(pngData: bytes.prefix(cut)) }
        }
        var corrupt = bytes
        corrupt[40] ^= 0xFF
        #expect(throws: CompareError.self) { try RGBAImage(pngData: corrupt) }
    }

    /// A minimal PNG: IHDR, one zlib-compressed IDAT of `rows` (filter bytes included), IEND.
    static func png(width: Int, height: Int, depth: UInt8, colorType: UInt8, rows: Data) -> Data {
        func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
            let typed = Array(type.utf8) + body
            return be32(body.count) + typed + be32(Int(PNGChunks.crc32(typed)))
        }
        func be32(_ v: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8((v >> $0) & 0xFF) } }
        let ihdr = be32(width) + be32(height) + [depth, colorType, 0, 0, 0]
        let idat = storedZlib(Array(rows))
        return Data(PNGChunks.signature + chunk("IHDR", ihdr) + chunk("IDAT", idat) + chunk("IEND", []))
    }

    /// A zlib stream of stored (uncompressed) deflate blocks: enough for a decoder test, independent of the encoder.
    static func storedZlib(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let count = min(65_535, bytes.count - start)
            let final: UInt8 = start + count == bytes.count ? 1 : 0
            out += [final, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += bytes[start..<(start + count)]
            start += count
        } while start < bytes.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        let adler = (b << 16) | a
        return out + [24, 16, 8, 0].map { UInt8((adler >> $0) & 0xFF) }
    }
}
