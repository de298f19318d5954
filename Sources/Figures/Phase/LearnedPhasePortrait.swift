import NeuralODE
import Render

/// A learned planar field on the phase plane: alone, side by side with the true field, or overlaid on it.
///
/// `learned` is `PhasePortrait` of the model's field. `sideBySide` draws each field as grey
/// streamlines under arrows coloured by speed through one colour scale (the larger of the two
/// fields' top speeds), with the same window in both panels. `overlay` draws the true streamlines
/// in grey and the learned field's arrows in the theme's learned colour. Solution curves from
/// `initialStates` follow each field: true solid black, learned dashed in the learned colour.
public struct LearnedPhasePortrait: FigureRecipe {
    public var model: LearnedModel
    /// The true system; required by `sideBySide` and `overlay`.
    public var system: SystemField?
    public var window: PhaseWindow
    /// Learned alone, side by side with the truth, or overlaid on it.
    public var arrangement: PhaseLayout
    public var componentNames: [String]
    public var initialStates: [SIMD2<Double>] = []
    public var duration = 20.0
    public var arrowsAcross = 17
    public var streamlineDensity = 1.0
    public var streamlineSeed: UInt64 = 0
    /// Describes the model in titles ("model vdp.json").
    public var modelTitle: String
    /// Nullclines, equilibria and separatrices of both fields (side-by-side: each on its panel;
    /// overlay: both on one, the learned ones in the learned colour).
    public var analysisParts = PhaseAnalysis.Parts()

    /// Checks that the model is planar, and that a system is given (and planar) when the layout needs one.
    public init(model: LearnedModel, system: SystemField?, window: PhaseWindow, layout: PhaseLayout) throws(FigureError) {
        try model.checkField(dimension: 2, figure: "a phase portrait")
        if let system {
            guard system.spec.dimension == 2 else { throw .notPlanar(system: system.spec.name, dimension: system.spec.dimension) }
        } else if layout != .learned {
            throw .incompatible("the \(layout.rawValue) layout compares with a true system: give one")
        }
        self.model = model; self.system = system; self.window = window; self.arrangement = layout
        componentNames = system?.spec.componentNames ?? ["x", "y"]
        modelTitle = model.name
    }

    public var defaultTitle: String {
        guard let system else { return "Learned vector field (\(modelTitle))" }
        switch arrangement {
        case .learned: return "Learned vector field: " + SystemLabels.title(for: system)
        case .sideBySide, .overlay: return SystemLabels.title(for: system) + ": learned vs true field"
        }
    }

    /// The learned field alone as a phase portrait (the `learned` layout).
    public func learnedPortrait() throws(FigureError) -> PhasePortrait<MLPField> {
        var p = try PhasePortrait(field: model.makeField(), componentNames: componentNames, systemTitle: defaultTitle, window: window)
        p.initialStates = initialStates
        p.duration = duration
        p.streamlineSeed = streamlineSeed
        p.labelsVelocity = false
        return p
    }

    /// What `compute` produces: the learned portrait alone, or both fields and the solution curves.
    public enum Data {
        case learned(PhasePortrait<MLPField>, PhasePortrait<MLPField>.Data)
        case compared(Comparison)

        /// Warning lines: curves drawn short and fields that are not finite somewhere in the window.
        public var warnings: [String] {
            switch self {
            case let .learned(_, data): data.stopped
            case let .compared(comparison): comparison.warnings
            }
        }
    }

    /// Both fields as closures with the true and learned solution curves from `initialStates`.
    public struct Comparison {
        public var truth: (Double, Double) -> (Double, Double)
        public var learned: (Double, Double) -> (Double, Double)
        public var curves: [(truth: PlanarPath, learned: PlanarPath)]
        /// The toolkit's results for both fields, when asked for.
        public var analyses: (truth: PhaseAnalysis, learned: PhaseAnalysis)?
        /// One line per field that is not finite somewhere in the window (its streamlines stop there).
        public var warnings: [String] = []
    }

    public func compute() throws(FigureError) -> Data {
        switch arrangement {
        case .learned:
            let portrait = try learnedPortrait()
            return .learned(portrait, try portrait.compute())
        case .sideBySide, .overlay:
            guard let system else { throw .incompatible("no true system to compare with") }
            let field = model.makeField()
            let points = max(200, Int((duration * 60).rounded()))
            let single: SystemField
            do { single = try system.batched(1) } catch { throw .incompatible("\(error)") }
            var curves: [(truth: PlanarPath, learned: PlanarPath)] = []
            for (index, s) in initialStates.enumerated() {
                let pair = (truth: try PlanarPath.solve(single, from: s, duration: duration, points: points),
                            learned: try PlanarPath.solve(field, from: s, duration: duration, points: points))
                for (which, path) in [("true", pair.truth), ("learned", pair.learned)] {
                    if let failure = path.failure {
                        throw .computationFailed("\(which) solution curve \(index + 1) from (\(s.x), \(s.y)) stopped: \(failure.description)")
                    }
                }
                curves.append(pair)
            }
            let analyses = analysisParts.any ? try self.analyses(system: system) : nil
            var warnings: [String] = []
            if let line = PlanarField(system).nonFiniteWarning(x: window.x, y: window.y) { warnings.append("true field: " + line) }
            if let line = PlanarField(field).nonFiniteWarning(x: window.x, y: window.y) { warnings.append("learned field: " + line) }
            return .compared(Comparison(truth: PlanarField(system).closure, learned: PlanarField(field).closure, curves: curves,
                                        analyses: analyses, warnings: warnings))
        }
    }

    /// The learned portrait's numbers, or both fields' equilibria (`eqN…`, `learnedEqN…` and each
    /// learned one's distance to the nearest true one) when the toolkit looked for them.
    public func keyNumbers(_ data: Data) -> [KeyNumber] {
        switch data {
        case let .learned(portrait, computed): return portrait.keyNumbers(computed)
        case let .compared(comparison):
            guard let a = comparison.analyses, analysisParts.equilibria || analysisParts.separatrices else { return [] }
            let plane = a.truth.plane
            let inside = { (list: [Equilibrium]) in list.filter { plane.contains($0.state) } }
            return a.truth.equilibriumNumbers() + a.learned.equilibriumNumbers(prefix: "learned")
                + EquilibriumNumbers.distances(learned: inside(a.learned.equilibria), truth: inside(a.truth.equilibria),
                                               plane: (plane.xComponent, plane.yComponent))
        }
    }

    public func layout(_ data: Data, options: FigureOptions) -> Figure {
        switch data {
        case let .learned(portrait, computed): return portrait.layout(computed, options: options)
        case let .compared(comparison): return compared(comparison, options: options)
        }
    }

    private func compared(_ comparison: Comparison, options: FigureOptions) -> Figure {
        let theme = options.theme
        let truth = comparison.truth, learned = comparison.learned
        let side = arrangement == .sideBySide
        let figure = options.makeFigure(rows: 1, columns: side ? 2 : 1)
        figure.suptitle = options.resolvedTitle(defaultTitle)
        let axes = side ? [figure[0, 0], figure[0, 1]] : [figure[0, 0]]
        let labels = SystemLabels.phaseAxisLabels(componentNames: componentNames, secondIsDerivative: false)
        for (i, ax) in axes.enumerated() {
            ax.xLabel = labels.x
            ax.yLabel = i == 0 ? labels.y : nil
            ax.xLimits = (window.x.lowerBound, window.x.upperBound)
            ax.yLimits = (window.y.lowerBound, window.y.upperBound)
            ax.equalAspect = true
            ax.clipsMarks = false
        }
        let grey = LineStyle(color: Color(hex: 0xBDBDBD), width: 0.7 * theme.streamlineWidth)
        let cells = arrowGrid()
        // Under the toolkit's lines the fields are muted: grey arrows side by side, faint learned arrows overlaid.
        let muted = comparison.analyses != nil
        if side && muted {
            for (ax, (field, name)) in zip(axes, [(truth, "True"), (learned, "Learned")]) {
                ax.title = name
                ax.add(Clipped(Streamlines(field: field, density: streamlineDensity, style: grey, arrowSize: 0, seed: streamlineSeed)))
                var q = Quiver.grid(x: window.x, y: window.y, nx: cells.0, ny: cells.1, field: field, color: Color(hex: 0xA0A0A0), unitLength: true)
                q.width = theme.arrowWidth
                ax.add(Clipped(q))
            }
        } else if side {
            let t = ColorScale.speed(of: truth, x: window.x, y: window.y, colormap: { _ in .black }).upper
            let l = ColorScale.speed(of: learned, x: window.x, y: window.y, colormap: { _ in .black }).upper
            let map = theme.sequential
            let speed = ColorScale(lower: 0, upper: max(t.isFinite ? t : 0, l.isFinite ? l : 0, 1e-12),
                                   colormap: { map.color(at: $0.squareRoot()) })
            for (ax, (field, name)) in zip(axes, [(truth, "True"), (learned, "Learned")]) {
                ax.title = name
                ax.add(Clipped(Streamlines(field: field, density: streamlineDensity, style: grey, arrowSize: 0, seed: streamlineSeed)))
                var q = Quiver.grid(x: window.x, y: window.y, nx: cells.0, ny: cells.1, field: field, scale: speed, unitLength: true)
                q.width = theme.arrowWidth
                ax.add(Clipped(q))
            }
            axes[1].addColorbar(speed, label: "speed |f|")
        } else {
            let ax = axes[0]
            ax.add(Clipped(Streamlines(field: truth, density: streamlineDensity, style: LineStyle(color: Color(hex: 0xA8A8A8), width: 0.9),
                                       arrowSize: 4, seed: streamlineSeed, label: "true field (streamlines)")))
            var q = Quiver.grid(x: window.x, y: window.y, nx: cells.0, ny: cells.1, field: learned,
                                color: muted ? theme.learned.withAlpha(0.4) : theme.learned, unitLength: true)
            q.width = theme.arrowWidth
            q.label = "learned field (arrows)"
            ax.add(Clipped(q))
        }
        if let pair = comparison.analyses {
            let truthAnalysis = pair.truth, learnedAnalysis = pair.learned
            let names = componentNames
            if side {
                PhaseAnalysisLayer(analysis: truthAnalysis, componentNames: names).add(to: axes[0], theme: theme)
                PhaseAnalysisLayer(analysis: learnedAnalysis, componentNames: names, learned: true).add(to: axes[1], theme: theme)
            } else {
                let t = PhaseAnalysisLayer(analysis: truthAnalysis, componentNames: names, labelsTrue: true)
                let l = PhaseAnalysisLayer(analysis: learnedAnalysis, componentNames: names, learned: true)
                t.addLines(to: axes[0], theme: theme)
                l.addLines(to: axes[0], theme: theme)
                t.addMarkers(to: axes[0], theme: theme)
                l.addMarkers(to: axes[0], theme: theme)
            }
        }
        addCurves(comparison.curves, to: axes, theme: theme)
        for ax in axes where ax.marks.contains(where: { $0.legendEntry != nil }) { ax.legend = .best }
        return figure
    }

    /// True (solid black) and learned (dashed) solution curves: true ones on the first panel, learned on the last.
    private func addCurves(_ curves: [(truth: PlanarPath, learned: PlanarPath)], to axes: [Axes], theme: Theme) {
        guard !curves.isEmpty, let first = axes.first, let last = axes.last else { return }
        let truthStyle = LineStyle(color: theme.truth, width: 1.2 * theme.lineWidth)
        let learnedStyle = LineStyle(color: theme.learned, width: 1.4 * theme.lineWidth, dash: .pattern(theme.learnedDash))
        for (k, (t, l)) in curves.enumerated() {
            let marker = MarkerStyle(.circle, size: max(7, 1.75 * theme.markerSize), fill: theme.truth, edge: .white)
            first.add(DirectedPath(x: t.x, y: t.y, style: truthStyle, startMarker: marker, arrowAt: 0.5,
                                   label: k == 0 ? "true solution" : nil))
            last.add(DirectedPath(x: l.x, y: l.y, style: learnedStyle, startMarker: marker, arrowAt: 0.5,
                                  label: k == 0 ? "learned solution" : nil))
        }
    }

    /// The toolkit's results for the true system (exact Jacobian) and the model (VJP Jacobian) on the window.
    public func analyses(system: SystemField) throws(FigureError) -> (truth: PhaseAnalysis, learned: PhaseAnalysis) {
        let plane: PhasePlane
        do { plane = try .planar(x: window.x, y: window.y) } catch { throw .invalidWindow(error.description) }
        let single: SystemField
        do { single = try system.batched(1) } catch { throw .incompatible("\(error)") }
        return (try PhaseAnalysis.compute(AnalysisField(exact: single), plane: plane, parts: analysisParts),
                try PhaseAnalysis.compute(AnalysisField(network: model.makeField()), plane: plane, parts: analysisParts))
    }

    /// Arrows along x and y for square cells, `arrowsAcross` on the longer side.
    func arrowGrid() -> (Int, Int) {
        let n = Double(max(2, arrowsAcross))
        if window.width >= window.height { return (Int(n), max(2, Int((n * window.height / window.width).rounded()))) }
        return (max(2, Int((n * window.width / window.height).rounded())), Int(n))
    }
}
