import NeuralODE
import Render

/// The phase portrait of a planar vector field: quiver arrows and streamlines coloured by speed,
/// solution curves from given initial states, and the limit cycle found by integrating to convergence.
///
/// Configure the stored properties, then call `makeFigure(options:)` (or `write(to:…)` from
/// `FigureRecipe`). `compute()` runs only the numerics, so the drawing can be timed or tested apart.
/// Curves that reach the limit cycle end where they join it (the cycle is drawn over them).
public struct PhasePortrait<Field: VectorField>: FigureRecipe {
    /// The field; its `stateSize` is 2.
    public var field: Field
    /// Names of the two components (axis labels).
    public var componentNames: [String]
    /// What the field is, in label notation ("Van der Pol oscillator (\mu = 1)"); the default title.
    public var systemTitle: String
    public var window: PhaseWindow
    public var showsQuiver = true
    public var showsStreamlines = true
    /// Initial states of the solution curves drawn.
    public var initialStates: [SIMD2<Double>] = []
    /// How long each solution curve is integrated.
    public var duration = 20.0
    /// Finds the limit cycle to draw; nil draws none.
    public var limitCycle: LimitCycleFinder?
    /// Draw a solution curve whose solve failed up to where it stopped (a warning in `Data.stopped`)
    /// instead of failing the figure.
    public var allowsPartialCurves = false
    public var method: SolverMethod = .dopri5
    public var controller: StepSizeController = .tolerances(rtol: 1e-9, atol: 1e-11)
    /// Quiver arrows along the longer side of the plot.
    public var arrowsAcross = 21
    /// Streamline density (1: lines about 1/28 of the plot apart).
    public var streamlineDensity = 1.1
    /// Seed of the streamline placement.
    public var streamlineSeed: UInt64 = 0
    /// Label the y axis "v = \dot{x}" when the first equation is x' = v.
    public var labelsVelocity = true
    /// The field the phase-plane toolkit analyses (the full n-D field on a slice); nil: no analysis.
    public var analysisField: AnalysisField?
    /// The plane of the analysis: the window, and the slice values for an n-D field.
    public var analysisPlane: PhasePlane?
    /// Which of nullclines, equilibria and separatrices to draw.
    public var analysisParts = PhaseAnalysis.Parts()
    /// Draws the field as grey texture without speed colours or colorbar (as under the toolkit's
    /// lines), for marks drawn over it that carry their own colour (particles).
    public var mutedField = false

    public init(field: Field, componentNames: [String], systemTitle: String, window: PhaseWindow) throws(FigureError) {
        guard field.stateSize == 2, componentNames.count == 2 else {
            throw .notPlanar(system: systemTitle, dimension: componentNames.count)
        }
        self.field = field; self.componentNames = componentNames; self.systemTitle = systemTitle; self.window = window
    }

    public var defaultTitle: String { systemTitle }

    /// What `compute` produces: the limit cycle (when asked for) and one path per initial state.
    public struct Data: Sendable {
        public var limitCycle: LimitCycle?
        public var paths: [PlanarPath]
        /// Nullclines, equilibria and separatrices, when asked for.
        public var analysis: PhaseAnalysis?
        /// One line per curve drawn short because its solve failed (only with `allowsPartialCurves`),
        /// and one when the field is not finite somewhere in the window (streamlines and arrows stop there).
        public var stopped: [String] = []
    }

    /// Runs the numerics: the limit cycle first, then each solution curve (cut where it joins the cycle).
    public func compute() throws(FigureError) -> Data {
        var cycle: LimitCycle?
        if let finder = limitCycle {
            do { cycle = try finder.find(in: field) } catch { throw .limitCycleNotFound(error) }
        }
        let points = max(200, Int((duration * 60).rounded()))
        var paths: [PlanarPath] = []
        var stopped: [String] = []
        for (index, s) in initialStates.enumerated() {
            var path = try PlanarPath.solve(field, from: s, duration: duration, points: points, method: method,
                                            controller: controller)
            if let failure = path.failure {
                let line = "solution curve \(index + 1) from (\(s.x), \(s.y)) stopped: \(failure.description)"
                guard allowsPartialCurves else { throw .computationFailed(line) }
                stopped.append(line)
            }
            if let c = cycle, let end = joinIndex(path, cycle: c) {
                path = path.prefix(through: end)
            } else if let end = returnIndex(path) {
                path = path.prefix(through: end)
            }
            paths.append(path)
        }
        var analysis: PhaseAnalysis?
        if analysisParts.any, let analysisField {
            let plane: PhasePlane
            if let analysisPlane {
                plane = analysisPlane
            } else {
                do { plane = try .planar(x: window.x, y: window.y) } catch { throw .invalidWindow(error.description) }
            }
            analysis = try PhaseAnalysis.compute(analysisField, plane: plane, parts: analysisParts)
        }
        if showsQuiver || showsStreamlines,
           let warning = PlanarField(field).nonFiniteWarning(x: window.x, y: window.y) {
            stopped.append(warning)
        }
        var data = Data(limitCycle: cycle, paths: paths, analysis: analysis)
        data.stopped = stopped
        return data
    }

    /// The first sample after which the path lies under the cycle's stroke (within 1/400 of the window's larger side).
    ///
    /// A sample at distance d from the cycle rules out the next samples until the path has travelled
    /// d − ε, so most samples are skipped without measuring.
    func joinIndex(_ path: PlanarPath, cycle: LimitCycle) -> Int? {
        let eps = max(window.width, window.height) / 400
        let coarse = cycle.decimated(toAtMost: 240)
        guard path.count > 1, coarse.planarDistance(toX: path.x[0], y: path.y[0]) > 2 * eps else { return nil }
        var budget = 0.0
        for i in 1..<path.count {
            budget -= ((path.x[i] - path.x[i - 1]) * (path.x[i] - path.x[i - 1]) + (path.y[i] - path.y[i - 1]) * (path.y[i] - path.y[i - 1])).squareRoot()
            guard budget <= 0 else { continue }
            let d = coarse.planarDistance(toX: path.x[i], y: path.y[i])
            if d < eps { return i }
            budget = d - eps
        }
        return nil
    }

    /// The first sample where a closed orbit is back at its start (within 1/400 of the window's larger
    /// side, after getting 20 times that far away), so a periodic curve is drawn once: repeated
    /// revolutions would overlap with shifted dashes and read as a solid line.
    func returnIndex(_ path: PlanarPath) -> Int? {
        guard path.count > 2 else { return nil }
        let eps = max(window.width, window.height) / 400
        var left = false
        for i in 1..<path.count {
            let d = ((path.x[i] - path.x[0]) * (path.x[i] - path.x[0]) + (path.y[i] - path.y[0]) * (path.y[i] - path.y[0])).squareRoot()
            if d > 20 * eps { left = true } else if left && d < eps { return i }
        }
        return nil
    }


    /// The limit cycle's period and amplitude when one was found; the equilibria in the window
    /// (`EquilibriumNumbers`) when the toolkit looked for them.
    public func keyNumbers(_ data: Data) -> [KeyNumber] {
        var out: [KeyNumber] = []
        if let c = data.limitCycle {
            out += [KeyNumber("period", c.period, significant: 4), KeyNumber("amplitude", c.amplitude, significant: 4)]
        }
        if let a = data.analysis, analysisParts.equilibria || analysisParts.separatrices {
            out += a.equilibriumNumbers()
        }
        return out
    }

    /// Lays out the figure from already computed data.
    public func layout(_ data: Data, options: FigureOptions) -> Figure {
        let theme = options.theme
        let figure = options.makeFigure()
        let ax = figure[0, 0]
        figure.suptitle = options.resolvedTitle(systemTitle)
        let f = PlanarField(field)
        let velocity = labelsVelocity && f.firstComponentIsVelocity(x: window.x, y: window.y)
        let labels = SystemLabels.phaseAxisLabels(componentNames: componentNames, secondIsDerivative: velocity)
        ax.xLabel = labels.x
        ax.yLabel = labels.y
        ax.xLimits = (window.x.lowerBound, window.x.upperBound)
        ax.yLimits = (window.y.lowerBound, window.y.upperBound)
        // Marks clip themselves; start markers on the window's edge show whole.
        ax.clipsMarks = false
        let ratio = window.width / window.height
        ax.equalAspect = ratio >= 0.8 && ratio <= 1.25

        let closure = f.closure
        let speed = Self.speedScale(closure, window: window, colormap: theme.sequential)
        // Under the toolkit's coloured lines the field is grey texture: no speed colours to confuse with them.
        let muted = data.analysis != nil || mutedField
        if showsStreamlines {
            let grey = LineStyle(color: Color(hex: muted ? 0xC4C4C4 : 0xBDBDBD), width: 0.7 * theme.streamlineWidth)
            ax.add(Clipped(Streamlines(field: closure, density: streamlineDensity, style: grey,
                                       speedScale: showsQuiver || muted ? nil : speed, arrowSize: 4.2, seed: streamlineSeed)))
        }
        if showsQuiver {
            let (nx, ny) = arrowGrid(equalAspect: ax.equalAspect)
            var q = muted ? Quiver.grid(x: window.x, y: window.y, nx: nx, ny: ny, field: closure, color: Color(hex: 0xA0A0A0), unitLength: true)
                : Quiver.grid(x: window.x, y: window.y, nx: nx, ny: ny, field: closure, scale: speed, unitLength: true)
            q.width = theme.arrowWidth
            ax.add(Clipped(q))
        }
        let layer = data.analysis.map { PhaseAnalysisLayer(analysis: $0, componentNames: componentNames) }
        layer?.addLines(to: ax, theme: theme)
        let dashes: [Dash] = [.solid, .dashed, .dotted, .dashDot]
        let shapes: [MarkerShape] = [.circle, .square, .diamond, .triangle]
        var markers: [Scatter] = []
        for (k, path) in data.paths.enumerated() {
            // With the toolkit's coloured lines, solution curves are dark, told apart by dash and start marker.
            let color = muted ? Color(hex: 0x333333) : theme.seriesColor(k)
            let marker = MarkerStyle(shapes[k % shapes.count], size: max(7, 1.75 * theme.markerSize), fill: color, edge: .white)
            let start = initialStates[k]
            ax.add(DirectedPath(x: path.x, y: path.y, style: LineStyle(color: color, width: 1.2 * theme.lineWidth, dash: dashes[k % dashes.count]),
                                startMarker: marker, arrowAt: 0.5,
                                label: "from " + NumberText.point([start.x, start.y], significant: 4)))
            if window.contains(start) { markers.append(Scatter(x: [start.x], y: [start.y], marker: marker)) }
        }
        if let cycle = data.limitCycle {
            ax.add(Clipped(ClosedCurve(x: cycle.component(0), y: cycle.component(1),
                                       style: theme.line(.limitCycle),
                                       label: "limit cycle, T = " + NumberText.short(cycle.period, significant: 4))))
            // Start markers stay visible on top of the cycle.
            for m in markers { ax.add(m) }
        }
        layer?.addMarkers(to: ax, theme: theme)
        if (showsQuiver || showsStreamlines) && !muted {
            let short = componentNames.allSatisfy { $0.count <= 2 || SystemLabels.greek.contains($0) }
            ax.addColorbar(speed, label: short ? "speed |f(\(labels.x), \(SystemLabels.symbol(componentNames[1])))|" : "speed |f|")
        }
        if ax.marks.contains(where: { $0.legendEntry != nil }) {
            // The coloured field fills the plot edge to edge, so no inside corner is free. A plane
            // stretched to the page: a key beyond the colour bar would squeeze it into a column, so it
            // goes under the plot. A plane kept square leaves the page's spare width at the side for it.
            ax.legend = ax.colorbar != nil && !ax.equalAspect ? .below : .best
        }
        return figure
    }

    /// The colour scale for |f| over the window: linear ticks from 0 to the largest speed on a 64 × 64
    /// grid, with the colormap read at √(fraction) (a power norm) so slow regions are not one flat colour.
    static func speedScale(_ f: (Double, Double) -> (Double, Double), window: PhaseWindow, colormap: Colormap) -> ColorScale {
        let base = ColorScale.speed(of: f, x: window.x, y: window.y, colormap: { colormap.color(at: $0) })
        return ColorScale(lower: 0, upper: base.upper, colormap: { colormap.color(at: $0.squareRoot()) })
    }

    /// Arrows along x and y: `arrowsAcross` on the longer side of the plot, square cells.
    func arrowGrid(equalAspect: Bool) -> (Int, Int) {
        guard equalAspect else { return (arrowsAcross, arrowsAcross) }
        let n = Double(max(2, arrowsAcross))
        if window.width >= window.height {
            return (Int(n), max(2, Int((n * window.height / window.width).rounded())))
        }
        return (max(2, Int((n * window.width / window.height).rounded())), Int(n))
    }
}

extension PhasePortrait where Field == SystemField {
    /// The phase portrait of a registry system over `window` (default: the system's own).
    ///
    /// Throws `notPlanar` for systems that are not two-dimensional.
    public init(system: SystemField, window: PhaseWindow? = nil) throws(FigureError) {
        guard system.spec.dimension == 2, system.stateSize == 2 else {
            throw .notPlanar(system: system.spec.name, dimension: system.spec.dimension)
        }
        let w: PhaseWindow
        if let window { w = window } else { w = try PhaseWindow(x: system.spec.window.x, y: system.spec.window.y) }
        try self.init(field: system, componentNames: system.spec.componentNames,
                      systemTitle: SystemLabels.title(for: system), window: w)
    }

    /// A limit-cycle finder starting from the system's example state, or `noLimitCycle` when it has none.
    public static func limitCycleFinder(for system: SystemField) throws(FigureError) -> LimitCycleFinder {
        guard system.spec.hasLimitCycle else {
            throw .noLimitCycle(system: system.spec.name, systemsWithOne: SystemRegistry.limitCycleSystems)
        }
        return LimitCycleFinder(start: system.spec.exampleInitialState)
    }
}
