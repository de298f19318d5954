import Foundation
import NeuralODE
import Testing

/// `ode-grad` run as a built program: the course's Example 3.1.2, simulated data, and bad input.
@Suite struct GradProgramTests {
    private let example = ["--model", "assets/models/example-3.1.1.json", "--data", "assets/data/example-3.1.2.csv",
                           "--loss", "half-sse", "--method", "euler", "--dt", "0.25"]

    private func odeGrad(_ arguments: [String]) throws -> BuiltProgram.Result {
        try BuiltProgram("ode-grad").run(arguments)
    }

    private struct Document: Decodable {
        struct Method: Decodable {
            let method: String
            let loss: Double?
            let gradient: [Double?]
            let failure: String?
        }
        struct Comparison: Decodable {
            let method: String
            let normRelative: Double
        }
        let entries: [String]
        let results: [Method]
        let comparisons: [Comparison]
    }

    /// dL/dw₂ through the two Euler steps of Example 3.1.2, by hand.
    private var trueGradient: Double {
        let y1 = 1 + 0.25 * (-2 * tanh(1.5))
        let y2 = y1 + 0.25 * (-2 * tanh(1.5 * y1))
        let dy2 = 0.25 * tanh(1.5) * (1 + 0.25 * (-3) * (1 - tanh(1.5 * y1) * tanh(1.5 * y1))) + 0.25 * tanh(1.5 * y1)
        return (y2 - 0.37) * dy2
    }

    @Test func example312PrintsTheTrueGradient() throws {
        let result = try odeGrad(example + ["--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let document = try JSONDecoder().decode(Document.self, from: Data(result.stdout.utf8))
        let w2 = try #require(document.entries.firstIndex(of: "layer1.weight[0,0]"))
        #expect(document.results.map(\.method) == ["backprop", "adjoint", "finite-difference"])
        let backprop = try #require(document.results[0].gradient[w2])
        let fd = try #require(document.results[2].gradient[w2])
        #expect(abs(backprop - trueGradient) <= 1e-12 * abs(trueGradient))
        #expect(abs(fd - trueGradient) <= 1e-7 * abs(trueGradient))
        #expect(trueGradient < -0.048 && trueGradient > -0.049, "not the printed +0.0862")
        #expect(try #require(document.comparisons.first { $0.method == "backprop" }).normRelative < 1e-8)

        let table = try odeGrad(example)
        #expect(table.status == 0)
        let row = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("layer1.weight[0,0]") })
        let cells = row.split(separator: " ")
        #expect(cells.count == 7)
        #expect(abs(try #require(Double(String(cells[2]))) - trueGradient) <= 1e-9 * abs(trueGradient))
    }

    @Test func simulatedSystemDataAgreeAcrossMethods() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ode-grad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let model = scratch.appendingPathComponent("model.json")
        let mlp = MLP(stateDim: 2, timeInput: true, hidden: [6], activation: .tanh, seed: 9)
        try ModelFile.text(of: mlp).write(to: model, atomically: true, encoding: .utf8)
        let result = try odeGrad(["--model", model.path, "--system", "van-der-pol", "--y0", "2,0;-1,1", "--t1", "2",
                                  "--points", "11", "--rtol", "1e-10", "--atol", "1e-12", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try JSONDecoder().decode(Document.self, from: Data(result.stdout.utf8))
        #expect(document.entries.count == mlp.parameterCount + 4)
        #expect(document.entries.last == "y0[1,1]")
        for comparison in document.comparisons {
            #expect(comparison.normRelative < 1e-6, "\(comparison.method): \(comparison.normRelative)")
        }
        #expect(document.comparisons.count == 2)
    }

    @Test(arguments: [
        ["--loss", "l1"],
        ["--gradient", "backprop,magic"],
        ["--method", "rosenbrock23", "--dt", "0.25"],
        ["--method", "euler"],
        ["--fd-step", "0"],
    ])
    func badInputExitsTwoWithOneLine(_ change: [String]) throws {
        var arguments = example
        for pair in stride(from: 0, to: change.count, by: 2) {
            if let index = arguments.firstIndex(of: change[pair]) {
                arguments[index + 1] = change[pair + 1]
            } else {
                arguments += [change[pair], change[pair + 1]]
            }
        }
        if change.first == "--method", change.count == 2, let dt = arguments.firstIndex(of: "--dt") {
            arguments.removeSubrange(dt...(dt + 1))
        }
        let result = try odeGrad(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.hasPrefix("ode-grad: error: "))
    }

    @Test func missingFilesExitTwo() throws {
        let noModel = try odeGrad(["--model", "no-such.json", "--data", "assets/data/example-3.1.2.csv"])
        #expect(noModel.status == 2 && noModel.stderrLines.count == 1)
        let noData = try odeGrad(["--model", "assets/models/example-3.1.1.json", "--data", "missing.csv"])
        #expect(noData.status == 2 && noData.stderrLines.count == 1)
        let neither = try odeGrad(["--model", "assets/models/example-3.1.1.json"])
        #expect(neither.status == 2 && neither.stderrLines.count == 1)
    }

    @Test func solverFailureExitsThree() throws {
        let result = try odeGrad(["--model", "assets/models/example-3.1.1.json", "--data", "assets/data/example-3.1.2.csv",
                                  "--method", "dopri5", "--max-steps", "1"])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("too many steps"))
    }
}
