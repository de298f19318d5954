import Foundation
import NeuralODE
import Render

/// The butterfly effect: two runs from states `separation` apart, and their distance on a log axis against e^{λ₁t}.
///
/// The system (or the model, when given) first runs `transient` time units so both runs start on
/// the attractor; the second starts `separation` away along the first component. λ₁ comes from
/// `LyapunovSpectrum` (one exponent, `lyapunovDuration` time units of averaging) on the same field,
/// so the reference line δ₀e^{λ₁t} is computed, not quoted. The distance saturates at the
/// attractor's size, drawn as the RMS distance of the run from its mean.
public struct ButterflyFigure: FigureRecipe {
    /// The true system, or nil when a model is given.
    public var system: SystemField?
    /// The learned model; when given it is the field drawn.
    public var model: LearnedModel?
    /// Where the transient starts (observed components); nil takes the system's example state.
    public var initialState: [Double]?
    public var transient = 20.0
    /// Time drawn.
    public var duration = 30.0
    /// Initial distance between the two runs.
    public var separation = 1e-8
    /// Averaging time of the λ₁ estimate.
    public var lyapunovDuration = 1000.0
    public var points = 3000

    /// A figure of `model` if given, else of `system`; one of them is required.
    public init(system: SystemField?, model: LearnedModel?) throws(FigureError) {
        guard system != nil || model != nil else { throw .invalidInput("give a system or a model") }
        self.system = system
        self.model = model
    }

    /// The two runs, their distance and λ₁.
    public struct Data: Sendable {
        public var times: [Double]
        /// First component of each run.
        public var first: [Double]
        public var second: [Double]
        /// Euclidean distance of the two runs (observed components).
        public var distance: [Double]
        /// λ₁ of the field.
        public var lyapunov: Double
        /// RMS distance of the first run from its mean (the saturation level).
        public var attractorSize: Double
        /// First time the distance exceeds 0.4 of the attractor size (nil if never).
        public var divergenceTime: Double?
    }

    var fieldName: String { model?.name ?? system.map(SystemLabels.title(for:)) ?? "the field" }

    public var defaultTitle: String {
        let name = model == nil ? system.map { SystemLabels.displayName($0.spec.name) } ?? fieldName : "Learned model"
        return "\(name): the butterfly effect, two runs \(NumberText.short(separation, significant: 2)) apart"
    }

    public func compute() throws(FigureError) -> Data {
        guard separation > 0, separation.isFinite, duration > 0, duration.isFinite, transient >= 0, points >= 2 else {
            throw .invalidInput("separation and duration must be positive, the transient non-negative")
        }
        if let model { return try compute(MLPJacobianField(model.mlp), observed: model.stateDimension) }
        guard let system else { throw .invalidInput("give a system or a model") }
        return try compute(system, observed: system.dimension)
    }

    private func compute<F: JacobianField>(_ field: F, observed: Int) throws(FigureError) -> Data {
        let d = field.stateSize
        var y0 = initialState ?? system?.spec.exampleInitialState ?? [Double](repeating: 0.1, count: observed)
        guard y0.count == observed else { throw .invalidInput("the initial state has \(y0.count) values, expected \(observed)") }
        y0 += [Double](repeating: 0, count: d - observed)
        let start = transient > 0 ? try AttractorFigure.run(field, from: y0, duration: transient, saveAt: .final) : y0
        var nudged = start
        nudged[0] += separation
        let a = try AttractorFigure.run(field, from: start, duration: duration, saveAt: .points(points))
        let b = try AttractorFigure.run(field, from: nudged, duration: duration, saveAt: .points(points))
        let times = (0..<points).map { duration * Double($0) / Double(points - 1) }
        let distance = (0..<points).map { k in
            (0..<observed).reduce(0.0) { $0 + pow(a[k * d + $1] - b[k * d + $1], 2) }.squareRoot()
        }
        let mean = (0..<observed).map { i in (0..<points).reduce(0.0) { $0 + a[$1 * d + i] } / Double(points) }
        let size = ((0..<points).reduce(0.0) { sum, k in
            sum + (0..<observed).reduce(0.0) { $0 + pow(a[k * d + $1] - mean[$1], 2) }
        } / Double(points)).squareRoot()
        let lyapunov: LyapunovResult
        do {
            // From y0 with the default settings and the whole spectrum (`ode-analyze lyapunov`'s, the
            // lorenz-lyapunov figure's): one estimate of λ₁ for the whole gallery, not one per start.
            // (Tracking fewer tangent vectors changes the adaptive steps, and so the digits.)
            lyapunov = try LyapunovSpectrum.estimate(field, y0: y0, settings: LyapunovSettings(duration: lyapunovDuration))
        } catch {
            throw .computationFailed("λ₁ could not be estimated: \(error.description)")
        }
        let crossing = distance.firstIndex { $0 > 0.4 * size }.map { times[$0] }
        return Data(times: times, first: (0..<points).map { a[$0 * d] }, second: (0..<points).map { b[$0 * d] },
                    distance: distance, lyapunov: lyapunov.largest, attractorSize: size, divergenceTime: crossing)
    }

    /// `separation` δ₀, `transient`, `lambda1` (estimated over `lyapunovDuration`), the attractor's
    /// RMS `size`, the `predictability` ln(size/δ₀)/λ₁ (when the distance line meets the size) and
    /// the same in Lyapunov times (`lyapunovTimes`), and the `divergenceTime` when the runs visibly
    /// part (distance above 0.4 times the size).
    public func keyNumbers(_ data: Data) -> [KeyNumber] {
        var out = [KeyNumber("separation", setting: separation), KeyNumber("transient", setting: transient),
                   KeyNumber("lambda1", data.lyapunov, significant: 4), KeyNumber("size", data.attractorSize, significant: 3)]
        if data.lyapunov > 0, data.attractorSize > separation {
            let horizon = log(data.attractorSize / separation)
            out.append(KeyNumber("predictability", horizon / data.lyapunov, significant: 2))
            out.append(KeyNumber("lyapunovTimes", horizon, significant: 2))
        }
        if let t = data.divergenceTime { out.append(KeyNumber("divergenceTime", t, significant: 2)) }
        return out
    }

    /// Two panels: the first component of both runs, and their distance with δ₀e^{λ₁t} and the attractor size.
    public func layout(_ data: Data, options: FigureOptions) -> Figure {
        let theme = options.theme
        let figure = options.makeFigure(rows: 2, columns: 1)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let component = SystemLabels.symbol(system?.spec.componentNames.first ?? "y1")
        let top = figure.axes[0], bottom = figure.axes[1]
        top.xLabel = "t"
        top.yLabel = component
        top.add(LineSeries(x: data.times, y: data.first, style: LineStyle(color: theme.truth, width: 1.1),
                           label: "from y_0"))
        // The second run is neither true nor learned: the second series look (copper, dashed), which
        // stands apart from the black run in grey as well.
        top.add(LineSeries(x: data.times, y: data.second, style: LineStyle(color: theme.seriesColor(1), width: 1.1, dash: .dashed),
                           label: "from y_0 + \(NumberText.short(separation, significant: 2)) e_1"))
        let both = data.first + data.second
        let low = both.min() ?? -1, high = both.max() ?? 1
        top.yLimits = (low - 0.05 * (high - low), high + 0.45 * (high - low))
        top.legend = .upperLeft
        bottom.xLabel = "t"
        bottom.yLabel = "|\u{0394}y(t)|"
        bottom.yScale = .log
        bottom.showsGrid = true
        let positive = zip(data.times, data.distance).filter { $0.1 > 0 }
        bottom.add(LineSeries(x: positive.map(\.0), y: positive.map(\.1), style: LineStyle(color: theme.truth, width: 1.1),
                              label: "distance"))
        let reachTime = log(data.attractorSize / separation) / max(data.lyapunov, 1e-12)
        let end = min(data.times.last ?? 0, reachTime)
        bottom.add(LineSeries(x: [0, end], y: [separation, separation * exp(data.lyapunov * end)],
                              style: theme.line(.reference, width: 1.6),
                              label: "\(NumberText.short(separation, significant: 2)) e^{\u{03BB}_1 t}, \u{03BB}_1 = \(NumberText.short(data.lyapunov, significant: 4))"))
        bottom.add(LineSeries(x: [0, data.times.last ?? 1], y: [data.attractorSize, data.attractorSize],
                              style: LineStyle(color: theme.role(.reference).color, width: 0.9, dash: .dotted),
                              label: "attractor RMS size \(NumberText.short(data.attractorSize, significant: 3))"))
        bottom.yLimits = (separation / 10, data.attractorSize * 30)
        bottom.legend = .lowerRight
        return figure
    }
}
