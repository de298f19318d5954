import Foundation
import Render
import Testing

/// The learned-model figures run as built programs: `ode-plot trajectories | phase --model |
/// limit-cycle` and `ode-diff field`, on models whose field is known in closed form.
@Suite struct LearnedFigureProgramTests {
    /// The damped oscillator x' = v, v' = −x − 0.5v as a one-layer identity network.
    static let oscillatorModel = """
    {"format": "flowscope.mlp.v1", "state_dim": 2, "layers": [
      {"weight": [[0, 1], [-1, -0.5]], "bias": [0, 0], "activation": "identity"}]}
    """
    /// y' = −2y.
    static let decayModel = """
    {"format": "flowscope.mlp.v1", "state_dim": 1, "layers": [
      {"weight": [[-2]], "bias": [0], "activation": "identity"}]}
    """

    private func scratchWithModels() throws -> ScratchFolder {
        let scratch = try ScratchFolder()
        try Data(Self.oscillatorModel.utf8).write(to: URL(fileURLWithPath: scratch.path("osc.json")))
        try Data(Self.decayModel.utf8).write(to: URL(fileURLWithPath: scratch.path("decay.json")))
        try Data("t,y\n0,0.5\n0.25,0.31\n0.5,0.18\n".utf8).write(to: URL(fileURLWithPath: scratch.path("decay.csv")))
        return scratch
    }

    private func decodes(_ path: String) throws -> Bool {
        let image = try RGBAImage(pngData: try Data(contentsOf: URL(fileURLWithPath: path)))
        return image.width > 0 && image.height > 0
    }

    @Test func everySubcommandWritesAFileThatDecodes() throws {
        let scratch = try scratchWithModels()
        let plot = try BuiltProgram("ode-plot"), diff = try BuiltProgram("ode-diff")
        let runs: [(BuiltProgram, [String], String)] = [
            (plot, ["trajectories", "--model", scratch.path("osc.json"), "--system", "damped-oscillator", "--ics", "1,0;0,1",
                    "--t1", "6", "--train-t1", "3"], "traj.png"),
            (plot, ["trajectories", "--model", scratch.path("decay.json"), "--system", "exp-decay", "--data", scratch.path("decay.csv")],
             "decay.png"),
            (plot, ["phase", "--model", scratch.path("osc.json"), "--system", "damped-oscillator", "--layout", "overlay",
                    "--ics", "2,0"], "overlay.png"),
            (plot, ["phase", "--model", scratch.path("osc.json"), "--layout", "learned"], "learned.png"),
            (plot, ["limit-cycle", "--model", scratch.path("osc.json"), "--system", "van-der-pol", "--print"], "cycle.png"),
            (diff, ["field", "--model", scratch.path("osc.json"), "--system", "damped-oscillator", "--grid", "21"], "field.png"),
        ]
        for (program, arguments, name) in runs {
            let result = try program.run(arguments + ["-o", scratch.path(name)])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(try decodes(scratch.path(name)), "\(name)")
            if name == "cycle.png" {
                let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
                let learned = try #require(json["learned"] as? [String: Any])
                #expect(learned["found"] as? Bool == false)
                #expect((learned["reason"] as? String)?.hasPrefix("settles at") == true)
                let truth = try #require(json["true"] as? [String: Any])
                #expect(abs((truth["period"] as? Double ?? 0) - 6.6633) < 1e-4)
            }
        }
    }

    @Test func fieldMetricsAsJSONForTheExactModel() throws {
        let scratch = try scratchWithModels()
        let result = try BuiltProgram("ode-diff").run(["field", "--model", scratch.path("osc.json"), "--system", "damped-oscillator",
                                                       "--grid", "11", "--json", "-o", scratch.path("f.svg")])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["rmse"] as? Double == 0)
        #expect(json["points"] as? Int == 121)
        #expect((json["angle_mean_deg"] as? Double ?? 1) < 1e-6)
        #expect(json["angle_excluded"] as? Int == 1)
        #expect(FileManager.default.fileExists(atPath: scratch.path("f.svg")))
    }

    @Test func badInputIsOneLineExitTwoAndNoFile() throws {
        let scratch = try scratchWithModels()
        let plot = try BuiltProgram("ode-plot"), diff = try BuiltProgram("ode-diff")
        let cases: [(BuiltProgram, [String], String)] = [
            (plot, ["trajectories", "--model", scratch.path("decay.json"), "--system", "van-der-pol", "--ics", "1,0"], "state_dim 1"),
            (plot, ["trajectories", "--model", scratch.path("missing.json"), "--system", "van-der-pol", "--ics", "1,0"], "not found"),
            (plot, ["trajectories", "--model", scratch.path("osc.json"), "--system", "no-such", "--ics", "1,0"], "no-such"),
            (plot, ["phase", "--model", scratch.path("decay.json")], "state_dim 2"),
            (plot, ["phase", "--model", scratch.path("osc.json"), "--layout", "sideways"], "--layout"),
            (plot, ["limit-cycle", "--model", scratch.path("osc.json"), "--system", "damped-oscillator"], "no limit cycle"),
            (diff, ["field", "--model", scratch.path("decay.json"), "--system", "damped-oscillator"], "state_dim 1"),
            (diff, ["field", "--model", scratch.path("missing.json"), "--system", "damped-oscillator"], "not found"),
            (diff, ["field", "--model", scratch.path("osc.json"), "--system", "no-such"], "no-such"),
        ]
        for (program, arguments, fragment) in cases {
            let result = try program.run(arguments + ["-o", scratch.path("out.png")])
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderrLines.count == 1, "\(result.stderr)")
            #expect(result.stderr.contains(fragment), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: scratch.path("out.png")))
        }
    }
}
