import Foundation
import Testing
import NeuralODE

/// The stiff method: Van der Pol with μ = 1000, a stiff linear problem, and the finite-difference Jacobian.
@Suite struct SolverStiffTests {
    @Test func vanDerPolStiffNeedsFarFewerStepsThanDopri5() throws {
        let problem = ODEProblem(field: SolverTestVanDerPol(mu: 1000), t0: 0, t1: 3000, y0: [2, 0])
        var controller = PIController(rtol: 1e-6, atol: 1e-6)
        controller.maxSteps = 10_000_000
        let stiff = try ODESolve.solve(problem, method: .rosenbrock23, controller: .adaptive(controller))
        let explicit = try ODESolve.solve(problem, method: .dopri5, controller: .adaptive(controller))
        #expect(stiff.succeeded && explicit.succeeded)
        let s = stiff.statistics, e = explicit.statistics
        let ratio = Double(e.acceptedSteps + e.rejectedSteps) / Double(s.acceptedSteps + s.rejectedSteps)
        print("van der Pol μ=1000 on [0, 3000], rtol = atol = 1e-6:",
              "rosenbrock23 \(s.acceptedSteps) accepted + \(s.rejectedSteps) rejected, \(s.functionEvaluations) f, \(s.jacobianEvaluations) J;",
              "dopri5 \(e.acceptedSteps) accepted + \(e.rejectedSteps) rejected, \(e.functionEvaluations) f; ratio \(ratio)")
        #expect(ratio >= 10, "step ratio \(ratio)")
        // Both reach the same state at t = 3000 (on the slow branch, so tolerance-level agreement is expected).
        #expect(abs(stiff.lastState[0] - explicit.lastState[0]) < 1e-2)
    }

    @Test func finiteDifferenceJacobianMatchesTheAnalyticOne() throws {
        let analytic = ODEProblem(field: SolverTestVanDerPol(mu: 5), t0: 0, t1: 20, y0: [2, 0])
        let plain = ODEProblem(field: SolverTestVanDerPolPlain(mu: 5), t0: 0, t1: 20, y0: [2, 0])
        let controller = StepSizeController.tolerances(rtol: 1e-7, atol: 1e-9)
        let a = try ODESolve.solve(analytic, method: .rosenbrock23, controller: controller)
        let f = try ODESolve.solve(plain, method: .rosenbrock23, controller: controller)
        #expect(solverTestMaxDifference(a.lastState, f.lastState) < 1e-5)
        // Each finite-difference Jacobian costs stateSize + 1 extra evaluations.
        let extra = f.statistics.functionEvaluations - a.statistics.functionEvaluations
        #expect(a.statistics.acceptedSteps == f.statistics.acceptedSteps
            ? extra == 3 * f.statistics.jacobianEvaluations : extra > 0)
        let dopri = try ODESolve.solve(analytic, method: .dopri5, controller: .tolerances(rtol: 1e-10, atol: 1e-12))
        #expect(solverTestMaxDifference(a.lastState, dopri.lastState) < 1e-4)
    }

    @Test func stiffnessDoesNotDriveTheStepCount() throws {
        var steps: [Int] = []
        for lambda in [1e4, 1e6] {
            let field = SolverTestForced(lambda: lambda)
            let problem = ODEProblem(field: field, t0: 0, t1: 10, y0: [0])
            let solution = try ODESolve.solve(problem, method: .rosenbrock23,
                                              controller: .tolerances(rtol: 1e-6, atol: 1e-9), saveAt: .points(11))
            #expect(solution.succeeded)
            steps.append(solution.statistics.acceptedSteps + solution.statistics.rejectedSteps)
            for (i, t) in solution.times.enumerated() where t > 0 {
                #expect(abs(solution.states[i] - field.exact(t, y0: 0)) < 1e-5, "λ = \(lambda), t = \(t)")
            }
        }
        // An explicit method needs at least 10·λ/3.3 ≈ 3·10⁶ steps at λ = 10⁶ (its stability bound);
        // this one takes about 10⁴ for both λ (its error estimate, not stability, sets the step).
        #expect(steps[1] < 20_000 && Double(steps[1]) < 1.5 * Double(steps[0]), "steps at λ = 1e4 and 1e6: \(steps)")
    }

    @Test func luSolvesAndDetectsSingularity() {
        var generator = SolverTestGenerator(seed: 42)
        let n = 6
        var a = (0..<(n * n)).map { _ in generator.nextUniform() * 2 - 1 }
        let x = (0..<n).map { Double($0) - 2.5 }
        var b = (0..<n).map { i in (0..<n).map { j in a[i * n + j] * x[j] }.reduce(0, +) }
        var pivots = [Int](repeating: 0, count: n)
        let ok = LinearAlgebra.luFactor(&a, n: n, pivots: &pivots)
        #expect(ok)
        LinearAlgebra.luSolve(a, n: n, pivots: pivots, &b)
        #expect(solverTestMaxDifference(b, x) < 1e-12)
        var singular: [Double] = [1, 2, 3, 2, 4, 6, 0, 1, 1]
        var p3 = [0, 0, 0]
        #expect(!LinearAlgebra.luFactor(&singular, n: 3, pivots: &p3))
    }
}

/// SplitMix64, for seeded test data.
struct SolverTestGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func nextUniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
