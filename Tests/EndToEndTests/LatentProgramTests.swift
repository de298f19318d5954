import Foundation
import Testing

/// The latent ODE as a user runs it: ode-train --preset latent-spirals, ode-solve --data, and bad inputs.
@Suite struct LatentProgramTests {
    private let quick = ["--preset", "latent-spirals", "--spirals", "12", "--keep", "10:20", "--epochs", "3",
                         "--method", "rk4", "--dt", "0.1", "--eval-every", "3", "--quiet"]

    @Test func trainThenDecodeForwardAndBackward() throws {
        let scratch = try ScratchFolder()
        let model = scratch.path("latent.json"), data = scratch.path("spirals.csv"), log = scratch.path("log.csv")
        let heldOut = scratch.path("heldout.csv")
        let train = try BuiltProgram("ode-train").run(quick + ["--encoder", "rnn", "-o", model, "--log", log, "--save-data", data,
                                                               "--save-heldout", heldOut])
        #expect(train.status == 0, "\(train.stderr)")
        // The held-out set for a peer: 100 spirals, observed rows then truth-only rows after each window.
        let heldOutRows = try String(contentsOfFile: heldOut, encoding: .utf8).split(separator: "\n")
        #expect(heldOutRows.first == "trajectory,t,x,y,x_true,y_true")
        let cells = heldOutRows.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(Set(cells.map { $0[0] }).count == 100)
        let observed = cells.filter { !$0[2].isEmpty }.count, truthOnly = cells.filter { $0[2].isEmpty }.count
        #expect(observed >= 100 * 10 && observed <= 100 * 20 && truthOnly > 0 && truthOnly <= 100 * 100)
        #expect(train.stdout.contains("held-out reconstruction MSE"))
        let logLines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(logLines.count == 4)
        #expect(logLines.last?.split(separator: ",", omittingEmptySubsequences: false)[4].isEmpty == false)
        let text = try String(contentsOfFile: model, encoding: .utf8)
        #expect(text.contains("\"format\": \"flowscope.latent.v1\"") && text.contains("\"cell\": \"rnn\""))

        let solve = try BuiltProgram("ode-solve").run(["--model", model, "--data", data, "--t0", "-1", "--t1", "3", "--points", "9"])
        #expect(solve.status == 0, "\(solve.stderr)")
        let rows = solve.stdout.split(separator: "\n")
        #expect(rows.first == "trajectory,t,x,y")
        #expect(rows.count == 1 + 12 * 9)
        #expect(rows[1].split(separator: ",")[1] == "-1.0")
        #expect(rows.dropFirst().allSatisfy { $0.split(separator: ",").dropFirst().allSatisfy { Double($0)?.isFinite == true } })

        // The three figures of a trained model, with their key numbers in the sidecar.
        let figures: [([String], String, String)] = [
            (["latent-training", log], "training.png", "iterations"),
            (["latent-pca", "--model", model, "--spirals", "4"], "pca.svg", "pc12"),
            (["latent-sampling", "--model", model, "--spirals", "3", "--counts", "3,100"], "sampling.png", "mostExtrapolation"),
        ]
        for (arguments, output, key) in figures {
            let sidecar = scratch.path(output + ".json")
            let plot = try BuiltProgram("ode-plot").run(arguments + ["--dpi", "40", "-o", scratch.path(output)],
                                                        environment: ["FLOWSCOPE_FIGURE_SIDECAR": sidecar])
            #expect(plot.status == 0, "\(plot.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sidecar))) as? [String: Any]
            let numbers = json?["numbers"] as? [String: [String: Any]]
            #expect(numbers?[key]?["value"] is Double, "\(output): \(String(describing: numbers?.keys))")
        }
        let iterations = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.path("training.png.json"))))
        #expect(((iterations as? [String: Any])?["numbers"] as? [String: [String: Any]])?["iterations"]?["value"] as? Double == 3)
    }

    @Test func badInputsGetOneLineAndExitTwo() throws {
        let scratch = try ScratchFolder()
        let latent = scratch.path("latent.json")
        #expect(try BuiltProgram("ode-train").run(quick + ["-o", latent]).status == 0)
        let mlp = BuiltProgram.packageRoot().appendingPathComponent("assets/models/example-3.1.1.json").path
        let one = scratch.path("one.csv")
        try "trajectory,t,x,y\na,0,1,2\na,0.5,1,2\nb,0,1,1\n".write(toFile: one, atomically: true, encoding: .utf8)
        let cases: [(String, [String], String)] = [
            ("ode-solve", ["--model", latent, "--y0", "1", "--t1", "1"], "latent ODE model"),
            ("ode-solve", ["--model", mlp, "--data", one, "--t1", "1"], "latent model"),
            ("ode-train", ["--system", "van-der-pol", "--init", latent, "--epochs", "1", "-o", scratch.path("x.json")], "latent ODE model"),
            ("ode-train", ["--latent", "4", "--data", one, "-o", scratch.path("y.json")], "1 time"),
            ("ode-plot", ["latent-spirals", "--model", mlp, "-o", scratch.path("a.png")], "a neural ODE model"),
            ("ode-plot", ["latent-pca", "--model", mlp, "-o", scratch.path("b.png")], "a neural ODE model"),
            ("ode-plot", ["latent-sampling", "--model", mlp, "-o", scratch.path("c.png")], "a neural ODE model"),
            ("ode-plot", ["phase", "--model", latent, "--system", "van-der-pol", "-o", scratch.path("d.png")], "latent ODE model"),
            ("ode-diff", ["field", "--model", latent, "--system", "van-der-pol", "-o", scratch.path("e.png")], "latent ODE model"),
            ("ode-plot", ["trajectories", "--model", mlp, "--preset", "latent-spirals", "-o", scratch.path("f.png")], "latent-spirals"),
            ("ode-diff", ["field", "--model", mlp, "--preset", "latent-spirals", "-o", scratch.path("g.png")], "latent-spirals"),
            ("ode-plot", ["latent-training", one, "-o", scratch.path("h.png")], "not a latent training log"),
        ]
        for (program, arguments, phrase) in cases {
            let result = try BuiltProgram(program).run(arguments)
            #expect(result.status == 2, "\(program) \(arguments)")
            #expect(result.stderrLines.count == 1, "\(result.stderr)")
            #expect(result.stderr.contains(phrase), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path("y.json")))
        for name in ["a", "b", "c", "d", "e", "f", "g", "h"] {
            #expect(!FileManager.default.fileExists(atPath: scratch.path("\(name).png")))
        }
    }
}
