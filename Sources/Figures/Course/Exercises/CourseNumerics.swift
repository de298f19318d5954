import Foundation
import NeuralODE

/// Small numerical helpers shared by the course's exercise figures (solves and formatting).
enum CourseNumerics {
    /// Example 3.1.1's network f(y) = w₂·tanh(w₁y + b₁) + b₂ with θ = (1.5, 0, −2, 0), the model in
    /// assets/models/example-3.1.1.json.
    static func example311Network() throws(FigureError) -> MLP {
        do {
            return try MLP(stateDim: 1, layers: [
                MLP.Layer(weight: [[1.5]], bias: [0], activation: .tanh),
                MLP.Layer(weight: [[-2]], bias: [0], activation: .identity),
            ])
        } catch {
            throw .computationFailed("example 3.1.1 network: \(error.description)")
        }
    }

    /// Tolerances for reference solutions drawn as "exact".
    static let tight = StepSizeController.tolerances(rtol: 1e-11, atol: 1e-13)

    /// The solution of `field` from `y0` on [t0, t1] saved at `saveAt`, or a figure error.
    static func solve<F: VectorField>(_ field: F, y0: [Double], t0: Double = 0, t1: Double,
                                      method: SolverMethod = .dopri5, controller: StepSizeController = tight,
                                      saveAt: SaveAt) throws(FigureError) -> ODESolution {
        let solution: ODESolution
        do {
            solution = try ODESolve.solve(ODEProblem(field: field, t0: t0, t1: t1, y0: y0), method: method,
                                          controller: controller, saveAt: saveAt)
        } catch {
            throw .solverSettings(error.description)
        }
        if let failure = solution.failure { throw .computationFailed("solve failed: \(failure.description)") }
        return solution
    }

    /// `v` with `digits` decimals and a typographic minus ("−0.04860").
    static func fixed(_ v: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", v).replacingOccurrences(of: "-", with: NumberText.minus)
    }

    /// `v` with `digits` decimals and an explicit sign ("+0.0862", "−0.0486").
    static func signed(_ v: Double, _ digits: Int) -> String {
        (v >= 0 ? "+" : "") + fixed(v, digits)
    }
}
