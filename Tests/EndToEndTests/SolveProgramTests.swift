import Foundation
import Testing

/// `ode-solve` run as a built program: the course's example and every bad-input case.
@Suite struct SolveProgramTests {
    private let example = "assets/models/example-3.1.1.json"

    private func odeSolve(_ arguments: [String], in directory: URL? = nil) throws -> BuiltProgram.Result {
        try BuiltProgram("ode-solve").run(arguments, in: directory)
    }

    /// Parses CSV output into its header and numeric rows.
    private func table(_ text: String) throws -> (header: String, rows: [[Double]]) {
        let lines = text.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        let rows = try lines.dropFirst().map { line in
            try line.split(separator: ",").map { try #require(Double(String($0)), "not a number in \(line)") }
        }
        return (header, rows)
    }

    @Test func example311EulerValuesToFourDecimals() throws {
        let result = try odeSolve(["--model", example, "--y0", "1", "--t1", "0.5", "--method", "euler",
                                   "--dt", "0.25", "--points", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let (header, rows) = try table(result.stdout)
        #expect(header == "t,y0")
        #expect(rows.map { $0[0] } == [0, 0.25, 0.5])
        // Euler by hand: y1 = 1 + 0.25·(−2 tanh 1.5), y2 = y1 + 0.25·(−2 tanh 1.5 y1).
        let y1 = 1 + 0.25 * (-2 * tanh(1.5))
        let y2 = y1 + 0.25 * (-2 * tanh(1.5 * y1))
        #expect(rows.map { $0[1] }.count == 3)
        #expect(rows[0][1] == 1)
        #expect(abs(rows[1][1] - y1) < 1e-14)
        #expect(abs(rows[2][1] - y2) < 1e-14)
        // The course's printed values, to four decimals.
        #expect(abs(rows[1][1] - 0.5474) < 5e-5)
        #expect(abs(rows[2][1] - 0.2096) < 5e-5)
    }

    @Test func namedSystemWritesHeaderAndEvenlySpacedTimes() throws {
        let scratch = try ScratchFolder()
        let file = scratch.path("decay.csv")
        let result = try odeSolve(["--system", "exp-decay", "--param", "k=1", "--y0", "2", "--t1", "1",
                                   "--points", "5", "--rtol", "1e-10", "--atol", "1e-12", "-o", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let (header, rows) = try table(try String(contentsOfFile: file, encoding: .utf8))
        #expect(header == "t,y")
        #expect(rows.map { $0[0] } == [0, 0.25, 0.5, 0.75, 1])
        for row in rows {
            #expect(abs(row[1] - 2 * exp(-row[0])) < 1e-8)
        }
        #expect(try scratch.contents() == ["decay.csv"])
    }

    @Test func statisticsAreOneJSONLineOnStderr() throws {
        let result = try odeSolve(["--system", "van-der-pol", "--y0", "2,0", "--t1", "5", "--stats"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderrLines.count == 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.stderr.utf8)) as? [String: Any]
        let stats = try #require(object)
        let evaluations = try #require(stats["function_evaluations"] as? Int)
        let accepted = try #require(stats["accepted_steps"] as? Int)
        #expect(accepted > 0)
        #expect(evaluations >= 6 * accepted)  // dopri5: at least six new evaluations per step
        #expect(stats["method"] as? String == "dopri5")
    }

    @Test func helpShowsExamples() throws {
        let result = try odeSolve(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ode-solve --system van-der-pol"))
        #expect(result.stdout.contains("Exit codes"))
    }

    // MARK: bad input: exit 2, one line on stderr, nothing on stdout

    private func expectBadInput(_ arguments: [String], mentions words: [String],
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try odeSolve(arguments)
        #expect(result.status == 2, "status for \(arguments)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(result.stderrLines.count == 1, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("ode-solve: error: "), sourceLocation: sourceLocation)
        for word in words {
            #expect(result.stderr.contains(word), "'\(word)' missing from: \(result.stderr)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func unknownSystemNamesTheValidOnes() throws {
        try expectBadInput(["--system", "vanderpol", "--y0", "1,2", "--t1", "1"],
                           mentions: ["vanderpol", "van-der-pol", "lorenz", "exp-decay"])
    }

    @Test func unknownParameterNamesTheValidOnes() throws {
        try expectBadInput(["--system", "lorenz", "--param", "r=28", "--y0", "1,1,1", "--t1", "1"],
                           mentions: ["'r'", "sigma", "rho", "beta"])
    }

    @Test func malformedParameterIsRejected() throws {
        try expectBadInput(["--system", "lorenz", "--param", "rho", "--y0", "1,1,1", "--t1", "1"],
                           mentions: ["name=value"])
    }

    @Test func unknownMethodNamesTheValidOnes() throws {
        try expectBadInput(["--system", "exp-decay", "--y0", "1", "--t1", "1", "--method", "rk45"],
                           mentions: ["rk45", "dopri5", "tsit5", "euler"])
    }

    @Test func initialStateOfWrongDimension() throws {
        try expectBadInput(["--system", "van-der-pol", "--y0", "1,2,3", "--t1", "1"], mentions: ["--y0", "3", "2"])
        try expectBadInput(["--model", example, "--y0", "1,2", "--t1", "1"], mentions: ["--y0"])
        try expectBadInput(["--system", "van-der-pol", "--y0", "1,x", "--t1", "1"], mentions: ["--y0"])
    }

    @Test func nonPositiveStepSize() throws {
        try expectBadInput(["--system", "exp-decay", "--y0", "1", "--t1", "1", "--method", "euler", "--dt", "0"],
                           mentions: ["--dt"])
        try expectBadInput(["--system", "exp-decay", "--y0", "1", "--t1", "1", "--method", "euler", "--dt", "-0.1"],
                           mentions: ["--dt"])
    }

    @Test func fewerThanTwoPoints() throws {
        try expectBadInput(["--system", "exp-decay", "--y0", "1", "--t1", "1", "--points", "1"], mentions: ["--points"])
    }

    @Test func systemAndModelTogetherOrNeither() throws {
        try expectBadInput(["--system", "exp-decay", "--model", example, "--y0", "1", "--t1", "1"],
                           mentions: ["--system", "--model"])
        try expectBadInput(["--y0", "1", "--t1", "1"], mentions: ["--system", "--model"])
    }

    @Test(arguments: [
        ("not json", "{ \"format\": ", "JSON"),
        ("missing key", #"{"format": "flowscope.mlp.v1", "time_input": false, "augment_dim": 0, "layers": []}"#, "state_dim"),
        ("unknown activation", #"{"format": "flowscope.mlp.v1", "state_dim": 1, "time_input": false, "augment_dim": 0, "layers": [{"weight": [[1.5]], "bias": [0], "activation": "swish2"}]}"#, "swish2"),
        ("wrong shape", #"{"format": "flowscope.mlp.v1", "state_dim": 1, "time_input": false, "augment_dim": 0, "layers": [{"weight": [[1.5, 2]], "bias": [0], "activation": "tanh"}]}"#, "layers[0]"),
    ])
    func malformedModelFile(name: String, json: String, mention: String) throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("model.json")
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        try expectBadInput(["--model", path, "--y0", "1", "--t1", "1"], mentions: [mention])
    }

    @Test func missingModelFile() throws {
        try expectBadInput(["--model", "no/such/model.json", "--y0", "1", "--t1", "1"], mentions: ["no/such/model.json"])
    }

    // MARK: output files are written only on success

    @Test func badInputLeavesNoFileAndKeepsAnExistingOne() throws {
        let scratch = try ScratchFolder()
        let fresh = scratch.path("fresh.csv")
        var result = try odeSolve(["--system", "nope", "--y0", "1", "--t1", "1", "-o", fresh])
        #expect(result.status == 2)
        #expect(!FileManager.default.fileExists(atPath: fresh))

        let existing = scratch.path("existing.csv")
        try "keep me\n".write(toFile: existing, atomically: true, encoding: .utf8)
        result = try odeSolve(["--system", "exp-decay", "--y0", "1", "--t1", "1", "--points", "0", "-o", existing])
        #expect(result.status == 2)
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me\n")
        #expect(try scratch.contents() == ["existing.csv"])
    }

    @Test func solverFailureExitsThreeWithReasonAndTime() throws {
        let scratch = try ScratchFolder()
        let existing = scratch.path("out.csv")
        try "keep me\n".write(toFile: existing, atomically: true, encoding: .utf8)
        // Ten steps cannot cover [0, 100] of the Lorenz system at rtol 1e-10.
        let result = try odeSolve(["--system", "lorenz", "--y0", "1,1,1", "--t1", "100", "--rtol", "1e-10",
                                   "--atol", "1e-10", "--max-steps", "10", "-o", existing])
        #expect(result.status == 3)
        #expect(result.stderrLines.count == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.hasPrefix("ode-solve: error: "))
        #expect(result.stderr.contains("t ="), "no time in: \(result.stderr)")
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me\n")
        #expect(try scratch.contents() == ["out.csv"])
    }

    @Test func nonFiniteStateIsASolverFailure() throws {
        // y' = 1000 y with Euler steps of 1 overflows to infinity within a few hundred steps.
        let result = try odeSolve(["--system", "exp-decay", "--param", "k=-1000", "--y0", "1", "--t1", "1000",
                                   "--method", "euler", "--dt", "1"])
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.count == 1, "stderr: \(result.stderr)")
    }
}
