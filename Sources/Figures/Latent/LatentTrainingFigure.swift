import Foundation
import Render

/// A latent ODE's training curves from its log: −ELBO and its KL part per step (above, with a
/// running mean over `window` steps, since each step sees a different minibatch), and the held-out
/// reconstruction and extrapolation MSE (below, log scale) against the observation noise variance.
public struct LatentTrainingFigure: FigureRecipe {
    public var log: LatentTrainingLog
    /// Steps in the running mean of −ELBO.
    public var window = 20
    /// Variance of the observation noise, drawn as a guide on the held-out panel (the preset's 0.3²).
    public var noiseVariance = 0.09

    public init(log: LatentTrainingLog) { self.log = log }

    public var defaultTitle: String { "Latent ODE training: −ELBO and held-out error" }

    public struct Result: Sendable {
        public var steps: [Double]
        public var runningMean: [Double]
        /// Held-out rows: step, reconstruction and extrapolation MSE.
        public var heldOut: [(step: Double, reconstruction: Double, extrapolation: Double)]
    }

    public func compute() throws(FigureError) -> Result {
        guard log.negativeELBO.contains(where: \.isFinite) else { throw .invalidInput("the log has no finite −ELBO") }
        let steps = log.iterations.map(Double.init)
        var running: [Double] = []
        var sum = 0.0, n = 0
        for (i, v) in log.negativeELBO.enumerated() {
            sum += v; n += 1
            if i >= window { sum -= log.negativeELBO[i - window]; n -= 1 }
            running.append(sum / Double(n))
        }
        var held: [(Double, Double, Double)] = []
        for i in 0..<log.count {
            if let r = log.reconstruction[i], let e = log.extrapolation[i], r > 0, e > 0 { held.append((steps[i], r, e)) }
        }
        return Result(steps: steps, runningMean: running, heldOut: held.map { ($0.0, $0.1, $0.2) })
    }

    public func keyNumbers(_ data: Result) -> [KeyNumber] {
        var out = [KeyNumber("iterations", count: log.count),
                   KeyNumber("firstELBO", log.negativeELBO[0], significant: 3, meaning: "−ELBO of the first step's batch"),
                   KeyNumber("finalELBO", data.runningMean[data.runningMean.count - 1], significant: 3,
                             meaning: "−ELBO averaged over the last \(window) steps"),
                   KeyNumber("finalKL", log.kl[max(0, log.count - window)...].reduce(0, +) / Double(min(window, log.count)),
                             significant: 2, meaning: "KL part averaged over the last \(window) steps")]
        if let last = data.heldOut.last {
            out.append(KeyNumber("finalReconstruction", last.reconstruction, significant: 2))
            out.append(KeyNumber("finalExtrapolation", last.extrapolation, significant: 2))
        }
        if let best = data.heldOut.min(by: { $0.extrapolation < $1.extrapolation }) {
            out.append(KeyNumber("bestExtrapolation", best.extrapolation, significant: 2))
            out.append(KeyNumber("bestExtrapolationStep", count: Int(best.step)))
        }
        out.append(KeyNumber("window", count: window))
        return out
    }

    public func layout(_ data: Result, options: FigureOptions) -> Figure {
        let theme = options.theme
        let figure = options.makeFigure(rows: data.heldOut.isEmpty ? 1 : 2, columns: 1)
        let top = figure[0, 0]
        figure.suptitle = options.resolvedTitle(defaultTitle)
        top.showsGrid = true
        top.xLabel = "training step"
        top.yLabel = "per spiral"
        let color = theme.seriesColor(0)
        top.add(LineSeries(x: data.steps, y: log.negativeELBO,
                           style: LineStyle(color: color.withAlpha(0.35), width: 0.6 * theme.lineWidth)))
        top.add(LineSeries(x: data.steps, y: data.runningMean, style: LineStyle(color: color, width: theme.lineWidth),
                           label: "−ELBO (mean of \(window) steps)"))
        top.add(LineSeries(x: data.steps, y: log.kl,
                           style: theme.seriesLine(1),
                           label: "KL part"))
        // −ELBO falls by orders of magnitude in the first steps: a log axis keeps the rest readable
        // (a linear one when a value is not positive, as −ELBO can be).
        let finite = (log.negativeELBO + log.kl).filter(\.isFinite)
        if let lo = finite.min(), let hi = finite.max(), hi > lo {
            if lo > 0 {
                top.yScale = .log
                top.yLimits = (lo / 1.3, hi * 1.3)
            } else {
                top.yLimits = (lo - 0.04 * (hi - lo), hi + 0.04 * (hi - lo))
            }
        }
        top.legend = .upperRight
        guard !data.heldOut.isEmpty else { return figure }
        let bottom = figure[1, 0]
        bottom.yScale = .log
        bottom.showsGrid = true
        bottom.xLabel = "training step"
        bottom.yLabel = "held-out MSE"
        let held = theme.line(.heldOut)
        let xs = data.heldOut.map(\.step)
        let marked = data.heldOut.count <= 40
        bottom.add(LineSeries(x: xs, y: data.heldOut.map(\.reconstruction),
                              style: LineStyle(color: held.color, width: held.width),
                              marker: marked ? MarkerStyle(.circle, size: 4, fill: held.color) : nil, label: "reconstruction"))
        bottom.add(LineSeries(x: xs, y: data.heldOut.map(\.extrapolation), style: held,
                              marker: marked ? theme.marker(.heldOut, size: 5) : nil, label: "extrapolation"))
        let x0 = xs.first ?? 0, x1 = max(xs.last ?? 1, data.steps.last ?? 1)
        bottom.add(LineSeries(x: [x0, x1], y: [noiseVariance, noiseVariance], style: theme.line(.reference),
                              label: "noise variance σ²"))
        bottom.legend = .upperRight
        return figure
    }
}
