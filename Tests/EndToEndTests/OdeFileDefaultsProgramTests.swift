import Foundation
import Testing

/// What an `.ode` file says about a run, applied where the command line says nothing: output rows
/// from `@ dt`/`nout`, plotted axes from `@ xp`/`yp`, and typed failures for `@ bound`.
@Suite struct OdeFileDefaultsProgramTests {
    private func run(_ program: String, _ arguments: [String], in directory: URL? = nil,
                     environment: [String: String] = [:]) throws -> BuiltProgram.Result {
        try BuiltProgram(program).run(arguments, in: directory, environment: environment)
    }

    private func times(_ csv: String) -> [String] {
        csv.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
    }

    @Test func outputRowsFollowTheFilesDtAndNout() throws {
        let everyStep = try run("ode-solve", ["--equations", "x' = -x; init x=1; @ dt=0.5, total=2"])
        #expect(everyStep.status == 0, "\(everyStep.stderr)")
        #expect(times(everyStep.stdout) == ["0.0", "0.5", "1.0", "1.5", "2.0"])
        let everyOther = try run("ode-solve", ["--equations", "x' = -x; init x=1; @ dt=0.5, total=2, nout=2"])
        #expect(times(everyOther.stdout) == ["0.0", "1.0", "2.0"])
        let given = try run("ode-solve", ["--equations", "x' = -x; init x=1; @ dt=0.5, total=2", "--points", "3"])
        #expect(times(given.stdout) == ["0.0", "1.0", "2.0"])
        let noDt = try run("ode-solve", ["--equations", "x' = -x; init x=1; @ total=2"])
        #expect(times(noDt.stdout).count == 101)
        let bad = try run("ode-solve", ["--equations", "x' = -x; @ dt=0.5, nout=1.5"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("option 'nout' needs a whole number of at least 1"), "\(bad.stderr)")
    }

    /// `@ xp=y, yp=x` on a planar system: y is drawn across, x up, and the limit cycle's amplitude
    /// (half the range of the horizontal component) is that of y, about 2.68 for Van der Pol at mu = 1,
    /// not x's 2.01.
    @Test func phasePortraitDrawsTheFilesAxes() throws {
        let scratch = try ScratchFolder()
        try "x' = y\ny' = (1-x^2)*y - x\ninit x=2, y=0\n@ xp=y, yp=x, xlo=-4, xhi=4, ylo=-3, yhi=3\ndone\n"
            .write(toFile: scratch.path("swapped.ode"), atomically: true, encoding: .utf8)
        let sidecar = scratch.path("side.json")
        let result = try run("ode-plot", ["phase", "--system", "swapped.ode", "--limit-cycle", "--dpi", "30", "-o", "p.png"],
                             in: scratch.url, environment: ["FLOWSCOPE_FIGURE_SIDECAR": sidecar])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sidecar))) as? [String: Any])
        let numbers = try #require(json["numbers"] as? [String: [String: Any]])
        let amplitude = try #require(numbers["amplitude"]?["value"] as? Double)
        #expect(abs(amplitude - 2.678) < 0.01)
        let period = try #require(numbers["period"]?["value"] as? Double)
        #expect(abs(period - 6.6633) < 0.001)
    }

    @Test func boundIsATypedFailureWithTheComponent() throws {
        let result = try run("ode-solve", ["--equations", "x' = 0; y' = y; @ bound=100", "--y0", "1,1", "--t1", "10", "--points", "11"])
        #expect(result.status == 3)
        let line = result.stderrLines.first.map(String.init) ?? ""
        #expect(result.stderrLines.count == 1)
        #expect(line.hasPrefix("ode-solve: error: solve failed: state y = "))
        #expect(line.hasSuffix(" at t = 5.0 is beyond the file's @ bound=100.0"))
        // y = e^t, the first output past 100 is t = 5.
        let value = Double(line.dropFirst("ode-solve: error: solve failed: state y = ".count).prefix { $0 != " " }) ?? 0
        #expect(abs(value / exp(5) - 1) < 1e-5)
    }
}

/// ode-grad and ode-plot adjoint simulate their observations from a `.ode` system's own initial
/// values and time span when --y0 and --t1 are not given.
@Suite struct ObservationDefaultsProgramTests {
    private let model = BuiltProgram.packageRoot().appendingPathComponent("assets/models/example-3.1.1.json").path

    @Test func gradTakesTheFilesInitialValueAndSpan() throws {
        let fromFile = try BuiltProgram("ode-grad").run(["--model", model, "--equations", "y' = -2*y; init y=1; @ total=0.5",
                                                        "--points", "3", "--json", "--gradient", "backprop"])
        let explicit = try BuiltProgram("ode-grad").run(["--model", model, "--equations", "y' = -2*y", "--y0", "1", "--t1", "0.5",
                                                        "--points", "3", "--json", "--gradient", "backprop"])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(explicit.status == 0, "\(explicit.stderr)")
        // The same document but for the timings.
        func untimed(_ text: String) -> [Substring] { text.split(separator: "\n").filter { !$0.contains("\"seconds\"") } }
        #expect(untimed(fromFile.stdout) == untimed(explicit.stdout))
        #expect(fromFile.stdout.contains("\"loss\""))
    }

    @Test func builtInSystemsStillNeedAStartAndAnEnd() throws {
        let result = try BuiltProgram("ode-grad").run(["--model", model, "--system", "exp-decay"])
        #expect(result.status == 2)
        #expect(result.stderrLines == ["ode-grad: error: --system needs --y0 and --t1 (a .ode file or --equations supplies them)"])
    }

    @Test func adjointFigureTakesTheFilesDefaults() throws {
        let scratch = try ScratchFolder()
        let result = try BuiltProgram("ode-plot").run(["adjoint", "--model", model, "--equations", "y' = -2*y; init y=1; @ total=0.5",
                                                      "--dpi", "30", "-o", scratch.path("a.png")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scratch.contents() == ["a.png"])
    }
}
