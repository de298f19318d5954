import Foundation
import Testing

/// `.ode` files and `--equations` through the built programs: defaults from the file, aux
/// columns, notes, and every error with its exit status and message.
@Suite struct TextSystemProgramTests {
    private func run(_ program: String, _ arguments: [String], in directory: URL? = nil) throws -> BuiltProgram.Result {
        try BuiltProgram(program).run(arguments, in: directory)
    }

    /// A temporary folder holding `files` (name → text).
    private func folder(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("flowscope-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return url
    }

    @Test func solveTakesInitialValuesTotalAndAuxFromTheFile() throws {
        let dir = try folder(["osc.ode": """
            # harmonic oscillator
            par K=4
            X' = v
            dv/dt = -k*x
            aux E = v^2/2 + k*x^2/2
            init x=1, V=0
            @ total=3.14159265358979, meth=qualrk
            done
            """])
        let result = try run("ode-solve", ["--system", "osc.ode", "--aux", "--points", "3", "--rtol", "1e-10", "--atol", "1e-12"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "note: @ meth=qualrk has no Flowscope equivalent; using dopri5\n")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "t,x,v,e")
        #expect(lines.count == 4)
        // x = cos(2t): at t = pi/2, x = -1, v = 0; at t = pi, x = 1; energy 2 throughout.
        let middle = lines[2].split(separator: ",").compactMap { Double(String($0)) }
        let last = lines[3].split(separator: ",").compactMap { Double(String($0)) }
        #expect(abs(middle[1] + 1) < 1e-8 && abs(middle[2]) < 1e-7 && abs(middle[3] - 2) < 1e-8)
        #expect(abs(last[1] - 1) < 1e-8 && abs(last[3] - 2) < 1e-8)
        let overridden = try run("ode-solve", ["--system", "osc.ode", "--param", "k=1", "--points", "2"], in: dir)
        let end = overridden.stdout.split(separator: "\n")[2].split(separator: ",").compactMap { Double(String($0)) }
        #expect(abs(end[1] - cos(3.14159265358979)) < 1e-5)
    }

    @Test func inlineEquationsWithParameters() throws {
        let result = try run("ode-solve", ["--equations", "x' = -k*x; par k=1", "--param", "k=2", "--y0", "1", "--t1", "1",
                                           "--points", "2", "--rtol", "1e-10", "--atol", "1e-12"])
        #expect(result.status == 0, "\(result.stderr)")
        let end = result.stdout.split(separator: "\n")[2].split(separator: ",").compactMap { Double(String($0)) }
        #expect(abs(end[1] - exp(-2)) < 1e-9)
        let unknown = try run("ode-solve", ["--equations", "x' = -k*x", "--y0", "1", "--t1", "1"])
        #expect(unknown.status == 2 && unknown.stderr == "ode-solve: error: --equations:1: unknown name 'k' (closest: t, x, pi)\n",
                "\(unknown.stderr)")
    }

    @Test func parseErrorShowsFileLineColumnAndCaret() throws {
        let dir = try folder(["bad.ode": "x' = y\ny' = 2 * (x + \n"])
        let result = try run("ode-solve", ["--system", "bad.ode"], in: dir)
        #expect(result.status == 2)
        #expect(result.stderr == "ode-solve: error: bad.ode:2:15: expected a number, a name or '(', found end of line\n"
            + "    y' = 2 * (x + \n                  ^\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func everyErrorIsOneLineExitTwo() throws {
        let cases: [(String, String)] = [
            ("x' = -x\nwiener w\n", "bad.ode:2: 'wiener' is not supported"),
            ("x' = -x\nglobal 1 x-1 {x=0}\n", "bad.ode:2: 'global' is not supported"),
            ("x' = -x\ntable f % 3 0 2 1 2 3\n", "bad.ode:2: 'table' is not supported"),
            ("x' = -x\nmarkov z 2\n", "bad.ode:2: 'markov' is not supported"),
            ("x' = -x\nbndry x-1\n", "bad.ode:2: 'bndry' is not supported"),
            ("x[1..2]' = -x[j]\n", "bad.ode:1: arrays (x[1..n]) are not supported"),
            ("x' = -x\nspecial k=conv(0,10,w,x)\n", "bad.ode:2: 'special' is not supported"),
            ("par gca=1, gk=2\nv' = gkk*v - gca\n", "bad.ode:2: unknown name 'gkk' (closest: gk, gca)"),
            ("x' = 1\ninit z=2\n", "bad.ode:2: 'z' has an initial value but no differential equation"),
            ("x' = 1\nx' = 2\n", "bad.ode:2: duplicate definition of 'x' (first defined on line 1)"),
            ("x' = a\na = b + 1\nb = 2*a\n", "bad.ode:2: 'a' is defined in terms of itself (a -> b -> a)"),
        ]
        for (text, message) in cases {
            let dir = try folder(["bad.ode": text])
            let result = try run("ode-solve", ["--system", "bad.ode", "--y0", "1", "--t1", "1"], in: dir)
            #expect(result.status == 2, "\(text)")
            #expect(result.stderrLines.count == 1, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("ode-solve: error: \(message)"), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        let missing = try run("ode-solve", ["--system", "no-such-file.ode"])
        #expect(missing.status == 2 && missing.stderrLines.count == 1 && missing.stderr.contains("no-such-file.ode"))
        let both = try run("ode-solve", ["--system", "van-der-pol", "--equations", "x' = 1", "--y0", "1", "--t1", "1"])
        #expect(both.status == 2 && both.stderr.contains("not both"))
    }

    @Test func nonFiniteDerivativeIsAFailureNamingTimeAndComponent() throws {
        let result = try run("ode-solve", ["--equations", "x' = 1; y' = log(1 - x)", "--y0", "0,0", "--t1", "2"])
        #expect(result.status == 3)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("non-finite") && result.stderr.contains("the derivative of y"), "\(result.stderr)")
        #expect(result.stderr.contains("at t = 0.9") || result.stderr.contains("at t = 1"), "\(result.stderr)")
    }

    @Test func boundStopsTheSolve() throws {
        let result = try run("ode-solve", ["--equations", "x' = x; @ bound=100", "--y0", "1", "--t1", "10"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("beyond the file's @ bound=100"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func analyzePrintReadsBack() throws {
        let printed = try run("ode-analyze", ["print", "--system", "van-der-pol", "--jacobian"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("y' = mu*(1 - x^2)*y - x"))
        #expect(printed.stdout.contains("aux j_y_x = -(mu*(2*x)*y) - 1"))
        let dir = try folder(["vdp.ode": printed.stdout])
        let text = try run("ode-solve", ["--system", "vdp.ode", "--t1", "5", "--points", "3"], in: dir)
        let builtin = try run("ode-solve", ["--system", "van-der-pol", "--y0", "2,0", "--t1", "5", "--points", "3"])
        #expect(text.status == 0 && builtin.status == 0)
        // Same equations, same order of operations: the same doubles (aux columns not requested).
        #expect(text.stdout == builtin.stdout)
    }

    @Test func realModelsPlotUnchanged() throws {
        let root = BuiltProgram.packageRoot()
        let dir = try folder([:])
        for name in ["morris-lecar", "fitzhugh-nagumo", "duffing-double-well"] {
            let path = root.appendingPathComponent("assets/systems/\(name).ode").path
            let phase = try run("ode-plot", ["phase", "--system", path, "-o", "\(name).png"], in: dir)
            #expect(phase.status == 0, "\(name): \(phase.stderr)")
            let curves = try run("ode-plot", ["trajectories", "--system", path, "-o", "\(name)-t.png"], in: dir)
            #expect(curves.status == 0, "\(name): \(curves.stderr)")
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("\(name)-t.png").path))
        }
    }
}
