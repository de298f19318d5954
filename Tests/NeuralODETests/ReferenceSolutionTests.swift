import Foundation
import Testing
import NeuralODE

/// dopri5 and tsit5 at rtol = atol = 1e-10 against the committed high-accuracy references.
///
/// The references (assets/reference, from scripts/make_references.py) are accurate to well below
/// 1e-11 (a 30-digit Taylor integration, which scipy's DOP853 at 1e-12 matches to 5e-11). With a
/// local tolerance of 1e-10 the global error is that times the growth of perturbations along the
/// orbit. Measured maximum absolute errors (Swift 6.3, x86-64): van-der-pol 3.9e-10 (dopri5) and
/// 2.5e-10 (tsit5), lotka-volterra 2.8e-10 and 2.0e-10, lorenz 1.3e-9 and 4.9e-10. Each bound is
/// about 5× the worse of the two, so a wrong coefficient or a controller that ignores its
/// tolerance fails while rounding differences across machines do not.
@Suite struct ReferenceSolutionTests {
    struct Case: CustomStringConvertible, Sendable {
        let system: String
        /// Largest allowed absolute error over all output times and components.
        let bound: Double
        var description: String { system }
    }

    static let cases = [
        // Van der Pol, mu = 1, (2, 0) on [0, 20], |state| ≤ 2.7: an attracting limit cycle.
        Case(system: "van-der-pol", bound: 2e-9),
        // Lotka–Volterra, (5, 3) on [0, 10], |state| ≤ 6: neutral orbits, the phase error grows linearly.
        Case(system: "lotka-volterra", bound: 2e-9),
        // Lorenz, (1, 1, 1) on [0, 2], |state| ≤ 30: chaotic, errors grow about e^(0.9 t), so the run is short.
        Case(system: "lorenz", bound: 7e-9),
    ]

    @Test(arguments: cases, [SolverMethod.dopri5, .tsit5])
    func matchesReference(testCase: Case, method: SolverMethod) throws {
        let reference = try ReferenceTable(system: testCase.system)
        let field = try SystemRegistry.field(named: testCase.system)
        #expect(reference.components == field.spec.componentNames)
        let t0 = try #require(reference.times.first), t1 = try #require(reference.times.last)
        let problem = ODEProblem(field: field, t0: t0, t1: t1, y0: reference.states[0])
        let solution = try ODESolve.solve(problem, method: method, controller: .tolerances(rtol: 1e-10, atol: 1e-10),
                                          saveAt: .times(reference.times))
        #expect(solution.succeeded)
        try #require(solution.count == reference.times.count)
        var worst = 0.0
        for (i, expected) in reference.states.enumerated() {
            for (j, value) in solution.state(i).enumerated() {
                worst = max(worst, abs(value - expected[j]))
            }
        }
        #expect(worst <= testCase.bound, "\(testCase.system) \(method.name): max error \(worst)")
    }

    @Test func looseToleranceIsMeasurablyWorse() throws {
        // Guards the test above against a reference loose enough for any solver to match:
        // at rtol = atol = 1e-6 dopri5's error on Van der Pol is far above the 2e-9 bound.
        let reference = try ReferenceTable(system: "van-der-pol")
        let field = try SystemRegistry.field(named: "van-der-pol")
        let problem = ODEProblem(field: field, t0: 0, t1: 20, y0: reference.states[0])
        let solution = try ODESolve.solve(problem, method: .dopri5, controller: .tolerances(rtol: 1e-6, atol: 1e-6),
                                          saveAt: .times(reference.times))
        let last = Array(solution.state(reference.times.count - 1))
        let error = zip(last, reference.states[reference.times.count - 1]).map { abs($0 - $1) }.max() ?? 0
        #expect(error > 1e-6)
    }
}

/// A reference CSV from assets/reference: header `t,<components>`, then numeric rows.
struct ReferenceTable {
    let components: [String]
    let times: [Double]
    let states: [[Double]]

    init(system: String, sourceFile: String = #filePath) throws {
        let root = URL(fileURLWithPath: sourceFile).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = root.appendingPathComponent("assets/reference/\(system).csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        let header = try #require(lines.first).split(separator: ",").map(String.init)
        #expect(header.first == "t")
        components = Array(header.dropFirst())
        let rows = try lines.dropFirst().map { line in
            try line.split(separator: ",").map { try #require(Double(String($0))) }
        }
        times = rows.map { $0[0] }
        states = rows.map { Array($0.dropFirst()) }
    }
}
