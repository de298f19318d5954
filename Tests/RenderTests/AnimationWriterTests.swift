import Foundation
import Render
import Testing

/// A disk crossing the page left to right over `n` frames, with a fixed label: frames differ only where the disk moves.
private func drawMovingDisk(_ i: Int, of n: Int, on b: DrawingBackend) {
    let (w, h) = b.pageSize
    b.fill(.rect(Rect(x: 0, y: 0, width: w, height: h)), color: .white)
    let x = 20 + (w - 40) * Double(i) / Double(max(1, n - 1))
    b.fill(.circle(center: Point(x, h / 2), radius: 12), color: Color(hex: 0xD55E00))
    b.stroke(.polyline([Point(10, h - 10), Point(w - 10, h - 10)]), style: StrokeStyle(color: Color(hex: 0x0072B2), width: 2))
    Label("t = \(i)").draw(on: b, at: Point(w / 2, 8), size: 10, color: .black, anchor: .topCenter)
}

/// RMS difference of two frames' bytes (0–255 scale).
private func rms(_ a: RGBFrame, _ b: RGBFrame) -> Double {
    let squares = zip(a.pixels, b.pixels).reduce(0.0) { $0 + pow(Double($1.0) - Double($1.1), 2) }
    return (squares / Double(max(1, a.pixels.count))).squareRoot()
}

private let smallPage = PageSize(width: .pt(145), height: .pt(73))

private func writeDisk(_ path: String, frames: Int = 12, fps: Double = 10, loop: Int = 0) throws {
    try AnimationWriter.write(to: path, size: smallPage, dpi: 72, settings: AnimationSettings(fps: fps, frameCount: frames, loopCount: loop),
                              metadata: ImageMetadata(title: "disk", version: "test")) { i, b in drawMovingDisk(i, of: frames, on: b) }
}

@Suite struct AnimationWriterTests {
    @Test func formatsFromThePath() throws {
        #expect(try AnimationFormat(path: "a/b.MP4") == .mp4)
        #expect(try AnimationFormat(path: "flow.gif") == .gif)
        #expect(try AnimationFormat(path: "flow.webp") == .webp)
        #expect(try AnimationFormat(path: "slides.pdf") == .pdf)
        #expect(try AnimationFormat(path: "frames/") == .frames)
        #expect(throws: RenderError.unsupportedAnimation(path: "flow.png", extension: "png")) { try AnimationFormat(path: "flow.png") }
        #expect(throws: RenderError.unsupportedAnimation(path: "flow", extension: "")) { try AnimationFormat(path: "flow") }
    }

    @Test func settingsOutOfRangeAreRefused() {
        #expect(throws: RenderError.self) { try AnimationSettings(fps: 0, frameCount: 10).validated() }
        #expect(throws: RenderError.self) { try AnimationSettings(fps: 10, frameCount: 1).validated() }
        #expect(throws: RenderError.self) { try AnimationSettings(fps: 10, frameCount: 10, loopCount: 70_000).validated() }
        #expect(AnimationSettings(fps: 30, frameCount: 3).startMilliseconds(1) == 33)
        #expect(AnimationWriter.sampleIndices(count: 61, samples: 5) == [0, 15, 30, 45, 60])
    }

    @Test func oddFramesGrowToEvenSizesByRepeatingTheEdge() {
        let f = RGBFrame(width: 3, height: 1, pixels: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let e = f.evenSized()
        #expect(e.width == 4 && e.height == 2)
        #expect(Array(e.pixels[9..<12]) == [7, 8, 9])
        #expect(Array(e.pixels[12..<24]) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 7, 8, 9])
    }

    @Test func gifHasEveryFrameLoopsAndIsDeterministic() throws {
        let dir = try makeTemporaryFolder("anim-gif")
        try writeDisk(dir + "/a.gif")
        try writeDisk(dir + "/b.gif")
        let a = try Data(contentsOf: URL(fileURLWithPath: dir + "/a.gif"))
        #expect(a.prefix(6) == Data("GIF89a".utf8))
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: dir + "/b.gif"))))
        #expect(a.range(of: Data("NETSCAPE2.0".utf8)) != nil)
        let probe = try ExternalTool.run("ffprobe", ["-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                                                     "stream=nb_read_frames,width,height", "-of", "csv=p=0", dir + "/a.gif"])
        #expect(probe.status == 0)
        #expect(probe.output.trimmingCharacters(in: .whitespacesAndNewlines) == "145,73,12")
    }

    @Test func webpHasEveryFrameAndIsDeterministic() throws {
        let dir = try makeTemporaryFolder("anim-webp")
        try writeDisk(dir + "/a.webp", loop: 3)
        try writeDisk(dir + "/b.webp", loop: 3)
        let a = try Data(contentsOf: URL(fileURLWithPath: dir + "/a.webp"))
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: dir + "/b.webp"))))
        let info = try ExternalTool.run("webpinfo", [dir + "/a.webp"])
        #expect(info.status == 0)
        #expect(info.output.components(separatedBy: "Chunk ANMF").count - 1 == 12)
        #expect(ExternalTool.value("Loop count", in: info.output) == "3")
        #expect(info.output.contains("Canvas size 145 x 73"))
    }

    @Test func mp4ThroughFFmpegHasFramesRateAndCodec() throws {
        let dir = try makeTemporaryFolder("anim-mp4")
        try writeDisk(dir + "/a.mp4", frames: 15, fps: 15)
        let probe = try ExternalTool.run("ffprobe", ["-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                                                     "stream=codec_name,pix_fmt,width,height,r_frame_rate,nb_read_frames",
                                                     "-of", "default=noprint_wrappers=1", dir + "/a.mp4"])
        #expect(probe.status == 0)
        for line in ["codec_name=h264", "pix_fmt=yuv420p", "width=146", "height=74", "r_frame_rate=15/1", "nb_read_frames=15"] {
            #expect(probe.output.contains(line), "ffprobe said: \(probe.output)")
        }
    }

    @Test func pdfHasOnePagePerFrame() throws {
        let dir = try makeTemporaryFolder("anim-pdf")
        try writeDisk(dir + "/a.pdf", frames: 7)
        let info = try ExternalTool.run("pdfinfo", [dir + "/a.pdf"])
        #expect(info.status == 0)
        #expect(ExternalTool.value("Pages", in: info.output) == "7")
    }

    @Test func frameFolderHoldsNumberedPNGsAndReplacesOnlyEarlierFrames() throws {
        let dir = try makeTemporaryFolder("anim-frames")
        try writeDisk(dir + "/out/", frames: 5)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir + "/out").sorted()
        #expect(names == (1...5).map { "frame-000\($0).png" })
        let third = try RGBAImage(pngData: Data(contentsOf: URL(fileURLWithPath: dir + "/out/frame-0003.png")))
        #expect(third.width == 145 && third.height == 73)
        try writeDisk(dir + "/out/", frames: 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out").sorted() == (1...3).map { "frame-000\($0).png" })
        try FileManager.default.createDirectory(atPath: dir + "/mine", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: dir + "/mine/notes.txt", contents: Data("keep".utf8)))
        #expect(throws: RenderError.self) { try writeDisk(dir + "/mine/", frames: 3) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/mine") == ["notes.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test func aFailedWriteLeavesTheExistingFileAndNoTemporaryFile() throws {
        let dir = try makeTemporaryFolder("anim-fail")
        let path = dir + "/a.gif"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: RenderError.self) {
            try AnimationWriter.write(to: path, size: smallPage, dpi: 72, settings: AnimationSettings(fps: 10, frameCount: 1),
                                      metadata: ImageMetadata(version: "test")) { _, _ in }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("old".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["a.gif"])
    }
}

@Suite struct GIFDecoderTests {
    @Test func decodedFramesMatchTheDrawnFramesWithinThePaletteError() throws {
        let dir = try makeTemporaryFolder("anim-decode")
        try writeDisk(dir + "/a.gif", frames: 6)
        let decoded = try GIFDecoder.frames(Data(contentsOf: URL(fileURLWithPath: dir + "/a.gif")))
        #expect(decoded.count == 6)
        let drawn = try AnimationWriter.frames([0, 3, 5], size: smallPage, dpi: 72) { i, b in drawMovingDisk(i, of: 6, on: b) }
        for (k, i) in [0, 3, 5].enumerated() {
            let error = rms(decoded[i], drawn[k])
            #expect(error < 3, "frame \(i): rms \(error)")
        }
        // Frames differ where the disk moved: the decoder composes, it does not repeat frame 0.
        #expect(decoded[0] != decoded[5])
        #expect(throws: RenderError.self) { try GIFDecoder.frames(Data("GIF89a not really".utf8)) }
    }
}

@Suite struct VideoDecoderTests {
    @Test func webpFramesDecodeToTheDrawnPixelsExactly() throws {
        let dir = try makeTemporaryFolder("anim-webp-decode")
        try writeDisk(dir + "/a.webp", frames: 6)
        let decoded = try WebPDecoder.frames(Data(contentsOf: URL(fileURLWithPath: dir + "/a.webp")))
        #expect(decoded.count == 6)
        let drawn = try AnimationWriter.frames([0, 3, 5], size: smallPage, dpi: 72) { i, b in drawMovingDisk(i, of: 6, on: b) }
        // Lossless: every byte of every frame as drawn (the encoder's sub-frames composed back).
        for (k, i) in [0, 3, 5].enumerated() {
            #expect(decoded[i] == drawn[k], "frame \(i) differs: rms \(rms(decoded[i], drawn[k]))")
        }
        #expect(decoded[0] != decoded[5])
        #expect(throws: RenderError.self) { try WebPDecoder.frames(Data("RIFF....WEBPVP8X not really".utf8)) }
    }

    @Test func mp4FramesDecodeThroughFFmpegCloseToTheDrawnOnes() throws {
        let dir = try makeTemporaryFolder("anim-mp4-decode")
        try writeDisk(dir + "/a.mp4", frames: 8, fps: 8)
        let decoded = try FFmpegDecoder.frames(path: dir + "/a.mp4")
        #expect(decoded.count == 8)
        #expect(decoded.first?.width == 146 && decoded.first?.height == 74)
        let drawn = try AnimationWriter.frames([0, 7], size: smallPage, dpi: 72) { i, b in drawMovingDisk(i, of: 8, on: b) }
        for (k, i) in [0, 7].enumerated() {
            let even = drawn[k].evenSized()
            // H.264 at CRF 18 with 4:2:0 chroma: close, not exact (the disk's edges blur a little).
            #expect(rms(decoded[i], even) < 6, "frame \(i): rms \(rms(decoded[i], even))")
        }
        // The disk moved: the last frame is not the first.
        #expect(rms(decoded[0], decoded[7]) > 5)
        // Decoding twice gives the same pixels.
        #expect(try FFmpegDecoder.frames(path: dir + "/a.mp4") == decoded)
        #expect(throws: RenderError.self) { try FFmpegDecoder.frames(path: dir + "/missing.mp4") }
    }
}
