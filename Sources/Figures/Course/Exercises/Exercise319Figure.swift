import Foundation
import NeuralODE
import Render

/// Exercise 3.1.9: the adaptive-depth Euler solver, which stops once |f(y)| < ε, against the
/// fixed-step solver: steps taken and accuracy as ε varies, on the code-lab model.
///
/// The model is trained in the recipe by the code-lab preset (seed 0, 120 epochs). Each solve runs
/// from y₀ ∈ {0.3, 0.4, …, 0.7} over the code lab's horizon T = 0.5 with Δt = 0.05 (10 fixed steps);
/// the stopping rule is NeuralODE's `AdaptiveDepthEuler` (a library solver, not figure-local code).
/// Accuracy is |y(T) returned − y₀e^{−2T}| against the true system, averaged over y₀. (Longer
/// horizons leave the data: the learned field has f(0) ≈ −0.6 and no equilibrium at 0, so |f| never
/// gets small there.)
public struct Exercise319Figure: CourseFigure {
    public var thresholds: [Double] = (0...24).map { pow(10, -1 + Double($0) * (log10(2) + 1) / 24) }
    public var initialStates: [Double] = [0.3, 0.4, 0.5, 0.6, 0.7]
    public var horizon = 0.5
    public var dt = 0.05
    public var seed: UInt64 = 0

    public init() {}

    public struct Numbers: Sendable {
        public var thresholds: [Double]
        /// Mean steps and mean |error| at each threshold.
        public var meanSteps: [Double]
        public var meanError: [Double]
        /// The fixed-step solver's steps and mean |error|.
        public var fixedSteps: Int
        public var fixedError: Double
        /// Final training loss of the model.
        public var trainingLoss: Double
    }

    public var defaultTitle: String { "Exercise 3.1.9: adaptive depth, Euler stopping when |f(y)| < \\varepsilon" }
    public var preferredSize: PageSize { PageSize(width: .inches(6.5), height: .inches(6.6)) }

    public func compute() throws(FigureError) -> Numbers {
        let outcome = try CourseTraining(preset: .codeLab, seed: seed).run()
        guard let loss = outcome.finalLoss else { throw .computationFailed("code-lab training failed") }
        let field = MLPField(outcome.model)
        var exact: [Double] = [], fixed: [Double] = []
        var fixedSteps = 0
        for y0 in initialStates {
            exact.append(y0 * exp(-2 * horizon))
            let euler = try CourseNumerics.solve(field, y0: [y0], t1: horizon, method: .euler, controller: .fixed(dt: dt), saveAt: .final)
            fixed.append(euler.lastState[0])
            fixedSteps = euler.statistics.acceptedSteps
        }
        let count = Double(initialStates.count)
        var meanSteps: [Double] = [], meanError: [Double] = []
        for epsilon in thresholds {
            var steps = 0.0, error = 0.0
            for (k, y0) in initialStates.enumerated() {
                let result: AdaptiveDepthEuler.Result
                do {
                    result = try AdaptiveDepthEuler.solve(ODEProblem(field: field, t0: 0, t1: horizon, y0: [y0]), dt: dt,
                                                          threshold: epsilon)
                } catch {
                    throw .solverSettings(error.description)
                }
                steps += Double(result.steps)
                error += abs(result.state[0] - exact[k])
            }
            meanSteps.append(steps / count)
            meanError.append(error / count)
        }
        let fixedError = zip(fixed, exact).map { abs($0 - $1) }.reduce(0, +) / count
        return Numbers(thresholds: thresholds, meanSteps: meanSteps, meanError: meanError, fixedSteps: fixedSteps,
                       fixedError: fixedError, trainingLoss: loss)
    }

    public func keyNumbers(_ n: Numbers) -> [KeyNumber] {
        let full = Double(n.fixedSteps)
        var out = [KeyNumber("fixedSteps", count: n.fixedSteps), KeyNumber("fixedError", n.fixedError, significant: 2),
                   KeyNumber("trainingLoss", n.trainingLoss, significant: 3)]
        if let i = n.meanSteps.lastIndex(where: { $0 >= full - 1e-9 }) {
            out.append(KeyNumber("allStepsUpTo", n.thresholds[i], significant: 2, meaning: "largest threshold on the grid with every step taken"))
        }
        if let i = n.meanSteps.firstIndex(where: { $0 <= 1e-9 }) {
            out.append(KeyNumber("stopsAtOnceFrom", n.thresholds[i], significant: 2, meaning: "smallest threshold on the grid with no step taken"))
            out.append(KeyNumber("stopError", n.meanError[i], significant: 2))
        }
        if let i = n.meanError.indices.min(by: { n.meanError[$0] < n.meanError[$1] }) {
            out.append(KeyNumber("bestError", n.meanError[i], significant: 2))
            out.append(KeyNumber("bestThreshold", n.thresholds[i], significant: 2))
            out.append(KeyNumber("bestSteps", n.meanSteps[i], significant: 2))
        }
        return out
    }

    public func summary(_ n: Numbers) -> String {
        let rows = zip(n.thresholds, zip(n.meanSteps, n.meanError)).enumerated().filter { $0.offset % 6 == 0 }.map {
            "eps \(String(format: "%.3g", $0.element.0)): \(String(format: "%.1f", $0.element.1.0)) steps, error \(String(format: "%.2e", $0.element.1.1))"
        }
        return "code-lab model (loss \(String(format: "%.4g", n.trainingLoss))), T = \(NumberText.short(horizon)), dt = \(NumberText.short(dt)): "
            + "fixed \(n.fixedSteps) steps, error \(String(format: "%.2e", n.fixedError)); " + rows.joined(separator: "; ")
    }

    public func layout(_ n: Numbers, options: FigureOptions) -> Figure {
        let figure = options.makeFigure(rows: 2, columns: 1)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let theme = options.theme
        // Generic series, as the swatch shows them: the first slate solid, the second copper dashed.
        let adaptive = theme.seriesLine(1)
        let marker = MarkerStyle(.circle, size: 6, fill: theme.seriesColor(1))
        let fixed = theme.seriesLine(0)
        let xs = [n.thresholds.first ?? 1e-3, n.thresholds.last ?? 1]
        let steps = figure[0, 0]
        steps.xScale = .log
        steps.showsGrid = true
        steps.xLabel = "threshold \\varepsilon"
        steps.yLabel = "Euler steps (mean over y_{0})"
        steps.title = "Steps taken, T = \(NumberText.short(horizon)), Δt = \(NumberText.short(dt))"
        steps.add(LineSeries(x: xs, y: [Double(n.fixedSteps), Double(n.fixedSteps)], style: fixed, label: "fixed step: \(n.fixedSteps)"))
        steps.add(LineSeries(x: n.thresholds, y: n.meanSteps, style: adaptive, marker: marker, label: "stop when |f(y)| < \\varepsilon"))
        steps.yLimits = (0, Double(n.fixedSteps) * 1.15)
        steps.legend = .best

        let accuracy = figure[1, 0]
        accuracy.xScale = .log
        accuracy.yScale = .log
        accuracy.showsGrid = true
        accuracy.xLabel = "threshold \\varepsilon"
        accuracy.yLabel = "|y(T) \(NumberText.minus) y_{0}e^{\(NumberText.minus)2T}| (mean over y_{0})"
        accuracy.title = "Accuracy against the true y(T) = y_{0}e^{\(NumberText.minus)2T}"
        accuracy.add(LineSeries(x: xs, y: [n.fixedError, n.fixedError], style: fixed,
                                   label: "fixed step: " + NumberFormat.real(n.fixedError, significant: 2, style: .label)))
        accuracy.add(LineSeries(x: n.thresholds, y: n.meanError, style: adaptive, marker: marker, label: "adaptive depth"))
        accuracy.legend = .best
        return figure
    }
}
