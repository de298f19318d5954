import Foundation
import Render
import Testing

/// `ode-plot loss`, `stats`, `convergence` and `adjoint` run as built programs: PNGs that decode, and
/// bad input as one line on stderr with exit 2 and no file.
@Suite struct TrainingFiguresProgramTests {
    private func odePlot(_ arguments: [String]) throws -> BuiltProgram.Result {
        try BuiltProgram("ode-plot").run(arguments)
    }

    private static let log = """
        epoch,loss,heldout_mse,nfe_forward,nfe_backward,rejected_steps,seconds,learning_rate,horizon
        0,0.12,0.13,20,520,0,0.001,0.1,
        1,0.08,,20,520,0,0.002,0.1,
        2,0.05,0.06,20,520,0,0.003,0.1,
        3,0.03,,20,520,0,0.004,0.1,

        """

    private static let diverged = "epoch,loss\n0,0.5\n1,7.5\n2,nan\n"

    private func expectPNG(_ path: String, arguments: [String], stdout: ((String) -> Void)? = nil) throws {
        let result = try odePlot(arguments + ["-o", path])
        #expect(result.status == 0, "\(result.stderr)")
        stdout?(result.stdout)
        let image = try RGBAImage(pngData: try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(image.width == 900 && image.height == 900)
    }

    @Test func lossWritesAPNG() throws {
        let scratch = try ScratchFolder()
        try Self.log.write(toFile: scratch.path("run_a.csv"), atomically: true, encoding: .utf8)
        try Self.diverged.write(toFile: scratch.path("div.csv"), atomically: true, encoding: .utf8)
        try expectPNG(scratch.path("loss.png"), arguments: ["loss", scratch.path("run_a.csv"), scratch.path("div.csv") + ":blew up", "--heldout"])
        try expectPNG(scratch.path("time.png"), arguments: ["loss", scratch.path("run_a.csv"), "--x", "time"])
    }

    @Test func statsWritesAPNG() throws {
        let scratch = try ScratchFolder()
        try Self.log.write(toFile: scratch.path("log.csv"), atomically: true, encoding: .utf8)
        try expectPNG(scratch.path("stats.png"), arguments: ["stats", "--system", "van-der-pol", "--param", "mu=5", "--y0", "2,0",
                                                             "--t1", "12", "--log", scratch.path("log.csv")])
    }

    @Test func convergenceWritesAPNGAndPrintsTheMatch() throws {
        let scratch = try ScratchFolder()
        try expectPNG(scratch.path("conv.png"), arguments: ["convergence", "--system", "exp-decay", "--y0", "1", "--t1", "1",
                                                            "--methods", "euler,rk4", "--dts", "0.1:0.0125", "--match",
                                                            "--match-dt", "0.1"]) { out in
            let lines = out.split(separator: "\n")
            #expect(lines.count == 3)
            #expect(lines.first?.hasPrefix("euler: order 1.0") == true)
            #expect(lines.dropFirst().first?.hasPrefix("rk4: order 4.0") == true || lines.dropFirst().first?.hasPrefix("rk4: order 3.9") == true)
            #expect(lines.last?.hasPrefix("euler needs ") == true && lines.last?.contains("to match rk4's error") == true)
        }
    }

    @Test func adjointWritesAPNGForTheCourseExample() throws {
        let scratch = try ScratchFolder()
        try expectPNG(scratch.path("adjoint.png"), arguments: ["adjoint", "--model", "assets/models/example-3.1.1.json",
                                                               "--data", "assets/data/example-3.1.2.csv", "--loss", "half-sse"])
    }

    @Test(arguments: [
        (["loss", "{dir}/bad.csv"], "bad.csv line 3: loss 'abc' is not a number"),
        (["loss", "{dir}/missing.csv"], "missing.csv: cannot read the training log (no such file)"),
        (["loss", "{dir}/bad.csv", "--x", "steps"], "The value 'steps' is invalid for '--x <axis>'. Please provide one of 'epoch' and 'time'."),
        (["stats", "--system", "van-der-pol", "--y0", "2,0", "--t1", "5", "--method", "rk5"], "The value 'rk5' is invalid for '--method <method>'. Please provide one of the following: euler,"),
        (["stats", "--system", "van-der-pol", "--y0", "2", "--t1", "5"], "--y0 needs 2 values"),
        (["convergence", "--system", "exp-decay", "--t1", "1", "--dts", "0.1:x"], "--dts expects"),
        (["convergence", "--system", "exp-decay", "--t1", "1", "--methods", "euler,foo"], "The value 'euler,foo' is invalid for '--methods <list>'. Please provide one of the following: euler, midpoint,"),
        (["adjoint", "--model", "assets/models/example-3.1.1.json", "--system", "van-der-pol", "--y0", "2,0", "--t1", "1"],
         "system van-der-pol has dimension 2 but the model's state_dim is 1"),
        (["adjoint", "--model", "assets/models/example-3.1.1.json", "--data", "assets/data/example-3.1.2.csv", "--loss", "l1"],
         "The value 'l1' is invalid for '--loss <kind>'. Please provide one of 'mse' and 'half-sse'."),
    ])
    func badInputIsOneLineExitTwoNoFile(arguments: [String], message: String) throws {
        let scratch = try ScratchFolder()
        try "epoch,loss\n0,0.5\n1,abc\n".write(toFile: scratch.path("bad.csv"), atomically: true, encoding: .utf8)
        let args = arguments.map { $0.replacingOccurrences(of: "{dir}", with: scratch.url.path) } + ["-o", scratch.path("out.png")]
        let result = try odePlot(args)
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out.png")))
    }
}
