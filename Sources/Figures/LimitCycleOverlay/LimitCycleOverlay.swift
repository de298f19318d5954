import NeuralODE
import Render

/// The true and the learned limit cycles overlaid on the phase plane, each found by integrating to
/// convergence (`LimitCycleFinder`), with solution curves of the learned field spiralling onto its
/// cycle from inside and outside.
///
/// The legend gives each cycle's period T and amplitude A (half the range of the first
/// component). A learned field without a limit cycle (its trajectory settles at a point, leaves
/// every bound, or never repeats) is reported in the legend, not as an error; only a true system
/// without a cycle is an error.
public struct LimitCycleOverlay: FigureRecipe {
    public var system: SystemField
    public var model: LearnedModel
    public var window: PhaseWindow
    /// Starts of the learned field's curves; by default one near the window's centre and two towards opposite sides.
    public var initialStates: [SIMD2<Double>]
    public var duration = 25.0
    /// Finds the true cycle; the learned one starts from the same state with at most `learnedMaxTime`.
    public var finder: LimitCycleFinder
    public var learnedMaxTime = 3000.0

    /// Checks that the system is planar and has a limit cycle and that the model fits it.
    public init(system: SystemField, model: LearnedModel, window: PhaseWindow? = nil) throws(FigureError) {
        guard system.spec.dimension == 2 else { throw .notPlanar(system: system.spec.name, dimension: system.spec.dimension) }
        try model.check(against: system)
        try model.checkField(dimension: 2, figure: "a limit-cycle figure")
        finder = try PhasePortrait<SystemField>.limitCycleFinder(for: system)
        let w: PhaseWindow
        if let window { w = window } else { w = try PhaseWindow(x: system.spec.window.x, y: system.spec.window.y) }
        self.system = system; self.model = model; self.window = w
        let c = SIMD2(w.x.lowerBound + w.width / 2, w.y.lowerBound + w.height / 2)
        let outside = SIMD2(0.4 * w.width, -0.25 * w.height)
        initialStates = [c + SIMD2(0.02 * w.width, 0), c - outside, c + outside]
    }

    public var defaultTitle: String { SystemLabels.title(for: system) + ": learned vs true limit cycle" }

    /// What was found for the learned field.
    public enum LearnedCycle: Sendable, Equatable {
        case found(LimitCycle)
        /// No limit cycle, with a short reason ("settles at (0, 0)", "diverges").
        case none(String)

        public var cycle: LimitCycle? { if case let .found(c) = self { return c } else { return nil } }
    }

    public struct Data: Sendable {
        public var truth: LimitCycle
        public var learned: LearnedCycle
        /// The learned field's curves, each cut where it joins the learned cycle.
        public var paths: [PlanarPath]
    }

    public func compute() throws(FigureError) -> Data {
        let truth: LimitCycle
        do { truth = try finder.find(in: system) } catch { throw .limitCycleNotFound(error) }
        let learned = findLearned()
        let points = max(200, Int((duration * 60).rounded()))
        var paths: [PlanarPath] = []
        for (index, s) in initialStates.enumerated() {
            var path = try PlanarPath.solve(model.makeField(), from: s, duration: duration, points: points)
            if let failure = path.failure {
                throw .computationFailed("learned solution curve \(index + 1) from (\(s.x), \(s.y)) stopped: \(failure.description)")
            }
            if let c = learned.cycle, let end = joinIndex(path, cycle: c) { path = path.prefix(through: end) }
            paths.append(path)
        }
        return Data(truth: truth, learned: learned, paths: paths)
    }

    /// The learned cycle from the finder's start, or why there is none.
    func findLearned() -> LearnedCycle {
        var f = finder
        f.maxTime = learnedMaxTime
        // A tanh network's field is bounded, so an escaping state grows only linearly and would
        // take the finder a long time to call divergent: look where the state is after a while first.
        let scale = max(window.width, window.height)
        let centre = [window.x.lowerBound + window.width / 2, window.y.lowerBound + window.height / 2]
        if let probe = try? SampledTrajectory.solve(model.makeField(), from: f.start, t1: 200, points: 2, keeping: 2) {
            if probe.failure != nil { return .none("its solve fails") }
            let end = Array(probe.states.suffix(2))
            let distance = ((end[0] - centre[0]) * (end[0] - centre[0]) + (end[1] - centre[1]) * (end[1] - centre[1])).squareRoot()
            if !distance.isFinite || distance > 20 * scale { return .none("diverges") }
        }
        do {
            return .found(try f.find(in: model.makeField()))
        } catch {
            switch error {
            case let .fixedPoint(state): return .none("settles at " + NumberText.point(state, significant: 3))
            case .diverged: return .none("diverges")
            case let .notConverged(_, time, _): return .none("not periodic by t = " + NumberText.short(time, significant: 3))
            case .solveFailed: return .none("its solve fails")
            case let .invalidStart(reason): return .none(reason)
            }
        }
    }

    /// The first sample within 1/400 of the window's larger side of the cycle, if the path starts off it.
    func joinIndex(_ path: PlanarPath, cycle: LimitCycle) -> Int? {
        let eps = max(window.width, window.height) / 400
        let coarse = cycle.decimated(toAtMost: 240)
        guard path.count > 1, coarse.planarDistance(toX: path.x[0], y: path.y[0]) > 2 * eps else { return nil }
        return (1..<path.count).first { coarse.planarDistance(toX: path.x[$0], y: path.y[$0]) < eps }
    }

    /// "T = 6.663, A = 2.009".
    public static func summary(_ c: LimitCycle) -> String {
        "T = " + NumberText.short(c.period, significant: 4) + ", A = " + NumberText.short(c.amplitude, significant: 4)
    }


    /// Period and amplitude of the true cycle and of the learned one when it has one.
    public func keyNumbers(_ data: Data) -> [KeyNumber] {
        var out = [KeyNumber("truePeriod", data.truth.period, significant: 4), KeyNumber("trueAmplitude", data.truth.amplitude, significant: 4)]
        if let c = data.learned.cycle {
            out += [KeyNumber("learnedPeriod", c.period, significant: 4), KeyNumber("learnedAmplitude", c.amplitude, significant: 4),
                    KeyNumber("periodError", abs(c.period - data.truth.period) / data.truth.period, significant: 2)]
        }
        return out
    }

    /// Lays out the figure from already computed data.
    public func layout(_ data: Data, options: FigureOptions) -> Figure {
        let theme = options.theme
        let figure = options.makeFigure()
        let ax = figure[0, 0]
        figure.suptitle = options.resolvedTitle(defaultTitle)
        // The learned field need not satisfy x' = y, so the axis is the plain component (as in the
        // other learned-vs-true figures), not "y = \dot{x}".
        let labels = SystemLabels.phaseAxisLabels(componentNames: system.spec.componentNames, secondIsDerivative: false)
        ax.xLabel = labels.x
        ax.yLabel = labels.y
        ax.xLimits = (window.x.lowerBound, window.x.upperBound)
        ax.yLimits = (window.y.lowerBound, window.y.upperBound)
        ax.clipsMarks = false
        ax.equalAspect = true
        // The learned field's curves in the learned role, thin, so the two cycles stay the strongest lines.
        let curveColor = theme.learned
        let curveStyle = LineStyle(color: curveColor.withAlpha(0.75), width: 0.9, dash: .pattern(theme.learnedDash))
        let marker = MarkerStyle(.circle, size: max(6, 1.5 * theme.markerSize), fill: curveColor, edge: .white)
        for (k, path) in data.paths.enumerated() {
            ax.add(DirectedPath(x: path.x, y: path.y, style: curveStyle, startMarker: marker, arrowAt: 0.35,
                                label: k == 0 ? "learned field: solution curves" : nil))
        }
        ax.add(Clipped(ClosedCurve(x: data.truth.component(0), y: data.truth.component(1),
                                   style: theme.line(.limitCycle),
                                   label: "true: " + Self.summary(data.truth))))
        let learnedStyle = LineStyle(color: theme.learned, width: theme.thickLineWidth, dash: .pattern(theme.learnedDash.map { $0 * 1.3 }))
        switch data.learned {
        case let .found(c):
            ax.add(Clipped(ClosedCurve(x: c.component(0), y: c.component(1), style: learnedStyle, casing: nil,
                                       label: "learned: " + Self.summary(c))))
        case let .none(reason):
            // A legend row with no curve: the learned line style, saying what happened instead.
            ax.add(LineSeries(x: [], y: [], style: learnedStyle, label: "learned: no limit cycle (\(reason))"))
        }
        for (k, s) in initialStates.enumerated() where k < data.paths.count && window.contains(s) {
            ax.add(Scatter(x: [s.x], y: [s.y], marker: marker))
        }
        ax.legend = .best
        return figure
    }
}
