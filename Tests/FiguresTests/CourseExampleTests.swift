import Foundation
import Testing
import NeuralODE
import Render
@testable import Figures

/// Draws `figure` on a recorder and checks every text run lies on the page; returns the joined text.
func courseFigureText(_ figure: Figure) -> String {
    let rec = RecordingBackend(width: figure.width, height: figure.height)
    figure.render(on: rec)
    for op in rec.operations {
        if case let .text(s, origin, _, _, _, _, _) = op {
            #expect(origin.x >= 0 && origin.x <= figure.width && origin.y >= 0 && origin.y <= figure.height, "\(s) off the page")
        }
    }
    return rec.texts.joined(separator: " ")
}

/// A page of the recipe's preferred size.
func courseOptions<R: CourseFigure>(_ recipe: R) -> FigureOptions { FigureOptions(size: recipe.preferredSize) }

@Suite("Course figures: worked examples")
struct CourseExampleTests {
    @Test("example-3.1.1: Euler y1 = 0.5474, y2 = 0.2096 on the exact network solution and e^-1")
    func example311() throws {
        let recipe = Example311Figure()
        let n = try recipe.compute()
        #expect(n.eulerStates.count == 3)
        #expect(abs(n.eulerStates[1] - 0.5474) < 5e-5 && abs(n.eulerStates[2] - 0.2096) < 5e-5, "\(n.eulerStates)")
        // Independent reference: hand-written RK4 with 2000 steps on f(y) = −2 tanh(1.5y).
        var y = 1.0
        let h = 0.5 / 2000
        func f(_ y: Double) -> Double { -2 * tanh(1.5 * y) }
        for _ in 0..<2000 {
            let k1 = f(y), k2 = f(y + h / 2 * k1), k3 = f(y + h / 2 * k2), k4 = f(y + h * k3)
            y += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        }
        #expect(abs(n.networkEnd - y) < 1e-9, "dopri5 \(n.networkEnd) vs RK4 \(y)")
        #expect(abs(n.decayEnd - exp(-1)) < 1e-15)
        let text = courseFigureText(recipe.layout(n, options: courseOptions(recipe)))
        for value in ["0.5474", "0.2096", "0.3679", CourseNumerics.fixed(n.networkEnd, 4)] {
            #expect(text.contains(value), "\(value) not drawn")
        }
        #expect(recipe.summary(n).contains("y2 = 0.2096"))
    }

    @Test("the built-in Example 3.1.1 network is the model file's")
    func exampleNetworkMatchesAsset() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try ModelFile.load(path: root.appendingPathComponent("assets/models/example-3.1.1.json").path)
        #expect(try CourseNumerics.example311Network() == file)
    }

    @Test("example-3.1.2: adjoint, backprop and finite differences agree and give −0.04860, not +0.0862")
    func example312() throws {
        let recipe = Example312Figure()
        let n = try recipe.compute()
        #expect(abs(n.adjointGradient - n.backpropGradient) < 1e-8)
        #expect(abs(n.finiteDifferenceGradient - n.backpropGradient) < 1e-8)
        // Hand chain rule through the two Euler steps, independent of the library.
        let w1 = 1.5, w2 = -2.0, dt = 0.25
        let y1 = 1 + dt * w2 * tanh(w1), y2 = y1 + dt * w2 * tanh(w1 * y1)
        let dy2dw2 = dt * tanh(w1) * (1 + dt * w2 * w1 * (1 - tanh(w1 * y1) * tanh(w1 * y1))) + dt * tanh(w1 * y1)
        let hand = (y2 - 0.37) * dy2dw2
        #expect(abs(n.backpropGradient - hand) < 1e-12)
        #expect(CourseNumerics.fixed(n.backpropGradient, 5) == "\(NumberText.minus)0.04860")
        #expect(abs(n.discreteAdjoint[1] - -0.0950) < 5e-5 && abs(n.discreteAdjoint[2] - -0.1604) < 5e-5)
        #expect(abs(n.tanhAtY2 - 0.3044) < 5e-5)
        // The continuous adjoint's a(t1) is y(t1) − y* of the exact solution.
        #expect(abs((n.adjoint.last ?? 0) - ((n.states.last ?? 0) - 0.37)) < 1e-12)
        #expect(n.continuousGradient < 0 && abs(n.continuousGradient - n.backpropGradient) > 0.01)
        let text = courseFigureText(recipe.layout(n, options: courseOptions(recipe)))
        #expect(text.contains("0.0862") && text.contains("0.3044") && text.contains("0.04860"))
    }

    @Test("exercise-3.1.2: the numerical adjoint equals the closed form; dL/dα has the minus sign")
    func exercise312() throws {
        let recipe = Exercise312Figure()
        let n = try recipe.compute()
        #expect(n.largestDifference < 1e-9)
        let decay = exp(-recipe.alpha * recipe.horizon)
        let expected = -(recipe.y0 * decay - recipe.target) * recipe.y0 * recipe.horizon * decay
        #expect(abs(n.adjointGradient - expected) <= 1e-8 * abs(expected), "\(n.adjointGradient) vs \(expected)")
        #expect(n.closedFormGradient == expected && n.courseGradient == -expected && expected < 0)
        let text = courseFigureText(recipe.layout(n, options: courseOptions(recipe)))
        #expect(text.contains("course"))
    }
}
