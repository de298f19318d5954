import Foundation
import NeuralODE
import Testing

@Suite("Analysis: equilibria by Newton, their types, separatrices")
struct AnalysisEquilibriumTests {
    static func equilibria(_ name: String, _ parameters: [String: Double] = [:], x: ClosedRange<Double>,
                           y: ClosedRange<Double>) throws -> [Equilibrium] {
        let field = AnalysisField(exact: try SystemRegistry.field(named: name, parameters: parameters))
        return try EquilibriumSearch(plane: try .planar(x: x, y: y)).run(field)
    }

    @Test("Duffing double well: a saddle at the origin and stable foci at (±1, 0), eigenvalues −0.15 ± 1.40624i")
    func duffing() throws {
        let found = try Self.equilibria("duffing", x: -2...2, y: -2...2)
        #expect(found.map(\.type) == [.stableFocus, .saddle, .stableFocus])
        #expect(found.map { $0.state[0] }.enumerated().allSatisfy { abs($0.element - Double($0.offset - 1)) < 1e-12 })
        #expect(found.allSatisfy { abs($0.state[1]) < 1e-12 && $0.residual < 1e-12 })
        let focus = found[2].eigenvalues
        #expect(abs(focus[0].re + 0.15) < 1e-12 && abs(abs(focus[0].im) - (2 - 0.0225).squareRoot()) < 1e-12)
        let saddle = found[1].eigenvalues.map(\.re).sorted()
        let root = (0.09 + 4).squareRoot() / 2
        #expect(abs(saddle[0] - (-0.15 - root)) < 1e-12 && abs(saddle[1] - (-0.15 + root)) < 1e-12)
    }

    @Test("undamped Duffing: the wells are centres (linearisation inconclusive)")
    func duffingUndamped() throws {
        let found = try Self.equilibria("duffing", ["delta": 0], x: -2...2, y: -2...2)
        #expect(found.map(\.type) == [.centre, .saddle, .centre])
    }

    @Test("Van der Pol (mu = 1): one unstable focus at the origin, eigenvalues 0.5 ± 0.866i")
    func vanDerPol() throws {
        let found = try Self.equilibria("van-der-pol", x: -3...3, y: -3...3)
        #expect(found.count == 1)
        let e = try #require(found.first)
        #expect(e.type == .unstableFocus)
        #expect(abs(e.state[0]) < 1e-14 && abs(e.state[1]) < 1e-14)
        #expect(e.eigenvalues.allSatisfy { abs($0.re - 0.5) < 1e-14 && abs(abs($0.im) - 0.75.squareRoot()) < 1e-14 })
    }

    @Test("Lotka–Volterra: a saddle at the origin and a centre at (c/d, a/b) = (3, 1.5)")
    func lotkaVolterra() throws {
        let found = try Self.equilibria("lotka-volterra", x: -0.5...10, y: -0.5...7)
        #expect(found.map(\.type) == [.saddle, .centre])
        let centre = try #require(found.last)
        #expect(abs(centre.state[0] - 3) < 1e-12 && abs(centre.state[1] - 1.5) < 1e-12)
        #expect(centre.eigenvalues.allSatisfy { abs($0.re) < 1e-12 && abs(abs($0.im) - 4.5.squareRoot()) < 1e-12 })
    }

    @Test("Lorenz from the slice z = 25: the origin (a saddle with three real eigenvalues) and C± (saddle foci)")
    func lorenzSlice() throws {
        let field = AnalysisField(exact: try SystemRegistry.field(named: "lorenz"))
        let plane = try PhasePlane(x: -20...20, y: -25...25, base: [0, 0, 25])
        let found = try EquilibriumSearch(plane: plane).run(field)
        #expect(found.count == 3)
        let c = (8.0 / 3 * 27).squareRoot()
        #expect(found.map(\.type) == [.saddle, .saddle, .saddle])
        #expect(abs(found[0].state[0] + c) < 1e-10 && abs(found[0].state[2] - 27) < 1e-10)
        #expect(found[1].eigenvalues.allSatisfy { $0.im == 0 })
        #expect(found[2].eigenvalues.filter { $0.im != 0 }.count == 2)
    }

    @Test("a window without equilibria gives an empty list")
    func empty() throws {
        #expect(try Self.equilibria("van-der-pol", x: 1...2, y: 1...2).isEmpty)
    }

    @Test("a network's Jacobian from VJPs equals forward differences and the equilibria agree")
    func network() throws {
        let mlp = MLP(stateDim: 2, hidden: [16, 16], seed: 4)
        let byVJP = AnalysisField(network: MLPField(mlp)), byDifferences = AnalysisField(differencing: MLPField(mlp))
        let forwardMode = AnalysisField(exact: MLPJacobianField(mlp))
        let y = [0.3, -0.7]
        for (a, b) in zip(byVJP.jacobian(at: y), byDifferences.jacobian(at: y)) { #expect(abs(a - b) < 1e-6) }
        // Two exact routes: rows from reverse-mode VJPs, columns from forward-mode tangents.
        for (a, b) in zip(byVJP.jacobian(at: y), forwardMode.jacobian(at: y)) { #expect(abs(a - b) < 1e-13) }
        let plane = try PhasePlane.planar(x: -4...4, y: -4...4)
        let exact = try EquilibriumSearch(plane: plane).run(byVJP)
        for e in exact { #expect(e.residual < 1e-10) }
        #expect(byVJP.jacobianMethod == .networkVJP)
    }

    @Test("Duffing's separatrices: four branches, each starting next to the saddle and leaving it")
    func separatrices() throws {
        let field = AnalysisField(exact: try SystemRegistry.field(named: "duffing"))
        let plane = try PhasePlane.planar(x: -2...2, y: -2...2)
        let found = try EquilibriumSearch(plane: plane).run(field)
        let branches = SeparatrixTracer(plane: plane).trace(field, equilibria: found)
        #expect(branches.map(\.kind) == [.stable, .stable, .unstable, .unstable])
        for b in branches {
            let first = try #require(b.states.first), second = b.states[1]
            #expect(hypot(first[0], first[1]) < 1e-12)
            #expect(hypot(second[0], second[1]) < 1e-5)
            let last = try #require(b.states.last)
            switch b.kind {
            case .stable:
                // Traced backward: it leaves the window.
                #expect(abs(last[0]) > 2 || abs(last[1]) > 2)
            case .unstable:
                // Forward: it spirals into one of the foci at (±1, 0) and stops on arrival (2e-3 of the diagonal).
                #expect(hypot(abs(last[0]) - 1, last[1]) < 2e-3 * 32.0.squareRoot())
            }
            // Points on the branch are solutions: the stable branch's end flows back towards the saddle.
            #expect(b.states.count > 20)
        }
    }
}
