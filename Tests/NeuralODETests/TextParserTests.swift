import Foundation
import Testing
@testable import NeuralODE

/// The `.ode` subset: statements, options, and every error with its line and message.
@Suite struct TextParserTests {
    static let full = """
    # A test model (comment)
    par1-3 a=1, b = -2 c
    p d=.5 e=1e-1
    number k=3
    !ab = a*b + k
    f(u, w) = u*w + d
    dx/dt = f(x, y) + g
    Y' = -ab*x + \\
         e*t
    g = h + 1
    h = z2
    z2 = 2*x
    x(0) = 1.5
    init y=-2
    aux energy = x^2 + y^2
    set fast {dt=.01}
    @ total=50, t0=1 dt=.2, meth=stiff, tol=1e-8, atol=1e-10, bound=1e4
    @ xp=x, yp=y, xlo=-3, xhi=3, ylo=-4, yhi=4, maxstor=1000
    done
    anything after done is ignored [1..2]
    """

    @Test func readsEveryStatementOfTheSubset() throws {
        let system = try TextSystem.parse(Self.full, name: "full", source: "full.ode")
        let spec = system.spec
        #expect(spec.componentNames == ["x", "y"])
        #expect(spec.parameters.map(\.name) == ["a", "b", "c", "d", "e"])
        #expect(spec.defaultValues == [1, -2, 0, 0.5, 0.1])
        #expect(spec.exampleInitialState == [1.5, -2])
        #expect(system.auxNames == ["energy"])
        #expect(system.options.total == 50 && system.options.t0 == 1 && system.options.dt == 0.2)
        #expect(system.options.method == "stiff" && system.options.relativeTolerance == 1e-8)
        #expect(system.options.absoluteTolerance == 1e-10 && system.options.bound == 1e4)
        #expect(spec.window == PlotWindow(xComponent: 0, yComponent: 1, x: -3...3, y: -4...4))
        #expect(system.notes.count == 2)
        #expect(system.notes.contains { $0.contains("maxstor") })
        let field = try system.field()
        // x' = x*y + d + (2x + 1); y' = -(a*b + k)*x + e*t
        let v = field.velocity(at: [2, 3], t: 4)
        let expected0: Double = 6 + 0.5 + 5
        #expect(v[0] == expected0)
        let expected1: Double = -1 * 2 + 0.1 * 4
        #expect(v[1] == expected1)
        // Overrides reach derived parameters; names are case-insensitive.
        let changed = try system.field(parameters: ["A": 2]).velocity(at: [2, 3], t: 4)
        let expected2: Double = 1 * 2 + 0.1 * 4
        #expect(changed[1] == expected2)
        #expect(try system.auxEvaluator().values(t: 0, state: [3, 4]) == [25])
    }

    @Test func inlineEquationsWithSemicolons() throws {
        let system = try TextSystem.parse("x' = y; y' = mu*(1-x^2)*y - x; par mu=1", name: "equations")
        #expect(system.spec.componentNames == ["x", "y"])
        #expect(try system.field(parameters: ["mu": 2]).velocity(at: [2, 1]) == [1, 2 * (1 - 4) * 1 - 2])
        #expect(system.spec.window.xComponent == 0 && system.spec.window.yComponent == 1)
    }

    @Test func timeAxisWindowWhenXPIsT() throws {
        let system = try TextSystem.parse("v' = -v\n@ xp=t, yp=v, total=30", name: "decay")
        #expect(system.spec.window.xComponent == nil)
        #expect(system.spec.window.x == 0...30)
    }

    /// The message of the error `text` throws (nil if it parses).
    func error(_ text: String) -> TextSystemError? {
        do { _ = try TextSystem.parse(text, name: "bad", source: "bad.ode"); return nil } catch { return error }
    }

    @Test func syntaxErrorsNameLineAndColumnWithACaret() throws {
        let e = try #require(error("x' = y\ny' = 2 * (x + \n"))
        #expect(e.line == 2 && e.column == 15)
        #expect(e.description == "bad.ode:2:15: expected a number, a name or '(', found end of line\n    y' = 2 * (x + \n                  ^")
        let c = try #require(error("x' = 3 $ 4"))
        #expect(c.description.hasPrefix("bad.ode:1:8: unexpected character '$'"))
        #expect(try #require(error("x' = sin(x))")).column == 12)
    }

    @Test func unsupportedConstructsNameTheLine() throws {
        let cases: [(String, String)] = [
            ("wiener w", "'wiener'"), ("global 1 x-1 {x=0}", "'global'"), ("table f % 3 0 2 1 2 3", "'table'"),
            ("markov z 2", "'markov'"), ("bndry x-1", "'bndry'"), ("special k=conv(0,10,w,x)", "'special'"),
            ("x[1..3]' = -x[j]", "arrays"), ("x(t+1) = x", "delays, maps"),
        ]
        for (line, construct) in cases {
            let e = try #require(error("y' = -y\n\(line)"))
            #expect(e.line == 2, "\(line)")
            #expect(e.message.contains(construct), "\(line): \(e.message)")
            #expect(!e.description.contains("\n"))
        }
    }

    @Test func unknownNamesSuggestTheClosest() throws {
        let e = try #require(error("par gca=1, gk=2\nv' = gkk*v - gca"))
        #expect(e.message == "unknown name 'gkk' (closest: gk, gca)")
        #expect(e.line == 2)
        let f = try #require(error("x' = sn(x)"))
        #expect(f.message.contains("unknown function 'sn'") && f.message.contains("sin"))
        #expect(try #require(error("x' = sin(x, 2)")).message == "sin takes 1 argument, got 2")
    }

    @Test func structuralErrors() throws {
        #expect(try #require(error("x' = 1\nx' = 2")).message.contains("duplicate definition of 'x' (first defined on line 1)"))
        #expect(try #require(error("par a=1\nx' = a\na = 3")).message.contains("duplicate definition of 'a'"))
        #expect(try #require(error("x' = a\na = b + 1\nb = 2*a")).message.contains("'a' is defined in terms of itself (a -> b -> a)"))
        #expect(try #require(error("f(u) = g(u)\ng(u) = f(u)\nx' = f(x)")).message.contains("recursion"))
        #expect(try #require(error("x' = 1\ninit z=2")).message.contains("'z' has an initial value but no differential equation"))
        #expect(try #require(error("par a\n")).message.contains("no differential equations"))
        #expect(try #require(error("x' = delay(x, 1)")).message.contains("'delay' is not supported"))
        let plotted = try TextSystem.parse("x' = 1\n@ xp=q", name: "p")
        #expect(plotted.notes == ["@ xp=q: not state variables; plotting the default components"])
        #expect(try #require(error("x' = t\nt = 2")).message.contains("reserved"))
    }
}
