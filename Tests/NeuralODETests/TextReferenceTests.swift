import Foundation
import Testing
@testable import NeuralODE

/// The committed `.ode` systems, read and compiled by Flowscope, against scipy.
///
/// The references (assets/reference/text, from scripts/make_text_references.py) are scipy's
/// DOP853 at rtol = atol = 1e-13 on the same equations written by hand in Python, cross-checked
/// by Radau (agreement 7e-13 relative). dopri5 at rtol = atol = 1e-12 must agree to 1e-6
/// relative to each component's range over the run.
@Suite struct TextReferenceTests {
    @Test(arguments: ["morris-lecar", "fitzhugh-nagumo", "duffing-double-well"])
    func odeFileMatchesScipy(name: String) throws {
        let reference = try ReferenceTable(system: "text/\(name)")
        let system = try TextSystem.load(path: TextFixtures.systemsDirectory.appendingPathComponent("\(name).ode").path)
        #expect(reference.components == system.spec.componentNames)
        #expect(reference.states[0] == system.spec.exampleInitialState)
        let t1 = try #require(reference.times.last)
        let problem = ODEProblem(field: try system.field(), t0: 0, t1: t1, y0: system.spec.exampleInitialState)
        let solution = try ODESolve.solve(problem, method: .dopri5, controller: .tolerances(rtol: 1e-12, atol: 1e-12),
                                          saveAt: .times(reference.times))
        #expect(solution.succeeded)
        try #require(solution.count == reference.times.count)
        let d = system.spec.dimension
        let ranges = (0..<d).map { j in reference.states.map { abs($0[j]) }.max() ?? 1 }
        var worst = 0.0
        for (i, expected) in reference.states.enumerated() {
            for (j, value) in solution.state(i).enumerated() {
                worst = max(worst, abs(value - expected[j]) / ranges[j])
            }
        }
        #expect(worst <= 1e-6, "\(name): max relative error \(worst)")
    }
}
