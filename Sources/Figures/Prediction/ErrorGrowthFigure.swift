import Foundation
import NeuralODE
import Render

/// How fast a learned model's forecasts part from the truth: normalised error against time on a log axis, with e^{λ₁t}.
///
/// From each held-out attractor state of `PredictionComparison`, the error ‖ŷ(t) − y(t)‖ divided by
/// the attractor's RMS size; thin lines per state, their median thick, the threshold of the valid
/// prediction time dotted, and the guide c·e^{λ₁t} (λ₁ the true system's, estimated by tangent
/// dynamics) through the median at one Lyapunov time. The time axis is in Lyapunov times λ₁t.
public struct ErrorGrowthFigure: FigureRecipe {
    public var prediction: PredictionComparison
    /// The time axis ends here (in Lyapunov times) or at the horizon, whichever comes first.
    public var shownLyapunovTimes = 10.0

    public init(_ prediction: PredictionComparison) {
        self.prediction = prediction
    }

    public var defaultTitle: String {
        "Forecast error of the learned \(SystemLabels.displayName(prediction.system.spec.name)) model"
    }

    public func compute() throws(FigureError) -> DynamicsComparison.Result {
        try prediction.compute()
    }

    /// `PredictionComparison`'s numbers, plus the `growthRate` fitted to the median error (log-linear,
    /// from 1 Lyapunov time until it first reaches a tenth of the threshold) and its ratio to λ₁ (`growthRatio`).
    public func keyNumbers(_ data: DynamicsComparison.Result) -> [KeyNumber] {
        var out = prediction.keyNumbers(data)
        let lambda = data.trueSpectrum.first ?? 0
        if let rate = Self.growthRate(data) {
            out.append(KeyNumber("growthRate", rate, significant: 3))
            if lambda > 0 { out.append(KeyNumber("growthRatio", rate / lambda, significant: 2)) }
        }
        return out
    }

    /// The median normalised error at every sample time.
    static func medianCurve(_ data: DynamicsComparison.Result) -> [Double] {
        let n = data.curveTimes.count
        return (0..<n).map { j in
            let values = data.errorCurves.compactMap { j < $0.count ? $0[j] : nil }.filter(\.isFinite).sorted()
            guard !values.isEmpty else { return .nan }
            return values.count % 2 == 1 ? values[values.count / 2] : 0.5 * (values[values.count / 2 - 1] + values[values.count / 2])
        }
    }

    /// Least-squares growth rate of log(median error) from t = 1/λ₁ to the first time it reaches 0.1 × threshold.
    static func growthRate(_ data: DynamicsComparison.Result) -> Double? {
        guard let lambda = data.trueSpectrum.first, lambda > 0 else { return nil }
        let median = medianCurve(data)
        let limit = 0.1 * data.threshold
        let end = median.firstIndex { !($0 < limit) } ?? median.count
        let points = (0..<end).filter { data.curveTimes[$0] >= 1 / lambda && median[$0] > 0 }
        guard points.count >= 4 else { return nil }
        let x = points.map { data.curveTimes[$0] }, y = points.map { log(median[$0]) }
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        let sxy = zip(x, y).reduce(0.0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let sxx = x.reduce(0.0) { $0 + ($1 - mx) * ($1 - mx) }
        return sxy / sxx
    }

    public func layout(_ data: DynamicsComparison.Result, options: FigureOptions) -> Figure {
        let theme = options.theme
        let figure = options.makeFigure()
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let ax = figure.axes[0]
        let lambda = max(data.trueSpectrum.first ?? 1, 1e-9)
        let x = data.curveTimes.map { $0 * lambda }
        ax.xLabel = "\u{03BB}_1 t  (Lyapunov times)"
        ax.yLabel = "|\u{0177}(t) \u{2212} y(t)| / RMS size"
        ax.yScale = .log
        ax.showsGrid = true
        let median = Self.medianCurve(data)
        // Up to `shownLyapunovTimes` (or the horizon): beyond the threshold the errors only saturate.
        let end = min(x.last ?? 1, shownLyapunovTimes)
        let last = x.lastIndex { $0 <= end } ?? (x.count - 1)
        let early = median.indices.filter { $0 > 0 && $0 <= last && median[$0] > 0 }.map { median[$0] }
        let floor = max(1e-8, (early.min() ?? 1e-4) / 5)
        let faint = LineStyle(color: theme.learned.withAlpha(0.22), width: 0.6)
        for (s, curve) in data.errorCurves.enumerated() {
            let points = curve.indices.filter { $0 > 0 && $0 <= last && curve[$0] > floor && curve[$0].isFinite }
            ax.add(LineSeries(x: points.map { x[$0] }, y: points.map { curve[$0] }, style: faint,
                              label: s == 0 ? "each of \(data.errorCurves.count) held-out states" : nil))
        }
        let shown = median.indices.filter { $0 > 0 && $0 <= last && median[$0] > floor }
        ax.add(LineSeries(x: shown.map { x[$0] }, y: shown.map { median[$0] }, style: theme.line(.learned, width: 2.2),
                          label: "median"))
        let anchor = data.curveTimes.firstIndex { $0 * lambda >= 1 } ?? 1
        if anchor < median.count, median[anchor] > 0 {
            let c = median[anchor] / exp(lambda * data.curveTimes[anchor])
            let t0 = max(log(floor / c) / lambda, 0)
            let t1 = min(log(3 / c) / lambda, end / lambda)
            if t1 > t0 {
                ax.add(LineSeries(x: [t0 * lambda, t1 * lambda], y: [c * exp(lambda * t0), c * exp(lambda * t1)],
                                  style: theme.line(.reference, width: 1.4),
                                  label: "e^{\u{03BB}_1 t}, \u{03BB}_1 = \(NumberText.short(lambda, significant: 4)) (true)"))
            }
        }
        ax.add(LineSeries(x: [0, end], y: [data.threshold, data.threshold],
                          style: LineStyle(color: theme.role(.reference).color, width: 1, dash: .dotted),
                          label: "threshold \(NumberText.short(data.threshold, significant: 2))"))
        ax.xLimits = (0, end)
        ax.yLimits = (floor, 20)
        ax.legend = .lowerRight
        return figure
    }
}
