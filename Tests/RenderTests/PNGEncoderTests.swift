import Foundation
import Testing
@testable import Render

/// The PNG writer (chunks here, deflate by libdeflate): every image must decode through libpng to exactly the pixels given.
@Suite("PNG encoder")
struct PNGEncoderTests {
    /// SplitMix64 bytes, for incompressible test images.
    struct Bytes {
        var state: UInt64
        mutating func next() -> UInt8 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return UInt8(truncatingIfNeeded: z ^ (z >> 31))
        }
    }

    /// Encodes RGBA pixels, decodes them with libpng and returns the decoded pixels.
    func roundTrip(_ pixels: [UInt8], width: Int, height: Int) throws -> [UInt8] {
        let data = try PNGEncoder.encode(pixels: pixels, width: width, height: height, dpi: 96, text: [("Title", "t")])
        let image = try RGBAImage(pngData: data)
        #expect(image.width == width && image.height == height)
        return image.pixels
    }

    @Test func noiseRoundTrips() throws {
        var g = Bytes(state: 7)
        let pixels = (0..<(61 * 47 * 4)).map { _ in g.next() }
        #expect(try roundTrip(pixels, width: 61, height: 47) == pixels)
    }

    @Test func figureLikeImageRoundTripsAndCompresses() throws {
        // White page, grey diagonal lines, a colour band: the kind of image figures are.
        let w = 320, h = 240
        var pixels = [UInt8](repeating: 255, count: w * h * 4)
        for y in 0..<h {
            for x in 0..<w {
                let i = 4 * (y * w + x)
                if (x + 2 * y) % 37 < 2 { pixels[i] = 180; pixels[i + 1] = 180; pixels[i + 2] = 180 }
                if (100..<110).contains(y) { pixels[i] = UInt8(x % 256); pixels[i + 1] = UInt8((x * 7) % 256); pixels[i + 2] = 40 }
            }
        }
        let data = try PNGEncoder.encode(pixels: pixels, width: w, height: h, dpi: nil, text: [])
        #expect(data.count < pixels.count / 10)
        #expect(try RGBAImage(pngData: data).pixels == pixels)
    }

    @Test func manyBlocksRoundTrip() throws {
        // Mostly short matches and literals.
        let w = 400, h = 300
        var g = Bytes(state: 3)
        var pixels = [UInt8](repeating: 255, count: w * h * 4)
        for i in stride(from: 0, to: pixels.count, by: 4) {
            let v = g.next() & 0x0F
            pixels[i] = 240 + v; pixels[i + 1] = 16 * v; pixels[i + 2] = v
        }
        #expect(try roundTrip(pixels, width: w, height: h) == pixels)
    }

    @Test func largeImageRoundTrips() throws {
        let w = 700, h = 420
        var g = Bytes(state: 9)
        var pixels = [UInt8](repeating: 255, count: w * h * 4)
        for y in 0..<h {
            for x in 0..<w where (x * 3 + y) % 29 < 3 || (200..<230).contains(y) {
                let i = 4 * (y * w + x)
                pixels[i] = g.next(); pixels[i + 1] = UInt8(x % 256); pixels[i + 2] = 90
            }
        }
        #expect(try roundTrip(pixels, width: w, height: h) == pixels)
    }

    @Test func flatAndTinyImagesRoundTrip() throws {
        // One colour: matches at one distance only.
        let flat: [UInt8] = (0..<(200 * 3 * 4)).map { $0 % 4 == 3 ? 255 : 17 }
        #expect(try roundTrip(flat, width: 200, height: 3) == flat)
        #expect(try roundTrip([1, 2, 3, 4], width: 1, height: 1) == [1, 2, 3, 4])
    }

    @Test func sameBytesTwice() throws {
        var g = Bytes(state: 11)
        let pixels = (0..<(90 * 70 * 4)).map { k in k % 5 == 0 ? g.next() : 200 }
        let a = try PNGEncoder.encode(pixels: pixels, width: 90, height: 70, dpi: 150, text: [("Source", "x")])
        let b = try PNGEncoder.encode(pixels: pixels, width: 90, height: 70, dpi: 150, text: [("Source", "x")])
        #expect(a == b)
        let info = try #require(PNGInfo(data: a))
        #expect(info.chunkTypes == ["IHDR", "sRGB", "pHYs", "tEXt", "IDAT", "IEND"])
    }

    @Test func opaquePageIsWrittenAsRGB() throws {
        let b = try CairoBackend(format: .png, size: PageSize(width: .pt(30), height: .pt(20)), dpi: 72)
        b.fill(.rect(Rect(x: 0, y: 0, width: 30, height: 20)), color: .white)
        b.fill(.circle(center: Point(15, 10), radius: 6), color: Color(hex: 0xD55E00, alpha: 0.5))
        let data = try b.finish(metadata: ImageMetadata(version: "test"))
        // IHDR's colour type (byte 25 of the file) is 2, truecolour without alpha.
        #expect([UInt8](data)[25] == 2)
        #expect(try RGBAImage(pngData: data).pixel(x: 0, y: 0) == [255, 255, 255, 255])
    }

    @Test func transparentPageKeepsStraightAlpha() throws {
        let b = try CairoBackend(format: .png, size: PageSize(width: .pt(30), height: .pt(20)), dpi: 72)
        b.fill(.rect(Rect(x: 0, y: 0, width: 30, height: 20)), color: Color(r: 0, g: 0, b: 1, a: 0.5))
        let data = try b.finish(metadata: ImageMetadata(version: "test"))
        #expect([UInt8](data)[25] == 6)
        let p = try RGBAImage(pngData: data).pixel(x: 4, y: 4)
        #expect(p[2] == 255 && p[0] == 0 && (127...128).contains(p[3]))
    }

    @Test func chunkCRCMatchesPublishedValues() {
        // The CRC-32 check value of "123456789" (ISO 3309 / ITU-T V.42), and IEND's CRC as every PNG ends with it.
        #expect(PNGChunks.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(PNGChunks.chunk("IEND", []) == [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
        // Continuing over a split equals one pass.
        let bytes = Array("portable network graphics".utf8)
        #expect(PNGChunks.crc32(continuing: PNGChunks.crc32(bytes[..<9]), bytes[9...]) == PNGChunks.crc32(bytes))
    }
}
