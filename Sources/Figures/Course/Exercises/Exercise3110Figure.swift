import Foundation
import NeuralODE
import Render

/// Exercise 3.1.10: a horizon curriculum (T = 0.5 growing to 2 by epoch 60,
/// `HorizonCurriculum.exercise3_1_10`) against training on the full horizon T = 2 from the start.
///
/// Task: `system` with `parameters` from `initialStates`, observed at `points` times on [0, 2],
/// no noise; a 2→16→2 tanh network (seed 0), Adam at 0.01, RK4 with Δt = 0.02, full batch. Both
/// runs start from the same weights. The curriculum's own training loss covers only its current
/// horizon, so both runs are also scored every epoch by the MSE over the whole [0, 2] (the
/// held-out evaluation of the trainer, on the training trajectories themselves).
public struct Exercise3110Figure: CourseFigure {
    public var system = "damped-oscillator"
    public var parameters: [String: Double] = ["k": 1, "c": 0.5]
    public var initialStates: [[Double]] = [[1, 0], [0, 1], [-0.5, 0.5]]
    public var points = 26
    public var epochs = 200
    public var curriculum = HorizonCurriculum.exercise3_1_10
    public var seed: UInt64 = 0

    public init() {}

    public struct Run: Sendable {
        /// Training loss per epoch (over the epoch's horizon) and the full-horizon MSE after each epoch.
        public var trainingLoss: [Double]
        public var fullHorizonLoss: [Double]
        public var horizons: [Double]
    }

    public struct Numbers: Sendable {
        public var curriculum: Run
        public var full: Run
    }

    public var defaultTitle: String { "Exercise 3.1.10: horizon curriculum vs the full horizon" }
    public var preferredSize: PageSize { PageSize(width: .inches(6.5), height: .inches(6.6)) }

    public func compute() throws(FigureError) -> Numbers {
        let field: SystemField
        let data: TrajectoryDataset
        do {
            field = try SystemRegistry.field(named: system, parameters: parameters)
            data = try SimulatedData.trajectories(system: field, initialStates: initialStates, t1: curriculum.end, points: points)
        } catch {
            throw .invalidInput("\(error)")
        }
        let network = MLP(stateDim: field.dimension, hidden: [16], activation: .tanh, seed: seed)
        func train(_ sampling: TimeSampling) throws(FigureError) -> Run {
            let configuration = TrainingConfiguration(
                epochs: epochs, learningRate: 0.01, optimizer: .adam, sampling: sampling, gradientMethod: .backprop,
                solver: GradientSettings(method: .rk4, controller: .fixed(dt: 0.02)), seed: seed)
            let outcome: TrainingOutcome
            do {
                outcome = try Trainer(network: network, data: data, heldOut: data, configuration: configuration).run()
            } catch {
                throw .computationFailed("training failed: \(error.description)")
            }
            if let failure = outcome.failure { throw .computationFailed("training diverged: \(failure.description)") }
            return Run(trainingLoss: outcome.log.map(\.loss), fullHorizonLoss: outcome.log.map { $0.heldOutError ?? .nan },
                       horizons: outcome.log.map { $0.horizon ?? curriculum.end })
        }
        return Numbers(curriculum: try train(.prefix(curriculum)), full: try train(.prefix(.constant(curriculum.end))))
    }

    public func keyNumbers(_ n: Numbers) -> [KeyNumber] {
        var out = [KeyNumber("start", curriculum.start, significant: 2), KeyNumber("end", curriculum.end, significant: 2),
                   KeyNumber("ramp", count: curriculum.rampEpochs)]
        for (name, epoch) in [("ramp", curriculum.rampEpochs), ("middle", epochs / 2), ("last", epochs - 1)] {
            out.append(KeyNumber(name + "Epoch", count: epoch))
            for (run, r) in [("curriculum", n.curriculum), ("full", n.full)] {
                out.append(KeyNumber(run + "." + name, r.fullHorizonLoss[min(epoch, r.fullHorizonLoss.count - 1)], significant: 2))
            }
        }
        return out
    }

    public func summary(_ n: Numbers) -> String {
        func at(_ run: Run, _ epoch: Int) -> String { String(format: "%.3g", run.fullHorizonLoss[min(epoch, run.fullHorizonLoss.count - 1)]) }
        let checkpoints = [curriculum.rampEpochs, epochs / 2, epochs - 1]
        return "\(SystemLabels.displayName(system)) on [0, \(NumberText.short(curriculum.end))], full-horizon MSE at epochs "
            + checkpoints.map(String.init).joined(separator: "/") + ": curriculum "
            + checkpoints.map { at(n.curriculum, $0) }.joined(separator: "/") + ", full horizon "
            + checkpoints.map { at(n.full, $0) }.joined(separator: "/")
    }

    public func layout(_ n: Numbers, options: FigureOptions) -> Figure {
        let figure = options.makeFigure(rows: 2, columns: 1)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let theme = options.theme
        // Generic series, as the swatch shows them: the first slate solid, the second copper dashed.
        let curriculumStyle = theme.seriesLine(1)
        let fullStyle = theme.seriesLine(0)
        for (column, title) in [(0, "Training loss (each run's own horizon)"), (1, "MSE over the full horizon [0, \(NumberText.short(curriculum.end))]")] {
            let ax = figure[column, 0]
            ax.yScale = .log
            ax.showsGrid = true
            ax.xLabel = "epoch"
            ax.yLabel = column == 0 ? "training loss (MSE)" : "full-horizon MSE"
            ax.title = title
            let a = column == 0 ? n.curriculum.trainingLoss : n.curriculum.fullHorizonLoss
            let b = column == 0 ? n.full.trainingLoss : n.full.fullHorizonLoss
            // One legend for both panels (same styles); the ramp is marked and stated in the caption.
            ax.add(LineSeries(x: b.indices.map(Double.init), y: b, style: fullStyle, label: column == 0 ? "full horizon" : nil))
            ax.add(LineSeries(x: a.indices.map(Double.init), y: a, style: curriculumStyle, label: column == 0 ? "curriculum" : nil))
            let all = (a + b).filter { $0 > 0 && $0.isFinite }
            if let lo = all.min(), let hi = all.max() {
                ax.add(LineSeries(x: [Double(curriculum.rampEpochs), Double(curriculum.rampEpochs)], y: [lo, hi],
                                  style: theme.line(.reference, width: 0.9)))
                ax.annotate(.text("T reaches \(NumberText.short(curriculum.end))", at: (Double(curriculum.rampEpochs), hi),
                                  offset: (4, -2), anchor: .topLeft, size: theme.legendSize, color: theme.role(.reference).color))
            }
            ax.legend = .best
        }
        return figure
    }
}
