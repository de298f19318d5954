import Foundation
import Render
import Testing

/// `ode-diff image` run as a built program on constructed PNGs.
@Suite struct DiffProgramTests {
    private func odeDiff(_ arguments: [String]) throws -> BuiltProgram.Result {
        try BuiltProgram("ode-diff").run(arguments)
    }

    /// A 40×30 image: white with a dark diagonal band.
    private func picture(width: Int = 40, height: Int = 30) -> RGBAImage {
        var image = RGBAImage(width: width, height: height, fill: [255, 255, 255, 255])
        for y in 0..<height { for x in 0..<width where abs(x - y) < 3 { image.setPixel(x: x, y: y, [20, 40, 90, 255]) } }
        return image
    }

    private func write(_ image: RGBAImage, _ path: String) throws {
        try image.pngData().write(to: URL(fileURLWithPath: path))
    }

    @Test func identicalFilesAreWithinTolerance() throws {
        let s = try ScratchFolder()
        try write(picture(), s.path("a.png"))
        try write(picture(), s.path("b.png"))
        let r = try odeDiff(["image", s.path("a.png"), s.path("b.png"), "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["rms"] as? Double == 0)
        #expect(json["differing_pixels"] as? Int == 0)
        #expect(json["width"] as? Int == 40 && json["height"] as? Int == 30)
        #expect(json["within_tolerance"] as? Bool == true)
    }

    @Test func aChangedBlockIsOverToleranceAndMarkedInTheDiff() throws {
        let s = try ScratchFolder()
        try write(picture(), s.path("a.png"))
        var changed = picture()
        for y in 20..<24 { for x in 2..<6 { changed.setPixel(x: x, y: y, [230, 20, 20, 255]) } }
        try write(changed, s.path("b.png"))
        let r = try odeDiff(["image", s.path("a.png"), s.path("b.png"), "-o", s.path("diff.png")])
        #expect(r.status == 1)
        #expect(r.stdout.contains("pixels over threshold 0.1: 16 ("))
        #expect(r.stdout.contains("over tolerance"))
        // RMS over 1200 pixels × 4 channels, 16 pixels changed from white by (25, 235, 235, 0).
        let rms = ((25.0 * 25 + 235 * 235 * 2) * 16 / 4800).squareRoot()
        #expect(r.stdout.contains(String(format: "RMS %.4f", rms)), "\(r.stdout)")
        let diff = try RGBAImage(contentsOfFile: s.path("diff.png"))
        #expect(diff.pixel(x: 3, y: 21) == [255, 0, 0, 255])
        // A generous tolerance accepts the same pair.
        let loose = try odeDiff(["image", s.path("a.png"), s.path("b.png"), "--tolerance", String(rms + 0.01)])
        #expect(loose.status == 0)
    }

    @Test func differentSizesAreBadInput() throws {
        let s = try ScratchFolder()
        try write(picture(), s.path("a.png"))
        try write(picture(width: 41), s.path("b.png"))
        let r = try odeDiff(["image", s.path("a.png"), s.path("b.png"), "-o", s.path("diff.png")])
        #expect(r.status == 2)
        #expect(r.stderr == "ode-diff: error: images differ in size: 40×30 and 41×30 pixels\n")
        #expect(try s.contents() == ["a.png", "b.png"])
    }

    @Test func missingOrNonPNGFilesAreBadInput() throws {
        let s = try ScratchFolder()
        try write(picture(), s.path("a.png"))
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: s.path("text.png")))
        let missing = try odeDiff(["image", s.path("a.png"), s.path("nope.png")])
        #expect(missing.status == 2)
        #expect(missing.stderr == "ode-diff: error: no such file: \(s.path("nope.png"))\n")
        let text = try odeDiff(["image", s.path("text.png"), s.path("a.png")])
        #expect(text.status == 2)
        #expect(text.stderr == "ode-diff: error: \(s.path("text.png")) is not a PNG file\n")
    }
}
