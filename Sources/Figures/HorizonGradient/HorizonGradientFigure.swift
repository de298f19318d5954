import Foundation
import NeuralODE
import Render

/// Misconception 5: the training gradient ‖∂L/∂θ‖ against the training horizon T on a chaotic system, with e^{λ₁T}.
///
/// `HorizonGradient` measures the norm of the loss gradient of the learned model over windows of
/// T time units from `starts` states spread along the true attractor (after `transient`); thin
/// lines per start, the median thick, and the guide c·e^{λ₁T} (λ₁ of the true system by tangent
/// dynamics) through the median at T = 1. Both axes in the units a training run would use: T in
/// time units on a linear axis, the norm on a log axis, so exponential growth is a straight line.
public struct HorizonGradientFigure: FigureRecipe {
    public var system: SystemField
    public var model: LearnedModel
    /// Where the true run starts; nil takes the system's example state.
    public var initialState: [Double]?
    public var transient = 50.0
    /// Number of start states, spaced `spacing` time units apart along the true run.
    public var starts = 20
    public var spacing = 7.3
    public var measurement = HorizonGradient()

    public init(system: SystemField, model: LearnedModel) throws(FigureError) {
        guard model.stateDimension == system.dimension, !model.mlp.timeInput else {
            throw .invalidInput("the model must be autonomous with \(system.dimension) state components, like \(system.spec.name)")
        }
        self.system = system
        self.model = model
    }

    public struct Data: Sendable {
        public var result: HorizonGradient.Result
        /// λ₁ of the true system.
        public var lambda: Double
    }

    public var defaultTitle: String {
        "Learned \(SystemLabels.displayName(system.spec.name)): training gradient against horizon"
    }

    public func compute() throws(FigureError) -> Data {
        guard starts >= 1, spacing > 0, transient >= 0 else { throw .invalidInput("starts and spacing must be positive") }
        let y0 = initialState ?? system.spec.exampleInitialState
        let first = transient > 0 ? try AttractorFigure.run(system, from: y0, duration: transient, saveAt: .final) : y0
        let path = try AttractorFigure.run(system, from: first, duration: spacing * Double(starts), saveAt: .points(starts + 1))
        do {
            let d = system.dimension
            let states = (0..<starts).map { Array(path[($0 * d)..<(($0 + 1) * d)]) }
            let result = try measurement.measure(model: model.mlp, truth: system, starts: states)
            // From y0 with the default settings and the whole spectrum, as the lorenz-lyapunov figure:
            // one λ₁ for the gallery (fewer tangent vectors change the adaptive steps and the digits).
            let lyapunov = try LyapunovSpectrum.estimate(system, y0: y0, settings: LyapunovSettings())
            return Data(result: result, lambda: lyapunov.largest)
        } catch {
            if case .invalid(let reason) = error { throw .invalidInput(reason) }
            throw .computationFailed(error.description)
        }
    }

    /// `starts`, the horizons' range `shortest`/`longest`, `lambda1`, the fitted `growthRate` of the
    /// median norm (from T = `fitFrom`) and its ratio to λ₁ (`growthRatio`), the median norms at the
    /// shortest and longest horizon (`normShort`, `normLong`) and their ratio `normRatio`.
    public func keyNumbers(_ data: Data) -> [KeyNumber] {
        let r = data.result
        let first = r.medianNorms.first ?? .nan, last = r.medianNorms.last ?? .nan
        return [KeyNumber("starts", count: starts), KeyNumber("shortest", setting: r.horizons.first ?? .nan),
                KeyNumber("longest", setting: r.horizons.last ?? .nan), KeyNumber("fitFrom", setting: measurement.fitFrom),
                KeyNumber("lambda1", data.lambda, significant: 4), KeyNumber("growthRate", r.growthRate, significant: 3),
                KeyNumber("growthRatio", r.growthRate / data.lambda, significant: 2),
                KeyNumber("normShort", first, significant: 2), KeyNumber("normLong", last, significant: 2),
                KeyNumber("normRatio", last / first, significant: 2)]
    }

    public func layout(_ data: Data, options: FigureOptions) -> Figure {
        let theme = options.theme
        let figure = options.makeFigure()
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let ax = figure.axes[0]
        let r = data.result
        ax.xLabel = "training horizon T (time units)"
        ax.yLabel = "\u{2016}\u{2202}L/\u{2202}\u{03B8}\u{2016}"
        ax.yScale = .log
        ax.showsGrid = true
        let faint = LineStyle(color: theme.learned.withAlpha(0.25), width: 0.6)
        for (s, row) in r.norms.enumerated() {
            let keep = row.indices.filter { row[$0] > 0 }
            ax.add(LineSeries(x: keep.map { r.horizons[$0] }, y: keep.map { row[$0] }, style: faint,
                              label: s == 0 ? "each of \(r.norms.count) windows' starts" : nil))
        }
        ax.add(LineSeries(x: r.horizons, y: r.medianNorms, style: theme.line(.learned, width: 2.2),
                          marker: theme.marker(.learned, size: 4), label: "median"))
        if let anchor = r.horizons.firstIndex(where: { $0 >= 1 }), r.medianNorms[anchor] > 0 {
            let c = r.medianNorms[anchor] / exp(data.lambda * r.horizons[anchor])
            let xs = [r.horizons.first ?? 0.1, r.horizons.last ?? 5]
            ax.add(LineSeries(x: xs, y: xs.map { c * exp(data.lambda * $0) }, style: theme.line(.reference, width: 1.4),
                              label: "e^{\u{03BB}_1 T}, \u{03BB}_1 = \(NumberText.short(data.lambda, significant: 4))"))
            // Residual and sensitivity both grow like e^{λ₁T} while the error is small: their product like e^{2λ₁T}.
            let c2 = r.medianNorms[anchor] / exp(2 * data.lambda * r.horizons[anchor])
            ax.add(LineSeries(x: xs, y: xs.map { c2 * exp(2 * data.lambda * $0) },
                              style: LineStyle(color: theme.role(.reference).color, width: 1.2, dash: .dotted),
                              label: "e^{2\u{03BB}_1 T}"))
        }
        let all = r.norms.flatMap { $0 }.filter { $0 > 0 }
        if let low = all.min(), let high = all.max() {
            ax.yLimits = (low / 3, high * 40)
        }
        ax.xLimits = (0, (r.horizons.last ?? 5) * 1.02)
        ax.legend = .upperLeft
        return figure
    }
}
