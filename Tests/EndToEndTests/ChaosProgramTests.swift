import Foundation
import NeuralODE
import Testing

/// `ode-analyze lyapunov`, `ode-plot attractor` and `ode-plot butterfly` run as built programs.
@Suite struct ChaosProgramTests {
    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func lyapunovOfLorenzAsJSON() throws {
        let result = try BuiltProgram("ode-analyze").run(["lyapunov", "--system", "lorenz", "--t1", "300", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let object = try json(result.stdout)
        let exponents = try #require(object["exponents"] as? [Double])
        #expect(exponents.count == 3)
        #expect(abs(exponents[0] - 0.9056) < 0.05 && abs(exponents[1]) < 0.02 && abs(exponents[2] + 14.5723) < 0.1)
        let sum = try #require(object["sum"] as? Double), trace = try #require(object["trace_average"] as? Double)
        #expect(abs(sum - trace) < 1e-6 && abs(trace + 10 + 1 + 8.0 / 3) < 1e-6)
        let time = try #require(object["lyapunov_time"] as? Double)
        #expect(abs(time - 1 / exponents[0]) < 1e-12)
        #expect(object["kaplan_yorke_dimension"] is Double)
        let running = try #require(object["running"] as? [String: Any])
        let estimates = try #require(running["estimates"] as? [[Double]])
        #expect(estimates.last == exponents && estimates.count >= 100)
    }

    @Test func lyapunovOfAModelFile() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("m.json")
        try ModelFile.text(of: MLP(stateDim: 3, hidden: [8], seed: 5)).write(toFile: path, atomically: true, encoding: .utf8)
        let result = try BuiltProgram("ode-analyze").run(["lyapunov", "--model", path, "--y0", "0.1,0.2,0.3",
                                                          "--transient", "5", "--t1", "50", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result.stdout)
        let exponents = try #require(object["exponents"] as? [Double])
        #expect(exponents.count == 3 && exponents[0] >= exponents[1] - 1e-9)
        let sum = try #require(object["sum"] as? Double), trace = try #require(object["trace_average"] as? Double)
        #expect(abs(sum - trace) < 1e-6)
        #expect((object["source"] as? String)?.hasPrefix("model ") == true)
    }

    @Test(arguments: [
        (["lyapunov", "--system", "lorenz", "--exponents", "4"], "exceeds the dimension 3"),
        (["lyapunov", "--system", "no-such"], "unknown system 'no-such'"),
        (["lyapunov", "--system", "lorenz", "--t1", "-1"], "--t1 must be positive"),
        (["lyapunov", "--system", "lorenz", "--y0", "1,2"], "--y0 has 2 values"),
        (["lyapunov"], "--equations TEXT or --model FILE"),
        (["lyapunov", "--model", "/nonexistent/m.json"], "not found"),
    ])
    func lyapunovBadInput(arguments: [String], message: String) throws {
        let result = try BuiltProgram("ode-analyze").run(arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.count == 1 && result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func attractorAndButterflyFigures() throws {
        let scratch = try ScratchFolder()
        let png = scratch.path("lorenz.png"), svg = scratch.path("butterfly.svg")
        let attractor = try BuiltProgram("ode-plot").run(["attractor", "--system", "rossler", "--t1", "60", "--points", "3000",
                                                          "--color", "speed", "--azimuth", "-40", "-o", png])
        #expect(attractor.status == 0, "\(attractor.stderr)")
        let butterfly = try BuiltProgram("ode-plot").run(["butterfly", "--system", "lorenz", "--t1", "20", "-o", svg])
        #expect(butterfly.status == 0, "\(butterfly.stderr)")
        #expect(try scratch.contents() == ["butterfly.svg", "lorenz.png"])
        let planar = try BuiltProgram("ode-plot").run(["attractor", "--system", "van-der-pol", "-o", scratch.path("vdp.png")])
        #expect(planar.status == 2 && planar.stderr.contains("three or more components"), "\(planar.stderr)")
        let badColor = try BuiltProgram("ode-plot").run(["attractor", "--system", "lorenz", "--color", "red", "-o", scratch.path("x.png")])
        #expect(badColor.status == 2 && badColor.stderrLines.count == 1)
        #expect(try scratch.contents() == ["butterfly.svg", "lorenz.png"])
    }
}
