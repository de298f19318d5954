import NeuralODE
import Render

/// Learned against true solutions over time on a shared time axis: the true solution black and
/// solid, the learned one dashed in the theme's learned colour,
/// observations as points, and the training horizon marked so extrapolation past it shows.
///
/// A row of panels per initial state, a column per component; each row's title names its initial
/// state and the trajectory MSE of learned against true over the plotted interval.
public struct TrajectoryComparison: FigureRecipe {
    public var system: SystemField
    public var model: LearnedModel?
    /// Initial states (observed components), one curve pair each.
    public var initialStates: [[Double]]
    /// Observations drawn as points, trajectory k in the colour of initial state k; nil for none.
    public var observations: TrajectoryDataset?
    /// End of the plotted interval [0, duration].
    public var duration: Double
    /// Where the training data end; nil draws no marker.
    public var trainingHorizon: Double?
    /// Samples per curve.
    public var points = 801

    /// Checks the model and states against `system`.
    public init(system: SystemField, model: LearnedModel?, initialStates: [[Double]], duration: Double) throws(FigureError) {
        try model?.check(against: system)
        guard !initialStates.isEmpty else { throw .incompatible("give at least one initial state") }
        for s in initialStates where s.count != system.spec.dimension || !s.allSatisfy(\.isFinite) {
            throw .incompatible("initial state (\(s.map { NumberText.short($0) }.joined(separator: ", "))) does not fit "
                + "\(system.spec.name), which has \(system.spec.dimension) component\(system.spec.dimension == 1 ? "" : "s")")
        }
        guard duration.isFinite, duration > 0 else { throw .incompatible("the plotted interval must end at a positive time") }
        self.system = system; self.model = model; self.initialStates = initialStates; self.duration = duration
    }

    public var defaultTitle: String { SystemLabels.title(for: system) + (model == nil ? "" : ": learned vs true") }

    /// One initial state's pair of solutions and their trajectory MSE (nil when they share no sample).
    public struct Curve: Sendable {
        public var start: [Double]
        public var truth: SampledTrajectory
        /// The learned model's solution (nil without a model).
        public var learned: SampledTrajectory?
        public var mse: Double?
    }

    public struct Data: Sendable {
        public var curves: [Curve]
        /// Mean of the curves' MSEs (over those that have one).
        public var meanMSE: Double? {
            let m = curves.compactMap(\.mse)
            return m.isEmpty ? nil : m.reduce(0, +) / Double(m.count)
        }
    }

    /// Solves the true system and the learned field from every initial state.
    public func compute() throws(FigureError) -> Data {
        let single: SystemField
        do { single = try system.batched(1) } catch { throw .incompatible("\(error)") }
        var curves: [Curve] = []
        for s in initialStates {
            let truth = try SampledTrajectory.solve(single, from: s, t1: duration, points: points, keeping: s.count,
                                                    controller: .tolerances(rtol: 1e-10, atol: 1e-12))
            let learned = try model?.trajectory(from: s, t1: duration, points: points)
            curves.append(Curve(start: s, truth: truth, learned: learned, mse: learned?.meanSquaredDifference(to: truth)))
        }
        return Data(curves: curves)
    }


    /// Lays out the figure from already computed data: a row per initial state, a column per component.
    public func layout(_ data: Data, options: FigureOptions) -> Figure {
        let theme = options.theme
        let d = system.spec.dimension, rows = max(1, data.curves.count)
        let figure = Figure(width: options.size.points.width, height: options.size.points.height, rows: rows, columns: d,
                            sharedX: true, background: theme.background, style: options.chartStyle)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let truthStyle = theme.line(.truth)
        let learnedStyle = theme.line(.learned)
        let dataColor = theme.role(.data).color
        let marker = MarkerStyle(.circle, size: theme.markerSize + 0.5, fill: dataColor.withAlpha(0.6), edge: .white, edgeWidth: 0.5)
        let limits = (0..<d).map { yLimits(component: $0, data: data) }
        // The key under the last row, centred on it (`.below` on its first plot): at the side it would
        // narrow every plot, and the rows' titles need their width.
        let legendAxes = figure[rows - 1, 0]
        for (k, curve) in data.curves.enumerated() {
            let observed = observations.flatMap { k < $0.trajectories.count ? $0.trajectories[k] : nil }
            for c in 0..<d {
                let ax = figure[k, c]
                let first = ax === legendAxes
                ax.xLimits = (0, duration)
                ax.yLimits = limits[c]
                ax.yLabel = SystemLabels.symbol(system.spec.componentNames[c])
                if k == rows - 1 { ax.xLabel = "t" }
                if let h = trainingHorizon, h > 0, h < duration {
                    // Named in the legend only: a label along the line was overprinted by the curves.
                    ax.add(HorizonMarker(time: h, line: theme.line(.horizon, width: 1.1), text: nil,
                                         textSize: options.chartStyle.legendSize, label: first ? "training horizon" : nil))
                }
                if let observed, let dim = observations?.dimension {
                    let keep = observed.times.indices.filter { observed.times[$0] <= duration }
                    ax.add(Scatter(x: keep.map { observed.times[$0] }, y: keep.map { observed.values[$0 * dim + c] },
                                   marker: marker, label: first ? "observations" : nil))
                }
                ax.add(LineSeries(x: curve.truth.times, y: curve.truth.component(c), style: truthStyle, label: first ? "true" : nil))
                if let learned = curve.learned {
                    ax.add(LineSeries(x: learned.times, y: learned.component(c), style: learnedStyle,
                                      label: first ? "learned" : nil))
                }
            }
            var line = startText(curve.start)
            if let h = trainingHorizon, h < duration {
                let inside = curve.learned?.meanSquaredDifference(to: curve.truth, over: 0...h)
                let beyond = curve.learned?.meanSquaredDifference(to: curve.truth, over: h...duration)
                if let inside, let beyond {
                    // "MSE", not "MSE to true": the row's title must fit over its plots (the caption says what it measures).
                    line += ": MSE " + NumberFormat.real(inside, significant: 2, style: .label) + " on [0, " + NumberText.short(h)
                        + "], " + NumberFormat.real(beyond, significant: 2, style: .label) + " after"
                }
            } else if let mse = curve.mse {
                line += ": MSE to true " + NumberFormat.real(mse, significant: 2, style: .label)
            }
            if let failure = curve.learned?.failure { line += "; learned solve stopped: " + failure.description }
            figure[k, 0].title = line
            // The row's title (its initial state and errors), centred over all its components' plots.
            figure[k, 0].titleSpansRow = true
        }
        // True curves alone need no legend.
        if model != nil || observations != nil || trainingHorizon != nil { legendAxes.legend = .below }
        return figure
    }

    /// Per initial state k (from 1): the MSE of learned against true over the plotted interval and,
    /// with a horizon inside it, over [0, horizon] and after it; the mean over the states.
    public func keyNumbers(_ data: Data) -> [KeyNumber] {
        var out: [KeyNumber] = []
        for (k, curve) in data.curves.enumerated() {
            if let m = curve.mse { out.append(KeyNumber("mse\(k + 1)", m, significant: 2, meaning: "learned vs true on [0, \(duration)]")) }
            if let h = trainingHorizon, h < duration {
                if let m = curve.learned?.meanSquaredDifference(to: curve.truth, over: 0...h) { out.append(KeyNumber("mse\(k + 1).inside", m, significant: 2)) }
                if let m = curve.learned?.meanSquaredDifference(to: curve.truth, over: h...duration) { out.append(KeyNumber("mse\(k + 1).beyond", m, significant: 2)) }
            }
            if let lo = curve.learned?.component(0).filter(\.isFinite).min() { out.append(KeyNumber("min\(k + 1)", lo, significant: 2)) }
        }
        if let m = data.meanMSE { out.append(KeyNumber("meanMSE", m, significant: 2)) }
        out.append(KeyNumber("duration", text: NumberText.short(duration)))
        if let h = trainingHorizon { out.append(KeyNumber("horizon", text: NumberText.short(h))) }
        return out
    }

    /// "y_0 = 0.5" for one component, "(x_0, y_0) = (0, 3)" for several.
    func startText(_ start: [Double]) -> String {
        let names = system.spec.componentNames.map { name -> String in
            let s = SystemLabels.symbol(name)
            return s.contains("_") ? s + "(0)" : s + "_0"
        }
        if start.count == 1 { return (names.first ?? "y_0") + " = " + NumberText.short(start[0], significant: 4) }
        return "(" + names.joined(separator: ", ") + ") = " + NumberText.point(start, significant: 4)
    }

    /// Limits shared by a column: the true and learned solutions and the observations with a margin
    /// (a learned curve is never clipped; one that blows up past 3 times the truth's range is cut there).
    func yLimits(component c: Int, data: Data) -> (Double, Double) {
        var values = data.curves.flatMap { $0.truth.component(c) }
        let truthValues = values.filter(\.isFinite)
        if let lo = truthValues.min(), let hi = truthValues.max() {
            let span = max(hi - lo, 1e-9)
            values += data.curves.flatMap { $0.learned?.component(c) ?? [] }.filter { $0 > lo - span && $0 < hi + span }
        }
        if let observations {
            for t in observations.trajectories.prefix(data.curves.count) {
                for i in t.times.indices where t.times[i] <= duration { values.append(t.values[i * observations.dimension + c]) }
            }
        }
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return (-1, 1) }
        let pad = hi > lo ? 0.08 * (hi - lo) : max(0.1, 0.1 * abs(hi))
        return (lo - pad, hi + pad)
    }
}
