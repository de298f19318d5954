import Foundation
import Render
import Testing

/// `ode-plot phase --animate` run as a built program: each format, and the bad-input cases.
@Suite struct AnimationProgramTests {
    private let base = ["phase", "--system", "van-der-pol", "--animate", "--size", "2x2in", "--dpi", "60", "--particles", "5"]

    private func odePlot(_ arguments: [String], environment: [String: String] = [:]) throws -> BuiltProgram.Result {
        try BuiltProgram("ode-plot").run(arguments, environment: environment)
    }

    @Test func gifHasTheFramesAskedForAndTheSameBytesTwice() throws {
        let scratch = try ScratchFolder()
        let a = scratch.path("a.gif"), b = scratch.path("b.gif")
        let first = try odePlot(base + ["--frames", "9", "--fps", "12", "-o", a])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.isEmpty)
        #expect(try odePlot(base + ["--frames", "9", "--fps", "12", "-o", b]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
        let probe = try BuiltProgram.tool("ffprobe", ["-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                                                      "stream=nb_read_frames,width,height", "-of", "csv=p=0", a])
        #expect(probe.trimmingCharacters(in: .whitespacesAndNewlines) == "120,120,9")
    }

    @Test func aPNGIsTheLastFrameAsAPosterAndEqualsTheLastFrameOfTheFolder() throws {
        let scratch = try ScratchFolder()
        let poster = scratch.path("poster.png")
        #expect(try odePlot(base + ["--frames", "6", "-o", poster]).status == 0)
        #expect(try odePlot(base + ["--frames", "6", "-o", scratch.path("frames") + "/"]).status == 0)
        let a = try RGBAImage(contentsOfFile: poster), b = try RGBAImage(contentsOfFile: scratch.path("frames/frame-0006.png"))
        #expect(a.width == 120 && a == b)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("frames")).count == 6)
    }

    @Test func mp4FromDurationAndFps() throws {
        let scratch = try ScratchFolder()
        let file = scratch.path("flow.mp4")
        let result = try odePlot(base + ["--duration", "1.5", "--fps", "10", "-o", file])
        #expect(result.status == 0, "\(result.stderr)")
        let probe = try BuiltProgram.tool("ffprobe", ["-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                                                      "stream=codec_name,r_frame_rate,nb_read_frames", "-of", "csv=p=0", file])
        #expect(probe.trimmingCharacters(in: .whitespacesAndNewlines) == "h264,10/1,15")
    }

    @Test func missingFFmpegIsOneLineAndExitTwoAndNoFile() throws {
        let scratch = try ScratchFolder()
        let file = scratch.path("flow.mp4")
        let result = try odePlot(base + ["--frames", "3", "-o", file], environment: ["PATH": scratch.path("nothing")])
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("ffmpeg"))
        #expect(try scratch.contents().isEmpty)
    }

    @Test func badAnimationOptionsAreRefusedBeforeWork() throws {
        let scratch = try ScratchFolder()
        for (extra, word) in [(["--frames", "1"], "frames"), (["--fps", "0"], "--fps"), (["--frames", "4", "--duration", "2"], "not both"),
                              (["--loop", "-1"], "--loop"), (["--particles", "1"], "--particles")] {
            let result = try odePlot(base + extra + ["-o", scratch.path("x.gif")])
            #expect(result.status == 2, "\(extra): \(result.stderr)")
            #expect(result.stderr.contains(word), "\(extra): \(result.stderr)")
        }
        let png = try odePlot(base + ["-o", scratch.path("x.tiff")])
        #expect(png.status == 2)
        #expect(png.stderr.contains(".mp4, .gif, .webp, .pdf"))
        #expect(try scratch.contents().isEmpty)
    }
}

extension BuiltProgram {
    /// The standard output of an installed checking tool (ffprobe, webpinfo, pdfinfo; scripts/setup.sh installs them).
    static func tool(_ name: String, _ arguments: [String]) throws -> String {
        let found = ["/usr/bin", "/usr/local/bin", "/bin"].map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(found, "\(name) is not installed; run scripts/setup.sh"))
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = try out.fileHandleForReading.readToEnd() ?? Data()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(name) failed")
        return String(decoding: data, as: UTF8.self)
    }
}
