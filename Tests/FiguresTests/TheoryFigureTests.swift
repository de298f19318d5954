import Foundation
import Testing
import NeuralODE
import Render
@testable import Figures

@Suite("Course figures: theory illustrations")
struct TheoryFigureTests {
    @Test("result-3.1.3: the residual loop is ODESolve's Euler, its error falls like 1/N")
    func resnetIsEuler() throws {
        let recipe = ResNetEulerFigure()
        let n = try recipe.compute()
        #expect(n.eulerDifference <= 1e-12, "ResNet vs Euler \(n.eulerDifference)")
        #expect(abs(n.slope + 1) < 0.1, "slope \(n.slope)")
        for k in 1..<n.errors.count { #expect(n.errors[k] < n.errors[k - 1], "errors \(n.errors)") }
        // One layer by hand: h_1 = h_0 + T·A·tanh(h_0) with A = [[−0.1, 2], [−2, −0.1]].
        let h0 = recipe.initialState, T = recipe.horizon
        let expected = [h0[0] + T * (-0.1 * tanh(h0[0]) + 2 * tanh(h0[1])),
                        h0[1] + T * (-2 * tanh(h0[0]) - 0.1 * tanh(h0[1]))]
        #expect(abs(n.layers[0][2] - expected[0]) < 1e-13 && abs(n.layers[0][3] - expected[1]) < 1e-13)
        // Halving h halves the error at the finest depths (first order), measured pairwise too.
        let last = n.errors.count - 1
        #expect(abs(n.errors[last - 1] / n.errors[last] - 2) < 0.1, "ratio \(n.errors[last - 1] / n.errors[last])")

        let text = courseFigureText(recipe.layout(n, options: courseOptions(recipe)))
        #expect(text.contains("slope " + NumberText.short(n.slope, significant: 3)))
        for depth in recipe.depths { #expect(text.contains("N = \(depth)")) }
    }

    @Test("theorem-3.1.2: the best fit's error falls with the hidden width")
    func widthSweep() throws {
        var recipe = WidthSweepFigure()
        recipe.widths = [1, 4, 16]
        recipe.iterations = 1500
        recipe.restarts = 1
        recipe.drawnWidths = [1, 16]
        let n = try recipe.compute()
        let sup = n.fits.map(\.supError)
        // Measured with these settings: 3.83, 1.38 and 9.2e-6 (a single tanh cannot bend twice; Adam
        // alone reaches 0.63 at width 16, the least-squares output layer the rest).
        #expect(sup[0] > 1, "width 1 \(sup[0])")
        #expect(sup[1] < sup[0], "\(sup)")
        #expect(sup[2] < sup[0] / 1e5, "\(sup)")
        for fit in n.fits {
            #expect(fit.rmsError <= fit.supError)
            #expect(fit.supError <= fit.adamSupError * (1 + 1e-9), "the least-squares output layer never does worse on K")
        }
        let text = courseFigureText(recipe.layout(n, options: courseOptions(recipe)))
        #expect(text.contains("width 16") && text.contains("g (true)"))
    }

    @Test("least squares by Householder QR recovers a quadratic exactly and reports a rank-deficient matrix")
    func leastSquares() throws {
        let x = (0..<20).map { Double($0) / 19 }
        let b = x.map { 3 - 2 * $0 + 0.5 * $0 * $0 }
        let solution = try #require(LeastSquares.solve(columns: [x.map { _ in 1 }, x, x.map { $0 * $0 }], rhs: b))
        #expect(abs(solution[0] - 3) < 1e-12 && abs(solution[1] + 2) < 1e-12 && abs(solution[2] - 0.5) < 1e-12, "\(solution)")
        #expect(LeastSquares.solve(columns: [x, x.map { 2 * $0 }], rhs: b) == nil)
    }

    @Test("misconception-2: backprop is exact for the computed loss, the adjoint is not and fails at loose tolerances")
    func adjointAccuracy() throws {
        let recipe = AdjointAccuracyFigure()
        let n = try recipe.compute()
        #expect(n.referenceUncertainty < 1e-8, "reference: adjoint vs backprop at rtol 1e-13 \(n.referenceUncertainty)")
        for e in n.backpropVsDiscrete { #expect(e < 1e-6, "backprop vs FD \(e)") }
        var compared = 0
        for k in n.tolerances.indices where n.adjointFailures[k] == nil {
            compared += 1
            #expect(n.adjointVsExact[k] > 10 * n.backpropVsExact[k], "rtol \(n.tolerances[k])")
        }
        #expect(compared >= 4)
        #expect(n.adjointFailures.first != nil, "at rtol 1e-3 the backward reconstruction blows up")
        // Both converge to the reference as the tolerance tightens.
        #expect((n.adjointVsExact.last ?? 1) < 1e-5 && (n.backpropVsExact.last ?? 1) < 1e-7)
        let text = courseFigureText(recipe.layout(n, options: courseOptions(recipe)))
        #expect(text.contains("adjoint: backward solve failed"))
    }

    @Test("the Van der Pol model's vector-Jacobian product matches central differences")
    func parametricVanDerPolVJP() {
        let field = ParametricVanDerPol(mu: 1.3, k: 0.8)
        let y = [0.7, -1.1], w = [0.4, -0.9]
        var vy = [0.0, 0.0], vtheta = [0.0, 0.0]
        field.vjp(t: 0, y: y, v: w, vy: &vy, vtheta: &vtheta)
        func f(_ y: [Double]) -> [Double] {
            var dy = [0.0, 0.0]
            field.evaluate(t: 0, y: y, dy: &dy)
            return dy
        }
        let h = 1e-6
        for i in 0..<2 {
            var up = y, down = y
            up[i] += h; down[i] -= h
            let d = zip(f(up), f(down)).map { ($0 - $1) / (2 * h) }
            #expect(abs(w[0] * d[0] + w[1] * d[1] - vy[i]) < 1e-8)
        }
        for i in 0..<2 {
            var theta = field.parameters
            theta[i] += h
            field.setParameters(theta)
            let up = f(y)
            theta[i] -= 2 * h
            field.setParameters(theta)
            let down = f(y)
            theta[i] += h
            field.setParameters(theta)
            let d = zip(up, down).map { ($0 - $1) / (2 * h) }
            #expect(abs(w[0] * d[0] + w[1] * d[1] - vtheta[i]) < 1e-8)
        }
    }

    @Test("stiff: rosenbrock23 takes far fewer steps; dopri5's steps sit on its stability limit")
    func stiff() throws {
        var recipe = StiffSolversFigure()
        recipe.t1 = 1000    // one slow phase and one jump keep the debug-build test short
        let n = try recipe.compute()
        #expect(n.explicit.failure == nil && n.implicit.failure == nil)
        #expect(n.stepRatio >= 10, "ratio \(n.stepRatio)")
        #expect(n.explicit.statistics.functionEvaluations >= 10 * n.implicit.statistics.functionEvaluations)
        #expect(abs(n.stepOverLimit - 1) < 0.2, "dopri5 steps / stability limit \(n.stepOverLimit)")
        // Both solvers draw the same solution.
        for (a, b) in zip(n.explicit.x, n.implicit.x) where abs(a) > 1.1 { #expect(abs(a - b) < 1e-2) }
        let text = courseFigureText(recipe.layout(n, options: courseOptions(recipe)))
        #expect(text.contains("\(n.implicit.statistics.acceptedSteps) steps"))
    }

    @Test("stability intervals on the negative real axis: Euler 2, RK4 2.785")
    func stabilityRadius() {
        #expect(abs(StiffSolversFigure.realStabilityRadius(.euler) - 2) < 1e-9)
        #expect(abs(StiffSolversFigure.realStabilityRadius(.rk4) - 2.7853) < 1e-3)
        #expect(abs(StiffSolversFigure.realStabilityRadius(.dopri5) - 3.3) < 0.05)
    }

    @Test("non-unique: every drawn branch solves y' = √|y|; the solver from 0 stays at 0")
    func nonUnique() throws {
        let recipe = NonUniqueFigure()
        let n = try recipe.compute()
        #expect(n.branches.count == recipe.departures.count + 1)
        for branch in n.branches {
            #expect(branch.residual <= 1e-9, "c = \(branch.departure): residual \(branch.residual)")
            #expect(branch.solverDeviation <= 1e-9, "c = \(branch.departure): dopri5 left the branch by \(branch.solverDeviation)")
            #expect(branch.values.first == 0, "every branch starts at y(0) = 0")
        }
        // Independent: central differences of each sampled branch away from its kink.
        let h = n.times[1] - n.times[0]
        for branch in n.branches {
            for i in 1..<(n.times.count - 1) where abs(n.times[i] - branch.departure) > 2 * h {
                let slope = (branch.values[i + 1] - branch.values[i - 1]) / (2 * h)
                #expect(abs(slope - branch.values[i].squareRoot()) < 1e-9)
            }
        }
        #expect(n.zeroStartLargest == 0)
        #expect(n.perturbedDeviation < 1e-8)
        let text = courseFigureText(recipe.layout(n, options: courseOptions(recipe)))
        #expect(text.contains("y ≡ 0") && text.contains("c = 4"))
    }
}
