import Foundation
import Testing

/// `ode-train` run as a built program: parity with torchdiffeq, determinism, divergence and bad data.
@Suite struct TrainProgramTests {
    private let peers = "assets/data/peers-vdp"
    /// A quick problem every test can afford in a debug build.
    private let small = ["--system", "exp-decay", "--ics", "1;0.5", "--t1", "1", "--points", "11", "--noise", "0.01",
                         "--hidden", "4", "--method", "rk4", "--dt", "0.1", "--quiet"]

    private func odeTrain(_ arguments: [String]) throws -> BuiltProgram.Result {
        try BuiltProgram("ode-train").run(arguments)
    }

    /// The loss column of a log file.
    private func losses(_ path: String) throws -> [Double] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "epoch,loss,heldout_mse,nfe_forward,nfe_backward,rejected_steps,seconds,learning_rate,horizon")
        return try lines.dropFirst().map { try #require(Double(String($0.split(separator: ",")[1]))) }
    }

    @Test func helpShowsExamplesAndPresets() throws {
        let result = try odeTrain(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:"))
        for preset in ["code-lab", "damped-oscillator", "mini-project"] {
            #expect(result.stdout.contains(preset))
        }
    }

    @Test func plainRunMatchesTorchdiffeqEpochByEpoch() throws {
        let scratch = try ScratchFolder()
        let log = scratch.path("log.csv")
        let result = try odeTrain(["--data", "\(peers)/train.csv", "--init", "\(peers)/init.json", "--method", "rk4-38",
                                   "--dt", "0.05", "--lr", "0.01", "--optimizer", "adam", "--epochs", "3",
                                   "-o", scratch.path("vdp.json"), "--log", log, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("ode-train: final loss "))
        let reference = try String(contentsOfFile: BuiltProgram.packageRoot().appendingPathComponent("\(peers)/torchdiffeq-rk4-losses.csv").path,
                                   encoding: .utf8)
            .split(separator: "\n").dropFirst().compactMap { Double($0.split(separator: ",")[1]) }
        let ours = try losses(log)
        #expect(ours.count == 3)
        for (a, b) in zip(ours, reference) {
            #expect(abs(a - b) < 1e-8, "ours \(a), torchdiffeq \(b)")
        }
    }

    @Test func sameCommandWritesTheSameModelBytes() throws {
        let scratch = try ScratchFolder()
        let options = small + ["--epochs", "15", "--window", "0.3", "--batch-size", "3", "--seed", "4"]
        let first = try odeTrain(options + ["-o", scratch.path("a.json")])
        let second = try odeTrain(options + ["-o", scratch.path("b.json")])
        let third = try odeTrain(options.dropLast(2) + ["--seed", "5", "-o", scratch.path("c.json")])
        #expect(first.status == 0 && second.status == 0 && third.status == 0, "\(first.stderr)\(second.stderr)\(third.stderr)")
        let a = try Data(contentsOf: URL(fileURLWithPath: scratch.path("a.json")))
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: scratch.path("b.json")))))
        #expect(a != (try Data(contentsOf: URL(fileURLWithPath: scratch.path("c.json")))))
    }

    @Test func divergenceExitsThreeKeepsTheLogAndTheOldModel() throws {
        let scratch = try ScratchFolder()
        let model = scratch.path("model.json"), log = scratch.path("log.csv")
        try Data("previous model\n".utf8).write(to: URL(fileURLWithPath: model))
        let result = try odeTrain(small + ["--optimizer", "sgd", "--lr", "1e30", "--epochs", "50", "-o", model, "--log", log])
        #expect(result.status == 3)
        #expect(result.stderrLines.count == 1)
        let line = try #require(result.stderrLines.first)
        #expect(line.hasPrefix("ode-train: error: training diverged at epoch "))
        #expect(try String(contentsOfFile: model, encoding: .utf8) == "previous model\n")
        let values = try losses(log)
        #expect(values.count >= 2 && values.count < 50)
        #expect(line.contains("epoch \(values.count - 1):"))
        #expect(!(values.last?.isFinite ?? true))
        #expect(values.dropLast().allSatisfy { $0.isFinite })
    }

    @Test(arguments: [
        ("t,x\n0,1\n0.1\n", "row 3"),
        ("t,x\n0,1\n0.1,abc\n", "row 3"),
        ("t,x\n0,1\n", "row 2"),
        ("t,x\n0,1\n0.2,2\n0.1,3\n", "row 4"),
    ])
    func badDataFilesExitTwoNamingTheRow(text: String, row: String) throws {
        let scratch = try ScratchFolder()
        let data = scratch.path("bad.csv")
        try Data(text.utf8).write(to: URL(fileURLWithPath: data))
        let result = try odeTrain(["--data", data, "--epochs", "1", "-o", scratch.path("m.json"), "--quiet"])
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains(row), "\(result.stderr)")
        #expect(try scratch.contents() == ["bad.csv"])
    }

    @Test func unknownPresetAndConflictingOptionsExitTwo() throws {
        let scratch = try ScratchFolder()
        let unknown = try odeTrain(["--preset", "nope", "-o", scratch.path("m.json")])
        #expect(unknown.status == 2 && unknown.stderr.contains("code-lab"))
        let both = try odeTrain(small + ["--window", "1", "--curriculum", "0.5:2:60", "-o", scratch.path("m.json")])
        #expect(both.status == 2 && both.stderrLines.count == 1)
    }

    /// The mini-project preset's promise (final loss < 0.01), run with the release build: 2000
    /// epochs take about 6 s there and minutes in a debug build. Enabled when `.build/release/ode-train`
    /// exists and is newer than every source file (`swift build -c release` first).
    @Test(.enabled(if: ReleaseProgram.isFresh("ode-train")))
    func miniProjectPresetReachesGradeA() throws {
        let scratch = try ScratchFolder()
        let (status, summary) = try ReleaseProgram.run("ode-train", ["--preset", "mini-project", "-o", scratch.path("vdp.json"),
                                                                  "--log", scratch.path("log.csv"), "--quiet"])
        #expect(status == 0, "\(summary)")
        let loss = try #require(ReleaseProgram.number(after: "final loss ", in: summary))
        let heldOut = try #require(ReleaseProgram.number(after: "held-out MSE ", in: summary))
        #expect(loss < 0.01)
        #expect(loss > 0.002)  // not below the noise floor (sigma^2 = 0.0025): the data are noisy
        #expect(heldOut.isFinite && heldOut < 1)
        #expect(try losses(scratch.path("log.csv")).count == 2000)
    }
}

/// The release build of a program, for runs too long for a debug build.
private enum ReleaseProgram {
    static let folder = BuiltProgram.packageRoot().appendingPathComponent(".build/release")

    /// True when the release program exists and is newer than every file under Sources/.
    static func isFresh(_ name: String) -> Bool {
        let manager = FileManager.default
        let program = folder.appendingPathComponent(name).path
        guard manager.isExecutableFile(atPath: program),
              let built = (try? manager.attributesOfItem(atPath: program))?[.modificationDate] as? Date else { return false }
        let sources = BuiltProgram.packageRoot().appendingPathComponent("Sources")
        guard let files = manager.enumerator(at: sources, includingPropertiesForKeys: [.contentModificationDateKey]) else { return false }
        for case let file as URL in files {
            if let changed = try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate,
               changed > built { return false }
        }
        return true
    }

    /// Runs the release program from the package root; returns its exit status and stdout followed by stderr.
    static func run(_ name: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = folder.appendingPathComponent(name)
        process.arguments = arguments
        process.currentDirectoryURL = BuiltProgram.packageRoot()
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// The number that follows `label` in `text`.
    static func number(after label: String, in text: String) -> Double? {
        guard let range = text.range(of: label) else { return nil }
        let digits = text[range.upperBound...].prefix { "0123456789.e+-".contains($0) }
        return Double(String(digits))
    }
}
