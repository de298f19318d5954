import Foundation
import Testing

/// `ode-analyze equilibria` and the phase-plane toolkit of `ode-plot phase`, run as built programs.
@Suite struct AnalyzeProgramTests {
    private func run(_ program: String, _ arguments: [String]) throws -> BuiltProgram.Result {
        try BuiltProgram(program).run(arguments)
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func duffingEquilibriaAsJSON() throws {
        let result = try run("ode-analyze", ["equilibria", "--system", "duffing", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result.stdout)
        let list = try #require(object["equilibria"] as? [[String: Any]])
        #expect(list.compactMap { $0["type"] as? String } == ["stable focus", "saddle", "stable focus"])
        #expect(object["jacobian"] as? String == "exact")
        #expect(object["note"] == nil)
        let saddle = try #require(list[1]["eigenvalues"] as? [[String: Double]])
        let real = saddle.compactMap { $0["re"] }.sorted()
        #expect(abs(real[0] + 0.15 + 4.09.squareRoot() / 2) < 1e-12 && abs(real[1] + 0.15 - 4.09.squareRoot() / 2) < 1e-12)
    }

    @Test func learnedModelUsesTheNetworkJacobian() throws {
        let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("gallery/data/vdp.json").path
        let result = try run("ode-analyze", ["equilibria", "--model", model, "--system", "van-der-pol", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result.stdout)
        #expect(object["jacobian"] as? String == "network vector-Jacobian products")
        let list = try #require(object["equilibria"] as? [[String: Any]])
        #expect(!list.isEmpty)
        #expect(list.allSatisfy { (($0["residual"] as? Double) ?? 1) < 1e-9 })
    }

    @Test func windowWithoutEquilibriaIsAnEmptyListAndANote() throws {
        let result = try run("ode-analyze", ["equilibria", "--system", "van-der-pol", "--window", "1:2,1:2", "--json"])
        #expect(result.status == 0)
        let object = try json(result.stdout)
        #expect((object["equilibria"] as? [Any])?.isEmpty == true)
        #expect((object["note"] as? String)?.hasPrefix("no equilibrium found in the window") == true)
        #expect(result.stderrLines.count == 1 && result.stderr.hasPrefix("note: no equilibrium"))
    }

    @Test func lorenzOnASlice() throws {
        let result = try run("ode-analyze", ["equilibria", "--system", "lorenz", "--slice", "z=25", "--window", "-20:20,-25:25", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result.stdout)
        #expect((object["slice"] as? [String: Double]) == ["z": 25])
        #expect((object["equilibria"] as? [[String: Any]])?.count == 3)
    }

    @Test(arguments: [
        (["equilibria", "--system", "lorenz", "--slice", "w=25"], "unknown --slice component 'w' (lorenz has x, y, z)"),
        (["equilibria", "--system", "lorenz"], "lorenz has 3 components (x, y, z): fix all but two with --slice, e.g. --slice z=25"),
        (["equilibria", "--system", "duffing", "--slice", "x=1"], "duffing is planar: leave out --slice"),
        (["equilibria", "--system", "nope"], nil),
        (["equilibria"], "give --system NAME or --model FILE"),
        (["equilibria", "--system", "duffing", "--window", "2:1,0:1"], nil),
        (["equilibria", "--model", "/nonexistent/m.json"], nil),
    ])
    func badInput(arguments: [String], message: String?) throws {
        let result = try run("ode-analyze", arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        if let message { #expect(result.stderr == "ode-analyze: error: \(message)\n") }
    }

    @Test func phaseToolkitWritesAFigure() throws {
        let scratch = try ScratchFolder()
        let file = scratch.path("duffing.svg")
        let result = try run("ode-plot", ["phase", "--system", "duffing", "--streamlines", "--nullclines", "--equilibria", "--separatrices",
                                          "-o", file])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try String(contentsOfFile: file, encoding: .utf8)
        #expect(svg.contains("<svg"))
        let slice = try run("ode-plot", ["phase", "--system", "lorenz", "--slice", "z=27", "--nullclines", "-o", scratch.path("lorenz.png")])
        #expect(slice.status == 0, "\(slice.stderr)")
    }

    @Test func phaseToolkitBadInput() throws {
        let scratch = try ScratchFolder()
        let file = scratch.path("bad.png")
        let unknown = try run("ode-plot", ["phase", "--system", "lorenz", "--slice", "q=1", "--equilibria", "-o", file])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "ode-plot: error: unknown --slice component 'q' (lorenz has x, y, z)\n")
        let cycle = try run("ode-plot", ["phase", "--system", "lorenz", "--slice", "z=1", "--limit-cycle", "-o", file])
        #expect(cycle.status == 2)
        #expect(!FileManager.default.fileExists(atPath: file))
    }
}
