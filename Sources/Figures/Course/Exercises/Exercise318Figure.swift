import Foundation
import NeuralODE
import Render

/// Exercise 3.1.8: the code lab trained with central finite-difference gradients against
/// backpropagation through the Euler solver (analytic local gradients and the chain rule across
/// steps): loss against epoch and against cost, and the epochs each needs to reach loss 0.005.
///
/// Cost is plotted as cumulative evaluations (vector-field evaluations of every forward solve plus
/// the backward pass's vector-Jacobian products), a deterministic stand-in for wall time so the
/// figure is the same on every run; the measured seconds are in the summary line only.
public struct Exercise318Figure: CourseFigure {
    public var threshold = 0.005
    public var seed: UInt64 = 0

    public init() {}

    public struct Run: Sendable {
        public var method: GradientMethod
        public var losses: [Double]
        /// Evaluations (forward and backward) summed up to the end of each epoch.
        public var cumulativeEvaluations: [Double]
        public var epochsToThreshold: Int?
        public var seconds: Double
    }

    public struct Numbers: Sendable {
        public var finiteDifference: Run
        public var backprop: Run
    }

    public var defaultTitle: String { "Exercise 3.1.8: finite differences vs backprop through Euler" }
    public var preferredSize: PageSize { PageSize(width: .inches(6.5), height: .inches(6.6)) }

    public func compute() throws(FigureError) -> Numbers {
        let training = CourseTraining(preset: .codeLab, seed: seed)
        let data = try training.data()
        func run(_ method: GradientMethod) throws(FigureError) -> Run {
            let outcome = try training.run(data: data) { $0.gradientMethod = method }
            var total = 0.0
            let cumulative = outcome.log.map { record -> Double in
                total += Double(record.forwardEvaluations + record.backwardEvaluations)
                return total
            }
            return Run(method: method, losses: outcome.log.map(\.loss), cumulativeEvaluations: cumulative,
                       epochsToThreshold: CourseTraining.firstEpoch(below: threshold, in: outcome.log), seconds: outcome.seconds)
        }
        return Numbers(finiteDifference: try run(.finiteDifference), backprop: try run(.backprop))
    }

    private func reached(_ run: Run) -> String {
        run.epochsToThreshold.map { "epoch \($0)" } ?? "never"
    }

    public func keyNumbers(_ n: Numbers) -> [KeyNumber] {
        var out = [KeyNumber("threshold", threshold, significant: 1)]
        for (name, run) in [("fd", n.finiteDifference), ("backprop", n.backprop)] {
            if let e = run.epochsToThreshold {
                out.append(KeyNumber(name + "Epoch", count: e))
                out.append(KeyNumber(name + "Evaluations", count: Int(run.cumulativeEvaluations[e])))
            }
            out.append(KeyNumber(name + "Final", run.losses.last ?? .nan, significant: 3))
            out.append(KeyNumber(name + "TotalEvaluations", count: Int(run.cumulativeEvaluations.last ?? 0)))
        }
        if let f = n.finiteDifference.epochsToThreshold, let b = n.backprop.epochsToThreshold, n.backprop.cumulativeEvaluations[b] > 0 {
            out.append(KeyNumber("costRatio", n.finiteDifference.cumulativeEvaluations[f] / n.backprop.cumulativeEvaluations[b], significant: 2))
        }
        return out
    }

    public func summary(_ n: Numbers) -> String {
        func line(_ name: String, _ run: Run) -> String {
            let evaluations = run.epochsToThreshold.map { Int(run.cumulativeEvaluations[$0]) }
            return "\(name) reaches loss < \(NumberText.short(threshold)) at \(reached(run))"
                + (evaluations.map { " after \($0) evaluations" } ?? "")
                + ", final \(String(format: "%.4g", run.losses.last ?? .nan)), \(Int(run.cumulativeEvaluations.last ?? 0)) evaluations, "
                + String(format: "%.3f s measured", run.seconds)
        }
        return line("finite differences", n.finiteDifference) + "; " + line("backprop", n.backprop)
    }

    public func layout(_ n: Numbers, options: FigureOptions) -> Figure {
        let figure = options.makeFigure(rows: 2, columns: 1)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let theme = options.theme
        // Finite differences drawn thick underneath, backprop on top: in the epoch panel they coincide.
        let roles: [StyleRole] = [.finiteDifferences, .backprop]
        let styles = [theme.line(.finiteDifferences, width: 2.2 * theme.lineWidth), theme.line(.backprop)]
        let runs = [("finite differences", n.finiteDifference), ("backprop", n.backprop)]
        for (column, xLabel) in [(0, "epoch"), (1, "cumulative evaluations of f and its VJPs")] {
            let ax = figure[column, 0]
            ax.yScale = .log
            ax.showsGrid = true
            ax.xLabel = xLabel
            ax.yLabel = "training loss (MSE)"
            ax.title = column == 0 ? "Against epoch" : "Against cost (a stand-in for wall time)"
            if column == 1 { ax.xScale = .log }
            let xMax = column == 0 ? Double(n.backprop.losses.count - 1)
                : max(n.backprop.cumulativeEvaluations.last ?? 1, n.finiteDifference.cumulativeEvaluations.last ?? 1)
            let xMin = column == 0 ? 0 : min(n.backprop.cumulativeEvaluations.first ?? 1, n.finiteDifference.cumulativeEvaluations.first ?? 1)
            ax.add(LineSeries(x: [xMin, xMax], y: [threshold, threshold],
                              style: theme.line(.reference, width: 0.9), label: column == 0 ? "loss \(NumberText.short(threshold))" : nil))
            for (k, (name, run)) in runs.enumerated() {
                let x = column == 0 ? run.losses.indices.map(Double.init) : run.cumulativeEvaluations
                // One legend (the styles are the same in both panels); the epoch is in the caption.
                ax.add(LineSeries(x: x, y: run.losses, style: styles[k], label: column == 0 ? name : nil))
                if let e = run.epochsToThreshold {
                    ax.add(Scatter(x: [x[e]], y: [run.losses[e]], marker: theme.marker(roles[k], size: 7)))
                }
            }
            ax.legend = .best
        }
        return figure
    }
}
