import Foundation
import Render
import Testing

/// The option groups every program shares (`--memory-budget`, the figure style, typed values):
/// the same spelling, the same checks and one line for a bad value in every program.
@Suite struct SharedOptionsProgramTests {
    private func run(_ name: String, _ arguments: [String]) throws -> BuiltProgram.Result {
        try BuiltProgram(name).run(arguments)
    }

    @Test(arguments: ["ode-solve", "ode-train", "ode-grad", "ode-gallery build", "ode-plot phase", "ode-plot course",
                      "ode-diff field", "ode-diff image", "ode-analyze lyapunov", "ode-analyze equilibria"])
    func everyProgramTakesAMemoryBudget(_ command: String) throws {
        let words = command.split(separator: " ").map(String.init)
        let result = try run(words[0], Array(words.dropFirst()) + ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("--memory-budget <size>"))
    }

    @Test func memoryBudgetOptionRefusesWhatExceedsIt() throws {
        let result = try run("ode-solve", ["--system", "van-der-pol", "--y0", "2,0", "--t1", "10", "--points", "100000",
                                           "--memory-budget", "1M"])
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.hasPrefix("ode-solve: error: --points 100000 needs about "))
        #expect(result.stderr.contains("over the budget of 1.0 MB"))
        let enough = try run("ode-solve", ["--system", "van-der-pol", "--y0", "2,0", "--t1", "10", "--points", "1000",
                                           "--memory-budget", "64M"])
        #expect(enough.status == 0)
        #expect(enough.stdout.split(separator: "\n").count == 1001)
    }

    @Test(arguments: ["lots", "0", "-5M", "200%"])
    func unreadableMemoryBudgetIsOneLine(_ value: String) throws {
        let result = try run("ode-solve", ["--system", "van-der-pol", "--y0", "2,0", "--t1", "1", "--memory-budget", value])
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("--memory-budget expects a size like 4G, 512M or 25% (got '\(value)')"))
    }

    @Test func courseFiguresTakeTheSharedStyleOptions() throws {
        let scratch = try ScratchFolder()
        let own = scratch.path("own.png"), sized = scratch.path("sized.png")
        let first = try run("ode-plot", ["course", "example-3.1.1", "--dpi", "20", "-o", own])
        #expect(first.status == 0, "\(first.stderr)")
        let ownInfo = try #require(PNGInfo(data: try Data(contentsOf: URL(fileURLWithPath: own))))
        #expect(ownInfo.width == 120 && ownInfo.height == 120)
        let second = try run("ode-plot", ["course", "example-3.1.1", "--size", "4x2in", "--dpi", "25", "-o", sized])
        #expect(second.status == 0, "\(second.stderr)")
        let sizedInfo = try #require(PNGInfo(data: try Data(contentsOf: URL(fileURLWithPath: sized))))
        #expect(sizedInfo.width == 100 && sizedInfo.height == 50)
        let bad = try run("ode-plot", ["course", "example-3.1.1", "--size", "4by2", "-o", scratch.path("bad.png")])
        #expect(bad.status == 2)
        #expect(bad.stderrLines.count == 1)
        #expect(bad.stderr.contains("--size expects width x height with a unit, e.g. 6x6in or 16x12cm (got '4by2')"))
        #expect(try scratch.contents() == ["own.png", "sized.png"])
    }

    /// Typed values: a bad one is refused before any work, in one line that shows the expected form.
    @Test(arguments: [
        (["ode-train", "--system", "exp-decay", "--schedule", "cosine:x", "-o", "m.json"],
         "--schedule expects constant, step:FACTOR:EVERY or cosine[:FLOOR] (got 'cosine:x')"),
        (["ode-train", "--system", "exp-decay", "--curriculum", "1:2", "-o", "m.json"],
         "--curriculum expects START:END:RAMP with positive horizons, e.g. 0.5:2:60 (got '1:2')"),
        (["ode-plot", "convergence", "--system", "exp-decay", "--t1", "1", "--dts", "0.1", "-o", "c.png"],
         "--dts expects a:b (halving), a:b:n (log-spaced) or a list like 0.1,0.05 of positive numbers (got '0.1')"),
        (["ode-plot", "attractor", "--system", "lorenz", "--components", "0,0,2", "-o", "a.png"],
         "--components expects distinct whole indices from 0, e.g. 0,1,2 (got '0,0,2')"),
        (["ode-analyze", "lyapunov", "--system", "lorenz", "--y0", "1,x,2"],
         "--y0 expects comma-separated numbers like 1,0.5,-2 (got '1,x,2')"),
    ])
    func badTypedValuesAreOneLine(_ arguments: [String], _ message: String) throws {
        let scratch = try ScratchFolder()
        let result = try BuiltProgram(arguments[0]).run(Array(arguments.dropFirst()), in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try scratch.contents().isEmpty)
    }

    @Test func lyapunovOptionsAreSharedByTheAnalysisAndTheFigure() throws {
        for arguments in [["ode-analyze", "lyapunov"], ["ode-plot", "lyapunov"]] {
            let result = try run(arguments[0], [arguments[1], "--help"])
            for option in ["--transient <T>", "--t1 <T>", "--exponents <k>", "--interval <tau>", "--model <model.json>", "--y0 <x,y,...>"] {
                #expect(result.stdout.contains(option), "\(arguments) lacks \(option)")
            }
        }
        let bad = try run("ode-plot", ["lyapunov", "--system", "lorenz", "--interval", "0", "-o", "l.png"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--interval must be positive and at most --t1 (got 0.0)"))
    }
}

/// Streamlines over a field that is not finite in part of the window: drawn where it is finite,
/// with one warning line (as a curve drawn short is reported), exit 0.
@Suite struct NonFiniteFieldProgramTests {
    @Test func phasePortraitWarnsWhereTheFieldIsNotFinite() throws {
        let scratch = try ScratchFolder()
        let out = scratch.path("sqrt.png")
        let result = try BuiltProgram("ode-plot").run(["phase", "--equations", "x' = sqrt(x); y' = -y", "--window", "-2:2,-2:2",
                                                       "--dpi", "30", "-o", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderrLines == ["ode-plot: warning: the field is not finite at 2048 of 4096 grid points of the window "
                                       + "(first at (-1.96875, -1.96875)); streamlines and arrows stop there"])
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test func finiteFieldGivesNoWarning() throws {
        let scratch = try ScratchFolder()
        let result = try BuiltProgram("ode-plot").run(["phase", "--equations", "x' = y; y' = -x", "--window", "-2:2,-2:2",
                                                       "--dpi", "30", "-o", scratch.path("centre.png")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
    }
}
