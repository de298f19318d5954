import Foundation
import Testing

/// `ode-train --preset lorenz` run as a built program, on a few rows so a debug build can afford it.
@Suite struct LorenzPresetProgramTests {
    private let quick = ["--preset", "lorenz", "--ics", "1,1,1;-5,5,20", "--t1", "0.5", "--points", "51", "--epochs", "2", "--quiet"]

    @Test func presetStartsOnTheAttractorAndWritesAFoldedModel() throws {
        let scratch = try ScratchFolder()
        let result = try BuiltProgram("ode-train").run(quick + ["-o", scratch.path("m.json"), "--save-data", scratch.path("d.csv")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("standardised units"))
        let rows = try String(contentsOfFile: scratch.path("d.csv"), encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "trajectory,t,x,y,z")
        // Row 1 is the state 10 time units after (1, 1, 1): on the attractor, far from where it started.
        let first = rows[1].split(separator: ",").dropFirst(2).compactMap { Double(String($0)) }
        #expect(first.count == 3 && abs(first[0] - 1) + abs(first[1] - 1) + abs(first[2] - 1) > 5)
        // The saved data are in the system's coordinates, not the standardised ones the network trained on.
        let zs = rows.dropFirst().compactMap { Double(String($0.split(separator: ",")[4])) }
        #expect((zs.max() ?? 0) > 10)
        let model = try String(contentsOfFile: scratch.path("m.json"), encoding: .utf8)
        #expect(model.contains("flowscope.mlp.v1"))
    }

    @Test func standardisingIsAnOptionAndRefusesAStartingModel() throws {
        let scratch = try ScratchFolder()
        let plain = try BuiltProgram("ode-train").run(quick + ["--no-standardize", "-o", scratch.path("p.json")])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(!plain.stdout.contains("standardised"))
        let refused = try BuiltProgram("ode-train").run(quick + ["--init", scratch.path("p.json"), "-o", scratch.path("q.json")])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--no-standardize"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("q.json")))
        let negative = try BuiltProgram("ode-train").run(quick + ["--transient", "-1", "-o", scratch.path("r.json")])
        #expect(negative.status == 2)
    }
}
