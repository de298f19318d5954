import Foundation
import Render
import Testing

/// The animations of issue 11 run as built programs: a learned field's particles, the butterfly,
/// the adjoint sweep, and training snapshots from `ode-train --snapshots` to `ode-plot training`.
@Suite struct MotionProgramTests {
    /// The damped oscillator x' = v, v' = −x − 0.5v as a one-layer identity network (the true field, learned exactly).
    static let oscillatorModel = """
    {"format": "flowscope.mlp.v1", "state_dim": 2, "layers": [
      {"weight": [[0, 1], [-1, -0.5]], "bias": [0, 0], "activation": "identity"}]}
    """

    private func odePlot(_ arguments: [String]) throws -> BuiltProgram.Result { try BuiltProgram("ode-plot").run(arguments) }

    /// Pixels of `frame` within 40 (per channel) of `color`.
    private func count(_ color: (Int, Int, Int), in frame: RGBFrame) -> Int {
        stride(from: 0, to: frame.pixels.count, by: 3).filter {
            abs(Int(frame.pixels[$0]) - color.0) < 40 && abs(Int(frame.pixels[$0 + 1]) - color.1) < 40 && abs(Int(frame.pixels[$0 + 2]) - color.2) < 40
        }.count
    }

    @Test func learnedFieldParticlesAreInTheLearnedColourAndFollowTheSamePaths() throws {
        let scratch = try ScratchFolder()
        try Data(Self.oscillatorModel.utf8).write(to: URL(fileURLWithPath: scratch.path("osc.json")))
        let common = ["--animate", "--frames", "6", "--fps", "6", "--size", "3x3in", "--dpi", "60", "--particles", "5", "--streamlines"]
        let learned = try odePlot(["phase", "--model", scratch.path("osc.json"), "--system", "damped-oscillator", "--layout", "learned"]
                                  + common + ["-o", scratch.path("learned.webp")])
        #expect(learned.status == 0, "\(learned.stderr)")
        let truth = try odePlot(["phase", "--system", "damped-oscillator"] + common + ["-o", scratch.path("true.webp")])
        #expect(truth.status == 0, "\(truth.stderr)")
        let a = try WebPDecoder.frames(Data(contentsOf: URL(fileURLWithPath: scratch.path("learned.webp"))))
        let b = try WebPDecoder.frames(Data(contentsOf: URL(fileURLWithPath: scratch.path("true.webp"))))
        #expect(a.count == 6 && b.count == 6)
        // Vermillion #d55e00 marks the learned particles; the true field's particles are black.
        let vermillion = (0xD5, 0x5E, 0x00)
        #expect(count(vermillion, in: a[5]) > 40)
        #expect(count(vermillion, in: b[5]) == 0)
        // The model is the true field: particles end where the true ones end (the same pixels are
        // inked, one set vermillion, the other black).
        let inkA = stride(from: 0, to: a[5].pixels.count, by: 3).filter { a[5].pixels[$0] > 150 && a[5].pixels[$0 + 2] < 60 }
        let inkB = Set(stride(from: 0, to: b[5].pixels.count, by: 3).filter { b[5].pixels[$0] < 60 && b[5].pixels[$0 + 1] < 60 })
        #expect(Double(inkA.filter { inkB.contains($0) }.count) > 0.5 * Double(inkA.count))
    }

    @Test func butterflyWebPIsTheSameBytesTwiceWithEveryFrame() throws {
        let scratch = try ScratchFolder()
        let args = ["butterfly", "--system", "lorenz", "--animate", "--frames", "5", "--t1", "3", "--transient", "2", "--separation", "1e-3",
                    "--size", "3x3in", "--dpi", "50"]
        #expect(try odePlot(args + ["-o", scratch.path("a.webp")]).status == 0)
        #expect(try odePlot(args + ["-o", scratch.path("b.webp")]).status == 0)
        let a = try Data(contentsOf: URL(fileURLWithPath: scratch.path("a.webp")))
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: scratch.path("b.webp")))))
        let info = try BuiltProgram.tool("webpinfo", [scratch.path("a.webp")])
        #expect(info.components(separatedBy: "Chunk ANMF").count - 1 == 5)
        let model = try odePlot(["butterfly", "--model", scratch.path("none.json"), "--animate", "-o", scratch.path("c.webp")])
        #expect(model.status == 2 && model.stderrLines.count == 1)
    }

    @Test func adjointSweepWritesAnMP4WithTheFramesAskedFor() throws {
        let scratch = try ScratchFolder()
        let model = BuiltProgram.packageRoot().appendingPathComponent("assets/models/example-3.1.1.json").path
        let data = BuiltProgram.packageRoot().appendingPathComponent("assets/data/example-3.1.2.csv").path
        let file = scratch.path("sweep.mp4")
        let result = try odePlot(["adjoint", "--model", model, "--data", data, "--animate", "--frames", "12", "--fps", "6",
                                  "--size", "4x4in", "--dpi", "50", "-o", file])
        #expect(result.status == 0, "\(result.stderr)")
        let probe = try BuiltProgram.tool("ffprobe", ["-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                                                      "stream=codec_name,r_frame_rate,nb_read_frames", "-of", "csv=p=0", file])
        #expect(probe.trimmingCharacters(in: .whitespacesAndNewlines) == "h264,6/1,12")
        // The first and last frames differ (the sweep moved), decoded through ffmpeg.
        let frames = try FFmpegDecoder.frames(path: file)
        #expect(frames.count == 12 && frames[0] != frames[11])
    }

    @Test func snapshotsFromTrainingAnimateFramePerSnapshot() throws {
        let scratch = try ScratchFolder()
        let train = try BuiltProgram("ode-train").run(["--system", "damped-oscillator", "--ics", "1,0", "--t1", "2", "--points", "11",
                                                       "--hidden", "4", "--epochs", "7", "--snapshots", "3", "--quiet",
                                                       "-o", scratch.path("m.json")])
        #expect(train.status == 0, "\(train.stderr)")
        let text = try String(contentsOfFile: scratch.path("m.snapshots.json"), encoding: .utf8)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(object?["format"] as? String == "flowscope.snapshots.v1")
        let epochs = (object?["snapshots"] as? [[String: Any]])?.compactMap { $0["epoch"] as? Int }
        // Epochs 0, 3, 6, and the last (6) only once.
        #expect(epochs == [0, 3, 6])
        let webp = scratch.path("t.webp")
        let plot = try odePlot(["training", "--model", scratch.path("m.snapshots.json"), "--system", "damped-oscillator",
                                "--ics", "1,0", "--t1", "3", "--size", "5x2.6in", "--dpi", "50", "-o", webp])
        #expect(plot.status == 0, "\(plot.stderr)")
        #expect(try WebPDecoder.frames(Data(contentsOf: URL(fileURLWithPath: webp))).count == 3)
        // A single model where snapshots are expected: one line naming the format, exit 2, no file.
        let wrong = try odePlot(["training", "--model", scratch.path("m.json"), "--system", "damped-oscillator", "-o", scratch.path("w.gif")])
        #expect(wrong.status == 2 && wrong.stderrLines.count == 1 && wrong.stderr.contains("flowscope.snapshots.v1"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("w.gif")))
        let zero = try BuiltProgram("ode-train").run(["--system", "damped-oscillator", "--epochs", "2", "--snapshots", "0", "-o", scratch.path("z.json")])
        #expect(zero.status == 2 && zero.stderrLines.count == 1 && zero.stderr.contains("--snapshots"))
    }
}
