import Foundation
import Render
import Testing

/// The reproductions of issue 15, run as a user would: each ends with its documented exit code and
/// one line on stderr, and leaves existing files as they were.
@Suite struct HostileInputTests {
    private func program(_ name: String) throws -> BuiltProgram { try BuiltProgram(name) }

    /// The one stderr line of a failed run, or a test failure naming what was printed.
    private func oneLine(_ result: BuiltProgram.Result, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        #expect(result.stderrLines.count == 1, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        return result.stderrLines.first.map(String.init) ?? ""
    }

    private func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    private func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    // MARK: 1. write errors on stdout and stderr

    @Test func fullStdoutEndsWithExit3AndOneLine() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let result = try program("ode-solve").run(["--system", "van-der-pol", "--y0", "2,0", "--t1", "10"], stdout: full)
        #expect(result.status == 3)
        #expect(oneLine(result) == "ode-solve: error: cannot write to standard output: No space left on device")
    }

    @Test func fullStderrOnAUsageErrorStillExits2() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let result = try program("ode-solve").run(["--system", "van-der-pol", "--y0", "2,0"], stderr: full)
        #expect(result.status == 2)
    }

    @Test func closedPipeEndsQuietly() throws {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let result = try program("ode-solve").run(["--system", "van-der-pol", "--y0", "2,0", "--t1", "10", "--points", "5000"],
                                                  stdout: pipe.fileHandleForWriting)
        #expect(result.status == 3)
        #expect(result.stderr.isEmpty)
    }

    @Test func trainingKeepsItsModelWhenTheSummaryCannotBePrinted() throws {
        let scratch = try ScratchFolder()
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let model = scratch.path("m.json")
        let result = try program("ode-train").run(["--system", "exp-decay", "--epochs", "2", "--hidden", "4", "--quiet", "-o", model],
                                                   stdout: full)
        #expect(result.status == 3)
        #expect(oneLine(result).hasPrefix("ode-train: error: cannot write to standard output"))
        #expect(bytes(model) != nil)
        #expect(try scratch.contents() == ["m.json"])
    }

    // MARK: 2. sizes bounded before allocating

    @Test(arguments: ["2000000000", "9223372036854775807"])
    func hugePointCountsAreRefusedByTheBudget(_ points: String) throws {
        let scratch = try ScratchFolder()
        let out = scratch.path("out.csv")
        try write("keep", to: out)
        let result = try program("ode-solve").run(["--system", "van-der-pol", "--y0", "2,0", "--t1", "10",
                                                   "--points", points, "-o", out])
        #expect(result.status == 2)
        let line = oneLine(result)
        #expect(line.hasPrefix("ode-solve: error: --points \(points) needs about "))
        #expect(line.contains("over the budget of"))
        #expect(bytes(out) == Data("keep".utf8))
    }

    @Test func budgetComesFromTheEnvironment() throws {
        let small = try program("ode-solve").run(["--system", "van-der-pol", "--y0", "2,0", "--t1", "10", "--points", "100000"],
                                                 environment: ["FLOWSCOPE_MEMORY_BUDGET": "1M"])
        #expect(small.status == 2)
        #expect(oneLine(small).contains("(FLOWSCOPE_MEMORY_BUDGET=1M)"))
        let bad = try program("ode-solve").run(["--system", "van-der-pol", "--y0", "2,0", "--t1", "1"],
                                               environment: ["FLOWSCOPE_MEMORY_BUDGET": "lots"])
        #expect(bad.status == 2)
        #expect(oneLine(bad) == "ode-solve: error: FLOWSCOPE_MEMORY_BUDGET=lots is not a size (examples: 4G, 512M, 25%)")
    }

    @Test func hugeFixedStepCountIsRefusedAtTheCaller() throws {
        let result = try program("ode-solve").run(["--system", "van-der-pol", "--y0", "2,0", "--t1", "1e9", "--dt", "0.01",
                                                   "--max-steps", "9223372036854775807"])
        #expect(result.status == 2)
        #expect(oneLine(result).hasPrefix("ode-solve: error: --dt 0.01 over [0.0, 1000000000.0] needs about"))
    }

    // MARK: 3. a diverging training stays within the budget

    /// The issue's small.csv: 21 rows of Van der Pol on [0, 5].
    private func smallTrainingData(in scratch: ScratchFolder) throws -> String {
        let data = scratch.path("small.csv")
        let solve = try program("ode-solve").run(["--system", "van-der-pol", "--y0", "2,0", "--t1", "5", "--points", "21", "-o", data])
        #expect(solve.status == 0)
        return data
    }

    @Test func divergingTrainingFailsCleanlyUnderASmallBudget() throws {
        let scratch = try ScratchFolder()
        let data = try smallTrainingData(in: scratch)
        let model = scratch.path("m.json")
        try write("keep", to: model)
        let result = try program("ode-train").run(["--data", data, "--epochs", "10", "--lr", "1e6", "-o", model],
                                                   environment: ["FLOWSCOPE_MEMORY_BUDGET": "64M"])
        #expect(result.status == 3)
        let last = result.stderrLines.last.map(String.init) ?? ""
        #expect(last.hasPrefix("ode-train: error: "))
        let estimateAfterNaN = result.stderrLines.contains { $0.contains("nan") && $0.contains("s left") }
        #expect(!estimateAfterNaN, "no time estimate after divergence: \(result.stderr)")
        #expect(last.contains("the memory budget caps each solve's backprop tape at"))
        #expect(bytes(model) == Data("keep".utf8))
    }

    /// Under the default budget a diverging training stops at the training step cap, long before
    /// its backprop tape grows to the budget.
    @Test func divergingTrainingStopsAtTheTrainingStepCap() throws {
        let scratch = try ScratchFolder()
        let data = try smallTrainingData(in: scratch)
        let model = scratch.path("m.json")
        let result = try program("ode-train").run(["--data", data, "--epochs", "10", "--lr", "1e6", "-o", model])
        #expect(result.status == 3)
        let last = result.stderrLines.last.map(String.init) ?? ""
        #expect(last.contains("too many steps: reached 100000 at t = "), "\(result.stderr)")
        #expect(last.hasSuffix("; ode-train caps each adaptive solve at 100000 steps unless --max-steps is given)"))
        #expect(bytes(model) == nil)
    }

    // MARK: 4. no silent failure in figures

    @Test func failedCurveFailsThePhasePortraitAndKeepsTheFile() throws {
        let scratch = try ScratchFolder()
        let out = scratch.path("p.png")
        try write("keep", to: out)
        let args = ["phase", "--system", "van-der-pol", "--param", "mu=1e6", "--ics", "2,0", "--method", "dopri5",
                    "--max-steps", "1000", "-o", out]
        let failed = try program("ode-plot").run(args)
        #expect(failed.status == 3)
        #expect(oneLine(failed).hasPrefix("ode-plot: error: solution curve 1 from (2.0, 0.0) stopped: "))
        #expect(bytes(out) == Data("keep".utf8))
        #expect(try scratch.contents() == ["p.png"])

        let partial = try program("ode-plot").run(args + ["--partial-curves"])
        #expect(partial.status == 0)
        #expect(oneLine(partial).hasPrefix("ode-plot: warning: solution curve 1 from (2.0, 0.0) stopped: "))
        #expect(bytes(out) != Data("keep".utf8))
    }

    @Test func limitCycleHonoursMaxSteps() throws {
        let scratch = try ScratchFolder()
        let result = try program("ode-plot").run(["phase", "--system", "van-der-pol", "--limit-cycle", "--max-steps", "5",
                                                  "-o", scratch.path("p.png")])
        #expect(result.status == 3)
        #expect(oneLine(result).contains("too many steps"))
        #expect(try scratch.contents() == [])
    }

    // MARK: 5. 16-bit PNGs

    @Test func sixteenBitCopyComparesEqual() throws {
        let scratch = try ScratchFolder()
        let fixtures = BuiltProgram.packageRoot().appendingPathComponent("Tests/RenderTests/Fixtures/png").path
        let rgba = try #require(bytes(fixtures + "/type6-depth16.rgba"))
        let image = try #require(RGBAImage(width: 13, height: 9, pixels: [UInt8](rgba)))
        try image.pngData().write(to: URL(fileURLWithPath: scratch.path("eight.png")))
        let result = try program("ode-diff").run(["image", scratch.path("eight.png"), fixtures + "/type6-depth16.png"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("RMS 0"))
    }

    // MARK: 6, 7. control bytes in CSV, duplicate JSON keys

    @Test func nulInsideANumberNamesTheRow() throws {
        let scratch = try ScratchFolder()
        let data = scratch.path("nul.csv")
        try write("t,y\n0,1\n0.2\0 5,0.5\n0.4,0.3\n", to: data)
        let model = scratch.path("m.json")
        try write("keep", to: model)
        let result = try program("ode-train").run(["--data", data, "--epochs", "1", "-o", model])
        #expect(result.status == 2)
        #expect(oneLine(result) == "ode-train: error: --data: data file row 3 contains the control character 0x00 (NUL) at byte 11;"
            + " a data file is plain text (rows count the header as row 1)")
        #expect(bytes(model) == Data("keep".utf8))
    }

    @Test func duplicateKeyInAModelFileIsRefused() throws {
        let scratch = try ScratchFolder()
        let model = scratch.path("dup.json")
        try write("""
        {"format": "flowscope.mlp.v1", "state_dim": 1, "state_dim": 2, "layers": [
          {"weight": [[1]], "bias": [0], "activation": "identity"}]}
        """, to: model)
        let result = try program("ode-solve").run(["--model", model, "--y0", "1", "--t1", "1"])
        #expect(result.status == 2)
        #expect(oneLine(result).hasSuffix("model file is not valid JSON: the key \"state_dim\" appears twice in (top level) (line 1, column 48)"))
    }

    @Test func duplicateKeyInTheGalleryManifestIsRefused() throws {
        let scratch = try ScratchFolder()
        let manifest = scratch.path("gallery.json")
        try write(#"{"format": "flowscope.gallery.v1", "sections": [], "figures": [], "figures": []}"#, to: manifest)
        let result = try program("ode-gallery").run(["list", "--manifest", manifest])
        #expect(result.status == 2)
        #expect(oneLine(result).contains("the key \"figures\" appears twice in (top level)"))
    }

    // MARK: 8. signals and stale temporary files

    @Test func staleTemporaryFilesOfDeadProcessesAreRemoved() throws {
        let scratch = try ScratchFolder()
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let stale = ".out.csv.tmp-\(finished.processIdentifier)-Ab12Cd"
        let foreign = ".notes.tmp-XYZ"
        try write("partial", to: scratch.path(stale))
        try write("mine", to: scratch.path(foreign))
        let result = try program("ode-solve").run(["--system", "exp-decay", "--y0", "1", "--t1", "1", "-o", scratch.path("out.csv")])
        #expect(result.status == 0)
        #expect(try scratch.contents() == [foreign, "out.csv"].sorted())
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func signalDuringAWriteLeavesNoTemporaryFile(_ signal: Int32) throws {
        let scratch = try ScratchFolder()
        let out = scratch.path("big.svg")
        try write("keep", to: out)
        let process = Process()
        process.executableURL = try program("ode-plot").url
        process.arguments = ["phase", "--system", "van-der-pol", "--streamlines", "--size", "40x40in", "-o", out]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the temporary file appears (or the program ends), then signal it.
        for _ in 0..<2000 where process.isRunning {
            if try scratch.contents().contains(where: { $0.contains(".tmp-") }) { break }
            usleep(2000)
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(try scratch.contents() == ["big.svg"])
        let kept = bytes(out)
        #expect(kept == Data("keep".utf8) || process.terminationReason == .exit)
    }

    // MARK: 9. messages

    @Test func folderGivenAsDataSaysSo() throws {
        let scratch = try ScratchFolder()
        let result = try program("ode-train").run(["--data", scratch.url.path, "-o", scratch.path("m.json")])
        #expect(result.status == 2)
        #expect(oneLine(result) == "ode-train: error: --data: cannot read data file \(scratch.url.path): it is a folder, not a file")
    }

    @Test func binaryCSVNamesARow() throws {
        let scratch = try ScratchFolder()
        let data = scratch.path("bin.csv")
        try Data([0x74, 0x2C, 0x79, 0x0A, 0x30, 0x2C, 0x31, 0x0A, 0xFF, 0xFE, 0x2C, 0x31, 0x0A]).write(to: URL(fileURLWithPath: data))
        let result = try program("ode-train").run(["--data", data, "-o", scratch.path("m.json")])
        #expect(result.status == 2)
        #expect(oneLine(result) == "ode-train: error: --data: data file row 3 is not UTF-8 text (is it a binary file?);"
            + " rows count the header as row 1")
    }

    @Test func hugeAugmentDimSaysWhatIsWrong() throws {
        let scratch = try ScratchFolder()
        let model = scratch.path("aug.json")
        try write("""
        {"format": "flowscope.mlp.v1", "state_dim": 1, "augment_dim": 1000000000, "layers": [
          {"weight": [[1]], "bias": [0], "activation": "identity"}]}
        """, to: model)
        let result = try program("ode-solve").run(["--model", model, "--y0", "1", "--t1", "1"])
        #expect(result.status == 2)
        let line = oneLine(result)
        #expect(!line.contains("must be an integer"))
        #expect(line.contains("1000000001"))
    }

    @Test func negativePointsSayWhy() throws {
        let result = try program("ode-solve").run(["--system", "van-der-pol", "--y0", "2,0", "--t1", "1", "--points", "-5"])
        #expect(result.status == 2)
        #expect(oneLine(result).hasPrefix("ode-solve: error: --points must be at least 2 (got -5)"))
    }

    @Test(arguments: [["--preset", "mini-project"], ["--preset", "latent-spirals"]])
    func absurdThreadCountIsRefusedBeforeAnyThreadStarts(preset: [String]) throws {
        // Every thread holds its own copy of the network: 100 000 of them took 14 GB and a minute.
        let scratch = try ScratchFolder()
        let result = try program("ode-train").run(preset + ["--epochs", "1", "--threads", "100000", "-o", scratch.path("m.json")])
        #expect(result.status == 2)
        #expect(oneLine(result).hasPrefix("ode-train: error: --threads must be at most 256 (got 100000)"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("m.json")))
    }

    @Test func missingOutputFolderIsBadInputAsREADMESays() throws {
        let scratch = try ScratchFolder()
        let result = try program("ode-solve").run(["--system", "exp-decay", "--y0", "1", "--t1", "1", "-o", scratch.path("no/out.csv")])
        #expect(result.status == 2)
        let readme = try String(contentsOf: BuiltProgram.packageRoot().appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("an output folder that does not exist"))
    }
}

