import Foundation
import NeuralODE
import Render

/// The running estimates of each Lyapunov exponent against averaging time, one panel per exponent.
///
/// The estimates come from `LyapunovSpectrum.estimate` on the system (or the model, when given);
/// time runs on a log axis so the early wandering and the slow final settling both show. Each
/// panel marks the final value with a dashed reference line and states it in the panel title.
public struct LyapunovConvergenceFigure: FigureRecipe {
    /// The true system, or nil when a model is given.
    public var system: SystemField?
    /// The learned model; when given, its field is analysed.
    public var model: LearnedModel?
    /// Where the run starts (observed components); nil takes the system's example state.
    public var initialState: [Double]?
    /// Transient, averaging time, number of exponents and interval.
    public var settings = LyapunovSettings(maxRecords: 1500)

    /// A figure of `model` if given, else of `system`; one of them is required.
    public init(system: SystemField?, model: LearnedModel?) throws(FigureError) {
        guard system != nil || model != nil else { throw .invalidInput("give a system or a model") }
        self.system = system
        self.model = model
    }

    public var defaultTitle: String {
        let name = model == nil ? system.map { SystemLabels.displayName($0.spec.name) } ?? "" : "Learned model"
        return name.isEmpty ? "Lyapunov exponents, running estimates" : "\(name): Lyapunov exponents, running estimates"
    }

    public func compute() throws(FigureError) -> LyapunovResult {
        do {
            if let model {
                let observed = model.stateDimension
                let y0 = initialState ?? system?.spec.exampleInitialState ?? [Double](repeating: 0.1, count: observed)
                guard y0.count == observed else { throw FigureError.invalidInput("the initial state has \(y0.count) values, expected \(observed)") }
                return try LyapunovSpectrum.estimate(MLPJacobianField(model.mlp), y0: model.mlp.augmentedInitialState(y0),
                                                     settings: settings)
            }
            guard let system else { throw FigureError.invalidInput("give a system or a model") }
            return try LyapunovSpectrum.estimate(system, y0: initialState ?? system.spec.exampleInitialState, settings: settings)
        } catch let error as FigureError {
            throw error
        } catch let error as LyapunovError {
            if case .invalid(let reason) = error { throw .invalidInput(reason) }
            throw .computationFailed(error.description)
        } catch {
            throw .computationFailed("\(error)")
        }
    }

    /// `lambda1` … `lambdaK` (4 significant figures), their `sum` and the time average of the
    /// Jacobian's trace `trace` (9 figures: they agree when the spectrum is full), the averaging
    /// `duration`, `transient` and QR `interval`, and the `kaplanYorke` dimension when it is known.
    public func keyNumbers(_ data: LyapunovResult) -> [KeyNumber] {
        var out = data.exponents.enumerated().map { KeyNumber("lambda\($0.offset + 1)", $0.element, significant: 4) }
        out.append(KeyNumber("sum", data.exponents.reduce(0, +), significant: 9))
        out.append(KeyNumber("trace", data.traceAverage, significant: 9))
        out.append(KeyNumber("duration", setting: settings.duration))
        out.append(KeyNumber("transient", setting: settings.transient))
        out.append(KeyNumber("interval", setting: settings.interval))
        if let d = data.kaplanYorkeDimension { out.append(KeyNumber("kaplanYorke", d, significant: 4)) }
        return out
    }

    public func layout(_ data: LyapunovResult, options: FigureOptions) -> Figure {
        let k = data.exponents.count
        let figure = options.makeFigure(rows: k, columns: 1)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        // One panel per exponent, so colour says whose spectrum it is: the system's (truth) or the
        // model's (learned, drawn solid: a dash would break up a noisy estimate).
        let color = options.theme.role(model == nil ? .truth : .learned).color
        for i in 0..<k {
            let ax = figure.axes[i]
            let values = data.runningEstimate(i)
            let final = data.exponents[i]
            ax.xScale = .log
            ax.showsGrid = true
            ax.yLabel = "\u{03BB}_\(i + 1)(t)"
            if i == k - 1 { ax.xLabel = "averaging time t" }
            ax.title = "\u{03BB}_\(i + 1) = \(NumberText.short(final, significant: 4))"
            let points = zip(data.times, values).filter { $0.0 > 0 }
            ax.add(LineSeries(x: points.map(\.0), y: points.map(\.1),
                              style: LineStyle(color: color, width: 1.4)))
            let first = points.first?.0 ?? 1, last = points.last?.0 ?? 10
            ax.add(LineSeries(x: [first, last], y: [final, final], style: options.theme.line(.reference)))
            // Room around the final value: the late estimates matter, the first few may wander far.
            let late = points.suffix(max(2, points.count * 3 / 4)).map(\.1)
            let spread = max((late.max() ?? final) - (late.min() ?? final), 0.02 * max(abs(final), 0.05))
            ax.yLimits = (final - 2.5 * spread, final + 2.5 * spread)
        }
        return figure
    }
}
