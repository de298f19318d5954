import Foundation
import Testing
@testable import Render

@Suite("Image comparison")
struct CompareTests {
    let white: [UInt8] = [255, 255, 255, 255]

    /// A disc drawn by Cairo at 72 dpi (one pixel a point), decoded back from PNG.
    func disc(centreX: Double) throws -> RGBAImage {
        let b = try CairoBackend(format: .png, size: PageSize(width: .pt(40), height: .pt(30)), dpi: 72)
        b.fill(.rect(Rect(x: 0, y: 0, width: 40, height: 30)), color: .white)
        b.fill(.circle(center: Point(centreX, 15), radius: 9), color: Color(hex: 0x0072B2))
        return try RGBAImage(pngData: b.finish(metadata: ImageMetadata(version: "test")))
    }

    @Test func identicalImages() throws {
        let a = try disc(centreX: 20)
        let r = try ImageComparator().compare(a, a)
        #expect(r.rms == 0)
        #expect(r.differingPixels == 0 && r.antialiasedPixels == 0)
        #expect(r.matches)
    }

    @Test func onePixelChanged() throws {
        let a = RGBAImage(width: 10, height: 8, fill: white)
        var b = a
        b.setPixel(x: 3, y: 4, [0, 0, 0, 255])
        let r = try ImageComparator().compare(a, b)
        #expect(r.differingPixels == 1)
        #expect(r.antialiasedPixels == 0)
        #expect(abs(r.differingFraction - 1.0 / 80) < 1e-15)
        // Three channels differ by 255 out of 10·8·4 values.
        #expect(abs(r.rms - (3 * 255.0 * 255 / 320).squareRoot()) < 1e-9)
        #expect(r.diff.pixel(x: 3, y: 4) == [255, 0, 0, 255])
        // Unchanged pixels are a faded copy: white stays white.
        #expect(r.diff.pixel(x: 0, y: 0) == [255, 255, 255, 255])
    }

    @Test func smallChangeUnderThresholdIsNotCounted() throws {
        let a = RGBAImage(width: 4, height: 4, fill: white)
        var b = a
        b.setPixel(x: 1, y: 1, [250, 250, 250, 255])
        let r = try ImageComparator().compare(a, b)
        #expect(r.rms > 0)
        #expect(r.differingPixels == 0)
        #expect(try ImageComparator(threshold: 0.01).compare(a, b).differingPixels == 1)
    }

    @Test func shiftedAntialiasedEdgeIsTolerated() throws {
        let a = try disc(centreX: 20)
        let b = try disc(centreX: 20.35)
        let tolerant = try ImageComparator().compare(a, b)
        #expect(tolerant.rms > 0)
        #expect(tolerant.antialiasedPixels > 0)
        #expect(tolerant.differingPixels == 0)
        let strict = try ImageComparator(tolerateAntialiasing: false).compare(a, b)
        #expect(strict.differingPixels == tolerant.antialiasedPixels)
        #expect(tolerant.diff.pixel(x: 20, y: 15) != [255, 0, 0, 255])
    }

    @Test func movedShapeIsNotTolerated() throws {
        let r = try ImageComparator().compare(try disc(centreX: 14), try disc(centreX: 26))
        #expect(r.differingPixels > 50)
    }

    @Test func differentSizesSayBoth() throws {
        let a = RGBAImage(width: 10, height: 8, fill: white)
        let b = RGBAImage(width: 10, height: 9, fill: white)
        let error = #expect(throws: CompareError.self) { try ImageComparator().compare(a, b) }
        #expect(error?.description == "images differ in size: 10×8 and 10×9 pixels")
    }

    @Test func fileErrors() throws {
        let dir = try makeTemporaryFolder("compare")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: CompareError.fileMissing(path: dir + "/none.png")) { try RGBAImage(contentsOfFile: dir + "/none.png") }
        try Data("GIF89a not a png".utf8).write(to: URL(fileURLWithPath: dir + "/fake.png"))
        #expect(throws: CompareError.notPNG(path: dir + "/fake.png")) { try RGBAImage(contentsOfFile: dir + "/fake.png") }
        let good = try RGBAImage(width: 3, height: 3, fill: white).pngData()
        try good.prefix(40).write(to: URL(fileURLWithPath: dir + "/truncated.png"))
        #expect(throws: CompareError.self) { try RGBAImage(contentsOfFile: dir + "/truncated.png") }
    }

    @Test func decodesGreyRGBAndPalettePNGs() throws {
        let grey = try PNGEncoder.encode(pixels: [0, 128, 255, 64], width: 2, height: 2, layout: .grey, dpi: nil, text: [])
        let g = try RGBAImage(pngData: grey)
        #expect(g.pixel(x: 1, y: 0) == [128, 128, 128, 255])
        #expect(g.pixel(x: 1, y: 1) == [64, 64, 64, 255])
        let rgb = try PNGEncoder.encode(pixels: [255, 0, 0, 0, 255, 0], width: 2, height: 1, layout: .rgb, dpi: nil, text: [])
        #expect(try RGBAImage(pngData: rgb).pixel(x: 1, y: 0) == [0, 255, 0, 255])
        let indexed = try PNGEncoder.encode(pixels: [1, 0, 2], width: 3, height: 1,
                                            layout: .indexed(palette: [10, 20, 30, 200, 100, 50, 0, 0, 255]), dpi: nil, text: [])
        let p = try RGBAImage(pngData: indexed)
        #expect(p.pixel(x: 0, y: 0) == [200, 100, 50, 255])
        #expect(p.pixel(x: 2, y: 0) == [0, 0, 255, 255])
    }

    @Test func diffImageRoundTripsThroughPNG() throws {
        let a = try disc(centreX: 15)
        let r = try ImageComparator().compare(a, try disc(centreX: 24))
        let decoded = try RGBAImage(pngData: r.diff.pngData(dpi: 72))
        #expect(decoded == r.diff)
        #expect(r.summary.contains("40×30 px"))
    }
}
