import Foundation
import NeuralODE
import Render

/// Valid prediction times of a learned model over held-out attractor states: sorted bars in Lyapunov times, the median marked.
///
/// One bar per held-out state of `PredictionComparison` (the time until ‖ŷ − y‖ / RMS size first
/// exceeds the threshold, times λ₁), shortest to longest; the median as a dashed line and the goal
/// (`goal` Lyapunov times, when set) dotted. A state still valid at the end of the horizon gets an
/// open marker on its bar: its time is a lower bound.
public struct PredictionTimesFigure: FigureRecipe {
    public var prediction: PredictionComparison
    /// A target median in Lyapunov times drawn as a guide (nil: none).
    public var goal: Double?

    public init(_ prediction: PredictionComparison, goal: Double? = nil) {
        self.prediction = prediction
        self.goal = goal
    }

    public var defaultTitle: String {
        "Valid prediction times of the learned \(SystemLabels.displayName(prediction.system.spec.name)) model"
    }

    public func compute() throws(FigureError) -> DynamicsComparison.Result {
        try prediction.compute()
    }

    /// `PredictionComparison`'s numbers and the `goal` when set.
    public func keyNumbers(_ data: DynamicsComparison.Result) -> [KeyNumber] {
        var out = prediction.keyNumbers(data)
        if let goal { out.append(KeyNumber("goal", setting: goal)) }
        return out
    }

    public func layout(_ data: DynamicsComparison.Result, options: FigureOptions) -> Figure {
        let theme = options.theme
        let figure = options.makeFigure()
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let ax = figure.axes[0]
        let lambda = data.trueSpectrum.first ?? 0
        let inLyapunovTimes = lambda > 0
        let scale = inLyapunovTimes ? lambda : 1
        let order = data.validTimes.indices.sorted { data.validTimes[$0] < data.validTimes[$1] }
        let values = order.map { data.validTimes[$0] * scale }
        let n = values.count
        ax.xLabel = "held-out state (sorted by valid time)"
        ax.yLabel = inLyapunovTimes ? "valid prediction time  \u{03BB}_1 t" : "valid prediction time t"
        ax.showsGrid = true
        let bar = theme.learned.withAlpha(0.55)
        for (i, v) in values.enumerated() {
            let left = Double(i + 1) - 0.4, right = Double(i + 1) + 0.4
            ax.add(Polygon(x: [left, right, right, left], y: [0, 0, v, v], fill: bar,
                           edge: LineStyle(color: theme.learned, width: 0.5),
                           label: i == 0 ? "error / RMS size < \(NumberText.short(data.threshold, significant: 2))" : nil))
        }
        let cappedValue = data.predictionHorizon * scale
        let capped = values.indices.filter { values[$0] >= cappedValue - 1e-9 }
        if !capped.isEmpty {
            ax.add(Scatter(x: capped.map { Double($0 + 1) }, y: capped.map { values[$0] },
                           marker: theme.marker(.learned, size: 5, color: theme.learned), label: "still valid at the horizon"))
        }
        let median = data.medianValidTime * scale
        ax.add(LineSeries(x: [0.3, Double(n) + 0.7], y: [median, median], style: theme.line(.reference, width: 1.4),
                          label: "median \(NumberText.short(median, significant: 3))"))
        if let goal {
            ax.add(LineSeries(x: [0.3, Double(n) + 0.7], y: [goal, goal],
                              style: LineStyle(color: theme.role(.reference).color, width: 1, dash: .dotted),
                              label: "goal \(NumberText.short(goal, significant: 2))"))
        }
        ax.xLimits = (0.3, Double(n) + 0.7)
        ax.yLimits = (0, max(values.max() ?? 1, goal ?? 0) * 1.45)
        ax.legend = .upperLeft
        return figure
    }
}
